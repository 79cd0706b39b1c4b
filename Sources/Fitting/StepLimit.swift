/// The curve every S-shaped adoption curve approaches as its rate grows without bound with the time of
/// its peak held: a step, every adopter at one instant τ. The logistic, the Gompertz and the Richards
/// curve become one as k → ∞; the Bass curve as q → ∞ with p → 0 and its peak ln(q/p)/(p + q) held (it
/// is then a logistic in t of rate p + q). A fit of any of them is never worse than the best step, and
/// one that is no better has found no curve: its rate runs away, a plateau where the data (one period
/// holding nearly all adopters, running totals that jump once) no longer tell a steep curve from a
/// steeper one.
///
/// The best step is found whole. At its instant the curve takes any value between 0 and m (a steep
/// curve centred a little before or after it), so per-period values are the level m in the period the
/// step falls in, or shared in any proportion by two consecutive periods where it falls on the end of
/// the first, and 0 elsewhere; running totals are 0 before the step and m after it, with any value
/// between at an observation the step falls on (or m throughout, the step before the first).
public struct StepLimit: Sendable, Equatable {
    /// The level m ≥ 0 (all adopters).
    public var m: Double
    /// Per-period values: the observations whose periods hold the adopters, one or two. Running
    /// totals: the observation the step falls on; none at index 0 where it is before the first, at
    /// `count` where there are no adopters.
    public var observations: Range<Int>
    /// The step's residual sum of squares.
    public var residualSumOfSquares: Double

    /// The least-squares step for `data`, nil when it has no observations or a value is not finite.
    public static func fit(_ data: CurveData) -> StepLimit? {
        let t = data.t, y = data.y, n = y.count
        guard n > 0, y.allSatisfy(\.isFinite) else { return nil }
        switch data.form {
        case .perPeriod:
            // The periods the step's adopters fall in: the one, or the two consecutive ones, whose
            // positive values hold the largest sum of squares.
            func gain(_ i: Int) -> Double { y[i] > 0 ? y[i] * y[i] : 0 }
            var best = (first: 0, count: 1, gain: gain(0))
            for i in 0..<n {
                if gain(i) > best.gain { best = (i, 1, gain(i)) }
                if i + 1 < n, y[i] > 0, y[i + 1] > 0, t[i + 1] - t[i] == 1, gain(i) + gain(i + 1) > best.gain {
                    best = (i, 2, gain(i) + gain(i + 1))
                }
            }
            // The others' squares and the negative parts of those it holds, summed whole (not the
            // total less the gain, which cancels where one value holds nearly all of the sum).
            var rss = 0.0, level = 0.0
            for i in 0..<n {
                if i >= best.first && i < best.first + best.count {
                    level += max(y[i], 0)
                    if y[i] < 0 { rss += y[i] * y[i] }
                } else {
                    rss += y[i] * y[i]
                }
            }
            return StepLimit(m: level, observations: best.first..<best.first + best.count, residualSumOfSquares: rss)
        case .cumulative:
            // before[j]: the squares before j; mean[j], spread[j]: the mean of the values from j on and
            // their sum of squares about it (Welford's update, from the end).
            var before = [Double](repeating: 0, count: n + 1)
            for i in 0..<n { before[i + 1] = before[i] + y[i] * y[i] }
            var mean = [Double](repeating: 0, count: n + 1), spread = [Double](repeating: 0, count: n + 1)
            for j in stride(from: n - 1, through: 0, by: -1) {
                let count = Double(n - j)
                let delta = y[j] - mean[j + 1]
                mean[j] = mean[j + 1] + delta / count
                spread[j] = spread[j + 1] + delta * (y[j] - mean[j])
            }
            var best = StepLimit(m: 0, observations: n..<n, residualSumOfSquares: before[n])
            func consider(_ rss: Double, _ m: Double, _ on: Range<Int>) {
                if rss < best.residualSumOfSquares { best = StepLimit(m: m, observations: on, residualSumOfSquares: rss) }
            }
            // Before the first observation: every value at the level, their mean. (A step between two
            // observations fits no better than one on the first of them, whose value may be 0.)
            if mean[0] > 0 { consider(spread[0], mean[0], 0..<0) }
            for j in 0..<n {
                // The step on observation j, its value anywhere between 0 and the level after it (any
                // level at least its own when it is the last).
                let level = j + 1 < n ? mean[j + 1] : max(y[j], 0)
                guard level > 0 else { continue }
                let off = y[j] - min(max(y[j], 0), level)
                consider(before[j] + off * off + spread[j + 1], level, j..<j + 1)
            }
            return best
        }
    }
}
