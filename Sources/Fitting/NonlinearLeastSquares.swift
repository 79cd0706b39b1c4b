import RealModule
import LinearAlgebra

/// Fits a least-squares problem from one or more starts and judges the answer:
/// convergence, identifiability, whether the point is a minimum, bounds.
public struct NonlinearLeastSquares: Sendable {
    public var options: SolverOptions
    /// Stop trying further starts after this many have run a parameter past its runaway
    /// limit: the data, not the start, are then what leaves the parameter free.
    public var runawayStartLimit = 2
    /// Magnitudes per parameter past which a start of a bounded fit, from below them, that the
    /// evaluation limit stopped counts towards `runawayStartLimit` too: it was creeping off where a
    /// runaway goes, only more slowly (a bounded Richards fit to 3,843 days of sales moved m from 3e5
    /// to 1e6, 40 to 140 times the data's total, through 10,000 evaluations from each of five
    /// starts; the bounds' transformation keeps m on a linear scale, where the parameters of
    /// `boundedLogScaled`, Richards' m since, no longer move). So does one that `creepEvaluationLimit`
    /// stopped. A run without bounds that its own creep limits stopped (`SolverOptions.creepLimits`,
    /// `AdoptionFitter.runawayConfirmationCreepLimit`) counts too, against those limits. `nil`: none.
    public var creepLimits: [Double]? = nil
    /// Evaluations a bounded run may spend with a parameter above its `creepLimits` before it stops
    /// there (`SolverStop.creep`, judged as a run the evaluation limit stopped is). Only parameters the
    /// run moves without a bound's transformation are watched (those of `boundedLogScaled`, and any
    /// without bounds), where the solver's coordinate is the parameter or its logarithm. `nil`: no limit.
    public var creepEvaluationLimit: Int? = nil
    /// Stop trying further starts once this many in a row have ended on one point of a bound (the same
    /// parameters held, the RSS equal to 1e-8, `isSameMinimum`), it is the best fit, and
    /// `settlesOnBound` accepts it: the bound, not the start, holds the fit there. Bass on the running
    /// totals of the 40 constant-rate series of `Benchmarks/gen_hard_series.py`: six fits on the bound
    /// q = 0 (m 13 to 413 times the observed total, the start reported taking up to 5,184 evaluations)
    /// went on through 11 to 60 starts, now 3 to 42 (where the starts' points on the bound differ by
    /// more than 1e-8 in RSS), the same estimates to 7e-5 (1.3e-3 of a standard error), in 0.49 s instead of
    /// 1.14 s for the 40 series (one run each).
    public var boundAgreementLimit = 2
    /// Whether a fit on a bound that `boundAgreementLimit` starts reached settles the fit (the adoption
    /// models: residuals that do not keep their sign over stretches, `AdoptionFitter.residualRunsStatistic`;
    /// a Bass fit of sales starting mid-adoption reached p = 0 from two starts, missing a late wave that
    /// a later start's minimum, 0.42 of its RSS, follows). `nil`: none does, and every start is tried.
    public var settlesOnBound: (@Sendable (FitResult) -> Bool)? = nil

    /// Scaled-Jacobian condition number above which parameters count as not identified.
    ///
    /// At 1e10 a relative change of 1e-10 in the data moves some parameter
    /// combination by 100 %: no estimate is meaningful in double precision.
    public var identifiabilityLimit: Double = 1e10

    /// Parameters the solver moves on a log scale (`LogScaledProblem`) in fits without
    /// bounds, from starts where they are positive; estimates and their standard errors
    /// are reported on the original scale all the same.
    public var logScaled: [Int] = []

    /// Parameters the solver moves on a log scale in fits with bounds, where their bound is 0 below
    /// and none above and the start is positive (a bound's transformation keeps a parameter on a
    /// linear scale, along which a runaway market potential creeps).
    public var boundedLogScaled: [Int] = []

    /// Values per parameter (positive, or +∞ for none) that a run on the linear scale (a fit without
    /// bounds whose start leaves `logScaled` out or not positive) may carry a parameter past, from at or
    /// below it, at a point inside the domain (`SolverOptions.domainLowerLimits`, where a limit of
    /// evaluations outside it is set): the run goes on from that point with those parameters on the log
    /// scale, with the evaluations it has left. A market potential that has grown past
    /// `AdoptionFitter.runawayFactor` times the data's total is on its way out along a valley that
    /// bends on the linear scale and is straight on the log scale. `nil`: none.
    public var logScaleBeyond: [Double]? = nil

    /// Whether a fit that the certificate does not settle also probes the Gauss–Newton step
    /// (`probeAlongGaussNewtonStep`) after the axis steps. On for user formulas, which have no
    /// second derivatives and no domain knowledge of their own (their starts, bounds and nested
    /// curves); the adoption models keep the axis probe alone, their fitter guarding them otherwise
    /// (a Richards fit sent on from such a point could end where ν's column vanishes, worse than the
    /// Gompertz curve and not refitted on its bound).
    public var probesGaussNewtonStep = false

    /// The words of a not-identified message whose parameter ran past its runaway limit: such a
    /// fit stopped short of any minimum (and has no profile).
    public static let ranAwayPhrase = "ran away past its limit"

    public init(options: SolverOptions = SolverOptions()) {
        self.options = options
    }

    /// Minimizes from each start in turn, stopping at the first converged fit, and
    /// returns the best result (converged first, then lowest RSS).
    ///
    /// - Parameters:
    ///   - problem: residuals and Jacobian.
    ///   - names: parameter names, one per parameter.
    ///   - observed: the observations (for R² and fitted values).
    ///   - starts: starting points, tried in order (any collection, so that they can be built as
    ///     they are asked for, as `StartingValues.BassStarts` does); a probe that finds a lower
    ///     point adds it before the rest.
    ///   - bounds: optional box; `nil` or all-unbounded fits without transformation.
    ///   - exhaustive: try every start and keep the lowest converged minimum, for objectives
    ///     with several local minima (a calibration), instead of stopping at the first converged fit.
    ///   - found: a fit already made, to be confirmed: the starts are tried until a converged fit
    ///     reaches its minimum, or a lower one, again (`isSameMinimum`), and the best of all is kept.
    public func fit<P: LeastSquaresProblem, S: RandomAccessCollection<[Double]>>(
        _ problem: P, names: [String], observed: [Double], starts: S,
        bounds: [ParameterBounds]? = nil, exhaustive: Bool = false, confirming found: FitResult? = nil
    ) -> FitResult where S.Index == Int {
        precondition(!starts.isEmpty, "give at least one start")
        // Lower points the probe finds go first, the latest first; then the starts in order.
        var lowerPoints: [[Double]] = []
        var nextStart = 0
        var best: FitResult? = found
        var tried = 0
        var probesLeft = 3
        var runaways = 0
        // The point on a bound the latest starts ended at, and how many in a row did, where that can
        // settle the fit.
        let settles = found == nil && !exhaustive ? settlesOnBound : nil
        var onBound: (fit: FitResult, count: Int)? = nil
        while (!lowerPoints.isEmpty || nextStart < starts.count) && tried < starts.count + 3 && runaways < runawayStartLimit {
            let start: [Double]
            if let lower = lowerPoints.popLast() {
                start = lower
            } else {
                start = starts[starts.startIndex + nextStart]
                nextStart += 1
            }
            tried += 1
            var (result, lowerPoint) = fitOnce(problem, names: names, observed: observed, start: start, bounds: bounds)
            if result.solverStop == .runaway { runaways += 1 }
            // The limits a start crept past: with bounds, the fit's own (`creepLimits`), whether the
            // evaluation limit or the creep allowance stopped it; without, the run's, which stopped it.
            let crept: [Double]? = switch result.solverStop {
            case .evaluationLimit where bounds != nil, .creep where bounds != nil: creepLimits
            case .creep: options.creepLimits
            default: nil
            }
            if let creep = crept,
               start.indices.contains(where: { abs(start[$0]) <= creep[$0] && abs(result.estimates[$0]) > creep[$0] }) { runaways += 1 }
            if let lower = lowerPoint, probesLeft > 0 {
                probesLeft -= 1
                lowerPoints.append(lower)
            }
            result.startsTried = tried
            // Confirming: a converged fit that reaches the best minimum again (to 1e-8 of its RSS) settles it.
            let confirms = found != nil && result.converged && best!.converged && lowerPoint == nil
                && Self.isSameMinimum(result, best!)
            if best == nil || Self.isBetter(result, than: best!) { best = result }
            if confirms { break }
            if found == nil && best!.converged && lowerPoint == nil && !exhaustive { break }
            if let settles, result.status == .atBound && lowerPoint == nil {
                if let last = onBound, last.fit.heldAtBound == result.heldAtBound, Self.isSameMinimum(last.fit, result) {
                    onBound!.count += 1
                } else {
                    onBound = (result, 1)
                }
                if onBound!.count >= boundAgreementLimit && best!.status == .atBound && Self.isSameMinimum(best!, result)
                    && settles(best!) { break }
            } else {
                onBound = nil
            }
        }
        best!.startsTried = tried
        return best!
    }

    /// Whether two fits end at one minimum: RSS equal to 1e-8 relative (beyond the solver's
    /// tolerances, far below any gap between distinct minima of an adoption series).
    static func isSameMinimum(_ a: FitResult, _ b: FitResult) -> Bool {
        let ra = a.residualSumOfSquares, rb = b.residualSumOfSquares
        return abs(ra - rb) <= 1e-8 * max(ra, rb, .leastNormalMagnitude)
    }

    static func isBetter(_ a: FitResult, than b: FitResult) -> Bool {
        if a.converged != b.converged { return a.converged }
        let ra = a.residualSumOfSquares, rb = b.residualSumOfSquares
        if ra.isFinite != rb.isFinite { return ra.isFinite }
        return ra < rb * (1 - 1e-12)
    }

    /// The creep limits a run is given and its allowance above them: this fit's (`creepLimits` with
    /// `creepEvaluationLimit`), or else the solver's own (`SolverOptions.creepLimits`); nil for none.
    /// A bounded run watches them only on the parameters it moves without a bound's transformation.
    private var creepRule: (limits: [Double], allowance: Int)? {
        if let limits = creepLimits, let allowance = creepEvaluationLimit { return (limits, allowance) }
        if let limits = options.creepLimits, let allowance = options.creepEvaluationLimit { return (limits, allowance) }
        return nil
    }

    /// One run from one start, then the diagnosis. Returns a lower point if the probe found one.
    func fitOnce<P: LeastSquaresProblem>(_ problem: P, names: [String], observed: [Double], start: [Double],
                                         bounds: [ParameterBounds]?) -> (FitResult, [Double]?) {
        let outcome: SolverOutcome
        if let bounds, !bounds.allSatisfy(\.isUnbounded) {
            // The parameters of `boundedLogScaled` bounded below by 0 alone and positive at the start
            // move on the log scale, which keeps them positive, instead of through their bound.
            let logged = boundedLogScaled.filter { bounds[$0] == ParameterBounds(lower: 0) && start[$0] > 0 }
            var inner = bounds
            for j in logged { inner[j] = .unbounded }
            let bounded = BoundedProblem(base: problem, bounds: inner)
            // The bounds keep the points where they hold.
            var boundedOptions = options
            boundedOptions.domainLowerLimits = nil
            // Creep is watched on the parameters without a bound's transformation (`creepRule`).
            if let rule = creepRule {
                boundedOptions.creepLimits = rule.limits.indices.map { inner[$0].isUnbounded ? rule.limits[$0] : .infinity }
                boundedOptions.creepEvaluationLimit = rule.allowance
            }
            var o: SolverOutcome
            if logged.isEmpty {
                o = LevenbergMarquardt.minimize(bounded, from: bounded.internal(start), options: boundedOptions)
            } else {
                o = Self.minimizeOnLogScale(bounded, logged, from: bounded.internal(start), options: boundedOptions)
            }
            o.x = bounded.external(o.x)
            outcome = o
        } else if !logScaled.isEmpty, logScaled.allSatisfy({ start[$0] > 0 }) {
            outcome = Self.minimizeOnLogScale(problem, logScaled, from: start, options: options)
        } else {
            outcome = minimizeSwitchingScale(problem, from: start)
        }
        return diagnose(problem, names: names, observed: observed, outcome: outcome, bounds: bounds)
    }

    /// The linear-scale run, which goes on with the parameters that pass `logScaleBeyond` on the log
    /// scale, from that point and with the evaluations it has left.
    private func minimizeSwitchingScale<P: LeastSquaresProblem>(_ problem: P, from start: [Double]) -> SolverOutcome {
        guard let beyond = logScaleBeyond, beyond.contains(where: \.isFinite) else {
            return LevenbergMarquardt.minimize(problem, from: start, options: options)
        }
        var first = options
        first.handOffLimits = beyond
        let o = LevenbergMarquardt.minimize(problem, from: start, options: first)
        guard o.stop == .handOff else { return o }
        // The run from the hand-off point takes at least two evaluations (that point and one step).
        let budget = options.evaluationBudget(parameters: start.count)
        guard budget - o.evaluations >= 2 else {
            var stopped = o
            stopped.stop = .evaluationLimit
            return stopped
        }
        var rest = options
        rest.maxEvaluations = budget - o.evaluations
        var second = Self.minimizeOnLogScale(problem, o.x.indices.filter { o.x[$0] > beyond[$0] }, from: o.x, options: rest)
        second.evaluations += o.evaluations
        second.jacobianEvaluations += o.jacobianEvaluations
        // Both runs count their first point as iteration 1.
        second.iterations += o.iterations - 1
        return second
    }

    /// A run with the parameters `logged` (positive at `start`) on the log scale; its point on the original scale.
    static func minimizeOnLogScale<P: LeastSquaresProblem>(_ problem: P, _ logged: [Int], from start: [Double],
                                                           options: SolverOptions) -> SolverOutcome {
        let scaled = LogScaledProblem(base: problem, logged: logged)
        var o = LevenbergMarquardt.minimize(scaled, from: scaled.internal(start), options: logScaleOptions(options, logged))
        o.x = scaled.external(o.x)
        return o
    }

    /// `options` for the solver moving the parameters `logged` on the log scale: their runaway limits
    /// as logarithms (and no lower ones); no domain limits for them, since they stay positive.
    static func logScaleOptions(_ options: SolverOptions, _ logged: [Int]) -> SolverOptions {
        var logOptions = options
        if var limits = options.runawayLimits {
            var lower = options.runawayLowerLimits ?? limits.map { -$0 }
            for j in logged { (limits[j], lower[j]) = (Double.log(limits[j]), -.infinity) }
            logOptions.runawayLimits = limits
            logOptions.runawayLowerLimits = lower
        }
        if var domain = options.domainLowerLimits {
            for j in logged { domain[j] = -.infinity }
            logOptions.domainLowerLimits = domain
        }
        if var creep = options.creepLimits {
            for j in logged { creep[j] = Double.log(creep[j]) }
            logOptions.creepLimits = creep
        }
        return logOptions
    }

    func diagnose<P: LeastSquaresProblem>(_ problem: P, names: [String], observed: [Double],
                                          outcome: SolverOutcome, bounds: [ParameterBounds]?) -> (FitResult, [Double]?) {
        let m = problem.residualCount, n = problem.parameterCount
        let x = outcome.x
        // The solver's residuals are those at its x (through any transformation, the same x).
        var result = FitResult(parameterNames: names, estimates: x, residuals: outcome.residuals,
                               observed: observed, status: .converged, message: "converged",
                               solverStop: outcome.stop, evaluations: outcome.evaluations,
                               jacobianEvaluations: outcome.jacobianEvaluations,
                               conditionNumber: .nan, startsTried: 1)
        let rss = result.residualSumOfSquares
        guard rss.isFinite, x.allSatisfy(\.isFinite) else {
            result.status = .nonFinite
            result.message = "the model is not finite at the start or the estimates"
            return (result, nil)
        }
        // The Jacobian and the probe's residuals in one block of scratch.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: m * n + m) { w in
            w.initialize(repeating: 0)
            let jac = UnsafeMutableBufferPointer(rebasing: w[0..<(m * n)])
            let scratch = UnsafeMutableBufferPointer(rebasing: w[(m * n)...])
            return judge(problem, names: names, x: x, rss: rss, result: result, bounds: bounds,
                         jac: jac, scratch: scratch)
        }
    }

    /// The diagnosis at the solver's point: identifiability, the solver's stop, bounds, the probe.
    private func judge<P: LeastSquaresProblem>(_ problem: P, names: [String], x: [Double], rss: Double,
                                               result: FitResult, bounds: [ParameterBounds]?,
                                               jac: UnsafeMutableBufferPointer<Double>,
                                               scratch: UnsafeMutableBufferPointer<Double>) -> (FitResult, [Double]?) {
        let m = problem.residualCount, n = problem.parameterCount
        var result = result
        problem.jacobian(at: x, into: jac)
        guard jac.allSatisfy(\.isFinite) else {
            result.status = .nonFinite
            result.message = "the Jacobian is not finite at the estimates"
            return (result, nil)
        }

        // Column norms (guarded against overflow: p about 1e-166 has a column about 1e167) and
        // each parameter's influence on the curve.
        var norms = [Double](repeating: 0, count: n)
        for j in 0..<n {
            norms[j] = MINPACK.enorm(UnsafePointer(jac.baseAddress! + j * m), m)
        }
        func influence(_ j: Int) -> Double { norms[j] * (x[j] == 0 ? 1 : abs(x[j])) }
        var largest = 0.0
        for j in 0..<n { largest = max(largest, influence(j)) }
        // Parameters on a bound are held there, not estimated (no array is made without bounds).
        func onBound(_ j: Int) -> Bool { bounds?[j].touches(x[j]) ?? false }
        let held: [Int] = bounds == nil ? [] : (0..<n).filter(onBound)
        // A parameter on a bound near zero has a tiny influence by its size alone; the bound,
        // not the data, holds it, and it is reported as on its bound below.
        let dead = (0..<n).filter { norms[$0] == 0 || (!held.contains($0) && influence($0) <= 1e-10 * largest) }

        // SVD of the column-scaled Jacobian (scaled in place): condition number and covariance.
        for j in 0..<n {
            let c = norms[j] == 0 ? 1 : norms[j]
            for i in 0..<m { jac[i + j * m] /= c }
        }
        // The SVD takes the columns of the parameters not held (moved to the front), and the
        // covariance is conditional on the bound values, with zero rows and columns for the
        // held parameters (whose standard errors are not given).
        let free: [Int]? = held.isEmpty ? nil : (0..<n).filter { !held.contains($0) }
        let nf = free?.count ?? n
        if let free {
            for (a, j) in free.enumerated() where a != j {
                for i in 0..<m { jac[i + a * m] = jac[i + j * m] }
            }
            result.heldAtBound = held
        }
        func original(_ a: Int) -> Int { free?[a] ?? a }
        // Parameters that load on the weakest direction (named when they are collinear).
        var weakest: [Int] = []
        if nf > 0 {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: nf + nf * nf + Decompositions.jacobiWorkspace(rows: m, columns: nf)) { w in
                let sv = w.baseAddress!, vt = sv + nf
                Decompositions.jacobiSingularValuesAndRightVectors(rows: m, columns: nf, UnsafePointer(jac.baseAddress!),
                                                                   s: sv, vt: vt, work: vt + nf * nf)
                let s1 = sv[0], sn = sv[nf - 1]
                result.conditionNumber = sn > 0 ? s1 / sn : .infinity
                if sn > 0 && result.conditionNumber <= identifiabilityLimit && dead.isEmpty {
                    // (JᵀJ)⁻¹ = W·Wᵀ; the rows of held parameters stay zero.
                    var factor = [Double](repeating: 0, count: n * n)
                    for a in 0..<nf {
                        let ja = original(a)
                        for k in 0..<nf { factor[ja * n + k] = vt[k + a * nf] / (sv[k] * norms[ja]) }
                    }
                    result.unscaledCovarianceFactor = factor
                } else if !(result.conditionNumber <= identifiabilityLimit) {
                    weakest = (0..<nf).filter { abs(vt[nf - 1 + $0 * nf]) > 0.4 }.map(original)
                }
            }
        } else {
            result.conditionNumber = 1
            result.unscaledCovarianceFactor = [Double](repeating: 0, count: n * n)
        }

        if !dead.isEmpty {
            result.status = .notIdentified
            result.message = "not identified: the fit does not depend on "
                + dead.map { "'\(names[$0])'" }.joined(separator: ", ") + " at the estimates (zero Jacobian column)"
            return (result, nil)
        }
        if result.solverStop == .runaway {
            // The cause, where the Jacobian at the point the solver stopped is also nearly singular.
            let upper = options.runawayLimits, lower = options.runawayLowerLimits ?? upper?.map { -$0 }
            let gone = (0..<n).filter { x[$0] > (upper?[$0] ?? .infinity) || x[$0] < (lower?[$0] ?? -.infinity) }
            result.status = .notIdentified
            // The value reached, then the limit it passed.
            let passed = gone.map { j in
                let limit = (x[j] > (upper?[j] ?? .infinity) ? upper?[j] : lower?[j]) ?? .nan
                return "reached \(shortNumber(x[j])), past \(shortNumber(limit))"
            }
            result.message = "not identified: " + gone.map { "'\(names[$0])'" }.joined(separator: ", ")
                + " \(Self.ranAwayPhrase) (\(passed.joined(separator: "; ")))"
            return (result, nil)
        }
        if result.solverStop == .creep {
            // Stopped where a parameter creeps off (before the identifiability test, which a point so
            // far along the valley fails): the caller says what it runs away to, and the rule names the
            // limits the run was given.
            let (creep, allowance) = creepRule ?? ([], 0)
            let past = creep.indices.filter { x[$0] > creep[$0] }
            result.status = .evaluationLimit
            result.message = "stopped with " + past.map { "'\(names[$0])' above \(shortNumber(creep[$0]))" }.joined(separator: ", ")
                + " for \(allowance) evaluations (\(result.evaluations) in all), before converging"
            return (result, nil)
        }
        if !(result.conditionNumber <= identifiabilityLimit) {
            result.status = .notIdentified
            let quoted = weakest.map { "'\(names[$0])'" }.joined(separator: ", ")
            result.message = "not identified: singular JᵀJ ("
                + (result.conditionNumber.isFinite ? "scaled condition number \(shortNumber(result.conditionNumber))" : "rank-deficient")
                + ")" + (weakest.count > 1 ? "; collinear: \(quoted)" : weakest.count == 1 ? "; \(quoted) barely moves the fit" : "")
            return (result, nil)
        }
        switch result.solverStop {
        case .nonFiniteStart:
            result.status = .nonFinite
            result.message = "the model is not finite at the start"
            return (result, nil)
        case .evaluationLimit:
            result.status = .evaluationLimit
            result.message = "stopped at the evaluation limit (\(result.evaluations)) before converging"
            return (result, nil)
        case .leftDomain:
            result.status = .evaluationLimit
            result.message = "stopped outside the parameters' domain after \(result.evaluations) evaluations, before converging"
            return (result, nil)
        default:
            break
        }
        if !held.isEmpty {
            result.status = .atBound
            result.message = "estimate on a bound: " + held.map { "'\(names[$0])'" }.joined(separator: ", ")
            return (result, nil)
        }
        // The columns are scaled by their norms here (no parameter is held or dead).
        if isCertainMinimum(problem, at: x, residuals: result.residuals, scaledJacobian: UnsafePointer(jac.baseAddress!),
                            norms: norms, rss: rss) {
            return (result, nil)
        }
        if let lower = probeForLowerPoint(problem, at: x, norms: norms, rss: rss, scratch: scratch) {
            result.status = .notAMinimum
            result.message = "stationary point that is not a minimum: a nearby point has a lower residual sum of squares"
            return (result, lower)
        }
        if probesGaussNewtonStep, let factor = result.unscaledCovarianceFactor,
           let lower = probeAlongGaussNewtonStep(problem, at: x, residuals: result.residuals, observed: result.observed,
                                                 scaledJacobian: UnsafePointer(jac.baseAddress!), norms: norms,
                                                 covarianceFactor: factor, rss: rss, scratch: scratch) {
            result.status = .notAMinimum
            result.message = "not a minimum: the solver stopped where the Gauss–Newton step still lowers the residual sum of squares"
            return (result, lower)
        }
        if probesGaussNewtonStep, let j = linearizationFails(problem, result: result, norms: norms, scratch: scratch) {
            result.status = .notIdentified
            result.message = "not identified: the fit depends on '\(names[j])' only to second order at the estimates "
                + "(its Jacobian column vanishes there): one standard error away, the residual sum of squares rises "
                + "more than 10⁶ times what the linearization says, so the standard errors say nothing"
            return (result, nil)
        }
        return (result, nil)
    }

    /// The first parameter j whose linearization fails at a minimum: one standard error sⱼ from the
    /// estimate, both ways, the RSS rises by more than 10⁶ times the (sⱼ·‖Jⱼ‖)² the linear model gives it
    /// (which is at least σ²). So it does where the column vanishes at the minimum, as −a² at a = 0,
    /// whose standard error σ/‖Jₐ‖ is then as large as rounding makes it (7e17 on the dryers); a
    /// parameter the data hold rises by a factor near 1 (the 52 NIST fits through `adopt fit
    /// --formula`: at most 1.24; a logistic formula on the seven durables and a·e^{bx} on the dryers:
    /// at most 1.0). A side where the model is not finite says nothing. For formula fits
    /// (`probesGaussNewtonStep`): two evaluations a parameter.
    /// `scratch` (m residuals) is overwritten.
    func linearizationFails<P: LeastSquaresProblem>(_ problem: P, result: FitResult, norms: [Double],
                                                    scratch r: UnsafeMutableBufferPointer<Double>) -> Int? {
        let n = problem.parameterCount
        let rss = result.residualSumOfSquares
        guard result.degreesOfFreedom > 0, rss > 0 else { return nil }
        var trial = result.estimates
        for j in 0..<n {
            let se = result.standardError(j)
            guard se.isFinite, se > 0 else { continue }
            let predicted = (se * norms[j]) * (se * norms[j])
            var rise = Double.infinity
            for side in 0..<2 {
                trial[j] = result.estimates[j] + (side == 0 ? -se : se)
                problem.residuals(at: trial, into: r)
                let s = Reductions.sumOfSquares(r.baseAddress!, r.count)
                if s.isFinite { rise = min(rise, s - rss) }
            }
            trial[j] = result.estimates[j]
            if rise.isFinite && rise > 1e6 * predicted { return j }
        }
        return nil
    }

    /// A point along the Gauss–Newton step s = −(JᵀJ)⁻¹Jᵀr from x that lowers the cost, when the
    /// linear model predicts a reduction gᵀ(JᵀJ)⁻¹g above 1e-8·RSS (at a minimum it is rounding,
    /// below about ε²·κ² ≤ 1e-12 of the RSS for a scaled condition number κ ≤ 1e10) and above the
    /// rounding of the residuals themselves, Σ(1000·ε·sᵢ)² with sᵢ = |rᵢ| + 2|yᵢ| + Σⱼ|∂rᵢ/∂θⱼ·θⱼ|
    /// (the last sum the size of the model's terms, which can far exceed y: a + b·x + c·x² at x near
    /// 3e5 has terms near 1e9 for a y below 1,000): a curve through exact data leaves residuals that
    /// are all rounding, any share of which the step may claim. The axis probe
    /// cannot see a descent along a narrow valley that no parameter follows alone (a·e^{bx} at x
    /// near 1950, where a must change by a factor 10¹⁰ as b moves by 0.01), and a solver whose trust
    /// region has shrunk there stops by its cost tolerance. Tries x + t·s for t = 1, ½, ¼, … down
    /// to about 1e-9, and returns the first point whose RSS is below RSS·(1 − 1e-9).
    /// `a` is the Jacobian with column j divided by `norms[j]`; `covarianceFactor` is W with
    /// (JᵀJ)⁻¹ = W·Wᵀ (n × n, row-major); `scratch` (m residuals) is overwritten.
    func probeAlongGaussNewtonStep<P: LeastSquaresProblem>(_ problem: P, at x: [Double], residuals: [Double],
                                                           observed: [Double], scaledJacobian a: UnsafePointer<Double>, norms: [Double],
                                                           covarianceFactor w: [Double], rss: Double,
                                                           scratch r: UnsafeMutableBufferPointer<Double>) -> [Double]? {
        let m = problem.residualCount, n = problem.parameterCount
        guard rss > 0, w.count == n * n else { return nil }
        // g = Jᵀr, u = Wᵀg (‖u‖² is the predicted reduction), s = −W·u.
        var g = [Double](repeating: 0, count: n)
        residuals.withUnsafeBufferPointer { res in
            g.withUnsafeMutableBufferPointer { Self.gradient(scaledJacobian: a, norms: norms, residuals: res.baseAddress!, m, n, into: $0.baseAddress!) }
        }
        var u = [Double](repeating: 0, count: n)
        let predicted = FitResult.quadraticForm(w, g, into: &u, n)
        var rounding = 0.0
        for i in 0..<m {
            var size = abs(residuals[i]) + (observed.count == m ? 2 * abs(observed[i]) : 0)
            for j in 0..<n { size += abs(a[i + j * m] * norms[j] * x[j]) }
            rounding += (1000 * MINPACK.epsilon * size) * (1000 * MINPACK.epsilon * size)
        }
        guard predicted.isFinite, predicted > 1e-8 * rss, predicted > rounding else { return nil }
        var step = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for k in 0..<n { step[j] -= w[j * n + k] * u[k] }
        }
        var trial = x
        var t = 1.0
        while t >= 1e-9 {
            for j in 0..<n { trial[j] = x[j] + t * step[j] }
            problem.residuals(at: trial, into: r)
            let s = Reductions.sumOfSquares(r.baseAddress!, r.count)
            if s.isFinite && s < rss * (1 - 1e-9) { return trial }
            t *= 0.5
        }
        return nil
    }

    /// g = Jᵀr from the Jacobian with column j divided by `norms[j]` (m × n, column-major).
    @inline(__always)
    static func gradient(scaledJacobian a: UnsafePointer<Double>, norms: [Double], residuals r: UnsafePointer<Double>,
                         _ m: Int, _ n: Int, into g: UnsafeMutablePointer<Double>) {
        for k in 0..<n { g[k] = Reductions.dot(a + k * m, r, m) * norms[k] }
    }

    /// Whether the cost's exact Hessian JᵀJ + S (S = Σ rᵢ∇²rᵢ, from a problem that has second
    /// derivatives) is positive definite at x, with every Cholesky pivot of its column-scaled form
    /// (unit diagonal in JᵀJ) above 1e-5, and the Newton step from x lowers the quadratic model by at
    /// most 1e-10·RSS (gᵀH⁻¹g, g = Jᵀr). Then x is a strict local minimum to within that, and no point
    /// the probe tries is lower by its 1e-9·RSS: the probe steps a scaled √(2e-4·RSS) along each axis,
    /// where the quadratic model rises by 2e-4·Ĥⱼⱼ·RSS, at least 2e-9·RSS above that floor, so the
    /// probe's verdict rests on the quadratic model and not on higher terms it would see alone. Otherwise (no second derivatives,
    /// an indefinite or nearly singular Hessian, a point short of the minimum) the probe decides.
    /// `a` is the Jacobian with column j divided by `norms[j]` (all non-zero).
    func isCertainMinimum<P: LeastSquaresProblem>(_ problem: P, at x: [Double], residuals: [Double],
                                                  scaledJacobian a: UnsafePointer<Double>, norms: [Double],
                                                  rss: Double) -> Bool {
        let m = problem.residualCount, n = problem.parameterCount
        guard rss > 0, n > 0 else { return false }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n + n) { w in
            let h = w.baseAddress!, g = h + n * n
            h.initialize(repeating: 0, count: n * n + n)
            return residuals.withUnsafeBufferPointer { r -> Bool in
                // g = Jᵀr, first unscaled for the problem.
                Self.gradient(scaledJacobian: a, norms: norms, residuals: r.baseAddress!, m, n, into: g)
                guard problem.addResidualCurvature(at: x, residuals: r, gradient: UnsafeBufferPointer(start: g, count: n),
                                                   into: h) else { return false }
                // Ĥ = D⁻¹(JᵀJ + S)D⁻¹ = ĴᵀĴ + D⁻¹SD⁻¹ and ĝ = D⁻¹g = Ĵᵀr, whose ĝᵀĤ⁻¹ĝ is gᵀH⁻¹g.
                // The lower triangle, which is all the factorization reads.
                for k in 0..<n {
                    for j in k..<n {
                        h[j + k * n] = h[j + k * n] / (norms[j] * norms[k]) + Reductions.dot(a + j * m, a + k * m, m)
                    }
                    g[k] /= norms[k]
                }
                // Ĥ = LLᵀ, then gᵀH⁻¹g = ‖L⁻¹ĝ‖².
                guard Decompositions.choleskyLower(n: n, h, minimumPivot: 1e-5) else { return false }
                return Decompositions.solveLower(n: n, h, g) <= 1e-10 * rss
            }
        }
    }

    /// Steps along each parameter axis, both ways, by an amount the linear model says
    /// should raise the cost by about 10⁻⁴·RSS; a point that lowers it instead shows the
    /// solver stopped at a saddle or a ridge, not a minimum.
    /// `scratch` (m residuals) is overwritten.
    func probeForLowerPoint<P: LeastSquaresProblem>(_ problem: P, at x: [Double], norms: [Double], rss: Double,
                                                    scratch r: UnsafeMutableBufferPointer<Double>) -> [Double]? {
        guard rss > 0 else { return nil }
        let n = problem.parameterCount
        var trial = x
        for j in 0..<n where norms[j] > 0 {
            let h = (2e-4 * rss).squareRoot() / norms[j]
            for sign in stride(from: -1.0, through: 1.0, by: 2.0) {
                trial[j] = x[j] + sign * h
                problem.residuals(at: trial, into: r)
                let s = Reductions.sumOfSquares(r.baseAddress!, r.count)
                if s.isFinite && s < rss * (1 - 1e-9) { return trial }
            }
            trial[j] = x[j]
        }
        return nil
    }
}

/// A number for a message: three decimals from 1 to 1e6 (`16497.005`), four significant digits below 1
/// (`0.003543`: an RSS of 0.00354 against 0.0043 read as "0.004 against 0.004"), in scientific notation
/// outside 1e-3 to 1e6 (`2.384e-25`).
public func shortNumber(_ x: Double) -> String {
    guard x.isFinite else { return x > 0 ? "inf" : (x < 0 ? "-inf" : "nan") }
    let e = x == 0 ? 0 : Int((abs(x)).log10Floor)
    if e >= -3 && e < 0 { return rounded(x, decimals: 3 - e) }
    if e >= -3 && e < 6 { return rounded(x, decimals: 3) }
    let mant = x / pow10(e)
    return "\(rounded(mant, decimals: 3))e\(e)"
}

/// `x` rounded to `decimals` decimals, without a trailing ".0".
private func rounded(_ x: Double, decimals: Int) -> String {
    let scale = pow10(decimals)
    var s = "\((x * scale).rounded() / scale)"
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
}

private func pow10(_ e: Int) -> Double {
    var p = 1.0
    for _ in 0..<abs(e) { p *= 10 }
    return e >= 0 ? p : 1 / p
}

private extension Double {
    var log10Floor: Double {
        var e = 0.0, v = self
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }
}
