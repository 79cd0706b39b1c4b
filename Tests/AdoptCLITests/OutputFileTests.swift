import Foundation
import Testing
import TestSupport

/// A run that fails after a report was already written to `report.md`.
struct FailingRewrite: Sendable, CustomTestStringConvertible {
    let name: String
    /// Arguments before `--output report.md`.
    let args: [String]
    let code: Int32
    var testDescription: String { name }
}

@Suite("adopt fit --output: written atomically, never lost")
struct OutputFileTests {
    static let data = "year,adopters\n2000,10\n2001,25\n2002,40\n2003,30\n2004,15\n2005,6\n"
    static let bad = "year,adopters\n2000,10\n2001,25\n2002,forty\n2003,30\n"
    static let few = "year,adopters\n2000,10\n2001,25\n"

    static let failures: [FailingRewrite] = [
        FailingRewrite(name: "bad cell", args: ["fit", "--data", "bad.csv", "--y", "adopters"], code: 65),
        FailingRewrite(name: "too few points to fit", args: ["fit", "--data", "few.csv", "--y", "adopters"], code: 65),
        FailingRewrite(name: "missing input", args: ["fit", "--data", "gone.csv", "--y", "adopters"], code: 66),
        FailingRewrite(name: "bad formula",
                       args: ["fit", "--data", "data.csv", "--y", "adopters", "--formula", "b1*(x", "--start", "b1=1"],
                       code: 64),
        FailingRewrite(name: "unknown model", args: ["fit", "--data", "data.csv", "--y", "adopters", "--model", "zz"],
                       code: 64),
    ]

    @Test("a failing run leaves the earlier report byte-identical and no temporary files", arguments: failures)
    func failureKeepsEarlierReport(_ failure: FailingRewrite) throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            try write(Self.bad, to: "bad.csv", in: dir)
            try write(Self.few, to: "few.csv", in: dir)

            let first = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--output", "report.md"], in: dir)
            #expect(first.status == 0, "stderr: \(first.stderr)")
            #expect(first.stdout.isEmpty)
            #expect(first.stderr.isEmpty)
            let report = dir.appendingPathComponent("report.md")
            let written = try Data(contentsOf: report)
            #expect(String(decoding: written, as: UTF8.self).hasPrefix("# Adoption curve fits"))
            let files = listing(dir)
            #expect(files == ["bad.csv", "data.csv", "few.csv", "report.md"])

            let second = try runAdopt(failure.args + ["--output", "report.md"], in: dir)
            #expect(second.status == failure.code, "stderr: \(second.stderr)")
            #expect(second.stdout.isEmpty)
            #expect(lines(second.stderr).count == 1)
            #expect(try Data(contentsOf: report) == written, "the failed run changed report.md")
            #expect(listing(dir) == files, "the failed run left files behind")
        }
    }

    @Test("a successful --output replaces the old file whole with exactly what stdout would show",
          arguments: ["csv", "json"])
    func outputMatchesStandardOutput(_ format: String) throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            // Longer than any report, so a write that does not truncate leaves a tail.
            try write(String(repeating: "stale line\n", count: 20_000), to: "report.out", in: dir)
            let args = ["fit", "--data", "data.csv", "--y", "adopters", "--format", format]

            let toStdout = try runAdoptRaw(args, in: dir)
            #expect(toStdout.status == 0, "stderr: \(toStdout.stderr)")
            let toFile = try runAdoptRaw(args + ["--output", "report.out"], in: dir)
            #expect(toFile.status == 0, "stderr: \(toFile.stderr)")
            #expect(toFile.stdoutData.isEmpty)
            #expect(toFile.stderrData.isEmpty)

            var fileData = try Data(contentsOf: dir.appendingPathComponent("report.out"))
            var stdoutData = toStdout.stdoutData
            // The report names the command, which differs by the --output argument; drop that line.
            fileData = droppingCommand(fileData)
            stdoutData = droppingCommand(stdoutData)
            #expect(!stdoutData.isEmpty)
            #expect(fileData == stdoutData)
            #expect(listing(dir) == ["data.csv", "report.out"])
        }
    }

    @Test("--output - is standard output, as --data - is standard input: no file named '-'",
          arguments: [["fit", "--data", "data.csv", "--y", "adopters", "--format", "csv"],
                      ["forecast", "scenario.toml", "--format", "csv", "--no-calibration", "--draws", "0"]])
    func dashIsStandardOutput(_ args: [String]) throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            let scenario = Fixtures.repositoryRoot.appendingPathComponent("Data/scenarios/cpo-baseline.toml")
            let run = try runAdopt(args.map { $0 == "scenario.toml" ? scenario.path : $0 } + ["--output", "-"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stdout.contains("# made by: adopt \(args[0])") && run.stdout.contains("--output -"), "\(run.stdout.prefix(300))")
            #expect(run.stderr.isEmpty)
            #expect(listing(dir) == ["data.csv"])
        }
    }

    @Test("without --format, --output's extension names the format; --format names it for other names", arguments: [
        ("report.json", [], "json"), ("report.csv", [], "csv"), ("REPORT.CSV", [], "csv"), ("report.md", [], "md"),
        ("report.markdown", [], "md"), ("report.txt", [], "md"), ("report.txt", ["--format", "json"], "json"),
        ("report", ["--format", "csv"], "csv"), ("report.json", ["--format", "json"], "json"), ("report", [], "md"),
    ])
    func formatFromExtension(_ name: String, _ extra: [String], _ format: String) throws {
        for command in ["fit", "forecast"] {
            try withTemporaryDirectory { dir in
                try write(Self.data, to: "data.csv", in: dir)
                let scenario = Fixtures.repositoryRoot.appendingPathComponent("Data/scenarios/cpo-baseline.toml").path
                let args = command == "fit" ? ["fit", "--data", "data.csv", "--y", "adopters"]
                    : ["forecast", scenario, "--no-calibration", "--draws", "0"]
                let run = try runAdopt(args + extra + ["--output", name], in: dir)
                #expect(run.status == 0, "stderr: \(run.stderr)")
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                // JSON is an object; Markdown has tables, the tidy CSV none, after its '#' comment lines.
                let tables = text.split(separator: "\n").contains { $0.hasPrefix("|") }
                let kind = text.hasPrefix("{") ? "json" : text.hasPrefix("#") ? (tables ? "md" : "csv") : "?"
                #expect(kind == format, "\(command) \(name): \(text.prefix(60))")
            }
        }
    }

    @Test("a --format that contradicts --output's extension is refused, and the earlier report is kept", arguments: [
        ("fit", "report.csv", "md"), ("fit", "report.json", "csv"), ("fit", "Report.MD", "json"),
        ("forecast", "report.markdown", "csv"), ("forecast", "report.csv", "json"),
    ])
    func formatAgainstExtensionRefused(_ command: String, _ name: String, _ format: String) throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            try write("earlier\n", to: name, in: dir)
            let scenario = Fixtures.repositoryRoot.appendingPathComponent("Data/scenarios/cpo-baseline.toml").path
            let args = command == "fit" ? ["fit", "--data", "data.csv", "--y", "adopters"]
                : ["forecast", scenario, "--no-calibration", "--draws", "0"]
            let run = try runAdopt(args + ["--format", format, "--output", name], in: dir)
            #expect(run.status == 64, "stderr: \(run.stderr)")
            #expect(lines(run.stderr).count == 1 && run.stderr.contains("--format \(format)") && run.stderr.contains(name),
                    "stderr: \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) == "earlier\n")
        }
    }

    @Test("--output naming a compressed file is refused (adopt writes plain text), and nothing is written",
          arguments: [("fit", "fits.csv.gz", "fits.csv"), ("fit", "fits.json.XZ", "fits.json"), ("forecast", "forecast.csv.bz2", "forecast.csv"),
                      ("fit", "fits.zip", nil), ("fit", "fits.tgz", nil), ("fit", "fits.csv.lz4", "fits.csv"), ("fit", ".gz", nil)])
    func compressedOutputRefused(_ command: String, _ name: String, _ plain: String?) throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            let scenario = Fixtures.repositoryRoot.appendingPathComponent("Data/scenarios/cpo-baseline.toml").path
            let args = command == "fit" ? ["fit", "--data", "data.csv", "--y", "adopters"]
                : ["forecast", scenario, "--no-calibration", "--draws", "0"]
            let run = try runAdopt(args + ["--output", name], in: dir)
            #expect(run.status == 64, "stderr: \(run.stderr)")
            let ext = name.split(separator: ".").last!
            let expected: String = "adopt: --output \(name) names a compressed file (.\(ext)), and adopt writes plain text: write "
                + (plain ?? "a file named .md, .csv or .json") + " and compress it"
            #expect(lines(run.stderr).map(String.init) == [expected], "stderr: \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path))
        }
    }

    @Test("--output naming a format adopt does not write (a workbook, tab-separated values, a web page) is refused, and nothing is written",
          arguments: [("fit", "forecast.xlsx", "an Excel workbook (.xlsx)", "write forecast.csv (which spreadsheets open)"),
                      ("forecast", "plan.TSV", "tab-separated values (.TSV)", "write plan.csv (which spreadsheets open)"),
                      ("fit", "out.d/fits.html", "a web page (.html)", "write a file named .md, .csv or .json"),
                      ("fit", "fits.csv.xlsx", "an Excel workbook (.xlsx)", "write fits.csv (which spreadsheets open)"),
                      ("fit", "fits.jsonl", "JSON Lines (.jsonl)", "write a file named .md, .csv or .json")])
    func otherFormatRefused(_ command: String, _ name: String, _ kind: String, _ advice: String) throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("out.d"), withIntermediateDirectories: true)
            let scenario = Fixtures.repositoryRoot.appendingPathComponent("Data/scenarios/cpo-baseline.toml").path
            let args = command == "fit" ? ["fit", "--data", "data.csv", "--y", "adopters"]
                : ["forecast", scenario, "--no-calibration", "--draws", "0"]
            for extra in [[], ["--format", "csv"]] {
                let run = try runAdopt(args + extra + ["--output", name], in: dir)
                #expect(run.status == 64, "stderr: \(run.stderr)")
                let expected = "adopt: --output \(name) names \(kind), and adopt writes Markdown, CSV or JSON: \(advice)"
                #expect(lines(run.stderr).map(String.init) == [expected], "stderr: \(run.stderr)")
                #expect(run.stdout.isEmpty)
                #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path))
            }
        }
    }

    @Test("a format's extension before another (fits.csv.bak) needs --format, which then writes it", arguments: [
        ("fits.csv.bak", "CSV", "csv", "fits.csv"), ("fits.json.txt", "JSON", "json", "fits.json"),
    ])
    func innerExtension(_ name: String, _ title: String, _ format: String, _ stem: String) throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            let refused = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--output", name], in: dir)
            #expect(refused.status == 64 && refused.stdout.isEmpty)
            #expect(lines(refused.stderr).map(String.init) == ["adopt: --output \(name) names \(title) before its last extension "
                + "(.\(name.split(separator: ".").last!)), and without --format adopt writes Markdown there: give --format \(format), "
                + "or name the file \(stem)"], "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path))
            let written = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--format", format, "--output", name], in: dir)
            #expect(written.status == 0, "\(written.stderr)")
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix(format == "csv" ? "# adopt fit;" : "{"))
        }
    }

    @Test("names with other dots are written as given", arguments: ["my.report", "sales.br", "report.z", "out.d/fits"])
    func dottedOutputAccepted(_ name: String) throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("out.d"), withIntermediateDirectories: true)
            let run = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--output", name], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8).hasPrefix("# Adoption curve fits"))
        }
    }

    @Test("--output naming the data file is refused and leaves the data as they were")
    func outputOverInputRefused() throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--output", "./data.csv"], in: dir)
            #expect(run.status == 73, "stderr: \(run.stderr)")
            #expect(lines(run.stderr).count == 1 && run.stderr.contains("input file"))
            #expect(try String(contentsOf: dir.appendingPathComponent("data.csv"), encoding: .utf8) == Self.data)
            #expect(listing(dir) == ["data.csv"])
        }
    }

    @Test("--output naming a file with no write permission is refused and keeps it")
    func readOnlyReportKept() throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            try write("final report\n", to: "report.md", in: dir)
            let report = dir.appendingPathComponent("report.md").path
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: report)
            let run = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--output", "report.md"], in: dir)
            #expect(run.status == 73, "stderr: \(run.stderr)")
            #expect(lines(run.stderr) == ["adopt: report.md: cannot write the report: the file is read-only; make it writable or name another output"])
            #expect(try String(contentsOf: URL(fileURLWithPath: report), encoding: .utf8) == "final report\n")
            #expect(listing(dir) == ["data.csv", "report.md"])
        }
    }

    @Test("--output through a symbolic link replaces the file it names, which keeps its permissions")
    func outputThroughLink() throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            try write("old report\n", to: "report.md", in: dir)
            let report = dir.appendingPathComponent("report.md").path
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: report)
            try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("latest.md").path,
                                                       withDestinationPath: "report.md")
            let run = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--output", "latest.md"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("latest.md").path)
            #expect(link == "report.md", "the link was replaced")
            #expect(try String(contentsOf: URL(fileURLWithPath: report), encoding: .utf8).hasPrefix("# Adoption curve fits"))
            let permissions = try FileManager.default.attributesOfItem(atPath: report)[.posixPermissions] as? Int
            #expect(permissions == 0o600)
            #expect(listing(dir) == ["data.csv", "latest.md", "report.md"])
        }
    }

    @Test("--output through a dangling symbolic link creates the file it names, and the link stays")
    func outputThroughDanglingLink() throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("latest.md").path,
                                                       withDestinationPath: "out/new.md")
            let run = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--output", "latest.md"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("latest.md").path)
            #expect(link == "out/new.md", "the link was replaced")
            let created = dir.appendingPathComponent("out/new.md")
            #expect(try String(contentsOf: created, encoding: .utf8).hasPrefix("# Adoption curve fits"))
            #expect(listing(dir) == ["data.csv", "latest.md", "out", "out/new.md"])
            // A link into a folder that does not exist fails as that path would, and leaves the link.
            try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("lost.md").path,
                                                       withDestinationPath: "nowhere/new.md")
            let lost = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--output", "lost.md"], in: dir)
            #expect(lost.status == 73, "stderr: \(lost.stderr)")
            #expect(lines(lost.stderr).count == 1 && lost.stderr.contains("lost.md"), "stderr: \(lost.stderr)")
            #expect(listing(dir) == ["data.csv", "latest.md", "lost.md", "out", "out/new.md"])
        }
    }

    @Test("--output to a pipe (as to /dev/stdout) is written to, not replaced")
    func outputToPipe() throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            let fifo = dir.appendingPathComponent("pipe").path
            #expect(mkfifo(fifo, 0o644) == 0)
            // A reader on the pipe, copying what comes through into a file.
            let reader = try startShell("cat pipe > through.md", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--format", "csv", "--output", "pipe"],
                                   in: dir)
            reader.waitUntilExit()
            #expect(run.status == 0, "stderr: \(run.stderr)")
            var info = stat()
            #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the pipe was replaced by a file")
            let through = try String(contentsOf: dir.appendingPathComponent("through.md"), encoding: .utf8)
            let toStdout = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--format", "csv"], in: dir)
            #expect(droppingCommand(Data(through.utf8)) == droppingCommand(Data(toStdout.stdout.utf8)))
            #expect(listing(dir) == ["data.csv", "pipe", "through.md"])
        }
    }

    @Test("--output to a pipe that no process reads fails at once, naming the pipe")
    func outputToUnreadPipe() throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            #expect(mkfifo(dir.appendingPathComponent("pipe").path, 0o644) == 0)
            let run = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--output", "pipe"], in: dir,
                                   timeout: 20)
            #expect(run.status == 73, "stderr: \(run.stderr)")
            #expect(lines(run.stderr).count == 1 && run.stderr.contains("pipe") && run.stderr.contains("no process reads"))
        }
    }

    @Test("--output /dev/stdout writes to standard output, whatever it is: a pipe, or a file appended to")
    func outputToStandardOutput() throws {
        try withTemporaryDirectory { dir in
            try write(Self.data, to: "data.csv", in: dir)
            let args = ["fit", "--data", "data.csv", "--y", "adopters", "--format", "csv"]
            let plain = try runAdopt(args, in: dir)
            let piped = try runAdopt(args + ["--output", "/dev/stdout"], in: dir)
            #expect(piped.status == 0 && droppingCommand(Data(piped.stdout.utf8)) == droppingCommand(Data(plain.stdout.utf8)))
            #expect(!plain.stdout.isEmpty)

            // Appended to a file through the shell: what was there stays, the report follows it.
            let binary = try #require(AdoptBinary.url).path
            let shell = try startShell("echo first > log.csv && '\(binary)' \(args.joined(separator: " ")) --output /dev/stdout >> log.csv",
                                       in: dir)
            shell.waitUntilExit()
            #expect(shell.terminationStatus == 0)
            let log = try Data(contentsOf: dir.appendingPathComponent("log.csv"))
            #expect(droppingCommand(log) == droppingCommand(Data(("first\n" + plain.stdout).utf8)))
            #expect(listing(dir) == ["data.csv", "log.csv"])
        }
    }

    /// SIGTERM while the report is written to its temporary file: the process ends by the signal, the
    /// temporary file is removed and the earlier report stays. (The rename is the only step that
    /// replaces the report, so a signal at any other point leaves it too.)
    @Test("a termination signal while the report is written leaves the earlier report and no temporary file")
    func signalWhileWriting() throws {
        try withTemporaryDirectory { dir in
            // 4,000 noise-free Bass series, curves to 2060: a JSON report of about 100 MB, long enough to catch.
            var text = "id,year,adopters\n"
            for s in 0..<4000 {
                let (m, p, q) = (1000.0 + Double(s), 0.01 + Double(s % 7) * 0.002, 0.3 + Double(s % 5) * 0.05)
                func f(_ t: Double) -> Double { let e = Foundation.exp(-(p + q) * t); return (1 - e) / (1 + q / p * e) }
                for t in 1...14 { text += "\(s),\(2000 + t),\(m * (f(Double(t)) - f(Double(t - 1))))\n" }
            }
            try write(text, to: "data.csv", in: dir)
            try write("earlier\n", to: "report.json", in: dir)
            // Spawned with no signal blocked (`Child`): a test runner's threads block some, and a child inherits that.
            let child = try Child(try #require(AdoptBinary.url).path, ["fit", "--data", "data.csv", "--series", "id", "--y", "adopters",
                                                                      "--horizon", "2060", "--format", "json", "--output", "report.json"],
                                  in: dir)
            var seen = false
            for _ in 0..<60_000 {
                if listing(dir).contains(where: { $0.hasPrefix(".report.json.tmp-") }) { seen = true; break }
                if child.hasExited { break }
                usleep(1000)
            }
            if seen { child.terminate() }
            let (status, exitedNormally) = child.waitUntilExit()
            try #require(seen, "the temporary file was never seen")
            // Ended by SIGTERM itself, not by an exit.
            #expect(!exitedNormally && status == SIGTERM, "status \(status)")
            #expect(listing(dir) == ["data.csv", "report.json"])
            #expect(try String(contentsOf: dir.appendingPathComponent("report.json"), encoding: .utf8) == "earlier\n")
        }
    }

    /// Streams that cannot be written: a full device, a closed descriptor, a pipe whose reader left
    /// (with SIGPIPE ignored, as some shells and supervisors do). Either command ends with its
    /// status and, where stderr can take it, one line; never a trap.
    @Test("a report or message that cannot be written ends with an exit status, not a crash", arguments: [
        ("forecast \(ForecastBaseline.path) --no-calibration > /dev/full", Int32(73), "no space left"),
        ("forecast \(ForecastBaseline.path) --no-calibration >&-", Int32(73), "standard output"),
        ("forecast \(ForecastBaseline.path) --no-calibration --format json | true", Int32(73), "broken pipe"),
        ("fit --data Data/series/durables.csv --y adopters --series series > /dev/full", Int32(73), "no space left"),
        ("fit --data missing.csv 2>/dev/full", Int32(66), ""),
        ("forecast missing.toml 2>&-", Int32(66), ""),
        ("fit --help > /dev/full", Int32(73), "cannot write the help"),
    ])
    func unwritableStreams(command: String, status: Int32, message: String) throws {
        try withTemporaryDirectory { dir in
            let binary = try #require(AdoptBinary.url).path
            let err = dir.appendingPathComponent("err.txt").path
            let code = dir.appendingPathComponent("status.txt").path
            // The status of adopt itself, also in a pipeline (written by a subshell around it).
            let script = command.contains("|")
                ? "trap '' PIPE; { '\(binary)' \(command.replacingOccurrences(of: " | ", with: " 2>'\(err)'; echo $? > '\(code)'; } | "))"
                : "'\(binary)' \(command) \(command.contains("2>") ? "" : "2>'\(err)'"); echo $? > '\(code)'"
            let shell = try startShell(script, in: ForecastBaseline.repository, timeout: 120)
            shell.waitUntilExit()
            let recorded = try String(contentsOfFile: code, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(recorded == String(status), "\(command): \(recorded)")
            if !message.isEmpty {
                let lines = try String(contentsOfFile: err, encoding: .utf8).split(separator: "\n")
                #expect(lines.count == 1 && lines.first?.contains(message) == true, "\(lines)")
            }
        }
    }
}

@Suite("The tests' child processes")
struct ChildProcessTests {
    // A test's thread blocks SIGTERM, and a child inherits the mask of the thread that starts it: the timeout
    // must still end a child that hangs, or a hung adopt would stall the run instead of failing its test.
    @Test("a child started from a test's thread ends by the timeout's SIGTERM, not at its own end")
    func timeoutEnds() throws {
        try withTemporaryDirectory { dir in
            let started = Date()
            let child = try Child("/bin/sh", ["-c", "exec sleep 30"], in: dir)
            child.terminate(after: 0.5)
            let (status, exitedNormally) = child.waitUntilExit()
            #expect(!exitedNormally && status == SIGTERM && child.fired, "status \(status)")
            #expect(Date().timeIntervalSince(started) < 10)
        }
    }

    @Test("a child's exit status and streams come back; no descriptor of the run is left open in it")
    func statusAndStreams() throws {
        try withTemporaryDirectory { dir in
            let run = try runTool("/bin/sh", ["-c", "ls /proc/self/fd; exit 3"], in: dir)
            #expect(run.status == 3)
            // Standard input, output and error, and the listing's own descriptor of the folder.
            #expect(lines(String(decoding: run.stdout, as: UTF8.self)).count == 4, "\(String(decoding: run.stdout, as: UTF8.self))")
        }
    }
}
