extension Field {
    /// Numbers in strictly increasing order, at least one, each within `bounds`.
    func increasingNumbers(_ bounds: Bounds) throws(ScenarioError) -> [Double] {
        let items = try array()
        guard !items.isEmpty else { throw invalid("must not be empty") }
        var values: [Double] = []
        for (k, item) in items.enumerated() {
            let value = try item.number(bounds)
            if let previous = values.last, value <= previous {
                throw item.invalid("must be greater than item \(k) (\(formatNumber(previous))): the values must be strictly increasing, found \(formatNumber(value))")
            }
            values.append(value)
        }
        return values
    }

    /// `{ years = [...], values = [...] }`: years strictly increasing (1900–2200), as many
    /// values as years (at least one), each value within `bounds`.
    func yearSeries(values bounds: Bounds) throws(ScenarioError) -> YearSeries {
        let table = try table()
        try table.checkKeys(["years", "values"])
        let years = try table.field("years").increasingNumbers(.year)
        let valuesField = try table.field("values")
        let items = try valuesField.array()
        guard items.count == years.count else {
            throw valuesField.invalid("must have as many items as 'years' (\(years.count)), found \(items.count)")
        }
        var values: [Double] = []
        for item in items { values.append(try item.number(bounds)) }
        return YearSeries(years: years, values: values)
    }
}
