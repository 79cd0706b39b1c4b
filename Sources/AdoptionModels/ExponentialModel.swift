import RealModule

/// Exponential saturation: the Bass model with no imitation (q = 0).
///
///     N(t) = m·(1 − e^{−p·t}),   dN/dt = m·p·e^{−p·t}
///
/// Parameters `[m, p]`: market potential m > 0 (adopters) and innovation
/// rate p > 0 (per unit time). The rate is highest at launch and only falls.
///
/// Fourt & Woodlock (1960), "Early prediction of market success for new grocery
/// products", *Journal of Marketing* 25(2), 31–38.
public struct ExponentialModel: AdoptionCurve {
    public init() {}
    public var kind: ModelKind { .exponential }
    // The arrays are made once: a fit asks for them for every series.
    private static let names = ["m", "p"]
    private static let lower: [Double] = [0, 0]
    private static let logScaled = [0], acceleratedLogScaled = [1]
    public var parameterNames: [String] { Self.names }
    public var launchTime: Double { 0 }
    public var lowerLimits: [Double] { Self.lower }
    /// As for Bass (`BassModel.logScaleParameters`): where the data fix m·p but not m (rates that do
    /// not fall, S-shaped sales), the valley is a straight line on the log scale of m and p, which a
    /// runaway m follows to its limit in a few dozen evaluations; with m alone on it, over a thousand.
    public var logScaleParameters: [Int] { Self.logScaled }
    public var acceleratedLogScaleParameters: [Int] { Self.acceleratedLogScaled }

    public func value(at t: Double, parameters θ: [Double]) -> Double {
        θ[0] * -Double.expMinusOne(-θ[1] * t)
    }

    public func value(at t: Double, parameters θ: [Double], gradient: inout [Double]) -> Double {
        let m = θ[0], p = θ[1]
        let e = Double.exp(-p * t)
        let f = -Double.expMinusOne(-p * t)
        gradient[0] = f
        gradient[1] = m * t * e
        return m * f
    }

    /// N_mm = 0, N_mp = t·e^{−pt}, N_pp = −m·t²·e^{−pt}.
    public func addWeightedHessians(at t: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
                                    parameters θ: [Double], into hessian: UnsafeMutablePointer<Double>) -> Bool {
        let m = θ[0], p = θ[1]
        var mp = 0.0, pp = 0.0
        Decay.along(t, rate: p) { i, ti, e in
            let te = ti * e
            mp += w[i] * te
            pp -= w[i] * ti * te
        }
        // [m, p], both triangles.
        hessian[1] += mp; hessian[2] += mp
        hessian[3] += m * pp
        return true
    }

    public func rate(at t: Double, parameters θ: [Double]) -> Double {
        θ[0] * θ[1] * Double.exp(-θ[1] * t)
    }

    public func time(toFraction fraction: Double, parameters θ: [Double]) -> Double? {
        guard fraction > 0, fraction < 1, θ[1] > 0 else { return nil }
        return -Double.log(onePlus: -fraction) / θ[1]
    }

    public func characteristicPoints(parameters θ: [Double]) -> CharacteristicPoints {
        // The rate is highest at launch and only falls.
        var points = CharacteristicPoints(takeoff: nil, peak: nil, saturationOnset: nil, peakRate: θ[0] * θ[1])
        points.peakAtLaunch = θ[1] > 0
        return points
    }
}
