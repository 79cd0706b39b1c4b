import RealModule

/// The verdict on a fit: converged, or why its numbers should not be trusted.
///
/// Non-convergence is a status in the result, never a thrown error.
public enum FitStatus: String, Sendable, Codable {
    /// A minimum within tolerance, with an identified, full-rank Jacobian.
    case converged
    /// The evaluation cap was reached first.
    case evaluationLimit = "evaluation_limit"
    /// At least one parameter is not determined by the data (a near-zero or
    /// collinear Jacobian column, a singular JᵀJ, a market potential running away).
    case notIdentified = "not_identified"
    /// The solver stopped at a stationary point that a nearby point improves on, or (an adoption
    /// curve) at one that explains less than the series' mean, which a nearly flat curve improves on.
    case notAMinimum = "not_a_minimum"
    /// The best point lies on a parameter bound.
    case atBound = "at_bound"
    /// The model is not finite at any start tried.
    case nonFinite = "non_finite"

    public var isConverged: Bool { self == .converged }
}

/// One parameter's estimate with its standard error and confidence interval.
public struct ParameterEstimate: Sendable, Codable, Equatable {
    public var name: String
    public var estimate: Double
    public var standardError: Double
    public var confidenceLow: Double
    public var confidenceHigh: Double
}

/// Everything a fit produced. Standard errors, intervals and information
/// criteria are derived from the stored estimates, the square root of the unscaled
/// covariance and the residuals, not stored themselves.
public struct FitResult: Sendable {
    public var parameterNames: [String]
    public var estimates: [Double]
    /// A square root W of (JᵀJ)⁻¹ at the estimates, W·Wᵀ = (JᵀJ)⁻¹ (n × n, row-major: W = D⁻¹·V·S⁻¹
    /// from the SVD U·S·Vᵀ of the Jacobian with its columns scaled to unit norm, D the norms; zero
    /// rows for parameters held on a bound), nil if JᵀJ is singular: a curve's variance gᵀ(JᵀJ)⁻¹g is
    /// then ‖Wᵀg‖², a sum of squares, which does not cancel to nothing where the estimates are
    /// nearly collinear.
    public var unscaledCovarianceFactor: [Double]? = nil
    public var residuals: [Double]
    public var observed: [Double]
    public var status: FitStatus
    /// A one-line explanation of the status, naming parameters where relevant.
    public var message: String
    public var solverStop: SolverStop
    public var evaluations: Int
    public var jacobianEvaluations: Int
    /// 2-norm condition number of the column-scaled Jacobian at the estimates.
    public var conditionNumber: Double
    /// Starting points tried before this result was chosen.
    public var startsTried: Int
    /// Parameters held on a bound at the estimates: the covariance is conditional on their
    /// values (zero rows and columns), and they have no standard error or interval.
    public var heldAtBound: [Int] = []
    /// How `unscaledCovarianceFactor` was estimated: `classical` as the fit left it, or a sandwich
    /// (`withCovariance(_:problem:)`) scaled by 1/σ² so that σ²·W·Wᵀ is that covariance.
    public var covarianceEstimator: CovarianceEstimator = .classical
    /// The classical factor where `withCovariance` replaced it (nil otherwise).
    public var classicalCovarianceFactor: [Double]? = nil

    /// The fit with its classical covariance, as the solver judged it: what profiles start from and
    /// the statuses rest on.
    public var classical: FitResult {
        guard covarianceEstimator != .classical else { return self }
        var fit = self
        fit.unscaledCovarianceFactor = classicalCovarianceFactor
        fit.classicalCovarianceFactor = nil
        fit.covarianceEstimator = .classical
        return fit
    }

    /// A problem with no parameter left to fit (every one held at a known value): its residuals
    /// there, an empty covariance and σ² = RSS / n, so that its predictions carry the observations' own error alone. Status
    /// `converged` (there is nothing to converge), or `nonFinite` where the model is not finite.
    public static func evaluated<P: LeastSquaresProblem>(_ problem: P, observed: [Double]) -> FitResult {
        precondition(problem.parameterCount == 0, "a problem with parameters is fitted, not evaluated")
        var residuals = [Double](repeating: 0, count: problem.residualCount)
        problem.residuals(at: [], into: &residuals)
        // Residuals whose squares overflow leave no σ, R² or criteria: not finite either.
        let finite = residuals.allSatisfy(\.isFinite) && residuals.reduce(0, { $0 + $1 * $1 }).isFinite
        return FitResult(parameterNames: [], estimates: [], unscaledCovarianceFactor: finite ? [] : nil,
                         residuals: residuals, observed: observed, status: finite ? .converged : .nonFinite,
                         message: finite ? "converged" : "the model, or its residual sum of squares, is not finite at the fixed values",
                         solverStop: .gradientAtMachinePrecision, evaluations: 1, jacobianEvaluations: 0,
                         conditionNumber: .nan, startsTried: 0)
    }

    public var parameterCount: Int { estimates.count }
    public var observationCount: Int { residuals.count }
    public var degreesOfFreedom: Int { observationCount - parameterCount }
    public var converged: Bool { status.isConverged }

    public var residualSumOfSquares: Double { residuals.reduce(0) { $0 + $1 * $1 } }
    /// σ² = RSS / (n − k).
    public var scale: Double {
        degreesOfFreedom > 0 ? residualSumOfSquares / Double(degreesOfFreedom) : .nan
    }
    /// Residual standard deviation σ.
    public var sigma: Double { scale.squareRoot() }
    public var fitted: [Double] { zip(observed, residuals).map { $0 + $1 } }

    /// (JᵀJ)⁻¹ = W·Wᵀ at the estimates (n × n, row = column order), nil if singular.
    public var unscaledCovariance: [Double]? {
        guard let w = unscaledCovarianceFactor else { return nil }
        let n = parameterCount
        var c = [Double](repeating: 0, count: n * n)
        for a in 0..<n {
            for b in 0..<n { c[a * n + b] = Self.rowProduct(w, a, b, n) }
        }
        return c
    }

    /// Wᵀ·g for the covariance factor W (n × n, row-major, (JᵀJ)⁻¹ = W·Wᵀ) into `u`: ‖Wᵀg‖² is
    /// gᵀ(JᵀJ)⁻¹g as a sum of squares, so nearly collinear estimates cannot cancel it away.
    static func factorTransposed(_ w: [Double], times g: [Double], into u: inout [Double], _ n: Int) {
        for k in 0..<n {
            var s = 0.0
            for a in 0..<n { s += g[a] * w[a * n + k] }
            u[k] = s
        }
    }

    /// gᵀ(JᵀJ)⁻¹g as ‖Wᵀg‖², with Wᵀg left in `u` (`factorTransposed`).
    @inline(__always)
    static func quadraticForm(_ w: [Double], _ g: [Double], into u: inout [Double], _ n: Int) -> Double {
        factorTransposed(w, times: g, into: &u, n)
        var sum = 0.0
        for k in 0..<n { sum += u[k] * u[k] }
        return sum
    }

    /// Row `a` of W times row `b`: entry (a, b) of W·Wᵀ.
    private static func rowProduct(_ w: [Double], _ a: Int, _ b: Int, _ n: Int) -> Double {
        var s = 0.0
        for k in 0..<n { s += w[a * n + k] * w[b * n + k] }
        return s
    }

    /// σ²·(JᵀJ)⁻¹, the estimates' covariance.
    public var covariance: [Double]? { unscaledCovariance.map { $0.map { $0 * scale } } }

    public var standardErrors: [Double] {
        let s = scale
        return (0..<parameterCount).map { standardError($0, scale: s) }
    }

    /// The delta-method standard error √(σ²·gᵀ(JᵀJ)⁻¹g) of a function of the estimates whose gradient
    /// there is `g` (NaN without a covariance).
    public func standardError(ofGradient g: [Double]) -> Double {
        precondition(g.count == parameterCount, "one derivative a parameter")
        guard let w = unscaledCovarianceFactor else { return .nan }
        var u = [Double](repeating: 0, count: parameterCount)
        return (Self.quadraticForm(w, g, into: &u, parameterCount) * scale).squareRoot()
    }

    /// The standard error of parameter `j` (NaN without a covariance).
    public func standardError(_ j: Int) -> Double { standardError(j, scale: scale) }

    func standardError(_ j: Int, scale s: Double) -> Double {
        guard let w = unscaledCovarianceFactor, !heldAtBound.contains(j) else { return .nan }
        let variance = max(0, Self.rowProduct(w, j, j, parameterCount))
        if variance > 1e-290 || variance.isNaN {
            return (variance * s).squareRoot()
        }
        // The squares of W's row underflow (a parameter about 1e-150 or smaller, as Bass p launched
        // centuries before the data): its norm taken scaled, so that the error is not 0.
        let n = parameterCount
        return w.withUnsafeBufferPointer { MINPACK.enorm(UnsafePointer($0.baseAddress! + j * n), n) } * s.squareRoot()
    }

    /// The two-sided t quantile of intervals at `level`: t_{n−k, (1+level)/2} (NaN without
    /// degrees of freedom).
    public func tQuantile(level: Double) -> Double {
        degreesOfFreedom > 0 ? StudentT.quantile(0.5 + level / 2, degreesOfFreedom: Double(degreesOfFreedom)) : .nan
    }

    /// Estimates with t-based confidence intervals at `level` (default 95 %).
    public func parameters(level: Double = 0.95) -> [ParameterEstimate] {
        let se = standardErrors
        let tq = tQuantile(level: level)
        return (0..<parameterCount).map { j in
            ParameterEstimate(name: parameterNames[j], estimate: estimates[j], standardError: se[j],
                              confidenceLow: estimates[j] - tq * se[j], confidenceHigh: estimates[j] + tq * se[j])
        }
    }

    public func estimate(_ name: String) -> Double? {
        parameterNames.firstIndex(of: name).map { estimates[$0] }
    }

    /// R² = 1 − RSS / TSS, TSS about the mean of the observations.
    public var rSquared: Double {
        let mean = observed.reduce(0, +) / Double(max(1, observed.count))
        let tss = observed.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return tss > 0 ? 1 - residualSumOfSquares / tss : .nan
    }

    /// Gaussian log-likelihood at the maximum-likelihood σ̂² = RSS/n, as R's `logLik.nls`:
    ///
    ///     ℓ = −n/2 · (ln 2π + 1 − ln n + ln RSS)
    public var logLikelihood: Double {
        let n = Double(observationCount)
        return -n / 2 * (Double.log(2 * .pi) + 1 - Double.log(n) + Double.log(residualSumOfSquares))
    }

    /// Parameters counted by the criteria: the curve's plus σ.
    private var criterionParameters: Double { Double(parameterCount + 1) }

    /// Akaike's criterion, −2ℓ + 2K with K = k + 1 (R's `AIC` for `nls`).
    public var aic: Double { -2 * logLikelihood + 2 * criterionParameters }

    /// AIC with the small-sample correction 2K(K+1)/(n−K−1) (Hurvich & Tsai 1989).
    public var aicc: Double { aicc(curveParameters: parameterCount) }

    /// AICc counting `k` parameters of the curve besides σ, K = k + 1: the fit's own (`aicc`), or a
    /// given curve's values counted as estimated.
    public func aicc(curveParameters k: Int) -> Double {
        let n = Double(observationCount), counted = Double(k + 1)
        let aic = -2 * logLikelihood + 2 * counted
        return n - counted - 1 > 0 ? aic + 2 * counted * (counted + 1) / (n - counted - 1) : .infinity
    }

    /// Schwarz's criterion, −2ℓ + K·ln n.
    public var bic: Double { -2 * logLikelihood + criterionParameters * Double.log(Double(observationCount)) }
}
