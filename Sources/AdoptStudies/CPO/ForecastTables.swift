import AdoptData
import AdoptScenario
import LinearAlgebra
import RealModule

/// Yearly states → the tidy forecast table: share, ports, revenue and power saved.
enum ForecastTables {
    /// Rows for the study's years (the earlier states only feed the installed base).
    static func rows(engine: CPOEngine, states: [YearState]) -> [ForecastRow] {
        let scenario = engine.scenario
        let first = scenario.study.firstYear
        let lifetime = scenario.demand.portLifetimeYears
        let power = scenario.power
        let pluggable = scenario.technologies[.pluggable]!
        var rows: [ForecastRow] = []
        for segment in SegmentID.allCases {
            for technology in TechnologyID.allCases {
                let tech = scenario.technologies[technology]!
                let shipped = states.map { $0.segmentPorts[segment]! * $0.shares[segment]![technology]! }
                for (i, state) in states.enumerated() where state.year >= first {
                    let share = state.shares[segment]![technology]!
                    let asp = tech.asp(at: Double(state.year))
                    let installed = installedBase(shipped, at: i, lifetime: lifetime)
                    // Watts saved per port against pluggable DSP optics: central, and the widest range.
                    let central = wattsSaved(by: technology, in: scenario)
                    let low = pluggable.wattsPerPort.low - tech.wattsPerPort.high
                    let high = pluggable.wattsPerPort.high - tech.wattsPerPort.low
                    let mw = technology == .pluggable ? 0 : installed * central
                    // Energy over the year: the installed base grows through it, so its power is taken
                    // half-way between the base at the year's start (the last year's end) and at its end.
                    let before = i > 0 ? installedBase(shipped, at: i - 1, lifetime: lifetime) : 0
                    let averageMW = technology == .pluggable ? 0 : (before + installed) / 2 * central
                    let energy = averageMW * 8760 * power.pue / 1000
                    rows.append(ForecastRow(
                        segment: segment.rawValue, technology: technology.rawValue, year: state.year,
                        share: share, shareLow: nil, shareHigh: nil, ports: shipped[i], revenue: shipped[i] * asp / 1000,
                        powerSavedMW: mw, powerSavedLowMW: technology == .pluggable ? 0 : installed * low,
                        powerSavedHighMW: technology == .pluggable ? 0 : installed * high,
                        energySavedGWh: energy, costSavedUSDm: energy * power.priceUSDPerMWh / 1000,
                        elsfpShare: technology == .cpo ? scenario.segments[segment]!.elsfpShare : nil))
                }
            }
        }
        return rows
    }

    /// CPO across both segments, year by year: the forecast rows summed, the wildcards' expected
    /// changes of the share of all ports summed (a first-order sum), and the bands from the draws.
    static func totals(_ rows: [ForecastRow], wildcards: [WildcardRow], bands: [Int: TotalBand] = [:]) -> [YearTotal] {
        func sum(_ rows: [ForecastRow], _ value: (ForecastRow) -> Double) -> Double { rows.reduce(0) { $0 + value($1) } }
        return Set(rows.map(\.year)).sorted().map { year in
            let all = rows.filter { $0.year == year }
            let cpo = all.filter { $0.technology == TechnologyID.cpo.rawValue }
            func share(_ segment: SegmentID?) -> Double? {
                let ports = sum(all.filter { segment == nil || $0.segment == segment!.rawValue }, \.ports)
                let adopted = sum(cpo.filter { segment == nil || $0.segment == segment!.rawValue }, \.ports)
                return ports > 0 ? adopted / ports : nil
            }
            let allShare = share(nil)
            return YearTotal(
                year: year, cpoShare: allShare, cpoShareHyperscale: share(.hyperscale), cpoShareEnterprise: share(.enterprise),
                cpoPorts: sum(cpo, \.ports), cpoPortsHyperscale: sum(cpo.filter { $0.segment == SegmentID.hyperscale.rawValue }, \.ports),
                cpoRevenue: sum(cpo, \.revenue), powerSavedMW: sum(cpo, \.powerSavedMW), powerSavedLowMW: sum(cpo, \.powerSavedLowMW),
                powerSavedHighMW: sum(cpo, \.powerSavedHighMW), energySavedGWh: sum(cpo, \.energySavedGWh),
                costSavedUSDm: sum(cpo, \.costSavedUSDm),
                wildcardsExpectedChange: wildcards.filter { $0.year == year }.reduce(0) { $0 + $1.expectedShareContribution },
                // No band for a share there is none of (a year without ports).
                cpoShareLow: allShare == nil ? nil : bands[year]?.shareLow, cpoShareHigh: allShare == nil ? nil : bands[year]?.shareHigh,
                cpoPortsLow: bands[year]?.portsLow, cpoPortsHigh: bands[year]?.portsHigh)
        }
    }

    /// 5 % and 95 % of every share over parameter draws from the calibrated covariance.
    ///
    /// Draw k uses its own SplitMix64 stream (seed, k), so the bands are the same
    /// whatever the number of threads (all cores, or at most `workers`).
    ///
    /// Returns the rows' band end known least well from these draws (`MonteCarloEnd`, placed at its row's
    /// index); the bands of CPO's share of all ports and of its ports shipped, by year, from the same
    /// draws; and the end of each of those two known least well (placed at its year).
    static func addBands(_ rows: inout [ForecastRow], engine: CPOEngine, effects: Effects, u: [Double],
                         covariance: [Double], draws: Int, seed: UInt64,
                         workers: Int?) -> (worst: MonteCarloEnd?, totals: [Int: TotalBand],
                                            totalsWorst: (share: MonteCarloEnd?, ports: MonteCarloEnd?))? {
        let n = u.count
        guard let r = CPOCalibration.covarianceFactor(covariance, n: n) else { return nil }
        let years = engine.scenario.study.firstYear...engine.scenario.study.lastYear
        // Each row's state key, parsed once for all draws.
        let keys = rows.map { (SegmentID(rawValue: $0.segment)!, TechnologyID(rawValue: $0.technology)!, $0.year) }
        let drawn = IndexedResults.collect(draws, workers: workers) { k in
            var rng = SplitMix64(seed: seed, stream: k)
            let z = (0..<n).map { _ in rng.normal() }
            // u + Rᵀz has covariance RᵀR = C.
            var draw = u
            for a in 0..<n { for b in 0...a { draw[a] += r[b, a] * z[b] } }
            let states = engine.run(CPOCalibration.untransform(draw), effects: effects, years: years)
            // Each row's share, then each year's CPO share of all ports and CPO ports.
            var values = [Double](repeating: 0, count: keys.count + 2 * states.count)
            for (i, key) in keys.enumerated() {
                let state = states[key.2 - years.lowerBound]
                values[i] = state.shares[key.0]![key.1]!
            }
            for (y, state) in states.enumerated() {
                values[keys.count + 2 * y] = state.cpoShareOfAllPorts
                values[keys.count + 2 * y + 1] = state.cpoPorts
            }
            return values
        }
        var worst: MonteCarloEnd? = nil
        for i in rows.indices {
            var column = drawn.map { $0[i] }
            column.sort()
            rows[i].shareLow = quantile(column, 0.05)
            rows[i].shareHigh = quantile(column, 0.95)
            worst = widest(worst, column, at: i)
        }
        var totals: [Int: TotalBand] = [:]
        var worstShare: MonteCarloEnd? = nil, worstPorts: MonteCarloEnd? = nil
        for (k, year) in years.enumerated() {
            let share = drawn.map { $0[keys.count + 2 * k] }.sorted(), ports = drawn.map { $0[keys.count + 2 * k + 1] }.sorted()
            totals[year] = TotalBand(shareLow: quantile(share, 0.05), shareHigh: quantile(share, 0.95),
                                     portsLow: quantile(ports, 0.05), portsHigh: quantile(ports, 0.95))
            worstShare = widest(worstShare, share, at: year)
            worstPorts = widest(worstPorts, ports, at: year)
        }
        return (worst, totals, (worstShare, worstPorts))
    }

    /// A band end as the draws know it: where it is (a row's index, or a year), its percentile (5 or 95),
    /// and the half-width of the distribution-free 95 % interval of that percentile (`monteCarloHalfWidth`),
    /// the Monte Carlo error that more draws narrow as 1/√N.
    struct MonteCarloEnd: Equatable {
        var place: Int
        var percentile: Int
        var halfWidth: Double
    }

    /// Of `known` and the two band ends of the sorted draws of the value at `place`, the end known
    /// least well (the first of equals).
    static func widest(_ known: MonteCarloEnd?, _ sorted: [Double], at place: Int) -> MonteCarloEnd? {
        var widest = known
        for p in [0.05, 0.95] {
            let h = monteCarloHalfWidth(sorted, p)
            if h > (widest?.halfWidth ?? -1) { widest = MonteCarloEnd(place: place, percentile: Int((p * 100).rounded()), halfWidth: h) }
        }
        return widest
    }

    /// Half the width of the distribution-free 95 % interval of the p-quantile of sorted draws: the
    /// order statistics at ranks N·p ∓ 1.96·√(N·p(1−p)) (the binomial count of draws below it).
    /// Infinite where a rank falls outside 1…N: the draws are too few to bound that quantile (the
    /// 5th and 95th percentiles need about 110).
    static func monteCarloHalfWidth(_ sorted: [Double], _ p: Double) -> Double {
        let count = Double(sorted.count)
        let spread = 1.959963984540054 * (count * p * (1 - p)).squareRoot()
        let lo = Int((count * p - spread).rounded(.down)), hi = Int((count * p + spread).rounded(.up))
        guard lo >= 1, hi <= sorted.count else { return .infinity }
        return (sorted[hi - 1] - sorted[lo - 1]) / 2
    }

    /// The p-quantile of sorted values (linear interpolation, R's type 7).
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}

extension ForecastTables {
    /// The ports in service in year `i`: the shipments of the last `lifetime` years up to it.
    static func installedBase(_ shipped: [Double], at i: Int, lifetime: Int) -> Double {
        shipped[max(0, i - lifetime + 1)...i].reduce(0, +)
    }

    /// Central watts saved per port by `technology` against pluggable DSP optics.
    static func wattsSaved(by technology: TechnologyID, in scenario: Scenario) -> Double {
        scenario.technologies[.pluggable]!.wattsPerPort.central - scenario.technologies[technology]!.wattsPerPort.central
    }
}

