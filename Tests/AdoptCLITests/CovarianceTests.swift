import Foundation
import Testing
import TestSupport

@Suite("The estimates' covariance and correlations in the reports")
struct CovarianceTests {
    /// `reference_covariances.csv` for one fit: "row|column" → covariance.
    static func reference(series: String, model: String) throws -> [String: Double] {
        try covariances("scipy/reference_covariances.csv") { $0["series"] == series && $0["model"] == model }
    }

    /// A reference file's covariances (`row`, `column`, `covariance` columns) of the rows `selected` keeps:
    /// "row|column" → covariance.
    static func covariances(_ fixture: String, _ selected: ([String: String]) -> Bool) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for r in try SimpleCSV(url: Fixtures.url(fixture)).records where selected(r) {
            out["\(r["row"]!)|\(r["column"]!)"] = Double(r["covariance"]!)!
        }
        return out
    }

    static func run(_ args: [String]) throws -> AdoptRun {
        try withTemporaryDirectory { dir in
            let run = try runAdoptRaw(args.map { $0.hasPrefix("Data/") ? Fixtures.repositoryRoot.appendingPathComponent($0).path : $0 }, in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            return run
        }
    }

    // Reference: scipy's RSS/(n−k)·(JᵀJ)⁻¹ (Tests/Fixtures/scipy/reference_fits.py).
    @Test("the Markdown's correlations are scipy's to the three decimals printed")
    func correlations() throws {
        let cov = try Self.reference(series: "clothes_dryers", model: "bass")
        func r(_ a: String, _ b: String) -> Double { cov["\(a)|\(b)"]! / (cov["\(a)|\(a)"]! * cov["\(b)|\(b)"]!).squareRoot() }
        let expected = "Correlations of the estimates: " + [("m", "p"), ("m", "q"), ("p", "q")].map { a, b in
            "\(a)–\(b) " + String(format: "%.3f", r(a, b))
        }.joined(separator: ", ") + "."
        let md = try Self.run(["fit", "--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value"]).stdout
        #expect(md.contains(expected), "expected \(expected)")
    }

    @Test("a parameter held on its bound has null covariances; the others' are given")
    func heldOnBound() throws {
        // The Dutch car stock's Bass fit ends with q on its bound 0 (the exponential saturation).
        let run = try Self.run(["fit", "--data", "Data/series/netherlands_car_stock_1965_1989.csv", "--y", "value",
                                "--cumulative", "--model", "bass", "--format", "json"])
        let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
        #expect(fit.status == "at_bound")
        let cov = try #require(fit.covariance)
        #expect(cov[2].allSatisfy { $0 == nil } && cov.allSatisfy { $0[2] == nil })
        for a in 0..<2 { for b in 0..<2 { #expect(cov[a][b] != nil) } }
        #expect(try #require(cov[0][0]).squareRoot() == fit.parameters[0].stdError)
    }
}
