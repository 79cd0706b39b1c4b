extension Segment {
    /// The keys of `[segments.ID]`: `influence_weight` only for enterprise.
    static func keys(for id: SegmentID) -> [String] {
        ["p", "q", "ceiling", "elsfp_share"] + (id == .enterprise ? ["influence_weight"] : [])
    }

    /// Reads and checks `[segments.hyperscale]` or `[segments.enterprise]`.
    init(reading table: TableReader, id: SegmentID) throws(ScenarioError) {
        try table.checkKeys(Segment.keys(for: id), forbidden: [
            "influence_weight": "hyperscale is the influential segment; only enterprise has an influence weight",
        ])
        let p = try table.field("p").number(Bounds(lower: 0, lowerInclusive: false, upper: Segment.maximumP))
        let q = try table.field("q").number(.closed(0, Segment.maximumQ))
        let weight: Double? = id == .enterprise ? try table.field("influence_weight").number(.unit) : nil
        let ceiling = try table.field("ceiling").number(.unitAboveZero)
        let elsfpShare = try table.field("elsfp_share").number(.unit)
        self.init(p: p, q: q, influenceWeight: weight, ceiling: ceiling, elsfpShare: elsfpShare)
    }

    /// Reads `[segments]`: exactly `hyperscale` and `enterprise`.
    static func readAll(_ segments: TableReader) throws(ScenarioError) -> [SegmentID: Segment] {
        try segments.checkKeys(SegmentID.allCases.map(\.rawValue), kind: .segment)
        var result: [SegmentID: Segment] = [:]
        for id in SegmentID.allCases {
            result[id] = try Segment(reading: try segments.table(id.rawValue), id: id)
        }
        return result
    }
}
