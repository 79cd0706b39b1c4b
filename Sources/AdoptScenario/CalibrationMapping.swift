extension Calibration {
    /// The keys of `[calibration]`.
    static let keys = ["enabled", "anchors_file", "vintages_file", "analog_files", "published_pq_file",
                       "optimism_correction", "current_year", "anchor_sigma"]
    /// The anchor quality labels: primary, secondary, derived, low quality.
    static let qualities = ["P", "S", "D", "Q"]

    /// Reads and checks `[calibration]`, reading the files it names (in key order:
    /// anchors, vintages, analogs, published p/q).
    init(reading table: TableReader, files: inout DataFiles) throws(ScenarioError) {
        try table.checkKeys(Calibration.keys)
        let enabled = try table.field("enabled").boolean()
        let (anchors, _) = try files.read(table.field("anchors_file"), as: AnchorsFile.parse)
        let (vintages, _) = try files.read(table.field("vintages_file"), as: VintagesFile.parse)
        var analogs: [AnalogSeries] = []
        for item in try table.field("analog_files").array() {
            let (analog, _) = try files.read(item, as: AnalogFile.parse)
            analogs.append(analog)
        }
        let (published, _) = try files.read(table.field("published_pq_file"), as: PublishedPQFile.parse)
        let correction = try table.optionalField("optimism_correction")?.boolean() ?? false
        let currentYear = try table.field("current_year").number(.year)

        let sigmaTable = try table.field("anchor_sigma").table()
        try sigmaTable.checkKeys(Calibration.qualities)
        var sigma: [String: Double] = [:]
        for quality in Calibration.qualities {
            sigma[quality] = try sigmaTable.field(quality).number(.positive)
        }

        self.init(enabled: enabled, anchors: anchors, vintages: vintages, analogs: analogs,
                  publishedPQ: published, optimismCorrection: correction, currentYear: currentYear,
                  anchorSigma: sigma)
    }
}
