import Foundation
import Testing
import TestSupport

/// Fits with parameters held at known values (`--fix`), against scipy's fits of the free parameters
/// alone (Tests/Fixtures/scipy/fixed_parameters.py).
@Suite("adopt fit --fix against scipy")
struct FixedParameterTests {
    static let reference: [[String: String]] = {
        (try? SimpleCSV(url: Fixtures.url("scipy/fixed_parameters.csv")))?.records ?? []
    }()

    /// The files and options of each case: its series in a shipped file, fitted with --fix.
    static let cases: [(String, [String], String?)] = [
        ("dryers_m17000", ["--data", "durables.csv", "--y", "adopters", "--series", "series", "--fix", "m=17000"], "clothes_dryers"),
        ("dryers_m14000", ["--data", "durables.csv", "--y", "adopters", "--series", "series", "--fix", "m=14000"], "clothes_dryers"),
        ("tv_pq", ["--data", "durables.csv", "--y", "adopters", "--series", "series", "--fix", "p=0.005", "--fix", "q=0.65"], "color_tv"),
        ("cars_gompertz_m7000", ["--data", "cars.csv", "--y", "value", "--cumulative", "--model", "gompertz", "--fix", "m=7000"], nil),
        ("dryers_p0135", ["--data", "durables.csv", "--y", "adopters", "--series", "series", "--fix", "p=0.0135"], "clothes_dryers"),
        ("cars_gompertz_k008", ["--data", "cars.csv", "--y", "value", "--cumulative", "--model", "gompertz", "--fix", "k=0.08"], nil),
        ("early_m60", ["--data", "early.csv", "--fix", "m=60"], nil),
    ]

    /// The shipped series the cases read, as the copies they read them from.
    static let shipped = ["durables.csv": "durables.csv", "cars.csv": "netherlands_car_stock_1965_1989.csv"]

    /// Three years of an early market (millions of ports), as `fixed_parameters.py` gives them.
    static let early = "year,ports\n2024,0.05\n2025,0.4\n2026,2.9\n"

    @Test("the free parameters' estimates to 1e-6, their standard errors to 1e-4 and the RSS to 1e-8; the held ones at their values",
          arguments: cases.map(\.0))
    func agreesWithScipy(_ name: String) throws {
        let (_, options, series) = try #require(Self.cases.first { $0.0 == name })
        let expected = Self.reference.filter { $0["case"] == name }
        try #require(!expected.isEmpty)
        let fits = try withTemporaryDirectory { dir in
            try copyShippedSeries(Self.shipped, into: dir)
            try write(Self.early, to: "early.csv", in: dir)
            return try fitJSON(options, in: dir)
        }
        let fit = try #require(fits.first { $0.series == series })
        #expect(fit.status == "converged")
        let held = expected[0]["fixed"]!.split(separator: ";").map { $0.split(separator: "=") }
        for pair in held {
            let parameter = try #require(fit.parameters.first { $0.name == String(pair[0]) })
            #expect(parameter.estimate == Double(pair[1]) && parameter.stdError == nil && parameter.ciLow == nil && parameter.fixed == true)
        }
        #expect(fit.parameters.count == held.count + expected.count)
        for row in expected {
            let parameter = try #require(fit.parameters.first { $0.name == row["parameter"] })
            #expect(parameter.fixed == false)
            let estimate = try #require(parameter.estimate), se = try #require(parameter.stdError)
            let wantEstimate = Double(row["estimate"]!)!, wantSE = Double(row["std_error"]!)!
            #expect(abs(estimate - wantEstimate) <= 1e-6 * abs(wantEstimate), "\(name) \(parameter.name): \(estimate) vs \(wantEstimate)")
            #expect(abs(se - wantSE) <= 1e-4 * wantSE, "\(name) \(parameter.name) SE: \(se) vs \(wantSE)")
        }
        let rss = try #require(fit.rss), wantRSS = Double(expected[0]["rss"]!)!
        #expect(abs(rss - wantRSS) <= 1e-8 * wantRSS)
        // The degrees of freedom count the free parameters only.
        #expect(fit.n - expected.count == (fit.dof ?? -1))
        #expect(fit.notes.first?.hasPrefix("fixed at ") == true)
    }

    /// Runs `adopt fit` on the clothes dryers with `options`.
    static func dryers(_ options: [String]) throws -> AdoptRun {
        try withTemporaryDirectory { dir in
            try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Data/series/clothes_dryers_1949_1961.csv"),
                                             to: dir.appendingPathComponent("dryers.csv"))
            let run = try runAdoptRaw(["fit", "--data", "dryers.csv", "--y", "value"] + options, in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            return run
        }
    }

    @Test("fixed values that leave the market potential undetermined, or no curve that follows the data, or m far above the data, are said so", arguments: [
        ("q=0", "not_identified", "with the fixed values, the data do not determine it"),
        ("q=5", "not_a_minimum", "explains less than the series' mean"),
        ("p=0.5", "not_a_minimum", "explains less than the series' mean"),
        ("m=1e9", "converged", ""),
    ])
    func undetermined(_ held: String, _ status: String, _ message: String) throws {
        let fit = try #require(try ReportJSON.decode(try Self.dryers(["--fix", held, "--format", "json"]).stdoutData).fits.first)
        #expect(fit.status == status)
        #expect(message.isEmpty || fit.message.contains(message), "\(fit.message)")
        #expect(fit.notes.contains { $0.hasPrefix("the fixed market potential m = 1e9 is 79656 times the 12554 adopters observed") }
                == (held == "m=1e9"))
    }

    @Test("a fixed t0 written as a calendar x is told how t0 counts; the note gives the fixed value as written", arguments: [
        ("logistic", "t0=1958.5", true), ("gompertz", "t0=1958", true), ("logistic", "t0=9.5", false), ("logistic", "m=15000,k=0.5,t0=1958", true),
    ])
    func calendarMidpoint(_ model: String, _ held: String, _ noted: Bool) throws {
        let fit = try #require(try ReportJSON.decode(try Self.dryers(["--model", model, "--fix", held, "--format", "json"]).stdoutData).fits.first)
        let t0 = try #require(Double(held.split(separator: "=").last!))
        let text = held.split(separator: "=").last!
        #expect(fit.notes.contains { $0.contains("t0 = \(text) (--fix)") })
        // The dryers' series starts in 1949, its launch.
        let note = "t0 counts periods from the start of the launch period, 1949: t0 = \(text) places the midpoint at "
            + "\(exactText(1949 + t0)), far past the data; a midpoint at \(text) is t0 = \(exactText(t0 - 1949))"
        #expect(fit.notes.contains(note) == noted, "\(fit.notes)")
    }

    @Test("a fixed market potential below the adopters the series holds is said so, whatever the fit's status", arguments: [
        ("m=100", "not_a_minimum", true), ("m=12000", "converged", true), ("m=12554", "converged", false), ("m=17000", "converged", false),
    ])
    func marketBelowAdopters(_ held: String, _ status: String, _ noted: Bool) throws {
        let fit = try #require(try ReportJSON.decode(try Self.dryers(["--fix", held, "--format", "json"]).stdoutData).fits.first)
        // The dryers' 13 years hold 12,554 adopters (Data/series/clothes_dryers_1949_1961.csv).
        let total = try SimpleCSV(url: Fixtures.repositoryRoot.appendingPathComponent("Data/series/clothes_dryers_1949_1961.csv"))
            .doubles("value").reduce(0, +)
        #expect(total == 12554)
        #expect(fit.status == status)
        let note = "the fixed market potential m = \(held.dropFirst(2)) is below the 12554 adopters the series holds: the curve's "
            + "running total stays below what the series already counts, whatever the free parameters"
        #expect(fit.notes.contains(note) == noted, "\(fit.notes)")
        // The fitted-market note is not said beside it.
        #expect(!fit.notes.contains { $0.hasPrefix("the market potential m = ") })
    }

    @Test("with m held, the curve's share is the running total over the held m; every format marks the held parameter")
    func shareAndFlags() throws {
        let json = try ReportJSON.decode(try Self.dryers(["--fix", "m=17000", "--horizon", "1965", "--format", "json"]).stdoutData)
        let fit = try #require(json.fits.first)
        #expect(fit.curve.count == 17)
        for point in fit.curve {
            let share = try #require(point.share), total = try #require(point.cumulative)
            #expect(abs(share - total / 17000) <= 1e-15 * max(1, share))
        }
        let csv = SimpleCSV(text: try Self.dryers(["--fix", "m=17000", "--format", "csv"]).stdout)
        #expect(csv.records.map { [$0["parameter"] ?? "", $0["fixed"] ?? ""] } == [["m", "true"], ["p", "false"], ["q", "false"]])
        let markdown = try Self.dryers(["--fix", "m=17000"]).stdout
        #expect(markdown.contains("| m | 17000 (fixed) | – | – | – |"))
    }

    @Test("a series' own value (SERIES:NAME=VALUE) fixes it there, in place of one for every series; the other series are as without it")
    func perSeries() throws {
        func fits(_ options: [String]) throws -> [String: ReportJSON.Fit] {
            let run = try Durables.run(Durables.fit(["--format", "json"] + options))
            return Dictionary(uniqueKeysWithValues: try ReportJSON.decode(run.stdoutData).fits.map { ($0.series ?? "", $0) })
        }
        func estimates(_ fit: ReportJSON.Fit?) -> [String] { (fit?.parameters ?? []).map { "\($0.name)=\($0.estimate.map { "\($0)" } ?? "")" } }
        let plain = try fits([]), everyM = try fits(["--fix", "m=17000"])
        let own = try fits(["--fix", "clothes_dryers:m=17000"])
        #expect(estimates(own["clothes_dryers"]) == estimates(everyM["clothes_dryers"]))
        #expect(own["clothes_dryers"]?.parameters.first?.fixed == true)
        for series in Durables.seriesOrder where series != "clothes_dryers" {
            #expect(estimates(own[series]) == estimates(plain[series]), "\(series)")
            #expect(own[series]?.parameters.allSatisfy { $0.fixed == false } == true)
        }
        // A series' own value takes the place of the one for every series.
        let both = try fits(["--fix", "m=30000", "--fix", "clothes_dryers:m=17000"])
        #expect(estimates(both["clothes_dryers"]) == estimates(everyM["clothes_dryers"]))
        #expect(both["color_tv"]?.parameters.first?.estimate == 30000)
    }

    @Test("a series whose name holds a comma takes its own --fix value, alone or beside others")
    func seriesNameWithComma() throws {
        let rows = [10, 30, 80, 160, 240, 250, 190, 120, 70].enumerated()
        let text = "series,year,adopters\n" + rows.map { "\"DE,x\",\(2015 + $0.offset),\($0.element)\n" }.joined()
            + rows.map { "FR,\(2015 + $0.offset),\($0.element * 2)\n" }.joined()
        try withTemporaryDirectory { dir in
            _ = try write(text, to: "data.csv", in: dir)
            for fix in ["DE,x:m=1500", "FR:q=0.9,DE,x:m=1500", "DE,x:m=1500,DE,x:p=0.02"] {
                let run = try runAdoptRaw(["fit", "--data", "data.csv", "--series", "series", "--fix", fix, "--format", "json"], in: dir)
                try #require(run.status == 0, "\(fix): \(run.stderr)")
                let fits = try ReportJSON.decode(run.stdoutData).fits
                let de = try #require(fits.first { $0.series == "DE,x" })
                #expect(de.parameters.first { $0.name == "m" }?.estimate == 1500 && de.parameters.first { $0.name == "m" }?.fixed == true, "\(fix)")
                #expect(de.parameters.first { $0.name == "p" }?.fixed == fix.hasSuffix("p=0.02"), "\(fix)")
                #expect(fits.first { $0.series == "FR" }?.parameters.first { $0.name == "q" }?.fixed == fix.hasPrefix("FR"), "\(fix)")
            }
        }
    }

    @Test("a series counts its free parameters: two years and a fixed m are a curve through both; one year is too few")
    func freeParametersCount() throws {
        try withTemporaryDirectory { dir in
            try write("year,ports\n2024,0.05\n2025,0.4\n", to: "two.csv", in: dir)
            let fit = try #require(try fitJSON(["--data", "two.csv", "--fix", "m=60"], in: dir).first)
            #expect(fit.status == "converged" && fit.dof == 0)
            #expect(fit.notes.contains { $0.hasPrefix("as many observations as parameters: the curve passes through every point") })
            try write("year,ports\n2024,0.05\n", to: "one.csv", in: dir)
            let one = try runAdopt(["fit", "--data", "one.csv", "--fix", "m=60"], in: dir)
            #expect(one.status == 65)
            #expect(one.stderr.contains("one.csv:2: field 'ports': the series has 1 observation, fewer than the 2 parameters of bass with m fixed"),
                    "\(one.stderr)")
        }
    }

    static let evaluated: [[String: String]] = {
        (try? SimpleCSV(url: Fixtures.url("scipy/evaluated_curves.csv")))?.records ?? []
    }()

    @Test("every parameter fixed: the given curve evaluated against the data, its σ over n degrees of freedom, R², criteria and prediction intervals as scipy computes them",
          arguments: [
              ("tv_bass", ["--data", "durables.csv", "--y", "adopters", "--series", "series", "--fix", "m=38619,p=0.0185,q=0.616", "--horizon", "1972"],
               "color_tv"),
              ("cars_gompertz", ["--data", "cars.csv", "--y", "value", "--cumulative", "--model", "gompertz", "--fix", "m=6000",
                                 "--fix", "k=0.1,t0=5", "--horizon", "1992"], nil),
          ])
    func everyParameterFixed(_ name: String, _ options: [String], _ series: String?) throws {
        let expected = Self.evaluated.filter { $0["case"] == name }
        try #require(!expected.isEmpty)
        let fits = try withTemporaryDirectory { dir in
            try copyShippedSeries(Self.shipped, into: dir)
            return try fitJSON(options, in: dir)
        }
        let fit = try #require(fits.first { $0.series == series })
        #expect(fit.status == "converged" && fit.message == "evaluated: every parameter is fixed")
        #expect(fit.parameters.allSatisfy { $0.fixed == true && $0.stdError == nil && $0.ciLow == nil })
        let values = expected[0]["fixed"]!.split(separator: ";").map { $0.split(separator: "=") }
        #expect(fit.parameters.map(\.name) == values.map { String($0[0]) })
        #expect(fit.parameters.map(\.estimate) == values.map { Double($0[1]) })
        #expect(fit.dof == fit.n && fit.covariance == nil)
        func close(_ a: Double?, _ b: String?, _ tolerance: Double = 1e-12) -> Bool {
            guard let a, let b = b.flatMap(Double.init) else { return false }
            return abs(a - b) <= tolerance * max(1, abs(b))
        }
        for key in ["rss", "sigma", "aic", "aicc", "bic"] {
            let value: Double? = switch key {
            case "rss": fit.rss
            case "sigma": fit.sigma
            case "aic": fit.aic
            case "aicc": fit.aicc
            default: fit.bic
            }
            #expect(close(value, expected[0][key]), "\(name) \(key): \(value.map { "\($0)" } ?? "null") vs \(expected[0][key] ?? "")")
        }
        #expect(close(fit.rSquared, expected[0]["r_squared"]))
        #expect(fit.curve.map(\.x) == expected.map { Double($0["x"]!)! })
        for (point, row) in zip(fit.curve, expected) {
            #expect(close(point.fitted, row["fitted"]) && point.ciLow == nil && point.ciHigh == nil && point.cumulativeCiLow == nil,
                    "\(name) \(point.x)")
            // The prediction interval's t quantile is adopt's own (to about 1e-10).
            #expect(close(point.piLow, row["pi_low"], 1e-9) && close(point.piHigh, row["pi_high"], 1e-9), "\(name) \(point.x)")
        }
        #expect(fit.notes.first?.hasPrefix("every parameter fixed at ") == true)
        // No note speaks of standard errors, which a given curve does not have; runs of residuals are the curve's.
        #expect(!fit.notes.contains { $0.contains("standard errors") }, "\(fit.notes)")
        #expect(fit.notes.filter { $0.hasPrefix("the residuals run in long stretches") }.allSatisfy { $0.contains("the given curve runs above or below") })
        // Counting the curve's parameters, as for values estimated on these data: σ over n − k, AICc with K = k + 1.
        let rss = Double(expected[0]["rss"]!)!, n = Double(fit.n), k = Double(fit.parameters.count)
        let logLikelihood = -n / 2 * (log(2 * Double.pi) + 1 - log(n) + log(rss))
        let aicc = -2 * logLikelihood + 2 * (k + 1) + 2 * (k + 1) * (k + 2) / (n - k - 2)
        let counted = try #require(fit.notes.first { $0.hasPrefix("σ and the criteria count no parameter of the curve") })
        #expect(counted.contains("count its \(Int(k)): σ = \(String(format: "%.4g", (rss / (n - k)).squareRoot())), "
                                 + "AICc = \(String(format: "%.4g", aicc)), to compare with a refit"), "\(counted)")
    }

    @Test("a given curve that explains less than the mean is not_a_minimum, with no milestones; one whose squares overflow is non_finite",
          arguments: [("m=15960,p=0.073,q=0.389", "not_a_minimum", "the given curve explains less than the series' mean (R² = -4.975)"),
                      ("m=1e308,p=0.0185,q=0.616", "non_finite", "the model, or its residual sum of squares, is not finite at the fixed values")])
    func givenCurveThatFails(_ values: String, _ status: String, _ message: String) throws {
        let fit = try #require(try ReportJSON.decode(try Self.dryers(["--fix", values, "--format", "json"]).stdoutData).fits.first)
        #expect(fit.status == status && !fit.converged)
        #expect(fit.message.hasPrefix(message), "\(fit.message)")
        // The R² the message gives is numpy's (evaluated_curves.py).
        if status == "not_a_minimum" {
            let reference = try #require(Self.evaluated.first { $0["case"] == "dryers_below_mean" }?["r_squared"].flatMap(Double.init))
            #expect(message.contains("(R² = \(String(format: "%.4g", reference)))"))
        }
    }

    @Test("the README's published colour TV curve: its R², a refit's, and the note on its runs of residuals")
    func publishedColourTV() throws {
        let run = try Durables.run(Durables.fit(["--format", "json", "--fix", "color_tv:m=38619,color_tv:p=0.005,color_tv:q=0.84"]))
        let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first { $0.series == "color_tv" })
        // numpy's RSS, R² and Durbin–Watson d for the same curve (evaluated_curves.py).
        let reference = try #require(Self.evaluated.first { $0["case"] == "tv_bass_published" })
        func figure(_ key: String) throws -> Double { try #require(reference[key].flatMap(Double.init)) }
        #expect(try figure("rss").rounded() == 14_103_706 && (figure("r_squared") * 1000).rounded() / 1000 == 0.550
                && (figure("durbin_watson") * 100).rounded() / 100 == 0.61)
        #expect(fit.rss.map { $0.rounded() } == 14_103_706 && fit.rSquared.map { ($0 * 1000).rounded() / 1000 } == 0.550)
        #expect(fit.notes.contains { $0.hasPrefix("the residuals run in long stretches (Durbin–Watson d = 0.61") && $0.contains("the given curve runs above or below") })
    }

    @Test("rates fixed on quarters get a note that they are per quarter; on years, none")
    func ratesPerPeriod() throws {
        try withTemporaryDirectory { dir in
            let quarters = (0..<12).map { "\(2020 + $0 / 4)Q\($0 % 4 + 1),\([1, 2, 4, 7, 11, 16, 20, 22, 21, 18, 14, 10][$0])" }
            try write("quarter,units\n" + quarters.joined(separator: "\n") + "\n", to: "q.csv", in: dir)
            let note = "p and q are rates per period, here a quarter: values per year, as published tables give them, are 4 times "
                + "too large (divide them by 4)"
            for (values, expected) in [("p=0.03,q=0.38", true), ("m=200", false), ("m=200,p=0.0075,q=0.095", true)] {
                let fit = try #require(try fitJSON(["--data", "q.csv", "--x", "quarter", "--fix", values], in: dir).first)
                #expect(fit.notes.contains(note) == expected, "\(values): \(fit.notes)")
            }
        }
        let years = try ReportJSON.decode(try Self.dryers(["--fix", "p=0.0135", "--format", "json"]).stdoutData)
        #expect(years.fits.first?.notes.contains { $0.contains("rates per period") || $0.contains("a rate per period") } == false)
    }

    @Test("fitted rates on quarters and months get a note with their values per year (times 4 or 12); on years, none",
          arguments: [("quarter", "bass", 3), ("month", "gompertz", 1)])
    func fittedRatesPerYear(period: String, model: String, months: Int) throws {
        let counts = [1, 2, 4, 7, 11, 16, 20, 22, 21, 18, 14, 10]
        try withTemporaryDirectory { dir in
            let labels = (0..<12).map { months == 3 ? "\(2020 + $0 / 4)Q\($0 % 4 + 1)" : "2020-\($0 < 9 ? "0" : "")\($0 + 1)" }
            try write("period,units\n" + zip(labels, counts).map { "\($0),\($1)" }.joined(separator: "\n") + "\n", to: "d.csv", in: dir)
            let fit = try #require(try fitJSON(["--data", "d.csv", "--x", "period", "--model", model], in: dir).first)
            #expect(fit.converged)
            let rates = fit.parameters.filter { ["p", "q", "k"].contains($0.name) }
            let note = try #require(fit.notes.first { $0.contains("per \(period): per year") }, "\(fit.notes)")
            let perYear = 12 / months
            #expect(note.hasPrefix("\(rates.map(\.name).joined(separator: " and ")) \(rates.count == 1 ? "is a rate" : "are rates") per \(period): "
                                   + "per year, as published tables give \(rates.count == 1 ? "it" : "them"), "), "\(note)")
            // Each value per year is the estimate times the periods in a year, to the four digits written.
            for rate in rates {
                let text = try #require(note.components(separatedBy: "\(rate.name) = ").last?.prefix { "0123456789.e-".contains($0) })
                let written = try #require(Double(String(text)), "\(note)")
                #expect(abs(written / (rate.estimate! * Double(perYear)) - 1) < 5e-4, "\(rate.name): \(note)")
            }
        }
        let years = try ReportJSON.decode(try Self.dryers(["--format", "json"]).stdoutData)
        #expect(years.fits.first?.notes.contains { $0.contains("per year, as published") } == false)
    }

    @Test("one series' curve given (every parameter fixed for it alone) beside the others' fits; a holdout that leaves it nothing is refused")
    func everyParameterFixedForOneSeries() throws {
        let run = try Durables.run(Durables.fit(["--format", "json", "--fix", "color_tv:m=38619,color_tv:p=0.0185,color_tv:q=0.616"]))
        let fits = try ReportJSON.decode(run.stdoutData).fits
        let tv = try #require(fits.first { $0.series == "color_tv" })
        #expect(tv.message == "evaluated: every parameter is fixed" && tv.evaluations == 1)
        #expect(fits.filter { $0.series != "color_tv" }.allSatisfy { $0.parameters.allSatisfy { $0.fixed == false } && $0.dof == $0.n - 3 })
        try withTemporaryDirectory { dir in
            try write("year,ports\n2024,0.05\n2025,0.4\n", to: "two.csv", in: dir)
            let given = try runAdopt(["fit", "--data", "two.csv", "--fix", "m=60,p=0.001,q=1"], in: dir)
            #expect(given.status == 0, "\(given.stderr)")
            let none = try runAdopt(["fit", "--data", "two.csv", "--fix", "m=60,p=0.001,q=1", "--holdout", "2"], in: dir)
            #expect(none.status == 65)
            #expect(none.stderr.contains("two.csv:3: field 'ports': the series has 2 observations: with --holdout 2, none is left to fit"),
                    "\(none.stderr)")
        }
    }

    @Test("--fix's mistakes are usage errors that say what to give", arguments: [
        (["--fix", "k=1"], "--fix: 'k' is no parameter of bass (m, p, q)"),
        (["--fix", "m=-5"], "--fix: m = -5 is outside bass's domain: m must be above 0"),
        (["--fix", "m=1000", "--model", "auto"], "--fix needs one --model"),
        (["--fix", "m"], "--fix: expected name=value, found 'm'"),
        (["--fix", "m=1000", "--fix", "m=2000"], "--fix: 'm' is given twice"),
        (["--fix", "b1=2", "--formula", "b1*x", "--start", "b1=1"], "--fix is for the adoption models"),
        (["--fix", "A:m=1000"], "--fix A:…: a series' own value needs --series, the column naming the series"),
        (["--fix", ":m=1000"], "--fix: ':m' names no series before its colon"),
        (["--fix", "A:k=1"], "--fix: 'k' is no parameter of bass (m, p, q)"),
        (["--fix", "A:m=1000,p=0.01"], "--fix 'A:m=1000,p=0.01': 'p=0.01' names no series where others do; give each value its series (A:p=0.01) "
            + "or put the values for every series in a --fix of their own"),
    ])
    func mistakes(_ options: [String], _ message: String) throws {
        try withTemporaryDirectory { dir in
            _ = try write("year,adopters\n2010,5\n2011,9\n2012,20\n2013,30\n2014,42\n2015,40\n2016,33\n", to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv"] + options, in: dir)
            #expect(run.status == 64)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
    }
}
