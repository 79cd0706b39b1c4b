import Foundation
import Testing
@testable import AdoptStudies

/// The back-test measures on small cases worked by hand, errors e = observed − forecast.
@Suite("Back-test measures")
struct HoldoutRecordTests {
    @Test("errors (2, −1, 0): mean error 1/3, MAE 1, RMSE √(5/3), MAPE over the non-zero observations")
    func measures() {
        // observed 10, 4, 0; forecasts 8, 5, 0 → errors 2, −1, 0; |e/y| = 0.2, 0.25 (the zero left out).
        let h = HoldoutRecord(observed: [10, 4, 0], forecasts: [8, 5, 0], low: [9, 0, 0], high: [12, 4.5, 1])
        #expect(h.n == 3)
        #expect(h.meanError == 1.0 / 3)
        #expect(h.meanAbsoluteError == 1)
        #expect(h.rootMeanSquaredError == (5.0 / 3).squareRoot())
        #expect(abs(h.meanAbsolutePercentageError! - 22.5) <= 1e-13)
        // 10 ∈ [9, 12], 4 ∈ [0, 4.5], 0 ∈ [0, 1]: the limits count as inside.
        #expect(h.predictionIntervalCoverage == 1)
    }

    /// Errors (2, −1, 0)·10²⁰⁰: their squares and sums overflow, the measures do not.
    @Test("errors near the largest double: the measures as for small errors, scaled")
    func hugeErrors() throws {
        let big = 1e200, scale = Double.greatestFiniteMagnitude / 4
        let h = HoldoutRecord(observed: [10 * big, 4 * big, 0], forecasts: [8 * big, 5 * big, 0], low: [0, 0, 0], high: [1, 1, 1])
        #expect(abs(try #require(h.meanError) - big / 3) <= 1e-15 * big)
        #expect(abs(try #require(h.meanAbsoluteError) - big) <= 1e-15 * big)
        #expect(abs(try #require(h.rootMeanSquaredError) - (5.0 / 3).squareRoot() * big) <= 1e-15 * big)
        #expect(abs(try #require(h.meanAbsolutePercentageError) - 22.5) <= 1e-13)
        // Sums that overflow though every error is finite.
        let top = HoldoutRecord(observed: [scale * 3, scale * 3], forecasts: [0, 0], low: [0, 0], high: [1, 1])
        #expect(abs(try #require(top.meanError) - 3 * scale) <= 1e-15 * 3 * scale)
        #expect(abs(try #require(top.rootMeanSquaredError) - 3 * scale) <= 1e-15 * 3 * scale)
    }

    @Test("an observation outside its interval lowers the coverage")
    func coverage() {
        let h = HoldoutRecord(observed: [10, 4], forecasts: [8, 5], low: [8.5, 4.1], high: [9.5, 6])
        #expect(h.predictionIntervalCoverage == 0)
        let half = HoldoutRecord(observed: [10, 4], forecasts: [8, 5], low: [8.5, 3], high: [9.5, 6])
        #expect(half.predictionIntervalCoverage == 0.5)
    }

    @Test("no forecast (a fit that did not converge): the count only")
    func noForecast() {
        let h = HoldoutRecord(observed: [10, 4], forecasts: [], low: [], high: [])
        #expect(h.n == 2)
        #expect(h.meanError == nil && h.meanAbsoluteError == nil && h.rootMeanSquaredError == nil)
        #expect(h.meanAbsolutePercentageError == nil && h.predictionIntervalCoverage == nil)
    }

    @Test("all observations zero: no MAPE; intervals not available: no coverage")
    func undefined() {
        let h = HoldoutRecord(observed: [0, 0], forecasts: [1, 3], low: [.nan, .nan], high: [.nan, .nan])
        #expect(h.meanError == -2)
        #expect(h.meanAbsolutePercentageError == nil)
        #expect(h.predictionIntervalCoverage == nil)
    }
}

@Suite("Records kept out of line")
struct OutOfLineTests {
    struct Holder: Codable, Equatable {
        @OutOfLine var holdout: HoldoutRecord? = nil
        var n = 0
    }

    @Test("an out-of-line value reads and writes as the optional it wraps, absent keys included")
    func roundTrip() throws {
        let full = Holder(holdout: HoldoutRecord(observed: [10, 4], forecasts: [8, 5], low: [0, 0], high: [20, 20]), n: 1)
        let encoded = try JSONEncoder().encode(full)
        #expect(try JSONDecoder().decode(Holder.self, from: encoded) == full)
        let empty = try JSONDecoder().decode(Holder.self, from: Data(#"{"n": 2}"#.utf8))
        #expect(empty.holdout == nil && empty.n == 2)
        #expect(MemoryLayout<OutOfLine<HoldoutRecord>>.size == MemoryLayout<Int>.size)
    }
}

@Suite("Numbers in notes")
struct SignificantTextTests {
    @Test("four significant digits, scientific outside 1e-4 to 1e6", arguments: [
        (-0.0011051450151513007, "-0.001105"), (2980.227, "2980"), (-710.738, "-710.7"), (1_134_740, "1.135e6"),
        (0.000145901, "0.0001459"), (0.00003, "3e-5"), (9_999_960, "1e7"), (999.96, "1000"), (0.5, "0.5"), (0, "0"),
    ])
    func significant(_ x: Double, _ text: String) {
        #expect(significantText(x) == text)
    }
}

@Suite("Notes on fits")
struct FitNoteTests {
    @Test("a market potential below four fifths of the adopters observed gets a note; a few per cent below does not",
          arguments: [(115_000.0, 467_000.0, "24.6 %"), (3113.16, 19_000, "16.4 %"), (111.392, 119, nil), (80, 100, nil), (79.9, 100, "79.9 %")])
    func marketBelowObserved(_ m: Double, _ total: Double, _ share: String?) {
        let note = FitStudy.marketBelowObservedNote(m, observedTotal: total)
        #expect((note != nil) == (share != nil))
        if let share, let note { #expect(note.contains("is \(share) of the") && note.contains("adopters the series holds")) }
    }
}
