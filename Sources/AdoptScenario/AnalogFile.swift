import AdoptData

/// One of `calibration.analog_files`: columns `year,value[,unit,source,quality]`, value the
/// analog's adoption share in %; the first row is its introduction year, with value 0.
enum AnalogFile {
    /// The series, named by the file's stem, shares as fractions: at least two rows, years
    /// strictly increasing (1900–2200), values in [0, 100] %, the first 0.
    static func parse(_ table: CSVTable) throws(DataError) -> AnalogSeries {
        try table.requireRows(2, "the introduction year with share 0, then the ramp")
        let years = try table.column(named: "year").increasingNumbers(.year)
        let value = try table.column(named: "value")
        var shares: [Double] = []
        for row in value.indices { shares.append(try value.number(atRow: row, .closed(0, 100)) / 100) }
        guard shares[0] == 0 else {
            throw value.bad(0, "'\(value[0])' must be 0: the first row is the introduction year, with share 0")
        }
        return AnalogSeries(name: stem(of: table.source), file: table.source, years: years, shares: shares)
    }

    /// The file name without folder and extension: `a/analog_x.csv` → `analog_x`.
    static func stem(of path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        return name
    }
}
