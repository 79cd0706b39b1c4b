import Foundation
import Testing
import TestSupport

/// The reports shipped in `Reports/` are what `make report` writes from the shipped data now: a
/// change to the fits or the forecast that moves a printed figure must come with the regenerated
/// reports. (The durables' model comparison and back-tests were once left a stop behind, a sixth digit
/// and the evaluation counts apart.) Each command is the Makefile's `report` target's, run from the
/// repository root to standard output, so that the command each report names differs by its
/// `--output` alone.
@Suite("Shipped reports")
struct ShippedReportTests {
    struct Report: Sendable, CustomTestStringConvertible {
        let file: String
        let arguments: [String]
        var testDescription: String { file }
    }

    static let durables = ["fit", "--data", "Data/series/durables.csv", "--y", "adopters", "--series", "series"]
    static let reports: [Report] = [
        Report(file: "fit-durables.md",
               arguments: durables + ["--model", "bass", "--horizon", "1975", "--profile", "--format", "md"]),
        Report(file: "fit-durables-models.md", arguments: durables + ["--model", "auto", "--format", "md"]),
        Report(file: "fit-durables-backtest.md", arguments: durables + ["--model", "auto", "--holdout", "3", "--format", "md"]),
        Report(file: "fit-durables.csv", arguments: durables + ["--model", "bass", "--format", "csv"]),
    ] + scenarios.flatMap { name in
        ["md", "csv"].map { format in
            Report(file: "\(name).\(format)", arguments: ["forecast", "Data/scenarios/\(name).toml", "--format", format])
        }
    }

    /// Every scenario in `Data/scenarios/`, as the Makefile's `report` target takes them (`SCENARIOS`).
    static let scenarios: [String] = ((try? FileManager.default.contentsOfDirectory(
        atPath: Fixtures.repositoryRoot.appendingPathComponent("Data/scenarios").path)) ?? [])
        .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(".toml".count)) }.sorted()

    @Test("the shipped scenarios are found")
    func scenariosFound() {
        #expect(Self.scenarios.count >= 4, "\(Self.scenarios)")
    }

    @Test("a shipped report is what its command writes now", arguments: reports)
    func regenerated(_ report: Report) throws {
        let shipped = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Reports/\(report.file)"),
                                 encoding: .utf8)
        let run = try runAdopt(report.arguments, in: Fixtures.repositoryRoot, timeout: 300)
        #expect(run.status == 0, "\(run.stderr)")
        let output = " --output Reports/\(report.file)"
        #expect(shipped.contains(output), "\(report.file) does not name its command's --output")
        func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }
        let (want, got) = (lines(shipped.replacingOccurrences(of: output, with: "")), lines(run.stdout))
        #expect(want.count == got.count, "\(report.file): \(want.count) lines shipped, \(got.count) written")
        for (i, (a, b)) in zip(want, got).enumerated() where a != b {
            Issue.record("\(report.file) line \(i + 1): shipped \(a)\n  written \(b)")
            break
        }
    }
}
