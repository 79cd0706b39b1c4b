import AdoptScenario
import AdoptionModels
import Fitting
import RealModule

/// A normal prior on one transformed segment parameter (ln p, ln q or logit w).
struct Prior: Sendable, Equatable {
    var name: String
    var mean: Double
    var sd: Double
    /// Where the centre came from.
    var source: String
}

/// The outcome of calibrating the segment parameters.
struct CalibrationOutcome: Sendable {
    /// Raw parameters (p₁, q₁, p₂, q₂, w) at the MAP.
    var θ: SegmentVector
    /// The MAP in transformed coordinates (ln p₁, ln q₁, ln p₂, ln q₂, logit w) and its covariance.
    var u: [Double]
    var covariance: [Double]?
    var status: String
    var priors: [Prior]
    var pulls: [PullRow]
    var slip: VintageSlip?
    var notes: [String]
}

/// Penalized (MAP) least squares of the segment parameters on cited anchors.
///
/// Each anchor contributes (ln model − ln anchor)/σ, σ set by its quality label; each
/// parameter a prior term (u − μ)/σ in transformed coordinates (ln p, ln q, logit w), so
/// the minimum is the posterior mode under log-normal anchor errors and normal priors,
/// and (JᵀJ)⁻¹ there approximates the posterior covariance.
enum CPOCalibration {
    static let names = ["p", "q", "p", "q", "w"]
    static let segments: [SegmentID] = [.hyperscale, .hyperscale, .enterprise, .enterprise, .enterprise]

    static func transform(_ θ: SegmentVector) -> [Double] {
        [Double.log(θ[0]), Double.log(θ[1]), Double.log(θ[2]), Double.log(θ[3]), Double.log(θ[4] / (1 - θ[4]))]
    }

    static func untransform(_ u: [Double]) -> SegmentVector {
        [Double.exp(u[0]), Double.exp(u[1]), Double.exp(u[2]), Double.exp(u[3]), 1 / (1 + Double.exp(-u[4]))]
    }

    /// dθ/du for each coordinate.
    static func jacobianOfTransform(_ θ: SegmentVector) -> [Double] {
        [θ[0], θ[1], θ[2], θ[3], θ[4] * (1 - θ[4])]
    }

    // MARK: - Forecast vintages

    /// Years the predicted volume year moves per year of vintage, by ordinary least squares.
    static func vintageSlip(_ vintages: [ForecastVintage], applied: Bool) -> VintageSlip? {
        guard vintages.count >= 2 else { return nil }
        let x = vintages.map(\.vintage), y = vintages.map(\.predictedVolumeYear)
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for (a, b) in zip(x, y) { sxx += (a - mx) * (a - mx); sxy += (a - mx) * (b - my) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        var se: Double? = nil
        if x.count > 2 {
            let rss = zip(x, y).reduce(0.0) { acc, point in let e = point.1 - my - slope * (point.0 - mx); return acc + e * e }
            se = (rss / (n - 2) / sxx).squareRoot()
        }
        return VintageSlip(slipPerYear: slope, stdError: se, forecasts: x.count, applied: applied && slope > 0)
    }

    // MARK: - Priors

    /// Bass p and q fitted to an analog's share ramp (m = 1: shares are fractions of the market).
    static func analogFit(_ analog: AnalogSeries) -> (p: Double, q: Double)? {
        guard let intro = analog.years.first, analog.years.count >= 3 else { return nil }
        let t = analog.years.dropFirst().map { $0 - intro }
        let y = Array(analog.shares.dropFirst())
        let data = CurveData(t: t, y: y, form: .cumulative)
        let problem = CurveFitProblem(curve: BassShareCurve(), data: data)
        let result = NonlinearLeastSquares().fit(problem, names: ["p", "q"], observed: y,
                                                 starts: [[0.01, 0.4], [0.003, 0.3], [0.03, 0.6], [0.001, 1.0]],
                                                 bounds: [ParameterBounds(lower: 1e-6, upper: 1), ParameterBounds(lower: 1e-4, upper: 5)])
        guard result.status == .converged || result.status == .notIdentified || result.status == .atBound,
              result.estimates.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
        return (result.estimates[0], result.estimates[1])
    }

    /// Priors on ln p and ln q from the analog fits and the published p/q tables
    /// (mean and standard deviation of the logs, the deviation at least 0.5), and on
    /// logit w centred at the scenario's w with standard deviation 1.
    static func priors(_ scenario: Scenario) -> (priors: [Prior], notes: [String]) {
        var lnP: [Double] = [], lnQ: [Double] = []
        var notes: [String] = []
        for analog in scenario.calibration.analogs {
            if let fit = analogFit(analog) {
                lnP.append(Double.log(fit.p)); lnQ.append(Double.log(fit.q))
                notes.append("analog \(analog.name): Bass p = \(rounded(fit.p)), q = \(rounded(fit.q))")
            } else {
                notes.append("analog \(analog.name): no usable Bass fit, left out of the priors")
            }
        }
        for row in scenario.calibration.publishedPQ where row.p > 0 && row.q > 0 {
            lnP.append(Double.log(row.p)); lnQ.append(Double.log(row.q))
        }
        func stats(_ v: [Double]) -> (Double, Double) {
            let n = Double(max(1, v.count))
            let mean = v.reduce(0, +) / n
            let sd = v.count > 1 ? (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot() : 1
            return (mean, max(0.5, sd))
        }
        let (mp, sp) = stats(lnP), (mq, sq) = stats(lnQ)
        let source = "\(scenario.calibration.analogs.count) analog ramps and \(scenario.calibration.publishedPQ.count) published p/q rows"
        let w = scenario.segments[.enterprise]?.influenceWeight ?? 0.5
        let priors = [
            Prior(name: "ln p (hyperscale)", mean: mp, sd: sp, source: source),
            Prior(name: "ln q (hyperscale)", mean: mq, sd: sq, source: source),
            Prior(name: "ln p (enterprise)", mean: mp, sd: sp, source: source),
            Prior(name: "ln q (enterprise)", mean: mq, sd: sq, source: source),
            Prior(name: "logit w", mean: Double.log(w / (1 - w)), sd: 1, source: "the scenario's influence_weight"),
        ]
        return (priors, notes)
    }

    static func rounded(_ x: Double) -> String {
        let s = (x * 10000).rounded() / 10000
        return "\(s)"
    }
}

/// The Bass cumulative fraction F(t; p, q) with m = 1, for share data.
struct BassShareCurve: ParametricCurve {
    var parameterNames: [String] { ["p", "q"] }
    func value(at t: Double, parameters θ: [Double]) -> Double {
        BassModel().value(at: t, parameters: [1, θ[0], θ[1]])
    }
    func value(at t: Double, parameters θ: [Double], gradient: inout [Double]) -> Double {
        var g = [0.0, 0, 0]
        let v = BassModel().value(at: t, parameters: [1, θ[0], θ[1]], gradient: &g)
        gradient[0] = g[1]
        gradient[1] = g[2]
        return v
    }
}
