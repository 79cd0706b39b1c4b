import LinearAlgebra

/// How the estimates' covariance, and every standard error and interval drawn from it, is estimated.
///
/// `classical` is σ²·(JᵀJ)⁻¹: the errors of one size in every period. Adoption data seldom are:
/// sales of a million are off by more than sales of a thousand. The others are White's (1980)
/// heteroskedasticity-consistent "sandwich" (JᵀJ)⁻¹·Jᵀ·diag(ωᵢ)·J·(JᵀJ)⁻¹, with eᵢ the residuals and
/// hᵢ the leverages, the diagonal of J(JᵀJ)⁻¹Jᵀ (MacKinnon & White 1985; statsmodels' `cov_type`, R's
/// `sandwich::vcovHC`), applied to the fit's linearization J at the estimates:
///
///     hc0: ωᵢ = eᵢ²    hc1: ωᵢ = eᵢ²·n/(n−k)    hc2: ωᵢ = eᵢ²/(1−hᵢ)    hc3: ωᵢ = eᵢ²/(1−hᵢ)²
///
/// HC3 suits the few periods of an adoption series best (Long & Ervin 2000).
public enum CovarianceEstimator: String, Sendable, CaseIterable, Codable {
    case classical
    case hc0
    case hc1
    case hc2
    case hc3

    /// How reports name it.
    public var label: String { self == .classical ? "classical" : rawValue.uppercased() }

    /// The sandwich's weight ωᵢ of an observation with squared residual `e2` and leverage `h`, of
    /// `count` observations and `degreesOfFreedom` (n − k, k every parameter σ² counts); nil where HC2
    /// or HC3 meets a leverage of 1 (to 1e-10), which they divide by 1 − h = 0. `classical` weighs as
    /// HC0 (its sandwich is never formed).
    func weight(squaredResidual e2: Double, leverage h: Double, count: Int, degreesOfFreedom: Int) -> Double? {
        switch self {
        case .classical, .hc0: return e2
        case .hc1: return e2 * Double(count) / Double(degreesOfFreedom)
        case .hc2, .hc3:
            let rest = 1 - h
            guard rest > 1e-10 else { return nil }
            return self == .hc2 ? e2 / rest : e2 / (rest * rest)
        }
    }
}

extension FitResult {
    /// U = J·W (m × n, column-major) for the Jacobian J of `problem` at `point` and the factor W of
    /// (JᵀJ)⁻¹ = W·Wᵀ: the hat matrix J(JᵀJ)⁻¹Jᵀ is U·Uᵀ, so an observation's leverage hᵢ is the squared
    /// norm of U's row i.
    static func hatFactor<P: LeastSquaresProblem>(_ problem: P, at point: [Double], factor w: [Double]) -> [Double] {
        let m = problem.residualCount, n = problem.parameterCount
        var jacobian = [Double](repeating: 0, count: m * n)
        problem.jacobian(at: point, into: &jacobian)
        var u = [Double](repeating: 0, count: m * n)
        for k in 0..<n {
            for a in 0..<n where w[a * n + k] != 0 {
                let wak = w[a * n + k]
                for i in 0..<m { u[i + k * m] += jacobian[i + a * m] * wak }
            }
        }
        return u
    }

    /// The leverages hᵢ of the observations, the diagonal of J(JᵀJ)⁻¹Jᵀ with the classical (JᵀJ)⁻¹ at the
    /// estimates (`problem` gives J); nil without it (a fit that is not identified). Parameters held on a
    /// bound, whose rows of the factor are 0, add none. Every hᵢ is 0 for a fit with no parameter.
    public func leverages<P: LeastSquaresProblem>(problem: P) -> [Double]? {
        let m = observationCount, n = parameterCount
        guard let w = classicalCovarianceFactor ?? unscaledCovarianceFactor, w.count == n * n,
              problem.residualCount == m, problem.parameterCount == n else { return nil }
        guard n > 0 else { return [Double](repeating: 0, count: m) }
        return FitResult.rowSquaredNorms(FitResult.hatFactor(problem, at: estimates, factor: w), rows: m, columns: n)
    }

    /// The squared norms of the rows of `u` (`rows` × `columns`, column-major): the leverages, for `hatFactor`'s U.
    static func rowSquaredNorms(_ u: [Double], rows m: Int, columns n: Int) -> [Double] {
        (0..<m).map { i in (0..<n).reduce(0.0) { $0 + u[i + $1 * m] * u[i + $1 * m] } }
    }
}

/// Why a fit has no sandwich covariance.
public enum RobustCovarianceGap: Sendable, Equatable {
    /// The observation with this index has leverage 1 (to rounding): the fit passes through it
    /// whatever its error, and HC2 and HC3 divide by 1 − hᵢ = 0.
    case fullLeverage(Int)
}

extension FitResult {
    /// The fit with its covariance factor replaced by `estimator`'s, scaled so that σ²·W·Wᵀ is the
    /// sandwich: the standard errors, intervals, milestones' and curve's delta-method intervals all
    /// follow it (a prediction interval's noise term stays σ²). `problem` gives the Jacobian J at the
    /// estimates. A fit without a covariance, without degrees of freedom or with `classical` is
    /// returned as it is; parameters held on a bound keep zero rows (and count in HC1's k, as in σ²'s).
    /// `classical` gives the fit back as the solver left it. Where HC2 or HC3 meets an
    /// observation of leverage 1, the covariance is dropped (no standard errors) and the gap said.
    public func withCovariance<P: LeastSquaresProblem>(_ estimator: CovarianceEstimator, problem: P)
        -> (result: FitResult, gap: RobustCovarianceGap?) {
        let m = observationCount, n = parameterCount
        guard estimator != .classical, let w = unscaledCovarianceFactor, w.count == n * n, n > 0,
              degreesOfFreedom > 0, problem.residualCount == m, problem.parameterCount == n else { return (self, nil) }
        var u = FitResult.hatFactor(problem, at: estimates, factor: w)
        let leverages = FitResult.rowSquaredNorms(u, rows: m, columns: n)
        var weights = [Double](repeating: 0, count: m)
        for i in 0..<m {
            let e2 = residuals[i] * residuals[i]
            // HC1's n/(n − k) with the k of σ² and the t quantile, parameters held on a bound among them.
            guard let weight = estimator.weight(squaredResidual: e2, leverage: leverages[i], count: m,
                                                degreesOfFreedom: degreesOfFreedom) else {
                var dropped = self
                dropped.unscaledCovarianceFactor = nil
                dropped.covarianceEstimator = estimator
                dropped.classicalCovarianceFactor = w
                return (dropped, .fullLeverage(i))
            }
            weights[i] = weight
        }
        // B = diag(√ωᵢ)·U; BᵀB = V₂S₂²V₂ᵀ (Jacobi SVD), so the sandwich W·BᵀB·Wᵀ is (W·V₂·S₂)(W·V₂·S₂)ᵀ.
        for k in 0..<n { for i in 0..<m { u[i + k * m] *= weights[i].squareRoot() } }
        let (s, vt) = Decompositions.jacobiSingularValuesAndRightVectors(Matrix(rows: m, columns: n, columnMajor: u))
        let s2 = scale
        var factor = [Double](repeating: 0, count: n * n)
        if s2 > 0 {
            let sigma = s2.squareRoot()
            for a in 0..<n {
                for c in 0..<n {
                    // (W·V₂)[a, c] · S₂[c] / σ, with V₂[b, c] = Vᵀ[c, b].
                    var sum = 0.0
                    for b in 0..<n { sum += w[a * n + b] * vt.storage[c + b * n] }
                    factor[a * n + c] = sum * s[c] / sigma
                }
            }
        }
        var robust = self
        robust.unscaledCovarianceFactor = factor
        robust.covarianceEstimator = estimator
        robust.classicalCovarianceFactor = w
        return (robust, nil)
    }
}
