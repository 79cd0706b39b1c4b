import AdoptData

/// `demand.ports_file`: columns `year,value[,unit,source,quality]`, value in millions of
/// 800G-equivalent ports shipped in the year.
enum PortsFile {
    /// The ports by year: at least one row, years strictly increasing (1900–2200), values from 0 to
    /// 1,000,000 (a trillion ports a year: anything larger is a mistake of units).
    static func parse(_ table: CSVTable) throws(DataError) -> YearSeries {
        try table.requireRows(1, "ports shipped by year")
        let years = try table.column(named: "year").increasingNumbers(.year)
        let valueColumn = try table.column(named: "value")
        var values: [Double] = []
        for row in valueColumn.indices { values.append(try valueColumn.number(atRow: row, .closed(0, 1e6))) }
        return YearSeries(years: years, values: values)
    }
}
