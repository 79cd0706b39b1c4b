import Foundation
import Testing
import TestSupport

/// A Bass fit's report gives the Bass (1969) OLS regression beside it, where the series is per period
/// from its launch with no period missing: against statsmodels' OLS (Tests/Fixtures/scipy/bass_ols.py),
/// and Peter Rossi's printed `lm` output for the iPhone's quarters.
@Suite("The Bass (1969) OLS regression in a Bass fit's report")
struct BassRegressionTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let file: String, series: String
        let values: [String: Double]
        let dof: Int
        var testDescription: String { series.isEmpty ? file : series }
    }

    static let keys = ["a", "b", "c", "a_std_error", "b_std_error", "c_std_error", "residual_standard_error", "m", "p", "q", "r_squared",
                       "a_ci_low", "a_ci_high", "b_ci_low", "b_ci_high", "c_ci_low", "c_ci_high", "adopters_observed",
                       "m_std_error", "p_std_error", "q_std_error"]

    static let rows: [Row] = {
        guard let csv = try? SimpleCSV(url: Fixtures.url("scipy/bass_ols.csv")) else { return [] }
        return csv.records.map { r in
            Row(file: r["file"]!, series: r["series"]!, values: Dictionary(uniqueKeysWithValues: keys.compactMap { k in Double(r[k]!).map { (k, $0) } }),
                dof: Int(r["dof"]!)!)
        }
    }()

    @Test("the statsmodels reference is read: seven durables and the iPhone's quarters")
    func referenceRead() {
        #expect(Self.rows.count == 8)
    }

    /// The JSON fits of `file` in Data/series, with `options`.
    static func fits(_ file: String, _ options: [String]) throws -> [ReportJSON.Fit] {
        let y = file == "durables.csv" ? ["--y", "adopters", "--series", "series"] : ["--y", "value"]
        let run = try CovarianceTests.run(["fit", "--data", "Data/series/\(file)"] + y + options + ["--format", "json"])
        return try ReportJSON.decode(run.stdoutData).fits
    }

    /// The members of a record's regression, by their JSON names (a dictionary's keys keep them).
    static func members(_ fit: ReportJSON.Fit) -> [String: Double]? {
        fit.bassOls?.compactMapValues { $0 }
    }

    @Test("coefficients, standard errors, intervals, R², residual standard error and the m, p, q they imply, with their delta-method standard errors, agree with statsmodels to 1e-9", arguments: rows)
    func agreesWithStatsmodels(_ row: Row) throws {
        let fit = try #require(try Self.fits(row.file, []).first { ($0.series ?? "") == row.series })
        let ols = try #require(Self.members(fit), "no bass_ols for \(row.testDescription)")
        #expect(ols["dof"] == Double(row.dof))
        for key in Self.keys {
            let want = try #require(row.values[key]), got = try #require(ols[key], "\(key)")
            #expect(abs(got - want) <= 1e-9 * abs(want), "\(key): \(got) against \(want)")
        }
        // m, p and q's intervals take the coefficients' t quantile.
        let t = (try #require(row.values["a_ci_high"]) - (try #require(row.values["a"]))) / (try #require(row.values["a_std_error"]))
        for name in ["m", "p", "q"] {
            let value = try #require(row.values[name]), se = try #require(row.values[name + "_std_error"])
            let low = try #require(ols[name + "_ci_low"]), high = try #require(ols[name + "_ci_high"])
            #expect(abs(low - (value - t * se)) <= 1e-9 * se && abs(high - (value + t * se)) <= 1e-9 * se, "\(name): \(low)–\(high)")
        }
    }

    @Test("values times 10⁶, whose squared running totals reach 10²⁰ (statsmodels calls the design rank-deficient): the exact rational solution to 1e-10")
    func scaledValues() throws {
        let reference = try SimpleCSV(url: Fixtures.url("scipy/bass_ols_scaled.csv"))
        let run = try withTemporaryDirectory { dir in
            try FileManager.default.copyItem(at: Fixtures.url("scipy/bass_ols_scaled_data.csv"), to: dir.appendingPathComponent("scaled.csv"))
            return try runAdoptRaw(["fit", "--data", "scaled.csv", "--series", "series", "--format", "json"], in: dir)
        }
        try #require(run.status == 0, "\(run.stderr)")
        let fits = try ReportJSON.decode(run.stdoutData).fits
        #expect(fits.count == reference.records.count)
        for (fit, row) in zip(fits, reference.records) {
            let ols = try #require(Self.members(fit), "no bass_ols for \(row["series"] ?? "")")
            #expect(fit.series == row["series"] && ols["dof"] == Double(row["dof"]!))
            for key in ["a", "b", "c", "a_std_error", "b_std_error", "c_std_error", "residual_standard_error"] {
                let want = try #require(Double(row[key]!)), got = try #require(ols[key], "\(key)")
                #expect(abs(got - want) <= 1e-10 * abs(want), "\(fit.series ?? "") \(key): \(got) against \(want)")
            }
            // The values times 10⁶ make m and its standard error 10⁶ times statsmodels' on the values themselves,
            // and leave p, q and theirs as they are.
            let unscaled = try #require(Self.rows.first { $0.series == row["series"] })
            for (key, factor) in [("m", 1e6), ("m_std_error", 1e6), ("p", 1.0), ("p_std_error", 1.0), ("q", 1.0), ("q_std_error", 1.0)] {
                let want = try #require(unscaled.values[key]) * factor, got = try #require(ols[key], "\(key)")
                #expect(abs(got - want) <= 1e-8 * abs(want), "\(fit.series ?? "") \(key): \(got) against \(want)")
            }
        }
    }

    @Test("the iPhone's quarters give Rossi's printed lm(Sales ~ Y + Ysq) to every printed digit, in the JSON and the Markdown")
    func printedCoefficients() throws {
        let fit = try #require(try Self.fits("apple_iphone_quarterly_sales_rossi.csv", []).first)
        let ols = try #require(Self.members(fit))
        func printed(_ x: Double?, _ digits: Int) -> Double { ((x ?? .nan) * pow(10, Double(digits))).rounded() / pow(10, Double(digits)) }
        #expect(printed(ols["a"], 7) == 1.4752541 && printed(ols["b"], 7) == 0.2050036 && printed(ols["c"], 7) == -0.0002572)
        #expect(printed(ols["a_std_error"], 7) == 1.7170236 && printed(ols["b_std_error"], 7) == 0.0438064
                && printed(ols["c_std_error"], 7) == 0.0001756)
        #expect(printed(ols["residual_standard_error"], 3) == 4.949 && ols["dof"] == 20)
        let run = try CovarianceTests.run(["fit", "--data", "Data/series/apple_iphone_quarterly_sales_rossi.csv", "--y", "value"])
        #expect(run.stdout.contains("Bass (1969) OLS, as published estimates often are: y = a + b·Y + c·Y², Y the running total before the "
                                    + "period, a = 1.47525 (1.71702), b = 0.205004 (0.0438064), c = -0.00025716 (0.000175613), R² = 0.8693, "
                                    + "residual standard error 4.94889 on 20 df; these give m = 804.315 (389.884), and p = 0.00183417 (0.00184039) and "
                                    + "q = 0.206838 (0.0431425) per period, with the discrete regression's time-interval bias (Srinivasan & Mason 1986), "
                                    + "which their standard errors (by the delta method: sampling error only) leave out; c's 95 % interval, -0.000623482 to 0.000109162, includes 0: the regression does not determine m."),
                "\(run.stdout)")
    }

    @Test("what the implied m, p and q cannot be taken for is said: p ≤ 0 (no Bass curve), m below the adopters regressed, c's interval reaching 0")
    func caveats() throws {
        let fit = try #require(try Self.fits("durables.csv", []).first { $0.series == "ultrasound" })
        #expect((Self.members(fit)?["p"] ?? 0) < 0)
        let markdown = try Durables.run(Durables.fit()).stdout
        #expect(markdown.contains("these give m = 178.891 (8.10918), and p = -0.00143157 (0.0115843) and q = 0.539751 (0.0714903) per period "
                                  + "(p ≤ 0: no Bass curve), with the discrete regression's time-interval bias"))
        // Mammography: the regression's m interval (statsmodels' m ± t·se) leaves out the nonlinear fit's m (scipy's).
        let row = try #require(Self.rows.first { $0.series == "mammography" })
        let m = try #require(row.values["m"]), se = try #require(row.values["m_std_error"])
        let t = (try #require(row.values["a_ci_high"]) - (try #require(row.values["a"]))) / (try #require(row.values["a_std_error"]))
        let fits = try SimpleCSV(url: Fixtures.url("scipy/reference_fits.csv")).records
        let fitted = try #require(fits.first { $0["series"] == "mammography" && $0["model"] == "bass" && $0["parameter"] == "m" }
            .flatMap { Double($0["estimate"] ?? "") })
        #expect(fitted < m - t * se, "\(fitted) against \(m - t * se)")
        #expect(markdown.contains("; m's 95 % interval, \(String(format: "%.6g", m - t * se)) to \(String(format: "%.6g", m + t * se)), leaves out the "
                                  + "nonlinear fit's m, \(String(format: "%.6g", fitted))"))
        #expect(markdown.components(separatedBy: "leaves out the nonlinear fit's m").count == 2)
        #expect(markdown.contains("(by the delta method: sampling error only) leave out; m is below the 64.32 adopters of the periods regressed."))
        // Ten years of growth by a quarter a year: c's interval includes 0.
        let growth = "year,adopters\n2000,9.74\n2001,12.56\n2002,15.42\n2003,19.73\n2004,24.72\n2005,29.19\n2006,36.29\n2007,49.29\n2008,58.17\n2009,72.53\n"
        let run = try withTemporaryDirectory { dir in
            try write(growth, to: "growth.csv", in: dir)
            return try runAdoptRaw(["fit", "--data", "growth.csv"], in: dir)
        }
        #expect(run.stdout.contains("; c's 95 % interval, -0.000194904 to 0.000130045, includes 0: the regression does not determine m."), "\(run.stdout)")
    }

    @Test("only where the running total before each period is known: Bass from the first period, none missing, per period or running totals; the fitted periods with --holdout; with --fix too",
          arguments: [
              ([String](), true, 10),
              (["--holdout", "3"], true, 7),
              (["--model", "logistic"], false, 0),
              (["--cumulative"], true, 9),
              (["--launch", "1947"], false, 0),
              (["--fix", "m=17000"], true, 10),
              (["--fix", "m=17000,p=0.02,q=0.4"], true, 10),
          ])
    func onlyWhereDefined(_ options: [String], _ given: Bool, _ dof: Int) throws {
        // With --cumulative: the room air conditioners' running totals.
        let fits: [ReportJSON.Fit?] = options.contains("--cumulative") ? [try Self.cumulativeFit()] : try Self.fits("durables.csv", options)
        let fit = try #require(fits.first.flatMap { $0 })
        #expect((fit.bassOls != nil) == given, "\(options)")
        if given { #expect(Self.members(fit)?["dof"] == Double(dof)) }
    }

    static let cumulativeReference: [[String: String]] = {
        (try? SimpleCSV(url: Fixtures.url("scipy/bass_ols_cumulative.csv")))?.records ?? []
    }()

    @Test("running totals (--cumulative): each rise on the total before it, from the second period, as the exact rational solution to 1e-9; with --launch too",
          arguments: ["room_air_conditioners", "netherlands_car_stock_1965_1989", "us_cable_tv_subscribers_cumulative"])
    func cumulative(_ series: String) throws {
        let row = try #require(Self.cumulativeReference.first { $0["series"] == series })
        var fits: [ReportJSON.Fit] = []
        if series == "room_air_conditioners" {
            fits.append(try #require(try Self.cumulativeFit()))
        } else {
            fits.append(try #require(try Self.fits(series + ".csv", ["--cumulative"]).first))
            // A launch before the data changes nothing: the regression assumes nothing of the adopters before them.
            fits.append(try #require(try Self.fits(series + ".csv", ["--cumulative", "--launch", "1940"]).first))
        }
        for fit in fits {
            let ols = try #require(Self.members(fit), "no bass_ols for \(series)")
            #expect(ols["dof"] == Double(row["dof"]!))
            for key in Self.keys {
                let want = try #require(Double(row[key] ?? "")), got = try #require(ols[key], "\(key)")
                #expect(abs(got - want) <= 1e-9 * abs(want), "\(series) \(key): \(got) against \(want)")
            }
        }
    }

    /// The room air conditioners' running totals fitted with --cumulative.
    static func cumulativeFit() throws -> ReportJSON.Fit? {
        guard let table = Durables.table else { return nil }
        let rows = table.records.filter { $0["series"] == "room_air_conditioners" }
        var total = 0.0
        let text = "year,total\n" + rows.map { r in total += Double(r["adopters"]!)!; return "\(r["year"]!),\(total)" }.joined(separator: "\n") + "\n"
        let run = try withTemporaryDirectory { dir in
            try write(text, to: "totals.csv", in: dir)
            return try runAdoptRaw(["fit", "--data", "totals.csv", "--cumulative", "--format", "json"], in: dir)
        }
        return try ReportJSON.decode(run.stdoutData).fits.first
    }

    @Test("a period missing, or a launch before the data, leaves the running total before a period unknown: no regression; with --model auto only Bass has one")
    func gapsAndAuto() throws {
        let text = "year,adopters\n2001,5\n2002,9\n2003,20\n2005,42\n2006,40\n2007,30\n"
        let run = try withTemporaryDirectory { dir in
            try write(text, to: "gap.csv", in: dir)
            return try runAdoptRaw(["fit", "--data", "gap.csv", "--format", "json"], in: dir)
        }
        #expect(try ReportJSON.decode(run.stdoutData).fits.allSatisfy { $0.bassOls == nil })
        let auto = try Self.fits("durables.csv", ["--model", "auto"]).filter { $0.series == "clothes_dryers" }
        #expect(auto.filter { $0.bassOls != nil }.map(\.model) == ["bass"])
    }
}
