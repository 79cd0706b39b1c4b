import Foundation

/// Loads a scenario file (TOML) into a typed, validated `Scenario`.
///
/// The file is parsed with TOMLKit; every table and key is checked against the schema
/// (the keys of `Data/scenarios/cpo-baseline.toml`, documented in `Data/README.md`);
/// and the CSV data files it names are read, relative to the scenario's folder.
/// Every problem is a `ScenarioError` naming the file and the line of the offending
/// key (or data-file row).
public enum ScenarioLoader {
    /// The tables of a scenario file.
    static let tables = ["study", "segments", "technologies", "demand", "power", "stages", "calibration", "wildcards"]

    /// Loads and validates the scenario at `path`.
    ///
    /// - Parameter path: The scenario file; data files it names are resolved against its folder.
    ///   Errors and `Scenario.source` use it as given.
    /// - Returns: The scenario, with `inputFiles` = `path` followed by the data files read
    ///   (ports, anchors, vintages, analogs in order, published p/q).
    /// - Throws: `ScenarioError`: exit code 66 when the scenario or a data file cannot be read,
    ///   65 for any other problem.
    /// `calibrate` overrides `[calibration] enabled` (as `--no-calibration` does) before the
    /// checks that depend on it.
    public static func load(contentsOfFile path: String, calibrate: Bool? = nil) throws(ScenarioError) -> Scenario {
        let text = try ScenarioText.contents(ofFile: path)
        let root = try TOMLDocument.parse(text, file: path)
        let source = ScenarioSource(file: path, locator: KeyLocator(text: text))
        return try scenario(TableReader(root: root, source: source), calibrate: calibrate)
    }

    /// Maps a parsed document to a `Scenario`, table by table in file-schema order.
    static func scenario(_ root: TableReader, calibrate: Bool? = nil) throws(ScenarioError) -> Scenario {
        try root.checkKeys(tables, kind: .table)
        var files = DataFiles(scenarioPath: root.source.file)
        let study = try Study(reading: root.table("study"))
        let segments = try Segment.readAll(root.table("segments"))
        let technologies = try Technology.readAll(root.table("technologies"), study: study)
        let demand = try Demand(reading: root.table("demand"), study: study, files: &files)
        let power = try Power(reading: root.table("power"))
        let stages = try Stages(reading: root.table("stages"))
        var calibration = try Calibration(reading: root.table("calibration"), files: &files)
        if let calibrate { calibration.enabled = calibrate }
        // The calibration moves logit w and centres its prior there: w = 0 or 1 has none.
        if calibration.enabled, let w = segments[.enterprise]?.influenceWeight, w == 0 || w == 1 {
            let field = try root.table("segments").table("enterprise").field("influence_weight")
            throw field.invalid("must be in (0, 1) when the scenario is calibrated ([calibration] enabled = true), "
                + "found \(formatNumber(w)): the calibration works on logit w; give a value such as "
                + (w == 0 ? "0.001" : "0.999") + ", or set enabled = false")
        }
        // Only the revenue anchors are priced (CPO's, and NPO's with those that take it in), and only when
        // they calibrate the scenario: those above 0, and not estimates of a year before CPO's introduction
        // (the calibration leaves those out; a forecast may be moved past the introduction by the optimism
        // correction, so it is kept).
        // NPO is priced where it has begun: an anchor whose middle falls after its introduction (or a forecast,
        // which the correction may move there).
        let introduction = technologies[.cpo]?.introductionYear ?? -.infinity
        let npoIntroduction = technologies[.npo]?.introductionYear ?? -.infinity
        func pricedYears(_ prices: (AnchorMetric) -> Bool, after: (Anchor) -> Bool) -> [Double] {
            calibration.enabled ? calibration.anchors.filter {
                prices($0.metric) && $0.value > 0 && (after($0) || $0.wasForecast)
            }.map(\.year) : []
        }
        try checkPrices(technologies, study: study,
                        anchorYears: [.cpo: pricedYears(\.isRevenue) { $0.year >= introduction },
                                      .npo: pricedYears({ $0 == .cpoNpoRevenue }) { $0.year + 0.5 > npoIntroduction }], root)
        // Revenue anchors are met through CPO's price: at 0 (or a price below a dollar, a slip of
        // units) every one is missed by orders of magnitude, and the calibration would bend the
        // adoption curves to make up for the price.
        let revenue = calibration.anchors.filter(\.metric.isRevenue).count
        if calibration.enabled, revenue > 0, let price = technologies[.cpo]?.aspUSD, price < 1 {
            let field = try root.table("technologies").table(TechnologyID.cpo.rawValue).field("asp_usd")
            throw field.invalid("must be at least 1 (USD per 800G port) when revenue anchors calibrate the scenario "
                + "(\(revenue) in the anchors file), found \(formatNumber(price)): CPO's revenue would miss every one by "
                + "orders of magnitude; give CPO's price, or set [calibration] enabled = false")
        }
        let wildcards = try Wildcard.readAll(root.optionalField("wildcards"))
        var scenario = Scenario(study: study, segments: segments, technologies: technologies, demand: demand,
                                power: power, stages: stages, calibration: calibration, wildcards: wildcards,
                                source: root.source.file)
        scenario.inputFiles = files.paths
        return scenario
    }

    /// The largest price per port a technology may reach (USD) over the years it is used.
    static let priceLimit = 1e15

    /// Prices decline from `asp_usd` in `asp_year`; far from that year a steep decline overflows.
    /// Over the report's years, and the years of the revenue anchors that calibrate the scenario and
    /// price a technology (`anchorYears`: CPO's for every revenue anchor, NPO's for those that count it),
    /// every price must stay finite and at most `priceLimit`.
    static func checkPrices(_ technologies: [TechnologyID: Technology], study: Study, anchorYears: [TechnologyID: [Double]],
                            _ root: TableReader) throws(ScenarioError) {
        for id in TechnologyID.allCases {
            guard let t = technologies[id], t.aspDecline > 0 else { continue }
            let years = [Double(study.firstYear), Double(study.lastYear)] + (anchorYears[id] ?? [])
            guard let earliest = years.min(), let latest = years.max() else { continue }
            // The price is highest at the earliest year used.
            let highest = t.asp(at: earliest)
            guard !(highest <= priceLimit) else { continue }
            let table = try root.table("technologies").table(id.rawValue)
            let field = try table.field("asp_decline")
            let remedy = Double(t.aspYear) > earliest + 1 ? "give an asp_year nearer \(Int(earliest)), or a smaller asp_decline"
                : "give a smaller asp_decline"
            throw field.error("the price of \(id.rawValue) (asp_usd \(formatNumber(t.aspUSD)) in \(t.aspYear), falling "
                + "\(formatNumber(t.aspDecline)) a year) would be \(highest.isFinite ? String(format: "%.3g", highest) : "beyond double precision") "
                + "USD in \(Int(earliest)), the earliest year the forecast or a revenue anchor may price it (through \(Int(latest))): \(remedy) "
                + "(in [technologies.\(id.rawValue)])")
        }
    }
}
