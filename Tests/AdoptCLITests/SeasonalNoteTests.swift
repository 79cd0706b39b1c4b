import Foundation
import Testing
import TestSupport

@Suite("The note on residuals that repeat with the seasons")
struct SeasonalNoteTests {
    // Reference: Tests/Fixtures/scipy/seasonal_residuals.py (scipy least_squares fits at tolerances 1e-15,
    // the residuals' autocorrelations by statsmodels' acf).
    static let reference: SimpleCSV? = try? SimpleCSV(url: Fixtures.url("scipy/seasonal_residuals.csv"))

    @Test("the iPhone's quarters: the correlations are statsmodels', and the note is where its rule holds",
          arguments: ["apple_iphone_quarterly_sales", "apple_iphone_quarterly_sales_rossi"])
    func iPhoneQuarters(series: String) throws {
        let reference = try #require(Self.reference)
        let rows = reference.rows.indices.filter { reference.column("series")[$0] == series }
        #expect(rows.count == 3)
        for row in rows {
            let model = reference.column("model")[row]
            let run = try CovarianceTests.run(["fit", "--data", "Data/series/\(series).csv", "--y", "value", "--model", model,
                                               "--format", "json"])
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            // Gompertz on the 23 quarters runs m away (not identified): a fit that did not converge gets no note.
            #expect(fit.status == (series.hasSuffix("rossi") && model == "gompertz" ? "not_identified" : "converged"), "\(model)")
            let note = fit.notes.first { $0.hasPrefix("the residuals repeat with the seasons") }
            #expect((note != nil) == (reference.column("note")[row] == "true"), "\(series) \(model): \(fit.notes)")
            guard let note else { continue }
            func r(_ key: String) -> String {
                let v = (reference.doubles(key)[row] * 100).rounded() / 100
                return v == v.rounded() ? String(Int(v)) : "\(v)"
            }
            #expect(note == "the residuals repeat with the seasons: those 4 quarters apart are correlated (r = \(r("acf4"))), more "
                        + "than neighbours (r = \(r("acf1"))); the curve has no seasons: its prediction intervals miss in some "
                        + "quarters and are loose in others, and the standard errors, which take the errors to be independent and of "
                        + "one size, may be off")
        }
    }

    @Test("years and a formula get no such note, whatever their residuals")
    func notSeasonalData() throws {
        // A formula's x need be no time: its residuals are not read for seasons. (The straight line's residuals
        // would meet the rule: numpy gives 0.72 four quarters apart against 0.21 one apart.)
        let formula = try CovarianceTests.run(["fit", "--data", "Data/series/apple_iphone_quarterly_sales.csv", "--y", "value",
                                               "--formula", "b1 + b2*x", "--start", "b1=1,b2=1", "--format", "json"])
        let line = try #require(try ReportJSON.decode(formula.stdoutData).fits.first)
        #expect(line.converged && !line.notes.contains { $0.hasPrefix("the residuals repeat with the seasons") }, "\(line.notes)")
        let years = try ReportJSON.decode(try FixedParameterTests.dryers(["--format", "json"]).stdoutData)
        #expect(years.fits.first?.notes.contains { $0.hasPrefix("the residuals repeat with the seasons") } == false)
    }

    @Test("months: four years of sales with a December peak each year get the note, twelve months apart")
    func months() throws {
        try withTemporaryDirectory { dir in
            // A logistic's monthly sales, 30 % above it each December and 10 % below each other month's mean.
            let rows = (0..<48).map { i -> String in
                let t = Double(i + 1), k = 0.15, t0 = 24.0, m = 10_000.0
                let sales = m / (1 + Foundation.exp(-k * (t - t0))) - m / (1 + Foundation.exp(-k * (t - 1 - t0)))
                let season = i % 12 == 11 ? 1.3 : 0.97
                return String(format: "%d-%02d,%.1f", 2020 + i / 12, i % 12 + 1, sales * season)
            }
            try write("month,units\n" + rows.joined(separator: "\n") + "\n", to: "m.csv", in: dir)
            let fit = try #require(try fitJSON(["--data", "m.csv", "--x", "month", "--model", "logistic"], in: dir).first)
            #expect(fit.converged)
            #expect(fit.notes.contains { $0.hasPrefix("the residuals repeat with the seasons: those 12 months apart are correlated (r = ")
                && $0.contains("miss in some months") }, "\(fit.notes)")
        }
    }
}
