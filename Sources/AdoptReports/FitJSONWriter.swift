import AdoptStudies
import Foundation

/// JSON for pipelines: `{"fits": [...]}` with snake_case keys, sorted, and `null` for values that
/// do not exist (a standard error of a parameter that is not identified), as `JSONEncoder` writes
/// the whole report (`JSONText`).
///
/// The fits are written in chunks, in parallel, straight into bytes (`PrettyJSON`), and passed on
/// in order as they are done (`ChunkedText`): the text is the whole report's encoding, byte for
/// byte, without the whole of it ever in memory.
public enum FitJSONWriter {
    /// Fits per chunk: a chunk is written on one core, and about this many chunks' text is in memory.
    static let fitsPerChunk = 64

    /// The whole text at once (tests, small reports).
    public static func render(_ report: FitReport) throws -> String {
        try chunks(report).string()
    }

    /// The report as chunks of fits. Throws if the report without its fits cannot be encoded.
    /// `compact`: the same JSON without the whitespace between its tokens, on one line (and a line
    /// feed at the end).
    public static func chunks(_ report: FitReport, compact: Bool = false) throws -> ChunkedText {
        let (head, tail) = try frame(report)
        let fits = report.fits
        let count = max(1, (fits.count + fitsPerChunk - 1) / fitsPerChunk)
        @Sendable func render(_ k: Int, _ out: inout ByteBuffer) {
            if k == 0 { out.append(head) }
            let range = (k * fitsPerChunk)..<min(fits.count, (k + 1) * fitsPerChunk)
            // After the bracket a line feed (with no fits the empty array's blank line, "[\n\n  ]"),
            // between fits a comma and one; each fit four spaces in.
            for i in range {
                out.append(i == 0 ? "\n" : ",\n")
                out.appendSpaces(4)
                PrettyJSON.fit(fits[i], indent: 4, &out)
            }
            if fits.isEmpty { out.append("\n") }
            if k == count - 1 { out.append(tail) }
        }
        return ChunkedText(count: count) { k, out in
            guard compact else { return render(k, &out) }
            var pretty = ByteBuffer(capacity: ChunkedText.initialCapacity)
            render(k, &pretty)
            pretty.withUnsafeBytes { appendCompact($0, into: &out) }
            if k == count - 1 { out.append(UInt8(ascii: "\n")) }
        }
    }

    /// Appends `json` without the spaces, tabs and line breaks between its tokens (those inside strings
    /// stay; a string's own line breaks are escaped). A chunk starts and ends outside any string.
    static func appendCompact(_ json: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer) {
        var inString = false, escaped = false
        out.reserve(json.count)
        for byte in json {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                continue
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            }
            out.append(byte)
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
}
