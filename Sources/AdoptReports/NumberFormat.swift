import Foundation

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

    /// `x` with `decimals` decimals ("–" when absent).
    static func fixed(_ x: Double?, decimals: Int) -> String {
        guard let x else { return "–" }
        return formatted("%.\(decimals)f", x)
    }

    /// `significant` significant digits, no exponent for ordinary magnitudes (for Markdown).
    static func readable(_ x: Double?, significant: Int = 6) -> String {
        guard let x else { return "–" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e-4 && magnitude < 1e9 {
            let s = formatted("%.\(significant)g", x)
            return s.utf8.contains(UInt8(ascii: "e")) ? formatted("%.0f", x) : s
        }
        return formatted("%.\(significant - 1)e", x)
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

    /// A percentage given in points (42.1 for 42.1 %), to three significant digits.
    static func percent(_ points: Double?) -> String {
        guard let points else { return "–" }
        return readable(points, significant: 3) + " %"
    }
}
