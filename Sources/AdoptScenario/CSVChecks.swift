import AdoptData

/// Checks on the cells of the scenario's data files, failing as `DataError`s that name
/// the file, the row's line and the column.
extension CSVColumn {
    /// A bad-data error at row `row` of this column.
    func bad(_ row: Int, _ message: String) -> DataError {
        DataError(kind: .badData, file: table.source, line: table.line(ofRow: row), field: name, message: message)
    }

    /// The cell at `row` as a finite number within `bounds`.
    func number(atRow row: Int, _ bounds: Bounds) throws(DataError) -> Double {
        let value = try double(atRow: row)
        guard bounds.contains(value) else {
            throw bad(row, "'\(self[row])' is out of range; must be \(bounds.phrase)")
        }
        return value
    }

    /// Every cell as a number within `bounds`, strictly increasing down the rows.
    func increasingNumbers(_ bounds: Bounds) throws(DataError) -> [Double] {
        var values: [Double] = []
        for row in indices {
            let value = try number(atRow: row, bounds)
            if let previous = values.last, value <= previous {
                throw bad(row, "'\(self[row])' is not after the previous row's \(name) (\(formatNumber(previous))); the rows must be in strictly increasing \(name) order")
            }
            values.append(value)
        }
        return values
    }

    /// The cell at `row`, which must be one of `labels`.
    func label(atRow row: Int, among labels: [String], noun: String) throws(DataError) -> String {
        let text = self[row]
        guard labels.contains(text) else {
            var message = "'\(text)' is not a known \(noun); expected one of " + labels.joined(separator: ", ")
            if let suggestion = Suggestion.closest(to: text, among: labels) { message += "; did you mean '\(suggestion)'?" }
            throw bad(row, message)
        }
        return text
    }
}

extension CSVTable {
    /// Fails unless the file has at least `count` data rows.
    func requireRows(_ count: Int, _ what: String) throws(DataError) {
        guard rowCount >= count else {
            throw DataError(kind: .badData, file: source, line: headerLine,
                            message: "expected at least \(count) data row\(count == 1 ? "" : "s") (\(what)), found \(rowCount)")
        }
    }
}
