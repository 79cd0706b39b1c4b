@testable import AdoptReports
import AdoptStudies
import Testing

@Suite("The Markdown fit report's text")
struct FitMarkdownWriterTests {
    @Test("a series name is one line of code whatever its backticks and line breaks",
          arguments: [("plain", "`plain`"), ("a`b", "``a`b``"), ("``x", "``` ``x ```"), ("two\nlines", "`two lines`"),
                      ("crlf\r\nend", "`crlf end`")])
    func codeSpan(name: String, expected: String) {
        #expect(FitMarkdownWriter.codeSpan(name) == expected)
    }

    @Test("an interval with no ends is one dash")
    func emptyInterval() {
        #expect(FitMarkdownWriter.interval(nil, nil) == "–")
        #expect(FitMarkdownWriter.interval(1, nil) == "1 – –")
        #expect(FitMarkdownWriter.interval(1, 2.5) == "1 – 2.5")
    }
}
