/// A time-varying multiplier on one diffusion coefficient (a wildcard: a
/// regulation, a price cut, a new capability).
///
///     r(t) = 1                                              t < start
///     r(t) = 1 + (factor − 1)·(t − start)/(end − start)     start ≤ t < end
///     r(t) = factor                                         t ≥ end
///
/// `start` and `end` are years since launch (either may be before launch);
/// `factor` ≥ 0 is dimensionless (0 switches the coefficient off, 1 is no
/// change). `start == end` is a step, right-continuous: r(start) = factor.
/// Several ramps on one coefficient multiply.
public struct ParameterRamp: Sendable, Equatable, Hashable, Codable {
    /// When the multiplier starts to move away from 1 (years since launch).
    public let start: Double
    /// When it reaches `factor` (years since launch), `end ≥ start`.
    public let end: Double
    /// The multiplier from `end` on, ≥ 0.
    public let factor: Double

    public init(start: Double, end: Double, factor: Double) {
        precondition(Self.isValid(start: start, end: end, factor: factor),
                     "ParameterRamp needs finite start ≤ end and a finite factor ≥ 0, got \(start), \(end), \(factor)")
        self.start = start
        self.end = end
        self.factor = factor
    }

    /// A step to `factor` at `time`.
    public static func step(at time: Double, factor: Double) -> ParameterRamp {
        ParameterRamp(start: time, end: time, factor: factor)
    }

    private enum CodingKeys: String, CodingKey { case start, end, factor }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let start = try c.decode(Double.self, forKey: .start)
        let end = try c.decodeIfPresent(Double.self, forKey: .end) ?? start
        let factor = try c.decode(Double.self, forKey: .factor)
        guard Self.isValid(start: start, end: end, factor: factor) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "a ramp needs finite start ≤ end and a finite factor ≥ 0, got \(start), \(end), \(factor)"))
        }
        self.init(start: start, end: end, factor: factor)
    }

    private static func isValid(start: Double, end: Double, factor: Double) -> Bool {
        start.isFinite && end.isFinite && start <= end && factor.isFinite && factor >= 0
    }

    /// The multiplier r(t).
    public func multiplier(at t: Double) -> Double {
        if t < start { return 1 }
        if t >= end { return factor }
        return 1 + (factor - 1) * (t - start) / (end - start)
    }
}

/// Ramps on each of the four coefficients of ``TwoSegmentDiffusion``; the
/// effective coefficient is, e.g., `q₂(t) = q₂·Π rᵢ(t)` over the ramps in `q2`.
public struct TwoSegmentRamps: Sendable, Equatable, Hashable, Codable {
    public var p1: [ParameterRamp]
    public var q1: [ParameterRamp]
    public var p2: [ParameterRamp]
    public var q2: [ParameterRamp]

    public init(p1: [ParameterRamp] = [], q1: [ParameterRamp] = [],
                p2: [ParameterRamp] = [], q2: [ParameterRamp] = []) {
        self.p1 = p1
        self.q1 = q1
        self.p2 = p2
        self.q2 = q2
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(p1: try c.decodeIfPresent([ParameterRamp].self, forKey: .p1) ?? [],
                  q1: try c.decodeIfPresent([ParameterRamp].self, forKey: .q1) ?? [],
                  p2: try c.decodeIfPresent([ParameterRamp].self, forKey: .p2) ?? [],
                  q2: try c.decodeIfPresent([ParameterRamp].self, forKey: .q2) ?? [])
    }

    private enum CodingKeys: String, CodingKey { case p1, q1, p2, q2 }

    /// No ramps: constant coefficients.
    public static let none = TwoSegmentRamps()

    public var isEmpty: Bool { p1.isEmpty && q1.isEmpty && p2.isEmpty && q2.isEmpty }

    /// The multipliers of (p₁, q₁, p₂, q₂) at `t` (right-continuous at steps).
    public func multipliers(at t: Double) -> (p1: Double, q1: Double, p2: Double, q2: Double) {
        func product(_ ramps: [ParameterRamp]) -> Double {
            ramps.reduce(1) { $0 * $1.multiplier(at: t) }
        }
        return (product(p1), product(q1), product(p2), product(q2))
    }

    /// The coefficients in force at `t`; `w` is not ramped.
    public func effectiveParameters(_ base: TwoSegmentParameters, at t: Double) -> TwoSegmentParameters {
        let m = multipliers(at: t)
        return TwoSegmentParameters(p1: base.p1 * m.p1, q1: base.q1 * m.q1,
                                    p2: base.p2 * m.p2, q2: base.q2 * m.q2, w: base.w)
    }

    /// Every ramp start and end after launch, ascending and distinct: the
    /// times where the model's right-hand side has a kink or a jump.
    public var breakpoints: [Double] {
        let all = (p1 + q1 + p2 + q2).flatMap { [$0.start, $0.end] }
        return Array(Set(all.filter { $0 > 0 })).sorted()
    }

    var lanes: [[ParameterRamp]] { [p1, q1, p2, q2] }
}

// MARK: - Piecewise schedule used by the solver

/// One ramp that moves within a piece: multiplier `1 + slope·(t − origin)` on `lane`.
struct LinearFactor: Sendable {
    var lane: Int
    var origin: Double
    var slope: Double
}

/// The multipliers of (p₁, q₁, p₂, q₂) on one interval between breakpoints,
/// where every ramp is either constant or linear: `base` collects the
/// constants and `linear` the moving ramps, so evaluation is a few
/// multiply-adds and never looks at which side of a breakpoint `t` is.
struct MultiplierPiece: Sendable {
    var base: SIMD4<Double>
    var linear: [LinearFactor]

    /// The multipliers at `t`.
    @inline(__always)
    func values(at t: Double) -> SIMD4<Double> {
        var m = base
        for f in linear { m[f.lane] *= 1 + f.slope * (t - f.origin) }
        return m
    }

    /// The multipliers and their first and second time derivatives at `t`
    /// (a product of linear factors has a nonzero second derivative when two overlap).
    func jet(at t: Double) -> (value: SIMD4<Double>, slope: SIMD4<Double>, curvature: SIMD4<Double>) {
        var m = base, m1 = SIMD4<Double>(repeating: 0), m2 = SIMD4<Double>(repeating: 0)
        for f in linear {
            let r = 1 + f.slope * (t - f.origin), r1 = f.slope
            let i = f.lane
            // (m·r)'' = m''·r + 2·m'·r' (r'' = 0); update in that order.
            m2[i] = m2[i] * r + 2 * m1[i] * r1
            m1[i] = m1[i] * r + m[i] * r1
            m[i] *= r
        }
        return (m, m1, m2)
    }
}

/// The ramps cut at their breakpoints: piece k covers [bₖ₋₁, bₖ) with b₋₁ = 0
/// and the last piece runs to infinity.
struct MultiplierSchedule: Sendable {
    /// Breakpoints after launch, ascending and distinct.
    let breakpoints: [Double]
    /// `breakpoints.count + 1` pieces.
    let pieces: [MultiplierPiece]

    init(_ ramps: TwoSegmentRamps) {
        let breakpoints = ramps.breakpoints
        self.breakpoints = breakpoints
        var pieces: [MultiplierPiece] = []
        pieces.reserveCapacity(breakpoints.count + 1)
        for k in 0...breakpoints.count {
            let lo = k == 0 ? 0 : breakpoints[k - 1]
            // A time strictly inside the piece decides each ramp's regime.
            let inside = k < breakpoints.count ? (lo + breakpoints[k]) / 2 : lo + 1
            var piece = MultiplierPiece(base: SIMD4(repeating: 1), linear: [])
            for (lane, list) in ramps.lanes.enumerated() {
                for r in list {
                    if inside >= r.end {
                        piece.base[lane] *= r.factor
                    } else if inside > r.start {
                        piece.linear.append(LinearFactor(
                            lane: lane, origin: r.start, slope: (r.factor - 1) / (r.end - r.start)))
                    }
                }
            }
            pieces.append(piece)
        }
        self.pieces = pieces
    }

    /// The index of the piece holding `t`, right-continuous at breakpoints.
    func pieceIndex(containing t: Double) -> Int {
        var k = 0
        while k < breakpoints.count && breakpoints[k] <= t { k += 1 }
        return k
    }

    /// Where piece `k` ends (∞ for the last).
    @inline(__always)
    func end(ofPiece k: Int) -> Double {
        k < breakpoints.count ? breakpoints[k] : .infinity
    }
}
