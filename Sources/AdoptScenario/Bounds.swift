/// An allowed interval for a number, with its wording for error messages.
///
/// Either end may be open, closed or absent: `Bounds.unit` is [0, 1],
/// `Bounds(above: 0, atMost: 1)` is (0, 1], `.positive` is > 0.
struct Bounds: Sendable, Equatable {
    var lower: Double?
    var lowerInclusive: Bool
    var upper: Double?
    var upperInclusive: Bool

    init(lower: Double?, lowerInclusive: Bool = true, upper: Double?, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// Any finite number.
    static let any = Bounds(lower: nil, upper: nil)
    /// [0, 1]: probabilities, shares, weights.
    static let unit = Bounds(lower: 0, upper: 1)
    /// (0, 1]: ceilings, Bass p.
    static let unitAboveZero = Bounds(lower: 0, lowerInclusive: false, upper: 1)
    /// [0, 1): yearly declines.
    static let unitBelowOne = Bounds(lower: 0, upper: 1, upperInclusive: false)
    /// (0, 1): share thresholds.
    static let openUnit = Bounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)
    /// > 0.
    static let positive = Bounds(lower: 0, lowerInclusive: false, upper: nil)
    /// ≥ 0.
    static let nonNegative = Bounds(lower: 0, upper: nil)
    /// Calendar years the model handles: 1900–2200.
    static let year = Bounds(lower: 1900, upper: 2200)

    /// ≥ `value`.
    static func atLeast(_ value: Double) -> Bounds { Bounds(lower: value, upper: nil) }
    /// [`low`, `high`].
    static func closed(_ low: Double, _ high: Double) -> Bounds { Bounds(lower: low, upper: high) }

    func contains(_ x: Double) -> Bool {
        if let lower, lowerInclusive ? x < lower : x <= lower { return false }
        if let upper, upperInclusive ? x > upper : x >= upper { return false }
        return true
    }

    /// "in [0, 1]", "in (0, 1]", "> 0", "≥ 1", "≤ 5", or "finite".
    var phrase: String {
        switch (lower, upper) {
        case let (low?, high?):
            return "in \(lowerInclusive ? "[" : "(")\(formatNumber(low)), \(formatNumber(high))\(upperInclusive ? "]" : ")")"
        case let (low?, nil):
            return "\(lowerInclusive ? "≥" : ">") \(formatNumber(low))"
        case let (nil, high?):
            return "\(upperInclusive ? "≤" : "<") \(formatNumber(high))"
        case (nil, nil):
            return "finite"
        }
    }
}

/// A value outside `bounds` as a person would write it, with every digit where the short form would
/// read as one of the bounds (1.0000000000001 found against ≤ 1).
func formatNumber(_ x: Double, beside bounds: Bounds) -> String {
    let short = formatNumber(x)
    let ends = [bounds.lower, bounds.upper].compactMap { $0 }
    return ends.contains { $0 != x && formatNumber($0) == short } ? "\(x)" : short
}

/// A number as a person would write it: `2026`, `0.6`, `1e-07`.
func formatNumber(_ x: Double) -> String {
    if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    // Products of exact inputs carry rounding in the last digits (1.1635649999999997).
    let shown = x.roundedToSignificantDigits(12)
    if shown == shown.rounded(), abs(shown) < 1e15 { return String(Int64(shown)) }
    return "\(shown)"
}
