@testable import AdoptReports
@testable import AdoptStudies
import Foundation
import Testing
import TestSupport

/// The CSV report as it was rendered with `String`s, one number at a time: the oracle the
/// byte writer must match.
enum ReferenceFitCSV {
    static func render(_ report: FitReport) -> String {
        var out = "# adopt fit; confidence level \(referenceExact(report.confidenceLevel)); covariance \(report.covarianceEstimator.rawValue)\n# made by: \(report.command)\n"
        for input in report.inputs { out += "# input \(input.path) sha256 \(input.sha256)\n" }
        out += FitCSVWriter.header.joined(separator: ",") + "\n"
        for fit in report.fits { rows(fit, level: referenceExact(report.confidenceLevel), into: &out) }
        return out
    }

    static func rows(_ fit: FitRecord, level: String, into out: inout String) {
        var tail = ","
        for (i, value) in [referenceExact(Double(fit.n)), referenceExact(Double(fit.dof)),
                           referenceExact(fit.rss), referenceExact(fit.sigma), referenceExact(fit.relativeSigma),
                           referenceExact(fit.rSquared), referenceExact(fit.aic), referenceExact(fit.aicc),
                           referenceExact(fit.bic), fit.rank.map(String.init) ?? "",
                           referenceExact(fit.milestones?.takeoff), referenceExact(fit.milestones?.peak),
                           referenceExact(fit.milestones?.saturationOnset),
                           field(fit.milestones?.periods?.takeoff ?? ""), field(fit.milestones?.periods?.peak ?? ""),
                           field(fit.milestones?.periods?.saturationOnset ?? ""),
                           fit.milestones?.peakPastData.map { $0 ? "true" : "false" } ?? "",
                           referenceExact(fit.milestones?.peakRate), referenceExact(fit.milestones?.fraction10),
                           referenceExact(fit.milestones?.fraction50), referenceExact(fit.milestones?.fraction90),
                           field(fit.milestones?.periods?.fraction10 ?? ""), field(fit.milestones?.periods?.fraction50 ?? ""),
                           field(fit.milestones?.periods?.fraction90 ?? ""), referenceExact(fit.launch), field(fit.launchPeriod ?? ""),
                           referenceExact(fit.deltaAicc), referenceExact(fit.aiccWeight),
                           field(fit.message), field(fit.notes.joined(separator: " | ")),
                           referenceExact(fit.holdout.map { Double($0.n) }), referenceExact(fit.holdout?.meanError),
                           referenceExact(fit.holdout?.meanAbsoluteError), referenceExact(fit.holdout?.rootMeanSquaredError),
                           referenceExact(fit.holdout?.meanAbsolutePercentageError),
                           referenceExact(fit.holdout?.predictionIntervalCoverage),
                           fit.holdout?.meanAbsolutePercentageErrorN.map(String.init) ?? "", level].enumerated() {
            if i > 0 { tail += "," }
            tail += value
        }
        let head = field(fit.series ?? "") + "," + field(fit.model) + "," + field(fit.formula ?? "") + ","
            + fit.data + "," + fit.status + "," + (fit.converged ? "true" : "false") + ","
        for p in fit.parameters {
            out += head + field(p.name) + "," + referenceExact(p.estimate) + "," + referenceExact(p.stdError) + ","
                + referenceExact(p.ciLow) + "," + referenceExact(p.ciHigh) + ","
                + referenceExact(p.profile?.low) + "," + referenceExact(p.profile?.high) + ","
                + (p.profile?.lowEnd.rawValue ?? "") + "," + (p.profile?.highEnd.rawValue ?? "") + "," + (p.fixed ? "true" : "false")
                + tail + "\n"
        }
    }

    static func field(_ s: String) -> String {
        let bytes = Array(s.utf8)
        guard bytes.contains(where: { ",\"\n\r#".utf8.contains($0) }) else { return s }
        return "\"" + String(decoding: bytes.flatMap { $0 == UInt8(ascii: "\"") ? [$0, $0] : [$0] }, as: UTF8.self) + "\""
    }
}

/// Synthetic fit records with every kind of field the writer meets.
enum SyntheticReport {
    static let seriesNames = ["12345", "room air, conditioners", "say \"hi\"", "two\nlines", "crlf\r\nend", "mammo#2",
                              "café", "comma\u{301},accent", ",\u{301}", "\r", "plain_name", "日本", ""]
    static let parameterNames = ["m", "p", "q", "b1", "weird,name", "x\"y", "ρ"]

    static func report(fits count: Int, seed: UInt64) -> FitReport {
        var generator = TestSupport.SplitMix64(seed: seed)
        func number() -> Double? {
            switch generator.next() % 10 {
            case 0: return nil
            case 1: return Double(generator.next() % 1000)
            case 2: return -Double.random(in: 0..<1e6, using: &generator)
            case 3: return Double(bitPattern: generator.next() >> 1)
            default: return Double.random(in: 0..<1, using: &generator) * Double("1e\(Int(generator.next() % 12) - 4)")!
            }
        }
        var fits: [FitRecord] = []
        for i in 0..<count {
            let parameterCount = Int(generator.next() % 5)
            let parameters = (0..<parameterCount).map { _ in
                ParameterRecord(name: parameterNames[Int(generator.next() % UInt64(parameterNames.count))],
                                estimate: number(), stdError: number(), ciLow: number(), ciHigh: number(),
                                fixed: generator.next() % 7 == 0)
            }
            var milestones = generator.next() % 4 == 0 ? nil
                : MilestoneRecord(takeoff: number(), peak: number(), saturationOnset: number(), peakRate: number(),
                                  fraction10: number(), fraction50: number(), fraction90: number())
            if milestones != nil, generator.next() % 3 > 0 { milestones?.peakPastData = generator.next() % 2 == 0 }
            // Labelled periods, one needing quotes.
            if milestones != nil, generator.next() % 3 == 0 {
                milestones?.periods = MilestonePeriods(takeoff: "Q3 '12", peak: generator.next() % 2 == 0 ? nil : "Mar, 2014",
                                                       saturationOnset: "2016-07", fraction10: "2011Q1",
                                                       fraction50: generator.next() % 2 == 0 ? nil : "Apr, 2013", fraction90: "2017-12")
            }
            let messages = ["converged", "not identified: singular JᵀJ (scaled condition number 3e+10); collinear: 'm', 'p'",
                            "'m' ran away past its limit, \"quoted\"", ""]
            var fit = FitRecord(
                series: generator.next() % 7 == 0 ? nil : seriesNames[i % seriesNames.count] + (i % 3 == 0 ? "" : String(i)),
                model: ["bass", "logistic", "gompertz"][i % 3],
                formula: generator.next() % 9 == 0 ? "b1/(1+exp(b2-b3*x))" : nil,
                data: i % 2 == 0 ? "per_period" : "cumulative",
                converged: generator.next() % 5 != 0, status: ["converged", "not converged", "on a bound"][i % 3],
                message: messages[Int(generator.next() % 4)], parameters: parameters, n: Int(generator.next() % 40), dof: Int(generator.next() % 37) - 2,
                rss: number(), sigma: number(), rSquared: number(), aic: number(), aicc: number(), bic: number(),
                conditionNumber: number(), evaluations: 3, startsTried: 1,
                rank: generator.next() % 3 == 0 ? Int(generator.next() % 6) : nil,
                deltaAicc: number(), aiccWeight: number(), launch: number(),
                milestones: milestones, curve: [])
            if generator.next() % 3 == 0 { fit.notes = ["the residuals run in long stretches", "a second, with a comma"] }
            if generator.next() % 2 == 0 { fit.relativeSigma = number() }
            if generator.next() % 4 == 0 { fit.launchPeriod = ["Q3 '07", "2019-01", "FY19, Q1"][i % 3] }
            fits.append(fit)
        }
        return FitReport(tool: "adopt", command: "adopt fit --data x.csv", inputs: [
            InputRecord(path: "data/series, 1.csv", sha256: String(repeating: "ab", count: 32)),
            InputRecord(path: "other.csv", sha256: String(repeating: "0f", count: 32)),
        ], confidenceLevel: 0.95, fits: fits)
    }
}

@Suite("FitCSVWriter renders exactly the bytes of the String-based writer")
struct FitCSVWriterTests {
    @Test("the same text for any number of fits, across chunk boundaries",
          arguments: [0, 1, 2, 255, 256, 257, 511, 513, 2_000] as [Int])
    func sameText(fits: Int) throws {
        let report = SyntheticReport.report(fits: fits, seed: UInt64(fits) + 7)
        let expected = ReferenceFitCSV.render(report)
        #expect(try FitCSVWriter.render(report) == expected)
        #expect(try FitCSVWriter.chunks(report).string() == expected)
    }

    @Test("a fit with no parameters writes no row")
    func noParameters() throws {
        var report = SyntheticReport.report(fits: 3, seed: 1)
        for i in report.fits.indices { report.fits[i].parameters = [] }
        let text = try FitCSVWriter.render(report)
        #expect(text == ReferenceFitCSV.render(report))
        #expect(text.split(separator: "\n").count == 5)
    }

    /// A field's text, shown escaped in test names.
    struct FieldText: Sendable, CustomTestStringConvertible {
        let text: String
        var testDescription: String { text.debugDescription }
    }

    @Test("fields with commas, quotes and line breaks are quoted as before",
          arguments: SyntheticReport.seriesNames.map(FieldText.init))
    func quoting(_ field: FieldText) {
        let name = field.text
        var buffer = ByteBuffer(capacity: 4)
        FitCSVWriter.appendField(name, into: &buffer)
        #expect(buffer.withUnsafeBytes { Array($0) } == Array(ReferenceFitCSV.field(name).utf8))
    }

    @Test("a comma, quote, line break or '#' is found by Unicode scalar, also where Swift joins it to the next",
          arguments: [("Room AC\r\n(US)", "\"Room AC\r\n(US)\""), ("#\u{FE0F}\u{20E3} tag", "\"#\u{FE0F}\u{20E3} tag\""),
                      ("a,\u{301}b", "\"a,\u{301}b\""), ("q\"\u{301}x", "\"q\"\"\u{301}x\""), ("plain é", "plain é"),
                      ("\"", "\"\"\"\""), ("\"\"", "\"\"\"\"\"\""), ("\"ä\"", "\"\"\"ä\"\"\""), ("a\"\"b,", "\"a\"\"\"\"b,\"")])
    func quotingByScalar(name: String, expected: String) {
        #expect(FitCSVWriter.field(name) == expected)
        var buffer = ByteBuffer(capacity: 4)
        FitCSVWriter.appendField(name, into: &buffer)
        #expect(buffer.withUnsafeBytes { Array($0) } == Array(expected.utf8))
    }

    @Test("written to a file, the report has the same bytes")
    func fileHasSameBytes() throws {
        let report = SyntheticReport.report(fits: 3_000, seed: 42)
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("fits.csv").path
            try AtomicFile.write(FitCSVWriter.chunks(report), to: path)
            let written = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(written == Data(ReferenceFitCSV.render(report).utf8))
            #expect(listing(dir) == ["fits.csv"])
        }
    }
}
