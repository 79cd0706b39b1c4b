extension Wildcard {
    /// The keys of a `[[wildcards]]` entry.
    static let keys = ["id", "description", "probability", "window", "enabled", "target", "segments",
                       "multiplier", "shift_years", "expected_direction"]

    /// Reads and checks one `[[wildcards]]` entry.
    init(reading table: TableReader) throws(ScenarioError) {
        try table.checkKeys(Wildcard.keys)
        // The id is given on the command line (--wildcard ID=on) and printed in table cells.
        let id = try table.field("id").identifier()
        let description = try table.field("description").string()
        let probability = try table.field("probability").number(.unit)
        let window = try table.field("window").interval(.year)
        let enabled = try table.optionalField("enabled")?.boolean() ?? false
        let target = try table.field("target").choice(WildcardTarget.self, noun: "wildcard target")

        let segmentsField = try table.field("segments")
        var segments: [SegmentID] = []
        for item in try segmentsField.array() {
            let segment = try item.choice(SegmentID.self, noun: "segment")
            if segments.contains(segment) { throw item.invalid("repeats segment '\(segment.rawValue)'") }
            segments.append(segment)
        }
        guard !segments.isEmpty else { throw segmentsField.invalid("must name at least one segment") }

        var multiplier = 1.0
        var shift = 0.0
        if target == .introductionYear {
            // One introduction year for CPO: the enterprise curve follows the hyperscalers' from it.
            guard segments.count == SegmentID.allCases.count else {
                throw segmentsField.invalid("must name both segments for target 'introduction_year': CPO has one "
                    + "introduction year, and the enterprise curve follows the hyperscalers' from it")
            }
            if table.optionalField("multiplier") != nil {
                throw table.error("multiplier", "'multiplier' is not allowed for target 'introduction_year' (in \(table.context)); use 'shift_years'")
            }
            shift = try table.field("shift_years").number(.closed(-50, 50))
        } else {
            if table.optionalField("shift_years") != nil {
                throw table.error("shift_years", "'shift_years' only applies to target 'introduction_year', not '\(target.rawValue)' (in \(table.context)); use 'multiplier'")
            }
            multiplier = try table.field("multiplier").number(.positive)
        }

        let directionField = try table.field("expected_direction")
        let direction = try directionField.integer()
        guard direction == 1 || direction == -1 else {
            throw directionField.invalid("must be 1 (raises the CPO share) or -1 (lowers it), found \(direction)")
        }
        self.init(id: id, description: description, probability: probability, windowStart: window.start,
                  windowEnd: window.end, enabled: enabled, target: target, segments: segments,
                  multiplier: multiplier, shiftYears: shift, expectedDirection: direction)
        effectLine = table.optionalField(target == .introductionYear ? "shift_years" : "multiplier")?.line
    }

    /// Reads `[[wildcards]]` (absent: none), rejecting a repeated id. Whether the multipliers keep
    /// the model in its domain depends on the runs a forecast makes, which the command line can switch
    /// (`ForecastStudy.checkWildcardDomain`).
    static func readAll(_ field: Field?) throws(ScenarioError) -> [Wildcard] {
        guard let field else { return [] }
        var wildcards: [Wildcard] = []
        var firstLines: [String: Int?] = [:]
        for item in try field.array(description: "an array of tables ([[wildcards]])") {
            let table = try item.table()
            let wildcard = try Wildcard(reading: table)
            let idField = try table.field("id")
            if let first = firstLines[wildcard.id] {
                let firstUse = first.map { "; first used on line \($0)" } ?? ""
                throw idField.error("duplicate wildcard id '\(wildcard.id)' in \(table.context)\(firstUse)")
            }
            firstLines[wildcard.id] = idField.line
            wildcards.append(wildcard)
        }
        return wildcards
    }
}
