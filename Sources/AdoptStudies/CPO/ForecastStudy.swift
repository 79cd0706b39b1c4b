import AdoptScenario
import Dispatch
import LinearAlgebra
import RealModule

/// Switches for one run of `adopt forecast`.
public struct ForecastSettings: Sendable {
    /// Wildcards forced on or off, overriding the scenario's `enabled`.
    public var wildcardOverrides: [String: Bool]
    /// Calibrate to the anchors (nil: as the scenario says).
    public var calibrate: Bool?
    /// Parameter draws for the bands (nil: as the scenario says).
    public var draws: Int?
    /// Move older anchors by the measured forecast slip (nil: as the scenario says).
    public var optimismCorrection: Bool?
    public var command: String
    /// At most this many threads run the parameter draws (and at most the cores); nil: all cores.
    /// The bands are the same whatever the number (each draw has its own random stream).
    public var workers: Int?

    public init(wildcardOverrides: [String: Bool] = [:], calibrate: Bool? = nil, draws: Int? = nil,
                optimismCorrection: Bool? = nil, command: String = "", workers: Int? = nil) {
        self.wildcardOverrides = wildcardOverrides
        self.calibrate = calibrate
        self.draws = draws
        self.optimismCorrection = optimismCorrection
        self.command = command
        self.workers = workers
    }
}

/// Scenario → calibration → forecast tables: the whole CPO study.
public enum ForecastStudy {
    ///
    /// - Throws: `ScenarioError` at a wildcard's multiplier that takes a segment's ceiling above 1, or
    ///   a calibrated p or q out of the model's domain (p ≤ 1, q ≤ 5 a year), in a run the forecast makes.
    public static func run(_ input: Scenario, settings: ForecastSettings, inputs: [InputRecord]) throws(ScenarioError) -> ForecastReport {
        var scenario = input
        if let c = settings.calibrate { scenario.calibration.enabled = c }
        if let d = settings.draws { scenario.study.draws = d }
        if let o = settings.optimismCorrection { scenario.calibration.optimismCorrection = o }
        for i in scenario.wildcards.indices {
            if let on = settings.wildcardOverrides[scenario.wildcards[i].id] { scenario.wildcards[i].enabled = on }
        }
        let engine = CPOEngine(scenario)
        let enabled = scenario.wildcards.filter(\.enabled)
        let effects = Effects(applying: enabled)
        // The anchors describe the analysts' expected world, in which no wildcard has struck:
        // calibrate without wildcards, then let the switched-on ones move the forecast.
        // Ceilings first: they need no calibration.
        try checkWildcardDomain(scenario, θ: nil)
        let calibration = CPOCalibration.calibrate(engine, effects: .none)
        let θ = calibration.θ
        try checkWildcardDomain(scenario, θ: θ)
        let study = scenario.study
        let lifetime = scenario.demand.portLifetimeYears
        // From CPO's introduction at the latest: the stage rules look for the first year a share
        // threshold is crossed, which may be before the report's window and its installed base.
        let introduced = Int((engine.cpoIntroduction + effects.introductionShift).rounded(.down))
        let historyStart = min(study.firstYear - lifetime + 1, study.firstYear, introduced)
        let states = engine.run(θ, effects: effects, years: historyStart...study.lastYear)
        var forecast = ForecastTables.rows(engine: engine, states: states)
        var draws = study.draws
        var bandNote: String? = nil
        var monteCarloNote: String? = nil
        var totalBands: [Int: TotalBand] = [:]
        if draws > 0 {
            if let cov = calibration.covariance {
                let bands = ForecastTables.addBands(&forecast, engine: engine, effects: effects, u: calibration.u, covariance: cov,
                                                    draws: draws, seed: study.seed, workers: settings.workers)
                totalBands = bands?.totals ?? [:]
                if let worst = bands?.worst {
                    let row = forecast[worst.place]
                    monteCarloNote = worst.halfWidth.isInfinite
                        ? "the bands' ends are Monte Carlo estimates from \(draws) draws, too few to bound the 5th percentile "
                            + "(its distribution-free 95 % interval needs 110 draws, the 95th's 73): take more draws (--draws)"
                        : "the bands' ends are Monte Carlo estimates from \(draws) draws: each is known to about "
                        + "±\(percentagePoints(worst.halfWidth)) percentage points at worst (the widest "
                        + "distribution-free 95 % interval of a percentile, the \(worst.percentile)th of \(row.segment) "
                        + "\(row.technology) in \(row.year))" + totalsPrecision(bands?.totalsWorst) + "; more draws narrow them as 1/√draws"
                }
            } else {
                bandNote = ForecastReport.noBandsNote + ": they come from the calibration's covariance, and there is none ("
                    + (!scenario.calibration.enabled ? "calibration is off"
                       : calibration.status == "no usable anchors" ? "no anchor was usable"
                       : calibration.status == CPOCalibration.noPriorStatus ? "a segment had no prior"
                       : calibration.status == "outside_domain" ? "the calibration's mode lies outside the model's domain, "
                           + "and the forecast uses the scenario's own values"
                       : "the calibration did not identify every parameter") + ")"
                draws = 0
            }
        }
        let stages = StageRules.rows(engine: engine, θ: θ, effects: effects, states: states)
        let wildcards = WildcardAnalysis.rows(engine: engine, θ: θ, scenario: scenario, baseline: states)
        var notes = calibration.notes
        let anchorYears = calibration.pulls.filter { $0.kind == "anchor" }.compactMap(\.year)
        if let note = portsHeldNote(scenario.demand.ports, from: min(historyStart, anchorYears.map { Int($0.rounded(.down)) }.min() ?? historyStart)) {
            notes.append(note)
        }
        if let note = segmentFallNote(states.filter { $0.year >= study.firstYear }, engine.demand) { notes.append(note) }
        let reported = states.filter { $0.year >= study.firstYear && $0.year <= study.lastYear }
        notes += unreachableThresholdNotes(scenario.stages, reported)
        if let note = enterpriseLeadsNote(reported) { notes.append(note) }
        if let bandNote { notes.insert(bandNote, at: 0) }
        if let monteCarloNote { notes.append(monteCarloNote) }
        if !calibration.status.hasPrefix("converged") && calibration.status != "not calibrated" {
            notes.insert("calibration status: \(calibration.status) — read the parameters with care", at: 0)
        }
        var report = ForecastReport(
            scenario: study.name, title: study.title, command: settings.command, seed: study.seed, draws: draws,
            inputs: inputs, calibrated: scenario.calibration.enabled, calibrationStatus: calibration.status,
            forecast: forecast, totals: ForecastTables.totals(forecast, wildcards: wildcards, bands: totalBands), stages: stages,
            parameters: parameterRows(calibration),
            pulls: calibration.pulls, wildcards: wildcards, enabledWildcards: enabled.map(\.id),
            claims: ClaimChecks.rows(engine: engine), assumptions: assumptions(engine), vintageSlip: calibration.slip,
            calibrationFit: calibration.goodnessOfFit, notes: notes)
        report.wildcardDefinitions = scenario.wildcards.map(WildcardDefinition.init)
        return report
    }

    /// The runs a forecast makes are the switched-on wildcards together (the forecast) and, for the
    /// wildcard table, that set with each switched-off wildcard added and with each switched-on one
    /// left out. A set whose multipliers take a segment's CPO ceiling above 1 (all of its ports) in a
    /// year the forecast computes (at mid-year, as the engine does), or its p above 1 or q above 5 a
    /// year at any time (the diffusion is solved in continuous time, and the stage rules follow it
    /// decades past the last year), leaves the model's domain (no share, no adoption curve, a
    /// diffusion too stiff to solve): refused at the line of a wildcard that raises the value then.
    /// Without `θ` the ceilings are checked (they need no calibration); with it, the segments' p and q
    /// it holds (calibrated or given).
    static func checkWildcardDomain(_ scenario: Scenario, θ: SegmentVector?) throws(ScenarioError) {
        let wildcards = scenario.wildcards
        let enabled = wildcards.filter(\.enabled)
        // The runs in order: the forecast, then each wildcard's table run (`WildcardAnalysis.toggled`), in file order.
        var runs: [(toggled: Wildcard?, set: [Wildcard])] = enabled.isEmpty ? [] : [(nil, enabled)]
        for w in wildcards { runs.append((w, WildcardAnalysis.toggled(w, enabled: enabled))) }
        let lastYear = scenario.study.lastYear
        // What a target moves in a segment: its value before the wildcards and its limit.
        func domain(_ target: WildcardTarget, _ segment: SegmentID) -> (value: Double, limit: Double)? {
            switch target {
            case .m:
                guard θ == nil else { return nil }
                return (scenario.segments[segment]!.ceiling, 1)
            case .p, .q:
                guard let θ else { return nil }
                let k = (segment == .hyperscale ? 0 : 2) + (target == .p ? 0 : 1)
                return (θ[k], target == .p ? Segment.maximumP : Segment.maximumQ)
            default:
                return nil
            }
        }
        // The largest product of the ramps where the forecast evaluates them, and when.
        func peak(_ target: WildcardTarget, _ ramps: [CalendarRamp]) -> (factor: Double, time: Double) {
            if target == .m {
                let first = Int((ramps.map(\.start).min() ?? Double(lastYear)).rounded(.down))
                var best = (factor: 1.0, time: Double(lastYear) + 0.5)
                if first <= lastYear {
                    for year in first...lastYear {
                        let f = ramps.multiplier(at: Double(year) + 0.5)
                        if f > best.factor { best = (f, Double(year) + 0.5) }
                    }
                }
                return best
            }
            return largestProduct(ramps)
        }
        for run in runs {
            // The ramps the run applies, as the run builds them.
            let effects = Effects(applying: run.set)
            let checks: [(SegmentID, WildcardTarget, [CalendarRamp]?)] = [
                (.hyperscale, .m, effects.ceilingRamps[.hyperscale]), (.enterprise, .m, effects.ceilingRamps[.enterprise]),
                (.hyperscale, .p, effects.pRamps[.hyperscale]), (.hyperscale, .q, effects.qRamps[.hyperscale]),
                (.enterprise, .p, effects.pRamps[.enterprise]), (.enterprise, .q, effects.qRamps[.enterprise]),
            ]
            for (segment, target, ramps) in checks {
                guard let ramps, !ramps.isEmpty, let (value, limit) = domain(target, segment) else { continue }
                let (factor, time) = peak(target, ramps)
                let year = Int(time.rounded(.down))
                let top = value * factor
                guard top > limit else { continue }
                let acting = wildcards.filter { w in
                    w.target == target && w.segments.contains(segment) && run.set.contains { $0.id == w.id }
                }
                // A wildcard that raises the value at that time: the one the run switches on, else the
                // one that raises it most then (the last of equals in file order).
                func raised(_ w: Wildcard) -> Double { w.ramp.multiplier(at: time) }
                let raising = acting.filter { raised($0) > 1 }
                var blamed = acting[acting.count - 1]
                if let t = run.toggled, let w = raising.first(where: { $0.id == t.id }) {
                    blamed = w
                } else if var most = raising.first {
                    for w in raising.dropFirst() where raised(w) >= raised(most) { most = w }
                    blamed = most
                }
                let alone = acting.count == 1
                // Four significant digits, more where four would read as the limit; the largest
                // multiplier allowed is cut, not rounded, to four.
                func short(_ x: Double) -> String {
                    var digits = 4
                    while digits < 17 && x > limit && !(x.roundedToSignificantDigits(digits) > limit) { digits += 1 }
                    return shortText(x.roundedToSignificantDigits(digits))
                }
                // Alone, the largest multiplier the wildcard may have in every segment it names.
                var most = limit / value
                if alone {
                    for s in blamed.segments { if let (v, l) = domain(target, s) { most = min(most, l / v) } }
                }
                let runPhrase: String
                switch run.toggled {
                case nil: runPhrase = alone ? "" : " with the switched-on wildcards"
                case let w? where w.id == blamed.id: runPhrase = " in the wildcard table's run with it switched on"
                case let w?: runPhrase = " in the wildcard table's run with '\(w.id)' switched \(w.enabled ? "off" : "on")"
                }
                let name = target == .m ? "ceiling" : target.rawValue
                let rule = target == .m ? "above 1 (all of the segment's ports)" : "above the model's \(shortText(limit)) a year (p ≤ 1, q ≤ 5)"
                let calibrated = target != .m && scenario.calibration.enabled ? " (calibrated)" : ""
                throw ScenarioError(
                    file: scenario.source, line: blamed.effectLine,
                    message: "wildcard '\(blamed.id)' takes \(segment.rawValue) \(name) from \(short(value))\(calibrated)"
                        + " to \(short(top))"
                        + (alone ? " (× \(shortText(blamed.multiplier)))" : "")
                        + runPhrase
                        + (alone ? "" : " (" + acting.map { "'\($0.id)' × \(shortText($0.multiplier))" }.joined(separator: ", ") + ")")
                        + ", in \(year), \(rule): at most × \(shortText(most.cutToSignificantDigits(4)))"
                        + (alone ? (blamed.segments.count > 1 ? " in every segment it names" : "") : " for them all together"))
            }
        }
    }

    /// The largest product of `ramps`' multipliers over time, and the first time it is reached.
    /// Between consecutive window starts and ends every ramp is linear and non-negative, so the product
    /// is log-concave there (a sum of logs of linear functions) and has one peak, found by ternary
    /// search; a step (a one-year window `[y, y]`) counts from its year on, and after the last end
    /// every ramp holds its factor.
    static func largestProduct(_ ramps: [CalendarRamp]) -> (factor: Double, time: Double) {
        // Each ramp on [lo, hi], a stretch with no start or end inside: 1, its factor, or linear.
        func product(_ t: Double, on lo: Double, _ hi: Double) -> Double {
            ramps.reduce(1) { value, r in
                if hi <= r.start { return value }
                if lo >= r.end { return value * r.factor }
                return value * (1 + (r.factor - 1) * (t - r.start) / (r.end - r.start))
            }
        }
        let times = Array(Set(ramps.flatMap { [$0.start, $0.end] })).sorted()
        guard let first = times.first else { return (1, 0) }
        var best = (factor: 1.0, time: first)
        func consider(_ t: Double, on lo: Double, _ hi: Double) {
            let f = product(t, on: lo, hi)
            if f > best.factor || (f == best.factor && t < best.time) { best = (f, t) }
        }
        // The stretches between starts and ends, and after the last (constant).
        for (lo, hi) in zip(times, times.dropFirst() + [.infinity]) {
            guard hi.isFinite else { consider(lo, on: lo, hi); continue }
            var (a, b) = (lo, hi)
            for _ in 0..<100 where b - a > 1e-12 * max(1, abs(b)) {
                let m1 = a + (b - a) / 3, m2 = b - (b - a) / 3
                if product(m1, on: lo, hi) < product(m2, on: lo, hi) { a = m1 } else { b = m2 }
            }
            consider(lo, on: lo, hi)
            consider((a + b) / 2, on: lo, hi)
            consider(hi, on: lo, hi)
        }
        return best
    }

    /// A share, or a half-width, in percentage points to a tenth (0.026 reads 2.6).
    static func percentagePoints(_ share: Double) -> String { shortText((share * 1000).rounded() / 10) }

    /// The Monte Carlo note's clause on the totals' bands (CPO's share of all ports and its ports
    /// shipped): how well their least well known ends are known, as the segments' are; empty where
    /// there are none or the draws are too few to bound them (which the note already says).
    static func totalsPrecision(_ worst: (share: ForecastTables.MonteCarloEnd?, ports: ForecastTables.MonteCarloEnd?)?) -> String {
        guard let share = worst?.share, let ports = worst?.ports, share.halfWidth.isFinite, ports.halfWidth.isFinite else { return "" }
        return ", and the totals' ends to about ±\(percentagePoints(share.halfWidth)) percentage points of CPO's "
            + "share of all ports (the \(share.percentile)th in \(share.place)) and ±\(shortText((ports.halfWidth * 10).rounded() / 10)) M "
            + "CPO ports shipped (the \(ports.percentile)th in \(ports.place))"
    }

    /// A stage's share threshold at or above a segment's CPO ceiling in every year reported: the share,
    /// at most the ceiling, never reaches it, and the stage table's "after" says so for that reason.
    static func unreachableThresholdNotes(_ stages: Stages, _ states: [YearState]) -> [String] {
        let thresholds = [("acceptance_share", stages.acceptanceShare), ("dependency_share", stages.dependencyShare),
                          ("optimization_share", stages.optimizationShare)]
        var notes: [String] = []
        for segment in SegmentID.allCases {
            guard let highest = states.compactMap({ $0.ceiling[segment] }).max() else { continue }
            for (key, threshold) in thresholds where threshold >= highest {
                notes.append("stages.\(key) = \(shortText(threshold * 100)) % is at or above the \(segment == .hyperscale ? "hyperscale" : "enterprise") "
                             + "CPO ceiling (at most \(percentagePoints(highest)) %): that segment's share never reaches it, "
                             + "and its stage row is no sign of slow adoption")
            }
        }
        return notes
    }

    /// The brief has hyperscalers lead enterprise and colocation; a scenario whose enterprise CPO share
    /// passes theirs (uncalibrated parameters that give enterprises the larger p) is told where.
    static func enterpriseLeadsNote(_ states: [YearState]) -> String? {
        guard let year = states.first(where: { ($0.shares[.enterprise]?[.cpo] ?? 0) > ($0.shares[.hyperscale]?[.cpo] ?? 0) }),
              let e = year.shares[.enterprise]?[.cpo], let h = year.shares[.hyperscale]?[.cpo] else { return nil }
        return "the enterprise CPO share passes the hyperscalers' in \(year.year) (\(percentagePoints(e)) % against "
            + "\(percentagePoints(h)) %), where the brief "
            + "has hyperscalers lead: check the segments' p and q (the calibration keeps the order the anchors give)"
    }

    /// A segment's ports that fall from one year to the next while all ports grow: the segments' split
    /// moves (the scenario's hyperscale share), which no other figure of the report explains. The first
    /// such year, and how many more there are.
    static func segmentFallNote(_ states: [YearState], _ demand: DemandModel) -> String? {
        var falls: [(segment: SegmentID, before: YearState, after: YearState)] = []
        for (before, after) in zip(states, states.dropFirst()) where after.allPorts > before.allPorts {
            for segment in SegmentID.allCases where after.segmentPorts[segment]! < before.segmentPorts[segment]! {
                falls.append((segment, before, after))
            }
        }
        guard let first = falls.first else { return nil }
        let name = first.segment == .hyperscale ? "hyperscale" : "enterprise and colocation"
        // To a tenth of a million ports, a percent of growth, two decimals of the split.
        func ports(_ s: YearState) -> String { shortText((s.segmentPorts[first.segment]! * 10).rounded() / 10) }
        func split(_ s: YearState) -> String { shortText((demand.segmentShare(.hyperscale, in: s.year) * 100).rounded() / 100) }
        let growth = (first.after.allPorts / first.before.allPorts - 1) * 100
        return "\(name) ports fall from \(ports(first.before)) M in \(first.before.year) to \(ports(first.after)) M in "
            + "\(first.after.year) while all ports grow \(shortText(growth.rounded())) %: the scenario's hyperscale "
            + "share of the ports (demand.hyperscale_share) moves from \(split(first.before)) to \(split(first.after))"
            + (falls.count > 1 ? "; so in \(falls.count - 1) more year\(falls.count == 2 ? "" : "s")" : "")
    }

    /// Before the ports file's first year the ports shipped are held at its first figure: said when
    /// the forecast's history (the installed base, the stage rules) or an anchor used reaches back
    /// to `earliest`, before it.
    static func portsHeldNote(_ ports: YearSeries, from earliest: Int) -> String? {
        guard let first = ports.years.first, Double(earliest) < first else { return nil }
        let firstYear = Int(first)
        let span = earliest == firstYear - 1 ? "\(earliest)" : "\(earliest)–\(firstYear - 1)"
        return "the ports file starts in \(firstYear): \(span), which the installed base or the anchors reach back to, "
            + "hold its first figure (\(shortText(ports.values[0])) M ports a year)"
    }

    /// The scenario's given values behind the derived columns (ports in service, power, energy,
    /// cost, revenue) and the caps on the shares, in report order.
    static func assumptions(_ engine: CPOEngine) -> [AssumptionRow] {
        let scenario = engine.scenario
        let demand = scenario.demand, power = scenario.power
        let first = Double(scenario.study.firstYear), last = Double(scenario.study.lastYear)
        let lastShareYear = demand.hyperscaleShare.years.last.map { Int($0) }
        var rows = [
            AssumptionRow(key: "demand.ports_file", value: engine.demand.totalPorts(in: scenario.study.firstYear),
                          unit: "million 800G-equivalent ports in \(scenario.study.firstYear)",
                          role: "ports shipped into AI data centers: the file's years, then growth"),
            AssumptionRow(key: "demand.growth_after_data", value: demand.growthAfterData, unit: "per year",
                          role: "growth after the file's last year, falling linearly to long_run_growth"),
            AssumptionRow(key: "demand.long_run_growth", value: demand.longRunGrowth, unit: "per year from \(demand.longRunYear)",
                          role: "growth once settled"),
            AssumptionRow(key: "demand.hyperscale_share", value: demand.hyperscaleShare.value(at: first),
                          unit: "share of ports in \(scenario.study.firstYear)",
                          role: "the hyperscalers' share of the ports (interpolated between the scenario's years); enterprise and colocation take the rest"),
            AssumptionRow(key: "demand.hyperscale_share", value: demand.hyperscaleShare.value(at: last),
                          unit: "share of ports in \(scenario.study.lastYear)",
                          role: "the same, at the report's last year" + (lastShareYear.map { Double($0) < last
                              ? " (the scenario's \($0) value, held after it)" : "" } ?? "")),
            AssumptionRow(key: AssumptionRow.portLifetimeKey, value: Double(demand.portLifetimeYears), unit: "years",
                          role: "service life: the installed base is the last years' shipments"),
            AssumptionRow(key: AssumptionRow.pueKey, value: power.pue, unit: "–",
                          role: "facility energy per unit of IT energy: energy saved = IT power saved × 8,760 h × PUE"),
            AssumptionRow(key: AssumptionRow.electricityPriceKey, value: power.priceUSDPerMWh, unit: "USD/MWh",
                          role: "electricity price: cost saved = energy saved × price"),
        ]
        if let cpo = scenario.technologies[.cpo] {
            rows.append(AssumptionRow(key: "technologies.cpo.introduction_year", value: cpo.introductionYear, unit: "year",
                                      role: "CPO's adoption curves start here"))
        }
        for id in TechnologyID.allCases {
            guard let t = scenario.technologies[id] else { continue }
            for segment in SegmentID.allCases {
                guard let ceiling = t.ceiling[segment] else { continue }
                rows.append(AssumptionRow(key: "technologies.\(id.rawValue).ceiling.\(segment.rawValue)", value: ceiling,
                                          unit: "share of ports", role: "the most of the \(segment.rawValue) ports \(id.rawValue.uppercased()) can take"))
            }
            rows.append(AssumptionRow(key: "technologies.\(id.rawValue).watts_per_port", value: t.wattsPerPort.central,
                                      low: t.wattsPerPort.low, high: t.wattsPerPort.high, unit: "W per 800G-equivalent port",
                                      role: id == .pluggable ? "power of the pluggable DSP optics every saving is measured against"
                                          : "power per port; saved = pluggable's − this, by the installed base"))
            rows.append(AssumptionRow(key: "technologies.\(id.rawValue).asp_usd", value: t.aspUSD, unit: "USD per port in \(t.aspYear)",
                                      role: "price per port, falling \(percentText(t.aspDecline)) a year: revenue = ports × price"))
        }
        for id in SegmentID.allCases {
            guard let s = scenario.segments[id] else { continue }
            rows.append(AssumptionRow(key: "segments.\(id.rawValue).ceiling", value: s.ceiling, unit: "share of ports",
                                      role: "the most of the segment's ports CPO can take; copper and pluggables keep the rest"))
            rows.append(AssumptionRow(key: "segments.\(id.rawValue).elsfp_share", value: s.elsfpShare, unit: "share of CPO ports",
                                      role: "CPO ports with external lasers (ELSFP), reported, not fed back into adoption"))
        }
        if scenario.calibration.enabled {
            rows.append(AssumptionRow(key: "calibration.current_year", value: scenario.calibration.currentYear, unit: "year",
                                      role: "now: anchors that were forecasts slip until it (the optimism correction)"))
        }
        return rows
    }

    /// The parameters' 2.5 % and 97.5 % quantiles under the calibration's normal approximation in
    /// its own coordinates u = (ln p₁, ln q₁, logit p₂/p₁, logit q₂/q₁, logit w). Hyperscale p and q
    /// and w are each one coordinate's monotone image: their quantiles are that image of the
    /// coordinate's normal quantiles. Enterprise p = e^{u₀}·logistic(u₂) (q alike with u₁, u₃)
    /// depends on two coordinates: its quantiles solve P(ln p₂ ≤ y) = 2.5 % or 97.5 %, the
    /// probability integrated over u₂ with u₀ normal given u₂. Since p₂ ≤ p₁ for every u, the
    /// quantiles keep that order; intervals made on each parameter's own log scale from its
    /// delta-method standard error do not (an enterprise q up to 3.2 beside a hyperscale q up to
    /// 0.47). A coordinate held at a bound (zero variance) is fixed in all of them.
    static func parameterIntervals(u: [Double], covariance: [Double]) -> [(low: Double, high: Double)] {
        let n = u.count
        let z = 1.959963984540054
        func variance(_ a: Int, _ b: Int) -> Double { covariance[a * n + b] }
        func closed(_ j: Int, _ image: (Double) -> Double) -> (low: Double, high: Double) {
            let sd = max(0, variance(j, j)).squareRoot()
            return (image(u[j] - z * sd), image(u[j] + z * sd))
        }
        func scaled(_ a: Int, ratio b: Int) -> (low: Double, high: Double) {
            let quantile = { (p: Double) in Double.exp(logProductQuantile(p, mean: (u[a], u[b]),
                                                                          covariance: (variance(a, a), variance(a, b), variance(b, b)))) }
            return (quantile(0.025), quantile(0.975))
        }
        return [closed(0, Double.exp), closed(1, Double.exp), scaled(0, ratio: 2), scaled(1, ratio: 3),
                closed(4, CPOCalibration.logistic)]
    }

    /// ln logistic(x) = −ln(1 + e^{−x}), without overflow for either sign.
    static func logLogistic(_ x: Double) -> Double {
        x >= 0 ? -Double.log(onePlus: Double.exp(-x)) : x - Double.log(onePlus: Double.exp(x))
    }

    /// The standard normal distribution function.
    static func normalCDF(_ x: Double) -> Double { 0.5 * Double.erfc(-x / 2.0.squareRoot()) }

    /// The p-quantile of Y = A + ln logistic(B), (A, B) normal with `mean` and covariance
    /// (var A, cov AB, var B). P(Y ≤ y) = E_B[Φ((y − ln logistic(B) − E[A | B]) / sd(A | B))] is
    /// integrated by the trapezoid rule over B's standard score on [−9, 9] in steps of 0.01 (the
    /// integrand is smooth and the weight Gaussian, so the rule is accurate far beyond the digits
    /// reported), and y found by bisection to 1e-12.
    static func logProductQuantile(_ p: Double, mean: (Double, Double), covariance: (Double, Double, Double)) -> Double {
        let (ma, mb) = mean
        let (vaa, vab, vbb) = (max(0, covariance.0), covariance.1, max(0, covariance.2))
        guard vbb > 0 else {
            // B held: Y = A + ln logistic(b), normal.
            return ma + logLogistic(mb) + vaa.squareRoot() * normalQuantile(p)
        }
        let sb = vbb.squareRoot()
        let slope = vab / vbb, conditionalSD = max(0, vaa - vab * vab / vbb).squareRoot()
        let h = 0.01
        let nodes = stride(from: -9.0, through: 9.0, by: h).map { t -> (weight: Double, shift: Double) in
            let b = mb + sb * t
            // Y ≤ y ⇔ A ≤ y − ln logistic(b): the shift is ln logistic(b) + E[A | B = b].
            return (Double.exp(-t * t / 2) / (2 * Double.pi).squareRoot() * h, logLogistic(b) + ma + slope * (b - mb))
        }
        func cdf(_ y: Double) -> Double {
            var total = 0.0
            for node in nodes {
                let gap = y - node.shift
                total += node.weight * (conditionalSD > 0 ? normalCDF(gap / conditionalSD) : (gap >= 0 ? 1 : 0))
            }
            return total
        }
        // Y lies between the shifts' extremes widened by ten conditional deviations.
        var lo = nodes.map(\.shift).min()! - 10 * conditionalSD - 1, hi = nodes.map(\.shift).max()! + 10 * conditionalSD + 1
        while hi - lo > 1e-12 * max(1, abs(lo), abs(hi)) {
            let mid = (lo + hi) / 2
            if cdf(mid) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// The standard normal p-quantile, by bisection on `normalCDF` (to 1e-13).
    static func normalQuantile(_ p: Double) -> Double {
        var lo = -40.0, hi = 40.0
        while hi - lo > 1e-13 {
            let mid = (lo + hi) / 2
            if normalCDF(mid) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// Estimates with delta-method standard errors and the 95 % intervals of `parameterIntervals`.
    static func parameterRows(_ c: CalibrationOutcome) -> [ParameterRow] {
        let dθ = CPOCalibration.jacobianOfTransform(c.u)
        let centres = c.priors.count == 5 ? c.priors.map(\.mean) : nil
        let intervals = c.covariance.map { parameterIntervals(u: c.u, covariance: $0) }
        return (0..<5).map { j in
            let θ = c.θ[j]
            var row = ParameterRow(name: CPOCalibration.names[j], segment: CPOCalibration.segments[j].rawValue,
                                   estimate: θ, stdError: nil,
                                   ciLow: nil, ciHigh: nil, priorMean: nil, priorSD: nil)
            if let cov = c.covariance {
                var variance = 0.0
                for a in 0..<5 { for b in 0..<5 { variance += dθ[j * 5 + a] * cov[a * 5 + b] * dθ[j * 5 + b] } }
                row.stdError = max(0, variance).squareRoot()
                row.ciLow = intervals?[j].low
                row.ciHigh = intervals?[j].high
            }
            if let centres {
                // Priors are on ln p, ln q and logit w: their centres on the parameter's own scale.
                row.priorMean = j == 4 ? CPOCalibration.logistic(centres[j]) : Double.exp(centres[j])
                row.priorSD = c.priors[j].sd
            }
            return row
        }
    }

    static func replacing(_ v: [Double], _ j: Int, _ x: Double) -> [Double] {
        var w = v
        w[j] = x
        return w
    }
}
