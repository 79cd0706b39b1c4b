import AdoptionModels

/// A nonlinear least-squares problem `min ½‖r(x)‖²` with an exact Jacobian.
///
/// The residual convention is MINPACK's: `r = model − observation`.
public protocol LeastSquaresProblem {
    /// Number of parameters n.
    var parameterCount: Int { get }
    /// Number of residuals m (m ≥ n).
    var residualCount: Int { get }
    /// Writes r(x) into `residuals[0..<m]`.
    func residuals(at x: [Double], into residuals: inout [Double])
    /// Writes the Jacobian ∂rᵢ/∂xⱼ column-major into `jacobian[i + j·m]`.
    func jacobian(at x: [Double], into jacobian: inout [Double])
}

/// How the observed values relate to the cumulative curve N(t).
public enum DataForm: String, Sendable, Codable {
    /// Adopters in each period (t−1, t]: y = N(t) − N(t−1) (Srinivasan & Mason 1986).
    case perPeriod = "per_period"
    /// Cumulative adopters at the end of each period: y = N(t).
    case cumulative
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

    /// Per-period adopters (differences of cumulative data, the first taken from zero).
    public var perPeriodObserved: [Double] {
        switch form {
        case .perPeriod: return y
        case .cumulative: return y.indices.map { $0 == 0 ? y[0] : y[$0] - y[$0 - 1] }
        }
    }
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
public struct CurveFitProblem<Curve: ParametricCurve>: LeastSquaresProblem {
    public let curve: Curve
    public let data: CurveData
    private let gradientCount: Int

    public init(curve: Curve, data: CurveData) {
        self.curve = curve
        self.data = data
        self.gradientCount = curve.parameterNames.count
    }

    public var parameterCount: Int { gradientCount }
    public var residualCount: Int { data.t.count }

    public func residuals(at x: [Double], into residuals: inout [Double]) {
        for i in 0..<data.t.count {
            residuals[i] = predicted(curve, data.t[i], data.form, x) - data.y[i]
        }
    }

    public func jacobian(at x: [Double], into jacobian: inout [Double]) {
        let m = data.t.count, n = gradientCount
        var g1 = [Double](repeating: 0, count: n)
        var g0 = [Double](repeating: 0, count: n)
        for i in 0..<m {
            let t = data.t[i]
            _ = curve.value(at: t, parameters: x, gradient: &g1)
            if data.form == .perPeriod {
                _ = curve.value(at: t - 1, parameters: x, gradient: &g0)
                for j in 0..<n { jacobian[i + j * m] = g1[j] - g0[j] }
            } else {
                for j in 0..<n { jacobian[i + j * m] = g1[j] }
            }
        }
    }
}
