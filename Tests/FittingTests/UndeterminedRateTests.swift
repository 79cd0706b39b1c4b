import Foundation
import Testing
import AdoptionModels
@testable import Fitting
import TestSupport

/// S-curve fits whose rate the data do not determine: a standard error at least the rate itself.
@Suite("Statuses: a rate not determined")
struct UndeterminedRateTests {
    // Reference: Tests/Fixtures/scipy/undetermined_rate.py (scipy least_squares at tolerances 1e-15).
    static let reference: SimpleCSV? = try? SimpleCSV(url: Fixtures.url("scipy/undetermined_rate.csv"))
    static let series: [String: [Double]] = [
        "spike": [0, 1, 2, 2, 1, 2, 0, 102, 1, 1, 1, 2, 2],
        "spike_long": [1, 2, 0, 101, 1, 2, 1, 2, 1, 1, 2, 2, 1, 2, 2, 2, 2, 1, 1, 0, 1, 1, 2, 1, 2, 1, 1, 2, 0, 0, 1, 1, 2],
    ]

    static func data(_ name: String) -> CurveData {
        let y = series[name]!
        return CurveData(t: (1...y.count).map(Double.init), y: y, form: .perPeriod)
    }

    @Test("counts of 0 to 2 with one spike: the logistic's and Gompertz's minima are scipy's, and not identified, the rate k named",
          arguments: ["spike", "spike_long"], ["logistic", "gompertz"])
    func spikes(series: String, model: String) throws {
        let reference = try #require(Self.reference)
        let row = try #require(reference.rows.indices.first { reference.column("series")[$0] == series && reference.column("model")[$0] == model })
        func value(_ key: String) -> Double { reference.doubles(key)[row] }
        // scipy: a minimum (k held a fourth above or below it, the RSS rises) whose k has a standard error at least itself.
        #expect(value("rss_k08") > value("rss") && value("rss_k125") > value("rss") && value("rss_k4") > value("rss"))
        #expect(reference.column("undetermined")[row] == "true")
        let fit = AdoptionFitter().fit(try #require(ModelKind(rawValue: model)), to: Self.data(series))
        #expect(fit.status == .notIdentified, "\(fit.status): \(fit.message)")
        #expect(relativeDifference(fit.residualSumOfSquares, value("rss")) < 1e-9, "RSS \(fit.residualSumOfSquares)")
        for (j, key) in ["m", "k", "t0"].enumerated() {
            #expect(relativeDifference(fit.estimates[j], value(key)) < 1e-4, "\(key) \(fit.estimates[j])")
        }
        let se = fit.standardError(1)
        #expect(relativeDifference(se, value("se_k")) < 1e-3, "se(k) \(se)")
        #expect(fit.message == "not identified: the curve's rate k is not determined (\(shortNumber(fit.estimates[1])), standard error "
                    + "\(shortNumber(se)), at least the rate itself): the data do not say how fast adoption goes")
    }

    @Test("Bass, the logistic's twin on per-period data, gets its verdict: p + q is the logistic's k, with its standard error")
    func bassTwin() throws {
        let data = Self.data("spike_long")
        let bass = AdoptionFitter().fit(.bass, to: data), logistic = AdoptionFitter().fit(.logistic, to: data)
        #expect(bass.status == .notIdentified && logistic.status == .notIdentified, "\(bass.message)")
        #expect(relativeDifference(bass.residualSumOfSquares, logistic.residualSumOfSquares) < 1e-9)
        let rate = bass.estimates[1] + bass.estimates[2], se = bass.standardError(ofGradient: [0, 1, 1])
        // The minimum is flat to 1e-9 of the RSS along k: the two solvers stop 2e-3 apart on it, and their
        // standard errors 3 % apart, both tens of thousands of per cent of the rate.
        #expect(relativeDifference(rate, logistic.estimates[1]) < 1e-2 && relativeDifference(se, logistic.standardError(1)) < 5e-2,
                "p + q = \(rate) ± \(se), k = \(logistic.estimates[1]) ± \(logistic.standardError(1))")
        #expect(bass.message.hasPrefix("not identified: the curve's rate p + q is not determined ("), "\(bass.message)")
    }

    @Test("Richards on ν = 0 is the Gompertz curve, and gets the Gompertz fit's verdict on k")
    func richardsOnBound() throws {
        let data = Self.data("spike_long")
        let richards = AdoptionFitter().fit(.richards, to: data), gompertz = AdoptionFitter().fit(.gompertz, to: data)
        #expect(richards.heldAtBound == [3] && richards.status == .notIdentified, "\(richards.status): \(richards.message)")
        #expect(gompertz.status == .notIdentified)
        #expect(relativeDifference(AdoptionFitter.standardErrorOnBound(richards, 1), gompertz.standardError(1)) < 1e-4)
        #expect(richards.message.hasSuffix("; estimate on a bound: 'nu' (ν = 0 is the Gompertz curve)"), "\(richards.message)")
    }

    @Test("the durables' fits with a determined rate keep their statuses", arguments: ["logistic", "gompertz", "bass"])
    func determined(model: String) throws {
        // Room air conditioners: every model converged, k or p + q known to a few per cent.
        let y: [Double] = [96, 195, 238, 380, 1045, 1230, 1267, 1828, 1586, 1673, 1800, 1580, 1500]
        let fit = AdoptionFitter().fit(try #require(ModelKind(rawValue: model)), to: CurveData(t: (1...13).map(Double.init), y: y, form: .perPeriod))
        #expect(fit.status == .converged, "\(fit.message)")
    }
}
