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
    /// The MAP in the solver's coordinates u and its covariance.
    var u: [Double]
    var covariance: [Double]?
    var status: String
    var priors: [Prior]
    var pulls: [PullRow]
    var slip: VintageSlip?
    var notes: [String]
    /// The residuals' χ² at the mode against its degrees of freedom (nil without a calibration).
    var goodnessOfFit: GoodnessOfFit? = nil
}

/// Penalized (MAP) least squares of the segment parameters on cited anchors.
///
/// Each anchor contributes (ln model − ln anchor)/σ, σ set by its quality label; each
/// parameter a prior term (u − μ)/σ in transformed coordinates (ln p, ln q, logit w), so
/// the minimum is the posterior mode under log-normal anchor errors and normal priors,
/// and (JᵀJ)⁻¹ there approximates the posterior covariance.
enum CPOCalibration {
    /// The status of a calibration that did not run because a segment's p and q have no prior source.
    static let noPriorStatus = "no prior"

    static let names = ["p", "q", "p", "q", "w"]
    static let segments: [SegmentID] = [.hyperscale, .hyperscale, .enterprise, .enterprise, .enterprise]

    // MARK: - Coordinates
    //
    // The solver moves u = (ln p₁, ln q₁, logit(p₂/p₁), logit(q₂/q₁), logit w): every point is
    // admissible, and enterprises can never innovate or imitate faster than hyperscalers
    // (the brief: they wait for proof). The priors sit on g = (ln p₁, ln q₁, ln p₂, ln q₂, logit w).

    static func logistic(_ x: Double) -> Double { 1 / (1 + Double.exp(-x)) }
    static func logit(_ x: Double) -> Double { Double.log(x / (1 - x)) }

    /// u from θ; ratios at or above 1 are moved just below it.
    static func transform(_ θ: SegmentVector) -> [Double] {
        let rp = min(θ[2] / θ[0], 0.99), rq = min(θ[3] / θ[1], 0.99)
        return [Double.log(θ[0]), Double.log(θ[1]), logit(rp), logit(rq), logit(θ[4])]
    }

    static func untransform(_ u: [Double]) -> SegmentVector {
        let p1 = Double.exp(u[0]), q1 = Double.exp(u[1])
        return [p1, q1, p1 * logistic(u[2]), q1 * logistic(u[3]), logistic(u[4])]
    }

    /// ∂θ/∂u as a 5 × 5 row-major matrix (row = θ component).
    static func jacobianOfTransform(_ u: [Double]) -> [Double] {
        let θ = untransform(u)
        let sp = logistic(u[2]), sq = logistic(u[3])
        var d = [Double](repeating: 0, count: 25)
        d[0 * 5 + 0] = θ[0]
        d[1 * 5 + 1] = θ[1]
        d[2 * 5 + 0] = θ[2]
        d[2 * 5 + 2] = θ[2] * (1 - sp)
        d[3 * 5 + 1] = θ[3]
        d[3 * 5 + 3] = θ[3] * (1 - sq)
        d[4 * 5 + 4] = θ[4] * (1 - θ[4])
        return d
    }

    /// The prior coordinates g(u) = (ln p₁, ln q₁, ln p₂, ln q₂, logit w).
    static func priorCoordinates(_ u: [Double]) -> [Double] {
        [u[0], u[1], u[0] + Double.log(logistic(u[2])), u[1] + Double.log(logistic(u[3])), u[4]]
    }

    /// ∂g/∂u, row-major.
    static func priorJacobian(_ u: [Double]) -> [Double] {
        var d = [Double](repeating: 0, count: 25)
        d[0] = 1
        d[6] = 1
        d[10] = 1; d[12] = 1 - logistic(u[2])
        d[16] = 1; d[18] = 1 - logistic(u[3])
        d[24] = 1
        return d
    }

    /// u for prior coordinates g (the inverse of `priorCoordinates`, ratios capped below 1).
    static func coordinates(fromPrior g: [Double]) -> [Double] {
        transform([Double.exp(g[0]), Double.exp(g[1]), Double.exp(g[2]), Double.exp(g[3]), logistic(g[4])])
    }

    // MARK: - Forecast vintages

    /// Years the predicted volume year moves per year of vintage, by ordinary least squares; nil
    /// with fewer than two distinct vintages. It is applied (when asked) only when it is positive
    /// and at least two standard errors from none, so from three forecasts on: two give a slope
    /// with no standard error, which may be anything.
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
        var slip = VintageSlip(slipPerYear: slope, stdError: se, forecasts: x.count, applied: false)
        slip.applied = applied && slip.standsOut
        return slip
    }

    // MARK: - Priors

    /// Bass p and q fitted to an analog's share ramp (m = 1: shares are fractions of the market).
    static func analogFit(_ analog: AnalogSeries) -> (p: Double, q: Double)? {
        guard let intro = analog.years.first, analog.years.count >= 3 else { return nil }
        // As the forecast and the anchors: a whole year's figure stands at mid-year; a fractional
        // year is the time its figure stands for. The introduction year starts the clock.
        let t = analog.years.dropFirst().map { ($0 == $0.rounded(.down) ? $0 + 0.5 : $0) - intro }
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

    /// Priors on each segment's ln p and ln q: the mean of the logs over the analog fits
    /// tagged for that segment (or for both) and, where the scenario says so, the published
    /// p/q tables; the standard deviation is the spread over every analog and table row
    /// used (at least 0.5). logit w is centred at the scenario's w with standard deviation 1.
    /// `unsourced` lists the segments that no analog fit and no published row informs: their prior
    /// would be centred on nothing (p = q = 1), and the calibration does not run.
    static func priors(_ scenario: Scenario) -> (priors: [Prior], notes: [String], unsourced: [SegmentID]) {
        var notes: [String] = []
        var fits: [(segment: SegmentID?, lnP: Double, lnQ: Double)] = []
        for analog in scenario.calibration.analogs {
            let tag = analog.segment.map { " (\($0.rawValue))" } ?? ""
            if let fit = analogFit(analog) {
                fits.append((analog.segment, Double.log(fit.p), Double.log(fit.q)))
                notes.append("analog \(analog.name)\(tag): Bass p = \(rounded(fit.p)), q = \(rounded(fit.q))")
            } else {
                notes.append("analog \(analog.name)\(tag): too few points for a Bass fit, left out of the priors")
            }
        }
        let published = scenario.calibration.publishedPQ.filter { $0.p > 0 && $0.q > 0 }
            .map { (Double.log($0.p), Double.log($0.q)) }
        func stats(_ v: [Double]) -> (mean: Double, sd: Double) {
            let n = Double(max(1, v.count))
            let mean = v.reduce(0, +) / n
            let sd = v.count > 1 ? (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot() : 1
            return (mean, max(0.5, sd))
        }
        // The spread of p and q across all technologies sets the priors' width.
        let spreadP = stats(fits.map(\.lnP) + published.map(\.0)).sd
        let spreadQ = stats(fits.map(\.lnQ) + published.map(\.1)).sd
        var priors: [Prior] = []
        var unsourced: [SegmentID] = []
        for segment in SegmentID.allCases {
            let own = fits.filter { $0.segment == nil || $0.segment == segment }
            let usePublished = scenario.calibration.publishedPQSegments.contains(segment)
            let lnP = own.map(\.lnP) + (usePublished ? published.map(\.0) : [])
            let lnQ = own.map(\.lnQ) + (usePublished ? published.map(\.1) : [])
            if lnP.isEmpty { unsourced.append(segment) }
            let source = "\(own.count) analog fit\(own.count == 1 ? "" : "s")"
                + (usePublished ? " and \(published.count) published p/q rows" : "")
            priors.append(Prior(name: "ln p (\(segment.rawValue))", mean: stats(lnP).mean, sd: spreadP, source: source))
            priors.append(Prior(name: "ln q (\(segment.rawValue))", mean: stats(lnQ).mean, sd: spreadQ, source: source))
        }
        let w = scenario.segments[.enterprise]?.influenceWeight ?? 0.5
        priors.append(Prior(name: "logit w", mean: Double.log(w / (1 - w)), sd: 1, source: "the scenario's influence_weight"))
        return (priors, notes, unsourced)
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
