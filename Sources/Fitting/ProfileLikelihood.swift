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
    /// The parameters' domain limits (−∞ for none).
    let lower: [Double]
    /// The parameters at the inside point nearest the crossing so far: every refit starts
    /// there, as a refit beyond the crossing may have wandered off and is no start for the next.
    var anchor: [Double]

    init(problem: P, result: FitResult, parameter j: Int, threshold: Double, lower: [Double]?, runaway: [Double]?) {
        self.problem = problem
        self.result = result
        self.j = j
        self.threshold = threshold
        var options = SolverOptions()
        options.runawayLimits = runaway
        self.options = options
        self.lower = lower ?? Array(repeating: -.infinity, count: result.parameterCount)
        anchor = result.estimates
    }

    enum Value {
        /// S(v) minus the threshold.
        case excess(Double)
        /// The refit ran a parameter past its runaway limit: the others cannot make up for v
        /// while the data still hold them.
        case runaway
        /// The refit did not converge, or its residuals are not finite.
        case failed
    }

    /// S(v) minus the threshold, by a refit of the others from the anchor that keeps them in
    /// their domains: a parameter the refit takes below its domain limit is held at the limit
    /// and the rest refitted (an active set, as a bounded fit's parameter on its bound is held).
    mutating func excess(_ v: Double) -> Value {
        var template = anchor
        template[j] = v
        var held: Set<Int> = [j]
        for _ in 0..<result.parameterCount {
            let refit = HeldParameterProblem(base: problem, template: template, held: held)
            var θ = template
            var r = [Double](repeating: 0, count: problem.residualCount)
            if refit.parameterCount == 0 {
                problem.residuals(at: θ, into: &r)
            } else {
                var limited = options
                limited.runawayLimits = options.runawayLimits.map { limits in refit.free.map { limits[$0] } }
                let outcome = LevenbergMarquardt.minimize(refit, from: refit.start, options: limited)
                if outcome.stop == .runaway { return .runaway }
                guard outcome.stop.reachedStationaryPoint else { return .failed }
                θ = refit.full(outcome.x)
                r = outcome.residuals
            }
            let below = refit.free.filter { θ[$0] < lower[$0] }
            if below.isEmpty {
                guard r.allSatisfy(\.isFinite) else { return .failed }
                let s = r.reduce(0) { $0 + $1 * $1 }
                if s < threshold { anchor = θ }
                return .excess(s - threshold)
            }
            template = θ
            for k in below { template[k] = lower[k] }
            held.formUnion(below)
        }
        return .failed
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
