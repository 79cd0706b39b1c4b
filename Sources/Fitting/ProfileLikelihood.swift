/// A problem with one parameter held at a value: the others are what the solver moves.
struct FixedParameterProblem<Base: LeastSquaresProblem>: LeastSquaresProblem {
    let base: Base
    let fixed: Int
    let value: Double

    var parameterCount: Int { base.parameterCount - 1 }
    var residualCount: Int { base.residualCount }

    /// The full parameter vector from the free ones.
    func full(_ x: [Double]) -> [Double] {
        var θ = x
        θ.insert(value, at: fixed)
        return θ
    }

    /// The free parameters of a full vector.
    func free(_ θ: [Double]) -> [Double] {
        var x = θ
        x.remove(at: fixed)
        return x
    }

    func residuals(at x: [Double], into residuals: UnsafeMutableBufferPointer<Double>) {
        base.residuals(at: full(x), into: residuals)
    }

    func jacobian(at x: [Double], into jacobian: UnsafeMutableBufferPointer<Double>) {
        let m = residualCount, n = base.parameterCount
        withUnsafeTemporaryAllocation(of: Double.self, capacity: m * n) { whole in
            base.jacobian(at: full(x), into: whole)
            var column = 0
            for j in 0..<n where j != fixed {
                for i in 0..<m { jacobian[i + column * m] = whole[i + j * m] }
                column += 1
            }
        }
    }
}

/// Profile-likelihood confidence intervals of nonlinear least-squares estimates.
///
/// The profile of parameter j is S(v), the least residual sum of squares with θⱼ held at v
/// and the other parameters refitted. The interval at `level` is where the profile t
/// statistic τ(v) = sign(v − θ̂ⱼ)·√((S(v) − S(θ̂))/s²) lies within ±t_{n−k,(1+level)/2},
/// s² = S(θ̂)/(n − k): the interval R's `confint` gives for an `nls` fit (Bates & Watts 1988,
/// *Nonlinear Regression Analysis and Its Applications*, §6.1). Unlike the Wald interval
/// θ̂ ± t·se it follows the curvature of the model, so it is asymmetric where the data bound a
/// parameter more tightly on one side (a market potential before the peak).
public enum ProfileLikelihood {
    /// One end of a profile interval.
    public enum Limit: Sendable, Equatable {
        /// The profile crosses the threshold here.
        case crossing(Double)
        /// The profile stays below the threshold up to this limit of the parameter's domain:
        /// the data exclude no value on that side short of it.
        case domainLimit(Double)
        /// The profile stays below the threshold as far as it was followed (to the parameter's
        /// runaway limit, or 2³⁹ t-based half-widths): no limit on that side.
        case open
        /// A refit along the profile did not converge.
        case failed

        /// The end as a number: the crossing or the domain limit; nil when open or failed.
        public var value: Double? {
            switch self {
            case .crossing(let v), .domainLimit(let v): v
            case .open, .failed: nil
            }
        }
    }

    /// The profile interval of every parameter of `result`, a fit of `problem`; nil for a
    /// parameter without a standard error (not identified, on a bound) or a fit that did not
    /// converge. `lower` holds each parameter's domain limit (−∞ for none); `upper` holds the
    /// magnitude past which a parameter runs away (+∞ for none): the profile is followed no
    /// further, and a refit along it that runs a parameter past it leaves that side open.
    public static func intervals<P: LeastSquaresProblem>(
        _ problem: P, result: FitResult, level: Double = 0.95, lower: [Double]? = nil, upper: [Double]? = nil
    ) -> [(low: Limit, high: Limit)?] {
        let k = result.parameterCount
        guard result.converged, result.degreesOfFreedom > 0 else { return Array(repeating: nil, count: k) }
        let s2 = result.scale
        let tq = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: Double(result.degreesOfFreedom))
        let se = result.standardErrors
        return (0..<k).map { j -> (low: Limit, high: Limit)? in
            guard se[j].isFinite, se[j] > 0 else { return nil }
            var profile = Profile(problem: problem, result: result, parameter: j,
                                  threshold: result.residualSumOfSquares + s2 * tq * tq, lower: lower, runaway: upper)
            let low = profile.end(direction: -1, step: tq * se[j], limit: lower?[j] ?? -.infinity,
                                  atLimit: .domainLimit(lower?[j] ?? 0))
            let high = profile.end(direction: 1, step: tq * se[j], limit: upper?[j] ?? .infinity, atLimit: .open)
            return (low, high)
        }
    }
}

/// The profile of one parameter: S(v) minus the threshold, by refits of the others.
private struct Profile<P: LeastSquaresProblem> {
    let problem: P
    let result: FitResult
    let j: Int
    let threshold: Double
    /// Solver options for the refits, with the other parameters' runaway limits.
    let options: SolverOptions
    /// The other parameters at the inside point nearest the crossing so far: every refit
    /// starts there, as a refit beyond the crossing may have wandered off (to the far side of a
    /// parameter's domain) and is no start for the next.
    var anchor: [Double]

    /// The other parameters' domains, when any is bounded: the refits stay inside them.
    let bounds: [ParameterBounds]?

    init(problem: P, result: FitResult, parameter j: Int, threshold: Double, lower: [Double]?, runaway: [Double]?) {
        self.problem = problem
        self.result = result
        self.j = j
        self.threshold = threshold
        var options = SolverOptions()
        // A refit from the neighbouring point takes about ten evaluations; one that needs far
        // more is crawling along a bound (see `excess`).
        options.maxEvaluations = 100 * result.parameterCount
        if var limits = runaway {
            limits.remove(at: j)
            options.runawayLimits = limits
        }
        self.options = options
        if var lower, lower.contains(where: \.isFinite) {
            lower.remove(at: j)
            let bounds = lower.map { $0.isFinite ? ParameterBounds(lower: $0) : .unbounded }
            self.bounds = bounds.allSatisfy(\.isUnbounded) ? nil : bounds
        } else {
            bounds = nil
        }
        anchor = result.estimates
        anchor.remove(at: j)
        anchorScale = anchor
    }

    /// The other parameters' estimates: their scales.
    let anchorScale: [Double]

    enum Value {
        /// S(v) minus the threshold.
        case excess(Double)
        /// The refit ran a parameter past its runaway limit: the others cannot make up for v
        /// while the data still hold them.
        case runaway
        /// The refit did not converge, or its residuals are not finite.
        case failed
    }

    /// S(v) minus the threshold, by a refit of the others from the anchor.
    mutating func excess(_ v: Double) -> Value {
        let fixed = FixedParameterProblem(base: problem, fixed: j, value: v)
        var x: [Double] = []
        var r: [Double]
        if fixed.parameterCount == 0 {
            r = [Double](repeating: 0, count: problem.residualCount)
            problem.residuals(at: fixed.full([]), into: &r)
        } else {
            var outcome: SolverOutcome
            if let bounds {
                let bounded = BoundedProblem(base: fixed, bounds: bounds)
                outcome = LevenbergMarquardt.minimize(bounded, from: bounded.internal(anchor), options: options)
                outcome.x = bounded.external(outcome.x)
            } else {
                outcome = LevenbergMarquardt.minimize(fixed, from: anchor, options: options)
            }
            if outcome.stop == .runaway { return .runaway }
            // The bounds' transformation flattens the cost at a bound: a refit whose best point
            // lies on one crawls towards it. Stopped within 10⁻⁴ of the estimate's size from it,
            // its sum of squares is the profile's to that accuracy.
            let onBound = outcome.stop == .evaluationLimit && (bounds ?? []).indices.contains { k in
                outcome.x[k] - bounds![k].lower <= 1e-4 * abs(anchorScale[k])
            }
            guard outcome.stop.reachedStationaryPoint || onBound else { return .failed }
            (x, r) = (outcome.x, outcome.residuals)
        }
        guard r.allSatisfy(\.isFinite) else { return .failed }
        let s = r.reduce(0) { $0 + $1 * $1 }
        if s < threshold { anchor = x }
        return .excess(s - threshold)
    }

    /// Follows the profile from the estimate in `direction` (±1), doubling its steps, until it
    /// passes the threshold (then finds the crossing by the Illinois variant of regula falsi)
    /// or reaches `limit` below it (then returns `atLimit`).
    ///
    /// A refit far from its start can stop where the model is flat (a curve moved off the data
    /// has a Jacobian near zero) and read as outside. So an outside end is checked again once
    /// the refits have come close to it from inside; if it is inside after all, the search goes
    /// on from there.
    mutating func end(direction: Double, step: Double, limit: Double, atLimit: ProfileLikelihood.Limit) -> ProfileLikelihood.Limit {
        anchor = result.estimates
        anchor.remove(at: j)
        var (a, fa) = (result.estimates[j], result.residualSumOfSquares - threshold)
        for _ in 0..<10 {
            let (found, outside) = search(from: a, fa, direction: direction, step: step, limit: limit, atLimit: atLimit)
            guard case .crossing = found, let outside else { return found }
            // The refits now start next to the outside end: its verdict stands, or is revised.
            guard case .excess(let h) = excess(outside), h < 0 else { return found }
            (a, fa) = (outside, h)
        }
        return .failed
    }

    /// One search outwards from an inside point: the end found, and for a crossing the outside
    /// end of its final bracket.
    mutating func search(from start: Double, _ fStart: Double, direction: Double, step: Double, limit: Double,
                         atLimit: ProfileLikelihood.Limit) -> (ProfileLikelihood.Limit, Double?) {
        var (a, fa) = (start, fStart)
        var width = step
        var b = 0.0, fb = 0.0
        var bracketed = false
        for _ in 0..<40 {
            var v = start + direction * width
            let last = direction * (v - limit) >= 0
            if last { v = limit }
            guard v.isFinite else { return (.open, nil) }
            switch excess(v) {
            case .runaway: return (.open, nil)
            case .failed: return (.failed, nil)
            case .excess(let h) where h >= 0:
                (b, fb, bracketed) = (v, h, true)
            case .excess(let h):
                (a, fa) = (v, h)
                if last { return (atLimit, nil) }
                width *= 2
                continue
            }
            break
        }
        guard bracketed else { return (.open, nil) }
        if b == limit {
            // A profile that jumps at the domain limit (a Bass curve with p = 0 is zero; with
            // p > 0 the others make up for a tiny p) is still inside just short of it: the
            // limit is the end.
            let near = limit - direction * 1e-9 * step
            if case .excess(let h) = excess(near), h < 0 { return (atLimit, nil) }
        }
        // Illinois: regula falsi that halves the weight of an end kept twice in a row.
        var side = 0
        for _ in 0..<100 {
            if abs(b - a) <= 1e-12 * max(abs(a), abs(b)) { break }
            var c = (a * fb - b * fa) / (fb - fa)
            // A sum of squares so large that the secant overflows, or rounds onto an end: bisect.
            if !(c.isFinite && min(a, b) < c && c < max(a, b)) { c = (a + b) / 2 }
            let fc: Double
            switch excess(c) {
            case .excess(let h): fc = h
            case .runaway: return (.open, nil)
            case .failed: return (.failed, nil)
            }
            if fc >= 0 {
                (b, fb) = (c, fc)
                if side == 1 { fa /= 2 }
                side = 1
            } else {
                (a, fa) = (c, fc)
                if side == -1 { fb /= 2 }
                side = -1
            }
            if abs(fc) <= 1e-13 * threshold { return (.crossing(c), b) }
        }
        return (.crossing(abs(fa) < abs(fb) ? a : b), b)
    }
}
