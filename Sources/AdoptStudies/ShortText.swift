/// A number as short text for messages: integers without a decimal point.
public func shortText(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
}
