@testable import AdoptReports
@testable import AdoptStudies
import Foundation
import Testing

/// The Markdown report assembled whole, part after part, as the writer rendered it before its chunks:
/// the oracle the chunked text must match.
enum ReferenceFitMarkdown {
    static func render(_ report: FitReport) -> String {
        let series = FitMarkdownWriter.bySeries(report)
        var out = FitMarkdownWriter.preamble(report)
        if series.count >= 2 {
            out.append(contentsOf: FitMarkdownWriter.summaryHead(report))
            for group in series { out.append(FitMarkdownWriter.summaryRow(group, holdout: report.holdout != nil)) }
        }
        for group in series { out.append(contentsOf: FitMarkdownWriter.lines(group, report)) }
        return out.joined(separator: "\n") + "\n"
    }
}

@Suite("FitMarkdownWriter: the report's text, rendered in chunks of series")
struct FitMarkdownChunkTests {
    @Test("the same text as the whole rendering, across chunk boundaries",
          arguments: [1, 2, 63, 64, 65, 130, 700, 10_500] as [Int])
    func sameText(fits: Int) throws {
        for ranked in [false, true] {
            var report = FitJSONWriterTests.report(fits: fits, seed: UInt64(fits) + 3)
            report.ranked = ranked
            // Runs of fits of one series, as --model auto gives them.
            for i in report.fits.indices where i % 5 != 0 { report.fits[i].series = report.fits[i - i % 5].series }
            let whole = ReferenceFitMarkdown.render(report)
            #expect(try FitMarkdownWriter.chunks(report).string() == whole)
            #expect(whole.hasPrefix("# Adoption curve fits\n") && whole.hasSuffix("\n") && !whole.hasSuffix("\n\n"))
        }
    }

    @Test("with two series or more, a table gives each series' best-ranked fit in a row, before the sections")
    func summaryTable() throws {
        var report = FitJSONWriterTests.report(fits: 5, seed: 9)
        report.ranked = true
        for i in report.fits.indices {
            report.fits[i].series = i < 3 ? "A|1" : "B"
            report.fits[i].model = ["bass", "logistic", "gompertz", "bass", "richards"][i]
            report.fits[i].rank = [2, 1, nil, nil, nil][i]
            report.fits[i].status = "converged"
        }
        let text = ReferenceFitMarkdown.render(report)
        let rows = text.components(separatedBy: "\n").filter { $0.hasPrefix("| `A") || $0.hasPrefix("| `B") }
        #expect(rows.count == 2)
        #expect(rows[0].hasPrefix("| `A\\|1` | Logistic | converged |"), "\(rows)")
        #expect(rows[1].hasPrefix("| `B` | Bass | converged |"), "\(rows)")
        let table = try #require(text.range(of: "## All series")), first = try #require(text.range(of: "## Series "))
        #expect(table.lowerBound < first.lowerBound)
        // No fit ranked: the first fitted, not a model too big for the series.
        report.fits[0].rank = nil
        report.fits[1].rank = nil
        report.fits[0].status = FitRecord.tooFewObservations
        let unranked = ReferenceFitMarkdown.render(report).components(separatedBy: "\n").first { $0.hasPrefix("| `A") }
        #expect(unranked?.hasPrefix("| `A\\|1` | Logistic | converged |") == true, "\(unranked ?? "")")
        // One series: no table.
        report.fits = Array(report.fits.prefix(3))
        #expect(!ReferenceFitMarkdown.render(report).contains("## All series"))
    }
}
