import AdoptData

/// `calibration.vintages_file`: columns `vintage,predicted_volume_year,quality,source[,note]`:
/// when a forecast was made (decimal year) and the year it expected CPO's volume start.
enum VintagesFile {
    static func parse(_ table: CSVTable) throws(DataError) -> [ForecastVintage] {
        try table.requireRows(1, "forecast vintages")
        let vintage = try table.column(named: "vintage")
        let predicted = try table.column(named: "predicted_volume_year")
        let quality = try table.column(named: "quality")
        let source = try table.column(named: "source")
        var vintages: [ForecastVintage] = []
        for row in 0..<table.rowCount {
            vintages.append(ForecastVintage(
                vintage: try vintage.number(atRow: row, .year),
                predictedVolumeYear: try predicted.number(atRow: row, .year),
                quality: try quality.label(atRow: row, among: Calibration.qualities, noun: "quality label"),
                source: source[row]))
        }
        return vintages
    }
}
