import Foundation
import Testing
import TestSupport

/// The seven durables series, copied into each test's folder as `durables.csv`.
enum Durables {
    static let url = Fixtures.repositoryRoot.appendingPathComponent("Data/series/durables.csv")
    static let table: SimpleCSV? = try? SimpleCSV(url: url)

    /// Series names in order of first appearance.
    static var seriesOrder: [String] {
        var seen: [String] = []
        for name in table?.column("series") ?? [] where !seen.contains(name) { seen.append(name) }
        return seen
    }

    static func rows(of series: String) -> Int {
        table?.column("series").filter { $0 == series }.count ?? 0
    }

    static func copy(into dir: URL) throws {
        try FileManager.default.copyItem(at: url, to: dir.appendingPathComponent("durables.csv"))
    }

    static func fit(_ extra: String...) -> [String] { fit(extra) }

    static func fit(_ extra: [String]) -> [String] {
        ["fit", "--data", "durables.csv", "--y", "adopters", "--series", "series"] + extra
    }

    /// Runs a fit of the durables in a fresh folder; requires success.
    static func run(_ args: [String]) throws -> AdoptRun {
        try withTemporaryDirectory { dir in
            try copy(into: dir)
            let run = try runAdoptRaw(args, in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.exitedNormally && !run.timedOut)
            #expect(run.stderrData.isEmpty)
            return run
        }
    }
}

@Suite("adopt fit: report formats on the durables series")
struct ReportFormatTests {
    static let models: Set<String> = ["bass", "logistic", "gompertz", "richards", "exponential"]

    @Test func durablesFixtureHasSevenSeries() {
        #expect(Durables.seriesOrder.count == 7)
        #expect(Durables.seriesOrder.first == "room_air_conditioners")
    }

    @Test("JSON: one bass fit per series, in input order, with every key")
    func jsonShape() throws {
        let run = try Durables.run(Durables.fit("--model", "bass", "--format", "json"))
        let root = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let fits = try #require(root["fits"] as? [[String: Any]])
        #expect(fits.count == 7)
        #expect(fits.compactMap { $0["series"] as? String } == Durables.seriesOrder)
        for fit in fits {
            for key in ["series", "model", "converged", "status", "parameters", "rss", "aicc", "bic", "n"] {
                #expect(fit[key] != nil, "\(fit["series"] ?? "?") lacks '\(key)'")
            }
            let parameters = try #require(fit["parameters"] as? [[String: Any]])
            #expect(parameters.count == 3)
            for parameter in parameters {
                for key in ["name", "estimate", "std_error", "ci_low", "ci_high"] {
                    #expect(parameter[key] != nil, "parameter lacks '\(key)'")
                }
            }
        }

        let report = try ReportJSON.decode(run.stdoutData)
        #expect(report.tool == "adopt 0.1.0")
        let version = try runAdoptRaw(["--version"], in: Fixtures.repositoryRoot)
        #expect(version.status == 0 && version.stdout == "0.1.0\n" && version.stderr.isEmpty)
        for fit in report.fits {
            let series = fit.series ?? "?"
            #expect(fit.model == "bass")
            // The covariance's diagonal is the squared standard errors.
            if fit.converged {
                let cov = try #require(fit.covariance, "\(series) has no covariance")
                #expect(cov.count == 3 && cov.allSatisfy { $0.count == 3 })
                for (j, p) in fit.parameters.enumerated() {
                    let se = try #require(p.stdError), variance = try #require(cov[j][j])
                    #expect(abs(variance.squareRoot() - se) <= 1e-12 * se, "\(series) \(p.name)")
                    #expect(cov[j] == cov.map { $0[j] }, "\(series): symmetric")
                }
            }
            #expect(fit.parameters.map(\.name) == ["m", "p", "q"])
            #expect(fit.n == Durables.rows(of: series), "\(series)")
            #expect(fit.converged == (fit.status == "converged"), "\(series): \(fit.status)")
            if fit.converged {
                for p in fit.parameters {
                    let (estimate, low, high) = (try #require(p.estimate), try #require(p.ciLow), try #require(p.ciHigh))
                    #expect(low < estimate && estimate < high, "\(series) \(p.name): \(low) \(estimate) \(high)")
                    #expect(try #require(p.stdError) > 0)
                }
                #expect(try #require(fit.rss) > 0)
                #expect(fit.aicc != nil && fit.bic != nil)
            }
        }
    }

    @Test("the recorded command reads back in a POSIX shell as the same arguments",
          arguments: ["it's data.csv", "q$HOME|x;y&z.csv", "tab\there `cmd` *?[a]~#.csv", "plain-name_1.csv"])
    func commandReadsBack(file: String) throws {
        try withTemporaryDirectory { dir in
            try write("year,adopters\n2000,10\n2001,25\n2002,40\n2003,30\n2004,15\n2005,6\n", to: file, in: dir)
            let args = ["fit", "--data", file, "--y", "adopters", "--format", "json"]
            let run = try runAdoptRaw(args, in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
            let command = try #require(object["command"] as? String)
            let data = try runTool("/bin/sh", ["-c", "set -- \(command); for a; do printf '%s\\0' \"$a\"; done"], in: dir).stdout
            let words = data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
            #expect(words == ["adopt"] + args, "\(command)")
        }
    }

    @Test("JSON with --model auto: five fits per series, ranked by AICc among the converged; fits within 2 of the best named on it")
    func jsonAutoRanking() throws {
        let run = try Durables.run(Durables.fit("--model", "auto", "--format", "json"))
        let report = try ReportJSON.decode(run.stdoutData)
        #expect(report.fits.count == 35)

        // Each series' fits are together, series in input order.
        var order: [String] = []
        for fit in report.fits where order.last != fit.series { order.append(fit.series ?? "?") }
        #expect(order == Durables.seriesOrder)
        var nearTies: [String] = []

        for series in Durables.seriesOrder {
            let fits = report.fits.filter { $0.series == series }
            #expect(fits.count == 5, "\(series)")
            #expect(Set(fits.map(\.model)) == Self.models, "\(series)")
            let ranked = fits.filter { $0.rank != nil }
            let converged = fits.filter { $0.converged && $0.aicc != nil }
            #expect(!converged.isEmpty, "\(series): no model converged")
            // Every converged fit, and only those, is ranked 1, 2, …, listed in rank order.
            #expect(ranked.map(\.model) == converged.map(\.model), "\(series)")
            #expect(ranked.map { $0.rank ?? 0 } == Array(1..<(ranked.count + 1)), "\(series): ranks are not 1, 2, …")
            #expect(Array(fits.prefix(ranked.count).map(\.model)) == ranked.map(\.model),
                    "\(series): ranked fits are not listed first")
            // Ranks follow AICc; values equal to rounding (relative 1e-6) may come in model order.
            let aiccs = ranked.map { $0.aicc ?? .infinity }
            func tied(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(a)) }
            #expect(zip(aiccs, aiccs.dropFirst()).allSatisfy { $0 <= $1 || tied($0, $1) }, "\(series): ranks do not follow AICc")
            let best = try #require(fits.first { $0.rank == 1 })
            let lowest = try #require(converged.map { $0.aicc! }.min())
            #expect(tied(best.aicc!, lowest), "\(series): rank 1 is not the lowest AICc among converged fits")
            #expect(fits.filter { !$0.converged }.allSatisfy { $0.rank == nil }, "\(series): a failed fit is ranked")
            // ΔAICc from the best, and Akaike weights exp(−Δ/2)/Σ that add up to 1; none for unranked fits.
            // Per-period Bass and logistic are one model: the later ranked of the two (Bass ranks first
            // on a tie) has no weight of its own, and the weights run over the others.
            let pair = ranked.filter { $0.model == "bass" || $0.model == "logistic" }
            if pair.count == 2, tied(pair[0].aicc!, pair[1].aicc!) { #expect(pair[0].model == "bass", "\(series)") }
            let unweighted = pair.count == 2 ? pair[1].model : nil
            let weighted = ranked.filter { $0.model != unweighted }
            let total = weighted.map { Foundation.exp(-($0.aicc! - lowest) / 2) }.reduce(0, +)
            for fit in ranked {
                // ΔAICc from the best-ranked fit: never negative, and exactly 0 for the best and the fits tied with
                // it to rounding (a filter on ΔAICc == 0 finds the best).
                let delta = try #require(fit.deltaAicc)
                let expected = tied(fit.aicc!, best.aicc!) ? 0 : fit.aicc! - best.aicc!
                #expect(delta >= 0 && abs(delta - expected) <= 1e-12 * abs(lowest), "\(series) \(fit.model)")
                if fit.rank == 1 { #expect(delta == 0, "\(series) \(fit.model): \(delta)") }
                if fit.model == unweighted {
                    #expect(fit.aiccWeight == nil, "\(series) \(fit.model)")
                    #expect(fit.notes.last?.contains("one model, weighted once, under \(unweighted == "logistic" ? "Bass" : "the logistic")") == true)
                    continue
                }
                let weight = try #require(fit.aiccWeight)
                #expect(abs(weight - Foundation.exp(-delta / 2) / total) <= 1e-12, "\(series) \(fit.model)")
            }
            #expect(abs(weighted.map { $0.aiccWeight! }.reduce(0, +) - 1) <= 1e-12, "\(series)")
            #expect(fits.filter { $0.rank == nil }.allSatisfy { $0.deltaAicc == nil && $0.aiccWeight == nil })
            // Weighted fits within 2 of the best's AICc, not equal to it, are named on the best, each with its
            // ΔAICc and weight (foreign language: Richards beside Bass); elsewhere no such note.
            let close = weighted.filter { $0.rank! > 1 && $0.deltaAicc! < 2 && !tied($0.aicc!, lowest) }
            let closeNote = best.notes.first { $0.contains("within 2 of this fit's AICc") }
            #expect((closeNote != nil) == !close.isEmpty, "\(series)")
            if let closeNote {
                nearTies.append(series)
                for fit in close {
                    let named = "\(["bass": "Bass", "logistic": "Logistic", "gompertz": "Gompertz", "richards": "Richards"][fit.model] ?? fit.model) (ΔAICc \(Self.significant(fit.deltaAicc!)), weight \(Self.significant(fit.aiccWeight!))"
                    #expect(closeNote.contains(named), "\(series): \(closeNote) does not name \(named)")
                }
                #expect(closeNote.contains("(weight \(Self.significant(best.aiccWeight!)), m = "), "\(closeNote)")
            }
        }
        #expect(nearTies == ["foreign_language"])
    }

    /// Three significant digits, as the notes write ΔAICc and weights (1.16, 0.342).
    static func significant(_ x: Double) -> String {
        let digits = max(0, 2 - Int(Foundation.floor(Foundation.log10(abs(x)))))
        var text = String(format: "%.\(digits)f", x)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    @Test("JSON keys: with --model auto every fit has rank, delta_aicc and aicc_weight, null when not ranked")
    func jsonRankKeys() throws {
        for (model, ranked) in [("auto", true), ("bass", false)] {
            let run = try Durables.run(Durables.fit("--model", model, "--format", "json"))
            let object = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
            #expect(object["ranked"] as? Bool == ranked, "\(model)")
            let fits = try #require(object["fits"] as? [[String: Any]])
            #expect(!fits.isEmpty)
            // Some fits are not ranked (the exponential is not identified on most durables; no fit
            // of one model is): null, not left out.
            let unranked = fits.filter { $0["rank"] is NSNull }
            #expect(ranked ? !unranked.isEmpty : unranked.count == fits.count)
            #expect(unranked.allSatisfy { $0["delta_aicc"] is NSNull && $0["aicc_weight"] is NSNull })
        }
    }

    /// Runs whose JSON must have one shape: the same keys on every object at a path.
    static let shapes: [[String]] = [
        ["--model", "bass"], ["--model", "auto"], ["--model", "auto", "--holdout", "3"], ["--model", "exponential"],
        ["--model", "bass", "--profile", "--horizon", "1975"], ["--model", "richards", "--holdout", "2", "--profile"],
        ["--formula", "b1/(1+exp(b2-b3*x))", "--start", "b1=5000,b2=10,b3=0.005", "--x", "year"],
    ]

    @Test("JSON: every object of a list has the same keys, a missing value as null", arguments: shapes)
    func jsonEvenKeys(_ options: [String]) throws {
        let run = try Durables.run(Durables.fit(options + ["--format", "json"]))
        let json = try JSONSerialization.jsonObject(with: run.stdoutData)
        #expect(unevenLists(json) == [])
    }

    @Test("JSON: the same keys whatever the options (objects at the same place have the same keys)")
    func jsonOneShape() throws {
        let runs = try Self.shapes.map { options in
            objectKeys(try JSONSerialization.jsonObject(
                with: try Durables.run(Durables.fit(options + ["--format", "json"])).stdoutData))
        }
        let first = try #require(runs.first)
        // Every path's objects have one set of keys, in whichever runs have them.
        var seen: [String: (keys: Set<String>, run: String)] = [:]
        for (options, keys) in zip(Self.shapes, runs) {
            let run = options.joined(separator: " ")
            for (path, names) in keys {
                if let earlier = seen[path] {
                    #expect(names == earlier.keys, "\(path): \(run) against \(earlier.run)")
                } else {
                    seen[path] = (names, run)
                }
            }
        }
        // The first run has every kind of object but the profile intervals and held-out measures.
        #expect(Set(runs.flatMap(\.keys)).subtracting(first.keys) ==
                [".fits[].parameters[].profile", ".fits[].holdout"])
    }

    /// A row commented out with '#', or a note with numbers in it, is skipped as a comment (the
    /// rows of a series named '#…' written without quotes are refused: `BadInputTests`).
    @Test("a commented-out row and a note with numbers are comments",
          arguments: [("#Color TV,1965,2646", [4]), ("# TV,1965,2646", [4]), ("# Revised in 2019, 2020, 2021", [4]),
                      ("#Color TV,1965,2646\n# Color TV,1966,4900", [4, 5]),
                      ("# Source: Census Bureau, table 12, 1999\n# Source: Census Bureau, table 14, 2001", [4, 5]),
                      ("#color tv,1965,2646\n#color tv,1966,4900", [4, 5]),
                      ("# B&W TV,1960,3000\n# B&W TV,1961,3100\n# B&W TV,1962,3000", [4, 5, 6])])
    func commentedOutRow(_ comments: String, _ lines: [Int]) throws {
        try withTemporaryDirectory { dir in
            let text = "series,year,adopters\nColor TV,1963,747\nColor TV,1964,1480\n" + comments
                + "\nColor TV,1965,3104\nColor TV,1966,5100\nColor TV,1967,5900\nColor TV,1968,6200\n"
            try text.write(to: dir.appendingPathComponent("c.csv"), atomically: true, encoding: .utf8)
            let run = try runAdoptRaw(["fit", "--data", "c.csv", "--series", "series", "--y", "adopters", "--model", "logistic",
                                       "--format", "json"], in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any]
            #expect(json?["comment_lines"] as? [Int] == lines)
        }
    }

    /// A line after the header that starts with # is a comment (the rows of a series named '#…' are
    /// refused: `BadInputTests`). Every format names the lines skipped so, commas and all.
    @Test("lines skipped as comments after the header are named in every format")
    func commentLinesAreNamed() throws {
        try withTemporaryDirectory { dir in
            try "# notes\nseries,year,adopters\n# AC, 1950, revised\nb,1950,1\nb,1951,3\nb,1952,7\nb,1953,12\n# b, 1954: see, source\nb,1955,20\n"
                .write(to: dir.appendingPathComponent("hash.csv"), atomically: true, encoding: .utf8)
            let args = ["fit", "--data", "hash.csv", "--series", "series", "--y", "adopters", "--model", "logistic", "--format"]
            let md = try runAdoptRaw(args + ["md"], in: dir)
            #expect(md.status == 0, "stderr: \(md.stderr)")
            #expect(md.stdout.contains("Skipped as comments after the header: lines 3 and 8 (a line starting with # is a comment"))
            #expect(try runAdoptRaw(args + ["csv"], in: dir).stdout.contains("\n# skipped as comments after the header: lines 3 and 8\n"))
            let json = try JSONSerialization.jsonObject(with: try runAdoptRaw(args + ["json"], in: dir).stdoutData) as? [String: Any]
            #expect(json?["comment_lines"] as? [Int] == [3, 8])
            let plain = try runAdoptRaw(["fit", "--data", "hash.csv", "--series", "series", "--y", "adopters", "--format", "md"].map {
                $0 == "hash.csv" ? Fixtures.repositoryRoot.appendingPathComponent("Data/series/durables.csv").path : $0
            }, in: dir)
            #expect(!plain.stdout.contains("Skipped as comments"))
        }
    }

    @Test("CSV: header, then one row per series × parameter", arguments: [("bass", 3), ("auto", 15)])
    func csvRows(_ model: String, _ parametersPerSeries: Int) throws {
        let run = try Durables.run(Durables.fit("--model", model, "--format", "csv"))
        let csv = SimpleCSV(text: run.stdout)
        let header = csv.header
        #expect(Array(header.prefix(2)) == ["series", "model"])
        let wanted = ["parameter", "estimate", "std_error", "ci_low", "ci_high"]
        let start = try #require(header.firstIndex(of: "parameter"), "header: \(header)")
        #expect(Array(header[start..<min(start + wanted.count, header.count)]) == wanted, "header: \(header)")

        #expect(csv.rows.count == 7 * parametersPerSeries)
        #expect(csv.rows.allSatisfy { $0.count == header.count }, "a row's width differs from the header")
        var order: [String] = []
        for s in csv.column("series") where order.last != s { order.append(s) }
        #expect(order == Durables.seriesOrder)
        let keys = csv.records.map { [$0["series"] ?? "", $0["model"] ?? "", $0["parameter"] ?? ""] }
        #expect(Set(keys).count == keys.count, "a series × model × parameter appears twice")
        for record in csv.records where record["converged"] == "true" {
            #expect(Double(record["estimate"] ?? "") != nil, "\(record)")
        }

        // The CSV's numbers are the JSON's, digit for digit.
        let json = try ReportJSON.decode(try Durables.run(Durables.fit("--model", model, "--format", "json")).stdoutData)
        let jsonEstimates = json.fits.flatMap { fit in
            fit.parameters.map { [fit.series ?? "", fit.model, $0.name, $0.estimate.map { "\($0)" } ?? ""] }
        }
        let csvEstimates = csv.records.map { r in
            [r["series"] ?? "", r["model"] ?? "", r["parameter"] ?? "", r["estimate"].flatMap(Double.init).map { "\($0)" } ?? ""]
        }
        #expect(csvEstimates == jsonEstimates)
        // So are the launch and the milestones, on every row of a fit.
        let jsonSummaries = json.fits.flatMap { fit in
            let m = fit.milestones
            let values = [m?.takeoff, m?.peak, m?.saturationOnset, m?.peakRate, m?.fraction10, m?.fraction50, m?.fraction90, fit.launch]
            return fit.parameters.map { _ in [fit.series ?? "", fit.model] + values.map { $0.map { "\($0)" } ?? "" } }
        }
        let csvSummaries = csv.records.map { r in
            [r["series"] ?? "", r["model"] ?? ""] + ["takeoff", "peak", "saturation_onset", "peak_rate", "fraction10", "fraction50",
                                                     "fraction90", "launch"].map { r[$0].flatMap(Double.init).map { "\($0)" } ?? "" }
        }
        #expect(csvSummaries == jsonSummaries)
        #expect(csv.records.contains { $0["fraction50"].flatMap(Double.init) != nil && $0["launch"] == "1949" })
    }

    @Test("CSV curve table: one row per series × model × x, the JSON curve's numbers", arguments: ["bass", "auto"])
    func csvCurve(_ model: String) throws {
        let extra = ["--model", model, "--horizon", "1975", "--holdout", "2"]
        let run = try Durables.run(Durables.fit(extra + ["--format", "csv", "--table", "curve"]))
        let csv = SimpleCSV(text: run.stdout)
        #expect(csv.header == ["series", "model", "status", "x", "label", "observed", "fitted", "ci_low", "ci_high",
                               "pi_low", "pi_high", "held_out", "cumulative", "cumulative_ci_low", "cumulative_ci_high", "share",
                               "per_period", "per_period_ci_low", "per_period_ci_high", "level"])
        #expect(csv.rows.allSatisfy { $0.count == csv.header.count }, "a row's width differs from the header")
        #expect(csv.column("level").allSatisfy { $0 == "0.95" })
        let json = try ReportJSON.decode(try Durables.run(Durables.fit(extra + ["--format", "json"])).stdoutData)
        func text(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        let jsonRows = json.fits.flatMap { fit in
            fit.curve.map { p in
                [fit.series ?? "", fit.model, text(p.x), text(p.observed), text(p.fitted), text(p.ciLow), text(p.ciHigh),
                 text(p.piLow), text(p.piHigh), p.heldOut == true ? "true" : "false",
                 text(p.cumulative), text(p.cumulativeCiLow), text(p.cumulativeCiHigh), text(p.share),
                 text(p.perPeriod), text(p.perPeriodCiLow), text(p.perPeriodCiHigh)]
            }
        }
        let csvRows = csv.records.map { r in
            [r["series"] ?? "", r["model"] ?? ""] + ["x", "observed", "fitted", "ci_low", "ci_high", "pi_low", "pi_high"].map {
                text(r[$0].flatMap(Double.init))
            } + [r["held_out"] ?? ""] + ["cumulative", "cumulative_ci_low", "cumulative_ci_high", "share", "per_period",
                                         "per_period_ci_low", "per_period_ci_high"].map {
                text(r[$0].flatMap(Double.init))
            }
        }
        #expect(!csvRows.isEmpty)
        #expect(csvRows == jsonRows)
        // Every series' curve reaches the horizon; past its data nothing is observed (two series run past 1975).
        let lastYears = csv.records.filter { $0["x"] == "1975" && $0["status"] == "converged" }
        #expect(Set(lastYears.map { $0["series"] ?? "" }) == Set(Durables.seriesOrder))
        #expect(lastYears.allSatisfy { $0["fitted"] != "" })
        #expect(lastYears.filter { $0["observed"] == "" }.count >= 5)
        // The series whose data run past the horizon say that their curves end with their data; the others do not.
        for fit in json.fits where fit.status == "converged" {
            let last = try #require(fit.curve.last?.x)
            #expect(fit.notes.contains { $0.hasPrefix("--horizon 1975 is not after this series' last x") } == (last > 1975),
                    "\(fit.series ?? "") \(fit.model)")
        }
    }

    @Test("--horizon +N extends each series' curve N periods past its own last x, as --horizon at that x would")
    func periodsAhead() throws {
        let ahead = try ReportJSON.decode(try Durables.run(Durables.fit("--format", "json", "--horizon", "+2")).stdoutData).fits
        #expect(ahead.map(\.series) == Durables.seriesOrder.map { Optional($0) })
        // The same points as --horizon at that x: one run of the file for each x the series end at plus two.
        var atHorizon: [Int: [ReportJSON.Fit]] = [:]
        for fit in ahead {
            let observed = fit.curve.filter { $0.observed != nil }
            let last = try #require(observed.last?.x)
            #expect(fit.curve.map(\.x).suffix(2) == [last + 1, last + 2] && fit.curve.count == observed.count + 2, "\(fit.series ?? "")")
            #expect(!fit.notes.contains { $0.hasPrefix("--horizon") })
            let horizon = Int(last) + 2
            if atHorizon[horizon] == nil {
                atHorizon[horizon] = try withTemporaryDirectory { dir in
                    try Durables.copy(into: dir)
                    return try fitJSON(["--data", "durables.csv", "--y", "adopters", "--series", "series", "--horizon", String(horizon)], in: dir)
                }
            }
            let same = atHorizon[horizon]?.first { $0.series == fit.series }
            #expect(same?.curve.map(\.fitted) == fit.curve.map(\.fitted) && same?.curve.map(\.piHigh) == fit.curve.map(\.piHigh))
        }
    }

    @Test("one --launch long before a series' data (more periods than they span) is said on that series' fit, and not on one it suits")
    func launchFarBefore() throws {
        let data = "series,year,adopters\nA,1950,5\nA,1951,9\nA,1952,20\nA,1953,30\nA,1954,42\nA,1955,40\nA,1956,30\n"
            + "B,2018,3\nB,2019,7\nB,2020,9\nB,2021,15\n"
        let fits = try withTemporaryDirectory { dir in
            try write(data, to: "two.csv", in: dir)
            return try fitJSON(["--data", "two.csv", "--series", "series", "--launch", "1948"], in: dir)
        }
        #expect(fits.map { $0.notes.contains { $0.hasPrefix("the launch 1948 (--launch) is") } } == [false, true])
        // B starting with A, both long after the launch: the launch is no more A's than B's, and neither gets the note.
        let together = try withTemporaryDirectory { dir in
            try write(data.replacingOccurrences(of: "B,20", with: "B,19").replacingOccurrences(of: "B,1918", with: "B,1951")
                        .replacingOccurrences(of: "B,1919", with: "B,1952").replacingOccurrences(of: "B,1920", with: "B,1953")
                        .replacingOccurrences(of: "B,1921", with: "B,1954"), to: "two.csv", in: dir)
            return try fitJSON(["--data", "two.csv", "--series", "series", "--launch", "1930"], in: dir)
        }
        #expect(together.count == 2 && together.allSatisfy { !$0.notes.contains { $0.hasPrefix("the launch 1930") } })
        #expect(fits[1].notes.contains("the launch 1948 (--launch) is 70 periods before this series' first x, 2018, more than its data span: "
                                       + "the curve is fitted as if adoption began then; if that is another series' launch, give this one its own (--launch SERIES:PERIOD)"))
    }

    @Test("--launch SERIES:PERIOD sets one series' launch in place of the one for every series; its fit is that series' alone with --launch")
    func launchOfOneSeries() throws {
        let data = "series,year,adopters\nA,1950,5\nA,1951,9\nA,1952,20\nA,1953,30\nA,1954,42\nA,1955,40\nA,1956,30\n"
            + "B,2018,3\nB,2019,7\nB,2020,9\nB,2021,15\n"
        try withTemporaryDirectory { dir in
            try write(data, to: "two.csv", in: dir)
            func fits(_ options: [String], file: String = "two.csv") throws -> [ReportJSON.Fit] {
                try fitJSON(["--data", file, "--series", "series"] + options, in: dir)
            }
            let both = try fits(["--launch", "1948", "--launch", "B:2016"])
            let plain = try fits(["--launch", "1948"]), own = try fits(["--launch", "B:2016"])
            try write("series,year,adopters\nB,2018,3\nB,2019,7\nB,2020,9\nB,2021,15\n", to: "b.csv", in: dir)
            let alone = try fits(["--launch", "2016"], file: "b.csv")
            #expect(both[0].parameters.map(\.estimate) == plain[0].parameters.map(\.estimate))
            #expect(both[1].parameters.map(\.estimate) == alone[0].parameters.map(\.estimate))
            #expect(own[1].parameters.map(\.estimate) == alone[0].parameters.map(\.estimate))
            // A keeps its own first year without a launch for every series; B's own launch takes the note away.
            #expect(own[0].parameters.map(\.estimate) == (try fits([]))[0].parameters.map(\.estimate))
            #expect(both.allSatisfy { !$0.notes.contains { $0.contains("if that is another series' launch") } })
            // A series with its own launch gets no note that asks for one, nor one about the launch for the others.
            try write(data + "C,2000,90\nC,2001,60\nC,2002,40\nC,2003,25\n", to: "three.csv", in: dir)
            let peaked = try fits(["--launch", "2010", "--launch", "A:1948", "--launch", "C:1995"], file: "three.csv")
            #expect(peaked.allSatisfy { $0.notes.allSatisfy { !$0.contains("--launch") } }, "\(peaked.map(\.notes))")
            #expect(try fits([], file: "three.csv")[2].notes.contains { $0.hasPrefix("the series is highest in its first period") })
            for (options, code, message) in [
                (["--launch", "5", "--launch", "A:1948", "--launch", "B:2016"], Int32(64),
                 "--launch '5' applies to no series: every series has its own (SERIES:PERIOD)"),
                (["--launch", "C:2016"], Int32(64), "--launch: no series 'C' in 'two.csv'; the series are 'A', 'B'"),
                (["--launch", "1948", "--launch", "1949"], 64, "--launch is given twice for every series ('1948', then '1949')"),
                (["--launch", "B:2016", "--launch", "B:2017"], 64, "--launch: series 'B' is given twice; give it once"),
                (["--launch", "B:2019"], 65, "two.csv:9: field 'year': series 'B' has an observation at 2018, before the launch 2019"),
                (["--launch", "B:1000"], 64, "--launch B:1000 is more than 1000 periods before the data (2018)"),
            ] {
                let run = try runAdopt(["fit", "--data", "two.csv", "--series", "series"] + options, in: dir)
                #expect(run.status == code && run.stdout.isEmpty)
                #expect(run.stderr.contains(message), "\(run.stderr)")
            }
        }
    }

    @Test("a wrong launch for one series is named whole in its message, with a period suggested by that series' own first", arguments: [
        ("FR:2007", "--launch FR:2007: column 'quarter' holds periods, so name one as they do ('FR:2007Q1')"),
        ("FR:H1 2008", "--launch 'FR:H1 2008' is not a period like those of column 'quarter' ('FR:2007Q4')"),
        ("FR:2008Q5", "--launch: 'FR:2008Q5' names no period: there is no quarter 5"),
        ("FR:abc", "--launch: 'abc' is not a decimal number"),
    ])
    func launchOfOneSeriesMistakes(_ value: String, _ message: String) throws {
        let rows = ["FR,2008Q1,2", "FR,2008Q2,5", "FR,2008Q3,9", "FR,2008Q4,12", "FR,2009Q1,10",
                    "DE,2007Q3,1", "DE,2007Q4,3", "DE,2008Q1,7", "DE,2008Q2,12", "DE,2008Q3,10"]
        let run = try withTemporaryDirectory { dir in
            try write("series,quarter,units\n" + rows.joined(separator: "\n") + "\n", to: "q.csv", in: dir)
            return try runAdopt(["fit", "--data", "q.csv", "--series", "series", "--x", "quarter", "--launch", value], in: dir)
        }
        #expect(run.status == 64 && run.stdout.isEmpty)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("a series' own launch may be a timestamp, whose colons are not the series'")
    func launchOfOneSeriesAtATimestamp() throws {
        let months = (1...8).map { String(format: "2021-%02d-01 00:00:00", $0) }
        let values = [2.0, 5, 11, 19, 24, 21, 14, 8]
        let rows = ["DE", "FR"].flatMap { name in zip(months, values).map { "\(name),\($0),\($1)" } }
        try withTemporaryDirectory { dir in
            try write("series,month,units\n" + rows.joined(separator: "\n") + "\n", to: "m.csv", in: dir)
            try write("series,month,units\n" + rows.filter { $0.hasPrefix("DE") }.joined(separator: "\n") + "\n", to: "de.csv", in: dir)
            func fits(_ file: String, _ launch: String) throws -> [ReportJSON.Fit] {
                try fitJSON(["--data", file, "--series", "series", "--x", "month", "--launch", launch], in: dir)
            }
            let own = try fits("m.csv", "DE:2020-10-01 00:00:00"), alone = try fits("de.csv", "2020-10-01 00:00:00")
            #expect(own[0].parameters.map(\.estimate) == alone[0].parameters.map(\.estimate))
            #expect(own[1].parameters.map(\.estimate) != own[0].parameters.map(\.estimate))
        }
    }

    @Test("--horizon +N outside 1 to 1000 is a usage error that says what to give", arguments: ["+0", "+1001", "+2.5", "+x", "++3", "+ 3"])
    func periodsAheadMistakes(_ value: String) throws {
        let run = try withTemporaryDirectory { dir in
            try Durables.copy(into: dir)
            return try runAdopt(Durables.fit("--horizon", value), in: dir)
        }
        #expect(run.status == 64 && run.stdout.isEmpty)
        #expect(run.stderr.contains("--horizon \(value): give +N, N a whole number of periods from 1 to 1000"), "\(run.stderr)")
    }

    @Test("--horizon +N needs numeric x or periods, as --horizon at an x does: labels that are no periods have none after them")
    func periodsAheadOfLabels() throws {
        try withTemporaryDirectory { dir in
            let waves = ["A", "B", "C", "D", "E", "F"].enumerated().map { "wave \($0.element),\([3, 9, 20, 28, 22, 12][$0.offset])" }
            try write("wave,value\n" + waves.joined(separator: "\n") + "\n", to: "waves.csv", in: dir)
            for horizon in ["+2", "9"] {
                let run = try runAdopt(["fit", "--data", "waves.csv", "--x", "wave", "--horizon", horizon], in: dir)
                #expect(run.status == 64 && run.stdout.isEmpty)
                #expect(run.stderr.contains("--horizon needs numeric x or periods (quarters, months, …); column 'wave' holds labels that are no periods"),
                        "\(run.stderr)")
            }
        }
    }

    @Test("with period labels, a milestone names the label of the period it falls in")
    func labelledMilestones() throws {
        let name = "apple_iphone_quarterly_sales_rossi.csv"
        let csv = try SimpleCSV(url: Fixtures.repositoryRoot.appendingPathComponent("Data/series/\(name)"))
        let labels = csv.column("year")
        try withTemporaryDirectory { dir in
            try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Data/series/\(name)"),
                                             to: dir.appendingPathComponent(name))
            let run = try runAdopt(["fit", "--data", name, "--x", "year", "--y", "value"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            // The milestones' own sentence (their intervals' follows, "Their 95 % intervals: …").
            let whole = try #require(lines(run.stdout).first { $0.hasPrefix("Milestones:") })
            let line = String(try #require(whole.components(separatedBy: " Their ").first))
            // "21.7 (Q3 '12)": period 21 (x = k covers [k, k + 1)) is the 21st row's label; past the
            // data (23 quarters from Q3 '07), the quarter k − 1 after Q3 '07, written as the rows write theirs.
            func quarter(_ k: Int) -> String {
                let months = 6 + (k - 1) * 3
                return "Q\(months % 12 / 3 + 1) '" + String(format: "%02d", (7 + months / 12) % 100)
            }
            let named = try Regex(#"(\d+\.\d) \(([^)]+)\)"#)
            var count = 0, past = 0
            for match in line.matches(of: named) where !(match.output[2].substring ?? "").hasSuffix("per period") {
                let value = try #require(Double(String(match.output[1].substring ?? "")))
                let label = String(match.output[2].substring ?? "")
                let period = Int(value.rounded(.down))
                if period <= labels.count {
                    #expect(labels[period - 1] == label, "\(value) (\(label))")
                } else {
                    #expect(quarter(period) == label, "\(value) (\(label))")
                    past += 1
                }
                count += 1
            }
            #expect(labels.count == 23 && quarter(23) == labels[22] && quarter(1) == labels[0])
            #expect(count == 6 && past >= 2, "\(line)")
            // The CSV names the periods of the takeoff, peak and saturation onset as the Markdown does.
            let csvRun = try runAdopt(["fit", "--data", name, "--x", "year", "--y", "value", "--format", "csv"], in: dir)
            let row = try #require(SimpleCSV(text: csvRun.stdout).records.first)
            func shown(_ column: String) throws -> String {
                let value = try #require(row[column].flatMap(Double.init))
                let label = try #require(row[column + "_period"])
                return "\(String(format: "%.1f", (value * 10).rounded(.down) / 10)) (\(label))"
            }
            for (column, words) in [("takeoff", "takeoff "), ("peak", "peak "), ("saturation_onset", "saturation onset ")] {
                let text = try shown(column)
                #expect(line.contains(words + text), "\(column)")
            }
            // And of the times at which 10, 50 and 90 % have adopted, in that order.
            let fractions = "reached at \(try shown("fraction10")) / \(try shown("fraction50")) / \(try shown("fraction90"))."
            #expect(line.contains(fractions), "\(fractions) not in \(line)")
        }
    }

    /// A logistic with its midpoint 97 % through the fifth quarter (2011Q1), fitted exactly: a rounded
    /// 6.0 would name 2011Q2.
    @Test("a milestone late in its period is cut, not rounded, and names that period")
    func milestoneLateInItsPeriod() throws {
        var text = "period,adopters\n"
        for i in 0..<12 {
            let t = Double(i + 1)
            text += "\(2010 + i / 4)Q\(i % 4 + 1),\(1000 / (1 + Foundation.exp(-0.8 * (t - 4.97))))\n"
        }
        try withTemporaryDirectory { dir in
            try write(text, to: "quarters.csv", in: dir)
            let args = ["fit", "--data", "quarters.csv", "--x", "period", "--y", "adopters", "--cumulative", "--model", "logistic"]
            let json = try runAdoptRaw(args + ["--format", "json"], in: dir)
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
            let fit = try #require((object["fits"] as? [[String: Any]])?.first)
            let milestones = try #require(fit["milestones"] as? [String: Any])
            #expect(abs(try #require(milestones["fraction50"] as? Double) - 5.97) < 1e-6)
            let run = try runAdopt(args, in: dir)
            let line = try #require(lines(run.stdout).first { $0.hasPrefix("Milestones:") })
            #expect(line.contains("peak 5.9 (2011Q1)") && line.contains("/ 5.9 (2011Q1) /"), "\(line)")
            // t0 is model time: 4.97 periods from the start of the first, the curve's own midpoint.
            #expect(line.hasSuffix(" t0 counts periods from the start of the launch period, period 1 (2010Q1): t0 = 4.97 is 5.9 (2011Q1)."), "\(line)")
        }
    }

    @Test("a formula not finite at the data says at which x and line", arguments: ["a/(x-1)", "a*sqrt(x-3)", "a*log(x-1)"])
    func formulaNotFinite(_ formula: String) throws {
        try withTemporaryDirectory { dir in
            try write("x,y\n1,2\n2,3\n3,5\n4,8\n", to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--x", "x", "--y", "y", "--formula", formula,
                                    "--start", "a=1", "--format", "json"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let fit = try #require(try ReportJSON.decode(Data(run.stdout.utf8)).fits.first)
            #expect(fit.status == "non_finite")
            #expect(fit.message.contains("x = 1 (line 2)"), "\(fit.message)")
            // No start reached a finite curve: no estimate (not the start's 1), in every format.
            #expect(fit.parameters.map(\.name) == ["a"] && fit.parameters.allSatisfy { $0.estimate == nil }, "\(fit.parameters)")
            #expect(fit.curve.count == 4 && fit.curve.allSatisfy { $0.fitted == nil }, "the start's curve: \(fit.curve.map(\.fitted))")
            let base = ["fit", "--data", "data.csv", "--x", "x", "--y", "y", "--formula", formula, "--start", "a=1"]
            let csv = SimpleCSV(text: try runAdopt(base + ["--format", "csv"], in: dir).stdout)
            #expect(csv.records.count == 1 && csv.records.first?["estimate"] == "")
            let md = try runAdopt(base, in: dir).stdout
            #expect(md.contains("| a | – | – | – | – |") && md.contains("gave a finite curve."), "\(md)")
        }
    }

    /// A formula's curve is not an adoption curve: the report's preamble does not speak of intervals
    /// truncated at zero or of milestones, which an adoption model's does.
    @Test("Markdown: a formula's report says nothing of truncated intervals or milestones")
    func formulaPreamble() throws {
        try withTemporaryDirectory { dir in
            try write("year,adopters\n2000,10\n2001,25\n2002,40\n2003,30\n2004,15\n", to: "data.csv", in: dir)
            let formula = try runAdopt(["fit", "--data", "data.csv", "--formula", "a*exp(-b*(x-2002)^2)", "--start", "a=40,b=0.5"], in: dir)
            #expect(formula.status == 0, "stderr: \(formula.stderr)")
            #expect(formula.stdout.contains("The estimates' and fitted values' units follow the formula and the data. Intervals are 95 %"))
            #expect(!formula.stdout.contains("truncated at zero") && !formula.stdout.contains("Milestones"))
            let model = try runAdopt(["fit", "--data", "data.csv", "--model", "logistic"], in: dir)
            #expect(model.stdout.contains("truncated at zero") && model.stdout.contains("Milestones are calendar times"))
        }
    }

    @Test("a fit through every point says why it has no standard errors")
    func exactFit() throws {
        try withTemporaryDirectory { dir in
            try write("year,adopters\n2000,10\n2001,25\n2002,40\n", to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--model", "logistic"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.contains("### Logistic, per-period data: converged"))
            #expect(run.stdout.contains("Note: as many observations as parameters: the curve passes through every point"))
            // Its RSS is rounding: no AIC or BIC is made of it.
            #expect(run.stdout.contains("AIC = –") && run.stdout.contains("BIC = –"), "\(run.stdout)")
            let json = try runAdoptRaw(["fit", "--data", "data.csv", "--y", "adopters", "--model", "logistic", "--format", "json"], in: dir)
            let fit = try #require(try ReportJSON.decode(json.stdoutData).fits.first)
            #expect(fit.aic == nil && fit.bic == nil && fit.aicc == nil)
            #expect(fit.notes.contains { $0.hasPrefix("as many observations as parameters") })
        }
    }

    @Test("a per-period series that starts at its peak gets a note, unless --launch places the launch")
    func startsAtPeak() throws {
        try withTemporaryDirectory { dir in
            try write("year,adopters\n2010,900\n2011,700\n2012,560\n2013,420\n2014,300\n2015,220\n2016,150\n",
                      to: "data.csv", in: dir)
            let base = ["fit", "--data", "data.csv", "--y", "adopters"]
            let markdown = try runAdoptRaw(base, in: dir)
            #expect(markdown.status == 0 && markdown.stdout.contains("Note: the series is highest in its first period"))
            let json = try runAdoptRaw(base + ["--format", "json"], in: dir)
            let fit = try #require(try ReportJSON.decode(json.stdoutData).fits.first)
            // (Another says the saturation onset's interval reaches before the launch.)
            let notes = fit.notes.filter { !$0.contains("reaches before the launch") }
            #expect(notes.count == 1 && notes[0].hasSuffix("give its start with --launch YEAR"), "\(fit.notes)")
            // Quarters: --launch takes a period as the column names them, and the note says so.
            try write("quarter,adopters\n2020Q1,900\n2020Q2,700\n2020Q3,560\n2020Q4,420\n2021Q1,300\n2021Q2,220\n",
                      to: "quarters.csv", in: dir)
            let quarters = try runAdoptRaw(["fit", "--data", "quarters.csv", "--x", "quarter", "--format", "json"], in: dir)
            // (The other note gives the rate per year.)
            #expect(try #require(try ReportJSON.decode(quarters.stdoutData).fits.first).notes.first
                    == "the series is highest in its first period, which is taken as the launch: the curve is fitted as a market "
                        + "that peaked at once; if adoption began earlier, give its start with --launch and its period, such as 2019Q1")
            // With the launch given, the note that remains counts the adopters placed before the data.
            let launched = try runAdoptRaw(base + ["--format", "json", "--launch", "2000"], in: dir)
            #expect(try #require(try ReportJSON.decode(launched.stdoutData).fits.first).notes.allSatisfy { $0.hasPrefix("the launch, 2000, is 10 periods") })
            // A series that rises first has none.
            let durables = try Durables.run(Durables.fit("--format", "json"))
            #expect(try ReportJSON.decode(durables.stdoutData).fits.allSatisfy { !$0.notes.contains { $0.contains("highest in its first period") } })
        }
    }

    @Test("a curve whose rate falls from launch on peaks at launch, in the JSON, CSV and Markdown alike", arguments: ["bass", "exponential"])
    func peakAtLaunch(_ model: String) throws {
        try withTemporaryDirectory { dir in
            // Sales falling from launch, faster and faster: Bass fits q < p, whose rate is highest at launch.
            try write("year,adopters\n2010,1373.9\n2011,1081.5\n2012,808.5\n2013,579.8\n2014,397.8\n2015,262.9\n2016,171.3\n"
                      + "2017,112.0\n2018,73.2\n2019,47.1\n", to: "data.csv", in: dir)
            let base = ["fit", "--data", "data.csv", "--model", model]
            let json = try runAdoptRaw(base + ["--format", "json"], in: dir)
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
            let fit = try #require((object["fits"] as? [[String: Any]])?.first)
            let milestones = try #require(fit["milestones"] as? [String: Any])
            #expect(fit["status"] as? String == "converged")
            #expect(milestones["peak"] as? Double == 2010 && fit["launch"] as? Double == 2010)
            #expect((milestones["peak_rate"] as? Double ?? 0) > 1373.9)
            let csv = SimpleCSV(text: try runAdopt(base + ["--format", "csv"], in: dir).stdout)
            #expect(!csv.records.isEmpty && csv.records.allSatisfy { $0["peak"] == "2010" })
            let markdown = try runAdopt(base, in: dir).stdout
            #expect(markdown.contains("peak at launch, 2010.0 ("), "\(markdown)")
        }
    }

    @Test("running totals far above a period's rise at the start (a stock built before the data) get a note for Bass and exponential saturation, unless --launch places the launch")
    func stockBeforeData() throws {
        try withTemporaryDirectory { dir in
            // The Netherlands' car stock, 1965–1974 (Franses 1994), thousands.
            try write("year,cars\n1965,1273\n1966,1502\n1967,1696\n1968,1952\n1969,2212\n1970,2465\n1971,2702\n1972,2903\n"
                      + "1973,3080\n1974,3214\n", to: "stock.csv", in: dir)
            let base = ["fit", "--data", "stock.csv", "--cumulative", "--format", "json"]
            let auto = try ReportJSON.decode(try runAdoptRaw(base + ["--model", "auto"], in: dir).stdoutData)
            let note = "the first running total (1273) is 4.9 times the largest rise in a period (260): adoption began before the "
                + "data, and the curve starts from 0 at the start of the first period; give the start of adoption with --launch"
            #expect(auto.fits.count == 5)
            for fit in auto.fits {
                #expect(fit.notes.contains(note) == ["bass", "exponential"].contains(fit.model), "\(fit.model): \(fit.notes)")
            }
            let launched = try ReportJSON.decode(try runAdoptRaw(base + ["--launch", "1950"], in: dir).stdoutData)
            #expect(try #require(launched.fits.first).notes.allSatisfy { !$0.hasPrefix("the first running total") })
            // A burst at launch whose rises fall away (exponential saturation, m = 1000, p = 1): none.
            let burst = (1...8).map { t in "\(2000 + t),\(1000 * (1 - Foundation.exp(-Double(t))))" }.joined(separator: "\n")
            try write("year,total\n" + burst + "\n", to: "burst.csv", in: dir)
            let exponential = try ReportJSON.decode(try runAdoptRaw(["fit", "--data", "burst.csv", "--cumulative", "--model", "exponential",
                                                                     "--format", "json"], in: dir).stdoutData)
            let burstFit = try #require(exponential.fits.first)
            #expect(burstFit.status == "converged")
            #expect(burstFit.notes.allSatisfy { !$0.hasPrefix("the first running total") }, "\(burstFit.notes)")
            // Running totals from launch (clothes dryers): none.
            try write("year,total\n1949,106\n1950,425\n1951,917\n1952,1552\n1953,2289\n", to: "totals.csv", in: dir)
            let totals = try ReportJSON.decode(try runAdoptRaw(["fit", "--data", "totals.csv", "--cumulative", "--format", "json"],
                                                               in: dir).stdoutData)
            #expect(try #require(totals.fits.first).notes.allSatisfy { !$0.hasPrefix("the first running total") })
        }
    }

    @Test("a t interval reaching below its parameter's lower limit (p < 0) gets a note; the profile interval stays inside")
    func intervalsOutsideDomain() throws {
        let plain = try ReportJSON.decode(Durables.run(Durables.fit("--format", "json")).stdoutData).fits
        let profiled = try ReportJSON.decode(Durables.run(Durables.fit("--format", "json", "--profile")).stdoutData).fits
        var noted = 0
        for (fit, withProfile) in zip(plain, profiled) {
            let outside = fit.parameters.filter { p in p.ciLow.map { $0 < 0 } ?? false }
            let note = fit.notes.first { $0.contains("t interval of") }
            #expect((note != nil) == !outside.isEmpty, "\(fit.series ?? ""): \(fit.notes)")
            guard let note else { continue }
            noted += 1
            for p in outside {
                #expect(note.contains("'\(p.name)'") && note.contains("profile intervals (--profile)"), "\(note)")
                // The profile interval the note points to starts inside the domain.
                let profile = try #require(withProfile.parameters.first { $0.name == p.name }?.profile)
                #expect(profile.low.map { $0 >= 0 } ?? true, "\(p.name): \(profile)")
            }
            #expect(withProfile.notes.contains { $0.contains("the profile intervals follow the likelihood and stay inside") })
        }
        // Four of the seven Bass fits have p's reaching below 0 (ultrasound, mammography, foreign
        // language, accelerated program).
        #expect(noted >= 4)
    }

    @Test("--data - reads the standard input: the fits of the file, the input named as the standard input")
    func standardInput() throws {
        try withTemporaryDirectory { dir in
            try Durables.copy(into: dir)
            let file = try runAdoptRaw(Durables.fit("--format", "json"), in: dir)
            let piped = try runAdoptRaw(["fit", "--data", "-", "--y", "adopters", "--series", "series", "--format", "json"], in: dir,
                                        standardInput: dir.appendingPathComponent("durables.csv"))
            #expect(file.status == 0 && piped.status == 0, "\(piped.stderr)")
            let fromFile = try JSONSerialization.jsonObject(with: file.stdoutData) as? [String: Any]
            let fromInput = try JSONSerialization.jsonObject(with: piped.stdoutData) as? [String: Any]
            let fits = { (report: [String: Any]?) in (report?["fits"] as? [Any]).map { $0 as NSArray } }
            #expect(try #require(fits(fromFile)) == #require(fits(fromInput)))
            let inputs = try #require(fromInput?["inputs"] as? [[String: Any]])
            let fileInputs = try #require(fromFile?["inputs"] as? [[String: Any]])
            #expect(inputs.first?["path"] as? String == "(standard input)")
            #expect(inputs.first?["sha256"] as? String == fileInputs.first?["sha256"] as? String)
            // An error names the standard input where it names a file.
            try write("year,adopters\n2000,1\n2001,x\n", to: "bad.csv", in: dir)
            let bad = try runAdoptRaw(["fit", "--data", "-"], in: dir, standardInput: dir.appendingPathComponent("bad.csv"))
            #expect(bad.status == 65 && bad.stdout.isEmpty && bad.stderr == "adopt: (standard input):3: field 'adopters': 'x' is not a number\n")
        }
    }

    @Test("values that never fall in ten periods or more, or once by less than 1 %, get the running-totals note, unless given as running totals")
    func neverFalling() throws {
        try withTemporaryDirectory { dir in
            let totals = [14, 30, 65, 150, 300, 350, 450, 550, 650, 725, 850, 950]
            func csv(_ values: [Int]) -> String {
                "year,value\n" + values.enumerated().map { "\(1952 + $0.offset),\($0.element)" }.joined(separator: "\n") + "\n"
            }
            func notes(_ values: [Int], _ extra: [String] = []) throws -> [String] {
                try write(csv(values), to: "data.csv", in: dir)
                let run = try runAdoptRaw(["fit", "--data", "data.csv", "--y", "value", "--format", "json"] + extra, in: dir)
                #expect(run.status == 0, "\(run.stderr)")
                return try #require(try ReportJSON.decode(run.stdoutData).fits.first).notes
            }
            let note = "the values never fall in 12 periods, as running totals do: if they are running totals"
            let perPeriod = try notes(totals), cumulative = try notes(totals, ["--cumulative"])
            #expect(perPeriod.contains { $0.hasPrefix(note) && $0.contains("give --cumulative") })
            #expect(!cumulative.contains { $0.contains("never fall") })
            // One fall of 2.9 %, two of less than 1 %, or fewer than ten periods: no note.
            var fallen = totals, twice = totals, once = totals
            fallen[6] = 340
            (twice[6], twice[8]) = (349, 549)
            let withFall = try notes(fallen), short = try notes(Array(totals.prefix(9))), withFalls = try notes(twice)
            #expect(!withFall.contains { $0.contains("running totals do") })
            #expect(!withFalls.contains { $0.contains("running totals do") })
            #expect(!short.contains { $0.contains("running totals do") })
            // One fall of less than 1 % (350 to 349: 0.2857 %, cut to 0.28 %): the note, which names it. One of
            // 0.99 % is not called 1 %.
            once[6] = 349
            #expect(try notes(once).contains {
                $0.hasPrefix("the values fall only once in 12 periods, by 0.28 % of the value before, as running totals do: if they are")
            })
            let nearly = totals.map { $0 * 10_000 }.enumerated().map { $0.offset == 6 ? 3_465_300 : $0.element }
            #expect(try notes(nearly).contains { $0.hasPrefix("the values fall only once in 12 periods, by 0.99 % of the value before") })
        }
    }

    @Test("exponential saturation that fails on per-period values rising to twice their first or more says it cannot rise; on falling ones it fits")
    func exponentialOnRisingValues() throws {
        let run = try Durables.run(Durables.fit("--model", "exponential", "--format", "json"))
        let fits = try ReportJSON.decode(run.stdoutData).fits
        let table = try #require(Durables.table)
        let names = table.column("series"), values = table.doubles("adopters")
        var noted = 0
        for fit in fits {
            let y = zip(names, values).filter { $0.0 == fit.series }.map(\.1)
            let largest = try #require(y.max())
            let note = fit.notes.first { $0.hasPrefix("exponential saturation's values per period fall from launch on, and these rise from ") }
            #expect((note != nil) == (!fit.converged && largest > 2 * y[0]), "\(fit.series ?? "")")
            if note != nil { noted += 1 }
        }
        #expect(noted == 7)
        // Values that fall from the first: exponential saturation follows them, and no note.
        let falling = [1000, 820, 690, 560, 470, 380, 320, 260, 215, 175].enumerated().map { "\(2000 + $0.offset),\($0.element)" }
        let decay = try withTemporaryDirectory { dir in
            _ = try write("year,adopters\n" + falling.joined(separator: "\n") + "\n", to: "decay.csv", in: dir)
            return try ReportJSON.decode(try runAdoptRaw(["fit", "--data", "decay.csv", "--model", "exponential", "--format", "json"],
                                                         in: dir).stdoutData).fits[0]
        }
        #expect(decay.converged && !decay.notes.contains { $0.hasPrefix("exponential saturation's") })
        let dryers = try #require(fits.first { $0.series == "clothes_dryers" })
        #expect(dryers.notes.contains("exponential saturation's values per period fall from launch on, and these rise from 106 to 1523 "
                                      + "in 1956: it cannot follow them; a model that rises to a peak (Bass, logistic, Gompertz, Richards) can"))
    }

    @Test("a curve that overflows past the data is blank there, and its note says where")
    func overflowingCurve() throws {
        // e^x from x = 1: past x = 709 its values overflow a double.
        let rows = (1...6).map { "\($0),\(Foundation.exp(Double($0)))" }.joined(separator: "\n")
        try withTemporaryDirectory { dir in
            _ = try write("x,y\n" + rows + "\n", to: "grow.csv", in: dir)
            let run = try runAdoptRaw(["fit", "--data", "grow.csv", "--x", "x", "--y", "y", "--formula", "a*exp(b*x)", "--start", "a=1,b=1",
                                       "--horizon", "+1000", "--format", "json"], in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            let blank = fit.curve.filter { $0.fitted == nil }
            #expect(blank.count == 297 && blank.first?.x == 710 && blank.last?.x == 1006)
            #expect(fit.notes.contains("the curve is not finite at 297 points, 710 to 1006: its values overflow there, and are left blank"))
            #expect(fit.curve.prefix(700).allSatisfy { $0.fitted != nil })
        }
    }

    @Test("a series named Total that is not the sum of the others is fitted as any other")
    func totalThatIsNoSum() throws {
        try withTemporaryDirectory { dir in
            let rows = ["a,2010,1", "a,2011,5", "a,2012,9", "a,2013,12", "a,2014,8", "b,2010,2", "b,2011,6", "b,2012,10",
                        "b,2013,7", "b,2014,3", "Total,2010,3", "Total,2011,11", "Total,2012,19", "Total,2013,19"]
            try write("series,year,adopters\n" + rows.joined(separator: "\n") + "\nTotal,2014,14\n", to: "data.csv", in: dir)
            let run = try runAdoptRaw(["fit", "--data", "data.csv", "--series", "series", "--format", "json"], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try ReportJSON.decode(run.stdoutData).fits.map(\.series) == ["a", "b", "Total"])
            // 11 in 2014, the sum: a total row.
            try write("series,year,adopters\n" + rows.joined(separator: "\n") + "\nTotal,2014,11\n", to: "data.csv", in: dir)
            let sum = try runAdoptRaw(["fit", "--data", "data.csv", "--series", "series"], in: dir)
            #expect(sum.status == 65 && sum.stdout.isEmpty && sum.stderr.contains("data.csv:12: field 'series': series 'Total' is the sum"))
        }
    }

    @Test("--start may be repeated, one parameter each: the same fit as one list")
    func repeatedStart() throws {
        try withTemporaryDirectory { dir in
            try write("x,y\n1,9.1\n2,7.9\n3,7.2\n4,5.8\n5,5.1\n", to: "data.csv", in: dir)
            let base = ["fit", "--data", "data.csv", "--x", "x", "--y", "y", "--formula", "a-b*x", "--format", "json"]
            let split = try runAdoptRaw(base + ["--start", "a=1", "--start", "b=1"], in: dir)
            let joined = try runAdoptRaw(base + ["--start", "a=1,b=1"], in: dir)
            #expect(split.status == 0, "stderr: \(split.stderr)")
            let a = try #require(try ReportJSON.decode(split.stdoutData).fits.first)
            let b = try #require(try ReportJSON.decode(joined.stdoutData).fits.first)
            #expect(a.converged && a.parameters.map(\.estimate) == b.parameters.map(\.estimate))
        }
    }

    @Test("the same command twice gives byte-identical output", arguments: ["md", "csv", "json"])
    func deterministic(_ format: String) throws {
        // The CSV of parameters holds no curve, so no --horizon.
        let args = Durables.fit(["--model", "auto", "--format", format] + (format == "csv" ? [] : ["--horizon", "1975"]))
        let first = try Durables.run(args)
        let second = try Durables.run(args)
        #expect(!first.stdoutData.isEmpty)
        #expect(first.stdoutData == second.stdoutData)
    }

    // The input is hashed on its own thread while it is read, in 4 MiB pieces: a file of several
    // pieces (a long comment block before the data) must still get the digest of all its bytes.
    @Test("the report's input SHA-256 is sha256sum's, for a file read in several pieces")
    func inputDigest() throws {
        try withTemporaryDirectory { dir in
            let comment = "# " + String(repeating: "x", count: 1021) + "\n"
            let text = String(repeating: comment, count: 9 * 1024) + BadInput.good
            try Data(text.utf8).write(to: dir.appendingPathComponent("data.csv"))
            let run = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--format", "csv"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let line = try #require(lines(run.stdout).first { $0.hasPrefix("# input ") })
            let digest = try #require(line.split(separator: " ").last).description
            #expect(try sha256sums(["data.csv"], in: dir) == [digest])
        }
    }

    @Test("fit --help exits 0 and lists every option and choice")
    func help() throws {
        try withTemporaryDirectory { dir in
            let run = try runAdopt(["fit", "--help"], in: dir)
            #expect(run.status == 0)
            #expect(run.stderr.isEmpty)
            let options = ["--data", "--delimiter", "--decimal-comma", "--x", "--y", "--series", "--model", "--cumulative", "--launch", "--formula", "--fix",
                           "--start", "--horizon", "--level", "--holdout", "--profile", "--format", "--threads", "--output"]
            for option in options {
                #expect(run.stdout.contains(option + " ") || run.stdout.contains(option + "\n"),
                        "help does not list \(option)")
            }
            for choice in ["bass", "logistic", "gompertz", "richards", "exponential", "auto", "md", "csv", "json"] {
                #expect(run.stdout.contains(choice), "help does not mention \(choice)")
            }
            #expect(listing(dir).isEmpty)
        }
    }

    @Test("adopt --help names the fit subcommand")
    func topLevelHelp() throws {
        try withTemporaryDirectory { dir in
            let run = try runAdopt(["--help"], in: dir)
            #expect(run.status == 0)
            #expect(run.stdout.contains("fit"))
            #expect(run.stderr.isEmpty)
        }
    }

    @Test("a subcommand or help topic that names none is a usage failure, with the likely one where there is one",
          arguments: [(["fitt", "--data", "x.csv"], "unknown subcommand 'fitt': did you mean 'fit'? ('adopt --help' describes the subcommands)"),
                      (["forcast", "s.toml"], "unknown subcommand 'forcast': did you mean 'forecast'? ('adopt --help' describes the subcommands)"),
                      (["help", "nope"], "unknown subcommand 'nope': use 'adopt fit' or 'adopt forecast' ('adopt --help' describes them)"),
                      (["report"], "unknown subcommand 'report': use 'adopt fit' or 'adopt forecast' ('adopt --help' describes them)")])
    func unknownSubcommand(_ arguments: [String], _ message: String) throws {
        try withTemporaryDirectory { dir in
            let run = try runAdopt(arguments, in: dir)
            #expect(run.status == 64)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "adopt: \(message)\n")
            #expect(listing(dir).isEmpty)
        }
    }

    @Test("an option of the other subcommand is named as its, not taken for a typo of one of this one's",
          arguments: [(["fit", "--data", "x.csv", "--draws", "100"], "--draws is an option of 'adopt forecast', not of 'adopt fit'"),
                      (["fit", "--data", "x.csv", "--seed=3"], "--seed is an option of 'adopt forecast', not of 'adopt fit'"),
                      (["forecast", "s.toml", "--model", "bass"], "--model is an option of 'adopt fit', not of 'adopt forecast'"),
                      (["forecast", "s.toml", "--horizon", "2040"], "--horizon is an option of 'adopt fit', not of 'adopt forecast'"),
                      (["fit", "--data", "x.csv", "--dat", "y"], "Unknown option '--dat'. Did you mean '--data'?")])
    func optionOfTheOtherSubcommand(_ arguments: [String], _ message: String) throws {
        try withTemporaryDirectory { dir in
            let run = try runAdopt(arguments, in: dir)
            #expect(run.status == 64)
            #expect(run.stdout.isEmpty)
            #expect(lines(run.stderr).count == 1 && run.stderr.hasPrefix("adopt: \(message)"), "\(run.stderr)")
        }
    }

    @Test("help, options before a subcommand and a help topic that names one are not taken for subcommands",
          arguments: [(["help", "fit"], "--data"), (["help"], "SUBCOMMANDS"), (["help", "help"], "USAGE"), (["-h"], "SUBCOMMANDS"),
                      (["--version"], "0.1.0")])
    func notSubcommands(_ arguments: [String], _ shows: String) throws {
        let run = try runAdopt(arguments, in: Fixtures.repositoryRoot)
        #expect(run.status == 0 && run.stdout.contains(shows) && run.stderr.isEmpty, "\(run.stdout)\(run.stderr)")
    }

    @Test("adopt without a subcommand is a usage failure: one line on stderr, nothing on stdout, 64")
    func noSubcommand() throws {
        try withTemporaryDirectory { dir in
            let run = try runAdopt([], in: dir)
            #expect(run.status == 64)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "adopt: no subcommand given: use 'adopt fit' or 'adopt forecast' ('adopt --help' describes them)\n")
            #expect(listing(dir).isEmpty)
        }
    }
}

@Suite("A zero written with a minus sign")
struct NegativeZeroTests {
    @Test("a cell -0, and constant data whose Bass (1969) OLS has a slope rounded to −0, are written 0 in JSON and CSV alike")
    func unsignedZero() throws {
        try withTemporaryDirectory { dir in
            try write("year,adopters\n2001,10\n2002,30\n2003,-0\n2004,90\n2005,70\n2006,40\n2007,20\n", to: "negz.csv", in: dir)
            try write("year,adopters\n2001,5\n2002,5\n2003,5\n2004,5\n2005,5\n2006,5\n", to: "const.csv", in: dir)
            for args in [["--data", "negz.csv"], ["--data", "const.csv", "--model", "auto"]] {
                for format in [["--format", "json"], ["--format", "csv", "--table", "curve"], ["--format", "csv"]] {
                    let run = try runAdopt(["fit"] + args + format, in: dir)
                    #expect(run.status == 0, "\(run.stderr)")
                    // No number -0 (a token of its own, or a cell).
                    let tokens = run.stdout.split(whereSeparator: { " ,\n:[]{}".contains($0) })
                    #expect(!tokens.contains("-0"), "\(args) \(format)")
                }
            }
            let json = try runAdopt(["fit", "--data", "negz.csv", "--format", "json"], in: dir)
            let fit = try #require(try ReportJSON.decode(Data(json.stdout.utf8)).fits.first)
            let zero = try #require(fit.curve.first { $0.x == 2003 }?.observed)
            #expect(zero == 0 && zero.sign == .plus)
        }
    }
}
