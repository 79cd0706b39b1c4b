import Testing
import AdoptionModels
@testable import Fitting
import TestSupport

/// The curves the logistic, Gompertz and Richards fits approach as their market potential runs away, named
/// where a fit is not identified: the decaying tail of a curve that peaked before the data (exponential
/// saturation per period) and exponential growth through the data (`AdoptionFitter.nameMarketLimit`); and a fit
/// that claims a minimum above the tail, not identified (`AdoptionFitter.againstMarketLimits`).
/// `Tests/Fixtures/scipy/runaway_limits.py` holds the references: two launch-spike series and two
/// exponential-growth series of `Benchmarks/gen_hard_series.py`, whose fits stopped with m past its limit at
/// RSS up to 37 times the tail's, their messages naming no curve, and a decay with a late bump.
@Suite("Runaway fits name the curve m runs to")
struct RunawayLimitTests {
    static let spikes = ["h385", "h115"].flatMap { s in
        [ModelKind.logistic, .gompertz, .richards].map { SeriesModel(series: s, model: $0) }
    }
    static let growth = ["h113", "h103"].map { SeriesModel(series: $0, model: .gompertz) }

    /// `runaway_limits.csv`: case → quantity → value.
    static let references = SimpleCSV.table("scipy/runaway_limits.csv")

    static func data(_ series: String) throws -> CurveData {
        try fixtureSeries("scipy/runaway_limits_data.csv", series)
    }

    @Test("the tail's fit is scipy's, and the logistic and Gompertz curves come down to it as m grows",
          arguments: ["h385", "h115"])
    func tail(_ series: String) throws {
        let reference = try #require(Self.references[series])
        let tail = try Self.tailFit(series, try Self.data(series))
        for model in ["logistic", "gompertz"] {
            let near = try #require(reference["\(model)_held_rss_1e4"]), far = try #require(reference["\(model)_held_rss_1e8"])
            #expect(far <= near && relativeDifference(far, tail.residualSumOfSquares) < 1e-9, "\(model): \(near), \(far)")
        }
    }

    /// The tail's fit, checked against scipy's; the messages are checked against its own numbers (printed
    /// to ten digits for the larger ones, more than the two fits agree to).
    static func tailFit(_ series: String, _ data: CurveData) throws -> FitResult {
        let reference = try #require(Self.references[series])
        let tail = AdoptionFitter().fit(.exponential, to: data)
        let (rss, m, p) = (try #require(reference["tail_rss"]), try #require(reference["tail_m"]), try #require(reference["tail_p"]))
        #expect(tail.converged, "\(tail.status): \(tail.message)")
        #expect(relativeDifference(tail.residualSumOfSquares, rss) < 1e-9)
        #expect(relativeDifference(tail.estimates[0], m) < 1e-6 && relativeDifference(tail.estimates[1], p) < 1e-6)
        return tail
    }

    static func tailWords(_ tail: FitResult) -> String {
        "the decaying tail of a curve that peaked before the data, exponential saturation per period to the level "
            + "\(shortNumber(tail.estimates[0])) at the rate p = \(shortNumber(tail.estimates[1]))"
    }

    @Test("a runaway on a launch spike and its decay names the tail, with its estimates and RSS", arguments: spikes)
    func namesTail(_ c: SeriesModel) throws {
        let data = try Self.data(c.series)
        let fit = AdoptionFitter().fit(c.model, to: data)
        let tail = try Self.tailFit(c.series, data)
        #expect(fit.status == .notIdentified)
        #expect(fit.residualSumOfSquares >= tail.residualSumOfSquares * (1 - 1e-9))
        #expect(fit.message.contains("; as m grows the curve approaches " + Self.tailWords(tail) + ", which fits "), "\(fit.message)")
        #expect(fit.message.contains(" the point reported (RSS \(shortNumber(tail.residualSumOfSquares)) against "
                                     + "\(shortNumber(fit.residualSumOfSquares))"), "\(fit.message)")
    }

    @Test("a runaway Gompertz fit to exponential growth names the growth, with its rate and RSS", arguments: growth)
    func namesGrowth(_ c: SeriesModel) throws {
        let reference = try #require(Self.references[c.series])
        let data = try Self.data(c.series)
        let fit = AdoptionFitter().fit(c.model, to: data)
        let rss = try #require(reference["growth_rss"])
        let limit = try #require(CappedExponential.exponential(data))
        let rate = try #require(reference["growth_c"])
        #expect(relativeDifference(limit.residualSumOfSquares, rss) < 1e-9 && relativeDifference(limit.c, rate) < 1e-5)
        #expect(fit.status == .notIdentified)
        #expect(fit.residualSumOfSquares > rss)
        #expect(fit.message.contains("; as m grows the curve approaches exponential growth at the rate \(shortNumber(limit.c)) (a "
                                     + "constant as the rate tends to 0), which fits better than the point reported "
                                     + "(RSS \(shortNumber(limit.residualSumOfSquares)) against \(shortNumber(fit.residualSumOfSquares))"),
                "\(fit.message)")
    }

    /// d1: a decay with a late bump. From a start on the bump the logistic converges there (scipy's local
    /// minimum, R² 0.18), twice the tail's RSS: the least-squares m is not there but runs away to the tail.
    @Test("a logistic converged on a late bump above the tail is not identified, naming the tail")
    func claimAboveTail() throws {
        let reference = try #require(Self.references["d1"])
        let data = try Self.data("d1")
        let start = [15000.0, 1, 30]
        let local = AdoptionFitter().fit(LogisticModel(), data: data, starts: [start])
        let localRSS = try #require(reference["local_rss"])
        #expect(local.converged && relativeDifference(local.residualSumOfSquares, localRSS) < 1e-9,
                "\(local.status) \(local.residualSumOfSquares)")
        for (j, name) in ["m", "k", "t0"].enumerated() {
            let value = try #require(reference["local_\(name)"])
            #expect(relativeDifference(local.estimates[j], value) < 1e-6, "\(name)")
        }
        let fit = AdoptionFitter().fit(.logistic, to: data, starts: [start])
        let tail = try Self.tailFit("d1", data)
        #expect(fit.status == .notIdentified)
        #expect(fit.message == "not identified: market potential m runs away: " + Self.tailWords(tail) + ", which the curve approaches "
                + "as m grows, fits better than the curve found (RSS \(shortNumber(tail.residualSumOfSquares)) against "
                + "\(shortNumber(local.residualSumOfSquares)))", "\(fit.message)")
    }

    /// A limit's RSS against a fit's: where the two read alike to four digits, how much lower the limit's is,
    /// if it is lower beyond rounding (`AdoptionFitter.isLower`: 1e-10 of the fit's, or the floor).
    @Test("the RSS of a limit against a fit's says how much lower where the two read alike",
          arguments: [(4.961e8, 1.853e10, 0.0, "RSS 4.961e8 against 1.853e10"),
                      (1.404e10, 1.404e10 * (1 + 4.638e-7), 0.0, "RSS 1.404e10 against 1.404e10, lower by 4.638e-7 of it"),
                      (2.0, 2.0 * (1 + 5e-11), 0.0, "RSS 2 against 2"),
                      (2.0, 2.0 + 1e-6, 1e-3, "RSS 2 against 2"),
                      (3.0, 2.0, 0.0, "RSS 3 against 2")])
    func rssAgainst(_ limit: Double, _ fit: Double, _ floor: Double, _ expected: String) {
        #expect(AdoptionFitter.rssAgainst(limit, fit, floor: floor) == expected)
    }

    /// A point of a curve with the given status and residuals (their sum of squares its RSS).
    static func point(_ status: FitStatus, estimates: [Double], residuals: [Double], data: CurveData) -> FitResult {
        FitResult(parameterNames: estimates.indices.map { "b\($0)" }, estimates: estimates, residuals: residuals, observed: data.y,
                  status: status, message: status == .notIdentified ? "not identified: as found" : status.rawValue,
                  solverStop: .costTolerance, evaluations: 10, jacobianEvaluations: 10, conditionNumber: 1, startsTried: 1)
    }

    /// A launch spike and none after it: the best step (all adopters in the first period) fits exactly,
    /// below any tail. A tail of RSS 4 and a fit of RSS 9 (their residuals made up: the rules read RSS
    /// alone). The step is `againstStep`'s to name where it can (a fit converged or on a bound); one the
    /// evaluation limit stopped is flagged with the tail, which it is above.
    @Test("a fit above the tail and a lower step: the step's where converged, the tail's where the evaluation limit stopped it",
          arguments: [FitStatus.converged, .atBound, .evaluationLimit])
    func stepOrTail(_ status: FitStatus) throws {
        let data = CurveData(t: [1, 2, 3, 4, 5], y: [1000, 0, 0, 0, 0], form: .perPeriod)
        #expect(try #require(StepLimit.fit(data)).residualSumOfSquares == 0)
        let tail = Self.point(.converged, estimates: [1000, 3], residuals: [2, 0, 0, 0, 0], data: data)
        let fit = Self.point(status, estimates: [1, 2, 3], residuals: [3, 0, 0, 0, 0], data: data)
        let flagged = AdoptionFitter().againstMarketLimits(fit, data: data, nested: { _ in tail }, growth: { nil })
        if status == .evaluationLimit {
            #expect(flagged.status == .notIdentified)
            #expect(flagged.message == "not identified: market potential m runs away: the decaying tail of a curve that peaked before the "
                    + "data, exponential saturation per period to the level 1000 at the rate p = 3, which the curve approaches as m grows, "
                    + "fits better than the curve found (RSS 4 against 9)", "\(flagged.message)")
        } else {
            #expect(flagged.status == status && flagged.message == fit.message)
            #expect(AdoptionFitter().againstStep(flagged, data: data).status == .notIdentified)
        }
    }

    /// Exponential saturation on a bound (a level or rate of 0: the zero curve) is the S-curves' curve at
    /// m = 0, not one they approach as m grows: it is neither named nor held against a fit.
    @Test("a tail on its bound is no limit", arguments: [[0.0, 3], [1000, 0]])
    func tailOnBound(_ estimates: [Double]) {
        let data = CurveData(t: [1, 2, 3, 4, 5], y: [5, 4, 3, 2, 1], form: .perPeriod)
        let tail = Self.point(.atBound, estimates: estimates, residuals: [1, 0, 0, 0, 0], data: data)
        let fitter = AdoptionFitter()
        for status in [FitStatus.converged, .notIdentified] {
            let fit = Self.point(status, estimates: [1, 2, 3], residuals: [3, 0, 0, 0, 0], data: data)
            #expect(fitter.marketLimit(fit, data: data, nested: { _ in tail }, growth: { nil }) == nil)
            let checked = fitter.nameMarketLimit(fitter.againstMarketLimits(fit, data: data, nested: { _ in tail }, growth: { nil }),
                                                 data: data, nested: { _ in tail }, growth: { nil })
            #expect(checked.status == status && checked.message == fit.message, "\(checked.message)")
        }
        // The same tail off its bound is named.
        let named = Self.point(.converged, estimates: [1000, 3], residuals: [1, 0, 0, 0, 0], data: data)
        let fit = Self.point(.notIdentified, estimates: [1, 2, 3], residuals: [3, 0, 0, 0, 0], data: data)
        #expect(fitter.nameMarketLimit(fit, data: data, nested: { _ in named }, growth: { nil }).message
                == "not identified: as found; as m grows the curve approaches the decaying tail of a curve that peaked before the data, "
                    + "exponential saturation per period to the level 1000 at the rate p = 3, which fits better than the point reported "
                    + "(RSS 1 against 9)")
    }
}

