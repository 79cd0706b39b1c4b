/// `text` with `mark` put before every `escaped` scalar: how a Markdown table cell escapes its pipes
/// (`\` before `|`; a CSV field doubles its quotes likewise, by byte, in `FitCSVWriter.appendField`).
/// It goes by scalar, as the readers do: a pipe followed by a combining mark is one Swift character
/// equal to none. Both are ASCII, so the scalars are found by byte: in UTF-8 every byte of a longer scalar
/// is 0x80 or above.
func inserting(_ mark: Unicode.Scalar, before escaped: Unicode.Scalar, in text: String) -> String {
    precondition(mark.isASCII && escaped.isASCII, "ASCII scalars only")
    let (markByte, escapedByte) = (UInt8(mark.value), UInt8(escaped.value))
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count + 2)
    for byte in text.utf8 {
        if byte == escapedByte { bytes.append(markByte) }
        bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
}
