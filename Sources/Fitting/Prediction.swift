import AdoptionModels
import RealModule

/// A predicted value with delta-method confidence and prediction intervals.
public struct PredictionPoint: Sendable, Equatable {
    /// Model time (the data's own t).
    public var t: Double
    public var value: Double
    /// Standard error of the fitted mean, √(gᵀ·Σ·g).
    public var standardError: Double
    /// Interval for the curve itself.
    public var confidenceLow: Double
    public var confidenceHigh: Double
    /// Interval for a new observation: the curve's uncertainty plus the observation's own variance (σ², or
    /// τ²·ŷ² for errors proportional to the curve).
    public var predictionLow: Double
    public var predictionHigh: Double
}

/// How large a new observation's error is taken to be in a prediction interval.
public enum ObservationErrors: String, Sendable, CaseIterable, Codable {
    /// σ in every period, the residuals' standard deviation √(RSS / (n − k)): errors of one size.
    case constant
    /// τ·|ŷ|, a fixed share τ of the fitted value ŷ, with τ² = RSS / Σ (1 − hᵢ)·ŷᵢ²
    /// (`FitResult.relativeScale(problem:)`): errors that grow with the sales.
    case proportional
}

extension FitResult {
    /// τ² = RSS / Σ (1 − hᵢ)·ŷᵢ², hᵢ the leverages (`leverages(problem:)`): the squared share of the fitted
    /// value that an error is where errors are proportional to the curve, eᵢ = τ·ŷᵢ·εᵢ with var εᵢ = 1.
    /// The residuals' expected sum of squares is Σ (1 − hᵢ)·var eᵢ = τ²·Σ (1 − hᵢ)·ŷᵢ² for the
    /// linearization (E[eᵀe] = tr((I − H)·Σ)), so τ² is unbiased there, as σ² = RSS / (n − k) is for errors
    /// of one size, where it reduces to σ²/ŷ². A ratio of sums rather than a mean of (eᵢ/ŷᵢ)², which a fitted
    /// value near 0 (the first period of a small p) would dominate. Nil without the classical covariance
    /// (a fit that is not identified) or degrees of freedom, or where it is not finite.
    public func relativeScale<P: LeastSquaresProblem>(problem: P) -> Double? {
        guard degreesOfFreedom > 0, let h = leverages(problem: problem) else { return nil }
        let weighted = zip(fitted, h).reduce(0.0) { $0 + (1 - $1.1) * $1.0 * $1.0 }
        guard weighted > 0 else { return nil }
        let tau2 = residualSumOfSquares / weighted
        return tau2.isFinite ? tau2 : nil
    }

    /// Predictions at model times `t` by the delta method.
    ///
    ///     ŷ = f(t; θ̂),  g = ∂f/∂θ at θ̂,  se = √(gᵀΣg),  Σ = σ²(JᵀJ)⁻¹ = σ²·W·Wᵀ, so se = σ‖Wᵀg‖
    ///     CI: ŷ ± t_{ν,(1+level)/2}·se,   PI: ŷ ± t_{ν,(1+level)/2}·√(se² + s²)
    ///
    /// where a new observation's variance s² is σ² (`relativeScale` nil, errors of one size) or τ²·ŷ²
    /// (`relativeScale` τ², errors proportional to the curve). The observation form decides f: N(t) for
    /// cumulative data, N(t) − N(t−1) per period. Intervals are NaN when the covariance is not available
    /// (a fit that is not identified).
    public func predictions<C: ParametricCurve>(_ curve: C, form: DataForm, at times: [Double],
                                                level: Double = 0.95,
                                                relativeScale tau2: Double? = nil) -> [PredictionPoint] {
        let n = parameterCount
        var g1 = [Double](repeating: 0, count: n), g0 = g1, u = g1
        // None when a parameter is not identified.
        let factor = unscaledCovarianceFactor
        let s2 = scale
        let tq = tQuantile(level: level)
        return times.map { t in
            var value = curve.value(at: t, parameters: estimates, gradient: &g1)
            if form == .perPeriod {
                value -= curve.value(at: t - 1, parameters: estimates, gradient: &g0)
                for j in 0..<n { g1[j] -= g0[j] }
            }
            var variance = Double.nan
            if let w = factor { variance = FitResult.quadraticForm(w, g1, into: &u, n) * s2 }
            // NaN (no covariance) passes through; rounding below zero is clamped.
            let v = variance.isNaN ? variance : max(0, variance)
            let se = v.squareRoot()
            let pe = (v + (tau2.map { $0 * value * value } ?? s2)).squareRoot()
            return PredictionPoint(t: t, value: value, standardError: se,
                                   confidenceLow: value - tq * se, confidenceHigh: value + tq * se,
                                   predictionLow: value - tq * pe, predictionHigh: value + tq * pe)
        }
    }
}

extension FitResult {
    /// Delta-method standard errors √(σ²·gᵀ(JᵀJ)⁻¹g) of several smooth functions of the parameters
    /// at once (a curve's milestones), each gradient g by finite differences.
    ///
    /// `values` gives the functions' values at a whole parameter vector (nil where one is not
    /// defined, or is on another branch than at the estimates); `full` is the curve's whole vector at
    /// the estimates and `free[k]` the place in it of this fit's parameter k (nil: the fit's parameters
    /// are the whole vector), so that a fit with some parameters fixed at known values varies only the
    /// others. Parameter k steps by h = ε^(1/3)·max(|θ|, se) (se its standard error; ε^(1/3) where both
    /// are 0): the estimate's own size for a rate, whose functions vary on that scale, and the
    /// uncertainty's for a location near 0 (t0 = 1e-8), where a step of ε^(1/3)·|θ| would be lost in
    /// rounding. The central difference's truncation error, h²·f‴/6, and its rounding error, ε·f/h, are
    /// then each about ε^(2/3) ≈ 4e-11 relative. Where one side is not defined (a step across a domain's
    /// limit, or onto another branch), the second-order one-sided difference (−3f₀ + 4f₁ − f₂)/(2h) on the
    /// other side. A parameter held on a bound has no variance and takes no step. A function is nil where
    /// the fit has no covariance, where it is not defined on either side, or where its standard error is
    /// not finite.
    public func deltaStandardErrors(count: Int, at full: [Double], free: [Int]? = nil,
                                    _ values: ([Double]) -> [Double?]) -> [Double?] {
        let k = parameterCount
        guard let w = unscaledCovarianceFactor, w.count == k * k, k > 0 else { return Array(repeating: nil, count: count) }
        let errors = standardErrors
        let center = values(full)
        var gradients = [[Double]](repeating: [Double](repeating: 0, count: k), count: count)
        var defined = center.map { $0?.isFinite ?? false }
        var point = full
        func at(_ j: Int, _ value: Double) -> [Double?] {
            point[j] = value
            defer { point[j] = full[j] }
            return values(point)
        }
        for a in 0..<k where !heldAtBound.contains(a) {
            let j = free?[a] ?? a
            let h = Self.differenceStep(full[j], standardError: errors[a])
            let up = at(j, full[j] + h), down = at(j, full[j] - h)
            var up2: [Double?]? = nil, down2: [Double?]? = nil
            for i in 0..<count where defined[i] {
                let derivative = Self.difference(center[i]!, at: full[j], step: h, up: up[i], down: down[i],
                                                 up2: { if up2 == nil { up2 = at(j, full[j] + 2 * h) }; return up2![i] },
                                                 down2: { if down2 == nil { down2 = at(j, full[j] - 2 * h) }; return down2![i] })
                if let derivative { gradients[i][a] = derivative } else { defined[i] = false }
            }
        }
        let s2 = scale
        var u = [Double](repeating: 0, count: k)
        return (0..<count).map { i in
            guard defined[i] else { return nil }
            let se = (Self.quadraticForm(w, gradients[i], into: &u, k) * s2).squareRoot()
            return se.isFinite ? se : nil
        }
    }
}

extension FitResult {
    /// The delta-method standard error of one smooth function of the parameters, as
    /// `deltaStandardErrors` gives it (the same steps and differences), without its arrays of results:
    /// for a check made on every fit of a large run (whether the data bound a curve's peak).
    public func deltaStandardError(at full: [Double], free: [Int]? = nil, _ value: ([Double]) -> Double?) -> Double? {
        let k = parameterCount
        guard let w = unscaledCovarianceFactor, w.count == k * k, k > 0, let f0 = value(full), f0.isFinite else { return nil }
        let s2 = scale
        var gradient = [Double](repeating: 0, count: k)
        var point = full
        func at(_ j: Int, _ x: Double) -> Double? {
            point[j] = x
            defer { point[j] = full[j] }
            return value(point)
        }
        for a in 0..<k where !heldAtBound.contains(a) {
            let j = free?[a] ?? a
            let h = Self.differenceStep(full[j], standardError: standardError(a, scale: s2))
            guard let derivative = Self.difference(f0, at: full[j], step: h, up: at(j, full[j] + h), down: at(j, full[j] - h),
                                                   up2: { at(j, full[j] + 2 * h) }, down2: { at(j, full[j] - 2 * h) })
            else { return nil }
            gradient[a] = derivative
        }
        var u = [Double](repeating: 0, count: k)
        let se = (Self.quadraticForm(w, gradient, into: &u, k) * s2).squareRoot()
        return se.isFinite ? se : nil
    }
}

extension FitResult {
    /// The step of a parameter at `x` with standard error `se`: ε^(1/3)·max(|x|, se), ε^(1/3) where both
    /// are 0 (`deltaStandardErrors`).
    @inline(__always)
    static func differenceStep(_ x: Double, standardError se: Double) -> Double {
        let size = max(abs(x), se.isFinite ? se : 0)
        return cubeRootOfEpsilon * (size > 0 ? size : 1)
    }

    /// ε^(1/3), the relative step of `differenceStep`.
    static let cubeRootOfEpsilon = Double.pow(Double.ulpOfOne, 1.0 / 3)

    /// A derivative from a function's values `f0` at `x` and at x ± h: central where both sides are
    /// defined and finite, else the second-order one-sided difference on the side that is, from its value
    /// at x ± 2h (asked for only then); nil where neither side, or the one side's second step, is. The steps
    /// are those actually taken, as the parameter's representation rounds them.
    @inline(__always)
    static func difference(_ f0: Double, at x: Double, step h: Double, up: Double?, down: Double?,
                           up2: () -> Double?, down2: () -> Double?) -> Double? {
        let stepUp = (x + h) - x, stepDown = x - (x - h)
        func finite(_ v: Double?) -> Double? { v.flatMap { $0.isFinite ? $0 : nil } }
        switch (finite(up), finite(down)) {
        case let (u?, d?):
            return (u - d) / (stepUp + stepDown)
        case let (u?, nil):
            guard let u2 = finite(up2()) else { return nil }
            return (-3 * f0 + 4 * u - u2) / (2 * stepUp)
        case let (nil, d?):
            guard let d2 = finite(down2()) else { return nil }
            return (3 * f0 - 4 * d + d2) / (2 * stepDown)
        case (nil, nil):
            return nil
        }
    }
}

