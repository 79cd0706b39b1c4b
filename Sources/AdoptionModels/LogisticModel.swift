import RealModule

/// The logistic (Verhulst / Pearl) S-curve.
///
///     N(t) = m / (1 + e^{−k(t − t₀)}),   dN/dt = k·N·(1 − N/m)
///
/// Parameters `[m, k, t0]`: saturation level m > 0 (adopters), growth rate
/// k > 0 (per unit time) and midpoint t₀ (time of the peak rate, N = m/2).
/// F reaches 0 only as t → −∞. Takeoff and saturation onset are t₀ ∓ ln(2+√3)/k.
///
/// Verhulst (1838); Fisher & Pry (1971), *Technological Forecasting and Social Change* 3, 75–88.
public struct LogisticModel: AdoptionCurve {
    public init() {}
    public var kind: ModelKind { .logistic }
    public var parameterNames: [String] { ["m", "k", "t0"] }
    public var launchTime: Double { -.infinity }
    public var lowerLimits: [Double] { [0, 0, -.infinity] }

    @inline(__always)
    func fraction(_ t: Double, _ k: Double, _ t0: Double) -> Double {
        1 / (1 + Double.exp(-k * (t - t0)))
    }

    public func value(at t: Double, parameters θ: [Double]) -> Double {
        θ[0] * fraction(t, θ[1], θ[2])
    }

    public func value(at t: Double, parameters θ: [Double], gradient: inout [Double]) -> Double {
        let m = θ[0], k = θ[1], t0 = θ[2]
        let f = fraction(t, k, t0)
        let s = m * f * (1 - f)
        gradient[0] = f
        gradient[1] = s * (t - t0)
        gradient[2] = -s * k
        return m * f
    }

    /// The values along `t` with E = e^{−k(t − t₀)} stepped from one period to the next by a
    /// product (`Decay`).
    public func values(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                       into values: UnsafeMutablePointer<Double>) {
        let m = θ[0]
        Decay.along(t, rate: θ[1], origin: θ[2]) { i, _, e in values[i] = m * (1 / (1 + e)) }
    }

    public func gradients(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                          into jacobian: UnsafeMutablePointer<Double>, ld: Int) {
        let m = θ[0], k = θ[1], t0 = θ[2]
        Decay.along(t, rate: k, origin: t0) { i, ti, e in
            let f = 1 / (1 + e)
            let s = m * f * (1 - f)
            jacobian[i] = f
            jacobian[i + ld] = s * (ti - t0)
            jacobian[i + 2 * ld] = -s * k
        }
    }

    /// With z = k·(t − t₀): dF/dz = F(1 − F), d²F/dz² = F(1 − F)(1 − 2F) (`LocationScale`).
    public func addWeightedHessians(at t: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
                                    parameters θ: [Double], into hessian: UnsafeMutablePointer<Double>) -> Bool {
        LocationScale.addWeightedHessians(at: t, weights: w, parameters: θ, into: hessian) { e in
            let f = 1 / (1 + e)
            let s = f * (1 - f)
            return (s, s * (1 - 2 * f))
        }
    }

    public func rate(at t: Double, parameters θ: [Double]) -> Double {
        let f = fraction(t, θ[1], θ[2])
        return θ[0] * θ[1] * f * (1 - f)
    }

    public func time(toFraction fraction: Double, parameters θ: [Double]) -> Double? {
        guard fraction > 0, fraction < 1, θ[1] > 0 else { return nil }
        return θ[2] - Double.log(1 / fraction - 1) / θ[1]
    }

    public func characteristicPoints(parameters θ: [Double]) -> CharacteristicPoints {
        let m = θ[0], k = θ[1], t0 = θ[2]
        let half = lnTwoPlusRootThree / k
        return CharacteristicPoints(takeoff: t0 - half, peak: t0, saturationOnset: t0 + half, peakRate: m * k / 4)
    }
}
