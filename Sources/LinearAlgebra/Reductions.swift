/// Inner products and sums of squares of short vectors with four running sums.
///
/// One running sum makes every addition wait for the previous one (a chain of floating-point
/// latencies, the bottleneck of a curve fit's 10–50-row columns); four independent sums let
/// the additions overlap. The sum is taken in a fixed order, so results do not depend on the
/// thread or the run.
public enum Reductions {
    /// Σ aᵢ·bᵢ over `count` elements.
    @inlinable @inline(__always)
    public static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= count {
            s0 += a[i] * b[i]
            s1 += a[i + 1] * b[i + 1]
            s2 += a[i + 2] * b[i + 2]
            s3 += a[i + 3] * b[i + 3]
            i += 4
        }
        while i < count {
            s0 += a[i] * b[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// Σ aᵢ² over `count` elements (the inner product of `a` with itself, the same sums in the same order).
    @inlinable @inline(__always)
    public static func sumOfSquares(_ a: UnsafePointer<Double>, _ count: Int) -> Double {
        dot(a, a, count)
    }
}
