import AdoptScenario

/// The difference each wildcard makes, year by year, against the run as configured.
///
/// A wildcard that is off is switched on (difference = with − without); one that is on is
/// switched off (difference = with − without as well, so signs read the same way). The
/// expected-share contribution weights the difference by the wildcard's probability, a
/// first-order expectation over independent wildcards.
enum WildcardAnalysis {
    static func rows(engine: CPOEngine, θ: SegmentVector, scenario: Scenario, baseline: [YearState]) -> [WildcardRow] {
        let first = scenario.study.firstYear
        let years = first...scenario.study.lastYear
        let enabled = scenario.wildcards.filter(\.enabled)
        let base = Dictionary(uniqueKeysWithValues: baseline.filter { $0.year >= first }.map { ($0.year, $0) })
        var rows: [WildcardRow] = []
        for wildcard in scenario.wildcards {
            let toggled = wildcard.enabled ? enabled.filter { $0.id != wildcard.id } : enabled + [wildcard]
            let other = engine.run(θ, effects: Effects(applying: toggled), years: years)
            let cpoTech = scenario.technologies[.cpo]!, pluggable = scenario.technologies[.pluggable]!
            let watts = pluggable.wattsPerPort.central - cpoTech.wattsPerPort.central
            var diffs: [(Int, Double, Double)] = []
            for state in other {
                guard let b = base[state.year] else { continue }
                let (withState, withoutState) = wildcard.enabled ? (b, state) : (state, b)
                diffs.append((state.year, totalShare(withState) - totalShare(withoutState),
                              cpoPorts(withState) - cpoPorts(withoutState)))
            }
            // Power saved by the installed CPO base, for the difference in ports.
            let lifetime = scenario.demand.portLifetimeYears
            let last = diffs.last
            let measure = wildcard.target == .demand ? (last?.2 ?? 0) : (last?.1 ?? 0)
            let holds = measure == 0 ? false : (measure > 0) == (wildcard.expectedDirection > 0)
            for (i, d) in diffs.enumerated() {
                let installed = diffs[max(0, i - lifetime + 1)...i].reduce(0) { $0 + $1.2 }
                rows.append(WildcardRow(
                    wildcard: wildcard.id, year: d.0, probability: wildcard.probability,
                    switched: wildcard.enabled ? "off" : "on", cpoShareDifference: d.1, cpoPortsDifference: d.2,
                    powerSavedDifferenceMW: installed * watts,
                    expectedShareContribution: (wildcard.enabled ? (1 - wildcard.probability) * -d.1 : wildcard.probability * d.1),
                    expectedDirection: wildcard.expectedDirection, directionHolds: holds))
            }
        }
        return rows.sorted { ($0.wildcard, $0.year) < ($1.wildcard, $1.year) }
    }

    /// CPO share of all ports shipped.
    static func totalShare(_ s: YearState) -> Double {
        let ports = s.segmentPorts.values.reduce(0, +)
        guard ports > 0 else { return 0 }
        return cpoPorts(s) / ports
    }

    static func cpoPorts(_ s: YearState) -> Double {
        SegmentID.allCases.reduce(0) { $0 + s.segmentPorts[$1]! * s.shares[$1]![.cpo]! }
    }
}
