import AdoptData

/// `demand.ports_file`: columns `year,value[,unit,source,quality]`, value in millions of
/// 800G-equivalent ports shipped in the year.
enum PortsFile {
    /// The ports by year: at least one row, years strictly increasing (1900–2200), values from 0 to
    /// 1,000,000 (a trillion ports a year: anything larger is a mistake of units).
    static func parse(_ table: CSVTable) throws(DataError) -> YearSeries {
        try table.requireRows(1, "ports shipped by year")
        let yearColumn = try table.column(named: "year")
        let years = try yearColumn.increasingNumbers(.year)
        // Each row is a year's shipments: a fraction of a year has no meaning here.
        if let row = years.firstIndex(where: { $0 != $0.rounded() }) {
            throw yearColumn.bad(row, "'\(yearColumn[row])' is not a whole year: each row holds the ports shipped in one calendar year")
        }
        let valueColumn = try table.column(named: "value")
        var values: [Double] = []
        for row in valueColumn.indices { values.append(try valueColumn.number(atRow: row, .closed(0, 1e6))) }
        // No ports at all leaves no market: no share, and no anchor in ports could be met.
        guard values.contains(where: { $0 > 0 }) else {
            throw DataError(kind: .badData, file: table.source, line: table.line(ofRow: 0), field: "value",
                            message: "every value is 0: the forecast needs ports shipped in at least one year")
        }
        // Ports shipped do not stop for a year and start again: a 0 after a year with ports is a
        // value left out (it put one anchor 1,377 standard deviations off and weighed 100 % of the
        // calibration's objective). Zeros before the first year with ports are the market's start.
        if let first = values.firstIndex(where: { $0 > 0 }), let row = values[first...].firstIndex(of: 0) {
            throw valueColumn.bad(row, "0 ports in \(formatNumber(years[row])), after \(formatNumber(values[first])) million in "
                                  + "\(formatNumber(years[first])): shipments do not stop for a year; a year whose value is not known "
                                  + "is left out")
        }
        return YearSeries(years: years, values: values)
    }
}
