import AdoptStudies
import Foundation

/// JSON for pipelines: `{"fits": [...]}` with snake_case keys, sorted, and `null` for values that
/// do not exist (a standard error of a parameter that is not identified), as `JSONEncoder` writes
/// the whole report (`JSONText`).
///
/// The fits are encoded in chunks, in parallel, and passed on in order as they are done
/// (`ChunkedText`): the text is the whole report's encoding, byte for byte, without the whole
/// of it (five times the records' size for `JSONEncoder`'s tree, its data and a string) ever in memory.
public enum FitJSONWriter {
    /// Fits per chunk: a chunk is encoded on one core, and about this many chunks' text is in memory.
    static let fitsPerChunk = 64

    /// The whole text at once (tests, small reports).
    public static func render(_ report: FitReport) throws -> String {
        try chunks(report).string()
    }

    /// The report as chunks of fits. Throws if the report without its fits cannot be encoded; a
    /// chunk of fits that cannot be stops the output there (`ChunkedText.Failure.rendering`).
    public static func chunks(_ report: FitReport) throws -> ChunkedText {
        let (head, tail) = try frame(report)
        let fits = report.fits
        let count = max(1, (fits.count + fitsPerChunk - 1) / fitsPerChunk)
        return ChunkedText(count: count) { k, out in
            if k == 0 { out.append(head) }
            let range = (k * fitsPerChunk)..<min(fits.count, (k + 1) * fitsPerChunk)
            // After the bracket a line feed (with no fits the empty array's blank line, "[\n\n  ]"),
            // between chunks a comma and one.
            out.append(k == 0 ? "\n" : ",\n")
            if !range.isEmpty {
                // The chunk's fits as an array, "[\n  {…},\n  {…}\n]": its elements, each line two
                // spaces further in (the report's fits are one level deeper than the array's).
                let data = try JSONText.encode(Array(fits[range]))
                data.withUnsafeBytes { raw in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    indentElements(of: bytes, by: 2, into: &out)
                }
            }
            if k == count - 1 { out.append(tail) }
        }
    }

    /// The report's text before its first fit and after its last: its encoding without fits
    /// splits at the empty array, `"fits" : [\n\n  ]`. `tail` ends with the final line feed.
    static func frame(_ report: FitReport) throws -> (head: String, tail: String) {
        var empty = report
        empty.fits = []
        let text = String(decoding: try JSONText.encode(empty), as: UTF8.self)
        let open = "\n  \"fits\" : [", close = "\n  ]"
        guard let at = text.range(of: open + "\n" + close) else { throw FrameNotFound() }
        let head = String(text[..<at.lowerBound]) + open
        let tail = close + String(text[at.upperBound...]) + "\n"
        return (head, tail)
    }

    struct FrameNotFound: Error, CustomStringConvertible {
        var description: String { "the encoder did not write an empty list of fits as \"fits\" : [\\n\\n  ]" }
    }

    /// The lines of an encoded array's elements (between "[\n" and "\n]"), each `spaces` further
    /// in, but for the empty line of an empty array ("[\n\n  ]"). A line break in JSON text is
    /// always between tokens: strings hold theirs as `\n`.
    static func indentElements(of array: UnsafeBufferPointer<UInt8>, by spaces: Int, into out: inout ByteBuffer) {
        let lineFeed = UInt8(ascii: "\n")
        guard array.count > 4, let base = array.baseAddress else { return }
        var start = 2
        let end = array.count - 2
        while start < end {
            var stop = start
            while stop < end && base[stop] != lineFeed { stop += 1 }
            if stop > start { for _ in 0..<spaces { out.append(UInt8(ascii: " ")) } }
            out.append(UnsafeBufferPointer(start: base + start, count: stop - start))
            if stop < end { out.append(lineFeed) }
            start = stop + 1
        }
    }
}
