/// A number as the reports and notes write one exactly: an integer for whole numbers below 10^15
/// (3907, -1), otherwise Swift's shortest round-trip `description` (3907.5).
public func exactText(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
}
