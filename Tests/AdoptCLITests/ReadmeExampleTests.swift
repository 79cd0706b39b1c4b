import Foundation
import Testing
import TestSupport

/// The README's `adopt fit` examples print what the README says they print: each command in a `sh`
/// block followed by prose that says "(excerpt)" and a block of its output (`…` for lines left out)
/// is run from the repository root and the lines of the excerpt found in its output, in order.
@Suite("README: the fit examples' printed excerpts")
struct ReadmeExampleTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var excerpt: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// A command's words as a POSIX shell splits them, for the quoting the README uses (double quotes).
    static func words(_ command: String) -> [String] {
        var words: [String] = [], word = "", quoted = false, inWord = false
        for c in command {
            if c == "\"" { quoted.toggle(); inWord = true; continue }
            if c == " " && !quoted {
                if inWord { words.append(word) }
                word = ""
                inWord = false
                continue
            }
            word.append(c)
            inWord = true
        }
        if inWord { words.append(word) }
        return words
    }

    static let readme = (try? String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// Every `sh` block whose one line runs `adopt fit` on shipped data and whose following prose says
    /// "(excerpt)", with the fenced block after that prose.
    static let examples: [Example] = {
        let lines = readme.components(separatedBy: "\n")
        var found: [Example] = []
        var i = 0
        while i < lines.count {
            defer { i += 1 }
            guard lines[i] == "```sh", i + 2 < lines.count, lines[i + 1].hasPrefix(".build/release/adopt fit "),
                  lines[i + 2] == "```" else { continue }
            // The prose up to the next fence.
            var k = i + 3
            var prose = ""
            while k < lines.count, !lines[k].hasPrefix("```") { prose += lines[k] + " "; k += 1 }
            guard prose.contains("(excerpt)"), k < lines.count, lines[k] == "```" else { continue }
            var excerpt: [String] = []
            k += 1
            while k < lines.count, lines[k] != "```" {
                if !lines[k].isEmpty && lines[k] != "…" { excerpt.append(lines[k]) }
                k += 1
            }
            found.append(Example(arguments: Array(words(lines[i + 1]).dropFirst()), excerpt: excerpt))
            i = k
        }
        return found
    }()

    /// How many times the README says "(excerpt)": every one must belong to an example found above.
    static let excerptMarkers = readme.components(separatedBy: "(excerpt)").count - 1

    @Test("the README shows at least the dryers and the iPhone quarters")
    func examplesFound() {
        #expect(Self.examples.count >= 2)
        #expect(Self.examples.count == Self.excerptMarkers, "an excerpt the test does not read")
        #expect(Self.examples.contains { $0.arguments.contains("Data/series/apple_iphone_quarterly_sales_rossi.csv") })
    }

    @Test("each excerpt line is in the command's output", arguments: examples)
    func excerptPrinted(_ example: Example) throws {
        let run = try runAdopt(example.arguments, in: Fixtures.repositoryRoot)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        // In the order printed, lines left out between them.
        let printed = run.stdout.components(separatedBy: "\n")
        var at = 0
        for line in example.excerpt {
            guard let k = printed[at...].firstIndex(of: line) else {
                Issue.record("not printed, or not in this order: \(line)")
                continue
            }
            at = k + 1
        }
    }
}
