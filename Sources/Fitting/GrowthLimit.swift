import RealModule

/// The curve the Bass model approaches as its market potential grows without bound, m·p held at A:
/// N(t) = A·(e^{qt} − 1)/q for q > 0 (A·t at q = 0), adoption growing exponentially from launch with
/// nothing saturating. For F = N/m small the Bass equation dF/dt = (p + qF)(1 − F) is dF/dt ≈ p + qF,
/// whose solution from F(0) = 0 is (p/q)(e^{qt} − 1); a Bass curve with m large comes as near this one
/// as one likes, so a Bass fit is never worse than the limit's fit, and where the limit fits better
/// than a minimum found at a finite m, the least-squares market potential is not that m: it runs away.
///
/// The limit is linear in A, so its fit is a search over q alone (variable projection): for each q
/// the best A ≥ 0 is a ratio of sums. The search scans q on a doubling grid from the straight line
/// q = 0 up to where the curve is a spike at the last observation, then narrows the best bracket by
/// Brent's method.
public struct GrowthLimit: Sendable, Equatable {
    /// m·p: the adoption rate at launch; 0 or infinite where that lies beyond the doubles (a jump
    /// e^{700} times the rate at launch), so that only `q` and the RSS describe the curve.
    public var a: Double
    /// The growth rate q ≥ 0.
    public var q: Double
    /// The fit's residual sum of squares.
    public var residualSumOfSquares: Double

    /// The limit's values at the observations of `data` for growth rate `q`, divided by its value at
    /// the last observation (so that no exponential overflows), into `shape`. With `evenStep`, the
    /// spacing of per-period observations in increasing t, the powers of e^{−q·step} are taken by
    /// multiplication (a relative error of k·ε k steps before the last), one exponential in all.
    static func shape(_ data: CurveData, q: Double, last: Double, evenStep: Double?, into shape: inout [Double]) {
        let t = data.t
        switch data.form {
        case .perPeriod:
            // N(t) − N(t − 1) = A·e^{q(t−1)}·(e^q − 1)/q: e^{qt} but for a constant factor.
            if q == 0 {
                for i in t.indices { shape[i] = 1 }
            } else if let step = evenStep {
                let ratio = Double.exp(-q * step)
                var value = 1.0
                for i in t.indices.reversed() {
                    shape[i] = value
                    value *= ratio
                }
            } else {
                for i in t.indices { shape[i] = Double.exp(q * (t[i] - last)) }
            }
        case .cumulative:
            // (e^{qt} − 1)/(e^{qT} − 1) = e^{q(t−T)}·(1 − e^{−qt})/(1 − e^{−qT}).
            for i in t.indices {
                shape[i] = q == 0 ? t[i] / last
                    : Double.exp(q * (t[i] - last)) * Double.expMinusOne(-q * t[i]) / Double.expMinusOne(-q * last)
            }
        }
    }

    /// The residual sum of squares of the best scale c ≥ 0 for a shape, and that scale.
    static func profile(_ y: [Double], _ shape: [Double]) -> (rss: Double, scale: Double) {
        var sy = 0.0, ss = 0.0
        for i in y.indices {
            sy += shape[i] * y[i]
            ss += shape[i] * shape[i]
        }
        let scale = ss > 0 ? max(0, sy / ss) : 0
        var rss = 0.0
        for i in y.indices {
            let r = y[i] - scale * shape[i]
            rss += r * r
        }
        return (rss.isFinite ? rss : .infinity, scale)
    }

    /// The least-squares limit curve for `data`, nil when the data do not allow one (no observation
    /// after launch, times not increasing).
    public static func fit(_ data: CurveData) -> GrowthLimit? {
        let t = data.t
        guard let first = t.first, let last = t.last, last > 0, last > first || t.count == 1,
              zip(t, t.dropFirst()).allSatisfy({ $0 < $1 }), data.y.allSatisfy(\.isFinite) else { return nil }
        let span = max(last - first, 1)
        let step = t.count > 1 ? (last - first) / Double(t.count - 1) : 1
        let even = zip(t, t.dropFirst()).allSatisfy { abs(($1 - $0) - step) <= 1e-12 * max(1, abs(last)) }
        var buffer = [Double](repeating: 0, count: t.count)
        func evaluate(_ q: Double, exact: Bool) -> (rss: Double, scale: Double) {
            shape(data, q: q, last: last, evenStep: even && !exact ? step : nil, into: &buffer)
            return profile(data.y, buffer)
        }
        func rss(_ q: Double) -> Double { evaluate(q, exact: false).rss }
        // Doubling q from where the curve is the straight line q = 0 to within 1e-6 (q·span below 1e-6)
        // up to where it is a spike: e^{-50} of its last value at the observation before (q times the
        // last gap 50; a jump at the end of a long series needs that, not q·span = 50).
        let lastGap = t.count > 1 ? last - t[t.count - 2] : span
        let top = 50 / lastGap, bottom = 1e-6 / span
        var grid = [0.0]
        var halvings = 0.0
        while top * Double.exp2(-halvings) > bottom { halvings += 1 }
        for h in stride(from: halvings, through: 0, by: -1) { grid.append(top * Double.exp2(-h)) }
        var best = 0, value = Double.infinity
        for (k, q) in grid.enumerated() {
            let v = rss(q)
            if v < value { (best, value) = (k, v) }
        }
        var q = grid[best]
        if best > 0 {
            let lo = grid[best - 1], hi = best + 1 < grid.count ? grid[best + 1] : grid[best]
            let found = brentMinimum(of: { rss($0) }, in: lo, hi, at: grid[best], value: value, relativeTolerance: 1e-8)
            if found.value < value { (q, value) = found }
        }
        // The value at the point found, with every exponential taken.
        let (exactRSS, scale) = evaluate(q, exact: true)
        // A from the scale: the shape is N's values (or its per-period differences) over their value
        // at the last observation, e^{q·last} or so: taken in logarithms, which hold it where it is
        // beyond the doubles (a curve e^{700} times its launch rate by the data).
        let logAtLast: Double
        switch data.form {
        case .perPeriod: logAtLast = q == 0 ? 0 : q * last + Double.log(-Double.expMinusOne(-q) / q)
        case .cumulative: logAtLast = q == 0 ? Double.log(last) : q * last + Double.log(-Double.expMinusOne(-q * last) / q)
        }
        return GrowthLimit(a: Double.exp(Double.log(scale) - logAtLast), q: q, residualSumOfSquares: exactRSS)
    }

    /// The minimum of `f` in [a, b], from the point `x` in it with the value `fx`: Brent's method
    /// (parabolic steps through the three best points, golden sections when they are not safe),
    /// to `relativeTolerance` of x (Brent 1973, *Algorithms for Minimization without Derivatives*,
    /// ch. 5; Press et al., *Numerical Recipes*, 3rd ed., §10.3).
    static func brentMinimum(of f: (Double) -> Double, in a: Double, _ b: Double, at start: Double, value fStart: Double,
                             relativeTolerance tol: Double) -> (x: Double, value: Double) {
        let golden = (3 - 5.0.squareRoot()) / 2
        var a = a, b = b
        var x = start, w = start, v = start
        var fx = fStart, fw = fStart, fv = fStart
        var d = 0.0, e = 0.0
        for _ in 0..<100 {
            let middle = (a + b) / 2
            let tol1 = tol * abs(x) + 1e-300, tol2 = 2 * tol1
            if abs(x - middle) <= tol2 - (b - a) / 2 { break }
            var golden_step = true
            if abs(e) > tol1 {
                // A parabola through x, w and v.
                var r = (x - w) * (fx - fv)
                var q = (x - v) * (fx - fw)
                var p = (x - v) * q - (x - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p }
                q = abs(q)
                r = e
                e = d
                if abs(p) < abs(q * r / 2) && p > q * (a - x) && p < q * (b - x) {
                    d = p / q
                    let u = x + d
                    if u - a < tol2 || b - u < tol2 { d = middle >= x ? tol1 : -tol1 }
                    golden_step = false
                }
            }
            if golden_step {
                e = (x >= middle ? a : b) - x
                d = golden * e
            }
            let u = abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1)
            let fu = f(u)
            if fu <= fx {
                if u >= x { a = x } else { b = x }
                (v, fv) = (w, fw)
                (w, fw) = (x, fx)
                (x, fx) = (u, fu)
            } else {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    (v, fv) = (w, fw)
                    (w, fw) = (u, fu)
                } else if fu <= fv || v == x || v == w {
                    (v, fv) = (u, fu)
                }
            }
        }
        return (x, fx)
    }

    /// Whether the limit's fit to `data` could have a residual sum of squares below `rss`: false where
    /// a bound below it is not. The limit's values (per period, or running totals) never fall and bend
    /// upwards (convex in t), so its RSS is at least
    /// - half the square of the largest fall from one value to a later one, and the RSS of the best
    ///   never-falling curve (`monotoneRSS`);
    /// - the sum, over the disjoint triples of observations i, i + k, i + 2k (k = n/3), of the squared
    ///   distance from the triple's values to the nearest values that bend upwards there: a middle
    ///   value d above the chord through the outer two needs d²/(1 + w² + (1 − w)²), w its weight on
    ///   the first (a rise that levels off, as an S-curve's data do past its peak, lies far above).
    /// The cheap bounds come first.
    static func couldFitBelow(_ rss: Double, _ data: CurveData) -> Bool {
        let t = data.t, y = data.y
        let fall = largestFall(y)
        guard fall * fall / 2 < rss else { return false }
        let k = y.count / 3
        var bent = 0.0
        for i in 0..<k {
            let a = i, b = i + k, c = i + 2 * k
            let w = (t[c] - t[b]) / (t[c] - t[a])
            let d = y[b] - (w * y[a] + (1 - w) * y[c])
            if d > 0 { bent += d * d / (1 + w * w + (1 - w) * (1 - w)) }
        }
        guard bent < rss else { return false }
        return monotoneRSS(y) < rss
    }

    /// The largest fall from one value to a later one (0 where they never fall): a curve that never
    /// falls misses it by at least half its square.
    static func largestFall(_ y: [Double]) -> Double {
        var highest = -Double.infinity, fall = 0.0
        for v in y {
            highest = max(highest, v)
            fall = max(fall, highest - v)
        }
        return fall
    }

    /// The residual sum of squares of the best curve that never falls (isotonic regression,
    /// `PooledViolators`): a bound below the limit's, whose values rise with t.
    static func monotoneRSS(_ y: [Double]) -> Double {
        PooledViolators.rss(of: y)
    }
}
