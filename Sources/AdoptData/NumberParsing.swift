/// Strict, correctly rounded decimal-to-`Double` conversion for CSV cells.
///
/// Accepted syntax, after trimming surrounding spaces and tabs:
///
///     [+|-] ( digits [ "." digits* ] | "." digits ) [ (e|E) [+|-] digits ]
///
/// Everything else is rejected: empty text, words, hexadecimal floats,
/// thousands separators, `nan`, `inf`/`infinity` (in any case), and values
/// whose magnitude overflows a `Double` (such as `1e999`) or is not zero but too small for a
/// `Double` to hold at all (such as `1e-400`, which would read as 0). Values in the subnormal
/// range round to a subnormal, as IEEE 754 prescribes.
///
/// Conversion is exact (correctly rounded, round-half-even): inputs with at most
/// 19 significant digits whose mantissa fits in 53 bits and whose decimal
/// exponent is within ±22 take Clinger's fast path (one exact IEEE
/// multiplication or division); all others fall back to the standard library's
/// correctly rounded parser.
public enum NumberParsing {
    /// Why a piece of text is not an acceptable finite number.
    public enum Failure: Error, Sendable, Equatable, Hashable {
        /// The text is empty (or only spaces and tabs).
        case empty
        /// The text is not a decimal number at all.
        case notANumber
        /// The text spells a NaN or an infinity.
        case notFinite
        /// The text is a well-formed number whose magnitude is too large for a `Double`.
        case outOfRange
        /// The text is a well-formed number, not zero, whose magnitude is too small for a
        /// `Double`: it would read as 0.
        case tooSmall

        /// A one-line explanation naming the offending `text`.
        public func message(for text: String) -> String {
            switch self {
            case .empty:
                return "empty cell; expected a number (a missing value: leave its row out)"
            case .notANumber:
                return "\(DataError.quote(text)) is not a number" + NumberParsing.hint(for: text)
            case .notFinite:
                return "\(DataError.quote(text)) is not a finite number"
            case .outOfRange:
                return "\(DataError.quote(text)) is out of range for a double"
            case .tooSmall:
                return "\(DataError.quote(text)) is too small for a double: it would read as 0"
            }
        }
    }

    /// The hint for a cell written with thousands separators or a decimal comma.
    public static let separatorsHint = " (write it without thousands separators or a decimal comma: 1234567.5)"

    /// How to mend a cell that is not a number, where its shape says: a missing-value marker, thousands
    /// separators, a percent sign, currency or units.
    static func hint(for text: String) -> String {
        let t = String(text.withoutBlanksAround())
        if ["na", "n/a", "#n/a", "-", "—", "–", "null", "none", "missing", ".", "?", "nan%"].contains(t.lowercased()) {
            return " (a missing value: leave its row out)"
        }
        // A DOS end-of-file mark (Ctrl-Z) after the last value of a file without a final line end.
        if t.unicodeScalars.last == "\u{1A}", (try? parseDouble(String(String.UnicodeScalarView(t.unicodeScalars.dropLast())))) != nil {
            return " (it ends with a DOS end-of-file mark, Ctrl-Z, byte 0x1A: delete it)"
        }
        // A zero-width character anywhere, or a space other than U+0020 at either end (a no-break
        // space between digits is a thousands separator, below).
        let scalars = Array(t.unicodeScalars)
        if scalars.enumerated().contains(where: { k, u in
            DataError.isInvisible(u) && (u.properties.generalCategory == .format || k == 0 || k == scalars.count - 1)
        }) {
            return " (it holds an invisible character, shown escaped: delete it)"
        }
        let unsigned = t.first == "-" || t.first == "+" ? String(t.dropFirst()) : t
        let digitsOnly = unsigned.filter { !",. '\u{00A0}\u{202F}".contains($0) }
        if unsigned.contains(where: { ",. '\u{00A0}\u{202F}".contains($0) }), !digitsOnly.isEmpty,
           digitsOnly.allSatisfy({ $0.isASCII && $0.isNumber }), unsigned.first?.isNumber == true {
            return separatorsHint
        }
        // A number followed by a scale word or unit (12k, 3.5M, 2bn, 10 million).
        let suffix = String(unsigned.reversed().prefix { $0.isLetter }.reversed()).lowercased()
        let number = unsigned.dropLast(suffix.count).withoutBlanksAround()
        let scaled = ["k", "m", "mm", "mn", "mio", "mln", "b", "bn", "thousand", "million", "billion", "units", "pcs"].contains(suffix)
            && (try? parseDouble(number)) != nil
        if t.contains(where: { "%$€£¥".contains($0) }) || scaled {
            return " (write a plain number, without a percent sign, currency or units)"
        }
        return ""
    }

    /// Parses `text` strictly as a finite decimal number.
    ///
    /// - Throws: `Failure` describing why the text is not acceptable.
    public static func parseDouble(_ text: some StringProtocol) throws(Failure) -> Double {
        var copy = String(text)
        let result = copy.withUTF8 { parse($0) }
        return try result.get()
    }

    /// Parses UTF-8 bytes strictly as a finite decimal number (see the type's documentation).
    static func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<Double, Failure> {
        var lo = 0
        var hi = buffer.count
        while lo < hi, buffer[lo] == 0x20 || buffer[lo] == 0x09 { lo += 1 }
        while hi > lo, buffer[hi - 1] == 0x20 || buffer[hi - 1] == 0x09 { hi -= 1 }
        if lo == hi { return .failure(.empty) }

        var i = lo
        var negative = false
        if buffer[i] == UInt8(ascii: "-") || buffer[i] == UInt8(ascii: "+") {
            negative = buffer[i] == UInt8(ascii: "-")
            i += 1
        }

        var mantissa: UInt64 = 0
        var significantDigits = 0
        var droppedDigits = false
        var exponent10 = 0
        var digitCount = 0

        // Integer part.
        while i < hi {
            let d = buffer[i] &- 0x30
            if d > 9 { break }
            digitCount += 1
            if mantissa == 0 && d == 0 {
                // Leading zero: contributes nothing.
            } else if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                significantDigits += 1
            } else {
                droppedDigits = true
                exponent10 += 1
            }
            i += 1
        }
        // Fraction part.
        if i < hi, buffer[i] == UInt8(ascii: ".") {
            i += 1
            while i < hi {
                let d = buffer[i] &- 0x30
                if d > 9 { break }
                digitCount += 1
                if mantissa == 0 && d == 0 {
                    exponent10 -= 1
                } else if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    significantDigits += 1
                    exponent10 -= 1
                } else {
                    droppedDigits = true
                }
                i += 1
            }
        }
        if digitCount == 0 {
            return .failure(isNonFiniteWord(buffer, from: i, to: hi) ? .notFinite : .notANumber)
        }
        // Exponent part.
        if i < hi, buffer[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < hi, buffer[i] == UInt8(ascii: "-") || buffer[i] == UInt8(ascii: "+") {
                exponentNegative = buffer[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            var explicitExponent = 0
            while i < hi {
                let d = buffer[i] &- 0x30
                if d > 9 { break }
                // Saturate: anything beyond ±100 000 is far outside Double's range.
                if explicitExponent < 100_000 { explicitExponent = explicitExponent * 10 + Int(d) }
                written += 1
                i += 1
            }
            if written == 0 { return .failure(.notANumber) }
            exponent10 += exponentNegative ? -explicitExponent : explicitExponent
        }
        if i != hi { return .failure(.notANumber) }

        if mantissa == 0 {
            return .success(negative ? -0.0 : 0.0)
        }
        // Clinger's fast path: both operands exact, so one IEEE operation rounds correctly.
        if !droppedDigits, mantissa <= 1 << 53, exponent10 >= -22, exponent10 <= 22 {
            var value = Double(mantissa)
            if exponent10 < 0 {
                value /= exactPowerOfTen(-exponent10)
            } else {
                value *= exactPowerOfTen(exponent10)
            }
            return .success(negative ? -value : value)
        }
        // Slow path: the standard library's correctly rounded, locale-independent parser.
        // The syntax has been validated above, so it cannot fail or accept hex/nan/inf.
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[lo..<hi]), as: UTF8.self)
        guard let value = Double(text) else { return .failure(.notANumber) }
        if value == 0 { return .failure(.tooSmall) }  // the mantissa is not zero
        return value.isFinite ? .success(value) : .failure(.outOfRange)
    }

    /// Whether `text` is empty of digits but spells nan/inf/infinity, with an optional sign.
    private static func isNonFiniteWord(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        let length = to - from
        guard length == 3 || length == 8 else { return false }
        var word: [UInt8] = []
        word.reserveCapacity(length)
        for k in from..<to { word.append(buffer[k] | 0x20) }  // ASCII lower-case
        return word == Array("nan".utf8) || word == Array("inf".utf8) || word == Array("infinity".utf8)
    }

    /// 10^k for 0 ≤ k ≤ 22, all exactly representable in a `Double` (a table of constants: no lazily
    /// made array to reach).
    @inlinable @inline(__always)
    public static func exactPowerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }
}

extension StringProtocol {
    /// The text without the spaces and tabs around it, as a cell is read.
    public func withoutBlanksAround() -> SubSequence {
        func solid(_ c: Character) -> Bool { c != " " && c != "\t" }
        guard let start = firstIndex(where: solid), let end = lastIndex(where: solid) else { return self[endIndex...] }
        return self[start...end]
    }
}

extension Double {
    /// The value rounded to `digits` significant decimal digits, for messages: a product such as
    /// 1.1635649999999997 reads 1.163565 at 12 digits, a calibrated 0.0360197656711199 reads 0.03602 at 4.
    public func roundedToSignificantDigits(_ digits: Int) -> Double {
        toSignificantDigits(digits, .toNearestOrAwayFromZero)
    }

    /// `self` cut (towards zero) to `digits` significant decimal digits: a limit shown this way is
    /// never above the true one.
    public func cutToSignificantDigits(_ digits: Int) -> Double {
        toSignificantDigits(digits, .towardZero)
    }

    private func toSignificantDigits(_ digits: Int, _ rule: FloatingPointRoundingRule) -> Double {
        guard isFinite, self != 0, digits > 0 else { return self }
        var exponent = 0, magnitude = abs(self)
        while magnitude >= 10 { magnitude /= 10; exponent += 1 }
        while magnitude < 1 { magnitude *= 10; exponent -= 1 }
        let k = digits - 1 - exponent
        var scale = 1.0
        for _ in 0..<abs(k) { scale *= 10 }
        let rounded = k >= 0 ? (self * scale).rounded(rule) / scale : (self / scale).rounded(rule) * scale
        return rounded.isFinite ? rounded : self
    }
}
