import Testing
@testable import AdoptData
import TestSupport

@Suite("Strict number parsing")
struct NumberParsingTests {
    static let valid: [(String, Double)] = [
        ("0", 0),
        ("17", 17),
        ("2013", 2013),
        ("12345.678901", 12345.678901),
        ("-3.5", -3.5),
        ("+7", 7),
        (".5", 0.5),
        ("5.", 5),
        ("1e3", 1000),
        ("1E-3", 0.001),
        ("2.5e+2", 250),
        ("  42\t", 42),
        ("0.1", 0.1),
        ("000123.4500", 123.45),
        ("9007199254740993", 9_007_199_254_740_992),  // halfway: ties to even
        ("123456789012345678901234567890", 1.2345678901234568e29),
        ("1.7976931348623157e308", .greatestFiniteMagnitude),
        ("2.2250738585072014e-308", .leastNormalMagnitude),
        ("4.9e-324", .leastNonzeroMagnitude),
        ("0e999", 0),
    ]

    @Test(arguments: valid)
    func acceptsDecimalNumbers(_ text: String, _ expected: Double) throws {
        let value = try NumberParsing.parseDouble(text)
        #expect(value.bitPattern == expected.bitPattern)
    }

    @Test func negativeZeroKeepsItsSign() throws {
        let value = try NumberParsing.parseDouble("-0.0")
        #expect(value == 0 && value.sign == .minus)
    }

    static let invalid: [(String, NumberParsing.Failure)] = [
        ("", .empty),
        ("   ", .empty),
        ("abc", .notANumber),
        ("12abc", .notANumber),
        ("1,000", .notANumber),
        ("1_000", .notANumber),
        ("0x10", .notANumber),
        ("0x1p3", .notANumber),
        ("1e", .notANumber),
        ("1e+", .notANumber),
        (".", .notANumber),
        ("-", .notANumber),
        ("--1", .notANumber),
        ("1.2.3", .notANumber),
        ("1 2", .notANumber),
        ("١٢", .notANumber),
        ("nanx", .notANumber),
        ("nan", .notFinite),
        ("NaN", .notFinite),
        ("-nan", .notFinite),
        ("inf", .notFinite),
        ("-inf", .notFinite),
        ("Infinity", .notFinite),
        ("+INFINITY", .notFinite),
        ("1e999", .outOfRange),
        ("-1e999", .outOfRange),
        ("1.8e308", .outOfRange),
        ("1e-400", .tooSmall),
        ("-2.4e-324", .tooSmall),  // below half the least subnormal: rounds to zero
        ("0." + String(repeating: "0", count: 399) + "1", .tooSmall),  // 1e-400 written out
    ]

    @Test(arguments: invalid)
    func rejectsWithTheRightReason(_ text: String, _ reason: NumberParsing.Failure) {
        #expect(throws: reason) { try NumberParsing.parseDouble(text) }
    }

    @Test func messagesNameTheText() {
        #expect(NumberParsing.Failure.notANumber.message(for: "abc") == "'abc' is not a number")
        #expect(NumberParsing.Failure.notFinite.message(for: "NaN") == "'NaN' is not a finite number")
        #expect(NumberParsing.Failure.outOfRange.message(for: "1e999") == "'1e999' is out of range for a double")
        #expect(NumberParsing.Failure.tooSmall.message(for: "1e-400") == "'1e-400' is too small for a double: it would read as 0")
        #expect(NumberParsing.Failure.empty.message(for: "") == "empty cell; expected a number (a missing value: leave its row out)")
    }

    /// The shapes a spreadsheet's cells take that are not numbers here, and what to do about them.
    @Test(arguments: [
        ("NA", " (a missing value: leave its row out)"), ("#N/A", " (a missing value: leave its row out)"),
        ("-", " (a missing value: leave its row out)"), ("1 234", " (write it without thousands separators or a decimal comma: 1234567.5)"),
        ("1.234.567", " (write it without thousands separators or a decimal comma: 1234567.5)"),
        ("10,6", " (write it without thousands separators or a decimal comma: 1234567.5)"),
        ("12%", " (write a plain number, without a percent sign, currency or units)"),
        ("$3", " (write a plain number, without a percent sign, currency or units)"),
        ("3bn", " (write a plain number, without a percent sign, currency or units)"),
        ("-1,234", " (write it without thousands separators or a decimal comma: 1234567.5)"),
        ("2.5 million", " (write a plain number, without a percent sign, currency or units)"),
        ("abc", ""), ("Q3 '07", ""), ("1e", ""), ("0x1A", ""), ("12abc", ""),
    ])
    func hints(_ text: String, _ hint: String) {
        #expect(NumberParsing.hint(for: text) == hint)
    }

    /// The fast path must round exactly as the standard library's correctly rounded parser.
    @Test func agreesBitForBitWithTheStandardLibrary() throws {
        var generator = SplitMix64(seed: 20_240_601)
        for _ in 0..<200_000 {
            let digitCount = Int.random(in: 1...20, using: &generator)
            var digits = (0..<digitCount).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            if Bool.random(using: &generator) {
                let point = Int.random(in: 0...digitCount, using: &generator)
                digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point))
                if digits == "." { digits = "0." }
            }
            if Int.random(in: 0..<3, using: &generator) == 0 {
                digits += "e\(Int.random(in: -30...30, using: &generator))"
            }
            if Bool.random(using: &generator) { digits = "-" + digits }
            let expected = try #require(Double(digits), "reference rejected \(digits)")
            let actual = try NumberParsing.parseDouble(digits)
            #expect(actual.bitPattern == expected.bitPattern, "\(digits)")
            if actual.bitPattern != expected.bitPattern { return }
        }
    }
}
