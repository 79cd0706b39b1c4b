extension Stages {
    /// The keys of `[stages]`.
    static let keys = ["narrative", "acceptance_share", "dependency_share", "optimization_share", "tolerance_years"]
    /// The stage names, in order: keys of `narrative` and prefixes of the `_share` keys.
    static let names = ["acceptance", "dependency", "optimization"]
    /// Default share thresholds: Rogers' innovators, + early adopters, + early majority.
    static let defaultShares = [0.025, 0.16, 0.50]

    /// Reads and checks `[stages]`.
    init(reading table: TableReader) throws(ScenarioError) {
        try table.checkKeys(Stages.keys)

        let narrative = try table.field("narrative").table()
        try narrative.checkKeys(Stages.names)
        var years: [Int] = []
        for name in Stages.names {
            let field = try narrative.field(name)
            let year = try field.integer(.year)
            if let previous = years.last, year < previous {
                throw field.invalid("must not be before '\(Stages.names[years.count - 1])' (\(previous)), found \(year)")
            }
            years.append(year)
        }

        var shares: [Double] = []
        var fields: [Field?] = []
        for (name, fallback) in zip(Stages.names, Stages.defaultShares) {
            let field = table.optionalField(name + "_share")
            shares.append(try field?.number(.openUnit) ?? fallback)
            fields.append(field)
        }
        for k in 1..<shares.count where shares[k] <= shares[k - 1] {
            let shown = { (i: Int) in formatNumber(shares[i]) + (fields[i] == nil ? ", the default" : "") }
            if let later = fields[k] {
                throw later.invalid("must be greater than '\(Stages.names[k - 1])_share' (\(shown(k - 1))), found \(formatNumber(shares[k]))")
            } else if let earlier = fields[k - 1] {
                throw earlier.invalid("must be less than '\(Stages.names[k])_share' (\(shown(k))), found \(formatNumber(shares[k - 1]))")
            }
        }
        let tolerance = try table.optionalField("tolerance_years")?.number(.nonNegative) ?? 1

        self.init(narrativeAcceptance: years[0], narrativeDependency: years[1], narrativeOptimization: years[2],
                  acceptanceShare: shares[0], dependencyShare: shares[1], optimizationShare: shares[2],
                  toleranceYears: tolerance)
    }
}
