import AdoptionModels

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
