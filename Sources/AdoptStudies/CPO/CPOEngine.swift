import AdoptScenario
import AdoptionModels

/// The calibrated quantities of the two-segment CPO diffusion: (p₁, q₁, p₂, q₂, w).
typealias SegmentVector = [Double]

/// One year of one run: adoption levels, shares and ports by segment and technology.
struct YearState: Sendable {
    var year: Int
    /// Fraction of each segment's operators that have adopted CPO (F₁, F₂) at mid-year.
    var adopted: [SegmentID: Double]
    /// ∂F/∂(p₁, q₁, p₂, q₂, w) at mid-year, per segment.
    var adoptedGradient: [SegmentID: [Double]]
    /// Shares of each segment's ports by technology (sum to 1).
    var shares: [SegmentID: [TechnologyID: Double]]
    /// Ports shipped (millions of 800G-equivalent), by segment.
    var segmentPorts: [SegmentID: Double]
    /// The CPO ceiling in force (after wildcards), by segment.
    var ceiling: [SegmentID: Double]
}

extension YearState {
    /// Ports shipped over both segments (millions).
    var allPorts: Double { SegmentID.allCases.reduce(0) { $0 + segmentPorts[$1]! } }
    /// CPO ports shipped over both segments (millions).
    var cpoPorts: Double { SegmentID.allCases.reduce(0) { $0 + segmentPorts[$1]! * shares[$1]![.cpo]! } }
    /// CPO's share of all ports shipped (0 without ports).
    var cpoShareOfAllPorts: Double {
        let all = allPorts
        return all > 0 ? cpoPorts / all : 0
    }
}

/// Turns a scenario and a parameter vector into yearly states: segment diffusion
/// (Van den Bulte & Joshi 2007), generational substitution (Norton & Bass 1987) and demand.
struct CPOEngine: Sendable {
    let scenario: Scenario
    let demand: DemandModel

    init(_ scenario: Scenario) {
        self.scenario = scenario
        self.demand = DemandModel(scenario.demand)
    }

    var cpoIntroduction: Double { scenario.technologies[.cpo]!.introductionYear }

    /// The scenario's own segment parameters (the calibration's starting point).
    var scenarioVector: SegmentVector {
        let h = scenario.segments[.hyperscale]!, e = scenario.segments[.enterprise]!
        return [h.p, h.q, e.p, e.q, e.influenceWeight ?? 0.5]
    }

    /// Mid-year model time of calendar year `year` for a technology introduced at `introduction`.
    static func modelTime(_ year: Int, introduction: Double) -> Double {
        Double(year) + 0.5 - introduction
    }

    /// Yearly states for `years`, with the given segment parameters and effects.
    func run(_ θ: SegmentVector, effects: Effects, years: ClosedRange<Int>) -> [YearState] {
        let introduction = cpoIntroduction + effects.introductionShift
        let yearList = Array(years)
        let times = yearList.map { max(0, Self.modelTime($0, introduction: introduction)) }
        let paths = SegmentDiffusion.solve(θ, effects: effects, introduction: introduction, times: times)
        var states: [YearState] = []
        states.reserveCapacity(yearList.count)
        for (i, year) in yearList.enumerated() {
            let before = Self.modelTime(year, introduction: introduction) <= 0
            var adopted: [SegmentID: Double] = [:]
            var gradient: [SegmentID: [Double]] = [:]
            var shares: [SegmentID: [TechnologyID: Double]] = [:]
            var ports: [SegmentID: Double] = [:]
            var ceilings: [SegmentID: Double] = [:]
            let total = demand.totalPorts(in: year)
            for segment in SegmentID.allCases {
                let f = before ? 0 : paths.adopted[segment]![i]
                adopted[segment] = f
                gradient[segment] = before ? [0, 0, 0, 0, 0] : paths.gradient[segment]![i]
                let ceiling = scenario.segments[segment]!.ceiling
                    * (effects.ceilingRamps[segment] ?? []).multiplier(at: Double(year) + 0.5)
                ceilings[segment] = ceiling
                // (An unsolved point stays NaN: min(1, NaN) would read as the whole segment.)
                let cpo = f.isNaN ? f : min(1, ceiling * f)
                shares[segment] = Substitution.shares(lpo: bridge(.lpo, segment, year), npo: bridge(.npo, segment, year),
                                                      cpo: cpo)
                ports[segment] = total * demand.segmentShare(segment, in: year)
                    * (effects.demandRamps[segment] ?? []).multiplier(at: Double(year) + 0.5)
            }
            states.append(YearState(year: year, adopted: adopted, adoptedGradient: gradient, shares: shares,
                                    segmentPorts: ports, ceiling: ceilings))
        }
        return states
    }

    /// A bridge technology's adoption level at mid-year: its ceiling times a Bass curve from its introduction.
    func bridge(_ technology: TechnologyID, _ segment: SegmentID, _ year: Int) -> Double {
        bridge(technology, segment, at: Double(year) + 0.5)
    }

    /// A bridge technology's adoption level at calendar time `calendar` (2026.5 is mid-2026).
    func bridge(_ technology: TechnologyID, _ segment: SegmentID, at calendar: Double) -> Double {
        guard let tech = scenario.technologies[technology], let p = tech.p[segment], let q = tech.q[segment],
              let ceiling = tech.ceiling[segment] else { return 0 }
        let t = calendar - tech.introductionYear
        guard t > 0 else { return 0 }
        return ceiling * BassModel().value(at: t, parameters: [1, p, q])
    }
}
