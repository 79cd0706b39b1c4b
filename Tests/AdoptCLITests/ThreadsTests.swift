import Foundation
import Testing
import TestSupport

/// `adopt fit --threads N`: the report is the same whatever the number of threads reading the file,
/// fitting the series and rendering the report.
@Suite("adopt fit --threads: the same report whatever the number of threads")
struct ThreadsTests {
    /// Noisy per-period Bass curves, `count` series of `periods` years each, with a column of notes
    /// the fit does not read.
    static func series(count: Int, periods: Int) -> String {
        var rng = SplitMix64(seed: 20261205)
        let note = "survey wave 3; panel of hyperscale and colocation operators weighted by installed base and by region"
        var text = "series,year,adopters,note\n"
        text.reserveCapacity(count * periods * (note.utf8.count + 24))
        for s in 0..<count {
            let m = Double.random(in: 1e3..<1e6, using: &rng)
            let p = Double.random(in: 0.002..<0.04, using: &rng)
            let q = Double.random(in: 0.2..<0.8, using: &rng)
            func f(_ t: Double) -> Double { let e = Foundation.exp(-(p + q) * t); return (1 - e) / (1 + q / p * e) }
            for t in 1...periods {
                let mean = m * (f(Double(t)) - f(Double(t - 1)))
                let noisy = (mean * Double.random(in: 0.9..<1.1, using: &rng)).rounded()
                text += "s\(s),\(2000 + t),\(Int(noisy)),\(note)\n"
            }
        }
        return text
    }

    static let file = series(count: 1_000, periods: 30)

    /// The reader takes the file in ⌊size / 1 MiB⌋ chunks (`SeriesScanner.chunkBytes`), the CSV writer
    /// 256 fits a chunk and the JSON writer 64: three or more chunks each, so that 2 and 7 threads
    /// differ in how they share them.
    @Test("the file spans three or more chunks of the reader and of each writer")
    func fileIsLargeEnough() {
        #expect(Self.file.utf8.count >= 3 << 20)
    }

    // Not Markdown: its chunks are the JSON's size (64 series), it holds the same curves, and it would take as long again.
    @Test("CSV and JSON: --threads 1, 2 and 7 give the default run's report, byte for byte", arguments: ["csv", "json"])
    func sameReport(_ format: String) throws {
        try withTemporaryDirectory { dir in
            try write(Self.file, to: "series.csv", in: dir)
            let args = ["fit", "--data", "series.csv", "--series", "series", "--y", "adopters", "--model", "bass", "--format", format]
            let all = try runAdopt(args, in: dir, timeout: 600)
            #expect(all.status == 0, "stderr: \(all.stderr)")
            let expected = Data(all.stdout.utf8)
            #expect(lines(all.stdout).count > 1_000)
            // The command the report records leaves --threads out, in either spelling.
            for (n, option) in [(1, ["--threads", "1"]), (2, ["--threads=2"]), (7, ["--threads", "7"])] {
                let run = try runAdopt(args + option, in: dir, timeout: 600)
                #expect(run.status == 0, "--threads \(n): \(run.stderr)")
                let differs = firstDifference(Data(run.stdout.utf8), expected)
                #expect(differs == nil, "--threads \(n) changes the report at \(differs ?? "")")
            }
        }
    }
}
