import Foundation
import Testing
import TestSupport

/// The rows of `Tests/Fixtures/scipy/profile_intervals.csv` for one model, level and holdout.
struct ProfileReference: Sendable, CustomTestStringConvertible {
    struct End: Sendable { let kind: String, value: Double? }
    let model: String
    let level: Double
    /// The observations held out of the fit (`--holdout`), 0 for none.
    let holdout: Int
    /// series → parameter → (low, high)
    let ends: [String: [String: (End, End)]]
    var testDescription: String { "\(model), level \(level)" + (holdout > 0 ? ", holdout \(holdout)" : "") }

    /// The arguments that fit at this level and holdout.
    var options: [String] {
        ["--model", model, "--level", "\(level)"] + (holdout > 0 ? ["--holdout", "\(holdout)"] : [])
    }

    static let all: [ProfileReference] = {
        guard let csv = try? SimpleCSV(url: Fixtures.url("scipy/profile_intervals.csv")) else { return [] }
        return csv.groups(by: ["model", "level", "holdout"]).map { key, records in
            var ends: [String: [String: (End, End)]] = [:]
            for r in records {
                ends[r["series"]!, default: [:]][r["parameter"]!] =
                    (End(kind: r["low_kind"]!, value: Double(r["low"]!)), End(kind: r["high_kind"]!, value: Double(r["high"]!)))
            }
            return ProfileReference(model: key[0], level: Double(key[1])!, holdout: Int(key[2])!, ends: ends)
        }
    }()
}

@Suite("Profile-likelihood intervals (--profile)")
struct ProfileTests {
    @Test("the fixture holds every model but the exponential at two levels, Bass and Richards with --holdout 2, and a Gompertz fit that is not identified")
    func fixturePresent() {
        #expect(Set(ProfileReference.all.map(\.model)) == ["bass", "logistic", "gompertz", "richards"])
        #expect(ProfileReference.all.count == 14)
        let held = ProfileReference.all.filter { $0.holdout > 0 }
        #expect(Set(held.map { "\($0.model) \($0.holdout)" }) == ["bass 2", "richards 2", "gompertz 9"])
        // Every group is compared somewhere: on the durables file, or series by series.
        #expect(Self.onDurables.count == 10)
        #expect(Self.separate.count == 16)
    }

    /// The groups with series in the durables file (Bass with --holdout 2 has only US cable TV).
    static let onDurables = ProfileReference.all.filter { $0.ends.keys.contains(where: Durables.seriesOrder.contains) }

    // Reference: Tests/Fixtures/scipy/profile_intervals.py (scipy least_squares refits at
    // tolerances 1e-15, brentq for the crossings). The estimates are settled to about 1e-7, so the
    // ends are compared to 1e-6 of the interval's width.
    @Test("the ends agree with scipy's profiles", arguments: onDurables)
    func agreesWithScipy(_ reference: ProfileReference) throws {
        let run = try Durables.run(Durables.fit("--format", "json", "--profile") + reference.options)
        let report = try ReportJSON.decode(run.stdoutData)
        #expect(report.profile)
        var compared = 0
        for fit in report.fits {
            guard let name = fit.series, let expected = reference.ends[name] else { continue }
            compared += try Self.compare(fit, expected, name)
        }
        let durables = reference.ends.filter { Durables.seriesOrder.contains($0.key) }
        #expect(compared == durables.values.map(\.count).reduce(0, +))
    }

    /// The fixture's series outside the durables file: each file fitted on its own.
    static let separate: [(series: String, reference: ProfileReference)] =
        ProfileReference.all.flatMap { reference in
            reference.ends.keys.filter { !Durables.seriesOrder.contains($0) }.sorted().map { ($0, reference) }
        }

    @Test("the ends agree with scipy's profiles on the cumulative series and the iPhone's quarters, Richards included",
          arguments: separate)
    func separateAgreesWithScipy(_ c: (series: String, reference: ProfileReference)) throws {
        let expected = try #require(c.reference.ends[c.series])
        let file = Fixtures.repositoryRoot.appendingPathComponent("Data/series/\(c.series).csv").path
        let form = Fixtures.isCumulativeSeries(c.series) ? ["--cumulative"] : []
        try withTemporaryDirectory { dir in
            let run = try runAdoptRaw(["fit", "--data", file, "--y", "value", "--format", "json", "--profile"]
                                      + c.reference.options + form, in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            #expect(try Self.compare(fit, expected, c.series) == expected.count)
        }
    }

    @Test("a fit on a bound has no profile intervals, and says so with the model it becomes", arguments: [
        ("netherlands_car_stock_1965_1989", ["--cumulative"], "q = 0 is the exponential saturation curve", "--model exponential"),
        ("room_air_conditioners_1949_1961", ["--model", "richards"], "ν = 0 is the Gompertz curve", "--model gompertz"),
    ])
    func onBound(_ series: String, _ options: [String], _ bound: String, _ model: String) throws {
        let file = Fixtures.repositoryRoot.appendingPathComponent("Data/series/\(series).csv").path
        try withTemporaryDirectory { dir in
            let run = try runAdoptRaw(["fit", "--data", file, "--y", "value", "--format", "json", "--profile"] + options, in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            #expect(fit.status == "at_bound")
            #expect(fit.parameters.allSatisfy { $0.profile == nil })
            #expect(fit.notes.contains("no profile intervals: the fit is on a bound (\(bound)), and a profile needs a minimum inside "
                                       + "the model's domain; fit the curve it becomes there (\(model)) for intervals"), "\(fit.notes)")
            // No other note points to profile intervals it does not have.
            #expect(!fit.notes.contains { $0.contains("profile intervals (--profile)") || $0.contains("the profile intervals follow") })
        }
    }

    @Test("a fit with a fixed value that lands on a bound says so too; one off it has its profiles")
    func fixedOnBound() throws {
        // Sales that fall from launch: with m fixed at 6,000, q lands on 0; at 5,100, it does not.
        let text = "year,adopters\n" + [1000, 820, 690, 560, 470, 380, 320, 260, 215, 175].enumerated()
            .map { "\(2000 + $0.offset),\($0.element)\n" }.joined()
        try withTemporaryDirectory { dir in
            _ = try write(text, to: "decay.csv", in: dir)
            for (m, onBound) in [("6000", true), ("5100", false)] {
                let run = try runAdoptRaw(["fit", "--data", "decay.csv", "--profile", "--fix", "m=\(m)", "--format", "json"], in: dir)
                try #require(run.status == 0, "stderr: \(run.stderr)")
                let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
                #expect((fit.status == "at_bound") == onBound)
                #expect(fit.notes.contains("no profile intervals: the fit is on a bound (q = 0 is the exponential saturation curve), "
                                           + "and a profile needs a minimum inside the model's domain; fit the curve it becomes there "
                                           + "(--model exponential) for intervals") == onBound, "\(fit.notes)")
                #expect(fit.parameters.contains { $0.profile != nil } == !onBound)
            }
        }
    }

    /// Compares a fit's profile ends with the reference's; returns the parameters compared.
    static func compare(_ fit: ReportJSON.Fit, _ expected: [String: (ProfileReference.End, ProfileReference.End)],
                        _ name: String) throws -> Int {
        var compared = 0
        for p in fit.parameters {
            let (low, high) = try #require(expected[p.name], "\(name) \(p.name)")
            let interval = try #require(p.profile, "\(name) \(p.name) has no profile interval")
            #expect(interval.lowEnd == low.kind && interval.highEnd == high.kind, "\(name) \(p.name)")
            // The interval's width, or for one open at an end, the finite end's size.
            let finite = [low.value, high.value].compactMap { $0 }
            let width = finite.count == 2 ? finite[1] - finite[0] : abs(finite.first ?? 0)
            for (got, want, end) in [(interval.low, low.value, "low"), (interval.high, high.value, "high")] {
                guard let w = want else {
                    #expect(got == nil, "\(name) \(p.name) \(end): \(String(describing: got)) where scipy has none")
                    continue
                }
                let g = try #require(got, "\(name) \(p.name) \(end)")
                #expect(abs(g - w) <= 1e-6 * width, "\(name) \(p.name) \(end): \(g) vs \(w)")
            }
            compared += 1
        }
        return compared
    }

    @Test("the CSV carries the ends after the t-based interval; without --profile, the columns are empty")
    func csvColumns() throws {
        let run = try Durables.run(Durables.fit("--format", "csv", "--profile"))
        let rows = lines(run.stdout)
        let header = rows.first { $0.hasPrefix("series,") }.map { $0.split(separator: ",").map(String.init) } ?? []
        #expect(Array(header[7..<15]) == ["estimate", "std_error", "ci_low", "ci_high", "profile_low", "profile_high",
                                          "profile_low_end", "profile_high_end"])
        let row = try #require(rows.first { $0.hasPrefix("room_air_conditioners,bass,,per_period,converged,true,m,") })
        let fields = row.split(separator: ",", omittingEmptySubsequences: false)
        #expect(fields.count == header.count)
        #expect(abs(try #require(Double(fields[12])) - 22572.06225390017) <= 1e-6 * 22572)
        #expect(fields[13] == "crossing" && fields[14] == "crossing")
        let plainCSV = try Durables.run(Durables.fit("--format", "csv"))
        let plainRow = try #require(lines(plainCSV.stdout).first { $0.hasPrefix("room_air_conditioners,bass,,per_period,converged,true,m,") })
        let plainFields = plainRow.split(separator: ",", omittingEmptySubsequences: false)
        #expect(plainFields[11..<15].allSatisfy { $0.isEmpty })
        let plain = try Durables.run(Durables.fit("--format", "json"))
        #expect(try ReportJSON.decode(plain.stdoutData).fits.allSatisfy { $0.parameters.allSatisfy { $0.profile == nil } })
    }

    @Test("a Richards profile that leaves ν's domain holds ν at its limit: an end, not the domain limit of k")
    func richardsHoldsNu() throws {
        try withTemporaryDirectory { dir in
            // Richards on colour TV: refits for small k take ν below 0, where they are held at 0.
            let source = Fixtures.repositoryRoot.appendingPathComponent("Data/series/color_tv_1963_1970.csv")
            try FileManager.default.copyItem(at: source, to: dir.appendingPathComponent("tv.csv"))
            let richards = try runAdoptRaw(["fit", "--data", "tv.csv", "--y", "value", "--model", "richards", "--format", "json",
                                            "--profile"], in: dir)
            try #require(richards.status == 0, "stderr: \(richards.stderr)")
            let parameters = try #require(try ReportJSON.decode(richards.stdoutData).fits.first?.parameters)
            let k = try #require(parameters[1].profile)
            #expect(k.lowEnd == "crossing" && k.highEnd == "crossing")
            #expect(try #require(k.low) > 0.2 && (try #require(k.high)) < 1)
            #expect(parameters[3].profile?.lowEnd == "domain_limit")
        }
    }

    /// The iPhone's first 12 quarters (sales still rising) as `early.csv` in `dir`.
    func earlyIPhone(in dir: URL) throws -> String {
        let source = Fixtures.repositoryRoot.appendingPathComponent("Data/series/apple_iphone_quarterly_sales_rossi.csv")
        let text = try String(contentsOf: source, encoding: .utf8)
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }.prefix(13)
        _ = try write(kept.joined(separator: "\n") + "\n", to: "early.csv", in: dir)
        return "early.csv"
    }

    @Test("a fit that is not identified at a minimum has profile intervals and no t-based ones; one that ran away has neither")
    func notIdentified() throws {
        // Gompertz on the iPhone's first 14 quarters: m runs away at a minimum (scipy's profile of
        // it is in the fixture, compared above). Bass on the synthetic series below runs m past 10⁴ ×
        // its total, so the fit stops short of a minimum.
        let file = Fixtures.repositoryRoot.appendingPathComponent("Data/series/apple_iphone_quarterly_sales_rossi.csv").path
        try withTemporaryDirectory { dir in
            for profile in [false, true] {
                let run = try runAdoptRaw(["fit", "--data", file, "--y", "value", "--model", "gompertz", "--holdout", "9",
                                           "--format", "json"] + (profile ? ["--profile"] : []), in: dir)
                try #require(run.status == 0, "stderr: \(run.stderr)")
                let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
                #expect(fit.status == "not_identified")
                #expect(fit.parameters.allSatisfy { $0.stdError != nil && $0.ciLow == nil && $0.ciHigh == nil })
                #expect(fit.parameters.allSatisfy { ($0.profile != nil) == profile })
                #expect(fit.parameters.first?.profile.map { $0.lowEnd == "crossing" && $0.highEnd == "open" } ?? !profile)
            }
            let markdown = try runAdoptRaw(["fit", "--data", file, "--y", "value", "--model", "gompertz", "--holdout", "9"], in: dir)
            #expect(markdown.stdout.contains("gets no t-based intervals. `--profile` gives profile-likelihood intervals"))
            #expect(markdown.stdout.contains("Note: the curve past the periods fitted has no intervals: the fit is not identified"))
            // Per-period Bass data still rising by 30 % a year from a small start: m runs past its limit.
            let rows = (0..<10).map { "\(2010 + $0),\(Int(1000 * pow(1.3, Double($0))))" }
            let ranAway = try write((["year,adopters"] + rows).joined(separator: "\n") + "\n", to: "rising.csv", in: dir)
            let run = try runAdoptRaw(["fit", "--data", ranAway.path, "--y", "adopters", "--format", "json", "--profile"], in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            #expect(fit.status == "not_identified" && fit.message.contains("ran away"), "\(fit.message)")
            #expect(fit.parameters.allSatisfy { $0.ciLow == nil && $0.profile == nil })
            // Past the data its curve has no intervals; within them it keeps them.
            let extended = try runAdoptRaw(["fit", "--data", ranAway.path, "--y", "adopters", "--format", "json",
                                            "--horizon", "2025"], in: dir)
            let curve = try #require(try ReportJSON.decode(extended.stdoutData).fits.first).curve
            #expect(curve.count == 16)
            #expect(curve.prefix(10).allSatisfy { $0.ciLow != nil } && curve.suffix(6).allSatisfy { $0.ciLow == nil && $0.piHigh == nil })
            let plain = try runAdoptRaw(["fit", "--data", ranAway.path, "--y", "adopters"], in: dir)
            #expect(plain.stdout.contains("The fit stopped short of a minimum, so it has no profile intervals either."))
        }
    }

    /// The values of `Tests/Fixtures/scipy/two_branch_profile.csv`, by quantity.
    static func twoBranchReference() throws -> (String) throws -> Double {
        let reference = try SimpleCSV(url: Fixtures.url("scipy/two_branch_profile.csv"))
        return { name in
            try #require(reference.records.first { $0["quantity"] == name }.flatMap { $0["value"] }.flatMap(Double.init))
        }
    }

    // Reference: Tests/Fixtures/scipy/two_branch_profile.py (the capped branch's crossing by brentq,
    // q refitted with m held at the cap).
    @Test("a profile with two branches ends where the better one crosses: p's lower end on room air conditioners' first six years")
    func twoBranches() throws {
        let value = try Self.twoBranchReference()
        let file = Fixtures.repositoryRoot.appendingPathComponent("Data/series/room_air_conditioners_1949_1961.csv").path
        try withTemporaryDirectory { dir in
            let run = try runAdoptRaw(["fit", "--data", file, "--y", "value", "--holdout", "7", "--profile", "--format", "json"],
                                      in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            #expect(relativeDifference(try #require(fit.rss), try value("rss")) < 1e-9)
            let p = try #require(fit.parameters.first { $0.name == "p" }?.profile)
            // The small-m branch, which the refits from the estimates follow, crosses earlier.
            #expect(p.lowEnd == "capped")
            #expect(relativeDifference(try #require(p.low), try value("p_low")) < 1e-6, "\(String(describing: p.low))")
            #expect(try value("small_branch_rss") > (try value("threshold")))
        }
    }

    // Reference: Tests/Fixtures/scipy/two_branch_profile.py (the profile of p with m eliminated and q
    // minimized over a grid: no branch followed).
    @Test("a second branch that appears along the profile does not end it early: p's lower end on the iPhone's first 18 quarters")
    func branchAppearingAlongTheProfile() throws {
        let value = try Self.twoBranchReference()
        let file = Fixtures.repositoryRoot.appendingPathComponent("Data/series/apple_iphone_quarterly_sales_rossi.csv").path
        try withTemporaryDirectory { dir in
            let run = try runAdoptRaw(["fit", "--data", file, "--y", "value", "--holdout", "5", "--profile", "--format", "json"],
                                      in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            #expect(relativeDifference(try #require(fit.rss), try value("iphone18_rss")) < 1e-9)
            let p = try #require(fit.parameters.first { $0.name == "p" }?.profile)
            // Refits from the estimates at p = 0.00125 land on a branch with m near 1,000, which crosses
            // near 0.00128; the fit's own branch (m near 230) is inside down to the reference's end.
            #expect(p.lowEnd == "crossing")
            #expect(relativeDifference(try #require(p.low), try value("iphone18_p_low")) < 1e-6, "\(String(describing: p.low))")
        }
    }

    @Test("a market potential before the peak has an open upper end")
    func openEnd() throws {
        // The iPhone's first 12 quarters: sales still rising, m not bounded above by the data.
        try withTemporaryDirectory { dir in
            let run = try runAdoptRaw(["fit", "--data", try earlyIPhone(in: dir), "--model", "logistic", "--format", "json",
                                       "--profile"], in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            let m = try #require(fit.parameters.first)
            let profile = try #require(m.profile, "no profile for m: \(String(decoding: run.stdoutData, as: UTF8.self).prefix(600))")
            #expect(profile.highEnd == "open" && profile.high == nil)
            #expect(profile.lowEnd == "crossing")
        }
    }
}
