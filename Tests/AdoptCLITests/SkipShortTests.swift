import Foundation
import Testing
import TestSupport

/// `--skip-short`: a series with fewer observations than parameters among others is reported as not
/// fitted, where without it the run stops with a data error that names the option.
@Suite("adopt fit --skip-short")
struct SkipShortTests {
    /// A with six years, B with two, C with one.
    static let data = "series,year,adopters\nA,2010,5\nA,2011,9\nA,2012,20\nA,2013,30\nA,2014,42\nA,2015,40\n"
        + "B,2020,3\nB,2021,7\nC,2019,1\n"

    static func run(_ options: [String], data: String = data) throws -> AdoptRun {
        try withTemporaryDirectory { dir in
            try write(data, to: "data.csv", in: dir)
            return try runAdoptRaw(["fit", "--data", "data.csv", "--series", "series"] + options, in: dir)
        }
    }

    @Test("without it the run stops and names the option; with it the short series are not fitted and the others are as fitted alone")
    func shortSeriesAmongOthers() throws {
        let stopped = try Self.run([])
        #expect(stopped.status == 65 && stopped.stdout.isEmpty)
        #expect(stopped.stderr == "adopt: data.csv:9: field 'adopters': series 'B' has 2 observations, fewer than the 3 parameters of bass; "
                + "1 more series cannot be fitted either: 'C' (line 10) (--skip-short fits the other series and reports these as not fitted)\n")
        let run = try Self.run(["--skip-short", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let fits = try ReportJSON.decode(run.stdoutData).fits
        #expect(fits.map { $0.series ?? "" } == ["A", "B", "C"])
        let alone = try ReportJSON.decode(try Self.run(["--format", "json"], data: String(Self.data.prefix { $0 != "B" })).stdoutData).fits
        #expect(fits[0].parameters.map(\.estimate) == alone[0].parameters.map(\.estimate) && fits[0].status == "converged")
        for (fit, n) in zip(fits.dropFirst(), [2, 1]) {
            #expect(fit.status == "too_few_observations" && !fit.converged && fit.n == n && fit.curve.isEmpty)
            #expect(fit.parameters.map(\.name) == ["m", "p", "q"] && fit.parameters.allSatisfy { $0.estimate == nil })
            #expect(fit.message == "not fitted: \(n) observation\(n == 1 ? "" : "s") to fit, fewer than its 3 parameters")
        }
        let csv = SimpleCSV(text: try Self.run(["--skip-short", "--format", "csv"]).stdout)
        #expect(csv.records.map { $0["status"] ?? "" } == Array(repeating: "converged", count: 3) + Array(repeating: "too_few_observations", count: 6))
        // The Markdown says the series was not fitted, and shows no empty curve table.
        let markdown = try Self.run(["--skip-short"]).stdout
        #expect(markdown.contains("**Not fitted** — 2 observations to fit, fewer than its 3 parameters."))
        #expect(markdown.components(separatedBy: "| x | observed |").count == 2)
    }

    @Test("the parameters counted are those fitted: every model with --model auto, the free ones with --fix, the formula's; a holdout leaving none says so",
          arguments: [
              (["--model", "auto"], "C", "not fitted: 1 observation to fit, fewer than its 2 parameters", 5),
              (["--fix", "m=300"], "C", "not fitted: 1 observation to fit, fewer than its 2 parameters (bass with m fixed)", 1),
              (["--formula", "b1*x", "--start", "b1=1", "--holdout", "1"], "C", "not fitted: no observation to fit", 1),
              (["--holdout", "3"], "B", "not fitted: no observation to fit", 1),
          ])
    func countsWhatIsFitted(_ options: [String], _ series: String, _ message: String, _ records: Int) throws {
        let run = try Self.run(["--skip-short", "--format", "json"] + options)
        #expect(run.status == 0, "\(run.stderr)")
        let fits = try ReportJSON.decode(run.stdoutData).fits.filter { $0.series == series }
        #expect(fits.count == records)
        #expect(fits.contains { $0.message == message }, "\(fits.map(\.message))")
        #expect(fits.allSatisfy { $0.status == "too_few_observations" })
    }

    @Test("it skips only series too short to fit: another data error still stops the run, a short series' own included, and its message names no option")
    func otherErrorsStillStop() throws {
        let duplicate = Self.data + "D,2010,4\nD,2010,5\nD,2011,6\nD,2012,7\n"
        for options in [[], ["--skip-short"]] {
            let run = try Self.run(options, data: duplicate)
            #expect(run.status == 65 && run.stdout.isEmpty)
            #expect(!run.stderr.contains("--skip-short"), "\(run.stderr)")
        }
        // B starts before the launch, and steps by half a year: errors of their own, short as B is.
        for (options, data, message) in [
            (["--launch", "2010"], Self.data.replacingOccurrences(of: "B,2020", with: "B,2005"), "series 'B' has an observation at 2005, before the launch 2010"),
            ([], Self.data.replacingOccurrences(of: "B,2021", with: "B,2020.5"), "series 'B'"),
        ] {
            let run = try Self.run(["--skip-short"] + options, data: data)
            #expect(run.status == 65 && run.stdout.isEmpty)
            #expect(run.stderr.contains(message), "\(run.stderr)")
        }
    }

    @Test("a file none of whose series can be fitted is still a data error, which says so")
    func nothingToFit() throws {
        let run = try Self.run(["--skip-short", "--holdout", "10"])
        #expect(run.status == 65 && run.stdout.isEmpty)
        #expect(run.stderr.hasSuffix("(no series of the file has enough observations to fit)\n"), "\(run.stderr)")
    }

    @Test("with --model auto and --holdout, a series it skips has the records of a model auto cannot fit: the same wording and held-out observations")
    func sameShapeAsAuto() throws {
        // B: three observations, one held out; C: one, held out.
        let data = Self.data.replacingOccurrences(of: "C,2019,1\n", with: "B,2022,9\nC,2019,1\n")
        let fits = try ReportJSON.decode(try Self.run(["--skip-short", "--model", "auto", "--holdout", "1", "--format", "json"], data: data).stdoutData).fits
        let b = fits.filter { $0.series == "B" && $0.status == "too_few_observations" }, c = fits.filter { $0.series == "C" }
        #expect(b.count == 4 && c.count == 5)
        #expect(b.contains { $0.message == "not fitted: 2 observations to fit, fewer than its 3 parameters" && $0.holdout?.n == 1 })
        #expect(c.allSatisfy { $0.message == "not fitted: no observation to fit" && $0.holdout?.n == 1 })
    }
}
