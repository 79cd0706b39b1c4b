import AdoptScenario
import AdoptionModels

/// The segment adoption paths the engine needs, from the two-segment model.
struct SegmentPaths: Sendable {
    /// F by segment at each requested time.
    var adopted: [SegmentID: [Double]]
    /// ∂F/∂(p₁, q₁, p₂, q₂, w) by segment at each requested time.
    var gradient: [SegmentID: [[Double]]]
}

/// Bridges the engine (calendar years, segment ids, wildcard ramps) and
/// `TwoSegmentDiffusion` (model time since CPO's introduction).
enum SegmentDiffusion {
    /// Integration tolerance (relative and absolute) of forecasts; calibration uses `calibrationTolerance`,
    /// still far below any anchor's uncertainty.
    static let forecastTolerance = 1e-12
    static let calibrationTolerance = 1e-10

    static func model(_ θ: SegmentVector, effects: Effects, introduction: Double,
                      tolerance: Double = forecastTolerance) -> TwoSegmentDiffusion {
        func ramps(_ list: [CalendarRamp]?) -> [ParameterRamp] {
            (list ?? []).map { ParameterRamp(start: $0.start - introduction, end: $0.end - introduction, factor: $0.factor) }
        }
        let r = TwoSegmentRamps(p1: ramps(effects.pRamps[.hyperscale]), q1: ramps(effects.qRamps[.hyperscale]),
                                p2: ramps(effects.pRamps[.enterprise]), q2: ramps(effects.qRamps[.enterprise]))
        return TwoSegmentDiffusion(parameters: TwoSegmentParameters(θ), ramps: r,
                                   relativeTolerance: tolerance, absoluteTolerance: tolerance)
    }

    /// Solves at model times `times` (any order, ≥ 0).
    static func solve(_ θ: SegmentVector, effects: Effects, introduction: Double, times: [Double],
                      tolerance: Double = forecastTolerance) -> SegmentPaths {
        let order = times.indices.sorted { times[$0] < times[$1] }
        let solution = model(θ, effects: effects, introduction: introduction, tolerance: tolerance)
            .solve(at: order.map { times[$0] })
        var f1 = [Double](repeating: 0, count: times.count), f2 = f1
        var g1 = [[Double]](repeating: [0, 0, 0, 0, 0], count: times.count), g2 = g1
        for (k, i) in order.enumerated() where k < solution.points.count {
            let point = solution.points[k]
            f1[i] = point.F1
            f2[i] = point.F2
            g1[i] = point.dF1.vector
            g2[i] = point.dF2.vector
        }
        return SegmentPaths(adopted: [.hyperscale: f1, .enterprise: f2], gradient: [.hyperscale: g1, .enterprise: g2])
    }

    /// Takeoff, peak and saturation onset of a segment's adoption, in model time.
    static func characteristicPoints(_ θ: SegmentVector, effects: Effects, introduction: Double, segment: SegmentID,
                                     horizon: Double) -> CharacteristicPoints {
        model(θ, effects: effects, introduction: introduction)
            .characteristicPoints(segment: segment == .hyperscale ? 1 : 2, horizon: horizon, samplingStep: 0.05)
    }
}
