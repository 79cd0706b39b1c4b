import RealModule

/// Box limits for one parameter; either side may be open (±∞).
public struct ParameterBounds: Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double = -.infinity, upper: Double = .infinity) {
        precondition(lower < upper, "a lower bound must be below the upper bound")
        self.lower = lower
        self.upper = upper
    }

    public static let unbounded = ParameterBounds()
    public var isUnbounded: Bool { lower == -.infinity && upper == .infinity }

    /// True when `x` lies on a finite bound, relative to the bound's size.
    func touches(_ x: Double) -> Bool {
        let tol = 1e-8
        return (lower.isFinite && x - lower <= tol * max(1, abs(lower)))
            || (upper.isFinite && upper - x <= tol * max(1, abs(upper)))
    }

    // MINUIT's transformations (James 1994, *MINUIT Reference Manual*, §1.3), as in lmfit:
    // the solver moves an unconstrained u, the model sees x inside the box.

    func external(_ u: Double) -> Double {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): lower + (upper - lower) * (Double.sin(u) + 1) / 2
        case (true, false): lower - 1 + (u * u + 1).squareRoot()
        case (false, true): upper + 1 - (u * u + 1).squareRoot()
        case (false, false): u
        }
    }

    func derivative(_ u: Double) -> Double {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): (upper - lower) * Double.cos(u) / 2
        case (true, false): u / (u * u + 1).squareRoot()
        case (false, true): -u / (u * u + 1).squareRoot()
        case (false, false): 1
        }
    }

    func `internal`(_ x: Double) -> Double {
        // Starts are moved off the bound: the transformation's derivative vanishes there.
        switch (lower.isFinite, upper.isFinite) {
        case (true, true):
            let width = upper - lower
            let inside = min(max(x, lower + 1e-6 * width), upper - 1e-6 * width)
            return Double.asin(2 * (inside - lower) / width - 1)
        case (true, false):
            let d = max(x - lower, 1e-6 * max(1, abs(lower))) + 1
            return (d * d - 1).squareRoot()
        case (false, true):
            let d = max(upper - x, 1e-6 * max(1, abs(upper))) + 1
            return (d * d - 1).squareRoot()
        case (false, false): return x
        }
    }
}

/// A problem seen through the bound transformations.
struct BoundedProblem<Base: LeastSquaresProblem>: LeastSquaresProblem {
    let base: Base
    let bounds: [ParameterBounds]

    var parameterCount: Int { base.parameterCount }
    var residualCount: Int { base.residualCount }

    func external(_ u: [Double]) -> [Double] { zip(bounds, u).map { $0.external($1) } }
    func `internal`(_ x: [Double]) -> [Double] { zip(bounds, x).map { $0.internal($1) } }

    func residuals(at u: [Double], into residuals: UnsafeMutableBufferPointer<Double>) {
        base.residuals(at: external(u), into: residuals)
    }

    func jacobian(at u: [Double], into jacobian: UnsafeMutableBufferPointer<Double>) {
        base.jacobian(at: external(u), into: jacobian)
        let m = residualCount
        for j in 0..<parameterCount {
            let d = bounds[j].derivative(u[j])
            for i in 0..<m { jacobian[i + j * m] *= d }
        }
    }
}

/// A problem whose listed parameters the solver moves on a log scale: it sees `u = ln x`.
///
/// A parameter that can only be positive and whose size is the question (a market
/// potential) then changes by factors, not by amounts. On a series before its peak,
/// where the data pin down m·p but not m, the fit walks up the valley m·p = constant in
/// steps of a few per cent on the linear scale; on the log scale each step multiplies m.
struct LogScaledProblem<Base: LeastSquaresProblem>: LeastSquaresProblem {
    let base: Base
    let logged: [Int]
    /// The point on the original scale, rewritten in place at each call (one fit, one thread).
    private let point: Point

    private final class Point {
        var x: [Double]
        init(_ x: [Double]) { self.x = x }
    }

    init(base: Base, logged: [Int]) {
        self.base = base
        self.logged = logged
        self.point = Point([Double](repeating: 0, count: base.parameterCount))
    }

    var parameterCount: Int { base.parameterCount }
    var residualCount: Int { base.residualCount }

    func external(_ u: [Double]) -> [Double] {
        var x = u
        for j in logged { x[j] = Double.exp(u[j]) }
        return x
    }

    func `internal`(_ x: [Double]) -> [Double] {
        var u = x
        for j in logged { u[j] = Double.log(x[j]) }
        return u
    }

    /// Writes x = external(u) into the shared point (one access to it) and returns it.
    private func setPoint(_ u: [Double]) -> [Double] {
        point.x.withUnsafeMutableBufferPointer { x in
            for j in u.indices { x[j] = u[j] }
            for j in logged { x[j] = Double.exp(u[j]) }
        }
        return point.x
    }

    func residuals(at u: [Double], into residuals: UnsafeMutableBufferPointer<Double>) {
        base.residuals(at: setPoint(u), into: residuals)
    }

    func jacobian(at u: [Double], into jacobian: UnsafeMutableBufferPointer<Double>) {
        let x = setPoint(u)
        base.jacobian(at: x, into: jacobian)
        let m = residualCount
        for j in logged {
            let scale = x[j]
            let column = jacobian.baseAddress! + j * m
            for i in 0..<m { column[i] *= scale }
        }
    }

    /// With x = e^u on the logged parameters (d = dx/du = x there, 1 elsewhere),
    /// ∂²rᵢ/∂uⱼ∂uₖ = dⱼdₖ·∂²rᵢ/∂xⱼ∂xₖ + δⱼₖ·dⱼ·∂rᵢ/∂xⱼ on the logged ones: S_u = D·S_x·D plus the
    /// gradient's logged entries on the diagonal.
    func addResidualCurvature(at u: [Double], residuals r: UnsafeBufferPointer<Double>,
                              gradient g: UnsafeBufferPointer<Double>, into s: UnsafeMutablePointer<Double>) -> Bool {
        let x = setPoint(u)
        let n = parameterCount
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n + 2 * n) { w in
            let sx = w.baseAddress!, gx = sx + n * n, d = gx + n
            sx.initialize(repeating: 0, count: n * n)
            for j in 0..<n { (gx[j], d[j]) = (g[j], 1) }
            for j in logged { (gx[j], d[j]) = (g[j] / x[j], x[j]) }
            guard base.addResidualCurvature(at: x, residuals: r, gradient: UnsafeBufferPointer(start: gx, count: n),
                                            into: sx) else { return false }
            for k in 0..<n { for j in 0..<n { s[j + k * n] += d[j] * d[k] * sx[j + k * n] } }
            for j in logged { s[j + j * n] += g[j] }
            return true
        }
    }
}
