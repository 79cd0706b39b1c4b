import AdoptScenario

/// The difference each wildcard makes, year by year, against the run as configured.
///
/// A wildcard that is off is switched on (difference = with − without); one that is on is
/// switched off (difference = with − without as well, so signs read the same way). The
/// expected-share contribution weights the difference by the wildcard's probability, a
/// first-order expectation over independent wildcards.
enum WildcardAnalysis {
    /// The wildcards of `wildcard`'s row: the switched-on ones (`enabled`) with it switched the other way.
    static func toggled(_ wildcard: Wildcard, enabled: [Wildcard]) -> [Wildcard] {
        wildcard.enabled ? enabled.filter { $0.id != wildcard.id } : enabled + [wildcard]
    }

    static func rows(engine: CPOEngine, θ: SegmentVector, scenario: Scenario, baseline: [YearState]) -> [WildcardRow] {
        let first = scenario.study.firstYear
        // Every year of the baseline's history, so the installed base behind the power
        // difference counts the ports shipped before the report's first year too.
        guard let start = baseline.first?.year else { return [] }
        let years = start...scenario.study.lastYear
        let enabled = scenario.wildcards.filter(\.enabled)
        let base = Dictionary(uniqueKeysWithValues: baseline.map { ($0.year, $0) })
        let watts = ForecastTables.wattsSaved(by: .cpo, in: scenario)
        let lifetime = scenario.demand.portLifetimeYears
        var rows: [WildcardRow] = []
        for wildcard in scenario.wildcards {
            let other = engine.run(θ, effects: Effects(applying: toggled(wildcard, enabled: enabled)), years: years)
            typealias Difference = (year: Int, share: Double, ports: Double, scale: Double)
            var diffs: [Difference] = []
            for state in other {
                guard let b = base[state.year] else { continue }
                let (withState, withoutState) = wildcard.enabled ? (b, state) : (state, b)
                diffs.append((state.year, withState.cpoShareOfAllPorts - withoutState.cpoShareOfAllPorts,
                              withState.cpoPorts - withoutState.cpoPorts, max(withState.cpoPorts, withoutState.cpoPorts)))
            }
            // Below 1e-11 of a share (1e-9 pp) or 1e-12 of the ports, a difference is rounding in the two
            // runs compared: 0.
            func share(_ d: Difference) -> Double { abs(d.share) < WildcardRow.roundingShare ? 0 : d.share }
            func ports(_ d: Difference) -> Double { abs(d.ports) <= 1e-12 * d.scale ? 0 : d.ports }
            // The last year's difference decides the direction; none is no effect.
            let measure = diffs.last.map { wildcard.target == .demand ? ports($0) : share($0) } ?? 0
            // Switched from this run: on for one that is off here (probability × difference), off for one
            // that is on ((1 − probability) × −difference; 0 − x, not −x: no difference is 0, not −0).
            func expected(_ difference: Double) -> Double {
                wildcard.enabled ? 0 - (1 - wildcard.probability) * difference : wildcard.probability * difference
            }
            let portDifferences = diffs.map(\.ports)
            for (i, d) in diffs.enumerated() where d.year >= first {
                let (shareDifference, portsDifference) = (share(d), ports(d))
                // Power saved by the installed CPO base, for the difference in ports.
                let installed = ForecastTables.installedBase(portDifferences, at: i, lifetime: lifetime)
                rows.append(WildcardRow(
                    wildcard: wildcard.id, year: d.year, probability: wildcard.probability,
                    switched: wildcard.enabled ? "off" : "on", cpoShareDifference: shareDifference,
                    cpoPortsDifference: portsDifference, powerSavedDifferenceMW: installed * watts,
                    expectedShareContribution: expected(shareDifference), expectedPortsContribution: expected(portsDifference),
                    expectedDirection: wildcard.expectedDirection, hasEffect: measure != 0,
                    directionHolds: measure != 0 && (measure > 0) == (wildcard.expectedDirection > 0)))
            }
        }
        return rows.sorted { ($0.wildcard, $0.year) < ($1.wildcard, $1.year) }
    }
}
