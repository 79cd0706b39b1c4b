import Foundation

/// Log relative error: the number of correct significant digits of `estimate`
/// against `reference`, capped at 11 as in the NIST StRD reports.
///
///     LRE = −log10(|estimate − reference| / |reference|)
///
/// (McCullough 1998, "Assessing the reliability of statistical software".)
public func logRelativeError(_ estimate: Double, _ reference: Double, cap: Double = 11) -> Double {
    guard estimate.isFinite else { return 0 }
    if estimate == reference { return cap }
    let denominator = reference == 0 ? 1 : abs(reference)
    let lre = -log10(abs(estimate - reference) / denominator)
    return max(0, min(cap, lre))
}

/// Relative difference |a − b| / max(|b|, tiny).
public func relativeDifference(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(abs(b), Double.leastNormalMagnitude)
}
