import Foundation
import Testing
import TestSupport

/// The README's `adopt fit` examples print what the README says they print: each command in a `sh`
/// block followed, after a line of prose, by a block of its output (an excerpt, `…` for lines left
/// out) is run from the repository root and every line of the excerpt found in its output.
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

    static let examples: [Example] = {
        let readme = (try? String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        let lines = readme.components(separatedBy: "\n")
        var found: [Example] = []
        var i = 0
        while i < lines.count {
            // ```sh, one `adopt fit` line on shipped data, ```, a line of prose between blank lines,
            // then the excerpt between ``` lines.
            if lines[i] == "```sh", i + 6 < lines.count, lines[i + 1].hasPrefix(".build/release/adopt fit --data Data/"),
               lines[i + 2] == "```", lines[i + 3].isEmpty, !lines[i + 4].isEmpty, lines[i + 5].isEmpty, lines[i + 6] == "```" {
                var excerpt: [String] = []
                var k = i + 7
                while k < lines.count, lines[k] != "```" {
                    if !lines[k].isEmpty && lines[k] != "…" { excerpt.append(lines[k]) }
                    k += 1
                }
                found.append(Example(arguments: Array(words(lines[i + 1]).dropFirst()), excerpt: excerpt))
                i = k
            }
            i += 1
        }
        return found
    }()

    @Test("the README shows at least the dryers and the iPhone quarters")
    func examplesFound() {
        #expect(Self.examples.count >= 2)
        #expect(Self.examples.contains { $0.arguments.contains("Data/series/apple_iphone_quarterly_sales_rossi.csv") })
    }

    @Test("each excerpt line is in the command's output", arguments: examples)
    func excerptPrinted(_ example: Example) throws {
        let run = try runAdopt(example.arguments, in: Fixtures.repositoryRoot)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let printed = Set(run.stdout.components(separatedBy: "\n"))
        for line in example.excerpt {
            #expect(printed.contains(line), "not printed: \(line)")
        }
    }
}
