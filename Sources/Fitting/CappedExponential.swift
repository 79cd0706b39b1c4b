import RealModule

/// The curve the Richards model approaches as its shape ν and rate k grow without bound together,
/// k/ν = c held: N(t) = m·min(1, e^{c(t − τ)}), exponential growth at the rate c up to the level m,
/// reached at τ, and flat after it. With t₀ = τ − ln(ν)/k the Richards curve is
/// m·exp(−ln(1 + e^{−νc(t − τ)})/ν), and ln(1 + e^{νx})/ν tends to max(0, x) uniformly as ν grows, so
/// the Richards curve comes as near this one as one likes: a Richards fit is never worse than this
/// curve's fit, and where this curve fits better than a minimum found at a finite ν, the least-squares
/// ν is not that ν. A kink τ at or after the last observation is exponential growth throughout the
/// data, which the Richards curve also approaches as m grows with ν and k held; one at or before the
/// first is a constant (running totals) or no adoption at all (per-period values).
///
/// The curve is linear in m, so its fit is a search over c and τ (variable projection): for each
/// pair the best m ≥ 0 is a ratio of sums. The search scans c on a doubling grid (from nearly flat to
/// a step within the shortest gap between observations) against τ on an even grid over the data,
/// then moves from the best pair by Brent's method along c and τ in turn.
public struct CappedExponential: Sendable, Equatable {
    /// The level m ≥ 0.
    public var m: Double
    /// The growth rate c > 0 before the level is reached.
    public var c: Double
    /// The model time at which the level is reached.
    public var tau: Double
    /// The fit's residual sum of squares.
    public var residualSumOfSquares: Double

    /// Below this z, e^z is 0 in double precision (e^{−746} is under half the least subnormal): the
    /// grid of `fit` meets such z at most of its points, where `exp` would take its slow underflow path.
    static let underflow = -746.0

    /// The curve's values at the observations of `data` for m = 1 into `shape`: min(1, e^{c(t − τ)}),
    /// or for per-period data its increments over (t − 1, t], taken without cancellation.
    static func shape(_ data: CurveData, c: Double, tau: Double, into shape: inout [Double]) {
        let t = data.t
        switch data.form {
        case .cumulative:
            for i in t.indices {
                let z = c * (t[i] - tau)
                shape[i] = z >= 0 ? 1 : z < underflow ? 0 : Double.exp(z)
            }
        case .perPeriod:
            // e^z − e^{z−c} = e^z·(1 − e^{−c}) below the level; 1 − e^{z−c} across it.
            let growth = -Double.expMinusOne(-c)
            for i in t.indices {
                let z = c * (t[i] - tau), before = c * (t[i] - 1 - tau)
                shape[i] = z < 0 ? (z < underflow ? 0 : Double.exp(z) * growth) : before < 0 ? -Double.expMinusOne(before) : 0
            }
        }
    }

    /// The least-squares capped exponential for `data`, nil when the data do not allow one (fewer
    /// than two observations, times not increasing, a value not finite).
    public static func fit(_ data: CurveData) -> CappedExponential? {
        guard var search = Search(data) else { return nil }
        // c from nearly flat over the data (c·span = 1e-6) up to a step within the shortest gap
        // (c·gap = 50), doubling; τ every quarter of the mean gap, at most 129 places.
        let places = min(4 * (data.t.count - 1), 128)
        let step = search.span / Double(places)
        var best = (c: search.top, tau: search.last, rss: Double.infinity)
        for c in search.rates(downTo: 1e-6 / search.span) {
            for j in 0...places {
                let tau = j == places ? search.last : search.low + Double(j) * step
                let v = search.rss(c, tau)
                if v < best.rss { best = (c, tau, v) }
            }
        }
        guard best.rss.isFinite else { return nil }
        // Along ln c within a doubling either side, then along τ within a grid step either side, in
        // turn, until a round gains less than 1e-12 of the RSS.
        for _ in 0..<50 {
            let before = best.rss
            (best.c, best.rss) = search.alongC(from: best.c, tau: best.tau, value: best.rss)
            let alongTau = GrowthLimit.brentMinimum(of: { search.rss(best.c, $0) },
                                                    in: max(search.low, best.tau - step), min(search.last, best.tau + step),
                                                    at: best.tau, value: best.rss, relativeTolerance: 1e-12)
            if alongTau.value < best.rss { (best.tau, best.rss) = (alongTau.x, alongTau.value) }
            if !(best.rss < before - 1e-12 * before) { break }
        }
        // Per period the value of the period the level is reached in moves by c·m per unit of τ: for
        // a large c its valley in τ is narrower than the search above resolves (six periods 9, 9, 1152,
        // 9, 9, 8 gave an RSS 1.4e-4 above the least, at c = 4.84). The exact least over τ for each c
        // (`PerPeriodProfile`), searched along c, is kept where it is lower.
        if data.form == .perPeriod, let exact = PerPeriodProfile(data) {
            var lowest = (c: best.c, rss: Double.infinity)
            for c in search.rates(downTo: 1e-6 / search.span) {
                let v = exact.least(c).rss
                if v < lowest.rss { lowest = (c, v) }
            }
            if lowest.rss.isFinite {
                let u = Double.log(lowest.c)
                let found = GrowthLimit.brentMinimum(of: { exact.least(Double.exp($0)).rss }, in: u - Double.log(2), u + Double.log(2),
                                                     at: u, value: lowest.rss, relativeTolerance: 1e-12)
                let c = found.value < lowest.rss ? Double.exp(found.x) : lowest.c
                if let tau = exact.least(c).tau {
                    let candidate = search.result(c: c, tau: tau)
                    let current = search.result(c: best.c, tau: best.tau)
                    return candidate.residualSumOfSquares < current.residualSumOfSquares ? candidate : current
                }
            }
        }
        return search.result(c: best.c, tau: best.tau)
    }

    /// The capped exponential per period, for a rate c, at its least over the level's place τ. With the
    /// level reached in period j (τ in (tⱼ − 1, tⱼ]) the curve is A·e^{c(tᵢ − tⱼ)} before j, any value v
    /// in [0, A] at j (0 for τ = tⱼ − 1, A for τ = tⱼ), and 0 after; one that is reached between
    /// observations, or after the last, is one of these. So for each j the least is a least-squares
    /// problem in A ≥ 0 and v with 0 ≤ v ≤ A, solved exactly, the sums over the periods before j
    /// carried from one j to the next. Periods at least 1 apart only.
    struct PerPeriodProfile {
        let t: [Double], y: [Double]
        /// The sums of squares of y before each period and after it.
        let before: [Double], after: [Double]

        init?(_ data: CurveData) {
            let (t, y) = (data.t, data.y)
            guard y.count >= 2, zip(t, t.dropFirst()).allSatisfy({ $1 - $0 >= 1 }) else { return nil }
            self.t = t
            self.y = y
            var before = [Double](repeating: 0, count: y.count)
            for j in 1..<y.count { before[j] = before[j - 1] + y[j - 1] * y[j - 1] }
            self.before = before
            self.after = CappedExponential.squaresAfter(y)
        }

        /// The least RSS over τ for the rate c, and a τ that gives it (nil where the level is 0).
        func least(_ c: Double) -> (rss: Double, tau: Double?) {
            guard c > 0, c.isFinite else { return (.infinity, nil) }
            // sww = Σ wᵢ², swy = Σ wᵢyᵢ over the periods before j, wᵢ = e^{c(tᵢ − tⱼ)}.
            var sww = 0.0, swy = 0.0
            var best = (rss: Double.infinity, j: 0, a: 0.0, v: 0.0)
            for j in y.indices {
                if j > 0 {
                    let decay = Double.exp(-c * (t[j] - t[j - 1]))
                    sww = (sww + 1) * decay * decay
                    swy = (swy + y[j - 1]) * decay
                }
                // f(A) = Σ (yᵢ − A·wᵢ)² before j; g(v) = (yⱼ − v)², v = clamp(yⱼ, 0, A) at best.
                func f(_ a: Double) -> Double { before[j] - 2 * a * swy + a * a * sww }
                let yj = y[j]
                var a: Double, v: Double
                let free = sww > 0 ? max(0, swy / sww) : 0
                if yj <= 0 {
                    (a, v) = (free, 0)
                } else {
                    // A ≥ yⱼ: v = yⱼ; A below it: v = A.
                    let high = max(free, yj)
                    let low = min(max(0, (swy + yj) / (sww + 1)), yj)
                    (a, v) = f(high) <= f(low) + (yj - low) * (yj - low) ? (high, yj) : (low, low)
                }
                let rss = f(a) + (yj - v) * (yj - v) + after[j]
                if rss < best.rss { best = (rss, j, a, v) }
            }
            guard best.rss.isFinite, best.a > 0 else { return (best.rss, nil) }
            // A = m·(1 − e^{−c})·e^{c(tⱼ − τ)} and v = m·(1 − e^{c(tⱼ − 1 − τ)}): m = v + A·e^{−c}/(1 − e^{−c}).
            let growth = -Double.expMinusOne(-c)
            let m = best.v + best.a * Double.exp(-c) / growth
            let tau = t[best.j] - Double.log(best.a / (growth * m)) / c
            return (best.rss, tau.isFinite ? tau : nil)
        }
    }

    /// The least-squares curve of the family with the level reached at or after the last observation:
    /// exponential growth A·e^{ct} through the data (c ≥ 0; a constant as c → 0, per period as well).
    /// The logistic, the Gompertz and the Richards curve tend to it as m grows (k → 0 with m·k held for
    /// the slow end); nil where `fit` gives nil.
    public static func exponential(_ data: CurveData) -> CappedExponential? {
        guard var search = Search(data) else { return nil }
        let last = search.last
        var best = (c: search.top, rss: Double.infinity)
        for c in search.rates(downTo: 1e-9 / search.span) {
            let v = search.rss(c, last)
            if v < best.rss { best = (c, v) }
        }
        guard best.rss.isFinite else { return nil }
        best = search.alongC(from: best.c, tau: last, value: best.rss)
        return search.result(c: best.c, tau: last)
    }

    /// The search over c and τ both fits make: the data's time frame, and the RSS of the best level for
    /// a c and a τ (variable projection), in one buffer.
    private struct Search {
        let data: CurveData
        /// τ at or below `low` gives the same values as `low` (a constant, or nothing per period); above
        /// `last`, the same shape as at it (growth throughout, scaled).
        let low: Double, last: Double, span: Double
        /// The largest c searched: a step within the shortest gap between observations (c·gap = 50).
        let top: Double
        var buffer: [Double]

        init?(_ data: CurveData) {
            let t = data.t, n = t.count
            guard n >= 2, zip(t, t.dropFirst()).allSatisfy({ $0 < $1 }), data.y.allSatisfy(\.isFinite) else { return nil }
            self.data = data
            (low, last) = (data.form == .perPeriod ? t[0] - 1 : t[0], t[n - 1])
            span = last - low
            var gap = data.form == .perPeriod ? 1.0 : span
            for i in 1..<n { gap = min(gap, t[i] - t[i - 1]) }
            top = 50 / gap
            buffer = [Double](repeating: 0, count: n)
        }

        mutating func rss(_ c: Double, _ tau: Double) -> Double {
            shape(data, c: c, tau: tau, into: &buffer)
            return GrowthLimit.profile(data.y, buffer).rss
        }

        /// c from `top` down, halving, while above `bottom`.
        func rates(downTo bottom: Double) -> [Double] {
            var rates: [Double] = []
            var c = top
            while c > bottom {
                rates.append(c)
                c /= 2
            }
            return rates
        }

        /// Brent's method along ln c within a doubling either side of `c`, τ held: the better point.
        mutating func alongC(from c: Double, tau: Double, value: Double) -> (c: Double, rss: Double) {
            let u = Double.log(c)
            let found = GrowthLimit.brentMinimum(of: { rss(Double.exp($0), tau) }, in: u - Double.log(2), u + Double.log(2),
                                                 at: u, value: value, relativeTolerance: 1e-10)
            return found.value < value ? (Double.exp(found.x), found.value) : (c, value)
        }

        /// The curve at c and τ, its level and RSS taken once more from its exact values.
        mutating func result(c: Double, tau: Double) -> CappedExponential {
            shape(data, c: c, tau: tau, into: &buffer)
            let (rss, scale) = GrowthLimit.profile(data.y, buffer)
            return CappedExponential(m: scale, c: c, tau: tau, residualSumOfSquares: rss)
        }
    }

    /// Whether the capped exponential's fit to `data` could have a residual sum of squares below
    /// `rss`, or as low to rounding (`AdoptionFitter.isLower`, the comparison its caller makes): false
    /// where a bound below it is above `rss` beyond rounding.
    /// - Running totals: the curve's values never fall, so its RSS is at least half the square of the
    ///   largest fall from one value to a later one, and the RSS of the best never-falling curve.
    /// - Per-period values 1 apart or more: the curve's values rise up to the period the level is
    ///   reached in, take any value there, and are 0 after it, so its RSS is at least the least, over
    ///   that period j, of the RSS of the best never-falling sequence before j (pooling adjacent
    ///   violators, one value at a time) plus the sum of squares after j. Noise alone keeps the first
    ///   term from 0: on 3,639 days of sales the bound of half the square of the largest fall before j
    ///   in its place let the limit be fitted, a search of 18 million curve values, for a Richards fit
    ///   it could not beat. (Periods closer than 1 apart overlap, and are not bounded.)
    static func couldFitBelow(_ rss: Double, _ data: CurveData) -> Bool {
        let t = data.t, y = data.y, n = y.count
        let floor = data.roundingLevelRSS
        func reaches(_ bound: Double) -> Bool { !AdoptionFitter.isLower(rss, than: bound, floor: floor) }
        switch data.form {
        case .cumulative:
            let fall = GrowthLimit.largestFall(y)
            guard reaches(fall * fall / 2) else { return false }
            return reaches(GrowthLimit.monotoneRSS(y))
        case .perPeriod:
            guard n > 0, zip(t, t.dropFirst()).allSatisfy({ $1 - $0 >= 1 }) else { return true }
            let after = squaresAfter(y)
            if reaches(after[0]) { return true }
            // The best never-falling sequence before j, from j = 1 on (`PooledViolators`).
            var reached = false
            _ = PooledViolators.rss(of: y) { i, rising in
                guard i + 1 < n else { return true }
                reached = reaches(rising + after[i + 1])
                return reached
            }
            return reached
        }
    }

    /// The sum of squares of the values after each one (0 after the last).
    static func squaresAfter(_ y: [Double]) -> [Double] {
        var after = [Double](repeating: 0, count: y.count)
        for j in stride(from: y.count - 2, through: 0, by: -1) { after[j] = after[j + 1] + y[j + 1] * y[j + 1] }
        return after
    }
}
