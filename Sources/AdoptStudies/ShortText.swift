import AdoptData
import RealModule

/// A number as short text for messages: integers without a decimal point.
public func shortText(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
}

/// An x as messages and notes name it: its period's label, quoted, where x holds periods (`periods`), else
/// the number.
public func xText(_ x: Double, periods: PeriodNames?) -> String {
    periods?.quoted(x) ?? shortText(x)
}

/// A fraction as a percentage with the digits it needs (up to four decimals): 2.5 %, 1.25 %, 99.999 %.
func percentText(_ x: Double) -> String {
    var v = x * 100
    for decimals in 0...4 {
        let scale = Double.pow(10, Double(decimals))
        v = (x * 100 * scale).rounded() / scale
        if abs(v - x * 100) <= 1e-9 * max(1, abs(x * 100)) { break }
    }
    return v == v.rounded() ? "\(Int(v)) %" : "\(v) %"
}

/// A number to `digits` significant digits for notes, in scientific notation outside 1e-4 to 1e6:
/// `-0.001105`, `2980`, `1.135e6`. (`shortNumber` keeps three decimals from 1e-3 on, one digit of a
/// p near 0.001: too few for an interval's ends.)
func significantText(_ x: Double, digits: Int = 4) -> String {
    guard x.isFinite, x != 0 else { return x.isNaN ? "nan" : x == 0 ? "0" : (x > 0 ? "inf" : "-inf") }
    var e = Int(Double.log10(abs(x)).rounded(.down))
    // log10 may land a hair below an exact power of ten.
    if abs(x) >= Double.pow(10, Double(e + 1)) { e += 1 }
    func rounded(_ v: Double, decimals: Int) -> String {
        let scale = Double.pow(10, Double(decimals))
        var s = decimals > 0 ? "\((v * scale).rounded() / scale)" : "\(v.rounded())"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
    // A value that rounds up to the next power of ten is written at that power (9.99996e6 → 1e7).
    let scale = Double.pow(10, Double(digits - 1 - e))
    if abs((x * scale).rounded()) >= Double.pow(10, Double(digits)) { e += 1 }
    if e < -4 || e >= 6 { return rounded(x / Double.pow(10, Double(e)), decimals: digits - 1) + "e\(e)" }
    return rounded(x, decimals: max(0, digits - 1 - e))
}
