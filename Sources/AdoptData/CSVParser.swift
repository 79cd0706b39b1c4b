/// The byte-level state machine behind `CSVReader`.
///
/// It scans the input once, validating UTF-8 as it goes, and records every
/// field as a byte range. The input itself is never modified: a quoted field
/// containing `""` escapes is unescaped into `unescaped`, and its range then
/// points past the end of the input (offset `count + k` is `unescaped[k]`).
///
/// Parsing is in two phases: `parseHeader()` finds the header, after which the
/// number of fields is known and the caller can allocate exact-size storage
/// for `parseRows(starts:ends:lines:)`.
struct CSVParser {
    /// The column names, once `parseHeader()` has run.
    private(set) var header: [String] = []
    /// The physical line of the header.
    private(set) var headerLine = 0
    /// Unescaped copies of quoted fields that contained `""`.
    private(set) var unescaped: [UInt8] = []
    /// The lines after the header read as comments (starting with `#`), in file order.
    private(set) var commentLines: [Int] = []
    /// Their text, without the line ending.
    private(set) var commentTexts: [String] = []

    private let p: UnsafePointer<UInt8>
    private let n: Int
    private let source: String
    /// The next byte to read.
    private var i = 0
    /// The current physical line, and the offset where it starts.
    private var line = 1
    private var lineStart = 0
    private var haveHeader = false
    /// Header fields gathered while parsing the first record.
    private var headerRanges: [(start: UInt32, end: UInt32)] = []
    /// Destinations of the data phase: field `k` of row `r` goes to index `r * header.count + k`.
    private var starts = UnsafeMutableBufferPointer<UInt32>(start: nil, count: 0)
    private var ends = UnsafeMutableBufferPointer<UInt32>(start: nil, count: 0)
    private var rowBase = 0

    /// Prepares to parse `base[0..<count]`, which must stay valid and unchanged while the parser runs.
    init(_ base: UnsafePointer<UInt8>, count: Int, source: String) {
        p = base
        n = count
        self.source = source
        if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF {
            i = 3  // UTF-8 byte order mark
            lineStart = 3
        }
    }

    // MARK: - Phases

    /// Skips leading comments and blank lines and parses the header record.
    ///
    /// - Throws: `DataError` if there is no header, or it is malformed or has duplicate names.
    mutating func parseHeader() throws(DataError) {
        // UTF-16 (with or without its byte order mark) reads as bytes 0x00 between the characters.
        if n >= 2, (p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF) {
            let bom = p[0] == 0xFF ? "0xFF 0xFE" : "0xFE 0xFF"
            throw DataError.bad(source, line: 1, "the file is UTF-16 (it starts with the byte order mark \(bom)); save it as UTF-8")
        }
        if let nul = (0..<min(n, 4096)).first(where: { p[$0] == 0 }) {
            let nulLine = 1 + (0..<nul).reduce(0) { $0 + (p[$1] == 0x0A ? 1 : 0) }
            throw DataError.bad(source, line: nulLine, "a NUL byte (0x00): the file is UTF-16 or not text; save it as UTF-8 text")
        }
        let contentStart = i
        try skipSeparatorLine()
        while i < n {
            if try skipNonRecordLine() { continue }
            let recordLine = line
            let found = try parseRecord()
            var seen: [String: Int] = [:]
            for (k, range) in headerRanges.enumerated() {
                let name = text(range.start, range.end)
                // Unnamed columns (trailing commas of a spreadsheet export) cannot be named, so repeats do not matter.
                if let earlier = seen[name], !name.allSatisfy(\.isWhitespace) {
                    throw DataError.bad(
                        source, line: recordLine, field: name,
                        "duplicate column name in the header (columns \(earlier + 1) and \(k + 1))")
                }
                seen[name] = k
                header.append(name)
            }
            assert(found == header.count)
            headerLine = recordLine
            haveHeader = true
            headerRanges = []
            return
        }
        throw DataError.bad(
            source,
            contentStart == n
                ? "the input is empty; expected a header line"
                : "no header line: the input has only comments and blank lines")
    }

    /// The number of line feeds after the header, an upper bound on the data records minus one.
    func remainingLineFeeds() -> Int {
        ByteScanning.lineFeeds(p, from: i, to: n)
    }

    /// The offset of the next byte to read: after `parseHeader()`, the start of the data records.
    var position: Int { i }

    /// The physical line of the next byte to read.
    var currentLine: Int { line }

    /// Parses all data records into the given storage and returns how many there were.
    ///
    /// - Parameters:
    ///   - starts: Receives field start offsets, `header.count` per row.
    ///   - ends: Receives field end offsets, likewise.
    ///   - lines: Receives the physical line each row starts on; its count
    ///     must be at least the number of records (`remainingLineFeeds() + 1` is).
    /// - Throws: `DataError` for the first malformed record.
    mutating func parseRows(
        starts: UnsafeMutableBufferPointer<UInt32>,
        ends: UnsafeMutableBufferPointer<UInt32>,
        lines: UnsafeMutableBufferPointer<UInt32>
    ) throws(DataError) -> Int {
        precondition(haveHeader, "parseHeader() must run first")
        self.starts = starts
        self.ends = ends
        let width = header.count
        var rows = 0
        while i < n {
            if p[i] == ByteScanning.hash {
                let (commentLine, start) = (line, i)
                _ = try skipNonRecordLine()
                var end = i
                while end > start, p[end - 1] == ByteScanning.lineFeed || p[end - 1] == ByteScanning.carriageReturn { end -= 1 }
                commentLines.append(commentLine)
                commentTexts.append(String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self))
                continue
            }
            if try skipNonRecordLine() { continue }
            let recordLine = line
            let recordStart = i
            rowBase = rows * width
            let found = try parseRecord()
            guard found == width else {
                // A short last line: a note under the data, or a DOS end-of-file mark (Ctrl-Z).
                let last = found < width && (i..<n).allSatisfy { [0x20, 0x09, 0x0D, 0x0A, 0x1A].contains(p[$0]) }
                let endOfFileMark = last && p[recordStart] == 0x1A
                    && (recordStart + 1..<i).allSatisfy { [0x20, 0x09, 0x0D, 0x0A, 0x1A].contains(p[$0]) }
                let separated = width == 1 ? [(";", "semicolons", " (with decimal commas?)"), ("\t", "tabs", "")].first { header[0].contains($0.0) } : nil
                // More fields than a one-field header, early in the file: notes above the header.
                // (A header like a sentence, with a space or a colon; a quoted header holding the
                // commas is another mistake, and is named as such.)
                let quotedHeader = width == 1 && header[0].contains(",")
                let notes = width == 1 && found > 1 && headerLine <= 3 && rows < 3 && !quotedHeader
                    && header[0].contains(where: { $0 == " " || $0 == ":" })
                let grouped = found > width && width > 1
                    ? Self.groupedNumber(UnsafeBufferPointer(start: p + recordStart, count: i - recordStart), groups: found - width) : nil
                var error = DataError.bad(
                    source, line: recordLine,
                    "expected \(width) field\(width == 1 ? "" : "s") (as in the header), found \(found)"
                        + (notes && separated == nil ? "; the header was taken from line \(headerLine) (\(DataError.quote(header[0]))): "
                           + "if lines above the real header are notes, start them with #" : "")
                        + (quotedHeader ? "; the header is one quoted field holding commas (\(DataError.quote(header[0]))): "
                           + "remove the quotes around it" : "")
                        + (grouped.map { "; \(DataError.quote($0)) reads as a number with thousands separators: write it "
                            + "without them (\($0.filter { $0 != "," }))" } ?? "")
                        + (separated.map { "; the header is one column holding \($0.1): the file looks separated by \($0.1)"
                            + "\($0.2), and adopt reads comma-separated values with decimal points" } ?? "")
                        + (endOfFileMark ? "; the line is a DOS end-of-file mark (Ctrl-Z, byte 0x1A): delete it"
                           : last && separated == nil && !notes ? "; it is the last line: if it is a note below the data, start it with #" : ""))
                error.looksSeparatedBy = separated?.0.utf8.first
                throw error
            }
            lines[rows] = UInt32(truncatingIfNeeded: recordLine)
            rows += 1
        }
        self.starts = UnsafeMutableBufferPointer(start: nil, count: 0)
        self.ends = UnsafeMutableBufferPointer(start: nil, count: 0)
        return rows
    }

    /// The first unquoted number in `line` written with `groups` thousands separators (`1,397` for one,
    /// `12,500,000` for two): a field of one to three digits, not starting with 0, after an optional
    /// minus sign, then `groups` times a comma and three digits, ending the line or followed by a comma
    /// (`0,500` reads as a decimal comma, not as this). Nil where there is none.
    static func groupedNumber(_ line: UnsafeBufferPointer<UInt8>, groups: Int) -> String? {
        guard groups > 0 else { return nil }
        var end = line.count
        while end > 0, line[end - 1] == ByteScanning.lineFeed || line[end - 1] == ByteScanning.carriageReturn { end -= 1 }
        func isDigit(_ k: Int) -> Bool { k < end && line[k] >= 0x30 && line[k] <= 0x39 }
        var field = 0
        while field < end {
            if line[field] == ByteScanning.quote {
                // A quoted field: past its closing quote ("" inside is one quote).
                var k = field + 1
                while k < end {
                    if line[k] == ByteScanning.quote {
                        if k + 1 < end, line[k + 1] == ByteScanning.quote { k += 2; continue }
                        break
                    }
                    k += 1
                }
                field = k + 1
            } else {
                let digits = field < end && line[field] == UInt8(ascii: "-") ? field + 1 : field
                var k = digits
                while isDigit(k) { k += 1 }
                if k > digits, k - digits <= 3, line[digits] != UInt8(ascii: "0") {
                    var joined = 0
                    while joined < groups, k + 4 <= end, line[k] == ByteScanning.comma,
                          (1...3).allSatisfy({ isDigit(k + $0) }), !isDigit(k + 4) {
                        k += 4
                        joined += 1
                    }
                    if joined == groups, k == end || line[k] == ByteScanning.comma {
                        return String(decoding: UnsafeBufferPointer(rebasing: line[field..<k]), as: UTF8.self)
                    }
                }
            }
            // The next field.
            while field < end, line[field] != ByteScanning.comma { field += 1 }
            field += 1
        }
        return nil
    }

    // MARK: - Lines that are not records

    /// Skips Excel's `sep=,` first line, which names the separator; another separator is an error.
    private mutating func skipSeparatorLine() throws(DataError) {
        let prefix: [UInt8] = Array("sep=".utf8)
        guard n - i >= prefix.count + 1, (0..<prefix.count).allSatisfy({ p[i + $0] | 0x20 == prefix[$0] | 0x20 }) else { return }
        var end = i + prefix.count + 1
        if end < n, p[end] == ByteScanning.carriageReturn { end += 1 }
        guard end == n || p[end] == ByteScanning.lineFeed else { return }
        let separator = p[i + prefix.count]
        guard separator < 0x80 else { return }
        guard separator == ByteScanning.comma else {
            let shown = separator == ByteScanning.tab ? "a tab" : "'\(Character(Unicode.Scalar(separator)))'"
            var error = DataError.bad(source, line: line, "the first line ('sep=…') says the values are separated by \(shown); "
                                      + "adopt reads comma-separated values with decimal points")
            error.looksSeparatedBy = separator
            throw error
        }
        i = min(end + 1, n)
        newLine()
    }

    /// Skips a comment or blank line starting at `i`, if there is one; returns whether it did.
    ///
    /// A comment is a line whose first byte is `#`; a blank line is empty or
    /// holds only spaces and tabs.
    private mutating func skipNonRecordLine() throws(DataError) -> Bool {
        if p[i] == ByteScanning.hash {
            while i < n {
                let b = p[i]
                if b == ByteScanning.lineFeed {
                    i += 1
                    newLine()
                    return true
                }
                if b < 0x80 { i += 1 } else { try validateMultibyte(fieldIndex: nil) }
            }
            return true
        }
        var j = i
        while j < n, p[j] == ByteScanning.space || p[j] == ByteScanning.tab { j += 1 }
        if j == n {
            i = j
            return true
        }
        if p[j] == ByteScanning.lineFeed {
            i = j + 1
            newLine()
            return true
        }
        if p[j] == ByteScanning.carriageReturn, j + 1 < n, p[j + 1] == ByteScanning.lineFeed {
            i = j + 2
            newLine()
            return true
        }
        return false
    }

    @inline(__always)
    private mutating func newLine() {
        line += 1
        lineStart = i
    }

    // MARK: - Records

    /// Parses one record starting at `i`, consumes its line ending, and returns its field count.
    ///
    /// Fields beyond the header's width are counted but not stored.
    private mutating func parseRecord() throws(DataError) -> Int {
        var index = 0
        while true {
            let range: (start: Int, end: Int)
            if i < n, p[i] == ByteScanning.quote {
                range = try parseQuotedField(index: index)
            } else {
                range = try parseUnquotedField(index: index)
            }
            store(range, index: index)
            index += 1
            // After a field: a comma, a line ending, or the end of the input.
            if i >= n { return index }
            let b = p[i]
            if b == ByteScanning.comma {
                i += 1
                continue
            }
            if b == ByteScanning.lineFeed {
                i += 1
                newLine()
                return index
            }
            // Only a CR is left: the field scanners stop at nothing else.
            if i + 1 < n, p[i + 1] == ByteScanning.lineFeed {
                i += 2
                newLine()
                return index
            }
            // A file with no line feed at all has classic Mac OS line endings.
            let noLineFeed = !(0..<n).contains { p[$0] == ByteScanning.lineFeed }
            throw failure(
                noLineFeed ? "lines end in a carriage return alone (classic Mac OS): save the file with LF or CRLF line endings"
                    : "carriage return not followed by a line feed (quote the field if it contains one)",
                fieldIndex: index - 1)
        }
    }

    @inline(__always)
    private mutating func store(_ range: (start: Int, end: Int), index: Int) {
        if !haveHeader {
            headerRanges.append((UInt32(truncatingIfNeeded: range.start), UInt32(truncatingIfNeeded: range.end)))
        } else if index < header.count {
            starts[rowBase + index] = UInt32(truncatingIfNeeded: range.start)
            ends[rowBase + index] = UInt32(truncatingIfNeeded: range.end)
        }
    }

    /// Scans an unquoted field; stops at a comma, CR, LF or the end of the input.
    @inline(__always)
    private mutating func parseUnquotedField(index: Int) throws(DataError) -> (start: Int, end: Int) {
        let start = i
        var j = i
        while j < n {
            let b = p[j]
            // Fast path: printable ASCII other than the specials (all ≤ 0x22 except ',').
            if b > ByteScanning.quote, b != ByteScanning.comma, b < 0x80 {
                j += 1
                continue
            }
            if b >= 0x80 {
                i = j
                try validateMultibyte(fieldIndex: index)
                j = i
                continue
            }
            if b == ByteScanning.comma || b == ByteScanning.lineFeed || b == ByteScanning.carriageReturn { break }
            if b == ByteScanning.quote {
                i = j
                // year;value over 2010;"5": a file separated by another character, one of its cells quoted.
                let separator = DelimitedText.separator(inHeader: header)
                let name = separator.map(DelimitedText.pluralName)
                var error = failure(
                    "unexpected '\"' inside an unquoted field (quote the whole field and write \"\" for a quote)"
                        + (name.map { "; the header is one column holding \($0): the file looks separated by \($0), and adopt reads "
                                      + "comma-separated values" } ?? ""),
                    fieldIndex: index)
                error.looksSeparatedBy = separator
                throw error
            }
            j += 1  // space, '!', tab, other control characters
        }
        i = j
        return (start, j)
    }

    /// Scans a quoted field starting at its opening quote; leaves `i` after the closing quote.
    private mutating func parseQuotedField(index: Int) throws(DataError) -> (start: Int, end: Int) {
        let openLine = line
        i += 1
        let contentStart = i
        var hasEscapes = false
        while true {
            guard i < n else {
                throw DataError.bad(
                    source, line: openLine, field: fieldName(index),
                    "unterminated quoted field: the quote opened on line \(openLine) is never closed")
            }
            let b = p[i]
            if b == ByteScanning.quote {
                if i + 1 < n, p[i + 1] == ByteScanning.quote {
                    hasEscapes = true
                    i += 2
                    continue
                }
                break
            }
            if b < 0x80 {
                i += 1
                if b == ByteScanning.lineFeed { newLine() }
            } else {
                try validateMultibyte(fieldIndex: index)
            }
        }
        let contentEnd = i
        i += 1  // the closing quote
        if i < n {
            let b = p[i]
            if b != ByteScanning.comma && b != ByteScanning.lineFeed && b != ByteScanning.carriageReturn {
                // A field that spans lines: most likely a quote left open on its first line, closed by the
                // next field's opening quote.
                // "Year";"Sales", or "A";2015 under the header Region;Year: quoted fields separated by another
                // character than the comma.
                let separator = DelimitedText.otherSeparators.contains(b)
                    && (i + 1 < n && p[i + 1] == ByteScanning.quote || DelimitedText.separator(inHeader: header) == b) ? b : nil
                let name = separator.map(DelimitedText.pluralName)
                var error = failure(
                    "unexpected character after the closing quote of a quoted field (expected ',' or a line ending)"
                        + (line > openLine ? "; the field's quote opened on line \(openLine): is a closing quote missing there?" : "")
                        + (name.map { "; the file looks separated by \($0), and adopt reads comma-separated values" } ?? ""),
                    fieldIndex: index)
                error.looksSeparatedBy = separator
                throw error
            }
        }
        guard hasEscapes else { return (contentStart, contentEnd) }
        // Collapse each "" to " in a copy placed after the input.
        let start = n + unescaped.count
        var k = contentStart
        while k < contentEnd {
            let b = p[k]
            unescaped.append(b)
            k += b == ByteScanning.quote ? 2 : 1
        }
        return (start, n + unescaped.count)
    }

    // MARK: - UTF-8

    /// Validates the multi-byte UTF-8 sequence whose lead byte is at `i`, and steps over it.
    @inline(never)
    private mutating func validateMultibyte(fieldIndex: Int?) throws(DataError) {
        let length = ByteScanning.multibyteLength(p, at: i, end: n)
        guard length > 0 else {
            var name: String?
            if let fieldIndex { name = fieldName(fieldIndex) }
            let hex = String(p[i], radix: 16, uppercase: true)
            throw DataError.bad(
                source, line: line, field: name,
                "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" : "")\(hex) at byte \(i - lineStart + 1) of the line)")
        }
        i += length
    }

    // MARK: - Helpers

    /// The text of a field range, which may point into the input or into `unescaped`.
    private func text(_ start: UInt32, _ end: UInt32) -> String {
        let start = Int(start)
        let end = Int(end)
        if start >= n {
            return String(decoding: unescaped[(start - n)..<(end - n)], as: UTF8.self)
        }
        return String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
    }

    /// The header name of field `index`, once the header is known.
    private func fieldName(_ index: Int) -> String? {
        haveHeader && index >= 0 && index < header.count ? header[index] : nil
    }

    private func failure(_ message: String, fieldIndex: Int) -> DataError {
        DataError.bad(source, line: line, field: fieldName(fieldIndex), message)
    }
}
