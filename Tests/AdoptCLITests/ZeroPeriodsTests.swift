import Foundation
import Testing
import TestSupport

@Suite("Periods of 0 at a series' ends: before its launch, opening it, closing it")
struct ZeroPeriodsTests {
    /// Bass monthly sales (m = 9,000, p = 0.006, q = 0.09) from 2021-01, 36 months, each with a
    /// deterministic wobble, rounded to whole units.
    static let sales: [Int] = (0..<36).map { k in
        let (m, p, q) = (9000.0, 0.006, 0.09)
        func F(_ t: Double) -> Double { let e = Foundation.exp(-(p + q) * t); return (1 - e) / (1 + q / p * e) }
        return Int((m * (F(Double(k + 1)) - F(Double(k))) * (1 + 0.04 * Foundation.sin(Double(k) * 2.3))).rounded())
    }

    /// Months from 2019-01 on, as `month,units` rows.
    static func csv(_ values: [Int], from year: Int = 2019) -> String {
        "month,units\n" + values.enumerated().map { k, v in
            String(format: "%04d-%02d,%d\n", year + k / 12, k % 12 + 1, v)
        }.joined()
    }

    static func fit(_ text: String, _ extra: [String] = []) throws -> ReportJSON.Fit {
        try withTemporaryDirectory { dir in
            _ = try write(text, to: "data.csv", in: dir)
            let run = try runAdoptRaw(["fit", "--data", "data.csv", "--x", "month", "--format", "json"] + extra, in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            return try #require(try ReportJSON.decode(run.stdoutData).fits.first)
        }
    }

    @Test("periods of 0 before --launch are left out: the fit is the file's without them, with a note")
    func zerosBeforeLaunch() throws {
        let padded = Self.csv(Array(repeating: 0, count: 24) + Self.sales)
        let launched = try Self.fit(padded, ["--launch", "2021-01"])
        let trimmed = try Self.fit(Self.csv(Self.sales, from: 2021))
        #expect(launched.status == "converged" && launched.n == 36)
        #expect(launched.parameters.map(\.estimate) == trimmed.parameters.map(\.estimate))
        #expect(launched.parameters.map(\.stdError) == trimmed.parameters.map(\.stdError))
        #expect(launched.rss == trimmed.rss && launched.curve.map(\.fitted) == trimmed.curve.map(\.fitted))
        #expect(launched.notes.first == "the 24 periods of 0 ('2019-01' to '2020-12') before the launch '2021-01' (--launch) are left "
                + "out of the fit: no adoption before launch")
        #expect(!trimmed.notes.contains { $0.contains("periods of 0") })
        // Fitted from its first x, the padded file is told of its zeros and of the launch that leaves them out.
        let opened = try Self.fit(padded)
        #expect(opened.notes.contains("the series opens with 24 periods of 0 ('2019-01' to '2020-12'): the curve adopts from its "
                                      + "first period on, and is fitted so; if adoption began later, give --launch 2021-01 (the "
                                      + "zeros before it are then left out)"))
        let p = try #require(opened.parameters.first { $0.name == "p" }?.estimate)
        let pTrimmed = try #require(trimmed.parameters.first { $0.name == "p" }?.estimate)
        #expect(p < pTrimmed / 10)
    }

    @Test("a value other than 0 before the launch is refused, and named; a series of one launch each is trimmed alone")
    func valueBeforeLaunch() throws {
        var values = Array(repeating: 0, count: 24) + Self.sales
        values[4] = 3
        try withTemporaryDirectory { dir in
            _ = try write(Self.csv(values), to: "data.csv", in: dir)
            let run = try runAdoptRaw(["fit", "--data", "data.csv", "--x", "month", "--launch", "2021-01"], in: dir)
            #expect(run.status == 65 && run.stdout.isEmpty)
            #expect(run.stderr == "adopt: data.csv:6: field 'month': the series has an observation at '2019-05', before the launch "
                    + "'2021-01' (periods of 0 before the launch would be left out of the fit; this one is 3)\n")
        }
        // Two series, a launch for one: only its zeros are left out.
        let rows = Self.csv(Array(repeating: 0, count: 24) + Self.sales).split(separator: "\n").dropFirst()
        let text = "series,month,units\n" + rows.map { "a,\($0)\n" }.joined() + rows.map { "b,\($0)\n" }.joined()
        try withTemporaryDirectory { dir in
            _ = try write(text, to: "data.csv", in: dir)
            let run = try runAdoptRaw(["fit", "--data", "data.csv", "--x", "month", "--series", "series", "--launch", "a:2021-01",
                                       "--format", "json"], in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let fits = try ReportJSON.decode(run.stdoutData).fits
            #expect(fits.map(\.n) == [36, 60])
            #expect(fits[0].notes.first?.hasPrefix("the 24 periods of 0") == true)
            // In a file of many series, the launch the note names is the series' own.
            #expect(fits[1].notes.contains { $0.hasPrefix("the series opens with 24 periods of 0") && $0.contains("give --launch b:2021-01 (") })
        }
    }

    @Test("three periods of 0 or more open or close a series to get a note; two, or a tail of small counts, do not")
    func zerosAtTheEnds() throws {
        let two = try Self.fit(Self.csv([0, 0] + Self.sales))
        #expect(!two.notes.contains { $0.contains("periods of 0") })
        // Months not yet reported, written as 0, after 6 months of sales.
        let closed = try Self.fit(Self.csv(Array(Self.sales.prefix(30)) + Array(repeating: 0, count: 6)))
        #expect(closed.notes.contains { $0.hasPrefix("the series closes with 6 periods of 0 ('2021-07' to '2021-12') after \(Self.sales[29]): "
                                                     + "if these periods are not yet reported, leave them out") })
        // The launch to give is written for the shell: a label with a quote in it, quoted.
        let values = [0, 0, 0] + Self.sales.prefix(12)
        let quarters = "quarter,units\n" + values.enumerated().map { k, v in
            "Q\(k % 4 + 1) '\(String(format: "%02d", 7 + k / 4)),\(v)\n"
        }.joined()
        let labelled = try withTemporaryDirectory { dir in
            _ = try write(quarters, to: "q.csv", in: dir)
            let run = try runAdoptRaw(["fit", "--data", "q.csv", "--x", "quarter", "--format", "json"], in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            return try #require(try ReportJSON.decode(run.stdoutData).fits.first)
        }
        #expect(labelled.notes.contains { $0.contains("give --launch 'Q4 '\\''07' (the zeros") }, "\(labelled.notes)")
        // Zeros at both ends: both notes; with --launch, the zeros before it left out and the closing ones named.
        let both = Array(repeating: 0, count: 4) + Array(Self.sales.prefix(30)) + Array(repeating: 0, count: 5)
        let opened = try Self.fit(Self.csv(both))
        #expect(opened.notes.contains { $0.hasPrefix("the series opens with 4 periods of 0 ('2019-01' to '2019-04')") })
        #expect(opened.notes.contains { $0.hasPrefix("the series closes with 5 periods of 0 ('2021-11' to '2022-03')") })
        let launched = try Self.fit(Self.csv(both), ["--launch", "2019-05"])
        #expect(launched.notes.contains { $0.hasPrefix("the 4 periods of 0 ('2019-01' to '2019-04') before the launch") })
        #expect(launched.notes.contains { $0.hasPrefix("the series closes with 5 periods of 0") })
        // Counted from the launch: a series too short once its zeros are left out says so.
        try withTemporaryDirectory { dir in
            _ = try write(Self.csv(Array(repeating: 0, count: 24) + [5, 9, 14, 12]), to: "data.csv", in: dir)
            let run = try runAdoptRaw(["fit", "--data", "data.csv", "--x", "month", "--launch", "2021-01", "--holdout", "2"], in: dir)
            #expect(run.status == 65)
            #expect(run.stderr.contains("has 4 observations: with --holdout 2") && run.stderr.contains("(from the launch: the 24 periods of 0 before it are left out)"),
                    "\(run.stderr)")
        }
        // A series --skip-short reports as not fitted says which zeros it left out before counting.
        try withTemporaryDirectory { dir in
            let short = "series,month,units\n" + (1...5).map { "a,2020-0\($0),0\n" }.joined() + "a,2020-06,5\na,2020-07,9\n"
                + [3, 8, 15, 20, 18].enumerated().map { "b,2020-0\($0.offset + 1),\($0.element)\n" }.joined()
            _ = try write(short, to: "short.csv", in: dir)
            for model in ["bass", "auto"] {
                let run = try runAdoptRaw(["fit", "--data", "short.csv", "--x", "month", "--series", "series", "--launch", "a:2020-06",
                                           "--skip-short", "--model", model, "--format", "json"], in: dir)
                try #require(run.status == 0, "stderr: \(run.stderr)")
                // With --model auto, the two observations left fit exponential saturation; the other models are not fitted.
                let fits = try ReportJSON.decode(run.stdoutData).fits.filter { $0.series == "a" }
                #expect(fits.count == (model == "auto" ? 5 : 1) && fits.filter { $0.status == "too_few_observations" }.count == (model == "auto" ? 4 : 1))
                #expect(fits.allSatisfy {
                    $0.notes.first == "the 5 periods of 0 ('2020-01' to '2020-05') before the launch '2020-06' (--launch) are left out of the "
                        + "fit: no adoption before launch"
                }, "\(model): \(fits.map(\.notes))")
            }
        }
        // A tail that runs out: 3, 1, then zeros, far below the peak.
        let tail = Self.sales.map { $0 } + [3, 1, 0, 0, 0]
        let ended = try Self.fit(Self.csv(tail))
        #expect(!ended.notes.contains { $0.contains("periods of 0") })
    }
}
