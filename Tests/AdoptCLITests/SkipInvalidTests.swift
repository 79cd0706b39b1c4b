import Foundation
import Testing
import TestSupport

/// `--skip-invalid`: a series whose own rows hold bad data is reported in its place as not fitted
/// (status `invalid_data`, its first problem's line and field), and the file's other series are fitted
/// as they would be alone; without it the run stops at the first problem, naming the option.
@Suite("adopt fit --skip-invalid")
struct SkipInvalidTests {
    /// A and C fit; B has a cell that is no number (line 9) and a duplicate year (line 11); D has negative
    /// adopters (line 19).
    static let data = "series,year,adopters\nA,2010,5\nA,2011,9\nA,2012,20\nA,2013,30\nA,2014,42\nA,2015,40\n"
        + "B,2010,3\nB,2011,x\nB,2012,7\nB,2012,8\n"
        + "C,2010,1\nC,2011,4\nC,2012,9\nC,2013,15\nC,2014,18\nC,2015,17\n"
        + "D,2010,1\nD,2012,-4\n"
    /// The same file with only A's and C's rows.
    static let valid = data.split(separator: "\n").filter { !$0.hasPrefix("B,") && !$0.hasPrefix("D,") }.joined(separator: "\n") + "\n"

    static func run(_ options: [String], data: String = data) throws -> AdoptRun {
        try withTemporaryDirectory { dir in
            try write(data, to: "data.csv", in: dir)
            return try runAdoptRaw(["fit", "--data", "data.csv", "--series", "series"] + options, in: dir)
        }
    }

    @Test("without it the run stops at the first problem and names the option; with it the bad series are not fitted, in their places, and the others are as fitted alone")
    func badSeriesAmongOthers() throws {
        let stopped = try Self.run([])
        #expect(stopped.status == 65 && stopped.stdout.isEmpty)
        #expect(stopped.stderr == "adopt: data.csv:9: field 'adopters': 'x' is not a number "
                + "(--skip-invalid reports this series and 1 more as not fitted, and reads the other 2, whose checks for fitting follow)\n")
        let run = try Self.run(["--skip-invalid", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "adopt: note: 2 of 4 series not fitted, as the report says: 'B' (invalid_data), 'D' (invalid_data)\n")
        let fits = try ReportJSON.decode(run.stdoutData).fits
        #expect(fits.map { $0.series ?? "" } == ["A", "B", "C", "D"])
        let alone = try ReportJSON.decode(try Self.run(["--format", "json"], data: Self.valid).stdoutData).fits
        #expect(alone.map(\.status) == ["converged", "converged"])
        for (fit, other) in zip([fits[0], fits[2]], alone) {
            #expect(fit.status == other.status && fit.parameters.map(\.estimate) == other.parameters.map(\.estimate))
        }
        for (fit, message) in [(fits[1], "not fitted: bad data on line 9, field 'adopters': 'x' is not a number (and 1 more: line 11)"),
                               (fits[3], "not fitted: bad data on line 19, field 'adopters': negative adopters: '-4' is below zero")] {
            #expect(fit.status == "invalid_data" && !fit.converged && fit.n == 0 && fit.curve.isEmpty)
            #expect(fit.parameters.map(\.name) == ["m", "p", "q"] && fit.parameters.allSatisfy { $0.estimate == nil })
            #expect(fit.message == message)
        }
        let csv = SimpleCSV(text: try Self.run(["--skip-invalid", "--format", "csv"]).stdout)
        #expect(csv.records.map { "\($0["series"] ?? "") \($0["status"] ?? "")" }
                == ["A converged", "B invalid_data", "C converged", "D invalid_data"].flatMap { Array(repeating: $0, count: 3) })
        let markdown = try Self.run(["--skip-invalid"]).stdout
        #expect(markdown.contains("**Not fitted** — bad data on line 19, field 'adopters': negative adopters: '-4' is below zero."))
        #expect(markdown.contains("| `B` | Bass | invalid_data | m –, p –, q – | – | – |"))
        // The curve table has a row for each, its values empty: no series goes missing from it.
        let curve = SimpleCSV(text: try Self.run(["--skip-invalid", "--format", "csv", "--table", "curve"]).stdout)
        let aside = curve.records.filter { $0["status"] == "invalid_data" }
        #expect(aside.map { $0["series"] ?? "" } == ["B", "D"])
        #expect(aside.allSatisfy { r in curve.header.filter { !["series", "model", "status", "level"].contains($0) }.allSatisfy { r[$0] == "" } })
        #expect(curve.rows.allSatisfy { $0.count == curve.header.count })
    }

    @Test("each kind of problem a series owns sets it aside: a cell of x or y, a duplicate x, two-digit years across 2000, a check of the fit's own",
          arguments: [
              ("B,2011,x", "B,2011,", "line 9, field 'adopters': "),
              ("B,2011,x", "B,20x1,9", "line 9, field 'year': '20x1' is not a number"),
              ("B,2011,x", "B,2011,nan", "line 9, field 'adopters': "),
              ("B,2011,x", "B,2011,1e400", "line 9, field 'adopters': "),
              ("B,2011,x\nB,2012,7\nB,2012,8", "B,2011,9\nB,2011,7\nB,2012,8", "line 10, field 'year': duplicate x '2011' in series 'B'; it already appears on line 9"),
              ("B,2011,x\nB,2012,7\nB,2012,8", "B,2011,9\nB,2011,9\nB,2012,8",
               "line 10, field 'year': duplicate x '2011' in series 'B'; it already appears on line 9, with the same value: the row given twice (files joined?)"),
              ("B,2010,3\nB,2011,x\nB,2012,7\nB,2012,8", "B,98,3\nB,99,5\nB,00,7\nB,01,8", "line 8, field 'year': '98' comes 97 after '01' (line 11) in series 'B'"),
              ("B,2011,x\nB,2012,7\nB,2012,8", "B,2011.5,9\nB,2012.5,7", "line 9, field 'year': series 'B' steps from 2010 (line 8) to 2011.5"),
              ("B,2010,3\nB,2011,x\nB,2012,7\nB,2012,8", "B,2010,0\nB,2011,0\nB,2012,0", "line 8, field 'adopters': series 'B' has no adopters"),
          ])
    func problemsOfOneSeries(_ replaced: String, _ with: String, _ message: String) throws {
        let data = Self.data.replacingOccurrences(of: replaced, with: with).replacingOccurrences(of: "D,2012,-4", with: "D,2011,4\nD,2012,6")
        let stopped = try Self.run([], data: data)
        #expect(stopped.status == 65 && stopped.stderr.contains("(--skip-invalid reports this series as not fitted, and ")
                && stopped.stderr.contains(" the other 3"),
                "\(stopped.stderr)")
        let run = try Self.run(["--skip-invalid", "--format", "json"], data: data)
        #expect(run.status == 0, "\(run.stderr)")
        let fits = try ReportJSON.decode(run.stdoutData).fits
        #expect(fits.map { $0.series ?? "" } == ["A", "B", "C", "D"])
        #expect(fits.map { $0.status == "invalid_data" } == [false, true, false, false])
        #expect(fits[1].message.hasPrefix("not fitted: bad data on " + message), "\(fits[1].message)")
    }

    @Test("with --model auto every model of a bad series is not fitted; with --skip-short a short series is too_few_observations beside it")
    func withAutoAndSkipShort() throws {
        let auto = try ReportJSON.decode(try Self.run(["--skip-invalid", "--model", "auto", "--format", "json"]).stdoutData).fits
        let b = auto.filter { $0.series == "B" }
        #expect(b.count == 5 && b.allSatisfy { $0.status == "invalid_data" && $0.rank == nil })
        #expect(Set(b.map(\.model)) == ["bass", "logistic", "gompertz", "richards", "exponential"])
        #expect(auto.map { $0.series ?? "" } == auto.map { $0.series ?? "" }.sorted())
        // The Markdown says B's problem once, not once a model.
        let markdown = try Self.run(["--skip-invalid", "--model", "auto"]).stdout
        #expect(markdown.components(separatedBy: "**Not fitted** — bad data on line 9, field 'adopters'").count == 2)
        #expect(markdown.contains("'x' is not a number (and 1 more: line 11). None of the 5 models is fitted."), "\(markdown)")
        let short = Self.data + "E,2010,4\n"
        let stopped = try Self.run(["--skip-invalid"], data: short)
        #expect(stopped.status == 65 && stopped.stderr.contains("series 'E' has 1 observation")
                && stopped.stderr.contains("--skip-short") && !stopped.stderr.contains("--skip-invalid"), "\(stopped.stderr)")
        let both = try ReportJSON.decode(try Self.run(["--skip-invalid", "--skip-short", "--format", "json"], data: short).stdoutData).fits
        #expect(both.map(\.status) == ["converged", "invalid_data", "converged", "invalid_data", "too_few_observations"])
    }

    @Test("what no one series owns still stops the run: a ragged row, an empty series name, a second header, a file left with no series to fit",
          arguments: [
              ("B,2011,x", "B,2011,9,1", "data.csv:9: "),
              ("B,2011,x", ",2011,9", "data.csv:9: field 'series': empty series name"),
              ("B,2011,x", "series,year,adopters", "data.csv:9: field 'year': 'year' is the x column's name"),
              ("D,2010,1\nD,2012,-4", "", "data.csv:4: field 'adopters': negative adopters: '-2' is below zero (no series of the file is left to fit"),
              // A period label among years: x of two kinds is the file's, not B's.
              ("B,2011,x", "B,2011Q1,9", "data.csv:9: field 'year': '2011Q1' is not a number; x must be all numbers or all period labels"),
              // Two spellings of one series, one of them set aside: still one series spelled two ways.
              ("D,2010,1\nD,2012,-4", "b,2010,1\nb,2011,4\nb,2012,6", "data.csv:18: field 'series': series 'b' and 'B' (line 8) differ only in letter case"),
          ])
    func stillStops(_ replaced: String, _ with: String, _ message: String) throws {
        var data = Self.data.replacingOccurrences(of: replaced, with: with)
        // No series left: A and C spoilt too.
        if with.isEmpty { data = data.replacingOccurrences(of: "A,2012,20", with: "A,2012,-2").replacingOccurrences(of: "C,2012,9", with: "C,2011,1") }
        let run = try Self.run(["--skip-invalid"], data: data)
        #expect(run.status == 65 && run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("adopt: " + message) && !run.stderr.contains("--skip-invalid reports"), "\(run.stderr)")
        // Without the option, no hint where it would not help.
        let stopped = try Self.run([], data: data)
        #expect(stopped.status == 65 && !stopped.stderr.contains("--skip-invalid"), "\(stopped.stderr)")
    }

    @Test("a launch the data start before is the option's conflict with them, not a series' bad data: the run stops, naming no option to skip it",
          arguments: [["--launch", "2011"], ["--launch", "C:2011"]])
    func launchStillStops(_ options: [String]) throws {
        let run = try Self.run(["--skip-invalid"] + options)
        #expect(run.status == 65 && run.stdout.isEmpty)
        #expect(run.stderr.contains("has an observation at 2010, before the launch 2011") && !run.stderr.contains("--skip-"), "\(run.stderr)")
    }

    @Test("a single series, or every series bad: no option would leave one to fit, and none is named")
    func nothingWouldBeLeft() throws {
        let single = "series,year,adopters\nA,2010,5\nA,2011,x\nA,2012,20\n"
        let run = try Self.run([], data: single)
        #expect(run.status == 65 && !run.stderr.contains("--skip-invalid"), "\(run.stderr)")
        let with = try Self.run(["--skip-invalid"], data: single)
        #expect(with.status == 65 && with.stderr.hasSuffix("(the file's one series has bad data)\n"), "\(with.stderr)")
    }

    @Test("a series too short and another with bad data: both options are named, and with both the run goes on")
    func bothOptions() throws {
        let data = Self.data.replacingOccurrences(of: "B,2011,x\nB,2012,7\nB,2012,8", with: "B,2011,9\nB,2011.5,7")
            .replacingOccurrences(of: "D,2010,1\nD,2012,-4\n", with: "D,2010,1\n")
        let run = try Self.run([], data: data)
        #expect(run.status == 65 && run.stderr.hasSuffix("(--skip-short and --skip-invalid report this series and 1 more as not fitted, "
                                                         + "and go on with the other 2)\n"), "\(run.stderr)")
        let both = try ReportJSON.decode(try Self.run(["--skip-short", "--skip-invalid", "--format", "json"], data: data).stdoutData).fits
        #expect(both.map(\.status) == ["converged", "invalid_data", "converged", "too_few_observations"])
    }

    @Test("period labels: a label that is no period, and a series whose months are no regular periods, set their series aside; the others are numbered as without them")
    func labelsOfOneSeries() throws {
        let quarters = "series,quarter,adopters\n" + (1...8).map { "A,2015Q\(($0 - 1) % 4 + 1),\($0 * 3)" }.enumerated()
            .map { i, row in i < 4 ? row : row.replacingOccurrences(of: "2015", with: "2016") }.joined(separator: "\n")
            + "\nB,2015Q1,2\nB,2015Q5,4\nB,#N/A,6\nB,2015Q3,8\n"
        let run = try withTemporaryDirectory { dir in
            try write(quarters, to: "q.csv", in: dir)
            return (try runAdoptRaw(["fit", "--data", "q.csv", "--x", "quarter", "--series", "series", "--skip-invalid", "--format", "json"], in: dir),
                    try runAdoptRaw(["fit", "--data", "q.csv", "--x", "quarter", "--series", "series"], in: dir))
        }
        #expect(run.0.status == 0, "\(run.0.stderr)")
        let fits = try ReportJSON.decode(run.0.stdoutData).fits
        #expect(fits.map(\.status) == [fits[0].status, "invalid_data"] && fits[0].status != "invalid_data")
        #expect(fits[1].message == "not fitted: bad data on line 11, field 'quarter': '2015Q5' names no period: there is no quarter 5 "
                + "(and 1 more: line 12)", "\(fits[1].message)")
        #expect(run.1.status == 65 && run.1.stderr.contains("(--skip-invalid reports this series as not fitted, and reads the other 1, whose checks for fitting follow)"),
                "\(run.1.stderr)")
    }

    /// Three series of plain labels (wave 1 … wave 6), then one of quarters.
    static let wavesBesideQuarters: String = {
        var lines = ["series,period,adopters"]
        for name in ["A", "B", "C"] {
            for k in 1...6 { lines.append("\(name),wave \(k),\(k * 5)") }
        }
        for k in 1...6 {
            let year = 2015 + (k - 1) / 4, quarter = (k - 1) % 4 + 1
            lines.append("D,\(year)Q\(quarter),\(k * 5)")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test("labels are numbered as in the file without the rows of the series set aside: plain labels by their first appearance among the rows left, periods without a series' irregular months; series of plain labels beside series of periods are the file's problem",
          arguments: [
              // A's bad row names w2 before any other row names w1: left in, it would put w2 first.
              ("series,wave,adopters\nA,w2,-1\nB,w1,1\nB,w2,3\nB,w3,7\nB,w4,9\nB,w5,8\nA,w3,4\nA,w4,5\nA,w5,6\n", "wave",
               ["invalid_data", "converged"], ""),
              // B's months 1, 4, 6, 9 are no regular quarters; A's are.
              ("series,month,adopters\nA,2024-01,1\nA,2024-04,3\nA,2024-07,6\nA,2024-10,9\nA,2025-01,10\nB,2024-01,1\nB,2024-04,2\nB,2024-06,4\nB,2024-09,5\n",
               "month", [nil, "invalid_data"], ""),
              // A total row among plain labels is its series' own.
              ("series,wave,adopters\nA,w1,1\nA,w2,3\nA,w3,6\nA,w4,9\nA,w5,10\nB,w1,1\nB,w2,2\nB,w3,4\nB,Total,7\n", "wave",
               ["converged", "invalid_data"], ""),
              // Three series of waves beside one of quarters: x of two kinds, not the waves' own problem.
              (SkipInvalidTests.wavesBesideQuarters, "period", [], "'wave 1' is not a period like '2015Q1' (line 20)"),
              // B alone holds 2014Q4, and repeats 2015Q2: set aside before the labels are numbered, it leaves A's x from 2015Q1.
              ("series,quarter,adopters\nB,2014Q4,1\nB,2015Q2,2\nB,2015Q2,3\nA,2015Q1,2\nA,2015Q2,5\nA,2015Q3,9\nA,2015Q4,12\nA,2016Q1,11\n",
               "quarter", ["invalid_data", "x1"], ""),
              // B's waves run against their numbers: its own problem, whichever series comes first.
              ("series,wave,adopters\nB,wave 2,1\nB,wave 1,2\nB,wave 3,3\nA,wave 1,2\nA,wave 2,5\nA,wave 3,9\nA,wave 4,12\nA,wave 5,11\n",
               "wave", ["invalid_data", nil], ""),
              // A spreadsheet's error value is no label, in any series.
              ("series,wave,adopters\nA,wave 1,2\nA,wave 2,5\nA,wave 3,9\nA,wave 4,12\nB,wave 1,1\nB,#N/A,2\nB,wave 3,3\nB,wave 4,4\n",
               "wave", [nil, "invalid_data"], ""),
          ])
    func labelsWithoutSetAsideRows(_ data: String, _ x: String, _ statuses: [String?], _ error: String) throws {
        let run = try withTemporaryDirectory { dir in
            try write(data, to: "labels.csv", in: dir)
            return try runAdoptRaw(["fit", "--data", "labels.csv", "--x", x, "--series", "series", "--skip-invalid", "--format", "json"], in: dir)
        }
        if !error.isEmpty {
            #expect(run.status == 65 && run.stderr.contains(error), "\(run.stderr)")
            return
        }
        #expect(run.status == 0, "\(run.stderr)")
        let fits = try ReportJSON.decode(run.stdoutData).fits
        #expect(fits.count == statuses.count)
        for (fit, status) in zip(fits, statuses) {
            switch status {
            case "x1"?: #expect(fit.status != "invalid_data" && fit.curve.first?.x == 1 && fit.curve.first?.label == "2015Q1", "\(fit.curve.first.map { "\($0)" } ?? "")")
            case let status?: #expect(fit.status == status, "\(fit.series ?? "")")
            case nil: #expect(fit.status != "invalid_data")
            }
        }
    }

    @Test("a total row: the sum of the others is set aside as one; named so beside a series set aside, it is set aside too, its sum unknown")
    func totalRow() throws {
        let parts = "series,year,adopters\nA,2010,5\nA,2011,9\nA,2012,20\nA,2013,30\nB,2010,1\nB,2011,4\nB,2012,9\nB,2013,15\n"
        let total = parts + "Total,2010,6\nTotal,2011,13\nTotal,2012,29\nTotal,2013,45\n"
        let stopped = try Self.run([], data: total)
        #expect(stopped.status == 65 && stopped.stderr.contains("series 'Total' is the sum of the other series"), "\(stopped.stderr)")
        let summed = try ReportJSON.decode(try Self.run(["--skip-invalid", "--format", "json"], data: total).stdoutData).fits
        #expect(summed.map(\.status).last == "invalid_data" && summed.map { $0.series ?? "" } == ["A", "B", "Total"])
        #expect(summed.last?.message.contains("is the sum of the other series at each of its periods") == true)
        let spoilt = try ReportJSON.decode(try Self.run(["--skip-invalid", "--format", "json"],
                                                        data: total.replacingOccurrences(of: "B,2012,9", with: "B,2012,x")).stdoutData).fits
        #expect(spoilt.map(\.status).dropFirst() == ["invalid_data", "invalid_data"])
        #expect(spoilt.last?.message == "not fitted: bad data on line 10, field 'series': series 'Total' is named as a total, beside series set "
                + "aside for bad data ('B'): whether it is the sum of the others cannot be told; fit it in a file of its own", "\(spoilt.last?.message ?? "")")
    }

    @Test("an x more than 1,000 periods from the rest of its series is refused, and with --skip-invalid sets it aside", arguments: ["99999", "1e300"])
    func distantX(_ x: String) throws {
        let data = Self.data.replacingOccurrences(of: "C,2015,17", with: "C,\(x),17")
        let run = try Self.run(["--skip-invalid", "--format", "json"], data: data)
        let fits = try ReportJSON.decode(run.stdoutData).fits
        #expect(fits.map(\.status)[2] == "invalid_data" && fits[2].message.contains("jumps from 2014 (line 16) to"), "\(fits[2].message)")
    }

    @Test("it needs --series: a file of one series has no other to fit")
    func needsSeries() throws {
        let run = try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            return try runAdoptRaw(["fit", "--data", "data.csv", "--skip-invalid"], in: dir)
        }
        #expect(run.status == 64 && run.stderr.contains("--skip-invalid fits the other series of a file: give --series"), "\(run.stderr)")
    }

    @Test("--launch and --fix may name a series set aside, which stays not fitted; the others' values apply as without it")
    func namedSeriesSetAside() throws {
        let run = try Self.run(["--skip-invalid", "--launch", "B:2009", "--fix", "D:m=50", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let fits = try ReportJSON.decode(run.stdoutData).fits
        #expect(fits.map(\.status) == ["converged", "invalid_data", "converged", "invalid_data"])
        let misspelt = try Self.run(["--skip-invalid", "--fix", "Q:m=50"])
        #expect(misspelt.status == 64 && misspelt.stderr.contains("no series 'Q'"), "\(misspelt.stderr)")
    }
}
