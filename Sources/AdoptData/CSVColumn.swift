/// One column of a `CSVTable`, with text and strictly parsed numeric access.
///
/// A column is a random-access collection of its cells' text, indexed by row
/// (0-based). Numeric access goes through `NumberParsing`: empty cells, words,
/// NaN, infinities and out-of-range values are errors that name the cell's
/// text, its line and this column.
public struct CSVColumn: RandomAccessCollection, Sendable {
    /// The table the column belongs to.
    public let table: CSVTable
    /// The column's 0-based position in the header.
    public let index: Int

    init(table: CSVTable, index: Int) {
        self.table = table
        self.index = index
    }

    /// The column's name from the header.
    public var name: String { table.columnNames[index] }

    /// The first row, 0.
    public var startIndex: Int { 0 }

    /// One past the last row.
    public var endIndex: Int { table.rowCount }

    /// The text of the cell in row `row`.
    public subscript(row: Int) -> String {
        table[row, index]
    }

    /// The physical line on which row `row` starts.
    public func line(ofRow row: Int) -> Int {
        table.line(ofRow: row)
    }

    /// The cell in row `row` as a finite `Double`.
    ///
    /// - Throws: `DataError` naming the line, this column and the cell's text.
    public func double(atRow row: Int) throws(DataError) -> Double {
        let result = table.withCellBytes(row * table.columnCount + index) { NumberParsing.parse($0) }
        switch result {
        case .success(let value): return value
        case .failure(let failure): throw numberError(failure, row: row)
        }
    }

    /// Every cell as a finite `Double`, in row order.
    ///
    /// - Throws: `DataError` for the first cell (in file order) that is not a finite number.
    public func doubles() throws(DataError) -> [Double] {
        let rows = table.rowCount
        let stride = table.columnCount
        let column = index
        var failedRow = -1
        var failure = NumberParsing.Failure.empty
        let values = table.starts.withUnsafeBufferPointer { starts in
            table.ends.withUnsafeBufferPointer { ends in
                table.bytes.withUnsafeBufferPointer { bytes in
                    [Double](unsafeUninitializedCapacity: rows) { out, initialized in
                        var cell = column
                        for row in 0..<rows {
                            let start = Int(starts[cell])
                            let end = Int(ends[cell])
                            switch NumberParsing.parse(UnsafeBufferPointer(rebasing: bytes[start..<end])) {
                            case .success(let value):
                                out[row] = value
                            case .failure(let reason):
                                failedRow = row
                                failure = reason
                                initialized = row
                                return
                            }
                            cell += stride
                        }
                        initialized = rows
                    }
                }
            }
        }
        if failedRow >= 0 { throw numberError(failure, row: failedRow) }
        return values
    }

    /// Every cell's text, in row order.
    public func strings() -> [String] {
        Array(self)
    }

    /// Whether the cell in row `row` is written as a number, finite or not.
    ///
    /// True for anything `NumberParsing` recognises as numeric syntax, including
    /// `nan`, `inf` and out-of-range values such as `1e999`; false for empty cells and text.
    public func looksNumeric(atRow row: Int) -> Bool {
        let result = table.withCellBytes(row * table.columnCount + index) { NumberParsing.parse($0) }
        switch result {
        case .success: return true
        case .failure(let failure): return failure == .notFinite || failure == .outOfRange || failure == .tooSmall
        }
    }

    /// The error for a cell that failed numeric parsing.
    func numberError(_ failure: NumberParsing.Failure, row: Int) -> DataError {
        DataError.bad(
            table.source, line: table.line(ofRow: row), field: name,
            failure.message(for: self[row]))
    }
}
