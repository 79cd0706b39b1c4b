extension Technology {
    /// The keys of `[technologies.ID]`: pluggable has neither an introduction year nor
    /// diffusion parameters; CPO's diffusion comes from `[segments]`.
    static func keys(for id: TechnologyID) -> [String] {
        switch id {
        case .pluggable: ["asp_usd", "asp_decline", "asp_year", "watts_per_port"]
        case .cpo: ["introduction_year", "asp_usd", "asp_decline", "asp_year", "watts_per_port"]
        case .lpo, .npo: ["introduction_year", "p", "q", "ceiling", "asp_usd", "asp_decline", "asp_year", "watts_per_port"]
        }
    }

    /// Why a known key is not allowed in `[technologies.ID]`.
    static func forbidden(for id: TechnologyID) -> [String: String] {
        switch id {
        case .pluggable:
            let reason = "pluggable is the incumbent, present from the start, with no diffusion of its own"
            return ["introduction_year": reason, "p": reason, "q": reason, "ceiling": reason]
        case .cpo:
            let reason = "CPO's diffusion comes from [segments.hyperscale] and [segments.enterprise]"
            return ["p": reason, "q": reason, "ceiling": reason]
        case .lpo, .npo:
            return [:]
        }
    }

    /// Reads and checks `[technologies.ID]`. `asp_year` is the study's first year when left out.
    init(reading table: TableReader, id: TechnologyID, study: Study) throws(ScenarioError) {
        try table.checkKeys(Technology.keys(for: id), forbidden: Technology.forbidden(for: id))
        let introductionYear = id == .pluggable ? -Double.infinity
            : try Technology.introductionYear(table.field("introduction_year"), study: study)
        var p: [SegmentID: Double] = [:]
        var q: [SegmentID: Double] = [:]
        var ceiling: [SegmentID: Double] = [:]
        if id == .lpo || id == .npo {
            p = try Technology.perSegment(table.field("p"), .unitAboveZero)
            q = try Technology.perSegment(table.field("q"), .closed(0, 5))
            ceiling = try Technology.perSegment(table.field("ceiling"), .unitAboveZero)
        }
        let asp = try table.field("asp_usd").number(.nonNegative)
        let decline = try table.field("asp_decline").number(.unitBelowOne)
        let aspYear = try table.optionalField("asp_year")?.integer(.year) ?? study.firstYear
        let watts = try table.field("watts_per_port").rangeWithCentre(.positive)
        self.init(introductionYear: introductionYear, p: p, q: q, ceiling: ceiling,
                  aspUSD: asp, aspDecline: decline, aspYear: aspYear, wattsPerPort: watts)
    }

    /// Earliest introduction, in years before the study's first: a technology introduced longer ago
    /// than that is no new technology in the study's window (at 1900, CPO held 77 % of 2026's ports).
    static let introductionLead = 20

    /// `introduction_year`: from `introductionLead` years before the study's first year. A year after
    /// its last is a counterfactual the forecast answers (the technology takes no share in the window).
    static func introductionYear(_ field: Field, study: Study) throws(ScenarioError) -> Double {
        let year = try field.number(.year)
        let earliest = study.firstYear - introductionLead
        if year < Double(earliest) {
            throw field.invalid("is \(formatNumber(year)), more than \(introductionLead) years before the study's first year "
                                + "\(study.firstYear): the technology would be long diffused when the study starts, no new one; "
                                + "give a year from \(earliest)")
        }
        return year
    }

    /// `{ hyperscale = …, enterprise = … }`, both required, each within `bounds`.
    static func perSegment(_ field: Field, _ bounds: Bounds) throws(ScenarioError) -> [SegmentID: Double] {
        let table = try field.table()
        try table.checkKeys(SegmentID.allCases.map(\.rawValue), kind: .segment)
        var values: [SegmentID: Double] = [:]
        for id in SegmentID.allCases {
            values[id] = try table.field(id.rawValue).number(bounds)
        }
        return values
    }

    /// Reads `[technologies]`: exactly `pluggable`, `lpo`, `npo` and `cpo`.
    static func readAll(_ technologies: TableReader, study: Study) throws(ScenarioError) -> [TechnologyID: Technology] {
        try technologies.checkKeys(TechnologyID.allCases.map(\.rawValue), kind: .technology)
        var result: [TechnologyID: Technology] = [:]
        for id in TechnologyID.allCases {
            result[id] = try Technology(reading: try technologies.table(id.rawValue), id: id, study: study)
        }
        return result
    }
}
