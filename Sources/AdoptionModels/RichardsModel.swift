import RealModule

/// The Richards (generalized logistic) S-curve.
///
///     N(t) = m·(1 + ν·E)^{−1/ν},   E = e^{−k(t − t₀)}
///     dN/dt = k·N·E / (1 + ν·E)
///
/// Parameters `[m, k, t0, nu]`: saturation level m > 0 (adopters), growth rate
/// k > 0 (per unit time), t₀ the time of the peak rate, and shape ν > 0
/// (ν = 1 is the logistic, ν → 0 the Gompertz). At the peak F = (1+ν)^{−1/ν}.
/// Takeoff and saturation onset solve, with u = F^ν,
/// `(ν+1)(2ν+1)u² − (ν+1)(ν+2)u + 1 = 0`.
///
/// Richards (1959), "A flexible growth function for empirical use",
/// *Journal of Experimental Botany* 10(2), 290–300.
public struct RichardsModel: AdoptionCurve {
    public init() {}
    public var kind: ModelKind { .richards }
    public var parameterNames: [String] { ["m", "k", "t0", "nu"] }
    public var launchTime: Double { -.infinity }
    public var lowerLimits: [Double] { [0, 0, -.infinity, 0] }

    public func value(at t: Double, parameters θ: [Double]) -> Double {
        let e = Double.exp(-θ[1] * (t - θ[2]))
        return θ[0] * Double.exp(-Double.log(onePlus: θ[3] * e) / θ[3])
    }

    public func value(at t: Double, parameters θ: [Double], gradient: inout [Double]) -> Double {
        let m = θ[0], k = θ[1], t0 = θ[2], nu = θ[3]
        let e = Double.exp(-k * (t - t0))
        let b = 1 + nu * e
        let logB = Double.log(onePlus: nu * e)
        let f = Double.exp(-logB / nu)
        let n = m * f
        gradient[0] = f
        gradient[1] = n * e * (t - t0) / b
        gradient[2] = -n * e * k / b
        gradient[3] = n * shapeTerm(nu * e) / (nu * nu)
        return n
    }

    /// ln(1+u) − u/(1+u), which cancels for small u = νE: there its series
    /// Σ_{k≥2} (−1)^k (k−1)/k·u^k is summed instead.
    func shapeTerm(_ u: Double) -> Double {
        if abs(u) < 1e-2 {
            var term = u * u, sum = 0.0
            for k in 2...9 {
                let kk = Double(k)
                sum += (k % 2 == 0 ? 1 : -1) * (kk - 1) / kk * term
                term *= u
            }
            return sum
        }
        return Double.log(onePlus: u) - u / (1 + u)
    }

    public func rate(at t: Double, parameters θ: [Double]) -> Double {
        let e = Double.exp(-θ[1] * (t - θ[2]))
        let b = 1 + θ[3] * e
        return θ[0] * θ[1] * e * Double.exp(-Double.log(b) / θ[3]) / b
    }

    /// F = φ ⇔ 1 + νE = φ^{−ν} ⇔ E = (φ^{−ν} − 1)/ν.
    public func time(toFraction fraction: Double, parameters θ: [Double]) -> Double? {
        let k = θ[1], t0 = θ[2], nu = θ[3]
        guard fraction > 0, fraction < 1, k > 0, nu > 0 else { return nil }
        let e = Double.expMinusOne(-nu * Double.log(fraction)) / nu
        return t0 - Double.log(e) / k
    }

    public func characteristicPoints(parameters θ: [Double]) -> CharacteristicPoints {
        let m = θ[0], k = θ[1], t0 = θ[2], nu = θ[3]
        let a = (nu + 1) * (2 * nu + 1), b = -(nu + 1) * (nu + 2)
        let root = (b * b - 4 * a).squareRoot()
        // u = F^ν; time from E = (1/u − 1)/ν. The smaller u is the takeoff.
        func time(_ u: Double) -> Double { t0 - Double.log((1 / u - 1) / nu) / k }
        let peakFraction = Double.exp(-Double.log(onePlus: nu) / nu)
        return CharacteristicPoints(
            takeoff: time((-b - root) / (2 * a)),
            peak: t0,
            saturationOnset: time((-b + root) / (2 * a)),
            peakRate: m * k * peakFraction / (1 + nu))
    }
}
