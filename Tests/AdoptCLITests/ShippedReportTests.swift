import Foundation
import Testing
import TestSupport

/// The fit reports shipped in `Reports/` are what `make report` writes from the shipped data now: a
/// change to the fits that moves a printed figure must come with the regenerated reports. (The
/// durables' model comparison and back-tests were once left a stop behind, a sixth digit and the
/// evaluation counts apart.) Each command is the Makefile's `report` target's, run from the repository
/// root to standard output; the "Made by" line, which names the output file, is set aside.
@Suite("Shipped fit reports")
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
    ]

    @Test("a shipped fit report is what its command writes now", arguments: reports)
    func regenerated(_ report: Report) throws {
        let shipped = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Reports/\(report.file)"),
                                 encoding: .utf8)
        let run = try runAdopt(report.arguments, in: Fixtures.repositoryRoot, timeout: 300)
        #expect(run.status == 0, "\(run.stderr)")
        func body(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Made by ") } }
        let (want, got) = (body(shipped), body(run.stdout))
        #expect(want.count == got.count, "\(report.file): \(want.count) lines shipped, \(got.count) written")
        for (i, (a, b)) in zip(want, got).enumerated() where a != b {
            Issue.record("\(report.file) line \(i + 1): shipped \(a)\n  written \(b)")
            break
        }
    }
}
