import RealModule

/// Checks an analytic gradient against central finite differences, as MINPACK's
/// `chkder` checks a Jacobian.
///
/// For each parameter the step is `h = ε^{1/3}·max(|θⱼ|, 1e-3)`, and the
/// score is `|analytic − numeric| / max(|analytic|, |numeric|, noise)`, where
/// `noise = 10·ε·max(|f|, 1)/h` is the rounding error of the difference itself.
/// A correct gradient scores far below 1e-4; a wrong one scores near 1.
public enum GradientCheck {
    /// Relative disagreement between `curve`'s gradient and central differences at `t`.
    public static func relativeErrors<C: ParametricCurve>(_ curve: C, at t: Double, parameters θ: [Double]) -> [Double] {
        var analytic = [Double](repeating: 0, count: θ.count)
        let f0 = curve.value(at: t, parameters: θ, gradient: &analytic)
        let h0 = Double.pow(Double.ulpOfOne, 1.0 / 3)
        var out = [Double](repeating: 0, count: θ.count)
        for j in θ.indices {
            let h = h0 * max(abs(θ[j]), 1e-3)
            var up = θ, down = θ
            up[j] += h
            down[j] -= h
            let numeric = (curve.value(at: t, parameters: up) - curve.value(at: t, parameters: down)) / (up[j] - down[j])
            let noise = 10 * Double.ulpOfOne * max(abs(f0), 1) / h
            out[j] = abs(analytic[j] - numeric) / max(abs(analytic[j]), abs(numeric), noise)
        }
        return out
    }
}
