@testable import AdoptReports
@testable import AdoptStudies
import Foundation
import Testing

@Suite("FitMarkdownWriter: the report's text, rendered in chunks of series")
struct FitMarkdownChunkTests {
    @Test("the same text as the whole rendering, across chunk boundaries",
          arguments: [1, 2, 63, 64, 65, 130, 700] as [Int])
    func sameText(fits: Int) throws {
        for ranked in [false, true] {
            var report = FitJSONWriterTests.report(fits: fits, seed: UInt64(fits) + 3)
            report.ranked = ranked
            // Runs of fits of one series, as --model auto gives them.
            for i in report.fits.indices where i % 5 != 0 { report.fits[i].series = report.fits[i - i % 5].series }
            let whole = FitMarkdownWriter.render(report)
            #expect(try FitMarkdownWriter.chunks(report).string() == whole)
            #expect(whole.hasPrefix("# Adoption curve fits\n") && whole.hasSuffix("\n") && !whole.hasSuffix("\n\n"))
        }
    }
}
