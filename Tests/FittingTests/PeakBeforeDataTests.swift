import Foundation
import Testing
import AdoptionModels
@testable import Fitting
import TestSupport

/// Logistic and Gompertz fits whose minimum peaks before the data: two series of two decaying waves
/// over 400 periods (`Benchmarks/gen_hard_series.py`'s h114 and h344; h344's Gompertz curve peaks at
/// the fourth period). From the data-driven starts and the peak starts the market potential ran away
/// (RSS 0.3–1.4 % above the minimum's, m past 10⁴ times the observed total), and the fits were reported
/// not identified; the starts from a grid of k and t₀ (`StartingValues.projectedStarts`) reach scipy's
/// minimum (`Tests/Fixtures/scipy/peak_before_data.py`).
@Suite("S-curves peaking before the data")
struct PeakBeforeDataTests {
    /// h344's logistic fit converged before these starts too (they are not tried for it): kept as a check.
    static let cases = [SeriesModel(series: "h114", model: .logistic), SeriesModel(series: "h114", model: .gompertz),
                        SeriesModel(series: "h344", model: .gompertz), SeriesModel(series: "h344", model: .logistic)]

    static func data(_ series: String) throws -> CurveData {
        try fixtureSeries("scipy/peak_before_data_data.csv", series)
    }

    /// `peak_before_data.csv`: quantity → value for one series and model.
    static func reference(_ c: SeriesModel) throws -> [String: Double] {
        let csv = try SimpleCSV(url: Fixtures.url("scipy/peak_before_data.csv"))
        return try #require(csv.groups(by: ["case", "model"]).first { $0.key == [c.series, c.model.rawValue] })
            .records.reduce(into: [:]) { $0[$1["quantity"]!] = Double($1["value"]!)! }
    }

    @Test("the fit reaches scipy's minimum, converged, below the runaway's RSS", arguments: cases)
    func minimum(_ c: SeriesModel) throws {
        let data = try Self.data(c.series)
        let reference = try Self.reference(c)
        let fit = AdoptionFitter().fit(c.model, to: data)
        #expect(fit.status == .converged, "\(fit.status): \(fit.message)")
        #expect(relativeDifference(fit.residualSumOfSquares, try #require(reference["rss"])) < 1e-9, "RSS \(fit.residualSumOfSquares)")
        for (j, name) in ["m", "k"].enumerated() {
            #expect(relativeDifference(fit.estimates[j], try #require(reference[name])) < 1e-5, "\(name) \(fit.estimates[j])")
        }
        #expect(abs(fit.estimates[2] - (try #require(reference["t0"]))) < 1e-4, "t0 \(fit.estimates[2])")
        // The curve peaks before the data (Gompertz h344 just inside them), m a few times the total at most.
        #expect(fit.estimates[0] < 2 * data.observedTotal)
        #expect(fit.residualSumOfSquares < (try #require(reference["runaway_rss"])))
    }

    @Test("from one of the grid's three best points the fit converges to the minimum", arguments: cases)
    func gridStarts(_ c: SeriesModel) throws {
        let data = try Self.data(c.series)
        let rss = try #require(try Self.reference(c)["rss"])
        let limit = 20 * data.observedTotal
        // Each start fitted alone, without the grid's own fallback (`projects` is off for given starts).
        func fits<C: AdoptionCurve>(_ curve: C) -> [FitResult] {
            let starts = StartingValues.projectedStarts(CurveFitProblem(curve: curve, data: data), data: data, below: limit)
            #expect(starts.count == 3 && starts.allSatisfy { $0[0] > 0 && $0[0] < limit })
            return starts.map { AdoptionFitter().fit(curve, data: data, starts: [$0]) }
        }
        let found = c.model == .logistic ? fits(LogisticModel()) : fits(GompertzModel())
        #expect(found.contains { $0.status == .converged && relativeDifference($0.residualSumOfSquares, rss) < 1e-9 },
                "\(found.map { "\($0.status) \($0.residualSumOfSquares)" })")
    }

    /// The grid is the fitter's own last resort, as the peak starts are: starts a caller gives are fitted
    /// as given, and the data-driven starts given so run away on h114 as they did before the grid.
    @Test("starts a caller gives are not followed by the grid's")
    func callersStartsAlone() throws {
        let data = try Self.data("h114")
        let given = AdoptionFitter().fit(.logistic, to: data, starts: StartingValues.starts(for: .logistic, data: data))
        #expect(given.status == .notIdentified, "\(given.status): \(given.message)")
        #expect(AdoptionFitter().fit(.logistic, to: data).status == .converged)
    }
}
