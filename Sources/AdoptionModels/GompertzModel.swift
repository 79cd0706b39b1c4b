import RealModule

/// The Gompertz S-curve: early growth slower, saturation longer than the logistic.
///
///     N(t) = m·exp(−e^{−k(t − t₀)}),   dN/dt = m·k·E·exp(−E),  E = e^{−k(t − t₀)}
///
/// Parameters `[m, k, t0]`: saturation level m > 0 (adopters), growth rate
/// k > 0 (per unit time) and t₀, the time of the peak rate (N = m/e there).
/// Takeoff and saturation onset are t₀ ∓ ln((3+√5)/2)/k, where E = (3 ± √5)/2
/// makes the third derivative of N vanish.
///
/// Gompertz (1825), *Phil. Trans. R. Soc.* 115, 513–583; Franses (1994),
/// "Fitting a Gompertz curve", *J. Oper. Res. Soc.* 45(1), 109–113.
public struct GompertzModel: AdoptionCurve {
    public init() {}
    public var kind: ModelKind { .gompertz }
    public var parameterNames: [String] { ["m", "k", "t0"] }
    public var launchTime: Double { -.infinity }
    public var lowerLimits: [Double] { [0, 0, -.infinity] }

    public func value(at t: Double, parameters θ: [Double]) -> Double {
        θ[0] * Double.exp(-Double.exp(-θ[1] * (t - θ[2])))
    }

    public func value(at t: Double, parameters θ: [Double], gradient: inout [Double]) -> Double {
        let m = θ[0], k = θ[1], t0 = θ[2]
        let e = Double.exp(-k * (t - t0))
        let f = Double.exp(-e)
        gradient[0] = f
        // Zero, not 0·∞, where E overflows.
        gradient[1] = f == 0 ? 0 : m * f * e * (t - t0)
        gradient[2] = f == 0 ? 0 : -m * f * e * k
        return m * f
    }

    /// The values along `t` with E stepped from one period to the next by a product (`Decay`).
    public func values(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                       into values: UnsafeMutablePointer<Double>) {
        let m = θ[0]
        Decay.along(t, rate: θ[1], origin: θ[2]) { i, _, e in values[i] = m * Double.exp(-e) }
    }

    public func gradients(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                          into jacobian: UnsafeMutablePointer<Double>, ld: Int) {
        let m = θ[0], k = θ[1], t0 = θ[2]
        Decay.along(t, rate: k, origin: t0) { i, ti, e in
            let f = Double.exp(-e)
            jacobian[i] = f
            jacobian[i + ld] = f == 0 ? 0 : m * f * e * (ti - t0)
            jacobian[i + 2 * ld] = f == 0 ? 0 : -m * f * e * k
        }
    }

    /// With z = k·(t − t₀) and E = e^{−z}: dF/dz = F·E, d²F/dz² = F·E·(E − 1) (`LocationScale`);
    /// zero where F underflows, as the gradient is.
    public func addWeightedHessians(at t: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
                                    parameters θ: [Double], into hessian: UnsafeMutablePointer<Double>) -> Bool {
        LocationScale.addWeightedHessians(at: t, weights: w, parameters: θ, into: hessian) { e in
            let f = Double.exp(-e)
            guard f != 0 else { return (0, 0) }
            let s = f * e
            return (s, s * (e - 1))
        }
    }

    public func rate(at t: Double, parameters θ: [Double]) -> Double {
        let e = Double.exp(-θ[1] * (t - θ[2]))
        let f = Double.exp(-e)
        return f == 0 ? 0 : θ[0] * θ[1] * e * f
    }

    public func time(toFraction fraction: Double, parameters θ: [Double]) -> Double? {
        guard fraction > 0, fraction < 1, θ[1] > 0 else { return nil }
        return θ[2] - Double.log(-Double.log(fraction)) / θ[1]
    }

    public func characteristicPoints(parameters θ: [Double]) -> CharacteristicPoints {
        let m = θ[0], k = θ[1], t0 = θ[2]
        let half = Double.log((3 + 5.0.squareRoot()) / 2) / k
        return CharacteristicPoints(takeoff: t0 - half, peak: t0, saturationOnset: t0 + half,
                                    peakRate: m * k / Double.exp(1))
    }
}
