import Foundation
import Testing
import TestSupport

/// `adopt fit --covariance`: the reports carry statsmodels' heteroskedasticity-consistent covariances
/// (Tests/Fixtures/scipy/robust_covariance.py), and everything drawn from the covariance follows it.
@Suite("--covariance hc0…hc3 in the reports")
struct RobustCovarianceCLITests {
    /// `robust_covariances.csv` for one fit and estimator: "row|column" → covariance.
    static func reference(series: String, model: String, estimator: String) throws -> [String: Double] {
        try CovarianceTests.covariances("scipy/robust_covariances.csv") {
            $0["series"] == series && $0["model"] == model && $0["estimator"] == estimator
        }
    }

    static let durables = MilestoneIntervalTests.durables

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

    // Reference: statsmodels' OLS(y, [1, Y, Y²]).fit(cov_type=…) of each durable (robust_bass_ols.csv), the implied m,
    // p and q's errors by the delta method with sympy's gradients.
    @Test("the Bass (1969) OLS's standard errors, and its m, p and q's, are statsmodels' sandwich ones",
          arguments: ["hc0", "hc1", "hc2", "hc3"])
    func bassOLS(estimator: String) throws {
        let reference = try SimpleCSV(url: Fixtures.url("scipy/robust_bass_ols.csv")).records.filter { $0["estimator"] == estimator }
        try #require(reference.count == Self.durables.count)
        let run = try CovarianceTests.run(["fit", "--data", "Data/series/durables.csv", "--series", "series", "--model", "bass",
                                          "--covariance", estimator, "--format", "json"])
        let fits = try ReportJSON.decode(run.stdoutData).fits
        var compared = 0
        for row in reference {
            let ols = try #require(fits.first { $0.series == row["series"] }?.bassOls, "\(row["series"]!)")
            for key in ["a_std_error", "b_std_error", "c_std_error", "m_std_error", "p_std_error", "q_std_error"] {
                guard let want = Double(row[key]!) else { continue }
                let got = try #require(ols[key] ?? nil, "\(row["series"]!) \(key)")
                #expect(abs(got - want) <= 1e-6 * want, "\(row["series"]!) \(key): \(got) vs \(want)")
                compared += 1
            }
        }
        #expect(compared >= 36)
    }

    // Running totals before each year of 0, 0, 0, 5 and 15: the regression's columns Y and Y² are fitted by the last two
    // rows alone, each of leverage 1.
    @Test("a row of leverage 1 in the Bass (1969) OLS: no HC3 errors there, and a note that names its line")
    func olsFullLeverage() throws {
        try withTemporaryDirectory { dir in
            try write("year,adopters\n2000,0\n2001,0\n2002,5\n2003,10\n2004,20\n", to: "d.csv", in: dir)
            let hc3 = try #require(try ReportJSON.decode(runAdoptRaw(["fit", "--data", "d.csv", "--covariance", "hc3", "--format", "json"],
                                                                     in: dir).stdoutData).fits.first)
            let ols = try #require(hc3.bassOls)
            #expect(["a_std_error", "b_std_error", "c_std_error"].allSatisfy { ols[$0] ?? nil == nil })
            #expect(hc3.notes.contains { $0.hasPrefix("no HC3 standard errors for the Bass (1969) OLS: its row for 2003 (line 5) has leverage 1") },
                    "\(hc3.notes)")
            let hc0 = try #require(try ReportJSON.decode(runAdoptRaw(["fit", "--data", "d.csv", "--covariance", "hc0", "--format", "json"],
                                                                     in: dir).stdoutData).fits.first)
            #expect(hc0.bassOls?["a_std_error"] ?? nil != nil && !hc0.notes.contains { $0.contains("Bass (1969) OLS") })
        }
    }

    /// `robust_covariances_edges.csv` for one case and estimator: "row|column" → covariance, and the estimates.
    static func edge(_ name: String, estimator: String) throws -> (covariance: [String: Double], m: Double, p: Double) {
        let fixture = "scipy/robust_covariances_edges.csv"
        func selected(_ r: [String: String]) -> Bool { r["case"] == name && r["estimator"] == estimator }
        let rows = try SimpleCSV(url: Fixtures.url(fixture)).records.filter(selected)
        try #require(rows.count == 4)
        return (try CovarianceTests.covariances(fixture, selected), Double(rows[0]["m"]!)!, Double(rows[0]["p"]!)!)
    }

    // A fixed q (`fitFixed`) and a q held on its bound (the Dutch car stock's Bass fit on q = 0, whose HC1 counts the held
    // q as σ² does): m's and p's covariances are statsmodels' on their two columns; q has none.
    @Test("with q fixed, or held on its bound, m's and p's covariances are statsmodels' on their columns",
          arguments: ["hc0", "hc1", "hc2", "hc3"])
    func fixedAndHeld(estimator: String) throws {
        for (name, args) in [("clothes_dryers_fixed_q", ["--data", "Data/series/clothes_dryers_1949_1961.csv", "--fix", "q=0.4"]),
                             ("netherlands_bass_on_bound", ["--data", "Data/series/netherlands_car_stock_1965_1989.csv", "--cumulative"])] {
            let run = try CovarianceTests.run(["fit", "--y", "value", "--model", "bass", "--covariance", estimator, "--format", "json"] + args)
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            let want = try Self.edge(name, estimator: estimator)
            #expect(abs(try #require(fit.parameters[0].estimate) - want.m) <= 1e-6 * want.m, "\(name) m")
            #expect(abs(try #require(fit.parameters[1].estimate) - want.p) <= 1e-6 * want.p, "\(name) p")
            let cov = try #require(fit.covariance)
            let names = ["m", "p"]
            for a in 0..<2 {
                for b in 0..<2 {
                    let expected = try #require(want.covariance["\(names[a])|\(names[b])"])
                    let scale = (want.covariance["\(names[a])|\(names[a])"]! * want.covariance["\(names[b])|\(names[b])"]!).squareRoot()
                    #expect(abs(try #require(cov[a][b]) - expected) <= 1e-5 * scale, "\(name) \(names[a])–\(names[b])")
                }
            }
            #expect(cov[2].allSatisfy { $0 == nil } && fit.parameters[2].stdError == nil, "\(name): q has no error")
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

    @Test("the CSV's preamble names the estimator, and its standard errors are that estimator's; the default is classical")
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
        #expect(plain.hasPrefix("# adopt fit; confidence level 0.95; covariance classical\n"))
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
        // Running totals: the paragraph says what no estimator here does.
        let totals = try CovarianceTests.run(["fit", "--data", "Data/series/netherlands_car_stock_1965_1989.csv", "--y", "value",
                                             "--cumulative", "--covariance", "hc3"]).stdout
        #expect(totals.contains("Running totals carry each period's error into every later one, which no estimator here allows for"))
        #expect(!md.contains("Running totals carry"))
    }

    // y = a + b·g(x) with g = (|x − 5.5| + x − 5.5)/2, ½ at x = 6 and 0 before: the last observation alone fits b, and
    // its leverage is 1.
    @Test("an observation of leverage 1: no HC3 errors, a note that names it, the profiles kept; HC0 gives errors")
    func fullLeverage() throws {
        try withTemporaryDirectory { dir in
            try write("x,y\n1,1\n2,3\n3,2\n4,5\n5,4\n6,10\n", to: "d.csv", in: dir)
            let args = ["fit", "--data", "d.csv", "--x", "x", "--formula", "a + b*(abs(x-5.5)+x-5.5)/2", "--start", "a=1,b=1",
                        "--format", "json", "--profile", "--covariance"]
            let hc3 = try runAdoptRaw(args + ["hc3"], in: dir)
            try #require(hc3.status == 0, "\(hc3.stderr)")
            let fit = try #require(try ReportJSON.decode(hc3.stdoutData).fits.first)
            #expect(fit.parameters.allSatisfy { $0.stdError == nil && $0.ciLow == nil })
            let lead = "no HC3 standard errors or intervals, for the parameters, the milestones or the curve: the observation at 6 (line 7) has leverage 1"
            #expect(fit.notes.contains { $0.hasPrefix(lead) && $0.contains("--covariance classical") }, "\(fit.notes)")
            // The profiles are the likelihood's: the same as the classical run's.
            let classical = try #require(try ReportJSON.decode(runAdoptRaw(args + ["classical"], in: dir).stdoutData).fits.first)
            for (robust, plain) in zip(fit.parameters, classical.parameters) {
                let profile = try #require(robust.profile, "\(robust.name) has no profile")
                #expect(profile.low == plain.profile?.low && profile.high == plain.profile?.high && profile.low != nil)
            }
            let hc0 = try #require(try ReportJSON.decode(runAdoptRaw(args + ["hc0"], in: dir).stdoutData).fits.first)
            // By hand: a = 3 with residuals −2, 0, −1, 2, 1, 0; b's column is ½ at x = 6, so JᵀJ = [[6, ½], [½, ¼]] and
            // (JᵀJ)⁻¹ = [[0.2, −0.4], [−0.4, 4.8]]; JᵀΩJ = [[10, 0], [0, 0]], so var(a) = 10·0.2² = 0.4, var(b) = 10·0.4² = 1.6.
            #expect(abs(try #require(hc0.parameters[0].stdError) - 0.4.squareRoot()) < 1e-9)
            #expect(abs(try #require(hc0.parameters[1].stdError) - 1.6.squareRoot()) < 1e-9)
            // Held out, a seventh observation leaves the note on the sixth, by its line.
            try write("x,y\n1,1\n2,3\n3,2\n4,5\n5,4\n6,10\n7,12\n", to: "d.csv", in: dir)
            let held = try #require(try ReportJSON.decode(runAdoptRaw(args + ["hc3", "--holdout", "1"], in: dir).stdoutData).fits.first)
            #expect(held.notes.contains { $0.hasPrefix(lead) }, "\(held.notes)")
        }
    }

    // Without their last three years, the foreign-language and accelerated-program series leave m an HC3 error
    // above m itself, where the classical error is a third of it: the status stays, and a note says why.
    @Test("a market potential whose sandwich error is at least m gets a note; the status rests on the classical errors")
    func marketNote() throws {
        let run = try CovarianceTests.run(["fit", "--data", "Data/series/durables.csv", "--y", "adopters", "--series", "series",
                                          "--holdout", "3", "--covariance", "hc3", "--format", "json"])
        let fits = try ReportJSON.decode(run.stdoutData).fits
        // A fit that is not identified says so in its status already.
        for fit in fits where fit.converged {
            let m = try #require(fit.parameters[0].estimate), se = try #require(fit.parameters[0].stdError)
            let noted = fit.notes.contains { $0.hasPrefix("m's HC3 standard error, ") && $0.contains("the status rests on the classical errors") }
            #expect(noted == (se >= m), "\(fit.series ?? "") m \(m) ± \(se): \(fit.notes)")
        }
        #expect(fits.filter { $0.notes.contains { $0.hasPrefix("m's HC3 standard error, ") } }.compactMap(\.series)
                == ["foreign_language", "accelerated_program"])
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
