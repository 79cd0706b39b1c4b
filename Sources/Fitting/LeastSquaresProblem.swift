import AdoptionModels

/// A nonlinear least-squares problem `min ½‖r(x)‖²` with an exact Jacobian.
///
/// The residual convention is MINPACK's: `r = model − observation`.
public protocol LeastSquaresProblem {
    /// Number of parameters n.
    var parameterCount: Int { get }
    /// Number of residuals m (m ≥ n).
    var residualCount: Int { get }
    /// Writes r(x) into `residuals[0..<m]`, every element (the buffer is not cleared first).
    func residuals(at x: [Double], into residuals: UnsafeMutableBufferPointer<Double>)
    /// Writes the Jacobian ∂rᵢ/∂xⱼ column-major into `jacobian[i + j·m]`, every element,
    /// zeros included (the solver reuses the buffer between calls).
    func jacobian(at x: [Double], into jacobian: UnsafeMutableBufferPointer<Double>)
    /// Adds the residuals' curvature `S = Σᵢ rᵢ·∇²rᵢ(x)` into `s[j + k·n]` (n × n), given the
    /// residuals `r` at x and the gradient `g = Jᵀr` there, and returns true; the cost's Hessian is
    /// then JᵀJ + S. A problem without exact second derivatives returns false and leaves `s` as it is.
    func addResidualCurvature(at x: [Double], residuals r: UnsafeBufferPointer<Double>,
                              gradient g: UnsafeBufferPointer<Double>, into s: UnsafeMutablePointer<Double>) -> Bool
}

extension LeastSquaresProblem {
    public func addResidualCurvature(at x: [Double], residuals r: UnsafeBufferPointer<Double>,
                                     gradient g: UnsafeBufferPointer<Double>, into s: UnsafeMutablePointer<Double>) -> Bool {
        false
    }

    /// Writes r(x) into `residuals[0..<m]` (an array of at least m elements).
    public func residuals(at x: [Double], into residuals: inout [Double]) {
        residuals.withUnsafeMutableBufferPointer { self.residuals(at: x, into: $0) }
    }

    /// Writes the Jacobian column-major into `jacobian` (an array of at least m·n elements).
    public func jacobian(at x: [Double], into jacobian: inout [Double]) {
        jacobian.withUnsafeMutableBufferPointer { self.jacobian(at: x, into: $0) }
    }
}

/// How the observed values relate to the cumulative curve N(t).
public enum DataForm: String, Sendable, Codable {
    /// Adopters in each period (t−1, t]: y = N(t) − N(t−1) (Srinivasan & Mason 1986).
    case perPeriod = "per_period"
    /// Cumulative adopters at the end of each period: y = N(t).
    case cumulative

    /// Values of this form (observations, or residuals) per period: as they are for per-period data;
    /// for running totals, each period's change, the first taken from zero.
    public func perPeriod(_ values: [Double]) -> [Double] {
        switch self {
        case .perPeriod: return values
        case .cumulative: return values.indices.map { $0 == 0 ? values[0] : values[$0] - values[$0 - 1] }
        }
    }
}

/// Observations of one series in model time: t = 0 at the start of the launch period.
public struct CurveData: Sendable, Equatable {
    /// Model time of each observation (the end of its period).
    public var t: [Double]
    /// Observed values (adopters per period, or cumulative adopters).
    public var y: [Double]
    public var form: DataForm

    public init(t: [Double], y: [Double], form: DataForm) {
        precondition(t.count == y.count, "t and y must have equal length")
        self.t = t
        self.y = y
        self.form = form
    }

    /// Cumulative adopters observed by each period's end (a running sum for per-period data).
    public var cumulativeObserved: [Double] {
        switch form {
        case .cumulative: return y
        case .perPeriod:
            var s = 0.0
            return y.map { s += $0; return s }
        }
    }

    /// The adopters seen by the last observation: the larger of the last cumulative value and
    /// the sum of the per-period values (equal up to rounding).
    public var observedTotal: Double {
        var sum = 0.0
        switch form {
        case .perPeriod:
            for v in y { sum += v }
            return sum
        case .cumulative:
            for i in y.indices { sum += i == 0 ? y[0] : y[i] - y[i - 1] }
            return max(y.last ?? 0, sum)
        }
    }

    /// The residual sum of squares that rounding alone leaves, taken generously: n·(64·ε·S)², S the
    /// larger of the largest |y| and the observed total. A curve's per-period values are differences
    /// of its cumulative values, each rounded to about ε·S, so the exact values of a curve, rounded
    /// to doubles, leave residuals of a few ε·S (the Bass curve's 15 first per-period values, m = 1000,
    /// an RSS of 2e-25 against this 3e-21). A fit below it meets the data to rounding: between two
    /// such fits, RSS differences are rounding, not fit. Real data, given to 17 digits at most, lie
    /// far above it.
    public var roundingLevelRSS: Double {
        let scale = max(y.reduce(0) { max($0, $1.magnitude) }, observedTotal.magnitude)
        let residual = 64 * Double.ulpOfOne * scale
        return Double(y.count) * residual * residual
    }

    /// Per-period adopters (differences of cumulative data, the first taken from zero).
    public var perPeriodObserved: [Double] { form.perPeriod(y) }
}

/// The model's prediction of an observation: N(t) or N(t) − N(t−1).
@inline(__always)
func predicted<C: ParametricCurve>(_ curve: C, _ t: Double, _ form: DataForm, _ x: [Double]) -> Double {
    switch form {
    case .cumulative: curve.value(at: t, parameters: x)
    case .perPeriod: curve.value(at: t, parameters: x) - curve.value(at: t - 1, parameters: x)
    }
}

/// A curve fitted to observations: the problem the Levenberg–Marquardt solver sees.
///
/// Per-period data need N(t) − N(t−1); when the periods are consecutive, N(t−1) is
/// the previous row's N(t), so each row costs one evaluation instead of two.
public struct CurveFitProblem<Curve: ParametricCurve>: LeastSquaresProblem {
    public let curve: Curve
    public let data: CurveData
    private let gradientCount: Int
    /// For each row, the row whose t is this row's t − 1, or −1 if none (empty when `consecutive`).
    private let previousRow: [Int]
    /// Per-period rows without a previous row whose period starts where the curve does not
    /// vanish: N(tᵢ − 1) is evaluated for them on its own. Last row first.
    private let startRows: [Int]
    /// Per-period rows in consecutive periods: every row's previous row is the row before it
    /// (the first has none), so the differences need no look-up of `previousRow`.
    private let consecutive: Bool

    public init(curve: Curve, data: CurveData) {
        self.curve = curve
        self.data = data
        self.gradientCount = curve.parameterNames.count
        let t = data.t
        let consecutive = data.form == .perPeriod && t.indices.dropFirst().allSatisfy { t[$0] - 1 == t[$0 - 1] }
        self.consecutive = consecutive
        if consecutive {
            // No look-up table; only the first row can start where the curve does not vanish.
            self.previousRow = []
            self.startRows = t.isEmpty || t[0] - 1 == curve.vanishingTime ? [] : [0]
            return
        }
        var previous = [Int](repeating: -1, count: t.count)
        var starts: [Int] = []
        if data.form == .perPeriod {
            for i in 1..<max(1, t.count) where t[i] - 1 == t[i - 1] { previous[i] = i - 1 }
            let vanishing = curve.vanishingTime
            starts = t.indices.reversed().filter { previous[$0] < 0 && t[$0] - 1 != vanishing }
        }
        self.previousRow = previous
        self.startRows = starts
    }

    /// Differences a column of N(tᵢ) in place over consecutive periods: vᵢ −= vᵢ₋₁ from the end
    /// backwards, the same subtractions as through `previousRow`.
    @inline(__always)
    private static func differenceConsecutive(_ v: UnsafeMutablePointer<Double>, _ m: Int) {
        var i = m - 1
        while i > 0 {
            v[i] -= v[i - 1]
            i -= 1
        }
    }

    public var parameterCount: Int { gradientCount }
    public var residualCount: Int { data.t.count }

    public func residuals(at x: [Double], into residuals: UnsafeMutableBufferPointer<Double>) {
        let m = data.t.count
        let r = residuals.baseAddress!
        data.t.withUnsafeBufferPointer { t in curve.values(at: t, parameters: x, into: r) }
        if consecutive {
            Self.differenceConsecutive(r, m)
            for i in startRows { r[i] -= curve.value(at: data.t[i] - 1, parameters: x) }
        } else if data.form == .perPeriod {
            // r holds N(tᵢ); turn it into differences from the end backwards (a row's
            // predecessor is still its N(t) when the row is differenced).
            previousRow.withUnsafeBufferPointer { previous in
                for i in stride(from: m - 1, through: 0, by: -1) {
                    let j = previous[i]
                    if j >= 0 { r[i] -= r[j] }
                }
            }
            for i in startRows { r[i] -= curve.value(at: data.t[i] - 1, parameters: x) }
        }
        data.y.withUnsafeBufferPointer { y in for i in 0..<m { r[i] -= y[i] } }
    }

    public func jacobian(at x: [Double], into jacobian: UnsafeMutableBufferPointer<Double>) {
        let m = data.t.count, n = gradientCount
        let a = jacobian.baseAddress!
        data.t.withUnsafeBufferPointer { t in curve.gradients(at: t, parameters: x, into: a, ld: m) }
        guard data.form == .perPeriod else { return }
        // Rows with a previous row: one column at a time, from the end backwards (a row's
        // predecessor is still its N(t) when the row is differenced).
        if consecutive {
            for j in 0..<n { Self.differenceConsecutive(a + j * m, m) }
        } else {
            previousRow.withUnsafeBufferPointer { previous in
                var column = a
                for _ in 0..<n {
                    for i in stride(from: m - 1, through: 0, by: -1) {
                        let k = previous[i]
                        if k >= 0 { column[i] -= column[k] }
                    }
                    column += m
                }
            }
        }
        guard !startRows.isEmpty else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n + 1) { w in
            let g = w.baseAddress!, start = g + n
            for i in startRows {
                // The gradient at the period's start, tᵢ − 1, which is no observation's end.
                start[0] = data.t[i] - 1
                curve.gradients(at: UnsafeBufferPointer(start: start, count: 1), parameters: x, into: g, ld: 1)
                for j in 0..<n { a[i + j * m] -= g[j] }
            }
        }
    }

    /// rᵢ = N(tᵢ) − yᵢ, or N(tᵢ) − N(tᵢ − 1) − yᵢ per period: S = Σₖ wₖ·∇²N(tₖ) with wₖ = rₖ less
    /// the residual of the row whose previous row k is, and −rᵢ·∇²N(tᵢ − 1) for the rows whose
    /// period starts at no observation.
    public func addResidualCurvature(at x: [Double], residuals r: UnsafeBufferPointer<Double>,
                                     gradient g: UnsafeBufferPointer<Double>, into s: UnsafeMutablePointer<Double>) -> Bool {
        let m = data.t.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: m + 2) { w in
            let weights = UnsafeMutableBufferPointer(rebasing: w[0..<m])
            for i in 0..<m { weights[i] = r[i] }
            if consecutive {
                for i in 1..<max(1, m) { weights[i - 1] -= r[i] }
            } else if data.form == .perPeriod {
                for i in 0..<m where previousRow[i] >= 0 { weights[previousRow[i]] -= r[i] }
            }
            let done = data.t.withUnsafeBufferPointer { t in
                curve.addWeightedHessians(at: t, weights: UnsafeBufferPointer(weights), parameters: x, into: s)
            }
            guard done, data.form == .perPeriod else { return done }
            let start = w.baseAddress! + m
            // A curve may decline at a period's start alone (a Richards curve whose terms are not finite
            // far before t₀): then there is no Hessian here, not one without that period's term.
            for i in startRows {
                start[0] = data.t[i] - 1
                start[1] = -r[i]
                guard curve.addWeightedHessians(at: UnsafeBufferPointer(start: start, count: 1),
                                                weights: UnsafeBufferPointer(start: start + 1, count: 1), parameters: x,
                                                into: s) else { return false }
            }
            return true
        }
    }
}
