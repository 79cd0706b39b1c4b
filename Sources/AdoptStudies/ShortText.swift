import RealModule

/// A number as short text for messages: integers without a decimal point.
public func shortText(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
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
