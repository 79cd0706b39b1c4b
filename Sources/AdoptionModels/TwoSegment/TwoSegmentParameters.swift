/// Named parameters of the two-segment diffusion model (influentials → imitators).
///
///     dF₁/dt = (1 − F₁)·(p₁ + q₁·F₁)
///     dF₂/dt = (1 − F₂)·(p₂ + q₂·[w·F₁ + (1 − w)·F₂])
///
/// Coefficients p₁, q₁, p₂, q₂ > 0 are per year; the weight w ∈ [0, 1] is
/// dimensionless (w = 0: imitators learn only from each other; w = 1: only
/// from influentials). The positional order `[p1, q1, p2, q2, w]` is the order
/// of every sensitivity vector in ``TwoSegmentSensitivities``.
///
/// Van den Bulte, C. & Joshi, Y. V. (2007), "New product diffusion with
/// influentials and imitators", *Marketing Science* 26(3), 400–421.
public struct TwoSegmentParameters: Sendable, Equatable, Hashable, Codable {
    /// Innovation coefficient of the influentials (per year).
    public var p1: Double
    /// Imitation coefficient of the influentials, among themselves (per year).
    public var q1: Double
    /// Innovation coefficient of the imitators (per year).
    public var p2: Double
    /// Imitation coefficient of the imitators (per year).
    public var q2: Double
    /// Weight of the influentials in the imitators' social contagion, in [0, 1].
    public var w: Double

    public init(p1: Double, q1: Double, p2: Double, q2: Double, w: Double) {
        self.p1 = p1
        self.q1 = q1
        self.p2 = p2
        self.q2 = q2
        self.w = w
    }

    /// Builds the parameters from `[p1, q1, p2, q2, w]`.
    public init(_ vector: [Double]) {
        precondition(vector.count == 5, "TwoSegmentParameters needs [p1, q1, p2, q2, w], got \(vector.count) values")
        self.init(p1: vector[0], q1: vector[1], p2: vector[2], q2: vector[3], w: vector[4])
    }

    /// `[p1, q1, p2, q2, w]`.
    public var vector: [Double] { [p1, q1, p2, q2, w] }

    /// Names in the order of ``vector``.
    public static let names = ["p1", "q1", "p2", "q2", "w"]

    /// Whether the parameters lie in the model's domain: p₁, q₁, p₂, q₂ > 0
    /// and finite, 0 ≤ w ≤ 1. The solver integrates any finite values; this is
    /// for callers that want to reject a point before solving.
    public var isAdmissible: Bool {
        [p1, q1, p2, q2].allSatisfy { $0 > 0 && $0.isFinite } && w >= 0 && w <= 1
    }
}
