import AdoptScenario

/// Each segment's entry into acceptance, dependency and optimization by two rules,
/// beside the brief's narrative years.
///
/// - Share thresholds: the first year the segment's CPO share reaches
///   `acceptance_share`, `dependency_share`, `optimization_share` (defaults 2.5 %, 16 %,
///   50 %: Rogers' innovators, then early adopters, then early majority).
/// - Bass characteristic points of the segment's adoption curve F (Mahajan, Muller &
///   Srivastava 1990): takeoff → acceptance, peak adoption rate → dependency,
///   saturation onset → optimization. The calendar year is the one containing the point.
enum StageRules {
    static let stages = ["acceptance", "dependency", "optimization"]

    /// `states` must start no later than CPO's introduction, so that a threshold crossed before
    /// the report's first year is found in its own year.
    static func rows(engine: CPOEngine, θ: SegmentVector, effects: Effects, states: [YearState]) -> [StageRow] {
        let s = engine.scenario.stages
        let narrative = [s.narrativeAcceptance, s.narrativeDependency, s.narrativeOptimization]
        let thresholds = [s.acceptanceShare, s.dependencyShare, s.optimizationShare]
        let introduction = engine.cpoIntroduction + effects.introductionShift
        // The points are sought up to 20 years past the report's end, and over 20 years at least
        // when CPO is introduced after it (the years are then after the horizon all the same).
        let horizon = max(20, Double(engine.scenario.study.lastYear + 1) - introduction + 20)
        // The last year each rule searched in full.
        let shareHorizon = engine.scenario.study.lastYear
        let pointHorizon = Int((introduction + horizon).rounded(.down)) - 1
        // A point on the edge of a wildcard's window is where the ramp bends the curve, not one of
        // the curve's own turns (a slowdown that starts while adoption still speeds up makes its
        // start the fastest point): it is named so. Every window bends both segments' curves.
        let ramps = effects.pRamps.values.flatMap { $0 } + effects.qRamps.values.flatMap { $0 }
        let edges = ramps.flatMap { [$0.start, $0.end] }
        func windowEdge(_ t: Double?) -> Double? {
            guard let t else { return nil }
            return edges.first { abs($0 - t) <= 1e-6 }
        }
        // Such a point tells nothing of the stage: it is not compared with the narrative.
        func onWindowEdge(_ t: Double?) -> Bool { windowEdge(t) != nil }
        func edgeNote(_ t: Double?) -> String? {
            guard let edge = windowEdge(t) else { return nil }
            return "at the edge of a wildcard's window, \(shortText(edge)): the ramp, not a turn of the curve, puts it there"
        }
        var rows: [StageRow] = []
        for segment in SegmentID.allCases {
            let points = SegmentDiffusion.characteristicPoints(θ, effects: effects, introduction: introduction,
                                                               segment: segment, horizon: horizon)
            // A rate that accelerates most at launch (for Bass, q/p ≤ 2 + √3) takes off at CPO's
            // introduction; one that is highest at launch (q ≤ p) also peaks there.
            let takeoff = points.takeoffAtLaunch ? 0 : points.takeoff
            let peak = points.peakAtLaunch ? 0 : points.peak
            // One that only falls, and fastest at launch (for Bass, q/p ≤ 1/(2 + √3)), also begins to
            // saturate there.
            let saturation = points.saturationOnsetAtLaunch ? 0 : points.saturationOnset
            let times = [takeoff, peak, saturation].map { $0.map { $0 + introduction } }
            let pointNames = ["takeoff", "peak adoption rate", "saturation onset"]
            let notes: [String?] = [
                points.peakAtLaunch ? "at the introduction: the adoption rate is highest at launch and only falls"
                    : points.takeoffAtLaunch ? "at the introduction: the adoption rate accelerates most at launch" : edgeNote(times[0]),
                points.peakAtLaunch ? "at the introduction: the adoption rate is highest at launch" : edgeNote(times[1]),
                points.saturationOnsetAtLaunch ? "at the introduction: the adoption rate falls fastest at launch" : edgeNote(times[2])]
            for k in 0..<3 {
                let year = states.first { $0.shares[segment]![.cpo]! >= thresholds[k] }?.year
                rows.append(StageRow(segment: segment.rawValue, stage: stages[k], rule: "share_threshold",
                                     criterion: "CPO share of the segment's ports ≥ \(percentText(thresholds[k]))",
                                     year: year, horizonYear: shareHorizon, time: nil, narrativeYear: narrative[k],
                                     disagrees: disagrees(year.map(Double.init), narrative[k], s.toleranceYears,
                                                          horizon: shareHorizon)))
                let calendarYear = times[k].map { Int($0.rounded(.down)) }
                rows.append(StageRow(segment: segment.rawValue, stage: stages[k], rule: "bass_characteristic_point",
                                     criterion: pointNames[k], year: calendarYear,
                                     horizonYear: pointHorizon, time: times[k], narrativeYear: narrative[k],
                                     disagrees: onWindowEdge(times[k]) ? nil
                                        : disagrees(calendarYear.map(Double.init), narrative[k], s.toleranceYears,
                                                    horizon: pointHorizon),
                                     note: notes[k]))
            }
        }
        return rows
    }

    /// Whether a rule's year and the narrative's differ by more than `tolerance`. A stage not reached
    /// by `horizon` comes at some unknown year after it: that agrees only with a narrative that also
    /// puts the stage after the horizon. The tolerance does not carry agreement past the horizon, as
    /// the stage may come decades later.
    static func disagrees(_ year: Double?, _ narrative: Int, _ tolerance: Double, horizon: Int) -> Bool {
        guard let year else { return narrative <= horizon }
        return abs(year - Double(narrative)) > tolerance
    }
}
