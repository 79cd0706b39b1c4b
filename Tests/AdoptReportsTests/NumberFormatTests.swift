@testable import AdoptReports
import Foundation
import Testing
import TestSupport

@Suite("Markdown numbers: the C library's printf text")
struct NumberFormatTests {
    /// `NumberFormat.formatted` calls `vsnprintf` itself; `String(format:)` (Foundation, over the
    /// same C library) is the reference, on doubles from 1e-300 to 1e300 of both signs, halfway
    /// cases of the rounding, zeros, infinities and NaN.
    @Test("the same text as String(format:)", arguments: ["%.0f", "%.1f", "%.3f", "%.6g", "%.3g", "%.5e", "%.2e"])
    func sameAsFoundation(format: String) {
        var generator = SplitMix64(seed: 42)
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, 0.125, 1e300, -1e300, .leastNonzeroMagnitude, .infinity, -.infinity, .nan,
                                999_999.5, 0.000_123_456_5, 123_456.5, 1e15 + 0.5]
        for _ in 0..<3000 {
            let mantissa = Double(generator.next() % 10_000_000) / 1_000_000
            let exponent = Int(generator.next() % 601) - 300
            let sign: Double = generator.next() % 2 == 0 ? 1 : -1
            values.append(sign * mantissa * pow(10.0, Double(exponent)))
        }
        for x in values {
            let ours = NumberFormat.formatted(format, x), foundation = String(format: format, x)
            #expect(ours == foundation, "\(format) of \(x): \(ours) against \(foundation)")
        }
    }
}
