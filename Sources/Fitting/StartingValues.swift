import AdoptionModels
import LinearAlgebra
import RealModule

/// Data-driven starting points, so that users never have to give any.
public enum StartingValues {
    /// The Bass (1969) OLS regression on per-period data.
    ///
    ///     y_t = a + b·Y_{t−1} + c·Y_{t−1}²,   Y = cumulative adopters before t
    ///     m = (−b − √(b² − 4ac)) / (2c),  p = a/m,  q = −c·m
    public struct BassRegression: Sendable, Equatable {
        public var a: Double, b: Double, c: Double
        public var standardErrors: [Double]
        /// The covariance of (a, b, c), row-major (3 × 3): σ²(XᵀX)⁻¹, or the sandwich `bassRegression` was asked
        /// for; NaN where not computed.
        public var covariance: [Double] = Array(repeating: .nan, count: 9)
        /// The first row of leverage 1, where HC2 or HC3 left the standard errors NaN.
        public var fullLeverage: Int? = nil
        public var residualStandardError: Double
        public var degreesOfFreedom: Int

        /// The implied (m, p, q); nil when the signs make no diffusion curve (c ≥ 0, negative root).
        public var bassParameters: BassParameters? {
            guard c < 0 else { return nil }
            let disc = b * b - 4 * a * c
            guard disc >= 0 else { return nil }
            let m = (-b - disc.squareRoot()) / (2 * c)
            guard m > 0 else { return nil }
            return BassParameters(m: m, p: a / m, q: -c * m)
        }

        /// Delta-method standard errors of the implied m, p and q, √(gᵀ·Σ·g) with Σ the covariance of
        /// (a, b, c) and g each one's gradient in them: with D = b² − 4ac and m = (−b − √D)/(2c),
        ///
        ///     ∂m/∂a = 1/√D,   ∂m/∂b = −(1 + b/√D)/(2c),   ∂m/∂c = a/(c·√D) − m/c,
        ///     p = a/m:  ∂p = (∂a − p·∂m)/m,      q = −c·m:  ∂q = −m·∂c − c·∂m.
        ///
        /// Nil where there is no (m, p, q) or no covariance; NaN entries where a variance is negative
        /// or not finite.
        public var bassStandardErrors: (m: Double, p: Double, q: Double)? {
            guard let implied = bassParameters, covariance.allSatisfy(\.isFinite) else { return nil }
            let root = (b * b - 4 * a * c).squareRoot()
            guard root > 0 else { return nil }
            let m = implied.m, p = implied.p
            let dm = [1 / root, -(1 + b / root) / (2 * c), a / (c * root) - m / c]
            let dp = [(1 - p * dm[0]) / m, -p * dm[1] / m, -p * dm[2] / m]
            let dq = [-c * dm[0], -c * dm[1], -m - c * dm[2]]
            func se(_ g: [Double]) -> Double {
                var v = 0.0
                for i in 0..<3 { for j in 0..<3 { v += g[i] * covariance[3 * i + j] * g[j] } }
                return v >= 0 ? v.squareRoot() : .nan
            }
            return (se(dm), se(dp), se(dq))
        }
    }

    /// Ordinary least squares of the Bass (1969) discrete form, with classical standard errors, or
    /// heteroskedasticity-consistent ones (`covariance`: the sandwich of `CovarianceEstimator`, as
    /// statsmodels' `cov_type` gives it, HC1's k the three coefficients).
    ///
    /// - Parameters:
    ///   - perPeriod: adopters in periods 1, 2, … from launch (Y₀ = 0).
    ///   - totalsBefore: the running total before each period, where it is known otherwise (running totals
    ///     observed: the rises are the periods' adopters); nil: from 0, the sums of `perPeriod` before it.
    ///   - standardErrors: compute the coefficients' standard errors, from the columns scaled to unit
    ///     length (not needed for starts, which solve the unscaled design as they always have).
    ///   - covariance: how the standard errors are estimated. Where HC2 or HC3 meets a period of
    ///     leverage 1, they are NaN.
    /// - Returns: nil with fewer than four observations or a singular design.
    public static func bassRegression(perPeriod y: [Double], totalsBefore: [Double]? = nil,
                                      standardErrors: Bool = true,
                                      covariance estimator: CovarianceEstimator = .classical) -> BassRegression? {
        let n = y.count
        guard n >= 4, totalsBefore.map({ $0.count == n }) ?? true else { return nil }
        var design = [Double](repeating: 0, count: 3 * n)
        var lagged = 0.0
        for t in 0..<n {
            if let totalsBefore { lagged = totalsBefore[t] }
            design[t] = 1
            design[t + n] = lagged
            design[t + 2 * n] = lagged * lagged
            lagged += y[t]
        }
        // With standard errors, each column is scaled to unit length first, so that the rank and
        // (XᵀX)⁻¹ = D⁻¹(RᵀR)⁻¹D⁻¹ do not suffer from Y² being many orders above the constant: running
        // totals of millions put it 10¹²–10¹⁵ above, where the unscaled pivoted QR would call the
        // constant's column dependent. (The starts keep the unscaled design, as they always had.)
        var scales = [1.0, 1.0, 1.0]
        if standardErrors {
            for j in 0..<3 {
                var s = 0.0
                for t in 0..<n { s += design[t + j * n] * design[t + j * n] }
                scales[j] = s > 0 ? s.squareRoot() : 1
                for t in 0..<n { design[t + j * n] /= scales[j] }
            }
        }
        // The scaled design, kept for the sandwich (the QR overwrites it).
        let scaledDesign = standardErrors && estimator != .classical ? design : []
        guard let s = householderLeastSquares(&design, rows: n, columns: 3, y, inverseGram: standardErrors),
              s.rank == 3 else { return nil }
        let dof = n - 3
        let sigma2 = s.residualSumOfSquares / Double(dof)
        var se = [Double.nan, .nan, .nan]
        var covariance = [Double](repeating: .nan, count: 9)
        var fullLeverage: Int? = nil
        if let gram = s.inverseGram, !scaledDesign.isEmpty {
            // G·Xₛᵀ·diag(ωᵢ)·Xₛ·G for the scaled design Xₛ and G = (XₛᵀXₛ)⁻¹; eᵢ = yᵢ − xₛᵢ·βₛ, hᵢ = xₛᵢᵀ·G·xₛᵢ.
            var meat = [Double](repeating: 0, count: 9)
            for t in 0..<n {
                let x = (0..<3).map { scaledDesign[t + $0 * n] }
                var fitted = 0.0, h = 0.0
                for j in 0..<3 {
                    fitted += x[j] * s.x[j]
                    for k in 0..<3 { h += x[j] * gram[3 * j + k] * x[k] }
                }
                let e2 = (y[t] - fitted) * (y[t] - fitted)
                guard let weight = estimator.weight(squaredResidual: e2, leverage: h, count: n, degreesOfFreedom: dof) else {
                    fullLeverage = t
                    break
                }
                for j in 0..<3 { for k in 0..<3 { meat[3 * j + k] += weight * x[j] * x[k] } }
            }
            var sandwich = [Double](repeating: fullLeverage == nil ? 0 : .nan, count: 9)
            if fullLeverage == nil {
                for i in 0..<3 { for l in 0..<3 {
                    var v = 0.0
                    for j in 0..<3 { for k in 0..<3 { v += gram[3 * i + j] * meat[3 * j + k] * gram[3 * k + l] } }
                    sandwich[3 * i + l] = v
                } }
            }
            for i in 0..<3 { for j in 0..<3 { covariance[3 * i + j] = sandwich[3 * i + j] / (scales[i] * scales[j]) } }
            se = (0..<3).map { sandwich[4 * $0].squareRoot() / scales[$0] }
        } else if let gram = s.inverseGram {
            // (XᵀX)⁻¹ of the unscaled design is D⁻¹(XₛᵀXₛ)⁻¹D⁻¹, D the columns' scales.
            for i in 0..<3 { for j in 0..<3 { covariance[3 * i + j] = gram[3 * i + j] * sigma2 / (scales[i] * scales[j]) } }
            se = (0..<3).map { (gram[4 * $0] * sigma2).squareRoot() / scales[$0] }
        }
        let coefficients = (0..<3).map { s.x[$0] / scales[$0] }
        return BassRegression(a: coefficients[0], b: coefficients[1], c: coefficients[2], standardErrors: se,
                              covariance: covariance, fullLeverage: fullLeverage, residualStandardError: sigma2.squareRoot(),
                              degreesOfFreedom: dof)
    }

    /// `min ‖A·x − b‖` by Householder QR with column pivoting (MINPACK's `qrfac`), for the
    /// few-column designs of starting values: the same factorization as LAPACK's `dgeqp3`
    /// without a library call's overhead. The rank counts `|Rₖₖ| > max(m, n)·ε·|R₁₁|`, as
    /// `LeastSquares.qr` does; `a` (column-major, overwritten) must have `rows ≥ columns`.
    ///
    /// `inverseGram`: also (AᵀA)⁻¹ in A's column order (row-major, n × n), from R (P the pivoting,
    /// A·P = Q·R, so (AᵀA)⁻¹ = P·R⁻¹R⁻ᵀ·Pᵀ: rows k and l of R⁻¹ multiplied and summed give the entry of
    /// columns `ipvt[k]` and `ipvt[l]`), nil below full rank.
    static func householderLeastSquares(_ a: inout [Double], rows m: Int, columns n: Int, _ b: [Double],
                                        inverseGram: Bool = false)
        -> (x: [Double], rank: Int, residualSumOfSquares: Double, inverseGram: [Double]?)?
    {
        guard m >= n, n > 0, a.count == m * n, b.count == m else { return nil }
        // Scratch on the stack: rdiag, acnorm, qrfac's work, z (n each), then Qᵀb (m).
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * n + m) { w in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { p in
                let w = w.baseAddress!, ipvt = p.baseAddress!
                let rdiag = w, acnorm = w + n, z = w + 3 * n, qtb = w + 4 * n
                z.initialize(repeating: 0, count: n)
                b.withUnsafeBufferPointer { qtb.initialize(from: $0.baseAddress!, count: m) }
                var rank = 0
                a.withUnsafeMutableBufferPointer { a in
                    let a = a.baseAddress!
                    MINPACK.qrfac(m: m, n: n, a: a, ld: m, ipvt: ipvt, rdiag: rdiag, acnorm: acnorm, wa: w + 2 * n)
                    MINPACK.applyQTranspose(m: m, n: n, a: a, ld: m, to: qtb)
                    let tolerance = LeastSquares.defaultRankTolerance(rows: m, columns: n) * abs(rdiag[0])
                    while rank < n && abs(rdiag[rank]) > tolerance { rank += 1 }
                    for i in stride(from: rank - 1, through: 0, by: -1) {
                        var s = qtb[i]
                        for j in (i + 1)..<rank { s -= a[i + j * m] * z[j] }
                        z[i] = s / rdiag[i]
                    }
                }
                for k in 0..<n where !z[k].isFinite { return nil }
                var x = [Double](repeating: 0, count: n)
                for k in 0..<n { x[ipvt[k]] = z[k] }
                var rss = 0.0
                for i in rank..<m { rss += qtb[i] * qtb[i] }
                var gram: [Double]? = nil
                if inverseGram, rank == n {
                    // R⁻¹ column by column (upper triangular): R·u = e_j by back substitution.
                    var inverse = [Double](repeating: 0, count: n * n)  // column-major, n × n
                    func r(_ i: Int, _ j: Int) -> Double { i == j ? rdiag[i] : a[i + j * m] }
                    for j in 0..<n {
                        for i in stride(from: j, through: 0, by: -1) {
                            var s = i == j ? 1.0 : 0.0
                            for k in (i + 1)...max(i + 1, j) where k <= j { s -= r(i, k) * inverse[k + j * n] }
                            inverse[i + j * n] = s / rdiag[i]
                        }
                    }
                    var g = [Double](repeating: 0, count: n * n)
                    for k in 0..<n {
                        for l in 0..<n {
                            var s = 0.0
                            for j in max(k, l)..<n { s += inverse[k + j * n] * inverse[l + j * n] }
                            g[ipvt[k] * n + ipvt[l]] = s
                        }
                    }
                    gram = g
                }
                return (x, rank, rss, gram)
            }
        }
    }

    /// Starting points for a model on a series, best guess first.
    ///
    /// Bass: the OLS regression when its signs are right (m raised to the observed
    /// total), then the meta-analytic averages p = 0.03, q = 0.38 (Sultan, Farley &
    /// Lehmann 1990) and a spread of (p, q) pairs and market sizes. S-curves: the
    /// linearized fits (logit, log-log) over a grid of saturation levels.
    public static func starts(for kind: ModelKind, data: CurveData) -> [[Double]] {
        switch kind {
        case .bass: Array(bassStarts(data: data))
        case .exponential: exponentialStarts(data: data)
        case .logistic, .gompertz, .richards: sCurveStarts(kind, data: data)
        }
    }

    /// The largest cumulative value seen (at least the observed total, and above zero).
    static func peakObserved(_ data: CurveData, cumulative: [Double]) -> Double {
        let total = max(data.observedTotal, Double.leastNormalMagnitude)
        return max(cumulative.max() ?? total, total)
    }

    static func exponentialStarts(data: CurveData) -> [[Double]] {
        let cumulative = data.cumulativeObserved
        let peakObserved = peakObserved(data, cumulative: cumulative)
        return [1.2, 2, 5].map { scale in
            let m = scale * peakObserved
            return [m, exponentialRate(t: data.t, cumulative: cumulative, m: m) ?? 0.1]
        }
    }

    static func sCurveStarts(_ kind: ModelKind, data: CurveData) -> [[Double]] {
        let cumulative = data.cumulativeObserved
        let peakObserved = peakObserved(data, cumulative: cumulative)
        var out: [[Double]] = []
        for scale in [1.1, 1.5, 2.5, 5] {
            let m = scale * peakObserved
            if let (k, t0) = linearizedSCurve(kind == .gompertz ? .gompertz : .logistic,
                                              t: data.t, cumulative: cumulative, m: m), k > 0 {
                out.append(kind == .richards ? [m, k, t0, 1] : [m, k, t0])
            }
        }
        let mid = data.t[data.t.count / 2]
        let span = max(1, (data.t.last ?? 1) - (data.t.first ?? 0))
        let fallback = [2 * peakObserved, 4 / span, mid]
        out.append(kind == .richards ? fallback + [1] : fallback)
        return out
    }

    /// Starts for a logistic or Gompertz curve m·S(t; k, t₀) from a grid of its rate k and midpoint t₀,
    /// where the best m ≥ 0 is a linear least-squares fit (`GrowthLimit.profile`): at each point S is
    /// read off the problem's residuals at m = the observed total, as (r + y)/total, and points where
    /// the best m is 0 are passed over. The grid spans k from 0.3 over the data's span to 3 per period
    /// (16 values, evenly on the log scale) and t₀ from 4/k before the first observation to 4/k after
    /// the last (16 values): peaks before, in and after the data. Of each k's lowest point whose m lies
    /// below `limit`, the `count` lowest are returned, lowest first.
    static func projectedStarts<C: AdoptionCurve>(_ problem: CurveFitProblem<C>, data: CurveData, below limit: Double,
                                                  count: Int = 3) -> [[Double]] {
        let t = data.t, y = data.y, total = data.observedTotal
        guard problem.curve.kind == .logistic || problem.curve.kind == .gompertz,
              let first = t.first, let last = t.last, t.count >= 3, total > 0 else { return [] }
        let span = max(1, last - first + 1)
        var best: [(rss: Double, start: [Double])] = []
        var residuals = [Double](repeating: 0, count: y.count)
        var shape = [Double](repeating: 0, count: y.count)
        for a in 0..<16 {
            let k = 0.3 / span * Double.pow(10 * span, Double(a) / 15)
            var row: (rss: Double, start: [Double])? = nil
            for b in 0..<16 {
                let t0 = first - 4 / k + (last - first + 8 / k) * Double(b) / 15
                residuals.withUnsafeMutableBufferPointer { problem.residuals(at: [total, k, t0], into: $0) }
                for i in y.indices { shape[i] = (residuals[i] + y[i]) / total }
                let (rss, m) = GrowthLimit.profile(y, shape)
                if m > 0, m < limit, rss < (row?.rss ?? .infinity) { row = (rss, [m, k, t0]) }
            }
            if let row { best.append(row) }
        }
        return best.sorted { $0.rss < $1.rss }.prefix(count).map(\.start)
    }

    /// The adoption rate of each period (from the second observation for running totals), the time
    /// of its middle, its length and the cumulative level at its start and end. A long series (days,
    /// weeks) is read in at most `peakSpans` spans of consecutive periods, each at its average rate
    /// (`spanned`): its waves and its peak are found in them, where a single period's noise, season
    /// or launch-day spike would end a wave at the next dip or stand for the peak.
    static func periodRates(_ data: CurveData) -> (rates: [PeriodRate], spanned: Bool) {
        let (t, y) = (data.t, data.y)
        var rates: [PeriodRate] = []
        switch data.form {
        case .perPeriod:
            var before = 0.0
            for i in y.indices {
                rates.append((y[i], t[i] - 0.5, 1, before, before + y[i]))
                before += y[i]
            }
        case .cumulative:
            for i in y.indices.dropFirst() where t[i] > t[i - 1] {
                let length = t[i] - t[i - 1]
                rates.append(((y[i] - y[i - 1]) / length, (t[i] + t[i - 1]) / 2, length, y[i - 1], y[i]))
            }
        }
        guard rates.count > 2 * peakSpans else { return (rates, false) }
        let width = (rates.count + peakSpans - 1) / peakSpans
        let spans = stride(from: 0, to: rates.count, by: width).map { i -> PeriodRate in
            let span = rates[i..<min(i + width, rates.count)]
            let (first, last) = (span.first!, span.last!)
            let length = span.reduce(0) { $0 + $1.length }
            let from = first.time - first.length / 2, to = last.time + last.length / 2
            return ((last.end - first.start) / length, (from + to) / 2, length, first.start, last.end)
        }
        return (spans, true)
    }

    typealias PeriodRate = (rate: Double, time: Double, length: Double, start: Double, end: Double)

    /// The most spans of consecutive periods the data's waves are looked for in (`peakStarts`): a
    /// series of more than twice as many periods is read in spans of several.
    static let peakSpans = 24

    /// Curves through the data's steepest point: t₀ at the middle of the period of most adopters (for
    /// cumulative data, of the largest rise per period), and m and k such that the curve has there the
    /// level and the rate observed (logistic: N = m/2, rate = mk/4; Gompertz: N = m/e, rate = mk/e;
    /// Richards from the logistic's, ν = 1). The level is taken twice: counted from the slowest period
    /// before the peak (the wave the peak belongs to), then from launch. Where the data rise in two
    /// waves, the linearized starts fit both at once and these the higher wave: the logistic on a
    /// two-wave series reaches an RSS of 1.37e6 from them, 2.71e6 from the linearized starts. The
    /// other wave's peak follows, with its own starts: a narrow wave can peak higher than a broad one
    /// of more adopters, which the curve then fits best (the logistic's RSS 78,395 through the broad
    /// wave, 91,664 from the narrow one's peak). Bass
    /// gets the logistic's, as the same curve per period: with a = e^{k·t₀}, p = k/(1 + a),
    /// q = k·a/(1 + a) and m = M·a/(1 + a) (M the logistic's level). The first starts a fit with
    /// structured residuals is confirmed from (`AdoptionFitter`); none for exponential saturation, or
    /// where no rate is positive.
    static func peakStarts(_ kind: ModelKind, data: CurveData) -> [[Double]] {
        guard kind != .exponential else { return [] }
        let (rates, spanned) = periodRates(data)
        // The averages of spans have little noise, and a climb of a tenth of the way to the peak marks
        // another wave there (a quarter in single periods).
        let climb = spanned ? 0.1 : 0.25
        guard let peak = rates.indices.max(by: { rates[$0].rate < rates[$1].rate }), rates[peak].rate > 0 else { return [] }
        // The slowest period on one side of a peak before the rates climb again by `climb` of the
        // way to the peak (an earlier or a later wave), and whether they do.
        func trough(from peak: Int, by step: Int) -> (at: Int, climbs: Bool) {
            let best = rates[peak].rate
            var low = peak, j = peak + step
            while rates.indices.contains(j) {
                if rates[j].rate < rates[low].rate { low = j }
                if rates[j].rate > rates[low].rate + climb * (best - rates[low].rate) { return (low, true) }
                j += step
            }
            return (low, false)
        }
        // The highest peak's wave, then the highest of another wave: where a narrow wave peaks
        // higher than a broad one of more adopters, the curve fits the broad one best.
        let before = trough(from: peak, by: -1), after = trough(from: peak, by: 1)
        var peaks = [(at: peak, waveStart: before.at)]
        let others = (before.climbs ? Array(0..<before.at) : []) + (after.climbs ? Array((after.at + 1)..<rates.count) : [])
        if let second = others.max(by: { rates[$0].rate < rates[$1].rate }), rates[second].rate > 0 {
            peaks.append((second, trough(from: second, by: -1).at))
        }
        // Each peak's rate and time, and its level counted from launch and from the start of its wave
        // (nil where the wave starts at launch, or nearly).
        let levels = peaks.map { peak, waveStart in
            let level = (rates[peak].start + rates[peak].end) / 2, waveLevel = level - rates[waveStart].end
            return (rate: rates[peak].rate, time: rates[peak].time, level: level, waveLevel: waveLevel < 0.9 * level ? waveLevel : nil)
        }
        // The starts at each peak's level in its wave come first, then those at its level from launch.
        let e = Double.exp(1.0)
        var out: [[Double]] = []
        for fromLaunch in [false, true] {
            for (best, time, level, waveLevel) in levels {
                let n = fromLaunch ? (waveLevel == nil ? 0 : level) : (waveLevel ?? level)
                guard n > 0 else { continue }
                let (m, k) = kind == .gompertz ? (e * n, best / n) : (2 * n, 2 * best / n)
                guard m.isFinite, k.isFinite, k > 0 else { continue }
                switch kind {
                case .richards: out.append([m, k, time, 1])
                case .bass:
                    let a = Double.exp(k * time)
                    let (p, q, bassM) = (k / (1 + a), k * a / (1 + a), m * a / (1 + a))
                    if p.isNormal, q.isNormal, bassM.isNormal { out.append([bassM, p, q]) }
                default: out.append([m, k, time])
                }
            }
        }
        return out
    }

    /// The Bass starts of `starts(for: .bass, data:)`, each built when it is first asked for:
    /// most fits converge from the first.
    ///
    /// When the launch lies `offset` periods before the first observation (`--launch`), the
    /// regression (which takes the first observed period as the first after launch) and then the
    /// grid are also given moved in time: q and m as they are, p lowered until the curve peaks
    /// `offset` periods later than it does from the first observation. The grid as it stands
    /// peaks within a few years of launch, long before data that start decades after it.
    public static func bassStarts(data: CurveData) -> BassStarts {
        let total = max(data.observedTotal, Double.leastNormalMagnitude)
        let offset = (data.t.first ?? 1) - 1
        var regression: [Double]? = nil
        if data.form == .perPeriod, isConsecutive(data.t),
           let bass = bassRegression(perPeriod: data.y, standardErrors: false)?.bassParameters,
           bass.p > 0, bass.p < 1, bass.q > 0, bass.q < 5 {
            regression = [max(bass.m, total), bass.p, bass.q]
        }
        // The peak lies at most half a period past the last observation: a shorter series cannot
        // have a slow one, and is not scanned for it (most series, on the fitting's hot path).
        let span = (data.t.last ?? 0) - (data.t.first ?? 0) + 0.5
        let peak = span >= BassStarts.slowPeak ? observedPeak(data) : nil
        return BassStarts(regression: regression, total: total, offset: max(offset, 0), peak: peak)
    }

    /// The time of the series' highest adoption rate after the start of its first observed
    /// period (the middle of the period of the most adopters per period; with cumulative data, of
    /// the largest rise per period; for a long series, of the span of periods with the highest
    /// average, `periodRates`), or nil when no rate is positive.
    static func observedPeak(_ data: CurveData) -> Double? {
        let (t, y) = (data.t, data.y)
        guard let first = t.first else { return nil }
        if t.count > 2 * peakSpans, case let (rates, true) = periodRates(data) {
            guard let peak = rates.max(by: { $0.rate < $1.rate }), peak.rate > 0 else { return nil }
            return peak.time - (first - 1)
        }
        var best = 0.0, at: Double? = nil
        for i in t.indices {
            let rate: Double
            switch data.form {
            case .perPeriod: rate = y[i]
            case .cumulative:
                guard i > 0, t[i] > t[i - 1] else { continue }
                rate = (y[i] - y[i - 1]) / (t[i] - t[i - 1])
            }
            if rate > best { (best, at) = (rate, t[i] - first + 0.5) }
        }
        return at
    }

    /// The p that puts the Bass curve's peak, ln(q/p)/(p + q), at `time` > 0 for this q: the
    /// peak time falls as p rises, from ∞ at p → 0 to 0 at p = q. Bisection on ln p.
    static func bassP(peakingAt time: Double, q: Double) -> Double {
        guard time > 0, q > 0 else { return q }
        var low = Double.log(Double.leastNormalMagnitude), high = Double.log(q)
        for _ in 0..<80 {
            let mid = (low + high) / 2, p = Double.exp(mid)
            if Double.log(q / p) / (p + q) > time { low = mid } else { high = mid }
        }
        return Double.exp((low + high) / 2)
    }

    /// Bass starting points: the OLS regression's (when its signs are right), then the
    /// meta-analytic averages and a grid of (p, q) pairs at 1.5 and 3 times the observed total;
    /// after a launch `offset` periods before the data, those moved in time come first.
    ///
    /// The grid's pairs are yearly rates, whose curves peak 5 to 10 periods after launch. A series
    /// whose rate peaks `slowPeak` periods or more after its first observation (months, weeks or
    /// days) is also given the grid slowed down, before the grid as it stands: each pair's p and q
    /// divided by one factor, which keeps q/p and puts the curve's peak where the data's is.
    /// From the yearly grid such a fit needs thousands of evaluations per start, and most starts.
    public struct BassStarts: RandomAccessCollection, Sendable {
        let regression: [Double]?
        let total: Double
        let offset: Double
        /// The observed peak, when it is `slowPeak` periods or more after the first observation.
        let slowPeakTime: Double?
        static let grid: [(p: Double, q: Double)] = [(0.03, 0.38), (0.01, 0.5), (0.002, 0.6), (0.05, 0.2), (0.001, 1.0)]
        static let scales = [1.5, 3.0]
        static let slowPeak = 40.0

        init(regression: [Double]?, total: Double, offset: Double = 0, peak: Double? = nil) {
            self.regression = regression
            self.total = total
            self.offset = offset
            slowPeakTime = peak.flatMap { $0 >= Self.slowPeak ? $0 : nil }
        }

        private var slowed: Int { slowPeakTime == nil ? 0 : Self.grid.count * Self.scales.count }
        private var unmoved: Int { (regression == nil ? 0 : 1) + slowed + Self.grid.count * Self.scales.count }
        public var startIndex: Int { 0 }
        public var endIndex: Int { offset > 0 ? 2 * unmoved : unmoved }

        public subscript(i: Int) -> [Double] {
            guard offset > 0 else { return start(i) }
            // Moved in time first, then as they stand.
            return i < unmoved ? moved(start(i)) : start(i - unmoved)
        }

        private func start(_ i: Int) -> [Double] {
            var k = i
            if let regression {
                if k == 0 { return regression }
                k -= 1
            }
            if let peak = slowPeakTime, k < slowed {
                let (p, q) = Self.grid[k / Self.scales.count]
                let factor = Double.log(q / p) / (p + q) / peak
                return [Self.scales[k % Self.scales.count] * total, factor * p, factor * q]
            }
            return gridPoint(k - slowed)
        }

        /// `θ` with its peak `offset` periods later (its p lowered, q and m as they are).
        private func moved(_ θ: [Double]) -> [Double] {
            let (p, q) = (θ[1], θ[2])
            let peak = p < q ? Double.log(q / p) / (p + q) : 0
            return [θ[0], StartingValues.bassP(peakingAt: peak + offset, q: q), q]
        }

        private func gridPoint(_ k: Int) -> [Double] {
            let (p, q) = Self.grid[k / Self.scales.count]
            return [Self.scales[k % Self.scales.count] * total, p, q]
        }
    }

    static func isConsecutive(_ t: [Double]) -> Bool {
        zip(t.dropFirst(), t).allSatisfy { $0 - $1 == 1 }
    }

    /// Slope and midpoint from `logit(F) = k(t − t0)` (logistic) or
    /// `−ln(−ln F) = k(t − t0)` (Gompertz), on the points with 0 < F < 1.
    static func linearizedSCurve(_ kind: ModelKind, t: [Double], cumulative: [Double], m: Double)
        -> (Double, Double)?
    {
        var xs: [Double] = [], zs: [Double] = []
        for (ti, n) in zip(t, cumulative) {
            let f = n / m
            guard f > 0, f < 1 else { continue }
            xs.append(ti)
            zs.append(kind == .gompertz ? -Double.log(-Double.log(f)) : Double.log(f / (1 - f)))
        }
        guard xs.count >= 2, let (slope, intercept) = simpleRegression(xs, zs), slope > 0 else { return nil }
        return (slope, -intercept / slope)
    }

    static func exponentialRate(t: [Double], cumulative: [Double], m: Double) -> Double? {
        var xs: [Double] = [], zs: [Double] = []
        for (ti, n) in zip(t, cumulative) where n > 0 && n < m {
            xs.append(ti)
            zs.append(-Double.log(onePlus: -n / m))
        }
        guard !xs.isEmpty else { return nil }
        // Through the origin: p = Σ t·z / Σ t².
        let num = zip(xs, zs).reduce(0) { $0 + $1.0 * $1.1 }
        let den = xs.reduce(0) { $0 + $1 * $1 }
        return den > 0 && num > 0 ? num / den : nil
    }

    static func simpleRegression(_ x: [Double], _ y: [Double]) -> (slope: Double, intercept: Double)? {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return (slope, my - slope * mx)
    }
}
