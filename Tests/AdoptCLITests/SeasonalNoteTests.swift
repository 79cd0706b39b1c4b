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
                        + "quarters and are loose in others, and the standard errors, which take the errors to be independent, are "
                        + "likely too small")
        }
    }

    @Test("years and a formula get no such note, whatever their residuals")
    func notSeasonalData() throws {
        // A formula's x need be no time: its residuals are not read for seasons.
        let formula = try CovarianceTests.run(["fit", "--data", "Data/series/apple_iphone_quarterly_sales.csv", "--y", "value",
                                               "--formula", "b1 + b2*x", "--start", "b1=1,b2=1", "--format", "json"])
        let line = try #require(try ReportJSON.decode(formula.stdoutData).fits.first)
        #expect(line.converged && !line.notes.contains { $0.hasPrefix("the residuals repeat with the seasons") }, "\(line.notes)")
        let years = try ReportJSON.decode(try FixedParameterTests.dryers(["--format", "json"]).stdoutData)
        #expect(years.fits.first?.notes.contains { $0.hasPrefix("the residuals repeat with the seasons") } == false)
    }
}
