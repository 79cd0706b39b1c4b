/// A parsed CSV file: a header of column names and rows of text cells.
///
/// Produced by `CSVReader`. Cells are stored compactly as byte ranges of the
/// input and turned into `String`s or `Double`s only when asked for, so large
/// files stay cheap. Rows are numbered from 0 in file order; `line(ofRow:)`
/// gives the physical line each row starts on, for error messages.
public struct CSVTable: Sendable {
    /// The input's name as given to the reader (path or label), used in errors.
    public let source: String
    /// The column names from the header, in order.
    public let columnNames: [String]
    /// The physical line number of the header.
    public let headerLine: Int
    /// The lines after the header skipped as comments (a line starting with `#`), in file order
    /// (lines that read as the rows of a series named '#…' are refused instead:
    /// `ObservationSet.checkCommentsAreNotRows`).
    public let commentLines: [Int]
    /// The text of each of those lines, without its line ending.
    let commentTexts: [String]

    /// The input bytes; every cell is a range of them.
    let bytes: CSVBytes
    /// Byte ranges of the cells, row-major (`row * columnCount + column`).
    let starts: [UInt32]
    let ends: [UInt32]
    /// The physical line each row starts on.
    let rowLines: [UInt32]

    init(
        source: String, columnNames: [String], headerLine: Int, commentLines: [Int] = [], commentTexts: [String] = [],
        bytes: CSVBytes, starts: [UInt32], ends: [UInt32], rowLines: [UInt32]
    ) {
        precondition(commentTexts.isEmpty || commentTexts.count == commentLines.count, "one text per comment line")
        self.source = source
        self.columnNames = columnNames
        self.headerLine = headerLine
        self.commentLines = commentLines
        self.commentTexts = commentTexts
        self.bytes = bytes
        self.starts = starts
        self.ends = ends
        self.rowLines = rowLines
    }

    /// The number of data rows (records after the header).
    public var rowCount: Int { rowLines.count }

    /// The number of columns.
    public var columnCount: Int { columnNames.count }

    /// The physical, 1-based line on which data row `row` starts.
    public func line(ofRow row: Int) -> Int {
        Int(rowLines[row])
    }

    /// The text of the cell at `row`, `column` (both 0-based).
    public subscript(row: Int, column: Int) -> String {
        let cell = row * columnCount + column
        return withCellBytes(cell) { String(decoding: $0, as: UTF8.self) }
    }

    /// The column called `name` (exact, case-sensitive match).
    ///
    /// - Throws: `DataError` (bad data) naming `name` as the field, listing the
    ///   available columns, and suggesting the closest name when one is near.
    public func column(named name: String) throws(DataError) -> CSVColumn {
        if let index = columnNames.firstIndex(of: name) {
            return CSVColumn(table: self, index: index)
        }
        // A header cell with spaces around its name (`year , value`) answers to the name alone.
        let blankAround = columnNames.indices.filter { columnNames[$0].withoutBlanksAround() == name.withoutBlanksAround() }
        if blankAround.count == 1, !name.allSatisfy(\.isWhitespace) {
            return CSVColumn(table: self, index: blankAround[0])
        }
        var message = Self.noSuchColumn(among: columnNames)
        // A header name with an invisible character in it (a no-break or zero-width space pasted in)
        // cannot be typed: say so rather than suggest it.
        if let hidden = columnNames.first(where: {
            $0.unicodeScalars.contains(where: DataError.isInvisible) && DataError.visible($0) == DataError.visible(name)
        }) {
            // A space other than U+0020 between words is to be replaced by one; any other, deleted.
            let scalars = Array(hidden.unicodeScalars)
            func shows(_ u: Unicode.Scalar) -> Bool { !DataError.isInvisible(u) && !u.properties.isWhitespace }
            let inner = scalars.indices.contains { i in
                DataError.isInvisible(scalars[i]) && scalars[i].properties.generalCategory == .spaceSeparator
                    && scalars[..<i].contains(where: shows) && scalars[(i + 1)...].contains(where: shows)
            }
            message += "; \(DataError.quote(hidden)) holds an invisible character: "
                + (inner ? "replace it with a plain space in the header" : "delete it from the header")
        } else if let suggestion = Self.suggestedColumn(for: name, among: columnNames) {
            message += "; did you mean \(DataError.quote(suggestion))?"
        }
        // One column per year (a World Bank or statistics-office download): the layout is wide.
        let years = columnNames.filter { name in
            let t = name.withoutBlanksAround()
            return t.count == 4 && t.allSatisfy { $0.isASCII && $0.isNumber } && ("1000"..."2999").contains(t)
        }
        if years.count >= 3 {
            message += "; the file is wide, one column per year (\(years.prefix(2).map { DataError.quote($0) }.joined(separator: ", ")), …): "
                + "adopt reads long files, one row per year (and series) with the years in one column; reshape it"
        }
        let separator = DelimitedText.separator(inHeader: columnNames)
        if let separator {
            let plural = DelimitedText.pluralName(separator)
            message += "; the header is one column holding \(plural): the file looks separated by \(plural), "
                + "and adopt reads comma-separated values"
        }
        var error = DataError.bad(source, line: headerLine, field: name, message)
        error.looksSeparatedBy = separator
        throw error
    }

    /// The message for a column that is not among `columnNames`, before any advice `column(named:)`
    /// adds to it: `no such column; the columns are 'a', 'b'`.
    public static func noSuchColumn(among columnNames: [String]) -> String {
        "no such column; the columns are " + columnNames.map { DataError.quote($0) }.joined(separator: ", ")
    }

    /// The column `column(named:)` suggests for a `name` that is not among `columnNames` (where no header
    /// name hides an invisible character): the closest, where it is close enough to be a likely typo.
    public static func suggestedColumn(for name: String, among columnNames: [String]) -> String? {
        EditDistance.closest(to: name, among: columnNames)
    }

    /// The column at 0-based position `index`.
    public func column(at index: Int) -> CSVColumn {
        precondition(columnNames.indices.contains(index), "column index \(index) out of range")
        return CSVColumn(table: self, index: index)
    }

    /// All columns, in header order.
    public var columns: [CSVColumn] {
        columnNames.indices.map { CSVColumn(table: self, index: $0) }
    }

    /// Calls `body` with the raw UTF-8 bytes of cell number `cell` (row-major).
    @inline(__always)
    func withCellBytes<R>(_ cell: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = Int(starts[cell])
        let end = Int(ends[cell])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}

/// The bytes a table's cells point into: an array, or a file read into memory (not copied).
enum CSVBytes: Sendable {
    case array([UInt8])
    case file(FileContents)

    /// Calls `body` with the bytes.
    @inline(__always)
    func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        switch self {
        case .array(let bytes):
            return try bytes.withUnsafeBufferPointer(body)
        case .file(let contents):
            return try contents.withUnsafeBufferPointer(body)
        }
    }
}
