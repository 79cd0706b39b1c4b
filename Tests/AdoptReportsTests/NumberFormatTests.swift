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

@Suite("Markdown numbers from the shortest digits: printf's text without the C library")
struct ShortestDigitsTests {
    /// `readable` through `vsnprintf` alone, as it was written before the shortest digits.
    static func printfReadable(_ x: Double, significant: Int) -> String {
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e-4 && magnitude < 1e9 {
            let s = NumberFormat.formatted("%.\(significant)g", x)
            return s.utf8.contains(UInt8(ascii: "e")) ? NumberFormat.formatted("%.0f", x) : s
        }
        return NumberFormat.formatted("%.\(significant)g", x)
    }

    /// Doubles over the whole range `readable` takes from the digits, of both signs: random digits at
    /// every magnitude, random bit patterns, the ties of 3 and 6 significant digits and of whole
    /// numbers (k + 0.5, 0.0001235, 999999.5) and their neighbours one ulp away, and carries (9.9999996).
    static func values(count: Int) -> [Double] {
        var generator = SplitMix64(seed: 2026)
        var values: [Double] = [1e-4, 0.0001, 0.000099999999, 0.00012345, 0.0001235, 0.00012355, 1, 10, 100, 999_999.5,
                                999_999.4, 999_999.6, 9.9999996, 99_999.95, 123_456.5, 1_234_567.5, 1e9 - 0.5, 0.1, 0.2, 0.3,
                                2.5, 0.125, 1.0005, 100.0005, 5e-4, 4.99995e-4]
        for _ in 0..<count {
            switch generator.next() % 4 {
            case 0:
                let mantissa = Double(generator.next() % 10_000_000_000) / 1e9
                values.append(mantissa * pow(10.0, Double(Int(generator.next() % 14) - 5)))
            case 1:
                // A tie of n digits (n = 1…8) at a random magnitude, and its neighbours.
                let n = Int(generator.next() % 8) + 1
                let digits = Double(generator.next() % UInt64(pow(10.0, Double(n)))) * 10 + 5
                let tie = digits * pow(10.0, Double(Int(generator.next() % 14) - 9))
                values += [tie, tie.nextUp, tie.nextDown]
            case 2:
                values.append(Double(bitPattern: generator.next() % (0x41D0_0000_0000_0000 - 0x3F1A_0000_0000_0000) + 0x3F1A_0000_0000_0000))
            default:
                values.append(Double(generator.next() % 2_000_000) / 2)
            }
        }
        return values.flatMap { [$0, -$0] }
    }

    @Test("readable is printf's text, digit for digit", arguments: [3, 4, 6, 10])
    func readable(significant: Int) {
        var fast = 0, scaled = 0
        var buffer = ByteBuffer()
        for x in Self.values(count: 100_000) {
            let expected = Self.printfReadable(x, significant: significant)
            let ours = NumberFormat.readable(x, significant: significant)
            #expect(ours == expected, "\(x) (\(significant) digits): \(ours) against \(expected)")
            buffer.removeAll()
            buffer.appendReadable(x, significant: significant)
            let appended = buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
            #expect(appended == expected, "\(x) (\(significant) digits), appended: \(appended) against \(expected)")
            let text = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ScaledDecimal.room) { out in
                ScaledDecimal.writeReadable(x, significant: significant, to: out.baseAddress!).map {
                    String(decoding: UnsafeBufferPointer(start: out.baseAddress!, count: $0), as: UTF8.self)
                }
            }
            if let text {
                scaled += 1
                #expect(text == expected, "\(x) (\(significant) digits), scaled: \(text) against \(expected)")
            }
            if abs(x) >= 1e-4 && abs(x) < 1e9 && ShortestDigits(x)?.readable(significant: significant) != nil { fast += 1 }
        }
        // The digits decide every number in their range but the ties (of the 400,052 values, some 240,000:
        // the others are below 1e-4 or above 1e9, or ties built on purpose, which go to vsnprintf).
        #expect(fast > 200_000)
        // Scaling decides nearly as many: all but those within rounding of a tie.
        #expect(scaled > 200_000)
    }

    /// `fixed` (the correlations' three decimals, the milestones' one) takes most numbers from the digits
    /// too: the same values, whole numbers and tenths (a milestone is cut to one), and values below half
    /// a unit of the last decimal (printf's zeros, "-0.000" among them), against `vsnprintf`.
    @Test("fixed is printf's %.Nf, digit for digit", arguments: [0, 1, 2, 3, 6])
    func fixed(decimals: Int) {
        var fast = 0
        var values = Self.values(count: 50_000)
        values += (0..<20_000).map { Double($0 - 10_000) / 10 }
        let edges: [Double] = [0, -0.0, 0.0004, -0.0004, 0.0005, -0.0005, 0.00096, 0.049, -0.05, 0.05, 0.95, -0.95, 9.95, 99.95,
                               1e15 - 1, 1e15, 1e300, .infinity, .nan]
        values += edges
        for x in values {
            let expected = NumberFormat.formatted("%.\(decimals)f", x)
            let ours = NumberFormat.fixed(x, decimals: decimals)
            #expect(ours == expected, "\(x) (\(decimals) decimals): \(ours) against \(expected)")
            if ShortestDigits.fixed(x, decimals: decimals) != nil { fast += 1 }
        }
        #expect(fast > values.count / 2)
    }

    @Test("rounding the digits: carries, ties left to printf, digits kept as they are")
    func rounding() throws {
        let carry = try #require(ShortestDigits(9.9999996)?.rounded(toSignificant: 6))
        #expect(carry.digits == [1] && carry.exponent == 1)
        #expect(ShortestDigits(0.0001235)?.rounded(toSignificant: 3) == nil)
        #expect(ShortestDigits(0.00012351)?.rounded(toSignificant: 3)?.digits == [1, 2, 4])
        #expect(ShortestDigits(-123.4)?.plain() == "-123.4" && ShortestDigits(1e5)?.plain() == "100000")
        #expect(ShortestDigits(0.000123)?.plain() == "0.000123" && ShortestDigits(.leastNonzeroMagnitude)?.exponent == -324)
    }
}

@Suite("R² in the Markdown")
struct RSquaredTextTests {
    @Test("four significant digits, or as many more as keep an R² below 1 from reading as 1", arguments: [
        (0.9999857, "0.99999"), (0.87654, "0.8765"), (0.99996, "0.99996"), (1.0, "1"), (0.99999999999, "1"), (-0.25, "-0.25"),
    ])
    func digits(_ r: Double, _ text: String) {
        #expect(NumberFormat.readable(r, significant: NumberFormat.rSquaredDigits(r)) == text)
    }
}

@Suite("The forecast's ranges")
struct ForecastSpanTests {
    @Test("a range is joined by a dash, or by 'to' where an end is negative", arguments: [
        (408.4, 858.0, "408–858"), (-430.0, 43.0, "-430 to 43"), (-5.0, -0.5, "-5 to -0.5"), (0.0, 1.5, "0–1.5"),
    ])
    func span(_ low: Double, _ high: Double, _ text: String) {
        #expect(ForecastMarkdownWriter.span(low, high) == text)
    }
}

extension NumberFormatTests {
    /// Each end cut (toward −∞) to `decimals`, by printf's rounding of the cut value: the reference.
    static func cut(_ x: Double, _ decimals: Int) -> String {
        let scale = pow(10.0, Double(decimals))
        return String(format: "%.\(decimals)f", (x * scale).rounded(.down) / scale)
    }

    @Test("an interval of times: ends cut to tenths, to as many more decimals (up to six) as they need not to read alike",
          arguments: [
              (1957.5157, 1959.1693, 1), (1999.9565, 2000.0434, 1), (2010.301, 2010.389, 2), (2001.0531, 2001.0539, 4),
              (2003.9970811, 2003.9970819, 6), (2003.99708112, 2003.99708113, 6), (-0.04, 0.06, 1), (12.0, 12.0, 6),
          ])
    func timeInterval(low: Double, high: Double, decimals: Int) {
        #expect(NumberFormat.timeInterval(low, high) == Self.cut(low, decimals) + "–" + Self.cut(high, decimals))
    }
}
