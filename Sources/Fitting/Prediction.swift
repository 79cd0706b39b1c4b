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
    /// Interval for a new observation: the curve's uncertainty plus σ².
    public var predictionLow: Double
    public var predictionHigh: Double
}

extension FitResult {
    /// Predictions at model times `t` by the delta method.
    ///
    ///     ŷ = f(t; θ̂),  g = ∂f/∂θ at θ̂,  se = √(gᵀΣg),  Σ = σ²(JᵀJ)⁻¹ = σ²·W·Wᵀ, so se = σ‖Wᵀg‖
    ///     CI: ŷ ± t_{ν,(1+level)/2}·se,   PI: ŷ ± t_{ν,(1+level)/2}·√(se² + σ²)
    ///
    /// The observation form decides f: N(t) for cumulative data, N(t) − N(t−1) per period.
    /// Intervals are NaN when the covariance is not available (a fit that is not identified).
    public func predictions<C: ParametricCurve>(_ curve: C, form: DataForm, at times: [Double],
                                                level: Double = 0.95) -> [PredictionPoint] {
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
            let pe = (v + s2).squareRoot()
            return PredictionPoint(t: t, value: value, standardError: se,
                                   confidenceLow: value - tq * se, confidenceHigh: value + tq * se,
                                   predictionLow: value - tq * pe, predictionHigh: value + tq * pe)
        }
    }
}

extension FitResult {
    /// Delta-method standard errors √(σ²·gᵀ(JᵀJ)⁻¹g) of several smooth functions of the parameters
    /// at once (a curve's milestones), each gradient g by central differences.
    ///
    /// `values` gives the functions' values at a whole parameter vector (nil where one is not
    /// defined); `full` is the curve's whole vector at the estimates and `free[k]` the place in it of
    /// this fit's parameter k (nil: the fit's parameters are the whole vector), so that a fit with some
    /// parameters fixed at known values varies only the others. Parameter k steps by
    /// h = ε^(1/3)·|θ| (ε^(1/3) at θ = 0), where the difference's truncation error, h²·f‴/6, and its
    /// rounding error, ε·f/h, are each about ε^(2/3) ≈ 4e-11 relative. A parameter held on a bound
    /// has no variance and takes no step. A function is nil where the fit has no covariance, where it is
    /// not defined or not finite at a step, or where its standard error is not finite.
    public func deltaStandardErrors(count: Int, at full: [Double], free: [Int]? = nil,
                                    _ values: ([Double]) -> [Double?]) -> [Double?] {
        let k = parameterCount
        guard let w = unscaledCovarianceFactor, w.count == k * k, k > 0 else { return Array(repeating: nil, count: count) }
        let root3 = Double.pow(Double.ulpOfOne, 1.0 / 3)
        var gradients = [[Double]](repeating: [Double](repeating: 0, count: k), count: count)
        var defined = [Bool](repeating: true, count: count)
        var point = full
        for a in 0..<k where !heldAtBound.contains(a) {
            let j = free?[a] ?? a
            let h = root3 * (full[j] == 0 ? 1 : abs(full[j]))
            point[j] = full[j] + h
            let up = values(point)
            point[j] = full[j] - h
            let down = values(point)
            point[j] = full[j]
            // The step actually taken, as the parameter's representation rounds it.
            let step = (full[j] + h) - (full[j] - h)
            for i in 0..<count {
                guard let u = up[i], let d = down[i], u.isFinite, d.isFinite else { defined[i] = false; continue }
                gradients[i][a] = (u - d) / step
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
