import Foundation
import Testing
import TestSupport

/// Quarter and month labels are points in time: a fit must not depend on the order of the rows,
/// and each series starts at its own first period, as it does with numbered periods.
@Suite("adopt fit with period labels")
struct PeriodLabelFitTests {
    /// Bass per-period adopters with m = 1000, p = 0.01, q = 0.3, by quarter from 2019Q1
    /// (m·[F(t) − F(t−1)], t = 1…12), rounded to 0.1.
    static let quarterly: [Double] = {
        func f(_ t: Double) -> Double {
            let e = exp(-(0.31) * t)
            return (1 - e) / (1 + 30 * e)
        }
        return (1...12).map { t in (1000 * (f(Double(t)) - f(Double(t - 1))) * 10).rounded() / 10 }
    }()

    static func quarter(_ k: Int, from year: Int = 2019) -> String { "\(year + k / 4)Q\(k % 4 + 1)" }

    static func estimates(_ csv: String, _ extra: [String] = []) throws -> [String: [String: Double]] {
        try withTemporaryDirectory { dir in
            _ = try write(csv, to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--x", "period", "--y", "adopters", "--format", "json"]
                                   + extra, in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let report = try ReportJSON.decode(Data(run.stdout.utf8))
            var out: [String: [String: Double]] = [:]
            for fit in report.fits {
                for p in fit.parameters { out[fit.series ?? "", default: [:]][p.name] = p.estimate }
            }
            return out
        }
    }

    @Test("the launch's period is named beside its number, in the JSON and the CSV; numeric x have none", arguments: [
        ([String](), 1.0, "2019Q1"), (["--launch", "2018Q3"], -1.0, "2018Q3"), (["--launch", "b:2018Q4"], 0.0, "2018Q4"),
    ])
    func launchPeriod(_ extra: [String], _ launch: Double, _ period: String) throws {
        let rows = Self.quarterly.enumerated().map { "b,\(Self.quarter($0.offset)),\($0.element)" }.joined(separator: "\n")
        try withTemporaryDirectory { dir in
            _ = try write("series,period,adopters\n" + rows + "\n", to: "data.csv", in: dir)
            let base = ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters", "--series", "series"] + extra
            let json = try runAdopt(base + ["--format", "json"], in: dir)
            let fit = try #require(try ReportJSON.decode(Data(json.stdout.utf8)).fits.first)
            #expect(fit.launch == launch && fit.launchPeriod == period)
            let csv = SimpleCSV(text: try runAdopt(base + ["--format", "csv"], in: dir).stdout)
            #expect(Set(csv.column("launch_period")) == [period] && Set(csv.column("launch")) == [exactText(launch)])
        }
        // Numeric years: no period to name.
        let years = Self.quarterly.enumerated().map { "\(2000 + $0.offset),\($0.element)" }.joined(separator: "\n")
        try withTemporaryDirectory { dir in
            _ = try write("year,adopters\n" + years + "\n", to: "years.csv", in: dir)
            let fit = try #require(try ReportJSON.decode(Data(try runAdopt(["fit", "--data", "years.csv", "--format", "json"], in: dir)
                .stdout.utf8)).fits.first)
            #expect(fit.launch == 2000 && fit.launchPeriod == nil)
        }
    }

    @Test("rows newest first, or shuffled, give the fit of rows oldest first")
    func rowOrder() throws {
        let rows = Self.quarterly.enumerated().map { "\(Self.quarter($0.offset)),\($0.element)" }
        let oldest = try Self.estimates("period,adopters\n" + rows.joined(separator: "\n") + "\n")
        let newest = try Self.estimates("period,adopters\n" + rows.reversed().joined(separator: "\n") + "\n")
        let shuffled = [5, 0, 11, 3, 8, 1, 10, 2, 7, 4, 9, 6].map { rows[$0] }
        let mixed = try Self.estimates("period,adopters\n" + shuffled.joined(separator: "\n") + "\n")
        let m = try #require(oldest[""]?["m"])
        #expect(abs(m - 1000) < 1, "m \(m)")
        #expect(newest == oldest)
        #expect(mixed == oldest)
    }

    @Test("quarters dated by timestamps, as databases export them, give the fit of quarters written 2019Q1",
          arguments: ["2019-01-01 00:00:00", "2019-01-01T00:00:00Z"])
    func timestamps(_ first: String) throws {
        let written = Self.quarterly.enumerated().map { "\(2019 + $0.offset / 4)Q\($0.offset % 4 + 1),\($0.element)" }
        let stamped = Self.quarterly.enumerated().map { k, y in
            let month = (k % 4) * 3 + 1
            return first.replacingOccurrences(of: "2019-01", with: "\(2019 + k / 4)-\(month < 10 ? "0" : "")\(month)") + ",\(y)"
        }
        let reference = try Self.estimates("period,adopters\n" + written.joined(separator: "\n") + "\n")
        #expect(try Self.estimates("period,adopters\n" + stamped.joined(separator: "\n") + "\n") == reference)
        #expect(reference[""]?["m"] != nil)
    }

    /// A quarter with no row inside the series is named as the column names quarters; the fit
    /// leaves it out.
    @Test("a quarter with no row is named in a note")
    func missingQuarter() throws {
        let rows = Self.quarterly.enumerated().filter { $0.offset != 5 }.map { "\(Self.quarter($0.offset)),\($0.element)" }
        try withTemporaryDirectory { dir in
            _ = try write("period,adopters\n" + rows.joined(separator: "\n") + "\n", to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--x", "period", "--y", "adopters", "--format", "json"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let fit = try #require(try ReportJSON.decode(Data(run.stdout.utf8)).fits.first)
            #expect(fit.n == 11)
            #expect(fit.notes.contains { $0.hasPrefix("one period inside the series has no row ('2020Q2'): the fit leaves it out") },
                    "\(fit.notes)")
        }
    }

    /// Monthly data as dates, newest first: numbered by month, so the same fit as month labels
    /// oldest first.
    @Test("dates with days, month names and month labels give one fit, in any row order")
    func monthSpellings() throws {
        let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func rows(_ label: (Int) -> String) -> [String] {
            Self.quarterly.enumerated().map { "\(label($0.offset)),\($0.element)" }
        }
        let months = rows { String(format: "2020-%02d", $0 + 1) }
        let reference = try Self.estimates("period,adopters\n" + months.joined(separator: "\n") + "\n")
        for spelled in [rows { String(format: "2020-%02d-01", $0 + 1) }.reversed(),
                        rows { "\(names[$0]) 2020" }.reversed(),
                        rows { String(format: "%02d/2020", $0 + 1) }] {
            #expect(try Self.estimates("period,adopters\n" + spelled.joined(separator: "\n") + "\n") == reference)
        }
    }

    /// Quarterly data dated by each quarter's first day (as FRED exports them) are quarters.
    @Test("quarters dated by their first day give the fit of quarter labels")
    func quartersAsDates() throws {
        let quarters = Self.quarterly.enumerated().map { "\(Self.quarter($0.offset)),\($0.element)" }
        let dated = Self.quarterly.enumerated().map { k, y in
            String(format: "%d-%02d-01,", 2019 + k / 4, (k % 4) * 3 + 1) + "\(y)"
        }
        let reference = try Self.estimates("period,adopters\n" + quarters.joined(separator: "\n") + "\n")
        #expect(try Self.estimates("period,adopters\n" + dated.reversed().joined(separator: "\n") + "\n") == reference)
    }

    /// Years written as fiscal years or dated 1 January, newest first and with a year missing, are
    /// the same periods as the years themselves.
    @Test("fiscal years and years dated by January give the fit of numeric years, gaps kept")
    func yearsAsLabels() throws {
        let kept = Array(Self.quarterly.enumerated()).filter { $0.offset != 3 }
        let numeric = kept.map { "\(2000 + $0.offset),\($0.element)" }
        let reference = try Self.estimates("period,adopters\n" + numeric.joined(separator: "\n") + "\n")
        for label in [{ (k: Int) in "FY\(2000 + k)" }, { (k: Int) in "\(2000 + k)-01-01" }] {
            let rows = kept.map { "\(label($0.offset)),\($0.element)" }.reversed()
            #expect(try Self.estimates("period,adopters\n" + rows.joined(separator: "\n") + "\n") == reference)
        }
    }

    /// Months with a few missing step by one month more often than by any other gap: a monthly
    /// series with gaps, the same periods as numbers with the same gaps.
    @Test("monthly dates with gaps give the fit of numbered months, gaps kept")
    func monthsWithGaps() throws {
        let kept = Array(Self.quarterly.enumerated()).filter { ![3, 7, 8].contains($0.offset) }
        let numeric = kept.map { "\($0.offset + 1),\($0.element)" }
        let reference = try Self.estimates("period,adopters\n" + numeric.joined(separator: "\n") + "\n")
        let dated = kept.map { k, y in String(format: "%04d-%02d-01,", 2018 + k / 12, k % 12 + 1) + "\(y)" }
        #expect(try Self.estimates("period,adopters\n" + dated.joined(separator: "\n") + "\n") == reference)
    }

    /// Series B is series A a year later, and listed first: the same curve, so the same estimates,
    /// as with numbered periods.
    @Test("each series starts at its own first label, whatever the order of the series")
    func ownLaunch() throws {
        var rows: [String] = []
        for (k, y) in Self.quarterly.enumerated() { rows.append("B,\(Self.quarter(k, from: 2020)),\(y)") }
        for (k, y) in Self.quarterly.enumerated() { rows.append("A,\(Self.quarter(k)),\(y)") }
        let labelled = try Self.estimates("series,period,adopters\n" + rows.joined(separator: "\n") + "\n",
                                          ["--series", "series"])
        let a = try #require(labelled["A"]), b = try #require(labelled["B"])
        for name in ["m", "p", "q"] {
            let x = try #require(a[name]), y = try #require(b[name])
            #expect(abs(x - y) <= 1e-9 * abs(x), "\(name): A \(x), B \(y)")
        }
        #expect(abs(a["p"]! - 0.01) < 1e-3 && abs(a["q"]! - 0.3) < 1e-2, "\(a)")
    }
}

@Suite("adopt fit --horizon where x holds periods")
struct PeriodHorizonTests {
    static func run(_ csv: String, _ arguments: [String]) throws -> String {
        try withTemporaryDirectory { dir in
            _ = try write(csv, to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"] + arguments, in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            return run.stdout
        }
    }

    /// The twelve quarters from Q1 '19, written as a spreadsheet might.
    static let labelled = "period,adopters\n" + PeriodLabelFitTests.quarterly.enumerated().map { k, y in
        "Q\(k % 4 + 1) '\(19 + k / 4),\(y)"
    }.joined(separator: "\n") + "\n"

    @Test("the curve reaches the period named in any form the column reads, labelled as the column labels its periods",
          arguments: ["Q4 '22", "2022Q4", "Q4 2022"])
    func labelledHorizon(_ horizon: String) throws {
        let numbered = "period,adopters\n" + PeriodLabelFitTests.quarterly.enumerated().map { "\($0.offset + 1),\($0.element)" }
            .joined(separator: "\n") + "\n"
        let reference = try ReportJSON.decode(Data(try Self.run(numbered, ["--horizon", "16", "--format", "json"]).utf8))
        let report = try ReportJSON.decode(Data(try Self.run(Self.labelled, ["--horizon", horizon, "--format", "json"]).utf8))
        let curve = try #require(report.fits.first?.curve), expected = try #require(reference.fits.first?.curve)
        #expect(curve.map(\.x) == Array(1...16).map(Double.init))
        #expect(curve.suffix(5).map(\.label) == ["Q4 '21", "Q1 '22", "Q2 '22", "Q3 '22", "Q4 '22"])
        // The same fit and curve as with the periods numbered.
        #expect(curve.map(\.fitted) == expected.map(\.fitted))
        #expect(curve.map(\.piHigh) == expected.map(\.piHigh))
    }

    /// Quarters dated by their first day (2019-01-01, …, 2021-10-01): a quarter (2022Q4) names the
    /// period dated 2022-10-01, and a month or a quarter off their steps names none.
    @Test("where x dates quarters by their first day, a quarter names one of them as the column's date does",
          arguments: [("2022Q4", "2022-10-01", true), ("Q4 2022", "2022-10-01", true), ("2018Q3", "2018-07-01", false)])
    func quarterOfDatedQuarters(_ quarter: String, _ date: String, _ horizon: Bool) throws {
        let rows: [String] = PeriodLabelFitTests.quarterly.enumerated().map { (k: Int, y: Double) -> String in
            String(format: "%d-%02d-01,", 2019 + k / 4, (k % 4) * 3 + 1) + "\(y)"
        }
        let dated = "period,adopters\n" + rows.joined(separator: "\n") + "\n"
        let option = horizon ? "--horizon" : "--launch"
        let byDate = try ReportJSON.decode(Data(try Self.run(dated, [option, date, "--format", "json"]).utf8))
        let byQuarter = try ReportJSON.decode(Data(try Self.run(dated, [option, quarter, "--format", "json"]).utf8))
        let a: ReportJSON.Fit = try #require(byQuarter.fits.first), b: ReportJSON.Fit = try #require(byDate.fits.first)
        // 2018Q3 is two quarters before 2019Q1 (x = 1): x = −1; without --launch, the first quarter.
        #expect(a.launch == b.launch && a.launch == (horizon ? 1 : -1), "launch \(a.launch.map { "\($0)" } ?? "null")")
        #expect(a.parameters.map(\.estimate) == b.parameters.map(\.estimate))
        #expect(a.curve.map(\.label) == b.curve.map(\.label))
        #expect(a.curve.map(\.fitted) == b.curve.map(\.fitted))
        if horizon { #expect(a.curve.last?.label == date && a.curve.count == 16) }
        // Off the quarters' steps, or a month of a monthly column: refused, with the form to give.
        try withTemporaryDirectory { dir in
            _ = try write(dated, to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--x", "period", "--y", "adopters", option, "2022-11"], in: dir)
            #expect(run.status == 64 && run.stderr.contains("is not a period like those of column 'period'"), "\(run.stderr)")
        }
    }

    @Test("--launch names a period before the data as the column names its periods, as a number does for numbered ones")
    func labelledLaunch() throws {
        let numbered = "period,adopters\n" + PeriodLabelFitTests.quarterly.enumerated().map { "\($0.offset + 1),\($0.element)" }
            .joined(separator: "\n") + "\n"
        // Q3 '18 is two quarters before Q1 '19 (x = 1): x = −1.
        let reference = try ReportJSON.decode(Data(try Self.run(numbered, ["--launch", "-1", "--format", "json"]).utf8))
        for launch in ["Q3 '18", "2018Q3"] {
            let report = try ReportJSON.decode(Data(try Self.run(Self.labelled, ["--launch", launch, "--format", "json"]).utf8))
            let a = try #require(report.fits.first), b = try #require(reference.fits.first)
            #expect(a.parameters.map(\.estimate) == b.parameters.map(\.estimate))
            #expect(a.curve.map(\.fitted) == b.curve.map(\.fitted))
        }
    }

    /// p = 0.01, q = 0.3 a quarter: the rate peaks ln(q/p)/(p + q) = 10.97 quarters after the start of
    /// the first (x = 1), at x = 11.97, and falls fastest ln(2 + √3)/(p + q) = 4.25 quarters later, at
    /// x = 16.2: in the sixteenth quarter, Q4 '22, four after the data.
    @Test("a milestone past the data names its period when the curve reaches it")
    func milestonePastTheData() throws {
        let markdown = try Self.run(Self.labelled, ["--horizon", "2022Q4"])
        let line = try #require(lines(markdown).first { $0.hasPrefix("Milestones:") })
        #expect(line.contains("peak 11.9 (Q3 '21)") && line.contains("saturation onset 16.2 (Q4 '22)"), "\(line)")
        let csv = try Self.run(Self.labelled, ["--horizon", "2022Q4", "--format", "csv", "--table", "curve"])
        #expect(lines(csv).last?.hasPrefix(",bass,converged,16,Q4 '22,,") == true, "\(csv)")
    }
}

@Suite("adopt fit: Markdown from awkward labels and paths")
struct MarkdownEscapeTests {
    /// Unescaped `|` in a line: the cell boundaries a GFM table sees.
    static func boundaries(_ line: some StringProtocol) -> Int {
        var count = 0, escaped = false
        for c in line {
            if c == "|" && !escaped { count += 1 }
            escaped = c == "\\" && !escaped
        }
        return count
    }

    @Test("every table row keeps its cells when labels and the file name hold pipes, backticks and line breaks")
    func tablesKeepTheirShape() throws {
        try withTemporaryDirectory { dir in
            let name = "we|ird `n`.csv"
            _ = try write("period,adopters\n\"A|1\",5\nB*,12\n\"C\n5\",30\nD_,55\nE,70\nF,60\nG,40\n", to: name, in: dir)
            let run = try runAdopt(["fit", "--data", name, "--x", "period", "--model", "logistic"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            var inTable = false, header = 0, rows = 0
            for line in lines(run.stdout) {
                guard line.hasPrefix("|") else { inTable = false; continue }
                if !inTable { header = Self.boundaries(line); inTable = true; continue }
                #expect(Self.boundaries(line) == header, "\(line)")
                rows += 1
            }
            #expect(rows >= 12)
            #expect(run.stdout.contains("| A\\|1 | 5 |"))
            #expect(run.stdout.contains("| C 5 | 30 |"))
        }
    }
}

@Suite("adopt fit: spreadsheet exports")
struct SpreadsheetExportTests {
    /// A trailing comma on every line (as spreadsheets export) adds an unnamed, empty column: the
    /// adopters column is still the only named one besides x.
    @Test("trailing commas do not stop --y being inferred")
    func trailingComma() throws {
        try withTemporaryDirectory { dir in
            let rows = PeriodLabelFitTests.quarterly.enumerated().map { "\(2000 + $0.offset),\($0.element)," }
            _ = try write("year,value,,\n" + rows.map { $0 + "," }.joined(separator: "\n") + "\n", to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--format", "csv"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(lines(run.stdout).filter { $0.hasPrefix(",bass,") }.count == 3)
        }
    }
}

@Suite("adopt fit --horizon where x has decimals")
struct DecimalHorizonTests {
    @Test("a horizon a whole number of periods after x = 0.1, 1.1, … is taken, and the curve's x keep their decimals",
          arguments: ["20.1", "12.1", "5.1"])
    func decimalHorizon(_ horizon: String) throws {
        try withTemporaryDirectory { dir in
            _ = try write("t,adopters\n0.1,5\n1.1,12\n2.1,30\n3.1,41\n4.1,30\n", to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--x", "t", "--horizon", horizon, "--format", "json"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let curve = try #require(try ReportJSON.decode(Data(run.stdout.utf8)).fits.first?.curve)
            let xs = curve.map(\.x)
            // Each x the double nearest to its decimal, as the report prints it: 20.1, not 20.099999999999998.
            #expect(xs == (0...Int(Double(horizon)!.rounded(.down))).map { Double("\($0).1")! })
            #expect(xs.last == Double(horizon))
        }
    }
}
