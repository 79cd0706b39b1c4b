import Foundation
import Testing
import TestSupport

/// `adopt fit --covariance`: the reports carry statsmodels' heteroskedasticity-consistent covariances
/// (Tests/Fixtures/scipy/robust_covariance.py), and everything drawn from the covariance follows it.
@Suite("--covariance hc0…hc3 in the reports")
struct RobustCovarianceCLITests {
    /// `robust_covariances.csv` for one fit and estimator: "row|column" → covariance.
    static func reference(series: String, model: String, estimator: String) throws -> [String: Double] {
        let csv = try SimpleCSV(url: Fixtures.url("scipy/robust_covariances.csv"))
        var out: [String: Double] = [:]
        for r in csv.records where r["series"] == series && r["model"] == model && r["estimator"] == estimator {
            out["\(r["row"]!)|\(r["column"]!)"] = Double(r["covariance"]!)!
        }
        return out
    }

    static let durables = ["room_air_conditioners", "color_tv", "clothes_dryers", "ultrasound", "mammography",
                           "foreign_language", "accelerated_program"]

    @Test("the JSON's covariances and standard errors are statsmodels' for each estimator",
          arguments: ["hc0", "hc1", "hc2", "hc3"])
    func json(estimator: String) throws {
        let run = try CovarianceTests.run(["fit", "--data", "Data/series/durables.csv", "--series", "series", "--model", "bass",
                                          "--covariance", estimator, "--format", "json"])
        let report = try ReportJSON.decode(run.stdoutData)
        #expect(report.covarianceEstimator == estimator)
        let names = ["m", "p", "q"]
        for name in Self.durables {
            let fit = try #require(report.fits.first { $0.series == name })
            let want = try Self.reference(series: name, model: "bass", estimator: estimator)
            let cov = try #require(fit.covariance)
            for a in 0..<3 {
                let se = try #require(want["\(names[a])|\(names[a])"]).squareRoot()
                #expect(abs(try #require(fit.parameters[a].stdError) - se) <= 1e-5 * se, "\(name) \(names[a])")
                for b in 0..<3 {
                    let expected = try #require(want["\(names[a])|\(names[b])"])
                    let scale = se * want["\(names[b])|\(names[b])"]!.squareRoot()
                    #expect(abs(try #require(cov[a][b]) - expected) <= 1e-5 * scale, "\(name) \(names[a])–\(names[b])")
                }
            }
        }
    }

    // The peak of a Bass curve, t* = ln(q/p)/(p + q) after launch, has the gradient
    // ∂t*/∂p = −1/(p(p+q)) − t*/(p+q), ∂t*/∂q = 1/(q(p+q)) − t*/(p+q): its delta-method error under HC3 from
    // statsmodels' covariance is what the JSON's milestone interval must carry.
    @Test("the milestones' intervals follow the HC3 covariance (the clothes dryers' peak)")
    func milestones() throws {
        let run = try CovarianceTests.run(["fit", "--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value",
                                          "--covariance", "hc3", "--format", "json"])
        let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
        let p = try #require(fit.parameters[1].estimate), q = try #require(fit.parameters[2].estimate)
        let peak = Foundation.log(q / p) / (p + q)
        let g = [-1 / (p * (p + q)) - peak / (p + q), 1 / (q * (p + q)) - peak / (p + q)]
        let c = try Self.reference(series: "clothes_dryers", model: "bass", estimator: "hc3")
        let (pp, pq, qq) = (try #require(c["p|p"]), try #require(c["p|q"]), try #require(c["q|q"]))
        let variance: Double = g[0] * g[0] * pp + 2 * g[0] * g[1] * pq + g[1] * g[1] * qq
        let interval = try #require(fit.milestones?.intervals?["peak"] ?? nil)
        #expect(abs(interval.stdError - variance.squareRoot()) <= 1e-5 * variance.squareRoot(),
                "\(interval.stdError) vs \(variance.squareRoot())")
        // The classical run's differs: the test tells the two apart.
        let classical = try #require(try ReportJSON.decode(CovarianceTests.run(["fit", "--data", "Data/series/clothes_dryers_1949_1961.csv",
                                                                                "--y", "value", "--format", "json"]).stdoutData).fits.first)
        let plain = try #require(classical.milestones?.intervals?["peak"] ?? nil)
        #expect(abs(plain.stdError - interval.stdError) > 1e-3 * interval.stdError)
    }

    @Test("the CSV's preamble names the estimator, and its standard errors are that estimator's; the default names none")
    func csv() throws {
        let text = try CovarianceTests.run(["fit", "--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value",
                                           "--covariance", "hc1", "--format", "csv"]).stdout
        #expect(text.hasPrefix("# adopt fit; confidence level 0.95; covariance hc1\n"))
        let want = try Self.reference(series: "clothes_dryers", model: "bass", estimator: "hc1")
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = rows[0].map(String.init)
        let (parameter, error) = (header.firstIndex(of: "parameter")!, header.firstIndex(of: "std_error")!)
        #expect(rows.count == 4)
        for row in rows.dropFirst() {
            let name = String(row[parameter]), se = want["\(name)|\(name)"]!.squareRoot()
            #expect(abs(Double(row[error])! - se) <= 1e-5 * se, "\(name)")
        }
        let plain = try CovarianceTests.run(["fit", "--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value", "--format", "csv"]).stdout
        #expect(plain.hasPrefix("# adopt fit; confidence level 0.95\n"))
        let json = try ReportJSON.decode(CovarianceTests.run(["fit", "--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value",
                                                              "--format", "json"]).stdoutData)
        #expect(json.covarianceEstimator == "classical")
    }

    @Test("the Markdown states the estimator and its weights")
    func markdown() throws {
        let md = try CovarianceTests.run(["fit", "--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value",
                                         "--covariance", "hc2"]).stdout
        #expect(md.contains("Standard errors are HC2, heteroskedasticity-consistent"))
        #expect(md.contains("with ωᵢ = eᵢ²/(1 − hᵢ) for residual eᵢ and leverage hᵢ"))
        let plain = try CovarianceTests.run(["fit", "--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value"]).stdout
        #expect(!plain.contains("heteroskedasticity-consistent"))
    }

    // y = a + b·g(x) with g = (|x − 5.5| + x − 5.5)/2, ½ at x = 6 and 0 before: the last observation alone fits b, and
    // its leverage is 1.
    @Test("an observation of leverage 1: no HC3 errors, and a note that names it; HC0 gives them")
    func fullLeverage() throws {
        try withTemporaryDirectory { dir in
            try "x,y\n1,1\n2,3\n3,2\n4,5\n5,4\n6,10\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
            let args = ["fit", "--data", "d.csv", "--x", "x", "--formula", "a + b*(abs(x-5.5)+x-5.5)/2", "--start", "a=1,b=1",
                        "--format", "json", "--covariance"]
            let hc3 = try runAdoptRaw(args + ["hc3"], in: dir)
            try #require(hc3.status == 0, "\(hc3.stderr)")
            let fit = try #require(try ReportJSON.decode(hc3.stdoutData).fits.first)
            #expect(fit.parameters.allSatisfy { $0.stdError == nil && $0.ciLow == nil })
            #expect(fit.notes.contains { $0.hasPrefix("no HC3 standard errors or intervals: the observation at 6 (line 7) has leverage 1") },
                    "\(fit.notes)")
            let hc0 = try #require(try ReportJSON.decode(runAdoptRaw(args + ["hc0"], in: dir).stdoutData).fits.first)
            // By hand: a = 3 with residuals −2, 0, −1, 2, 1, 0 and (JᵀJ)⁻¹ = [[1/5, −1/5], [−1/5, 6/5]]: var(a) = 10/25.
            #expect(abs(try #require(hc0.parameters[0].stdError) - 0.4.squareRoot()) < 1e-9)
        }
    }

    @Test("an unknown estimator is a usage error naming the choices")
    func unknown() throws {
        try withTemporaryDirectory { dir in
            let run = try runAdoptRaw(["fit", "--data", Fixtures.repositoryRoot.appendingPathComponent("Data/series/clothes_dryers_1949_1961.csv").path,
                                       "--y", "value", "--covariance", "hc4"], in: dir)
            #expect(run.status == 64 && run.stdout.isEmpty)
            #expect(run.stderr.contains("hc4") && run.stderr.contains("hc3"), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count <= 2, "\(run.stderr)")
        }
    }
}
