/// A curve `y = f(t; θ)` with named parameters and an exact gradient `∂f/∂θ`.
///
/// Positional parameter vectors live only inside the optimizer; everything
/// shown to users is keyed by `parameterNames`.
public protocol ParametricCurve: Sendable {
    /// Parameter names, in the order of the positional vectors.
    var parameterNames: [String] { get }
    /// The curve's value at `t`.
    func value(at t: Double, parameters θ: [Double]) -> Double
    /// The value at `t`, writing `∂f/∂θⱼ` into `gradient[j]` for every parameter.
    func value(at t: Double, parameters θ: [Double], gradient: inout [Double]) -> Double
    /// The values at every `t[i]` into `values[i]`: what a fit asks for at each trial point.
    func values(at t: UnsafeBufferPointer<Double>, parameters θ: [Double], into values: UnsafeMutablePointer<Double>)
    /// The gradients at every `t[i]`, column-major: `∂f(tᵢ)/∂θⱼ` into `jacobian[i + j·ld]`.
    func gradients(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                   into jacobian: UnsafeMutablePointer<Double>, ld: Int)
    /// A time at which the curve and its gradient are zero whatever the parameters
    /// (launch, for launch-anchored adoption curves), or nil if there is none.
    var vanishingTime: Double? { get }
    /// Adds `Σᵢ wᵢ·∂²f(tᵢ)/∂θⱼ∂θₖ` into `hessian[j + k·n]` (n × n, both triangles) and returns
    /// true; a curve without exact second derivatives returns false and leaves `hessian` as it is.
    func addWeightedHessians(at t: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
                             parameters θ: [Double], into hessian: UnsafeMutablePointer<Double>) -> Bool
}

extension ParametricCurve {
    public var vanishingTime: Double? { nil }

    public func addWeightedHessians(at t: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
                                    parameters θ: [Double], into hessian: UnsafeMutablePointer<Double>) -> Bool {
        false
    }

    public func values(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                       into values: UnsafeMutablePointer<Double>) {
        for i in t.indices { values[i] = value(at: t[i], parameters: θ) }
    }

    public func gradients(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                          into jacobian: UnsafeMutablePointer<Double>, ld: Int) {
        gradientsPointwise(at: t, parameters: θ, into: jacobian, ld: ld)
    }

    /// `gradients` one point at a time through `value(at:parameters:gradient:)`: the default, and
    /// what a curve's own batch falls back to where it has no faster way.
    public func gradientsPointwise(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                                   into jacobian: UnsafeMutablePointer<Double>, ld: Int) {
        var g = [Double](repeating: 0, count: θ.count)
        for i in t.indices {
            _ = value(at: t[i], parameters: θ, gradient: &g)
            for j in g.indices { jacobian[i + j * ld] = g[j] }
        }
    }
}

/// The kinds of adoption curve the toolkit fits.
public enum ModelKind: String, CaseIterable, Sendable, Codable {
    case bass, logistic, gompertz, richards, exponential

    /// The model's name as reports write it: "Bass", "Logistic", "Gompertz", "Richards", "Exponential saturation".
    public var name: String {
        switch self {
        case .bass: "Bass"
        case .logistic: "Logistic"
        case .gompertz: "Gompertz"
        case .richards: "Richards"
        case .exponential: "Exponential saturation"
        }
    }

    /// The model's cumulative curve.
    public var curve: any AdoptionCurve {
        switch self {
        case .bass: BassModel()
        case .logistic: LogisticModel()
        case .gompertz: GompertzModel()
        case .richards: RichardsModel()
        case .exponential: ExponentialModel()
        }
    }
}

/// Turning points of an adoption curve, in model time (0 = launch).
///
/// For the Bass model these are Mahajan, Muller & Srivastava (1990): the peak
/// `t* = ln(q/p)/(p+q)`, takeoff and saturation onset `t* ∓ ln(2+√3)/(p+q)` —
/// the extrema of the rate's slope. The S-curves use the same definition
/// (zeros of the third derivative of N), in closed form.
public struct CharacteristicPoints: Sendable, Equatable, Codable {
    /// Start of rapid growth (maximum of d²N/dt²); nil when the curve has none after launch.
    public var takeoff: Double?
    /// Time of the highest adoption rate; nil when the rate only falls after launch.
    public var peak: Double?
    /// Start of saturation (minimum of d²N/dt²).
    public var saturationOnset: Double?
    /// The highest adoption rate dN/dt (adopters per unit time).
    public var peakRate: Double
    /// The rate accelerates most at launch: no takeoff after it (for Bass, q/p ≤ 2 + √3). Set
    /// where the curve says so (the two-segment model); false otherwise.
    public var takeoffAtLaunch = false
    /// The rate is highest at launch and only falls after it (for Bass, q ≤ p).
    public var peakAtLaunch = false
    /// The rate falls fastest at launch: no saturation onset after it (for Bass, q/p ≤ 1/(2 + √3)).
    /// Set where the curve says so (the two-segment model); false otherwise.
    public var saturationOnsetAtLaunch = false

    public init(takeoff: Double?, peak: Double?, saturationOnset: Double?, peakRate: Double) {
        self.takeoff = takeoff
        self.peak = peak
        self.saturationOnset = saturationOnset
        self.peakRate = peakRate
    }
}

/// A cumulative adoption curve `N(t) = m·F(t)` with market potential `m`.
public protocol AdoptionCurve: ParametricCurve {
    var kind: ModelKind { get }
    /// The time at which `F = 0`: 0 for launch-anchored models (Bass, exponential),
    /// −∞ for the S-curves, which approach zero only asymptotically.
    var launchTime: Double { get }
    /// Index of the market potential `m` in the parameter vector.
    var marketIndex: Int { get }
    /// Lower limits of each parameter's natural domain (m ≥ 0, p > 0, …).
    var lowerLimits: [Double] { get }
    /// What the curve becomes with parameter `index` on its lower limit, when that is a
    /// named curve (Bass with q = 0 is the exponential saturation), for a fit's message.
    func limitingCurve(atLowerLimitOf index: Int) -> String?
    /// The model the curve becomes with parameter `index` on its lower limit, where it is one of the
    /// toolkit's (Bass with q = 0: exponential saturation; Richards with ν = 0: Gompertz).
    func limitingModel(atLowerLimitOf index: Int) -> ModelKind?
    /// The adoption rate dN/dt at `t`.
    func rate(at t: Double, parameters θ: [Double]) -> Double
    /// The time at which `F(t) = fraction`, for `0 < fraction < 1`; nil if never reached.
    func time(toFraction fraction: Double, parameters θ: [Double]) -> Double?
    /// Takeoff, peak and saturation onset.
    func characteristicPoints(parameters θ: [Double]) -> CharacteristicPoints
    /// Positive parameters whose size the data may not fix (a market potential before the
    /// peak): a fit moves them on a log scale, where they change by factors.
    var logScaleParameters: [Int] { get }
    /// Further positive parameters a first, accelerated pass of a fit also moves on a log
    /// scale; what that pass does not settle is fitted again with them on the linear scale.
    var acceleratedLogScaleParameters: [Int] { get }
    /// Parameters bounded below by 0 that a fit inside the curve's domain (with bounds) moves on a
    /// log scale instead of through the bound's transformation, which keeps them on a linear scale.
    var boundedLogScaleParameters: [Int] { get }
}

extension AdoptionCurve {
    public var marketIndex: Int { 0 }

    public var logScaleParameters: [Int] { [] }
    public var acceleratedLogScaleParameters: [Int] { [] }
    public var boundedLogScaleParameters: [Int] { [] }
    public func limitingCurve(atLowerLimitOf index: Int) -> String? { nil }
    public func limitingModel(atLowerLimitOf index: Int) -> ModelKind? { nil }

    /// A launch-anchored curve is zero at launch whatever its parameters.
    public var vanishingTime: Double? { launchTime.isFinite ? launchTime : nil }
}

/// ln(2 + √3): the half-distance from peak to takeoff in units of 1/(p+q).
let lnTwoPlusRootThree = 1.3169578969248167
