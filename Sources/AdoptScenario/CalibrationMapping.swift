extension Calibration {
    /// The keys of `[calibration]`.
    static let keys = ["enabled", "anchors_file", "vintages_file", "analog_files", "published_pq_file",
                       "optimism_correction", "current_year", "anchor_sigma", "metric_sigma", "published_pq_segments"]
    /// The anchor quality labels: primary, secondary, derived, low quality.
    static let qualities = ["P", "S", "D", "Q"]

    /// Reads and checks `[calibration]`, reading the files it names (in key order:
    /// anchors, vintages, analogs, published p/q).
    init(reading table: TableReader, files: inout DataFiles) throws(ScenarioError) {
        try table.checkKeys(Calibration.keys)
        let enabled = try table.field("enabled").boolean()
        let (anchors, _) = try files.read(table.field("anchors_file"), as: AnchorsFile.parse)
        let (vintages, _) = try files.read(table.field("vintages_file"), as: VintagesFile.parse)
        // Either one list for both segments, or `{ hyperscale = [...], enterprise = [...] }`.
        var analogs: [AnalogSeries] = []
        // A file named twice in one list, or the same data under two names (a copy, a link),
        // would weigh twice in the prior.
        func readList(_ items: [Field], segment: SegmentID?) throws(ScenarioError) {
            var seen: [String: Int] = [:]
            var read: [AnalogSeries] = []
            for (index, item) in items.enumerated() {
                let path = files.resolve(try item.string(nonEmpty: true))
                if let first = seen[path] {
                    throw item.invalid("names \(path) again (item \(first + 1) does): each analog file may be listed once, "
                        + "or it would count twice in the prior")
                }
                seen[path] = index
                var (analog, _) = try files.read(item, as: AnalogFile.parse)
                if let first = read.firstIndex(where: { $0.years == analog.years && $0.shares == analog.shares }) {
                    throw item.invalid("names \(path), whose data are those of item \(first + 1) (\(read[first].file)): each "
                        + "analog may be listed once, or it would count twice in the prior")
                }
                read.append(analog)
                analog.segment = segment
                analogs.append(analog)
            }
        }
        let analogField = try table.field("analog_files")
        if analogField.value.table != nil {
            let bySegment = try analogField.table()
            try bySegment.checkKeys(SegmentID.allCases.map(\.rawValue))
            for segment in SegmentID.allCases {
                try readList(try bySegment.optionalField(segment.rawValue)?.array() ?? [], segment: segment)
            }
        } else {
            try readList(try analogField.array(), segment: nil)
        }
        let (published, _) = try files.read(table.field("published_pq_file"), as: PublishedPQFile.parse)
        let correction = try table.optionalField("optimism_correction")?.boolean() ?? false
        let currentField = try table.field("current_year")
        let currentYear = try currentField.number(.year)
        // Now is when the scenario is made: after every source it cites. Before one, the slip would
        // be applied backwards to it.
        let sources: [(year: Double, what: String)] = [
            anchors.max { $0.vintage < $1.vintage }.map { ($0.vintage, "the vintage of an anchor (\($0.vintage), line \($0.line) of the anchors file)") },
            vintages.max { $0.vintage < $1.vintage }.map { ($0.vintage, "a forecast vintage (\($0.vintage), \($0.source))") },
        ].compactMap { $0 }
        if let latest = sources.max(by: { $0.year < $1.year }), latest.year > currentYear {
            throw currentField.invalid("is \(currentYear), before \(latest.what): the current year is when the scenario is made, "
                + "after every source it cites")
        }

        let sigmaTable = try table.field("anchor_sigma").table()
        try sigmaTable.checkKeys(Calibration.qualities)
        var sigma: [String: Double] = [:]
        for quality in Calibration.qualities {
            // At least 0.01 (1 %): narrower, one anchor's residual would swamp the rest in double precision.
            sigma[quality] = try sigmaTable.field(quality).number(.closed(0.01, 100))
        }

        // Optional: extra log-scale uncertainty per metric (scope and price assumptions).
        var metricSigma: [AnchorMetric: Double] = [:]
        if let metricTable = try table.optionalField("metric_sigma")?.table() {
            try metricTable.checkKeys(AnchorMetric.allCases.map(\.rawValue))
            for metric in AnchorMetric.allCases {
                metricSigma[metric] = try metricTable.optionalField(metric.rawValue)?.number(.nonNegative) ?? 0
            }
        }

        var publishedSegments = SegmentID.allCases
        if let list = try table.optionalField("published_pq_segments")?.array() {
            publishedSegments = []
            for item in list {
                let name = try item.string()
                guard let segment = SegmentID(rawValue: name) else {
                    throw item.invalid("must be 'hyperscale' or 'enterprise', found '\(name)'")
                }
                publishedSegments.append(segment)
            }
        }

        // Each segment's p and q prior is centred on its analogs' and, where named, the published
        // tables' Bass fits: a segment with neither would have a prior centred on nothing (p = q = 1).
        if enabled, let bare = SegmentID.allCases.first(where: { segment in
            !analogs.contains { $0.segment == nil || $0.segment == segment }
                && !(publishedSegments.contains(segment) && published.contains { $0.p > 0 && $0.q > 0 })
        }) {
            let published = publishedSegments.contains(bare) ? "the published p/q table has no row with p and q above 0"
                : "published_pq_segments does not name it"
            throw analogField.invalid("leaves segment '\(bare.rawValue)' without a prior: no analog is listed for it, and "
                + "\(published); list an analog for it, or name it in published_pq_segments")
        }

        self.init(enabled: enabled, anchors: anchors, vintages: vintages, analogs: analogs,
                  publishedPQ: published, optimismCorrection: correction, currentYear: currentYear,
                  anchorSigma: sigma, metricSigma: metricSigma)
        self.publishedPQSegments = publishedSegments
    }
}
