extension Study {
    /// The keys of `[study]`.
    static let keys = ["name", "title", "first_year", "last_year", "seed", "draws"]

    /// Reads and checks `[study]`.
    init(reading table: TableReader) throws(ScenarioError) {
        try table.checkKeys(Study.keys)
        let name = try table.field("name").identifier()
        let title = try table.field("title").string()
        let firstYear = try table.field("first_year").integer(.year)
        let lastField = try table.field("last_year")
        let lastYear = try lastField.integer(.year)
        guard firstYear <= lastYear else {
            throw lastField.invalid("must not be before 'first_year' (\(firstYear)), found \(lastYear)")
        }
        let seed = try table.field("seed").integer(.nonNegative)
        let drawsField = table.optionalField("draws")
        let draws = try drawsField?.integer(.closed(0, 1_000_000)) ?? 0
        if let drawsField, (1..<Self.minimumDraws).contains(draws) {
            throw drawsField.invalid("must be 0 (no bands) or at least \(Self.minimumDraws) for 5–95 % bands, found \(draws)")
        }
        self.init(name: name, title: title, firstYear: firstYear, lastYear: lastYear,
                  seed: UInt64(seed), draws: draws)
    }

    /// The fewest draws that bound both band ends: below 110 the distribution-free 95 % interval of the
    /// 5th percentile (the order statistics N·p ∓ 1.96·√(N·p(1−p))) reaches below the smallest draw (the
    /// 95th's, from 73 draws, stays inside), and the band's low end is not known to any stated precision
    /// (with 20 draws the baseline's 2035 band ran to 11 %, with 2,000 to 24.5 %).
    public static let minimumDraws = 110
}
