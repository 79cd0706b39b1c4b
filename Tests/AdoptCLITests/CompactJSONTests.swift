import Foundation
import Testing
import TestSupport

/// `adopt fit --format json --compact`: the pretty report's JSON, token for token, on one line.
@Suite("--compact JSON")
struct CompactJSONTests {
    static func object(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    // A series name with quotes, a backslash and spaces, and notes full of spaces: the whitespace inside strings stays.
    @Test("the compact JSON is the pretty JSON's document, on one line", arguments: [["--model", "auto", "--holdout", "2"],
                                                                                   ["--model", "bass", "--profile", "--horizon", "1975"]])
    func sameDocument(options: [String]) throws {
        try withTemporaryDirectory { dir in
            let durables = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Data/series/durables.csv"), encoding: .utf8)
            let renamed = durables.replacingOccurrences(of: "\ncolor_tv,", with: "\n\"colour \"\"TV\"\" \\ set\",")
            try write(renamed, to: "d.csv", in: dir)
            let args = ["fit", "--data", "d.csv", "--series", "series", "--y", "adopters", "--format", "json"] + options
            let pretty = try runAdoptRaw(args, in: dir), compact = try runAdoptRaw(args + ["--compact"], in: dir)
            try #require(pretty.status == 0 && compact.status == 0, "\(pretty.stderr) \(compact.stderr)")
            let text = compact.stdout
            #expect(text.hasSuffix("}\n") && text.dropLast().allSatisfy { $0 != "\n" })
            #expect(text.contains(#""series":"colour \"TV\" \\ set""#))
            // The command differs by the flag; all else is the same document.
            let a = try Self.object(pretty.stdoutData).mutableCopy() as! NSMutableDictionary
            let b = try Self.object(compact.stdoutData).mutableCopy() as! NSMutableDictionary
            #expect((b["command"] as? String) == (a["command"] as? String).map { $0 + " --compact" })
            a["command"] = nil
            b["command"] = nil
            #expect(a.isEqual(b))
            #expect(compact.stdoutData.count < pretty.stdoutData.count * 4 / 5, "\(compact.stdoutData.count) of \(pretty.stdoutData.count) bytes")
        }
    }

    @Test("--compact without JSON is a usage error")
    func onlyJSON() throws {
        try withTemporaryDirectory { dir in
            let run = try runAdoptRaw(["fit", "--data", Fixtures.repositoryRoot.appendingPathComponent("Data/series/clothes_dryers_1949_1961.csv").path,
                                       "--y", "value", "--format", "csv", "--compact"], in: dir)
            #expect(run.status == 64 && run.stdout.isEmpty)
            #expect(run.stderr.contains("--compact writes JSON") && run.stderr.split(separator: "\n").count <= 2, "\(run.stderr)")
        }
    }
}
