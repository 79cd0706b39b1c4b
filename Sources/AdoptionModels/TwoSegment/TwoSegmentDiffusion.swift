/// The two-segment diffusion model of Van den Bulte & Joshi (2007):
/// influentials (e.g. hyperscalers) adopt as a Bass population; imitators
/// (e.g. enterprises) learn from the influentials with weight w and from
/// each other with weight 1 − w.
///
///     dF₁/dt = (1 − F₁)·(p₁·r_p1(t) + q₁·r_q1(t)·F₁)
///     dF₂/dt = (1 − F₂)·(p₂·r_p2(t) + q₂·r_q2(t)·[w·F₁ + (1 − w)·F₂])
///     F(t)   = θ·F₁ + (1 − θ)·F₂,    F₁(0) = F₂(0) = 0
///
/// t is years since launch; p₁, q₁, p₂, q₂ > 0 per year; w ∈ [0, 1]; θ is the
/// influentials' share of the market (applied by the caller, see
/// ``TwoSegmentPoint/total(share:)``). The r(t) are products of
/// ``ParameterRamp`` multipliers (1 without ramps).
///
/// The state is integrated together with its forward sensitivities
/// `Sᵢ = ∂Fᵢ/∂(p₁, q₁, p₂, q₂, w)`,
///
///     dS/dt = J·S + ∂f/∂θ,   J = [[q₁(1 − 2F₁) − p₁,  0                              ],
///                                 [(1 − F₂)·q₂·w,       (1 − F₂)·q₂·(1 − w) − p₂ − q₂·G]]
///
/// (G = w·F₁ + (1 − w)·F₂, coefficients ramped), by the Dormand–Prince 5(4)
/// pair with error control over all twelve components, stopping exactly at
/// every ramp breakpoint and requested time. Nothing flows from imitators to
/// influentials, so ∂F₁/∂(p₂, q₂, w) is exactly 0.
///
/// Van den Bulte, C. & Joshi, Y. V. (2007), "New product diffusion with
/// influentials and imitators", *Marketing Science* 26(3), 400–421.
public struct TwoSegmentDiffusion: Sendable {
    public var parameters: TwoSegmentParameters
    public let ramps: TwoSegmentRamps
    /// Relative tolerance of the local error per step.
    public var relativeTolerance: Double
    /// Absolute tolerance of the local error per step (fractions; years for sensitivities).
    public var absoluteTolerance: Double
    /// Cap on attempted integrator steps per solve.
    public var maxSteps: Int

    let schedule: MultiplierSchedule

    public init(parameters: TwoSegmentParameters, ramps: TwoSegmentRamps = .none,
                relativeTolerance: Double = 1e-12, absoluteTolerance: Double = 1e-12,
                maxSteps: Int = 100_000) {
        precondition(relativeTolerance > 0 && absoluteTolerance > 0 && maxSteps > 0,
                     "tolerances and the step cap must be positive")
        self.parameters = parameters
        self.ramps = ramps
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
        self.maxSteps = maxSteps
        self.schedule = MultiplierSchedule(ramps)
    }

    /// The solution at `times`, which must be finite, ≥ 0 and ascending
    /// (repeats allowed). Rates are right-continuous at ramp steps.
    public func solve(at times: [Double]) -> TwoSegmentSolution {
        var points: [TwoSegmentPoint] = []
        points.reserveCapacity(times.count)
        let (converged, statistics) = integrate(at: times) { t, y, piece in
            points.append(point(at: t, y, piece: piece))
        }
        while points.count < times.count { points.append(.failed(at: times[points.count])) }
        return TwoSegmentSolution(points: points, converged: converged, statistics: statistics)
    }

    /// The solution on the grid 0, step, 2·step, …, horizon (the last point is
    /// exactly `horizon`).
    public func solveDense(through horizon: Double, step: Double) -> TwoSegmentSolution {
        solve(at: Self.grid(through: horizon, step: step))
    }

    static func grid(through horizon: Double, step: Double) -> [Double] {
        precondition(horizon >= 0 && horizon.isFinite && step > 0, "need a finite horizon ≥ 0 and a step > 0")
        let n = Int((horizon / step).rounded(.down))
        var times = (0...n).map { Double($0) * step }
        if let last = times.last, horizon - last > 1e-9 * step { times.append(horizon) } else { times[n] = horizon }
        return times
    }

    // MARK: Integration

    func system(piece k: Int) -> TwoSegmentSystem {
        TwoSegmentSystem(p1: parameters.p1, q1: parameters.q1, p2: parameters.p2, q2: parameters.q2,
                         w: parameters.w, piece: schedule.pieces[k])
    }

    func integrator(piece k: Int, t: Double, y: TwoSegmentSystem.State) -> DormandPrince<TwoSegmentSystem> {
        DormandPrince(system: system(piece: k), t: t, y: y,
                      relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance,
                      maxSteps: maxSteps)
    }

    /// Integrates from launch through `times`, calling `record(t, state, piece)`
    /// at each; `piece` is the ramp piece in force just after t. Stops at the
    /// first failure.
    func integrate(at times: [Double],
                   record: (Double, TwoSegmentSystem.State, Int) -> Void) -> (Bool, IntegrationStatistics) {
        var piece = 0
        var rk = integrator(piece: 0, t: 0, y: .zero)
        var converged = true
        var previous = 0.0
        for t in times {
            precondition(t.isFinite && t >= previous, "solve(at:) needs finite, non-negative, ascending times")
            previous = t
            while rk.t < t || schedule.end(ofPiece: piece) <= t {
                let end = schedule.end(ofPiece: piece)
                guard rk.advance(to: min(t, end)) else { converged = false; break }
                if rk.t == end {
                    piece += 1
                    rk.system = system(piece: piece)
                    rk.restart()
                }
            }
            guard converged else { break }
            record(t, rk.y, piece)
        }
        return (converged, IntegrationStatistics(
            acceptedSteps: rk.acceptedSteps, rejectedSteps: rk.rejectedSteps, evaluations: rk.evaluations))
    }

    func point(at t: Double, _ y: TwoSegmentSystem.State, piece: Int) -> TwoSegmentPoint {
        let (F1, F2) = (y[TwoSegmentSystem.F1], y[TwoSegmentSystem.F2])
        let (f1, f2) = system(piece: piece).rates(at: t, F1: F1, F2: F2)
        func sensitivities(_ lanes: [Int]) -> TwoSegmentSensitivities {
            TwoSegmentSensitivities(p1: y[lanes[0]], q1: y[lanes[1]], p2: y[lanes[2]], q2: y[lanes[3]], w: y[lanes[4]])
        }
        return TwoSegmentPoint(time: t, F1: F1, F2: F2, f1: f1, f2: f2,
                               dF1: sensitivities(TwoSegmentSystem.dF1), dF2: sensitivities(TwoSegmentSystem.dF2))
    }
}

/// The right-hand side on one ramp piece, state and sensitivities together.
///
/// Lanes: 0 F₁, 1–5 ∂F₁/∂(p₁, q₁, p₂, q₂, w), 6 F₂, 7–11 ∂F₂/∂(p₁, q₁, p₂, q₂, w).
struct TwoSegmentSystem: ODESystem {
    typealias State = ODEState
    static let F1 = 0, dF1 = [1, 2, 3, 4, 5], F2 = 6, dF2 = [7, 8, 9, 10, 11]

    var p1: Double
    var q1: Double
    var p2: Double
    var q2: Double
    var w: Double
    var piece: MultiplierPiece

    /// dF₁/dt and dF₂/dt.
    @inline(__always)
    func rates(at t: Double, F1: Double, F2: Double) -> (Double, Double) {
        let m = piece.values(at: t)
        let g = w * F1 + (1 - w) * F2
        return ((1 - F1) * (p1 * m[0] + q1 * m[1] * F1), (1 - F2) * (p2 * m[2] + q2 * m[3] * g))
    }

    @inline(__always)
    func derivative(at t: Double, _ y: State) -> State {
        let h = y.head, s = y.tail
        let F1 = h[0], F2 = h[6]
        let m = piece.values(at: t)
        let P1 = p1 * m[0], Q1 = q1 * m[1], P2 = p2 * m[2], Q2 = q2 * m[3]
        let u1 = 1 - F1, u2 = 1 - F2
        let A1 = P1 + Q1 * F1
        let G = w * F1 + (1 - w) * F2
        let A2 = P2 + Q2 * G
        // Jacobian of the state equations (J₁₂ = 0: nothing flows back to influentials).
        let j11 = Q1 * u1 - A1
        let j21 = u2 * Q2 * w
        let j22 = u2 * Q2 * (1 - w) - A2
        // dS/dt = J·S + ∂f/∂θ, written out lane by lane.
        let head = SIMD8(
            u1 * A1,
            j11 * h[1] + u1 * m[0],
            j11 * h[2] + u1 * F1 * m[1],
            j11 * h[3],
            j11 * h[4],
            j11 * h[5],
            u2 * A2,
            j21 * h[1] + j22 * h[7])
        let tail = j21 * SIMD4(h[2], h[3], h[4], h[5]) + j22 * s
            + SIMD4(0, u2 * m[2], u2 * G * m[3], u2 * Q2 * (F1 - F2))
        return State(head: head, tail: tail)
    }
}
