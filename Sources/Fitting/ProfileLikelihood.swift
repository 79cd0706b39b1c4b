/// A problem with some parameters held at values: the others are what the solver moves.
struct HeldParameterProblem<Base: LeastSquaresProblem>: LeastSquaresProblem {
    let base: Base
    /// The full parameter vector: the held parameters' values, and the free ones' starts.
    let template: [Double]
    /// The parameters the solver moves, in order.
    let free: [Int]

    init(base: Base, template: [Double], held: Set<Int>) {
        self.base = base
        self.template = template
        free = template.indices.filter { !held.contains($0) }
    }

    var parameterCount: Int { free.count }
    var residualCount: Int { base.residualCount }

    /// The full parameter vector from the free ones.
    func full(_ x: [Double]) -> [Double] {
        var θ = template
        for (i, k) in free.enumerated() { θ[k] = x[i] }
        return θ
    }

    /// The free parameters' starts.
    var start: [Double] { free.map { template[$0] } }

    func residuals(at x: [Double], into residuals: UnsafeMutableBufferPointer<Double>) {
        base.residuals(at: full(x), into: residuals)
    }

    func jacobian(at x: [Double], into jacobian: UnsafeMutableBufferPointer<Double>) {
        let m = residualCount
        withUnsafeTemporaryAllocation(of: Double.self, capacity: m * base.parameterCount) { whole in
            base.jacobian(at: full(x), into: whole)
            for (column, k) in free.enumerated() {
                for i in 0..<m { jacobian[i + column * m] = whole[i + k * m] }
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
        /// The profile stays below the threshold up to the parameter's runaway limit (a market
        /// potential's `AdoptionFitter.runawayLimitFactor` × the observed total), or for 10¹²
        /// t-based half-widths: no end on that side.
        case open
        /// The profile crosses the threshold here, but with another parameter held at its runaway
        /// limit (a small p before the peak is matched by a market potential past 10⁴ × the
        /// observed total): the crossing is the restricted model's, and without the limit the
        /// side may reach further, or have no end.
        case capped(Double)
        /// Refits along the profile did not converge, even nearer the last inside point.
        case failed

        /// The end as a number: the crossing or the domain limit; nil when open or failed.
        public var value: Double? {
            switch self {
            case .crossing(let v), .domainLimit(let v), .capped(let v): v
            case .open, .failed: nil
            }
        }
    }

    /// The profile interval of every parameter of `result`, a fit of `problem`; nil for every
    /// parameter of a fit that did not converge (at a bound, not a minimum, …) or has no
    /// degrees of freedom, and for a parameter whose standard error is zero (an exact fit) or
    /// missing. A fit that is not identified is profiled when it stopped at a stationary point
    /// (its market potential's interval is then typically open above), not when it ran away.
    ///
    /// `lower` holds each parameter's domain limit (−∞ for none) and `upper` the magnitude past
    /// which it runs away (+∞ for none; a market potential's is `AdoptionFitter.runawayLimitFactor`
    /// × the observed total). The
    /// refits keep every parameter within both: the profile is that of the model restricted to
    /// them, and a side on which it is still inside at a parameter's own limit ends there.
    public static func intervals<P: LeastSquaresProblem>(
        _ problem: P, result: FitResult, level: Double = 0.95, lower: [Double]? = nil, upper: [Double]? = nil
    ) -> [(low: Limit, high: Limit)?] {
        // The profile is the likelihood's, whatever the covariance: its steps start from the classical errors.
        let result = result.classical
        let k = result.parameterCount
        // A fit that is not identified but stopped at a minimum (a market potential the data bound on
        // one side only) has a profile too: it is where such a fit's intervals come from. One that
        // ran away past a limit stopped short of any minimum, and has none.
        let atMinimum = result.converged || (result.status == .notIdentified && result.solverStop.reachedStationaryPoint)
        guard atMinimum, result.degreesOfFreedom > 0 else { return Array(repeating: nil, count: k) }
        let s2 = result.scale
        let tq = result.tQuantile(level: level)
        let se = result.standardErrors
        var profile = Profile(problem: problem, result: result, threshold: result.residualSumOfSquares + s2 * tq * tq,
                              lower: lower ?? Array(repeating: -.infinity, count: k),
                              upper: upper ?? Array(repeating: .infinity, count: k))
        return (0..<k).map { j -> (low: Limit, high: Limit)? in
            guard se[j].isFinite, se[j] > 0 else { return nil }
            let low = profile.end(of: j, direction: -1, step: tq * se[j])
            let high = profile.end(of: j, direction: 1, step: tq * se[j])
            return (low, high)
        }
    }
}

/// The profiles of a fit's parameters: S(v) minus the threshold, by refits of the others.
private struct Profile<P: LeastSquaresProblem> {
    let problem: P
    let result: FitResult
    let threshold: Double
    /// Domain limits below, runaway magnitudes above.
    let lower: [Double], upper: [Double]
    /// The parameters at the inside point nearest the crossing so far: the refits of a search start
    /// there, as a refit beyond the crossing may have wandered off and is no start for the next.
    /// Each search (`end(of:direction:step:)`) starts it at the estimates; the checks of an outside
    /// end (`insideFromAnotherStart`) set it to their own starts, and their walk from the estimates to
    /// each step's refit, inside or not, then put it back.
    var anchor: [Double] = []
    /// The parameters of the last refit that gave an answer (`excess`), inside or outside.
    var lastRefit: [Double] = []
    /// Whether the last refit (`excess`) held a parameter at its runaway limit (a market potential
    /// at 10⁴ × the observed total). At either end of a crossing's final bracket, that makes the
    /// crossing `capped`: the limit, not the data alone, put it there.
    var atRunawayLimit = false

    /// Where a parameter outside its limits is held: just inside the limit, by 10⁻⁹ of its
    /// estimate's size, where a model may degenerate at the limit itself (a Bass curve with
    /// p = 0 is zero whatever m and q).
    func heldValue(_ k: Int, below: Bool) -> Double {
        let inset = 1e-9 * abs(result.estimates[k])
        return below ? lower[k] + inset : upper[k] - inset
    }

    /// S(v) minus the threshold with parameter j at v, the others refitted within their limits
    /// from the anchor (nil when a refit fails). A parameter a refit takes past a limit is held
    /// just inside it and the rest refitted; a held parameter whose slope points back inside is
    /// released again: an active set, as a bounded fit's parameter on its bound is held.
    mutating func excess(_ j: Int, at v: Double) -> Double? {
        let n = result.parameterCount
        var θ = anchor
        θ[j] = v
        var held: [Int: Bool] = [:]  // held parameter → held at its lower limit (else its upper)
        for _ in 0..<(3 * n) {
            // A refit stopped by its evaluation cap still bounds S(v) from above: below the
            // threshold, that is enough to call v inside.
            var capped = false
            let refit = HeldParameterProblem(base: problem, template: θ, held: Set(held.keys).union([j]))
            var r = [Double](repeating: 0, count: problem.residualCount)
            if refit.parameterCount == 0 {
                problem.residuals(at: θ, into: &r)
            } else {
                var options = SolverOptions()
                options.runawayLimits = refit.free.map { upper[$0] }
                // A refit from a neighbouring point takes ten or twenty evaluations; one that
                // crawls along a ridge (a market potential growing as p shrinks) many more.
                options.maxEvaluations = 1000 * n
                let outcome = LevenbergMarquardt.minimize(refit, from: refit.start, options: options)
                capped = outcome.stop == .evaluationLimit
                guard outcome.stop.reachedStationaryPoint || outcome.stop == .runaway || capped else { return nil }
                θ = refit.full(outcome.x)
                r = outcome.residuals
            }
            guard r.allSatisfy(\.isFinite) else { return nil }
            let outside = refit.free.filter { θ[$0] < lower[$0] || abs(θ[$0]) > upper[$0] }
            if !outside.isEmpty {
                for k in outside {
                    let below = θ[k] < lower[k]
                    held[k] = below
                    θ[k] = heldValue(k, below: below)
                }
                continue
            }
            // A refit whose Jacobian is not finite has not moved where it stopped: no answer.
            let m = problem.residualCount
            var jacobian = [Double](repeating: 0, count: m * n)
            problem.jacobian(at: θ, into: &jacobian)
            guard refit.free.allSatisfy({ k in (0..<m).allSatisfy { jacobian[$0 + k * m].isFinite } }) else { return nil }
            // Release a held parameter that the sum of squares would move back inside.
            if !held.isEmpty {
                let release = held.keys.sorted().filter { k in
                    var slope = 0.0
                    for i in 0..<m { slope += r[i] * jacobian[i + k * m] }
                    return held[k]! ? slope < 0 : slope > 0
                }
                if !release.isEmpty {
                    for k in release { held[k] = nil }
                    continue
                }
            }
            let s = r.reduce(0) { $0 + $1 * $1 }
            // A capped sum of squares only bounds S(v) from above: it proves v inside when it
            // is clearly below the threshold, and is no value to find the crossing with.
            if capped && s >= threshold * (1 - 1e-6) { return nil }
            if s < threshold { anchor = θ }
            lastRefit = θ
            atRunawayLimit = held.values.contains(false)
            return s - threshold
        }
        return nil
    }

    /// One end of parameter j's interval: from the estimate in `direction` (±1), steps that
    /// double until the profile passes the threshold (then the crossing by the Illinois variant
    /// of regula falsi) or reaches j's own limit still inside (then that limit: a domain limit
    /// below, open above).
    ///
    /// A refit that fails is retried nearer the last inside point. A refit far from its start
    /// can stop where the model is flat (a curve moved off the data has a Jacobian near zero)
    /// and read as outside, so an outside end is checked again once the refits have come close
    /// to it from inside; if it is inside after all, the search goes on from there.
    mutating func end(of j: Int, direction: Double, step: Double) -> ProfileLikelihood.Limit {
        anchor = result.estimates
        let limit = direction < 0 ? lower[j] : upper[j]
        let atLimit: ProfileLikelihood.Limit = direction < 0 ? .domainLimit(lower[j]) : .open
        var (a, fa) = (result.estimates[j], result.residualSumOfSquares - threshold)
        var found = ProfileLikelihood.Limit.failed
        for _ in 0..<10 {
            let outside: Double?
            (found, outside) = search(j, from: a, fa, direction: direction, step: step, limit: limit, atLimit: atLimit)
            switch found {
            case .crossing, .capped: break
            default: return found
            }
            // The refits now start next to the outside end: its verdict stands, or is revised.
            guard let outside, let h = insideFromAnotherStart(j, at: outside) else { return found }
            (a, fa) = (outside, h)
        }
        return found
    }

    /// S(v) minus the threshold at an outside end, refitted again from the anchor (now next to
    /// it) and, if that is still outside, from the estimates, from the estimates with each
    /// capped parameter (a market potential) at its cap, and at the end of a walk from the
    /// estimates to v in `continuationSteps` steps, each refit starting where the last stopped.
    /// A profile over a short series can have two branches (a small market potential, and a
    /// larger one, up to the cap, matched by a smaller p), and the refits from the last inside
    /// point may follow the worse; the walk follows the branch the fit itself lies on, as R's
    /// `profile` does. The excess if some start finds v inside (the anchor moves there), else nil.
    mutating func insideFromAnotherStart(_ j: Int, at v: Double) -> Double? {
        if let h = excess(j, at: v), h < 0 { return h }
        var starts = [result.estimates]
        for k in result.estimates.indices where k != j && upper[k].isFinite {
            var start = result.estimates
            start[k] = heldValue(k, below: false)
            starts.append(start)
        }
        let kept = anchor
        for start in starts {
            anchor = start
            if let h = excess(j, at: v), h < 0 { return h }
        }
        anchor = result.estimates
        let from = result.estimates[j]
        for s in 1...Self.continuationSteps {
            let u = s == Self.continuationSteps ? v : from + (v - from) * Double(s) / Double(Self.continuationSteps)
            // A step whose refit fails is passed over: the next starts from the last that succeeded.
            guard let h = excess(j, at: u) else { continue }
            if s == Self.continuationSteps && h < 0 { return h }
            anchor = lastRefit
        }
        anchor = kept
        return nil
    }

    /// Steps of the walk from the estimates that checks an outside end (`insideFromAnotherStart`).
    static var continuationSteps: Int { 8 }  // (a generic type has no stored static properties)

    /// One search outwards from an inside point: the end found, and for a crossing the outside
    /// end of its final bracket.
    mutating func search(_ j: Int, from start: Double, _ fStart: Double, direction: Double, step: Double,
                         limit: Double, atLimit: ProfileLikelihood.Limit) -> (ProfileLikelihood.Limit, Double?) {
        var (a, fa) = (start, fStart)
        var width = step
        var b = 0.0, fb = 0.0
        var bracketed = false
        // Whether the refits at the bracket's inside and outside ends held a parameter at its limit.
        var capAtA = false, capAtB = false
        func crossing(_ c: Double) -> ProfileLikelihood.Limit { capAtA || capAtB ? .capped(c) : .crossing(c) }
        var retries = 0
        while !bracketed {
            guard width.isFinite, direction * (a - start) < 1e12 * step else { return (.open, nil) }
            var v = a + direction * width
            let last = direction * (v - limit) >= 0
            if last { v = limit - direction * 1e-9 * step }
            guard let h = excess(j, at: v) else {
                // Retry nearer the last inside point.
                // Failures are counted over the whole search: refits that fail beyond some value
                // would otherwise walk the search towards it a halved step at a time, for ever.
                retries += 1
                if retries > 30 { return (.failed, nil) }
                width /= 2
                continue
            }
            if h >= 0 {
                (b, fb, bracketed) = (v, h, true)
                capAtB = atRunawayLimit
            } else {
                (a, fa) = (v, h)
                capAtA = atRunawayLimit
                if last { return (atLimit, nil) }
                width *= 2
            }
        }
        // Illinois: regula falsi that halves the weight of an end kept twice in a row.
        var side = 0
        for _ in 0..<100 {
            if abs(b - a) <= 1e-12 * max(abs(a), abs(b)) { break }
            var c = (a * fb - b * fa) / (fb - fa)
            // A sum of squares so large that the secant overflows, or rounds onto an end: bisect.
            if !(c.isFinite && min(a, b) < c && c < max(a, b)) { c = (a + b) / 2 }
            var fc = excess(j, at: c)
            var tries = 0
            while fc == nil && tries < 8 {
                // A failed refit: try halfway back towards the inside end.
                c = (a + c) / 2
                fc = excess(j, at: c)
                tries += 1
            }
            guard let fc else { return (.failed, nil) }
            if fc >= 0 {
                (b, fb) = (c, fc)
                capAtB = atRunawayLimit
                if side == 1 { fa /= 2 }
                side = 1
            } else {
                (a, fa) = (c, fc)
                capAtA = atRunawayLimit
                if side == -1 { fb /= 2 }
                side = -1
            }
            // Found to rounding: the refit at the crossing itself says whether a cap held it (the
            // bracket's outside end may still be the first step past it, far out, where a market
            // potential runs to its cap whatever the crossing).
            if abs(fc) <= 1e-13 * threshold { return (atRunawayLimit ? .capped(c) : .crossing(c), b) }
        }
        return (crossing(abs(fa) < abs(fb) ? a : b), b)
    }
}
