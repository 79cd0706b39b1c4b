@testable import AdoptReports
@testable import AdoptStudies
import Foundation
import Testing
import TestSupport

@Suite("FitJSONWriter: the whole report's JSONEncoder text, written in chunks")
struct FitJSONWriterTests {
    /// `SyntheticReport`'s fits with what the CSV leaves out: curves (labels with control
    /// characters, slashes and quotes), covariances with held parameters, profiles, holdouts,
    /// comment lines and a ranked report.
    static func report(fits: Int, seed: UInt64) -> FitReport {
        var report = SyntheticReport.report(fits: fits, seed: seed)
        var generator = TestSupport.SplitMix64(seed: seed &+ 99)
        let labels = ["2024-Q1", "a/b", "tab\there", "\u{1}", "quote \" and \\ backslash", "日本", "</script>"]
        for i in report.fits.indices {
            let points = Int(generator.next() % 4)
            var curve: [CurvePointRecord] = []
            for k in 0..<points {
                let x: Double = Double(2000 + k) + (k == 2 ? 0.25 : 0)
                let label: String? = k == 1 ? labels[i % labels.count] : nil
                let observed: Double? = k == 0 ? nil : Double(generator.next() % 10_000) / 7
                let fitted: Double = 1e-300 * Double(k)
                curve.append(CurvePointRecord(x: x, label: label, observed: observed, fitted: fitted,
                                              ciLow: -1e300, ciHigh: .leastNonzeroMagnitude, piLow: 0.1, piHigh: nil, heldOut: k == 3,
                                              cumulative: k == 4 ? 12.5 : nil, perPeriod: k == 4 ? 2.5 : nil,
                                              perPeriodCiLow: k == 4 ? 0.125 : nil, perPeriodCiHigh: k == 4 ? 1e-7 : nil))
            }
            report.fits[i].curve = curve
            let n = report.fits[i].parameters.count
            if n > 0, generator.next() % 2 == 0 {
                var covariance: [[Double?]] = []
                for a in 0..<n {
                    var row: [Double?] = []
                    for b in 0..<n { row.append(a == 1 || b == 1 ? nil : Double(a + b) / 3) }
                    covariance.append(row)
                }
                report.fits[i].covariance = covariance
            }
            if n > 0, generator.next() % 3 == 0 {
                report.fits[i].parameters[0].profile = ProfileIntervalRecord(low: 0.5, high: nil, lowEnd: .crossing, highEnd: .open)
            }
            if generator.next() % 3 == 0, report.fits[i].milestones != nil {
                report.fits[i].milestones?.periods = MilestonePeriods(takeoff: "Q3 '12", peak: nil, saturationOnset: "2016-07",
                                                                      fraction10: labels[i % labels.count], fraction50: "\u{8}\u{c}\u{1f}\u{7f}",
                                                                      fraction90: "\u{2028}/")
            }
            if generator.next() % 3 == 0, report.fits[i].milestones != nil {
                let band = MilestoneInterval(stdError: 0.37107766065970993, ciLow: -0.0, ciHigh: 1e16 + Double(i),
                                             ciLowPeriod: i % 2 == 0 ? nil : "Q4 '09", ciHighPeriod: i % 2 == 0 ? nil : "\u{2028}\"")
                report.fits[i].milestones?.intervals = MilestoneIntervals(
                    takeoff: band, peak: nil, saturationOnset: i % 2 == 0 ? band : nil, peakRate: MilestoneInterval(stdError: .leastNonzeroMagnitude, ciLow: 0, ciHigh: 1.5),
                    fraction10: nil, fraction50: band, fraction90: i % 3 == 0 ? nil : band)
            }
            if generator.next() % 5 == 0 {
                let ends: [ProfileIntervalRecord.End] = [.crossing, .domainLimit, .open, .failed, .capped]
                report.fits[i].notes.append("ends \(ends[i % ends.count].rawValue)\r\n\u{0}")
                if let first = report.fits[i].parameters.indices.last {
                    report.fits[i].parameters[first].profile = ProfileIntervalRecord(
                        low: [-0.0, 1e15, 1e16, 123456789012345680][i % 4], high: 2.5e-10,
                        lowEnd: ends[i % ends.count], highEnd: ends[(i + 2) % ends.count])
                }
            }
            if generator.next() % 4 == 0 {
                report.fits[i].holdout = HoldoutRecord(observed: [1, 2, 0], forecasts: [1.5, 1.5, 0.5], low: [0, 0, 0], high: [2, 2, 2])
            }
        }
        report.commentLines = fits % 2 == 0 ? [] : [3, 17]
        report.ranked = fits % 3 == 0
        report.holdout = fits % 5 == 0 ? 3 : nil
        return report
    }

    /// The reference: the whole report encoded at once, as the writer once did (`JSONEncoder`,
    /// with the synthetic records' NaNs written null).
    static func whole(_ report: FitReport) throws -> String {
        try JSONText.text(report)
    }

    @Test("the same text for any number of fits, across chunk boundaries",
          arguments: [0, 1, 2, 63, 64, 65, 128, 129, 1_000] as [Int])
    func sameText(fits: Int) throws {
        let report = Self.report(fits: fits, seed: UInt64(fits) + 11)
        let expected = try Self.whole(report)
        #expect(try FitJSONWriter.render(report) == expected)
        // The bytes as the chunks are passed on, in order.
        let collected = Collected()
        let failure = try FitJSONWriter.chunks(report).forEachChunkInOrder { bytes in
            collected.append(bytes)
            return nil
        }
        #expect(failure == nil)
        #expect(collected.text == expected)
    }

    @Test("a number that does not exist in one chunk is null there; the other chunks as they were")
    func nonFiniteInOneChunk() throws {
        var report = Self.report(fits: 200, seed: 5)
        let finite = try FitJSONWriter.render(report)
        report.fits[130].curve = [CurvePointRecord(x: .infinity, label: nil, observed: 1, fitted: .nan, ciLow: nil, ciHigh: nil,
                                                   piLow: nil, piHigh: nil)]
        let text = try FitJSONWriter.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let fits = try #require(object["fits"] as? [[String: Any]])
        let point = try #require((fits[130]["curve"] as? [[String: Any]])?.first)
        #expect(point["x"] is NSNull && point["fitted"] is NSNull && point["observed"] as? Double == 1)
        // Fits outside the chunk that holds the infinity are encoded as before.
        var unchanged = report
        unchanged.fits[130] = Self.report(fits: 200, seed: 5).fits[130]
        #expect(try FitJSONWriter.render(unchanged) == finite)
        #expect(fits.count == 200 && !text.contains("adopt.non-finite"))
    }
}

/// The bytes passed on, joined.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func append(_ b: UnsafeBufferPointer<UInt8>) {
        lock.lock()
        bytes.append(contentsOf: b)
        lock.unlock()
    }
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
