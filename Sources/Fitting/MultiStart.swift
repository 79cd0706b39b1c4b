/// Deterministic alternative starts for curves with no domain knowledge (user formulas).
public enum MultiStart {
    /// The user's start first, then every parameter scaled together by 0.5, 2, 0.1 and 10,
    /// then each parameter alone by 0.1 and 10. Tried only while earlier starts fail.
    public static func starts(around start: [Double]) -> [[Double]] {
        var out = [start]
        for factor in [0.5, 2, 0.1, 10] { out.append(start.map { $0 * factor }) }
        for j in start.indices {
            for factor in [0.1, 10.0] {
                var s = start
                s[j] *= factor
                out.append(s)
            }
        }
        return out
    }
}
