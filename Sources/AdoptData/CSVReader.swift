/// A strict RFC 4180 CSV reader that works directly on UTF-8 bytes.
///
/// The grammar is RFC 4180 with these additions and clarifications:
///
/// - The first record that is neither a comment nor blank is the header; it
///   names the columns, and every later record must have the same number of fields.
/// - A line whose first byte is `#` (at the start of a record, not inside a
///   quoted field) is a comment and is skipped.
/// - Blank lines — empty, or only spaces and tabs — are skipped.
/// - Records may end with LF or CRLF; the last record may lack a line ending.
///   A carriage return not followed by a line feed outside quotes is an error.
/// - A UTF-8 byte order mark at the very start is ignored.
/// - Fields are kept verbatim: surrounding spaces are part of the value.
/// - Quoted fields may contain commas, line breaks, and `""` for one `"`.
///   A `"` inside an unquoted field, or anything other than a comma or line
///   ending right after a closing quote, is an error.
///
/// Line numbers in errors and in the resulting table are physical, 1-based line
/// numbers of the input, counting comments, blank lines and line breaks
/// inside quoted fields. All problems are thrown as `DataError`; the reader never traps.
public enum CSVReader {
    /// Reads and parses the CSV file at `path`.
    ///
    /// - Parameter path: The file to read; errors name it exactly as given.
    /// - Throws: `DataError` of kind `.missingInput` if the file cannot be read,
    ///   or `.badData` if its content is not valid CSV.
    public static func read(contentsOfFile path: String) throws(DataError) -> CSVTable {
        try parse(FileInput.contents(path: path), source: path)
    }

    /// Parses CSV from UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - bytes: The whole input. The table keeps this storage (no copy unless
    ///     quoted fields with `""` escapes must be rewritten).
    ///   - source: The name used for the input in errors, such as a path or `<stdin>`.
    public static func parse(_ bytes: [UInt8], source: String = "<input>") throws(DataError) -> CSVTable {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> CSVTable in
            try parse(buffer, storage: .array(bytes), source: source)
        }
    }

    /// Parses CSV from a file read into memory, which the table keeps (no copy unless quoted
    /// fields with `""` escapes must be rewritten).
    ///
    /// - Parameters:
    ///   - contents: The whole input.
    ///   - source: The name used for the input in errors, such as a path or `<stdin>`.
    public static func parse(_ contents: FileContents, source: String = "<input>") throws(DataError) -> CSVTable {
        try contents.withUnsafeBufferPointer { (buffer) throws(DataError) -> CSVTable in
            try parse(buffer, storage: .file(contents), source: source)
        }
    }

    /// The checks every entry point makes before parsing the header: size and emptiness.
    static func checkSize(_ buffer: UnsafeBufferPointer<UInt8>, source: String) throws(DataError) {
        guard buffer.count < Int(UInt32.max) / 2 else {
            throw DataError.bad(source, "input is larger than 2 GiB, which is not supported")
        }
        guard buffer.baseAddress != nil, !buffer.isEmpty else {
            throw DataError.bad(source, "the input is empty; expected a header line")
        }
    }

    /// Parses `buffer`, the bytes of `storage`, which the table keeps.
    static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, storage: CSVBytes, source: String
    ) throws(DataError) -> CSVTable {
        try checkSize(buffer, source: source)
        var parser = CSVParser(buffer.baseAddress!, count: buffer.count, source: source)
        try parser.parseHeader()

        // Every record but the last ends in a line feed, so this bounds the row count.
        let rowCapacity = parser.remainingLineFeeds() + 1
        let width = parser.header.count
        var starts = [UInt32](repeating: 0, count: rowCapacity * width)
        var ends = [UInt32](repeating: 0, count: rowCapacity * width)
        var lines = [UInt32](repeating: 0, count: rowCapacity)
        let rows = try starts.withUnsafeMutableBufferPointer { (starts) throws(DataError) -> Int in
            try ends.withUnsafeMutableBufferPointer { (ends) throws(DataError) -> Int in
                try lines.withUnsafeMutableBufferPointer { (lines) throws(DataError) -> Int in
                    try parser.parseRows(starts: starts, ends: ends, lines: lines)
                }
            }
        }
        starts.removeLast((rowCapacity - rows) * width)
        ends.removeLast((rowCapacity - rows) * width)
        lines.removeLast(rowCapacity - rows)
        return CSVTable(
            source: source,
            columnNames: parser.header,
            headerLine: parser.headerLine,
            commentLines: parser.commentLines,
            commentTexts: parser.commentTexts,
            // Unescaped quoted fields live after the input; share the input when there are none.
            bytes: parser.unescaped.isEmpty ? storage : .array(Array(buffer) + parser.unescaped),
            starts: starts,
            ends: ends,
            rowLines: lines
        )
    }

    /// Parses CSV from a buffer of UTF-8 bytes, which is copied.
    ///
    /// - Parameters:
    ///   - buffer: The whole input.
    ///   - source: The name used for the input in errors.
    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>, source: String = "<input>") throws(DataError) -> CSVTable {
        try parse(Array(buffer), source: source)
    }

    /// Parses CSV from a string.
    ///
    /// - Parameters:
    ///   - text: The whole input.
    ///   - source: The name used for the input in errors.
    public static func parse(_ text: String, source: String = "<input>") throws(DataError) -> CSVTable {
        try parse(Array(text.utf8), source: source)
    }
}
