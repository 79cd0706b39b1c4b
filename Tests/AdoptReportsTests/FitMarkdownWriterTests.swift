@testable import AdoptReports
import AdoptStudies
import Testing

@Suite("The Markdown fit report's text")
struct FitMarkdownWriterTests {
    @Test("a series name is one line of code whatever its backticks and line breaks",
          arguments: [("plain", "`plain`"), ("a`b", "``a`b``"), ("``x", "``` ``x ```"), ("two\nlines", "`two lines`"),
                      ("crlf\r\nend", "`crlf end`"), ("  padded  ", "`   padded   `"), ("   ", "`   `"),
                      ("`\u{301}x", "`` `\u{301}x ``"), ("a``\u{301}b", "```a``\u{301}b```")])
    func codeSpan(name: String, expected: String) {
        #expect(MarkdownText.codeSpan(name) == expected)
    }

    @Test("text from the data cannot end a table cell or start markup",
          arguments: [("A|1", "A\\|1"), ("E\n5", "E 5"), ("*b*", "\\*b\\*"), ("x_1 <y>", "x\\_1 \\<y\\>"), ("2019Q1", "2019Q1"),
                      // Markup followed by a combining mark is one Swift character; a parser sees the `|`.
                      ("wA|\u{301}x", "wA\\|\u{301}x"), ("*\u{301}b", "\\*\u{301}b")])
    func plain(text: String, expected: String) {
        #expect(MarkdownText.plain(text) == expected)
    }

    @Test("prose keeps the underscores inside names and escapes markup", arguments: [
        ("analog analog_tengbe_share (enterprise)", "analog analog_tengbe_share (enterprise)"),
        ("a *b* <i>x</i>", "a \\*b\\* \\<i\\>x\\</i\\>"), ("_x_ and #1", "\\_x\\_ and #1"), ("# title\nnext", "\\# title next"),
    ])
    func prose(text: String, expected: String) {
        #expect(MarkdownText.prose(text) == expected)
    }

    @Test("a code span in a table cell escapes its pipes")
    func cell() {
        #expect(MarkdownText.cell(MarkdownText.codeSpan("we|ird `name`.csv")) == "``we\\|ird `name`.csv``")
        #expect(MarkdownText.cell("a|\u{301}b") == "a\\|\u{301}b")
    }

    @Test("a fit that did not converge is headed by what its status is, said once", arguments: [
        ("at_bound", "estimate on a bound: 'q'", "**On a bound** — estimate on a bound: 'q'."),
        ("not_identified", "not identified: 'm' ran away past its limit (reached 9.707e7, past 4.51e7)", "**Not identified** — 'm' ran away past its limit (reached 9.707e7, past 4.51e7)."),
        ("not_a_minimum", "not a minimum: the fitted curve explains less", "**Not a minimum** — the fitted curve explains less."),
        ("not_a_minimum", "stationary point that is not a minimum", "**Not a minimum** — stationary point that is not a minimum."),
        ("evaluation_limit", "stopped at the evaluation limit (6000) before converging",
         "**Not converged** — stopped at the evaluation limit (6000) before converging."),
        ("too_few_observations", "2 observations for 3 parameters", "**Not fitted** — 2 observations for 3 parameters."),
    ])
    func statusLine(status: String, message: String, expected: String) {
        #expect(FitMarkdownWriter.statusLine(status, message: message) == expected)
    }

    @Test("an interval with no ends is one dash")
    func emptyInterval() {
        #expect(FitMarkdownWriter.interval(nil, nil) == "–")
        #expect(FitMarkdownWriter.interval(1, nil) == "1 – –")
        #expect(FitMarkdownWriter.interval(1, 2.5) == "1 – 2.5")
    }
}
