import AdoptData

/// `calibration.anchors_file`: columns `year,metric,segment,value,unit,vintage,quality,source`.
///
/// `metric` is `cpo_share` (value in %, stored as a fraction), `hyperscale_fraction` (% of CPO ports or revenue going to hyperscalers), `cpo_ports` (millions),
/// `cpo_revenue` (USD bn) or `cpo_npo_revenue` (USD bn, a figure whose scope takes in NPO); `segment` is `all` (stored as nil), `hyperscale` or `enterprise`;
/// `quality` is `P`, `S`, `D` or `Q`.
enum AnchorsFile {
    static func parse(_ table: CSVTable) throws(DataError) -> [Anchor] {
        try table.requireRows(1, "anchors")
        let year = try table.column(named: "year")
        let metric = try table.column(named: "metric")
        let segment = try table.column(named: "segment")
        let value = try table.column(named: "value")
        _ = try table.column(named: "unit")
        let vintage = try table.column(named: "vintage")
        let quality = try table.column(named: "quality")
        let source = try table.column(named: "source")

        var anchors: [Anchor] = []
        for row in 0..<table.rowCount {
            let kind = AnchorMetric(rawValue: try metric.label(
                atRow: row, among: AnchorMetric.allCases.map(\.rawValue), noun: "metric"))!
            let segmentName = try segment.label(
                atRow: row, among: ["all"] + SegmentID.allCases.map(\.rawValue), noun: "segment")
            // The hyperscalers' fraction is a split of all CPO: it has no segment of its own.
            if kind == .hyperscaleFraction && segmentName != "all" {
                throw segment.bad(row, "'\(segmentName)' for a hyperscale_fraction anchor, which splits all CPO between "
                    + "the segments; write 'all'")
            }
            var amount: Double
            switch kind {
            case .cpoShare, .hyperscaleFraction: amount = try value.number(atRow: row, .closed(0, 100)) / 100
            // Million ports or USD bn: a million of either is already a mistake of units.
            case .cpoPorts, .cpoRevenue, .cpoNpoRevenue: amount = try value.number(atRow: row, .closed(0, 1e6))
            }
            anchors.append(Anchor(
                year: try year.number(atRow: row, .year), metric: kind,
                segment: SegmentID(rawValue: segmentName), value: amount,
                vintage: try vintage.number(atRow: row, .year),
                quality: try quality.label(atRow: row, among: Calibration.qualities, noun: "quality label"),
                source: source[row], line: table.line(ofRow: row)))
        }
        return anchors
    }
}
