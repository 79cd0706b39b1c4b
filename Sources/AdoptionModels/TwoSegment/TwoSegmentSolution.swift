/// Sensitivities ∂F/∂θ of one cumulative fraction to θ = (p₁, q₁, p₂, q₂, w).
/// Units: ∂F/∂p and ∂F/∂q are in years (F is a fraction, p and q per year); ∂F/∂w is a fraction.
public struct TwoSegmentSensitivities: Sendable, Equatable, Hashable {
    public var p1: Double
    public var q1: Double
    public var p2: Double
    public var q2: Double
    public var w: Double

    public init(p1: Double, q1: Double, p2: Double, q2: Double, w: Double) {
        self.p1 = p1
        self.q1 = q1
        self.p2 = p2
        self.q2 = q2
        self.w = w
    }

    /// `[∂/∂p1, ∂/∂q1, ∂/∂p2, ∂/∂q2, ∂/∂w]`, the order of ``TwoSegmentParameters/vector``.
    public var vector: [Double] { [p1, q1, p2, q2, w] }

    /// The sensitivity to parameter `index` in the order of ``TwoSegmentParameters/vector``.
    public subscript(index: Int) -> Double {
        switch index {
        case 0: p1
        case 1: q1
        case 2: p2
        case 3: q2
        case 4: w
        default: preconditionFailure("TwoSegmentSensitivities index \(index) is outside 0...4")
        }
    }

    static let nan = TwoSegmentSensitivities(p1: .nan, q1: .nan, p2: .nan, q2: .nan, w: .nan)
}

/// The two-segment solution at one time.
public struct TwoSegmentPoint: Sendable, Equatable, Hashable {
    /// Years since launch.
    public var time: Double
    /// Cumulative adopted fraction of the influentials, F₁ ∈ [0, 1].
    public var F1: Double
    /// Cumulative adopted fraction of the imitators, F₂ ∈ [0, 1].
    public var F2: Double
    /// Adoption rate dF₁/dt (fraction per year); right-continuous at ramp steps.
    public var f1: Double
    /// Adoption rate dF₂/dt (fraction per year); right-continuous at ramp steps.
    public var f2: Double
    /// ∂F₁/∂θ for θ = (p₁, q₁, p₂, q₂, w); the last three are exactly 0.
    public var dF1: TwoSegmentSensitivities
    /// ∂F₂/∂θ for θ = (p₁, q₁, p₂, q₂, w).
    public var dF2: TwoSegmentSensitivities

    public init(time: Double, F1: Double, F2: Double, f1: Double, f2: Double,
                dF1: TwoSegmentSensitivities, dF2: TwoSegmentSensitivities) {
        self.time = time
        self.F1 = F1
        self.F2 = F2
        self.f1 = f1
        self.f2 = f2
        self.dF1 = dF1
        self.dF2 = dF2
    }

    /// The total cumulative fraction `F = θ·F₁ + (1 − θ)·F₂` for influential share θ
    /// (its own sensitivity is ∂F/∂θ = F₁ − F₂).
    public func total(share θ: Double) -> Double { θ * F1 + (1 - θ) * F2 }

    /// The total rate `θ·f₁ + (1 − θ)·f₂` (fraction per year).
    public func totalRate(share θ: Double) -> Double { θ * f1 + (1 - θ) * f2 }

    /// `∂F/∂(p₁, q₁, p₂, q₂, w)` of the total for influential share θ.
    public func totalSensitivities(share θ: Double) -> TwoSegmentSensitivities {
        let a = θ, b = 1 - θ
        return TwoSegmentSensitivities(
            p1: a * dF1.p1 + b * dF2.p1, q1: a * dF1.q1 + b * dF2.q1,
            p2: a * dF1.p2 + b * dF2.p2, q2: a * dF1.q2 + b * dF2.q2,
            w: a * dF1.w + b * dF2.w)
    }

    static func failed(at time: Double) -> TwoSegmentPoint {
        TwoSegmentPoint(time: time, F1: .nan, F2: .nan, f1: .nan, f2: .nan, dF1: .nan, dF2: .nan)
    }
}

/// Work done by the integrator for one solve.
public struct IntegrationStatistics: Sendable, Equatable, Hashable {
    /// Accepted Runge–Kutta steps.
    public var acceptedSteps: Int
    /// Rejected steps (error estimate above tolerance).
    public var rejectedSteps: Int
    /// Right-hand-side evaluations.
    public var evaluations: Int

    public init(acceptedSteps: Int, rejectedSteps: Int, evaluations: Int) {
        self.acceptedSteps = acceptedSteps
        self.rejectedSteps = rejectedSteps
        self.evaluations = evaluations
    }
}

/// The solution of ``TwoSegmentDiffusion`` at the requested times.
///
/// When `converged` is false the integrator hit its step cap or could not
/// keep the error within tolerance; points from the failure on are NaN.
public struct TwoSegmentSolution: Sendable, Equatable, Hashable {
    /// One point per requested time, in the same order.
    public var points: [TwoSegmentPoint]
    /// Whether every point was reached within tolerance and the step cap.
    public var converged: Bool
    public var statistics: IntegrationStatistics

    public init(points: [TwoSegmentPoint], converged: Bool, statistics: IntegrationStatistics) {
        self.points = points
        self.converged = converged
        self.statistics = statistics
    }

    public var times: [Double] { points.map(\.time) }
    public var F1: [Double] { points.map(\.F1) }
    public var F2: [Double] { points.map(\.F2) }
}
