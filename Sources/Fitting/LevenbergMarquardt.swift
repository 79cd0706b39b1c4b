import LinearAlgebra

/// Why the Levenberg–Marquardt iteration stopped (MINPACK `info` 1–8).
public enum SolverStop: Int, Sendable, Codable {
    /// Actual and predicted relative reductions of the cost are at most `costTolerance`.
    case costTolerance = 1
    /// The relative change of the scaled parameters is at most `stepTolerance`.
    case stepTolerance = 2
    /// Both of the above.
    case costAndStepTolerance = 3
    /// The residuals are orthogonal to the Jacobian's columns within `gradientTolerance`.
    case gradientTolerance = 4
    /// The evaluation cap was reached.
    case evaluationLimit = 5
    /// The cost cannot be reduced further at machine precision.
    case costAtMachinePrecision = 6
    /// The step cannot be made smaller at machine precision.
    case stepAtMachinePrecision = 7
    /// The gradient is zero to machine precision.
    case gradientAtMachinePrecision = 8
    /// The model was not finite at the starting point.
    case nonFiniteStart = 9
    /// A parameter passed its runaway limit: the data do not hold it (e.g. a market
    /// potential growing without end on pre-peak data).
    case runaway = 10
    /// The iterates stayed outside the domain (`SolverOptions.domainLowerLimits`) for
    /// `SolverOptions.outsideEvaluationLimit` evaluations.
    case leftDomain = 11
    /// An accepted step carried a parameter past its `SolverOptions.handOffLimits`, inside the domain:
    /// the caller goes on from there (`NonlinearLeastSquares.logScaleBeyond`; never a fit's stop).
    case handOff = 12
    /// The iterates stayed past a creep limit (`SolverOptions.creepLimits`) for
    /// `SolverOptions.creepEvaluationLimit` evaluations.
    case creep = 13

    /// True when the iteration reached a stationary point, by tolerance or by machine precision.
    public var reachedStationaryPoint: Bool {
        switch self {
        case .evaluationLimit, .nonFiniteStart, .runaway, .leftDomain, .handOff, .creep: false
        default: true
        }
    }
}

/// Tolerances and limits of the Levenberg–Marquardt solver.
///
/// The defaults are far tighter than MINPACK's √ε: the NIST StRD problems need
/// them for six correct digits (with √ε, ENSO and MGH09 stop at fewer than four).
public struct SolverOptions: Sendable, Equatable {
    /// Relative reduction of the sum of squares below which the iteration stops.
    public var costTolerance: Double = 1e-14
    /// Relative step size below which the iteration stops.
    public var stepTolerance: Double = 1e-14
    /// Cosine between residuals and Jacobian columns below which the iteration stops.
    public var gradientTolerance: Double = 1e-14
    /// Maximum residual evaluations; `nil` means 2000·(n + 1).
    public var maxEvaluations: Int? = nil
    /// Initial trust-region radius as a multiple of ‖D·x₀‖ (MINPACK `factor`).
    public var initialStepBound: Double = 100
    /// Optional magnitude limits per parameter: an accepted step beyond one stops
    /// the iteration with `.runaway` instead of chasing the parameter to overflow.
    public var runawayLimits: [Double]? = nil
    /// Lower runaway limits, where they are not −`runawayLimits`: a log-scaled parameter runs
    /// away upwards only (its fall towards zero is no runaway), so its lower limit is −∞.
    public var runawayLowerLimits: [Double]? = nil
    /// The lower limits of the parameters' domain, where a caller wants its answer and refits
    /// inside it (with bounds) whatever ends outside: a run whose accepted points have stayed
    /// below one of them for `outsideEvaluationLimit` evaluations stops there (`.leftDomain`),
    /// instead of following the problem outside to the evaluation limit. A Richards fit to 3,843
    /// days of sales crept towards ν = −1.14, where its curve starts at a finite time, through
    /// 10,000 evaluations from each of five starts, all then refitted with ν ≥ 0.
    public var domainLowerLimits: [Double]? = nil
    /// Evaluations a run may spend outside `domainLowerLimits`; `nil`: no limit.
    public var outsideEvaluationLimit: Int? = nil
    /// Values per parameter: an accepted step that takes one from at or below its own to above it, to a
    /// point inside the domain (`domainLowerLimits`, where `outsideEvaluationLimit` is set), stops the
    /// iteration with `.handOff` (`NonlinearLeastSquares.logScaleBeyond`). `nil`: none.
    var handOffLimits: [Double]? = nil
    /// Values per parameter that a run's accepted points may stay above for `creepEvaluationLimit`
    /// consecutive evaluations before it stops there (`.creep`): a market potential creeping off along a
    /// valley towards a limit curve, which a bounded fit follows slowly (`NonlinearLeastSquares.creepLimits`),
    /// or the Richards shape ν along the ridge out to the capped exponential
    /// (`AdoptionFitter.limitRefitCreepFactor`). `nil`, or no `creepEvaluationLimit`: none.
    var creepLimits: [Double]? = nil
    /// Evaluations a run may spend above `creepLimits`; `nil`: no limit.
    var creepEvaluationLimit: Int? = nil

    public init() {}

    /// The evaluations a run of `n` parameters may take: `maxEvaluations`, else 2000·(n + 1).
    public func evaluationBudget(parameters n: Int) -> Int { maxEvaluations ?? 2000 * (n + 1) }
}

/// The raw outcome of one Levenberg–Marquardt run.
public struct SolverOutcome: Sendable {
    public var x: [Double]
    public var residuals: [Double]
    public var residualSumOfSquares: Double
    public var stop: SolverStop
    public var evaluations: Int
    public var jacobianEvaluations: Int
    public var iterations: Int
}

/// The Levenberg–Marquardt method with MINPACK's trust-region strategy and
/// column scaling from the Jacobian's norms.
///
/// Moré (1978), "The Levenberg–Marquardt algorithm: implementation and theory",
/// *Lecture Notes in Mathematics* 630, 105–116.
public enum LevenbergMarquardt {
    public static func minimize<P: LeastSquaresProblem>(_ problem: P, from start: [Double],
                                                         options: SolverOptions = SolverOptions()) -> SolverOutcome {
        let n = problem.parameterCount, m = problem.residualCount
        precondition(start.count == n && m >= n && n > 0, "need m ≥ n > 0 and a start for every parameter")
        // One block of scratch (on the stack for the few parameters and observations of a
        // curve fit): the residuals at x and at the trial point, the Jacobian, and the rest.
        let layout = ScratchLayout(n: n, m: m)
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: layout.count) { w in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { p in
                w.initialize(repeating: 0)
                p.initialize(repeating: 0)
                let fvec = UnsafeMutableBufferPointer(rebasing: w[layout.residuals..<(layout.residuals + m)])
                problem.residuals(at: start, into: fvec)
                let fnorm = MINPACK.enorm(UnsafeBufferPointer(fvec))
                guard fnorm.isFinite else {
                    return SolverOutcome(x: start, residuals: Array(fvec), residualSumOfSquares: .infinity,
                                         stop: .nonFiniteStart, evaluations: 1, jacobianEvaluations: 0, iterations: 0)
                }
                var x = start
                var xTrial = [Double](repeating: 0, count: n)
                return iterate(problem, options: options, n: n, m: m, x: &x, fnorm: fnorm, xTrial: &xTrial,
                               work: w.baseAddress!, ipvt: p.baseAddress!)
            }
        }
    }

    private static func iterate<P: LeastSquaresProblem>(
        _ problem: P, options: SolverOptions, n: Int, m: Int, x: inout [Double],
        fnorm fnorm0: Double, xTrial: inout [Double],
        work: UnsafeMutablePointer<Double>, ipvt: UnsafeMutablePointer<Int>
    ) -> SolverOutcome {
        let maxfev = options.evaluationBudget(parameters: n)
        let diag = work, qtf = work + n, wa1 = work + 2 * n, wa2 = work + 3 * n, wa3 = work + 4 * n
        let layout = ScratchLayout(n: n, m: m)
        let sdiag = work + 5 * n, scratch1 = work + 6 * n, scratch2 = work + 7 * n, wa4 = work + layout.qtr
        // The residuals at x and at the trial point trade places when a step is taken.
        var fvec = UnsafeMutableBufferPointer(start: work + layout.residuals, count: m)
        var trial = UnsafeMutableBufferPointer(start: work + layout.trial, count: m)
        let fjacBuffer = UnsafeMutableBufferPointer(start: work + layout.jacobian, count: m * n)
        let a = fjacBuffer.baseAddress!
        var nfev = 1, njev = 0
        var hasCurvature = true
        var lastPredicted = Double.infinity
        // Newton's step is tried where the last step taken predicted less than this fraction of the cost
        // away (below).
        var newtonBelow = 1e-3
        var fnorm = fnorm0
        var par = 0.0, delta = 0.0, xnorm = 0.0
        var iteration = 1
        var stop: SolverStop? = nil
        let limits = options.runawayLimits
        let lowerLimits = options.runawayLowerLimits ?? limits?.map { -$0 }
        precondition(limits.map { $0.count == n } ?? true, "one runaway limit per parameter")
        precondition(lowerLimits.map { $0.count == n } ?? true, "one lower runaway limit per parameter")
        let handOff = options.handOffLimits
        precondition(handOff.map { $0.count == n } ?? true, "one hand-off limit per parameter")
        // Outside the domain (below its limits), and past the creep limits.
        var outside = Stay(below: options.domainLowerLimits, allowance: options.outsideEvaluationLimit, n: n, from: x)
        var beyond = Stay(above: options.creepLimits, allowance: options.creepEvaluationLimit, n: n, from: x)

        outer: while true {
            problem.jacobian(at: x, into: fjacBuffer)
            njev += 1
            MINPACK.qrfac(m: m, n: n, a: a, ld: m, ipvt: ipvt, rdiag: wa1, acnorm: wa2, wa: wa3)
            if iteration == 1 {
                for j in 0..<n { diag[j] = wa2[j] == 0 ? 1 : wa2[j] }
                x.withUnsafeBufferPointer { x in for j in 0..<n { wa3[j] = diag[j] * x[j] } }
                xnorm = MINPACK.enorm(UnsafePointer(wa3), n)
                delta = options.initialStepBound * xnorm
                if delta == 0 { delta = options.initialStepBound }
            }
            // Qᵀ·r into qtf; put R's diagonal back.
            for i in 0..<m { wa4[i] = fvec[i] }
            MINPACK.applyQTranspose(m: m, n: n, a: a, ld: m, to: wa4)
            for j in 0..<n {
                a[j + j * m] = wa1[j]
                qtf[j] = wa4[j]
            }
            // Scaled gradient norm: the largest cosine between r and a column of J.
            var gnorm = 0.0
            if fnorm != 0 {
                for j in 0..<n {
                    let l = ipvt[j]
                    if wa2[l] != 0 {
                        var sum = 0.0
                        for i in 0...j { sum += a[i + j * m] * (qtf[i] / fnorm) }
                        gnorm = max(gnorm, abs(sum / wa2[l]))
                    }
                }
            }
            if gnorm <= options.gradientTolerance { stop = .gradientTolerance; break outer }
            for j in 0..<n { diag[j] = max(diag[j], wa2[j]) }
            // Newton's step on the exact Hessian, where the problem has one and it is positive definite,
            // once the last step taken predicted less than 1e-3 of the cost away: near the minimum,
            // where Gauss–Newton slows to a linear rate on a fit whose residuals do not vanish and
            // Newton's converges quadratically. Far from it the Hessian is not worth its cost, and on a
            // fit whose infimum lies at no finite point (a spike fitted ever better as p → 0 and q
            // grows) each step gains a fixed fraction of the cost: Newton's steps would walk there
            // for ever, where the Levenberg–Marquardt steps leave the domain and the fit is bounded.
            // Where the Hessian gives no step to take (it is not positive definite, or its step is longer
            // than the trust region or 1 % of x), it is asked again only once the predicted reduction has
            // fallen a hundredfold: on a market potential running away (Gompertz fits of series before
            // their peak) the predictions stay small while the Hessian is indefinite, and asking at every
            // step cost more than the Newton steps saved. (Asking again after a step longer than the
            // trust region alone, which may have just shrunk, took the hard series' Gompertz fits 1.16
            // times as long, `Benchmarks/results/paired-second-derivatives.md`.)
            // A step to take is inside the trust region and at most 1 % of x (scaled): one that moves x
            // more is no step near a minimum. That is decided here once for this point, since a step that
            // fails here only shrinks the region.
            var newtonReduction: Double? = nil
            if hasCurvature && lastPredicted < newtonBelow {
                let newton = newtonStep(problem, n: n, m: m, x: x, residuals: UnsafeBufferPointer(fvec), r: a, ipvt: ipvt,
                                        qtf: qtf, diag: diag, hessian: work + layout.hessian, gradient: work + layout.gradient,
                                        step: work + layout.newtonStep, hasCurvature: &hasCurvature)
                if let newton, newton.norm <= min(delta, 0.01 * xnorm) {
                    newtonReduction = newton.reduction
                } else {
                    newtonBelow = lastPredicted / 100
                }
            }

            while true {
                // Newton's step where there is one; else, or once it has failed at this point, the
                // Levenberg–Marquardt step.
                if newtonReduction != nil {
                    par = 0
                    for j in 0..<n { wa1[j] = work[layout.newtonStep + j] }
                } else {
                    MINPACK.lmpar(n: n, r: a, ld: m, ipvt: ipvt, diag: diag, qtb: qtf, delta: delta,
                                  par: &par, x: wa1, sdiag: sdiag, wa1: scratch1, wa2: scratch2)
                    for j in 0..<n { wa1[j] = -wa1[j] }
                }
                let stepPar = par
                for j in 0..<n {
                    xTrial[j] = x[j] + wa1[j]
                    wa3[j] = diag[j] * wa1[j]
                }
                let pnorm = MINPACK.enorm(UnsafePointer(wa3), n)
                if iteration == 1 { delta = min(delta, pnorm) }
                problem.residuals(at: xTrial, into: trial)
                nfev += 1
                var fnorm1 = MINPACK.enorm(UnsafeBufferPointer(trial))
                if !fnorm1.isFinite { fnorm1 = .infinity }

                var actred = -1.0
                if 0.1 * fnorm1 < fnorm { let r = fnorm1 / fnorm; actred = 1 - r * r }
                // Predicted reduction and directional derivative (half the derivative of the
                // relative cost along the step): of the Gauss–Newton model, or for Newton's step
                // −H⁻¹g of the exact quadratic model, gᵀH⁻¹g and −gᵀH⁻¹g over ‖r‖².
                let prered: Double, dirder: Double
                if let newtonReduction {
                    prered = newtonReduction / (fnorm * fnorm)
                    dirder = -prered
                } else {
                    for j in 0..<n {
                        wa3[j] = 0
                        let temp = wa1[ipvt[j]]
                        for i in 0...j { wa3[i] += a[i + j * m] * temp }
                    }
                    let temp1 = MINPACK.enorm(UnsafePointer(wa3), n) / fnorm
                    let temp2 = par.squareRoot() * pnorm / fnorm
                    prered = temp1 * temp1 + temp2 * temp2 / 0.5
                    dirder = -(temp1 * temp1 + temp2 * temp2)
                }
                // A step that is not finite fails as a step to a non-finite cost does, and the trust
                // region shrinks tenfold. (A Richards fit on its bound ν = 0, where the bound's
                // transformation made ν's column of J about 1e-297, had lmpar return a NaN step; its
                // NaN ratio left the region and the LM parameter as they were, and the same NaN step
                // was tried again until the evaluation limit, 7,000 evaluations later.)
                let finiteStep = pnorm.isFinite && par.isFinite
                var ratio = finiteStep && prered != 0 ? actred / prered : 0
                if ratio.isNaN { ratio = 0 }
                // A Newton step that fails is not tried again from this point.
                if newtonReduction != nil && ratio < 1e-4 { newtonReduction = nil }

                // Update the trust region.
                if ratio <= 0.25 {
                    var temp = actred >= 0 ? 0.5 : 0.5 * dirder / (dirder + 0.5 * actred)
                    if 0.1 * fnorm1 >= fnorm || !(temp >= 0.1) { temp = 0.1 }
                    delta = temp * (finiteStep ? min(delta, pnorm / 0.1) : delta)
                    par = finiteStep ? par / temp : 0
                } else if par == 0 || ratio >= 0.75 {
                    delta = pnorm / 0.5
                    par *= 0.5
                }
                if ratio >= 1e-4 {
                    var crossed = false
                    if let handOff {
                        for j in 0..<n where x[j] <= handOff[j] && xTrial[j] > handOff[j] { crossed = true }
                    }
                    swap(&x, &xTrial)
                    swap(&fvec, &trial)
                    for j in 0..<n { wa2[j] = diag[j] * x[j] }
                    xnorm = MINPACK.enorm(UnsafePointer(wa2), n)
                    fnorm = fnorm1
                    lastPredicted = prered
                    iteration += 1
                    if let limits, let lowerLimits,
                       x.indices.contains(where: { x[$0] > limits[$0] || x[$0] < lowerLimits[$0] }) {
                        stop = .runaway
                        break outer
                    }
                    outside.accept(x, at: nfev)
                    beyond.accept(x, at: nfev)
                    if crossed && !outside.isIn {
                        stop = .handOff
                        break outer
                    }
                }
                // A full step (par = 0) that predicts a relative reduction below the cost tolerance
                // and does not lower the cost has met rounding: the point is the minimum to within the
                // tolerance. MINPACK's |actred| ≤ ftol misses this whenever the rounding of the sum of
                // squares is itself above ftol, and then shrinks the trust region for several more
                // evaluations until the step tolerance stops it. A step that lowers the cost by more
                // than it predicted (ratio > 2) stops here only when it is negligible against x (an
                // actual reduction of 3e-15 against a predicted 2e-16 is the sum of squares' rounding):
                // on a step of some size that ratio says the cost curves downwards along it, near a
                // maximum or a saddle, which MINPACK's 0.5·ratio ≤ 1 keeps the solver from stopping at.
                let atRounding = stepPar == 0 && prered <= options.costTolerance
                    && (actred <= 0 || (actred <= options.costTolerance && pnorm <= 1e-6 * xnorm))
                let costConverged = (abs(actred) <= options.costTolerance && prered <= options.costTolerance
                    && 0.5 * ratio <= 1) || atRounding
                let stepConverged = delta <= options.stepTolerance * xnorm
                if costConverged && stepConverged { stop = .costAndStepTolerance; break outer }
                if costConverged { stop = .costTolerance; break outer }
                if stepConverged { stop = .stepTolerance; break outer }
                if outside.isSpent(at: nfev) { stop = .leftDomain; break outer }
                if beyond.isSpent(at: nfev) { stop = .creep; break outer }
                if nfev >= maxfev { stop = .evaluationLimit; break outer }
                let eps = MINPACK.epsilon
                if abs(actred) <= eps && prered <= eps && 0.5 * ratio <= 1 { stop = .costAtMachinePrecision; break outer }
                if delta <= eps * xnorm { stop = .stepAtMachinePrecision; break outer }
                if gnorm <= eps { stop = .gradientAtMachinePrecision; break outer }
                if ratio >= 1e-4 { break }
            }
        }
        return SolverOutcome(x: x, residuals: Array(fvec), residualSumOfSquares: fnorm * fnorm, stop: stop!,
                             evaluations: nfev, jacobianEvaluations: njev, iterations: iteration)
    }
}

extension LevenbergMarquardt {
    /// Newton's step −H⁻¹g at x, H = JᵀJ + S the cost's exact Hessian (JᵀJ = P·RᵀR·Pᵀ from the QR
    /// factors, S from the problem) and g = Jᵀr = P·Rᵀ·(Qᵀr)₁..ₙ, when the problem has second
    /// derivatives and H scaled by `diag` has Cholesky pivots above 1e-5 of its largest diagonal
    /// entry. Returns the scaled norm ‖D·step‖ (for the trust region) and the reduction gᵀH⁻¹g the
    /// quadratic model predicts for ‖r‖²; the step goes into `step`. A problem without second
    /// derivatives sets `hasCurvature` to false, so that it is not asked again.
    fileprivate static func newtonStep<P: LeastSquaresProblem>(
        _ problem: P, n: Int, m: Int, x: [Double], residuals: UnsafeBufferPointer<Double>,
        r: UnsafePointer<Double>, ipvt: UnsafePointer<Int>, qtf: UnsafePointer<Double>, diag: UnsafePointer<Double>,
        hessian h: UnsafeMutablePointer<Double>, gradient g: UnsafeMutablePointer<Double>, step: UnsafeMutablePointer<Double>,
        hasCurvature: inout Bool
    ) -> (norm: Double, reduction: Double)? {
        for a in 0..<n {
            var sum = 0.0
            for c in 0...a { sum += r[c + a * m] * qtf[c] }
            g[ipvt[a]] = sum
        }
        h.initialize(repeating: 0, count: n * n)
        guard problem.addResidualCurvature(at: x, residuals: residuals, gradient: UnsafeBufferPointer(start: g, count: n),
                                           into: h) else {
            hasCurvature = false
            return nil
        }
        var largest = 0.0
        for a in 0..<n {
            for b in a..<n {
                var sum = 0.0
                for c in 0...a { sum += r[c + a * m] * r[c + b * m] }
                let (j, k) = (ipvt[a], ipvt[b])
                // Scaled by the solver's column scaling; the lower triangle only.
                let (lo, hi) = j >= k ? (j, k) : (k, j)
                h[lo + hi * n] = (h[lo + hi * n] + sum) / (diag[lo] * diag[hi])
            }
        }
        for j in 0..<n { largest = max(largest, h[j + j * n]) }
        guard largest > 0, largest.isFinite else { return nil }
        // Cholesky (lower), then the step from L·Lᵀ·ŝ = −ĝ, ĝ = D⁻¹g, s = D⁻¹ŝ.
        // Pivots above 1e-5 of the largest diagonal entry, the bound the certificate of a minimum puts on
        // the Hessian scaled to a unit diagonal (`NonlinearLeastSquares.isCertainMinimum`): on the ridges of
        // a Richards fit (k and ν growing together, JᵀJ's scaled condition number 1e11–1e12) a step from
        // a nearly singular Hessian was taken 1 % of x at a time, 5,928 evaluations where 398 stopped.
        guard Decompositions.choleskyLower(n: n, h, minimumPivot: 1e-5 * largest) else { return nil }
        for i in 0..<n { step[i] = g[i] / diag[i] }
        let reduction = Decompositions.solveLower(n: n, h, step)
        let norm = Decompositions.solveLowerTransposed(n: n, h, step)
        for i in 0..<n { step[i] = -step[i] / diag[i] }
        guard reduction.isFinite, norm.isFinite else { return nil }
        return (norm.squareRoot(), reduction)
    }
}

/// A region of parameter values that a run may stay in for `allowance` evaluations (counted from the
/// evaluation that accepted its first point there, the start counting as 1): below the domain's lower
/// limits (`.leftDomain`), or above the creep limits (`.creep`). Without limits or an allowance the
/// region is empty.
private struct Stay {
    private let limits: [Double]?
    private let above: Bool
    private let allowance: Int
    /// The evaluation count at which the accepted points last entered the region.
    private var since: Int?

    init(below limits: [Double]?, allowance: Int?, n: Int, from x: [Double]) {
        self.init(limits, above: false, allowance, n, x)
    }

    init(above limits: [Double]?, allowance: Int?, n: Int, from x: [Double]) {
        self.init(limits, above: true, allowance, n, x)
    }

    private init(_ limits: [Double]?, above: Bool, _ allowance: Int?, _ n: Int, _ x: [Double]) {
        self.limits = allowance == nil ? nil : limits
        precondition(self.limits.map { $0.count == n } ?? true, "one limit per parameter")
        self.above = above
        self.allowance = allowance ?? .max
        since = nil
        accept(x, at: 1)
    }

    /// Whether the last accepted point is in the region.
    var isIn: Bool { since != nil }

    /// Takes the accepted point `x`, at evaluation count `nfev`.
    mutating func accept(_ x: [Double], at nfev: Int) {
        guard let limits else { return }
        let inside = above ? x.indices.contains { x[$0] > limits[$0] } : x.indices.contains { x[$0] < limits[$0] }
        if !inside { since = nil } else if since == nil { since = nfev }
    }

    /// Whether the run has spent its allowance in the region, at evaluation count `nfev`.
    func isSpent(at nfev: Int) -> Bool { since.map { nfev - $0 >= allowance } ?? false }
}

/// The solver's one block of scratch: eight n-vectors, then Qᵀr, the residuals at x and the
/// residuals at the trial point (m each), then the m × n Jacobian, then for Newton's step the
/// n × n Hessian, the gradient and the step.
private struct ScratchLayout {
    let n: Int, m: Int
    var qtr: Int { 8 * n }
    var residuals: Int { qtr + m }
    var trial: Int { residuals + m }
    var jacobian: Int { trial + m }
    var hessian: Int { jacobian + m * n }
    var gradient: Int { hessian + n * n }
    var newtonStep: Int { gradient + n }
    var count: Int { newtonStep + n }
}
