import Foundation
import Testing
import TestSupport

/// Fits whose minimum a solver is easily led away from, against scipy's
/// (`Tests/Fixtures/scipy/slow_and_valley.py`, `slow_and_valley.csv`).
@Suite("Minima a solver is easily led away from")
struct HardMinimumTests {
    static func reference(_ case: String) throws -> [String: Double] {
        try #require(SimpleCSV.table("scipy/slow_and_valley.csv", by: "case", "parameter")[`case`])
    }

    /// The first fit of `adopt args… --format json`, run in a temporary directory holding `files`
    /// (name → text).
    static func fit(_ args: [String], files: [String: String] = [:]) throws -> ReportJSON.Fit {
        try withTemporaryDirectory { dir in
            for (name, text) in files { try write(text, to: name, in: dir) }
            let run = try runAdoptRaw(args + ["--format", "json"], in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            return try #require(try ReportJSON.decode(run.stdoutData).fits.first)
        }
    }

    /// y = a·e^{bx} with x the calendar year: a is about 1e-72 and moves by a factor 1e8 as b moves by
    /// 0.01, so the minimum lies along a narrow valley that no parameter follows alone. From
    /// a = b = 0.1 the solver's trust region shrank to nothing at b = 0.1 (RSS 1,005,818) and it
    /// stopped by its cost tolerance; the axis probe saw no lower point, and the fit read converged.
    /// The Gauss–Newton step from there lowers the RSS, and the refit from it finds scipy's minimum.
    /// In this parameterization b·x ≈ 172 is rounded to about 4e-14, so the RSS is flat to
    /// rounding over about 1e-6 of b, and a = e^{c − bx} follows b 1955-fold: 1e-6 for b and the RSS
    /// to 1e-12, 1e-4 for a.
    @Test("a·e^{bx} over calendar years: the minimum along its valley, not where the solver stalled",
          arguments: ["a=0.1,b=0.1", "a=1,b=1", "a=0.5,b=0.1"])
    func exponentialGrowthValley(start: String) throws {
        let reference = try Self.reference("exp_growth_clothes_dryers")
        let fit = try Self.fit(["fit", "--data", Fixtures.repositoryRoot.appendingPathComponent("Data/series/clothes_dryers_1949_1961.csv").path,
                                "--y", "value", "--formula", "a*exp(b*x)", "--start", start])
        #expect(fit.status == "converged", "\(fit.status): \(fit.message)")
        let a = try #require(fit.parameters[0].estimate), b = try #require(fit.parameters[1].estimate)
        let rss = try #require(fit.rss)
        #expect(relativeDifference(b, reference["b"]!) <= 1e-6, "b \(b) against \(reference["b"]!)")
        #expect(relativeDifference(a, reference["a"]!) <= 1e-4, "a \(a) against \(reference["a"]!)")
        #expect(relativeDifference(rss, reference["rss"]!) <= 1e-12, "RSS \(rss) against \(reference["rss"]!)")
    }

    /// y = −a² on positive data: the least-squares minimum is a = 0, where the only Jacobian column
    /// −2a vanishes; its standard error σ/‖Jₐ‖ is rounding's (7e17), and one standard error away the
    /// RSS rises by (7e17)⁴·n, not σ². Not identified, not converged with that error. The same formula
    /// on data it fits (y = −a²·x², a near 1) keeps its standard error and converges.
    @Test("a parameter whose column vanishes at the minimum is not identified")
    func vanishingColumn() throws {
        let dryers = Fixtures.repositoryRoot.appendingPathComponent("Data/series/clothes_dryers_1949_1961.csv").path
        let flat = try Self.fit(["fit", "--data", dryers, "--y", "value", "--formula", "-a^2", "--start", "a=1"])
        #expect(flat.status == "not_identified", "\(flat.status): \(flat.message)")
        #expect(flat.message.contains("'a' only to second order"), "\(flat.message)")
        #expect(abs(try #require(flat.parameters[0].estimate)) < 1e-10)
        let curved = try Self.fit(["fit", "--data", "d.csv", "--x", "x", "--y", "y", "--formula", "-a^2*x^2", "--start", "a=1"],
                                  files: ["d.csv": "x,y\n1,-1.1\n2,-3.9\n3,-9.2\n4,-15.8\n5,-25.1\n"])
        #expect(curved.status == "converged", "\(curved.status): \(curved.message)")
        // Least squares in u = a²: u = −Σ y·x² / Σ x⁴.
        let xs: [Double] = [1, 2, 3, 4, 5], ys: [Double] = [-1.1, -3.9, -9.2, -15.8, -25.1]
        let u = -zip(xs, ys).reduce(0) { $0 + $1.1 * $1.0 * $1.0 } / xs.reduce(0) { $0 + $1 * $1 * $1 * $1 }
        #expect(relativeDifference(abs(try #require(curved.parameters[0].estimate)), u.squareRoot()) < 1e-9)
    }

    /// Exact data of a quadratic at x near 3e5, whose terms are near 1e9 for a y below 1,000: the
    /// residuals are rounding of the terms, and the Gauss–Newton step's share of them is no lower
    /// point to chase (with a floor from y alone it sent the fit on three times, and on data of the
    /// same kind reported not_a_minimum at this minimum).
    @Test("exact data whose formula's terms cancel: converged from the first start")
    func cancellingTerms() throws {
        let (a, b, c) = (-910020448.3959515, 6091.462614476499, -0.010193703497268164)
        var text = "x,y\n"
        for i in 0..<45 {
            let x = 298713.739671274 + 7 * Double(i)
            text += "\(x),\(a + b * x + c * x * x)\n"
        }
        let fit = try Self.fit(["fit", "--data", "quadratic.csv", "--x", "x", "--y", "y", "--formula", "a+b*x+c*x**2",
                                "--start", "a=-912054491.3566284,b=6093.703618106729,c=-0.010245440884183962"],
                               files: ["quadratic.csv": text])
        #expect(fit.status == "converged", "\(fit.status): \(fit.message)")
        #expect(fit.startsTried == 1)
        #expect(relativeDifference(try #require(fit.parameters[2].estimate), c) <= 1e-8)
    }

    /// Eight years of daily adoptions (yearly p = 0.01, q = 0.4): the curve peaks some 1,800 periods
    /// after launch, where the starts of yearly rates peak within 10. From those the fit took 17
    /// starts and about 57,000 evaluations (3 to 5 seconds for one series); the grid slowed down to
    /// the data's peak converges from its first start.
    @Test("a daily Bass series: scipy's fit, from the first start")
    func slowDailySeries() throws {
        let reference = try Self.reference("slow_bass_daily")
        let fit = try Self.fit(["fit", "--data", Fixtures.url("scipy/slow_bass_daily.csv").path, "--x", "day"])
        #expect(fit.status == "converged", "\(fit.status): \(fit.message)")
        for (j, name) in ["m", "p", "q"].enumerated() {
            let estimate = try #require(fit.parameters[j].estimate)
            #expect(relativeDifference(estimate, reference[name]!) <= 1e-6, "\(name) \(estimate) against \(reference[name]!)")
        }
        #expect(relativeDifference(try #require(fit.rss), reference["rss"]!) <= 1e-10)
        #expect(try #require(fit.startsTried) <= 2, "starts tried")
        #expect(try #require(fit.evaluations) <= 200, "evaluations")
    }
}
