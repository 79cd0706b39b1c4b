import RealModule

/// Named parameters of the Bass diffusion model.
public struct BassParameters: Sendable, Equatable, Codable {
    /// Market potential (adopters, the data's units).
    public var m: Double
    /// Coefficient of innovation (per unit time).
    public var p: Double
    /// Coefficient of imitation (per unit time).
    public var q: Double

    public init(m: Double, p: Double, q: Double) {
        self.m = m
        self.p = p
        self.q = q
    }

    public init(_ vector: [Double]) { self.init(m: vector[0], p: vector[1], q: vector[2]) }
    public var vector: [Double] { [m, p, q] }
}

/// The Bass (1969) diffusion model.
///
///     F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}),   N(t) = m·F(t)
///     dN/dt = m·p·(p+q)²·e^{−(p+q)t} / (p + q·e^{−(p+q)t})²
///
/// Parameters `[m, p, q]`: market potential m > 0 (adopters), innovation p > 0
/// and imitation q ≥ 0 (per unit time). t is time since launch.
///
/// Bass, F. M. (1969), "A new product growth for model consumer durables",
/// *Management Science* 15(5), 215–227.
public struct BassModel: AdoptionCurve {
    public init() {}
    public var kind: ModelKind { .bass }
    // The arrays are made once: a fit asks for them for every series.
    private static let names = ["m", "p", "q"]
    private static let lower: [Double] = [0, 0, 0]
    private static let logScaled = [0], acceleratedLogScaled = [1]
    public var parameterNames: [String] { Self.names }
    public var launchTime: Double { 0 }
    public var lowerLimits: [Double] { Self.lower }
    public func limitingCurve(atLowerLimitOf index: Int) -> String? { index == 2 ? "q = 0 is the exponential saturation curve" : nil }
    public func limitingModel(atLowerLimitOf index: Int) -> ModelKind? { index == 2 ? .exponential : nil }
    /// Before the peak the data fix m·p, not m: on the log scale of m and p that valley is a
    /// straight line, which a runaway m follows to its limit in about 30 evaluations a start
    /// with both on the log scale (`acceleratedLogScaleParameters`), about 760 with m alone and
    /// about 2,300 on the linear scale (`StatusTests.runaway`).
    public var logScaleParameters: [Int] { Self.logScaled }
    public var acceleratedLogScaleParameters: [Int] { Self.acceleratedLogScaled }

    public func value(at t: Double, parameters θ: [Double]) -> Double {
        let m = θ[0], p = θ[1], q = θ[2]
        let e = Double.exp(-(p + q) * t)
        return m * p * (1 - e) / (p + q * e)
    }

    public func value(at t: Double, parameters θ: [Double], gradient: inout [Double]) -> Double {
        let m = θ[0], p = θ[1], q = θ[2]
        let e = Double.exp(-(p + q) * t)
        let num = p * (1 - e)
        let den = p + q * e
        let f = num / den
        // ∂e/∂p = ∂e/∂q = −t·e
        let dNumDp = (1 - e) + p * t * e
        let dNumDq = p * t * e
        let dDenDp = 1 - q * t * e
        let dDenDq = e - q * t * e
        let den2 = den * den
        gradient[0] = f
        if den2 > 0 {
            gradient[1] = m * (dNumDp * den - num * dDenDp) / den2
            gradient[2] = m * (dNumDq * den - num * dDenDq) / den2
        } else {
            (gradient[1], gradient[2]) = Self.partialsWhereDenominatorSquareUnderflows(m: m, p: p, q: q, e: e, te: t * e, f: f, den: den)
        }
        return m * f
    }

    public func values(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                       into values: UnsafeMutablePointer<Double>) {
        let m = θ[0], p = θ[1], q = θ[2]
        Decay.along(t, rate: p + q) { i, _, e in values[i] = m * p * (1 - e) / (p + q * e) }
    }

    public func gradients(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                          into jacobian: UnsafeMutablePointer<Double>, ld: Int) {
        let m = θ[0], p = θ[1], q = θ[2]
        let dm = jacobian, dp = jacobian + ld, dq = jacobian + 2 * ld
        Decay.along(t, rate: p + q) { i, ti, e in
            let num = p * (1 - e)
            let den = p + q * e
            let te = ti * e
            // ∂F/∂p = [(1 − e + p·t·e)·den − num·(1 − q·t·e)] / den², ∂F/∂q = [p·t·e·den − num·(e − q·t·e)] / den²
            let scale = m / (den * den)
            let f = num / den
            dm[i] = f
            if scale.isFinite {
                dp[i] = ((1 - e + p * te) * den - num * (1 - q * te)) * scale
                dq[i] = (p * te * den - num * (e - q * te)) * scale
            } else {
                (dp[i], dq[i]) = Self.partialsWhereDenominatorSquareUnderflows(m: m, p: p, q: q, e: e, te: te, f: f, den: den)
            }
        }
    }

    /// ∂N/∂p and ∂N/∂q where den² = (p + q·e)² underflows, p and q·e both below about 1e-154 (a
    /// launch many periods before the data), and so may the numerators' products: each term is
    /// divided by den first. With F = num/den, ∂F/∂p = [(1 − e + p·t·e) − F·(1 − q·t·e)]/den and
    /// ∂F/∂q = p·(t·e/den) − F·(e − q·t·e)/den.
    @inline(__always)
    static func partialsWhereDenominatorSquareUnderflows(
        m: Double, p: Double, q: Double, e: Double, te: Double, f: Double, den: Double
    ) -> (p: Double, q: Double) {
        (m * (((1 - e + p * te) - f * (1 - q * te)) / den), m * (p * (te / den) - f * ((e - q * te) / den)))
    }

    /// For p > 0 and q ≥ 0 (elsewhere false). With F = num/den (num = p(1 − e), den = p + q·e,
    /// e = e^{−(p+q)t}, ∂e/∂p = ∂e/∂q = −t·e),
    /// differentiating F·den = num twice gives F_ab = (num_ab − F_a·den_b − F_b·den_a − F·den_ab)/den;
    /// N = m·F adds N_mm = 0 and N_ma = F_a.
    public func addWeightedHessians(at t: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
                                    parameters θ: [Double], into hessian: UnsafeMutablePointer<Double>) -> Bool {
        let m = θ[0], p = θ[1], q = θ[2]
        // In the model's domain only: with q < 0 near −p the curve itself loses digits to 1 − e.
        guard p > 0, q >= 0 else { return false }
        var mp = 0.0, mq = 0.0, pp = 0.0, pq = 0.0, qq = 0.0
        Decay.along(t, rate: p + q) { i, ti, e in
            let te = ti * e, tte = ti * te
            let num = p * (1 - e), inverse = 1 / (p + q * e)
            let f = num * inverse
            let numP = 1 - e + p * te, numQ = p * te
            let denP = 1 - q * te, denQ = e - q * te
            let fp = (numP - f * denP) * inverse, fq = (numQ - f * denQ) * inverse
            let numPP = 2 * te - p * tte, numPQ = te - p * tte, numQQ = -p * tte
            let denPP = q * tte, denPQ = q * tte - te, denQQ = q * tte - 2 * te
            let fpp = (numPP - 2 * fp * denP - f * denPP) * inverse
            let fpq = (numPQ - fp * denQ - fq * denP - f * denPQ) * inverse
            let fqq = (numQQ - 2 * fq * denQ - f * denQQ) * inverse
            let wi = w[i]
            mp += wi * fp; mq += wi * fq
            pp += wi * fpp; pq += wi * fpq; qq += wi * fqq
        }
        // [m, p, q]: N_mm = 0, N_mp = F_p, N_mq = F_q, N_pp = m·F_pp, N_pq = m·F_pq, N_qq = m·F_qq.
        hessian[1] += mp; hessian[3] += mp
        hessian[2] += mq; hessian[6] += mq
        hessian[4] += m * pp
        hessian[5] += m * pq; hessian[7] += m * pq
        hessian[8] += m * qq
        return true
    }

    public func rate(at t: Double, parameters θ: [Double]) -> Double {
        let m = θ[0], p = θ[1], q = θ[2]
        let e = Double.exp(-(p + q) * t)
        let den = p + q * e
        return m * p * (p + q) * (p + q) * e / (den * den)
    }

    /// Solves F(t) = φ: `e^{−(p+q)t} = (1 − φ)/(1 + φ·q/p)`.
    public func time(toFraction fraction: Double, parameters θ: [Double]) -> Double? {
        let p = θ[1], q = θ[2]
        guard fraction > 0, fraction < 1, p > 0, q >= 0 else { return nil }
        let e = (1 - fraction) / (1 + fraction * q / p)
        return -Double.log(e) / (p + q)
    }

    /// Mahajan, Muller & Srivastava (1990): peak at ln(q/p)/(p+q), takeoff and
    /// saturation onset ln(2+√3)/(p+q) either side. Points before launch are nil;
    /// when q ≤ p the rate falls from launch, the peak rate is m·p, and there is no takeoff or
    /// peak after launch; the fall is still steepest at the saturation onset when that comes
    /// after launch (q/p > 2 − √3), so it moves continuously as q passes p.
    public func characteristicPoints(parameters θ: [Double]) -> CharacteristicPoints {
        let m = θ[0], p = θ[1], q = θ[2]
        let s = p + q
        guard p > 0, q > 0 else {
            var points = CharacteristicPoints(takeoff: nil, peak: nil, saturationOnset: nil, peakRate: m * p)
            // q = 0 is exponential saturation: its rate is highest at launch.
            points.peakAtLaunch = p > 0
            return points
        }
        let peak = Double.log(q / p) / s
        let half = lnTwoPlusRootThree / s
        guard q > p else {
            // The rate is highest at launch and only falls.
            var points = CharacteristicPoints(takeoff: nil, peak: nil, saturationOnset: peak + half > 0 ? peak + half : nil,
                                              peakRate: m * p)
            points.peakAtLaunch = true
            return points
        }
        return CharacteristicPoints(
            takeoff: peak - half >= 0 ? peak - half : nil,
            peak: peak,
            saturationOnset: peak + half >= 0 ? peak + half : nil,
            peakRate: m * s * s / (4 * q))
    }
}
