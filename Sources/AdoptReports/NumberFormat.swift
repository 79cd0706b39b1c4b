import Foundation
import AdoptData

/// Number formatting shared by the writers: the same value always prints the same way.
enum NumberFormat {
    /// Line numbers as text: "line 7", "lines 7, 9 and 12", or the first ten and how many more.
    static func lineList(_ lines: [Int]) -> String {
        let shown = lines.prefix(10).map(String.init)
        let more = lines.count - shown.count
        if lines.count == 1 { return "line \(lines[0])" }
        if more > 0 { return "lines " + shown.joined(separator: ", ") + " and \(more) more" }
        return "lines " + shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }

    /// Shortest text that reads back to the same double (for CSV and machine use).
    static func exact(_ x: Double?) -> String {
        guard let x else { return "" }
        if printsAsInteger(x) { return String(Int(x)) }
        return "\(x)"
    }

    /// Whether `exact` prints `x` as an integer (without a decimal point or exponent): whether
    /// it is a whole number of magnitude below 10^15 (tested by conversion, which is exact
    /// there, rather than by a call to `round`).
    @inline(__always)
    static func printsAsInteger(_ x: Double) -> Bool { abs(x) < 1e15 && Double(Int64(x)) == x }

    /// `x` with `decimals` decimals ("–" when absent): `printf`'s `%.Nf`, from the shortest digits
    /// where they decide it (`ShortestDigits.fixed`), else by `vsnprintf`.
    static func fixed(_ x: Double?, decimals: Int) -> String {
        guard let x else { return "–" }
        return ShortestDigits.fixed(x, decimals: decimals) ?? formatted("%.\(decimals)f", x)
    }

    /// The significant digits R² is written with: 4, or as many more (up to 10) as keep an R² below 1
    /// from reading as 1 (0.9999857 is 0.99999, not 1).
    static func rSquaredDigits(_ r: Double?) -> Int {
        guard let r, r < 1 else { return 4 }
        return (4...10).first { readable(r, significant: $0) != "1" } ?? 10
    }

    /// `significant` significant digits, no exponent for ordinary magnitudes (for Markdown).
    static func readable(_ x: Double?, significant: Int = 6) -> String {
        guard let x else { return "–" }
        if x == 0 { return "0" }
        let fast = String(unsafeUninitializedCapacity: readableRoom) { writeReadable(x, significant: significant, to: $0.baseAddress!) ?? 0 }
        return fast.isEmpty ? readableByLibrary(x, significant: significant) : fast
    }

    /// `readable`'s text of a nonzero `x` by `vsnprintf`: where `writeReadable` declines it.
    static func readableByLibrary(_ x: Double, significant: Int) -> String {
        let magnitude = abs(x)
        if magnitude >= 1e-4 && magnitude < 1e9 {
            let s = formatted("%.\(significant)g", x)
            return s.utf8.contains(UInt8(ascii: "e")) ? formatted("%.0f", x) : s
        }
        // Scientific beyond them, without trailing zeros (1e+12, not 1.00000e+12).
        return formatted("%.\(significant)g", x)
    }

    /// Bytes `writeReadable` may write.
    static var readableRoom: Int { ScaledDecimal.room }

    /// `readable`'s text without the C library, written from `out` (`readableRoom` bytes), and its
    /// length: scaled to its digits (`ScaledDecimal`), else from the shortest digits (`ShortestDigits`).
    /// Nil for zero, outside [1e-4, 1e9), and at a tie the digits do not decide, which `vsnprintf` settles.
    static func writeReadable(_ x: Double, significant: Int, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        guard x != 0, x.magnitude >= 1e-4, x.magnitude < 1e9 else { return nil }
        if let written = ScaledDecimal.writeReadable(x, significant: significant, to: out) { return written }
        return ShortestDigits(x)?.readableDigits(significant: significant)?.writePlain(to: out, room: readableRoom)
    }

    /// The C library's `printf` text of one double for a `%.Nf`, `%.Ng` or `%.Ne` format (by
    /// `vsnprintf`), which `String(format:)` also produces, without its locale and bridging work
    /// (a quarter of a Markdown report's time went there). Texts longer than 511 bytes (`%f` of a
    /// number beyond 1e500, which no double is) go through `String(format:)`.
    static func formatted(_ format: String, _ x: Double) -> String {
        let text: String? = withVaList([x]) { arguments in
            withUnsafeTemporaryAllocation(of: CChar.self, capacity: 512) { buffer in
                let count = vsnprintf(buffer.baseAddress!, buffer.count, format, arguments)
                guard count >= 0, count < buffer.count else { return nil }
                return String(cString: buffer.baseAddress!)
            }
        }
        return text ?? String(format: format, x)
    }

    /// A calendar time to one decimal (2016.6 is 60 % through 2016).
    static func time(_ x: Double?) -> String { fixed(x, decimals: 1) }

    /// A time cut (not rounded) to a tenth, so that it stays in its period: 2041.98 reads 2041.9,
    /// not 2042.0, which would name the next year.
    static func timeCut(_ x: Double?) -> String { time(x.map { $0.isFinite ? ($0 * 10).rounded(.down) / 10 : $0 }) }

    /// An interval of times, each end cut to a tenth as a milestone is, so that it stays in the period
    /// its label names ("2041.3–2041.9"); to as many more decimals (up to six) as the ends need not to read
    /// alike ("2010.31–2010.38").
    static func timeInterval(_ low: Double, _ high: Double) -> String {
        func cut(_ x: Double, _ decimals: Int) -> String {
            let scale = pow(10.0, Double(decimals))
            return fixed(x.isFinite ? (x * scale).rounded(.down) / scale : x, decimals: decimals)
        }
        var decimals = 1
        while decimals < 6, cut(low, decimals) == cut(high, decimals) { decimals += 1 }
        return cut(low, decimals) + "–" + cut(high, decimals)
    }

    /// A percentage given in points (42.1 for 42.1 %), to three significant digits.
    static func percent(_ points: Double?) -> String {
        guard let points else { return "–" }
        return readable(points, significant: 3) + " %"
    }
}

/// The shortest decimal digits that read back to a double (`x.description`'s), from which `printf`'s
/// rounding to fewer significant digits follows without the C library: rounding these digits gives what
/// rounding the double's exact binary value gives, except at a tie in them. A tie between two n-digit
/// decimals is an (n+1)-digit decimal ending in 5; were one strictly between the double and its
/// shortest digits (which are then longer than it), it would read back to the double itself and be the
/// shorter text. So where the shortest digits are exactly such a tie (`rounded` returns nil), the
/// caller asks `vsnprintf`, whose arguments Swift boxes and casts one by one: the Markdown of 100,000
/// fits took 18.6 s of user time through it, 9.0 s from the digits.
struct ShortestDigits {
    let negative: Bool
    /// Digit values, without leading or trailing zeros (at least one, at most 17), in the first
    /// `count` lanes: inline, so that a number costs no allocation.
    private(set) var lanes = SIMD32<UInt8>()
    private(set) var count = 0
    /// The decimal exponent of the first digit: the value is d₁.d₂d₃… × 10^exponent.
    let exponent: Int

    var digits: [UInt8] { (0..<count).map { lanes[$0] } }

    /// Nil for zero and for numbers that are not finite.
    init?(_ x: Double) {
        guard x.isFinite, x != 0 else { return nil }
        var lanes = SIMD32<UInt8>(), count = 0
        // Digits seen (leading zeros too), the point's place among them, the exponent's value.
        var seen = 0, leading = 0, point: Int? = nil
        var exponentPart = 0, inExponent = false, exponentNegative = false
        // The text, then the digits, in memory: the digits go into the lanes in one load (a byte
        // stored into a vector held in registers stalls on each reload).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ByteBuffer.numberRoom + 32) { buffer in
            let text = buffer.baseAddress!, digits = text + ByteBuffer.numberRoom
            digits.initialize(repeating: 0, count: 32)
            var sink = ASCIISink(start: text)
            x.magnitude.write(to: &sink)
            for byte in UnsafeBufferPointer(start: text, count: sink.count) {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    let digit = byte - UInt8(ascii: "0")
                    if inExponent {
                        exponentPart = exponentPart * 10 + Int(digit)
                    } else {
                        if digit == 0 && count == 0 { leading += 1 } else {
                            precondition(count < 32)
                            digits[count] = digit
                            count += 1
                        }
                        seen += 1
                    }
                case UInt8(ascii: "."): point = seen
                case UInt8(ascii: "e"): inExponent = true
                case UInt8(ascii: "-"): exponentNegative = true
                default: break
                }
            }
            while count > 0 && digits[count - 1] == 0 { count -= 1 }
            lanes = UnsafeRawPointer(digits).loadUnaligned(as: SIMD32<UInt8>.self)
        }
        guard count > 0 else { return nil }
        self.lanes = lanes
        self.count = count
        negative = x < 0
        exponent = (point ?? seen) + (exponentNegative ? -exponentPart : exponentPart) - leading - 1
    }

    private init(negative: Bool, lanes: SIMD32<UInt8>, count: Int, exponent: Int) {
        self.negative = negative
        self.lanes = lanes
        self.count = count
        self.exponent = exponent
    }

    /// The value rounded to `n` significant digits as `printf` rounds (to nearest, ties to even on the
    /// exact value), or nil where these digits are a tie and do not decide it.
    func rounded(toSignificant n: Int) -> ShortestDigits? {
        guard n >= 1 else { return nil }
        guard count > n else { return self }
        if count == n + 1 && lanes[n] == 5 { return nil }
        var kept = lanes, keptCount = n
        var exponent = self.exponent
        // The digits changed in memory, byte by byte (as in `init`).
        withUnsafeMutableBytes(of: &kept) { kept in
            if lanes[n] >= 5 {
                var i = n - 1
                while i >= 0 && kept[i] == 9 {
                    kept[i] = 0
                    i -= 1
                }
                if i >= 0 {
                    kept[i] += 1
                } else {
                    // 99…9 carried over: 1 followed by the zeros dropped below.
                    kept[0] = 1
                    exponent += 1
                }
            }
            while keptCount > 1 && kept[keptCount - 1] == 0 { keptCount -= 1 }
        }
        return ShortestDigits(negative: negative, lanes: kept, count: keptCount, exponent: exponent)
    }

    /// `NumberFormat.readable`'s text for a magnitude in [1e-4, 1e9): `%.Ng`, or `%.0f` where that
    /// has an exponent; nil where a tie needs `vsnprintf`.
    func readable(significant n: Int) -> String? {
        readableDigits(significant: n)?.plain()
    }

    /// The digits `readable` prints (`plain`), or nil where a tie needs `vsnprintf`.
    func readableDigits(significant n: Int) -> ShortestDigits? {
        guard let r = rounded(toSignificant: n) else { return nil }
        if r.exponent < n { return r }
        // %.0f: the value rounded to a whole number, its digits up to the units.
        guard exponent >= 0 else { return nil }
        return rounded(toSignificant: exponent + 1)
    }

    /// `printf`'s `%.Nf` text of `x` (N = `decimals`, at most 20) from its shortest digits, rounded at
    /// the N-th decimal as `rounded` rounds them. Where they end before it, `printf` writes the exact
    /// binary value's digits, which are theirs followed by zeros only when x is within half a unit
    /// of that decimal of them: so x's spacing (ulp) must be below half of it. Nil otherwise, at a tie
    /// in the digits, and for a value that rounds to no digit there (below half a unit of the last
    /// decimal, where `printf` writes a zero, "-0.0" for a negative one).
    static func fixed(_ x: Double, decimals n: Int) -> String? {
        guard n >= 0, n <= 20, x.isFinite, x.ulp < 0.25 / NumberParsing.exactPowerOfTen(n), let digits = ShortestDigits(x) else { return nil }
        return digits.fixed(decimals: n)
    }

    private func fixed(decimals n: Int) -> String? {
        let significant = exponent + 1 + n
        guard significant >= 1, let r = rounded(toSignificant: significant) else { return nil }
        return String(unsafeUninitializedCapacity: 40) { text in
            var k = 0
            func append(_ byte: UInt8) {
                precondition(k < text.count)
                text[k] = byte
                k += 1
            }
            let zero = UInt8(ascii: "0")
            // The digit of 10^-j's place (j = 0 for the units, negative above them).
            func digit(after j: Int) -> UInt8 {
                let i = r.exponent + j
                return i >= 0 && i < r.count ? zero + r.lanes[i] : zero
            }
            if negative { append(UInt8(ascii: "-")) }
            if r.exponent >= 0 {
                for j in -r.exponent...0 { append(digit(after: j)) }
            } else {
                append(zero)
            }
            if n > 0 {
                append(UInt8(ascii: "."))
                for j in 1...n { append(digit(after: j)) }
            }
            return k
        }
    }

    /// Bytes `plain` may take in `readable`'s range: a sign, "0.000" and 17 digits at 1e-4; 9 digits
    /// and a point below 1e9 (23 at most).
    static let plainRoom = 32

    /// The digits without an exponent: %g's fixed form, trailing zeros dropped.
    func plain() -> String {
        String(unsafeUninitializedCapacity: Self.plainRoom) { text in writePlain(to: text.baseAddress!, room: text.count) }
    }

    /// `plain`'s bytes written from `start`, where `room` bytes are free; returns how many.
    func writePlain(to start: UnsafeMutablePointer<UInt8>, room: Int) -> Int {
        withUnsafeBytes(of: lanes) { lanes in
            Self.writePlain(negative: negative, digits: lanes.baseAddress!.assumingMemoryBound(to: UInt8.self),
                            count: count, exponent: exponent, to: start, room: room)
        }
    }

    /// The fixed form of the digit values `digits[0..<count]` (the last not zero), the first in the
    /// place 10^exponent: the units and any places above them, then a point and the digits after it,
    /// if any. Written from `start`, where `room` bytes are free; returns how many.
    @inline(__always)
    static func writePlain(negative: Bool, digits: UnsafePointer<UInt8>, count: Int, exponent: Int,
                           to start: UnsafeMutablePointer<UInt8>, room: Int) -> Int {
        // The length, checked against the room once.
        let length = (negative ? 1 : 0)
            + (exponent >= 0 ? exponent + 1 + (count > exponent + 1 ? count - exponent : 0) : 1 - exponent + count)
        precondition(length <= room)
        var n = 0
        func append(_ byte: UInt8) {
            start[n] = byte
            n += 1
        }
        let zero = UInt8(ascii: "0")
        if negative { append(UInt8(ascii: "-")) }
        if exponent >= 0 {
            for i in 0...exponent { append(zero + (i < count ? digits[i] : 0)) }
            if count > exponent + 1 {
                append(UInt8(ascii: "."))
                for i in (exponent + 1)..<count { append(zero + digits[i]) }
            }
        } else {
            append(zero)
            append(UInt8(ascii: "."))
            for _ in 0..<(-exponent - 1) { append(zero) }
            for i in 0..<count { append(zero + digits[i]) }
        }
        assert(n == length)
        return n
    }
}

/// `NumberFormat.readable`'s text for most numbers in its range [1e-4, 1e9), from the double itself:
/// scaled by a power of ten to n digits before the point (one rounding: the powers of ten it takes are exact,
/// `NumberParsing.exactPowerOfTen`)
/// and rounded there. That is `printf`'s rounding of the exact value wherever the scaled value is
/// farther from a tie (a fraction of ½) than its own rounding can move it; nearer, the caller asks the
/// shortest digits (`ShortestDigits`), which settle ties. No text is made on the way.
enum ScaledDecimal {
    /// Bytes `writeReadable` needs from `out`: its text (a sign, "0.000" and 10 digits at most, or 9
    /// digits and a point), then scratch for the digits.
    static var room: Int { 40 }
    private static var scratch: Int { 24 }

    /// Writes `readable(x, significant: n)` from `out` (`room` bytes) and returns its length, for
    /// n = 1…10 and 1e-4 ≤ |x| < 1e9; nil elsewhere and near a tie.
    static func writeReadable(_ x: Double, significant n: Int, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        let a = x.magnitude
        guard n >= 1, n <= 10, a >= 1e-4, a < 1e9 else { return nil }
        // The decimal exponent e of a (10^e ≤ a < 10^(e+1), −4 ≤ e ≤ 8): estimated, then settled by
        // where the scaled value falls.
        var e = 8
        while e > -4 && (e >= 0 ? a < NumberParsing.exactPowerOfTen(e) : a * NumberParsing.exactPowerOfTen(-e) < 1) { e -= 1 }
        func scaled(_ e: Int) -> Double {
            let k = n - 1 - e
            return k >= 0 ? a * NumberParsing.exactPowerOfTen(k) : a / NumberParsing.exactPowerOfTen(-k)
        }
        var y = scaled(e)
        if y < NumberParsing.exactPowerOfTen(n - 1) { e -= 1; y = scaled(e) } else if y >= NumberParsing.exactPowerOfTen(n) { e += 1; y = scaled(e) }
        guard y >= NumberParsing.exactPowerOfTen(n - 1), y < NumberParsing.exactPowerOfTen(n) else { return nil }
        let whole = y.rounded(.down), fraction = y - whole
        // Nearer a tie than twice the spacing of y (its rounding moved it half that at most): undecided.
        guard abs(fraction - 0.5) > 2 * y.ulp else { return nil }
        var digits = Int64(whole) + (fraction > 0.5 ? 1 : 0)
        var exponent = e
        if Double(digits) == NumberParsing.exactPowerOfTen(n) {
            digits /= 10
            exponent += 1
        }
        if exponent >= n {
            // %g would take an exponent: `readable` prints %.0f, the value rounded to a whole number
            // (to nearest, ties to even, as printf rounds; the rounding of a double makes no error).
            var k = 0
            if x < 0 {
                out[k] = UInt8(ascii: "-")
                k += 1
            }
            var value = Int64(a.rounded(.toNearestOrEven)), places = 1
            while places < 19, value >= Int64(NumberParsing.exactPowerOfTen(places)) { places += 1 }
            for p in (0..<places).reversed() {
                let power = Int64(NumberParsing.exactPowerOfTen(p))
                out[k] = UInt8(ascii: "0") + UInt8(value / power)
                k += 1
                value %= power
            }
            return k
        }
        // The n digits, most significant first, in the scratch after the text, up to the last that is
        // not zero; written as the shortest digits are.
        let lanes = out + scratch
        var rest = digits
        for i in (0..<n).reversed() {
            lanes[i] = UInt8(rest % 10)
            rest /= 10
        }
        var count = n
        while count > 1 && lanes[count - 1] == 0 { count -= 1 }
        return ShortestDigits.writePlain(negative: x < 0, digits: lanes, count: count, exponent: exponent, to: out, room: scratch)
    }
}
