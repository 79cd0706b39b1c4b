import RealModule

/// The Richards (generalized logistic) S-curve.
///
///     N(t) = m·(1 + ν·E)^{−1/ν},   E = e^{−k(t − t₀)}
///     dN/dt = k·N·E / (1 + ν·E)
///
/// Parameters `[m, k, t0, nu]`: saturation level m > 0 (adopters), growth rate
/// k > 0 (per unit time), t₀ the time of the peak rate, and shape ν > 0
/// (ν = 1 is the logistic, ν → 0 the Gompertz). At the peak F = (1+ν)^{−1/ν}.
/// At ν = 0 itself — the bound a fit reaches when the data want the Gompertz
/// curve — values, gradient, rate, milestones and characteristic points are the
/// Gompertz limits (∂N/∂ν = N·E²/2 there), not 0/0.
/// Takeoff and saturation onset solve, with u = F^ν,
/// `(ν+1)(2ν+1)u² − (ν+1)(ν+2)u + 1 = 0`, i.e. `E² − (ν+3)E + 1 = 0`:
/// they lie ln(E₊)/k either side of t₀.
///
/// Richards (1959), "A flexible growth function for empirical use",
/// *Journal of Experimental Botany* 10(2), 290–300.
public struct RichardsModel: AdoptionCurve {
    public init() {}
    public var kind: ModelKind { .richards }
    public var parameterNames: [String] { ["m", "k", "t0", "nu"] }
    public var launchTime: Double { -.infinity }
    public var lowerLimits: [Double] { [0, 0, -.infinity, 0] }
    /// The ν → 0 limit (it reads m, k and t₀, the first three parameters).
    private var gompertz: GompertzModel { GompertzModel() }
    public func limitingCurve(atLowerLimitOf index: Int) -> String? { index == 3 ? "ν = 0 is the Gompertz curve" : nil }
    public func limitingModel(atLowerLimitOf index: Int) -> ModelKind? { index == 3 ? .gompertz : nil }
    private static let boundedLogScaled = [0]
    /// A Richards fit that leaves the domain (ν < 0) is fitted again inside it, where a market potential
    /// the data do not fix (a series before its peak) runs away along a valley that is straight on m's
    /// log scale: through the bound's transformation m crept there, the start reported for a 12-year
    /// rising series of the benchmark's 1,000 stopping at its limit of 10,000 evaluations; on the log
    /// scale it takes 175.
    public var boundedLogScaleParameters: [Int] { Self.boundedLogScaled }

    public func value(at t: Double, parameters θ: [Double]) -> Double {
        if θ[3] == 0 { return gompertz.value(at: t, parameters: θ) }
        let z = -θ[1] * (t - θ[2])
        return θ[0] * Double.exp(-logB(z, nu: θ[3], u: θ[3] * Double.exp(z)) / θ[3])
    }

    /// ln(1 + νE) with E = e^z and u = νE. Where u overflows (E does, or ν·E for a large ν), it is
    /// ln(1 + e^{ln ν + z}), which is ln ν + z to rounding once that exceeds 40 (the curve's
    /// value there, m·(νE)^{−1/ν}, is not small when ν is large).
    @inline(__always)
    func logB(_ z: Double, nu: Double, u: Double) -> Double {
        if u.isFinite || nu <= 0 { return Double.log(onePlus: u) }
        let lu = Double.log(nu) + z
        return lu > 40 ? lu : Double.log(onePlus: Double.exp(lu))
    }

    public func value(at t: Double, parameters θ: [Double], gradient: inout [Double]) -> Double {
        let m = θ[0], k = θ[1], t0 = θ[2], nu = θ[3]
        if nu == 0 {
            // The Gompertz limit, with ∂N/∂ν = N·E²/2.
            let n = gompertz.value(at: t, parameters: θ, gradient: &gradient)
            let e = Double.exp(-k * (t - t0))
            gradient[3] = n == 0 ? 0 : n * e * e / 2
            return n
        }
        let z = -k * (t - t0)
        var g = (0.0, 0.0, 0.0, 0.0)
        let n = point(t: t, z: z, e: Double.exp(z), m: m, k: k, t0: t0, nu: nu, gradient: &g)
        (gradient[0], gradient[1], gradient[2], gradient[3]) = g
        return n
    }

    /// The values along `t` with E = e^{−k(t − t₀)} from one period to the next by a product
    /// (`Decay`), as the Bass curve's: a fit's evaluations on long series are mostly `exp` and `log1p`.
    public func values(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                       into values: UnsafeMutablePointer<Double>) {
        let m = θ[0], k = θ[1], t0 = θ[2], nu = θ[3]
        if nu == 0 {
            gompertz.values(at: t, parameters: θ, into: values)
            return
        }
        Decay.along(t, rate: k, origin: t0) { i, ti, e in
            values[i] = m * Double.exp(-logB(-k * (ti - t0), nu: nu, u: nu * e) / nu)
        }
    }

    public func gradients(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                          into jacobian: UnsafeMutablePointer<Double>, ld: Int) {
        let m = θ[0], k = θ[1], t0 = θ[2], nu = θ[3]
        var g = (0.0, 0.0, 0.0, 0.0)
        if nu == 0 {
            gradientsPointwise(at: t, parameters: θ, into: jacobian, ld: ld)
            return
        }
        Decay.along(t, rate: k, origin: t0) { i, ti, e in
            _ = point(t: ti, z: -k * (ti - t0), e: e, m: m, k: k, t0: t0, nu: nu, gradient: &g)
            (jacobian[i], jacobian[i + ld], jacobian[i + 2 * ld], jacobian[i + 3 * ld]) = g
        }
    }

    /// N and its gradient at `t` for ν ≠ 0, given z = −k(t − t₀) and E = e^z.
    @inline(__always)
    private func point(t: Double, z: Double, e: Double, m: Double, k: Double, t0: Double, nu: Double,
                       gradient: inout (Double, Double, Double, Double)) -> Double {
        let u = nu * e
        let b = 1 + u
        let logB = logB(z, nu: nu, u: u)
        let f = Double.exp(-logB / nu)
        let n = m * f
        var dk = n * e * (t - t0) / b
        var dt0 = -n * e * k / b
        if !(dk.isFinite && dt0.isFinite) {
            // E/(1 + νE), taken whole where N·E·k or N·E·(t − t₀) overflows; it tends to 1/ν
            // where E does.
            // (A value that has underflowed to zero has a zero gradient.)
            let eOverB = b.isFinite ? e / b : 1 / nu
            dk = n == 0 ? 0 : n * eOverB * (t - t0)
            dt0 = n == 0 ? 0 : -n * eOverB * k
        }
        // ∂N/∂ν = N·[ln(1+u) − u/(1+u)]/ν² with u = νE, written as N·E²·shapeRatio(u) so that it
        // stays finite as ν → 0 (where it is N·E²/2) and for ν so small that ν² underflows;
        // where E² overflows (and u is not small) as it stands, with u/(1+u) → 1 where u does.
        // E²·shapeRatio(u) is taken first: N·E² may overflow where the product does not.
        // (Where the first form is taken, `logB` is ln(1 + u) itself.)
        let dnu = if ((e * e).isFinite && (u * u).isFinite) || !(nu > 0 && u >= 1e-2) {
            n * (e * e * shapeRatio(u, logOnePlus: logB))
        } else {
            n == 0 ? 0 : n * (logB - (b.isFinite ? u / b : 1)) / (nu * nu)
        }
        gradient = (f, dk, dt0, dnu)
        return n
    }

    /// With L = ln F = −ln(1 + νE)/ν, z = k(t − t₀), E = e^{−z}, B = 1 + νE and u = νE:
    ///
    ///     L_z = E/B,   L_zz + L_z² = E(E − 1)/B²,   L_ν = E²·S(u),   L_νν = E³·S′(u),
    ///     L_zν + L_z·L_ν = L_z·(L_ν − L_z),
    ///
    /// S from `shapeRatio` and S′ from `shapeRatioDerivative` (series for small u, so that ν → 0
    /// gives the Gompertz limits L_ν = E²/2, L_νν = −2E³/3); each entry of ∇²F is F·(L_ab + L_a·L_b),
    /// the (m, k, t₀) block as `LocationScale` has it. Far before t₀, where E³ or u·B² overflows, the
    /// ν terms are taken in u, L_ν = [ln B − u/B]/ν² and L_νν = [(u/B)² + 2u/B − 2 ln B]/ν³, with
    /// u/B → 1 and E/B → 1/ν where B overflows, and ln B as the curve's value takes it (`logB`); a
    /// point where F underflows adds nothing, as its gradient is zero. Returns false for ν < 0 and
    /// where a sum is not finite, leaving `hessian` as it is.
    public func addWeightedHessians(at t: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
                                    parameters θ: [Double], into hessian: UnsafeMutablePointer<Double>) -> Bool {
        let m = θ[0], k = θ[1], t0 = θ[2], nu = θ[3]
        guard nu >= 0 else { return false }
        var block = LocationScale()
        var mn = 0.0, kn = 0.0, tn = 0.0, nn = 0.0
        Decay.along(t, rate: k, origin: t0) { i, ti, e in
            let u = nu * e, b = 1 + u
            let logB = nu == 0 ? 0 : self.logB(-k * (ti - t0), nu: nu, u: u)
            let f = nu == 0 ? Double.exp(-e) : Double.exp(-logB / nu)
            guard f != 0 else { return }
            let lz: Double, lzz: Double, ln: Double, lnn: Double
            if (e * e * e).isFinite && (u * b * b).isFinite {
                lz = e / b
                lzz = lz * (e - 1) / b
                let ratio = shapeRatio(u, logOnePlus: logB)
                ln = e * e * ratio
                lnn = e * e * e * shapeRatioDerivative(u, ratio: ratio)
            } else {
                // Here u is large: F has underflowed wherever u is small and E³ overflows.
                let uOverB = b.isFinite ? u / b : 1
                lz = b.isFinite ? e / b : 1 / nu
                lzz = lz * (b.isFinite ? (e - 1) / b : 1 / nu)
                ln = (logB - uOverB) / (nu * nu)
                lnn = (uOverB * uOverB + 2 * uOverB - 2 * logB) / (nu * nu * nu)
            }
            let lzn = lz * (ln - lz)
            let d = ti - t0, wf = w[i] * f
            block.add(weight: wf, first: lz, second: lzz, d: d, k: k)
            mn += wf * ln
            kn += wf * lzn * d
            tn -= wf * lzn
            nn += wf * (lnn + ln * ln)
        }
        guard (block.total + mn + kn + tn + nn).isFinite else { return false }
        // [m, k, t0, nu], 4 × 4, both triangles.
        block.write(into: hessian, n: 4, m: m, k: k)
        hessian[3] += mn; hessian[12] += mn
        hessian[7] += m * kn; hessian[13] += m * kn
        hessian[11] += m * k * tn; hessian[14] += m * k * tn
        hessian[15] += m * nn
        return true
    }

    /// dS/du for S = `shapeRatio`: 1/(u(1+u)²) − 2S/u, which cancels for small u, where the series
    /// Σ_{j≥3} (−1)^j (j−1)(j−2)/j·u^{j−3} is summed instead (−2/3 at u = 0). `ratio` is S(u).
    func shapeRatioDerivative(_ u: Double, ratio: Double) -> Double {
        if abs(u) < 1e-2 {
            var term = 1.0, sum = 0.0
            for j in 3...10 {
                let jj = Double(j)
                sum += (j % 2 == 0 ? 1 : -1) * (jj - 1) * (jj - 2) / jj * term
                term *= u
            }
            return sum
        }
        let b = 1 + u
        return 1 / (u * b * b) - 2 * ratio / u
    }

    /// [ln(1+u) − u/(1+u)] / u², which cancels for small u = νE: there its series
    /// Σ_{k≥2} (−1)^k (k−1)/k·u^{k−2} is summed instead (1/2 at u = 0). `logOnePlus` is ln(1 + u).
    func shapeRatio(_ u: Double, logOnePlus: Double) -> Double {
        if abs(u) < 1e-2 {
            var term = 1.0, sum = 0.0
            for k in 2...9 {
                let kk = Double(k)
                sum += (k % 2 == 0 ? 1 : -1) * (kk - 1) / kk * term
                term *= u
            }
            return sum
        }
        return (logOnePlus - u / (1 + u)) / (u * u)
    }

    public func rate(at t: Double, parameters θ: [Double]) -> Double {
        if θ[3] == 0 { return gompertz.rate(at: t, parameters: θ) }
        let z = -θ[1] * (t - θ[2])
        let e = Double.exp(z)
        let b = 1 + θ[3] * e
        let rate = θ[0] * θ[1] * e * Double.exp(-Double.log(b) / θ[3]) / b
        if rate.isFinite { return rate }
        // Where νE or m·k·E overflows: E/(1 + νE) taken whole (→ 1/ν as E overflows), and
        // ln(1 + νE) as in `logB`.
        let eOverB = b.isFinite ? e / b : 1 / θ[3]
        return θ[0] * θ[1] * eOverB * Double.exp(-logB(z, nu: θ[3], u: θ[3] * e) / θ[3])
    }

    /// F = φ ⇔ 1 + νE = φ^{−ν} ⇔ E = (φ^{−ν} − 1)/ν.
    public func time(toFraction fraction: Double, parameters θ: [Double]) -> Double? {
        let k = θ[1], t0 = θ[2], nu = θ[3]
        guard fraction > 0, fraction < 1, k > 0, nu >= 0 else { return nil }
        if nu == 0 { return gompertz.time(toFraction: fraction, parameters: θ) }
        let e = Double.expMinusOne(-nu * Double.log(fraction)) / nu
        return t0 - Double.log(e) / k
    }

    public func characteristicPoints(parameters θ: [Double]) -> CharacteristicPoints {
        let m = θ[0], k = θ[1], t0 = θ[2], nu = θ[3]
        if nu == 0 { return gompertz.characteristicPoints(parameters: θ) }
        // With u = F^ν = 1/(1 + νE) the condition on u becomes E² − (ν+3)E + 1 = 0, stable for
        // every ν ≥ 0 (the u form loses all digits as ν → 0). Its roots multiply to 1, so
        // takeoff and saturation onset lie ln(E₊)/k either side of the peak.
        let s = nu + 3
        let eTakeoff = (s + (s * s - 4).squareRoot()) / 2
        let half = Double.log(eTakeoff) / k
        let peakFraction = Double.exp(-Double.log(onePlus: nu) / nu)
        return CharacteristicPoints(
            // For ν ≤ −1/2 the curve does not reach back to E₊ (1 + νE₊ ≤ 0): no takeoff.
            takeoff: 1 + nu * eTakeoff > 0 ? t0 - half : nil,
            peak: t0,
            saturationOnset: t0 + half,
            peakRate: m * k * peakFraction / (1 + nu))
    }
}
