import AdoptionModels

/// Fits adoption models to a series without user-supplied starts.
///
/// The first pass is unconstrained from data-driven starts. A result outside
/// the model's natural domain (m < 0, p < 0, …) is refitted inside it. A market
/// potential that runs away on pre-peak data is reported as not identified.
public struct AdoptionFitter: Sendable {
    public var solver: NonlinearLeastSquares
    /// A market potential this many times the observed total, with a standard error
    /// of at least half the estimate, counts as not identified.
    public var runawayFactor: Double = 20
    /// The solver stops when m passes this many times the observed total: no
    /// adoption series says anything about a market 10⁴ times what it has seen.
    public var runawayLimitFactor: Double = 1e4
    /// After the accelerated pass, a parameter it moved on a log scale that is below this
    /// fraction of the other non-market parameters' magnitudes together counts as collapsed
    /// onto its boundary 0 (Bass: p against p + |q|).
    public var logScaleCollapse: Double = 1e-7
    /// Evaluations per start for the accelerated pass (`acceleratedLogScaleParameters`).
    public var acceleratedEvaluationLimit = 200
    /// Further starts, and evaluations per start, that a converged fit with structured residuals is
    /// confirmed from (`residualRunsStatistic`), the data's peak starts among them. The fits that reach
    /// the lower minima of the two-wave series of `Tests/Fixtures/scipy/local_minima.py` take 9 to 21
    /// evaluations (scipy's 18 to 25).
    public var confirmationStarts = 4
    public var confirmationEvaluationLimit = 400
    /// Evaluations a start may spend outside the model's domain (`lowerLimits`) before it is stopped
    /// there (`SolverOptions.outsideEvaluationLimit`): whatever ends outside is refitted inside it.
    /// On 40 long daily series and 400 hard ones (`Benchmarks/gen_long_series.py`,
    /// `gen_hard_series.py`) under `--model auto`, 39 runs came back inside after more than 40
    /// evaluations outside (at most 259). Stopped at 40 and refitted inside, each reached the same
    /// minimum (estimates within 1e-5 of a standard error) or status; every run that stayed outside
    /// stopped 360 evaluations sooner, and Richards took 0.56 of the time on the long series.
    public var outsideEvaluationLimit = 40
    /// Evaluations per start for the Richards refit from near the capped exponential
    /// (`againstCappedExponential`). On the 400 hard series (`Benchmarks/gen_hard_series.py`) and the
    /// benchmark's 1,000, the refits that reached a minimum or a bound took 126 to 550 (126 to 509 now that
    /// the one at 550 stops creeping, `limitRefitCreepFactor`); the eight that
    /// did not crept along the ridge out to the limit curve through 10,000 evaluations, twice (the
    /// bounded refit after the free one), and were reported not identified as they are when stopped here
    /// (they now stop sooner still, creeping off: `limitRefitCreepFactor`).
    public var limitRefitEvaluationLimit = 2000
    /// The Richards refit from near the capped exponential starts at ν = 100 and stops after
    /// `creepEvaluationLimit` consecutive evaluations with ν above this many times that (taken as 1
    /// where it is below; `SolverOptions.creepLimits`,
    /// on the run without bounds; through a bound's transformation ν is not watched), and is then not
    /// refitted with bounds, which would follow the same ridge. Such a run is on the ridge out to the
    /// limit curve, whose RSS it approaches from above, as every such run on the corpora was; one stopped
    /// below the limit's RSS goes on without the stop. Of the 12 refits on the 400 hard series
    /// (`Benchmarks/gen_hard_series.py`), one goes to the bound ν = 0 and two converge at ν of 37,703
    /// and 5,257 after 126 and 301 evaluations, as before; the nine others (one had converged at
    /// ν = 16,554 after 550 evaluations, eight had stopped at 2,000, and were refitted with bounds
    /// through 2,000 more) now stop after 408 to 574 evaluations, at ν of 589 to 9,467. None was below
    /// the limit's RSS, and all 12 fits are reported not identified as before
    /// (`Benchmarks/results/paired-shape-creep.md`). `.infinity`: not stopped so.
    public var limitRefitCreepFactor = 5.0
    /// Evaluations a bounded Richards run may spend with m above `runawayFactor` times the observed
    /// total, where the Gompertz curve (the Richards curve on its bound ν = 0) has no minimum at a
    /// finite m, before it is stopped there (`NonlinearLeastSquares.creepEvaluationLimit`). Such runs
    /// creep towards that bound with m growing, after the Gompertz curve's runaway, and do not come
    /// back: on the 400 hard series (`Benchmarks/gen_hard_series.py`) under `--model auto`, 29 Richards
    /// fits changed, all not identified either way, and five of those reported had each taken 10,000
    /// evaluations to reach m of 200 to 800 times the observed total; on the running totals, the long
    /// daily series and the benchmark's 1,000 no output changed (`Benchmarks/results/paired-creep.md`).
    /// A minimum at such an m that takes more than 400 evaluations there to reach would be cut short:
    /// none did on those corpora. The Bass runs on q ≥ 0 are not stopped so: their bound is exponential
    /// saturation, whose minimum is at a finite m, and three Bass fits to running totals reached it only
    /// after 650 to 5,184 evaluations with m above that level. The Richards refit from near the capped
    /// exponential is allowed as many with ν creeping off (`limitRefitCreepFactor`).
    public var creepEvaluationLimit = 400
    /// Evaluations a start confirming a runaway fit from the data's peak may spend with m above
    /// `runawayFactor` times the observed total before it stops there (`SolverOptions.creepLimits`); the
    /// stop counts as a runaway of that start (`NonlinearLeastSquares.runawayStartLimit`). Such a start
    /// follows the valley the fit ran away along, where the sum of squares falls towards the limit curve's
    /// as m grows: of the 100,000 series of the benchmark, the 558 such starts took 330 evaluations on
    /// average (184,370 in all, a fifth of the run's), creeping with m from 284 to 10⁴ times the
    /// observed total, and none converged. A minimum through one wave of the data, which the confirmation
    /// looks for, has m near the wave's total, far below.
    public var runawayConfirmationCreepLimit = 40

    public init(solver: NonlinearLeastSquares = NonlinearLeastSquares()) {
        self.solver = solver
    }

    /// The magnitude past which each parameter of `curve` runs away: a market potential's is
    /// `runawayLimitFactor` × the observed total, the others' infinite.
    public func runawayLimits<C: AdoptionCurve>(_ curve: C, observedTotal total: Double) -> [Double] {
        var limits = [Double](repeating: .infinity, count: curve.parameterNames.count)
        limits[curve.marketIndex] = runawayLimitFactor * total
        return limits
    }

    /// `kind`'s fit to `data`, from `starts` or its own; the fits it is checked against are made once
    /// each (`SeriesFits`).
    public func fit(_ kind: ModelKind, to data: CurveData, starts: [[Double]]? = nil) -> FitResult {
        let shared = SeriesFits(self, data: data)
        return fit(kind, to: data, starts: starts, nested: shared.fit, exponentialGrowth: shared.exponentialGrowth)
    }

    /// As `fit(_:to:starts:)`, with the fits of the curves a model contains from `nested` (the
    /// Gompertz and the logistic for Richards, `againstNestedCurves`; exponential saturation for
    /// Bass, `againstExponential`, and for the logistic, Gompertz and Richards curves on per-period data,
    /// `marketLimit`) and exponential growth through the data from `exponentialGrowth` (`marketLimit`), as
    /// `SeriesFits` gives them, each made once for a series.
    public func fit(_ kind: ModelKind, to data: CurveData, starts: [[Double]]? = nil,
                    nested: (ModelKind) -> FitResult,
                    exponentialGrowth growth: () -> CappedExponential?) -> FitResult {
        // One call per concrete model, so the solver is specialized for each curve. The Bass
        // starts are built as they are asked for (`StartingValues.BassStarts`).
        func given() -> [[Double]] { starts ?? StartingValues.starts(for: kind, data: data) }
        // From their own starts, fits are confirmed from the data's peak first (`StartingValues.peakStarts`),
        // built only for a fit that needs confirming.
        let peak = { starts == nil ? StartingValues.peakStarts(kind, data: data) : [] }
        return flagUndeterminedRate(flagUndeterminedTwin(flagUndeterminedOnBound(fitted(kind, data: data, starts: starts, peak: peak,
                                                                                        given: given, nested: nested, growth: growth)),
                                                         kind: kind, data: data), kind: kind)
    }

    /// A converged Bass, logistic or Gompertz fit whose rate is not determined, its
    /// standard error at least the rate itself, is not identified, as one whose market potential is not
    /// (`isUndetermined`): one standard error takes the rate to 0, and the data say nothing of how fast
    /// adoption goes. The rate is the logistic's and Gompertz's k, and Bass's p + q, which is
    /// the logistic's k on per-period data: with the delta method's standard error, so that the two fits
    /// of one curve get one verdict. Thirteen years of counts of 0 to 2 with one year of 102, where the
    /// logistic's best point (k = 18.5 ± 16,112) is 4e-10 below the step every S-curve tends to as its rate
    /// grows, were `converged`.
    /// A Richards fit on ν = 0 is the Gompertz curve, and is judged by its k as the Gompertz fit is
    /// (`undeterminedRate`).
    func flagUndeterminedRate(_ result: FitResult, kind: ModelKind) -> FitResult {
        guard let (name, rate, se) = Self.undeterminedRate(result, kind: kind, estimates: result.estimates,
                                                           free: Array(result.estimates.indices)) else { return result }
        var flagged = result
        flagged.status = .notIdentified
        flagged.message = "not identified: the curve's rate \(name) is not determined (\(shortNumber(rate)), standard error "
            + "\(shortNumber(se)), at least the rate itself): the data do not say how fast adoption goes"
            + (result.status == .atBound ? "; " + result.message : "")
        return flagged
    }

    /// The rate of a fit of `kind` that the data do not determine (`flagUndeterminedRate`): its name, value
    /// and standard error, or nil where the rate is determined, fixed, or not judged. `estimates` are the
    /// model's parameters, `free` those the fit estimated, in its order (every one, without `--fix`). The
    /// rate is judged on a converged fit that explains more than the mean, with no parameter on a bound, and
    /// on a Richards fit whose ν is fixed, or free and on its bound 0 (the Gompertz curve): k then sets the
    /// speed alone, with the standard error the curve it became gives it on the bound (`standardErrorOnBound`).
    public static func undeterminedRate(_ result: FitResult, kind: ModelKind, estimates θ: [Double], free: [Int])
        -> (name: String, rate: Double, standardError: Double)? {
        let nu = free.firstIndex(of: 3)
        let richards = kind == .richards && (nu == nil || result.heldAtBound == [nu!])
        let onBound = result.status == .atBound && richards && nu != nil
        guard (result.converged && result.heldAtBound.isEmpty) || onBound, result.rSquared >= 0,
              let (name, rate, gradient) = richards ? ("k", θ[1], [0, 1, 0, 0]) : Self.rate(of: kind, θ),
              case let g = free.map({ gradient[$0] }), let k = g.firstIndex(where: { $0 != 0 }) else { return nil }
        let se = onBound ? standardErrorOnBound(result, k) : result.standardError(ofGradient: g)
        return isUndetermined(rate, standardError: se) ? (name, rate, se) : nil
    }

    /// An S-curve's rate, as the message names it, its value and its gradient in the parameters: k, or
    /// Bass's p + q. Nil for exponential saturation, whose rate p is judged against its own limits, and
    /// for Richards, whose k sets the speed only with ν (early on the curve grows at k/ν): a fit at
    /// ν = 34.6, k = 3.3 ± 3.9 is a minimum scipy confirms below the limits its ν and k tend to.
    static func rate(of kind: ModelKind, _ θ: [Double]) -> (name: String, value: Double, gradient: [Double])? {
        switch kind {
        case .bass: ("p + q", θ[1] + θ[2], [0, 1, 1])
        case .logistic, .gompertz: ("k", θ[1], [0, 1, 0])
        case .richards, .exponential: nil
        }
    }

    /// A converged Bass or logistic fit to per-period values whose market potential is not determined
    /// in the other's parameters (`twinMarket`) is not identified, as one not determined in its own is
    /// (`flagRunawayMarket`). Judged on the model's final fit, after the refits toward its limits (a
    /// Bass fit on the edge q = 0 is the exponential's curve, whose logistic twin has no finite m).
    func flagUndeterminedTwin(_ result: FitResult, kind: ModelKind, data: CurveData) -> FitResult {
        guard result.status == .converged, result.rSquared >= 0, data.observedTotal > 0,
              let twin = Self.twinMarket(result, kind: kind, form: data.form),
              Self.isUndetermined(twin.value, standardError: twin.standardError) else { return result }
        var flagged = result
        flagged.status = .notIdentified
        flagged.message = "not identified: market potential m is not determined in the parameters of \(twin.model), the same "
            + "curve on per-period data (\(twin.what) \(shortNumber(twin.value)), standard error \(shortNumber(twin.standardError)), "
            + "at least the estimate itself); \(Self.whyUndetermined(kind.curve, result.estimates, data))"
        return flagged
    }

    /// Why the data leave a market potential open, for a not-identified message: the curve peaks after
    /// them, or they do not show it levelling off.
    static func whyUndetermined<C: AdoptionCurve>(_ curve: C, _ θ: [Double], _ data: CurveData) -> String {
        peaksAfterData(curve, θ, data) ? "the series is before its peak" : "the series does not show where adoption levels off"
    }

    private func fitted(_ kind: ModelKind, data: CurveData, starts: [[Double]]?, peak: () -> [[Double]],
                        given: () -> [[Double]], nested: (ModelKind) -> FitResult,
                        growth: () -> CappedExponential?) -> FitResult {
        switch kind {
        case .bass:
            let bass = if let starts { fit(BassModel(), data: data, starts: starts) }
                       else { fit(BassModel(), data: data, starts: StartingValues.bassStarts(data: data), confirmingFrom: peak) }
            return againstStep(againstGrowthLimit(againstExponential(bass, data: data, nested: nested), data: data), data: data)
        case .logistic:
            let logistic = nameMarketLimit(fit(LogisticModel(), data: data, starts: given(), confirmingFrom: peak, projects: starts == nil),
                                       data: data, nested: nested, growth: growth)
            return againstStep(againstMarketLimits(logistic, data: data, nested: nested, growth: growth), data: data)
        case .gompertz:
            let gompertz = nameMarketLimit(fit(GompertzModel(), data: data, starts: given(), confirmingFrom: peak, projects: starts == nil),
                                       data: data, nested: nested, growth: growth)
            return againstStep(againstMarketLimits(gompertz, data: data, nested: nested, growth: growth), data: data)
        case .richards:
            let own = fit(RichardsModel(), data: data, starts: given(), confirmingFrom: peak,
                          stopsCreep: marketRunsAway(nested(.gompertz), data: data))
            // Named after the nested curves, whose refit is kept only where it is converged or on a bound.
            let richards = nameMarketLimit(againstNestedCurves(own, data: data, nested: nested), data: data, nested: nested,
                                           growth: growth)
            let capped = againstCappedExponential(richards, data: data) {
                nameMarketLimit($0, data: data, nested: nested, growth: growth)
            }
            let limited = againstMarketLimits(capped, data: data, nested: nested, growth: growth)
            return againstStep(limited, data: data)
        case .exponential:
            let exponential = fit(ExponentialModel(), data: data, starts: given())
            return starts == nil ? againstLaunchSpike(exponential, data: data) : exponential
        }
    }

    /// Exponential saturation on per-period values highest in their first period is also fitted from
    /// that period's spike, the rate p = 5 (99.3 % of m in the first period), and that fit is kept where
    /// it is lower. The data-driven starts follow the decay after the spike: on daily sales with a
    /// launch-day spike (3,414 days, the first 198,685 and none above 9,721 after it) they converged at
    /// p = 2.6e-4, m = 1.0e6, with an RSS 41 times that of the curve through the spike (p = 16.8).
    /// Where the spike holds nearly all that the curve can, p is not determined: that fit says so.
    func againstLaunchSpike(_ result: FitResult, data: CurveData) -> FitResult {
        guard data.form == .perPeriod, data.y.count > 2, let first = data.y.first, first > 0,
              data.y.dropFirst().allSatisfy({ $0 <= first }) else { return result }
        var spike = fit(ExponentialModel(), data: data, starts: [[first, 5]])
        spike.startsTried += result.startsTried
        var kept = result
        kept.startsTried = spike.startsTried
        switch spike.status {
        case .converged, .atBound, .notIdentified: break
        default: return kept
        }
        let floor = data.roundingLevelRSS
        if Self.isLower(spike, than: result, floor: floor) { kept = spike }
        // As p grows, the curve puts all its adopters in the launch period: where that is the first
        // observed one, the limit fits it exactly (m = its value), and leaves the others' squares.
        // A fit no lower than that is the limit, reached less closely: p is not determined.
        guard kept.converged || kept.status == .atBound, data.t.first == 1 else { return kept }
        let limit = data.y.dropFirst().reduce(0) { $0 + $1 * $1 }
        if !Self.isLower(kept.residualSumOfSquares, than: limit, floor: floor) {
            kept.status = .notIdentified
            kept.message = "not identified: rate p runs away: all adopters in the first period, the curve exponential "
                + "saturation approaches as p grows, "
                + Self.compared(limit, with: kept.residualSumOfSquares, floor: floor,
                                "the minimum found at p = \(shortNumber(kept.estimates[1]))")
        }
        return kept
    }

    /// Fits `curve` from `starts`, the first converged fit kept; one with structured residuals
    /// (`residualRunsStatistic`) is confirmed from `further` and then the starts not yet tried.
    /// `stopsCreep`: bounded runs stop after `creepEvaluationLimit` evaluations with the market
    /// potential above `runawayFactor` times the observed total. `projects`: a fit whose market potential
    /// ran away is tried again from `StartingValues.projectedStarts` (logistic and Gompertz curves).
    func fit<C: AdoptionCurve, S: RandomAccessCollection<[Double]>>(_ curve: C, data: CurveData, starts: S,
                                                                    confirmingFrom further: () -> [[Double]] = { [] },
                                                                    stopsCreep: Bool = false, projects: Bool = false) -> FitResult
        where S.Index == Int
    {
        let problem = CurveFitProblem(curve: curve, data: data)
        let names = curve.parameterNames
        let total = data.observedTotal
        var solver = self.solver
        solver.options.runawayLimits = runawayLimits(curve, observedTotal: total)
        solver.options.domainLowerLimits = curve.lowerLimits
        solver.options.outsideEvaluationLimit = outsideEvaluationLimit
        var creep = [Double](repeating: .infinity, count: names.count)
        creep[curve.marketIndex] = runawayFactor * total
        // One magnitude for both: past it a bounded start that the evaluation limit (or, with `stopsCreep`,
        // `creepEvaluationLimit`) stops counts as a runaway, and an unbounded run goes on with m on the log scale.
        solver.creepLimits = creep
        solver.creepEvaluationLimit = stopsCreep ? creepEvaluationLimit : nil
        solver.logScaleBeyond = creep
        solver.settlesOnBound = data.form == .perPeriod ? Self.unstructuredPerPeriod : Self.unstructuredCumulative
        // The curve's log-scale parameters change by factors (a runaway market potential
        // reaches its limit quickly). A first pass also moves the accelerated ones on a log
        // scale, with a small evaluation budget; whatever it does not settle (no convergence
        // and no runaway, or such a parameter collapsing onto its boundary 0, where only the
        // linear scale lets the bounded fit below find it on its bound) is fitted again with
        // them on the linear scale.
        solver.logScaled = curve.logScaleParameters
        solver.boundedLogScaled = curve.boundedLogScaleParameters
        var result: FitResult
        let accelerated = curve.acceleratedLogScaleParameters
        if accelerated.isEmpty {
            result = solver.fit(problem, names: names, observed: data.y, starts: starts)
        } else {
            var fast = solver
            fast.logScaled += accelerated
            fast.options.maxEvaluations = acceleratedEvaluationLimit
            result = fast.fit(problem, names: names, observed: data.y, starts: starts)
            let θ = result.estimates
            var others = 0.0
            for j in θ.indices where j != curve.marketIndex { others += abs(θ[j]) }
            let collapsed = accelerated.contains { !(θ[$0] > logScaleCollapse * others) }
            let settled = result.converged || (result.status == .notIdentified && result.solverStop == .runaway)
            if !settled || collapsed {
                let tried = result.startsTried
                result = solver.fit(problem, names: names, observed: data.y, starts: starts)
                result.startsTried += tried
            }
        }
        let lower = curve.lowerLimits
        func isOutside(_ r: FitResult) -> Bool { zip(r.estimates, lower).contains { $0 < $1 } }
        // A fit inside the domain: bounded at the lower limits, from the starts moved inside them
        // (built only when a fit needs it: the Bass starts are made as they are asked for).
        func fitInside(exhaustive: Bool) -> FitResult {
            let bounds = Self.domainBounds(curve)
            let inside = starts.lazy.map { zip($0, lower).map { x, lo in lo.isFinite ? max(x, lo + 1e-6 * max(1, abs(x))) : x } }
            return solver.fit(problem, names: names, observed: data.y, starts: inside, bounds: bounds, exhaustive: exhaustive)
        }
        let outside = isOutside(result)
        // Bounds help a fit that left the domain or stalled; they cannot hold a runaway m, nor a run that
        // stopped creeping off inside the domain (`SolverOptions.creepLimits`), which they would follow.
        let stalled = switch result.status {
        case .evaluationLimit: result.solverStop != .creep
        case .notAMinimum, .nonFinite: true
        default: false
        }
        if outside || stalled {
            var bounded = fitInside(exhaustive: false)
            bounded.startsTried += result.startsTried
            if outside || NonlinearLeastSquares.isBetter(bounded, than: result) { result = bounded }
        }
        // Keeps a further fit (its starts counted after the fit's) that converges inside the domain below
        // the fit's RSS; else only counts its starts.
        func keepIfLower(_ further: FitResult) {
            var further = further
            further.startsTried += result.startsTried
            if further.converged, !isOutside(further), further.residualSumOfSquares < result.residualSumOfSquares * (1 - 1e-8) {
                result = further
            } else {
                result.startsTried = further.startsTried
            }
        }
        // The data's peak starts, built at most once, and only for a fit that needs them.
        var peakStarts: [[Double]]? = nil
        func furtherStarts() -> [[Double]] {
            if peakStarts == nil { peakStarts = further() }
            return peakStarts!
        }
        if result.status == .atBound, !accelerated.isEmpty,
           result.heldAtBound.allSatisfy({ accelerated.contains($0) && result.estimates[$0] > 0 }) {
            // Held on its bound 0 at a positive value, a log-scale parameter may have an interior minimum
            // nearer 0 than the linear scale resolves: Bass on monthly sales starting mid-adoption, fitting
            // a late wave, was held at p = 1.8e-15 where the RSS falls by 0.3 % to p = 2.7e-16. A refit on
            // the log scale from that point is kept when it converges lower.
            var fine = solver
            fine.logScaled += accelerated
            keepIfLower(fine.fit(problem, names: names, observed: data.y, starts: [result.estimates]))
        }
        Self.nameLimitingCurve(&result, curve)
        if result.status == .converged && result.rSquared < 0 {
            // Worse than the mean (below): every start is tried, and the best fit kept.
            var every = solver.fit(problem, names: names, observed: data.y, starts: starts, exhaustive: true)
            if isOutside(every) {
                // As for the first pass: a best fit outside the model's domain is refitted inside it.
                let tried = every.startsTried
                every = fitInside(exhaustive: true)
                every.startsTried += tried
            }
            every.startsTried += result.startsTried
            if NonlinearLeastSquares.isBetter(every, than: result) { result = every }
        }
        var confirming = solver
        confirming.options.maxEvaluations = confirmationEvaluationLimit
        if result.status == .notIdentified, result.solverStop == .runaway, case let further = furtherStarts(), !further.isEmpty {
            // A market potential that ran away from the starts may still have a minimum through one wave
            // of the data: weekly sales in two waves ran away at RSS 1.29e5 where a logistic through the
            // first wave reaches 9.32e4. The peak starts are tried as the confirming ones are, and a fit
            // that converges below the runaway's RSS is kept (one above it is not: the limit fits better).
            // A start that creeps off past the runaway factor follows the valley the fit ran away along,
            // and is stopped there (`runawayConfirmationCreepLimit`).
            var following = confirming
            following.options.creepLimits = creep
            following.options.creepEvaluationLimit = runawayConfirmationCreepLimit
            keepIfLower(following.fit(problem, names: names, observed: data.y, starts: Array(further.prefix(confirmationStarts))))
        }
        if projects, result.status == .notIdentified, result.solverStop == .runaway,
           case let projected = StartingValues.projectedStarts(problem, data: data, below: runawayFactor * total), !projected.isEmpty {
            // Nor do the data-driven starts or the peak starts reach a minimum whose peak lies before the
            // data: two decaying waves of 400 periods (`gen_hard_series.py`'s h114) ran away at RSS 1.1177e9
            // from them, where the logistic curve peaking 8.8 periods before the first has its minimum at
            // 1.1139e9, m 1.5 times the observed total (the Bass fit's, the same curve per period), and so
            // did its Gompertz fit and another series' (`PeakBeforeDataTests`). The best points of a grid
            // of the shape's parameters are tried as the confirming starts are (until two of them run
            // away, `NonlinearLeastSquares.runawayStartLimit`). On the 400 hard series this
            // finds those three minima and no other; `--model logistic` and `--model gompertz` take 1.5 and
            // 1.7 times as long there, `--model auto` 1.09 (`Benchmarks/results/paired-projected-starts.md`).
            keepIfLower(confirming.fit(problem, names: names, observed: data.y, starts: projected))
        }
        if result.status == .converged,
           Self.residualRunsStatistic(Self.perPeriodResiduals(result.residuals, data.form)) < Self.structuredResidualsLimit,
           case let further = furtherStarts(), starts.count + further.count > result.startsTried {
            // Residuals in long runs of one sign: the curve misses a pattern of the data, and a lower
            // minimum may lie elsewhere (a two-wave series' first converged Bass fit, RSS 2.71e6, split
            // the waves; most starts reach 1.37e6 on the first). `further` and then the starts not yet
            // tried are tried, at most `confirmationStarts` of them with `confirmationEvaluationLimit`
            // evaluations each, until one reaches the best minimum again: a start that cannot reach a
            // minimum in that many does not confirm one (3,000 days of seasonal sales once took 2.8 s
            // on eleven yearly starts that each ran to the evaluation limit).
            let rest = Array((further + starts.dropFirst(result.startsTried)).prefix(confirmationStarts))
            var confirmed = confirming.fit(problem, names: names, observed: data.y, starts: rest, confirming: result)
            confirmed.startsTried += result.startsTried
            if !isOutside(confirmed) { result = confirmed } else { result.startsTried = confirmed.startsTried }
        }
        return flagWorseThanMean(flagRunawayMarket(result, curve: curve, data: data))
    }

    /// The residuals per period: as they are for per-period data; for running totals, each period's
    /// change (the first from 0, at launch). A running total's residuals carry every earlier period's
    /// error, so that they keep their sign over stretches wherever the curve fits; their changes do
    /// only where it misses a pattern (of the benchmark's 1,000 series as running totals, 286 Bass fits
    /// fail the runs test on their residuals, 30 on their changes).
    static func perPeriodResiduals(_ residuals: [Double], _ form: DataForm) -> [Double] {
        form.perPeriod(residuals)
    }

    /// The one-sided level below which `residualRunsStatistic` calls a fit's residuals structured: a
    /// standard normal's 1 % quantile.
    static let structuredResidualsLimit = -2.326

    /// Whether a fit's residuals, per period or as running totals, are not structured: the test a point
    /// on a bound passes to settle a fit (`NonlinearLeastSquares.settlesOnBound`). One closure for each
    /// form, made once, not one for each fit.
    static let unstructuredPerPeriod: @Sendable (FitResult) -> Bool = { isUnstructured($0, .perPeriod) }
    static let unstructuredCumulative: @Sendable (FitResult) -> Bool = { isUnstructured($0, .cumulative) }
    private static func isUnstructured(_ fit: FitResult, _ form: DataForm) -> Bool {
        residualRunsStatistic(perPeriodResiduals(fit.residuals, form)) >= structuredResidualsLimit
    }

    /// The Wald–Wolfowitz runs statistic of the residuals' signs (zeros left out): the number of runs
    /// of one sign against its mean under independent signs, in standard deviations (normal
    /// approximation; Wald & Wolfowitz 1940). Far below 0: too few runs, residuals that keep their
    /// sign over stretches of the data. 0 when there are not two of each sign.
    static func residualRunsStatistic(_ residuals: [Double]) -> Double {
        var positive = 0, negative = 0, runs = 0
        var last = 0
        for r in residuals where r != 0 {
            let sign = r > 0 ? 1 : -1
            if sign > 0 { positive += 1 } else { negative += 1 }
            if sign != last { runs += 1; last = sign }
        }
        guard positive >= 2, negative >= 2 else { return 0 }
        let (n1, n2) = (Double(positive), Double(negative)), n = n1 + n2
        let mean = 2 * n1 * n2 / n + 1
        let variance = 2 * n1 * n2 * (2 * n1 * n2 - n) / (n * n * (n - 1))
        return variance > 0 ? (Double(runs) - mean) / variance.squareRoot() : 0
    }

    /// The bounds of `curve`'s domain: its finite lower limits.
    static func domainBounds<C: AdoptionCurve>(_ curve: C) -> [ParameterBounds] {
        curve.lowerLimits.map { $0.isFinite ? ParameterBounds(lower: $0) : .unbounded }
    }

    /// Names, in the message of a fit on a bound, the curve a parameter on its limit turns the model into.
    static func nameLimitingCurve<C: AdoptionCurve>(_ result: inout FitResult, _ curve: C) {
        guard result.status == .atBound else { return }
        let named = result.heldAtBound.compactMap { curve.limitingCurve(atLowerLimitOf: $0) }
        if !named.isEmpty { result.message += " (" + named.joined(separator: "; ") + ")" }
    }

    /// Whether `fit` is compared with a curve its model tends to (`againstMarketLimits`,
    /// `againstCappedExponential`): it claims a minimum (converged, or on a bound), or the evaluation
    /// limit stopped it, as on a ridge out to that curve.
    static func isComparedWithLimit(_ fit: FitResult) -> Bool {
        fit.converged || fit.status == .atBound || fit.status == .evaluationLimit
    }

    /// Whether `fit` ended at a point of its curve that a containing model can be held to: converged,
    /// on a bound, or not identified (a point of the curve all the same).
    static func isPointOfCurve(_ fit: FitResult) -> Bool {
        fit.converged || fit.status == .atBound || fit.status == .notIdentified
    }

    /// Whether the Gompertz fit `gompertz` is not identified with m above `runawayFactor` times the
    /// observed total: the Richards curve on its bound ν = 0 has no minimum at a finite m, and bounded
    /// Richards runs stop creeping towards it (`creepEvaluationLimit`).
    func marketRunsAway(_ gompertz: FitResult, data: CurveData) -> Bool {
        gompertz.status == .notIdentified && gompertz.estimates[GompertzModel().marketIndex] > runawayFactor * data.observedTotal
    }

    /// The Richards curve contains the Gompertz curve (ν = 0, its bound) and the logistic (ν = 1),
    /// so its least-squares fit is never worse than theirs. A Richards fit that is worse (a ridge the
    /// solver followed out towards ν → ∞, a start on the wrong side of a valley) is refitted from
    /// the better nested fit's estimates, and the refit kept when it is lower; one that is still
    /// worse is not reported converged, since a lower point of the model is known.
    func againstNestedCurves(_ richards: FitResult, data: CurveData, nested fitOf: (ModelKind) -> FitResult) -> FitResult {
        var result = richards
        for (kind, nu) in [(ModelKind.gompertz, 0.0), (.logistic, 1.0)] {
            let nested = fitOf(kind)
            // Lower beyond what rounding leaves: on a curve's exact values both meet the data to rounding.
            guard Self.isPointOfCurve(nested), Self.isLower(nested, than: result, floor: data.roundingLevelRSS) else { continue }
            // From just inside ν > 0 for the Gompertz curve (as a bounded fit moves a start inside):
            // a fit wanting ν = 0 ends on that bound.
            var refit = fit(RichardsModel(), data: data, starts: [nested.estimates + [nu == 0 ? 1e-6 : nu]],
                            stopsCreep: kind == .gompertz && marketRunsAway(nested, data: data))
            let tried = refit.startsTried
            refit.startsTried += result.startsTried
            if (refit.converged || refit.status == .atBound) && Self.isLower(refit, than: result) {
                result = refit
                continue
            }
            result.startsTried += tried
            if result.converged {
                result.status = .notAMinimum
                result.message = "not a minimum: the \(kind == .gompertz ? "Gompertz" : "logistic") curve, which is the Richards curve at ν = "
                    + "\(shortNumber(nu)), fits better "
                    + "(\(Self.rssAgainst(nested.residualSumOfSquares, result.residualSumOfSquares, floor: data.roundingLevelRSS)))"
            }
        }
        return result
    }

    /// An S-curve fit (Bass, logistic, Gompertz, Richards) that claims a minimum, converged or on a
    /// bound, and is no lower than the best step (`StepLimit`), the curve each of them approaches as its
    /// rate grows, has found no curve: its rate runs away. Ten years of counts of 0 to 2 with one year
    /// of 40 were `converged` for Bass (p = 8.9e-49, q = 20.7 ± 1,424), the logistic (k = 41 ± 4.3e7)
    /// and the Gompertz curve, each at the step's RSS, and ranked first by `--model auto`. Such a fit is
    /// reported not identified, naming the step.
    func againstStep(_ fit: FitResult, data: CurveData) -> FitResult {
        guard fit.converged || fit.status == .atBound, let step = StepLimit.fit(data) else { return fit }
        let floor = data.roundingLevelRSS
        guard !Self.isLower(fit.residualSumOfSquares, than: step.residualSumOfSquares, floor: floor) else { return fit }
        let on = step.observations, level = shortNumber(step.m)
        let place = switch data.form {
        case .perPeriod where on.count == 2: "all adopters (\(level)) in observations \(on.lowerBound + 1) and \(on.upperBound)"
        case .perPeriod: "all adopters (\(level)) in observation \(on.lowerBound + 1)"
        case .cumulative where on.lowerBound == data.t.count: "no adopters"
        case .cumulative where on.isEmpty: "a jump to \(level) before the first observation"
        case .cumulative: "a jump to \(level) at observation \(on.lowerBound + 1)"
        }
        var flagged = fit
        flagged.status = .notIdentified
        flagged.message = "not identified: the curve's rate runs away: a step, \(place), "
            + Self.compared(step.residualSumOfSquares, with: fit.residualSumOfSquares, floor: floor, "the curve found")
        return flagged
    }

    /// The curves the logistic, Gompertz and Richards curves approach as m grows, and the lower of them where
    /// `fit` is no lower than it (beyond rounding): its description and RSS.
    /// - Exponential growth through the data (`CappedExponential.exponential`: A·e^{ct}, a constant as
    ///   c → 0), the curves' start as m grows with their peak moving out after the data.
    /// - On per-period data, the decaying tail A·e^{−kt} of a curve that peaked before the data, as m grows
    ///   with the peak moving back before them (1 − F(t) ≈ e^{−k(t − t₀)} past the peak, m·e^{kt₀} held as
    ///   t₀ → −∞): exponential saturation per period, the model `exponential` (increments
    ///   m·(e^{−p(t−1)} − e^{−pt}), any level and rate p > 0), which each of them reaches only as m → ∞.
    ///   Running totals have no such limit (m·F tends to m). The tail falls throughout, so it fits no
    ///   better than the closest falling sequence (`fallingFitRSS`), which rules it out in one pass for a
    ///   series that rises.
    /// Both fits are made once for a series (`SeriesFits`).
    func marketLimit(_ fit: FitResult, data: CurveData, nested fitOf: (ModelKind) -> FitResult,
                     growth: () -> CappedExponential?) -> (what: String, rss: Double)? {
        let rss = fit.residualSumOfSquares, floor = data.roundingLevelRSS
        guard rss.isFinite else { return nil }
        var best: (what: String, rss: Double)? = nil
        func consider(_ what: @autoclosure () -> String, _ limit: Double) {
            guard limit.isFinite, !Self.isLower(rss, than: limit, floor: floor), limit < best?.rss ?? .infinity else { return }
            best = (what(), limit)
        }
        if let growth = growth() {
            consider("exponential growth at the rate \(shortNumber(growth.c)) (a constant as the rate tends to 0)",
                     growth.residualSumOfSquares)
        }
        if data.form == .perPeriod, !Self.isLower(rss, than: Self.fallingFitRSS(data.y, stoppingAbove: rss), floor: floor) {
            // A tail on a bound (a level or a rate of 0) is no curve: the zero curve is the S-curves' at m = 0.
            let tail = fitOf(.exponential)
            if Self.isPointOfCurve(tail), tail.estimates.allSatisfy({ $0 > 0 && $0.isFinite }) {
                consider("the decaying tail of a curve that peaked before the data, exponential saturation per period to "
                         + "the level \(shortNumber(tail.estimates[0])) at the rate p = \(shortNumber(tail.estimates[1]))",
                         tail.residualSumOfSquares)
            }
        }
        return best
    }

    /// A logistic, Gompertz or Richards fit that claims a minimum (converged, or on a bound) or that the
    /// evaluation limit stopped, and is no lower than a curve its own approaches as m grows (`marketLimit`),
    /// has found no curve: its market potential runs away (or a lower minimum lies elsewhere; either way
    /// the point found is not the least-squares fit). Such a fit is reported not identified, naming the
    /// lower of those curves; one converged or on a bound that the best step fits better still is left to
    /// `againstStep`, which follows, to name the step. Eight periods of 5 adopters stopped the logistic and
    /// the Gompertz curve at the evaluation limit with 95 % intervals for m of 14,979 to 55,487 and 14,273
    /// to 52,873 (exponential growth, a constant); forty periods of a decay and a late bump had the logistic
    /// converged on the bump from a start there at twice the tail's RSS (`Tests/Fixtures/scipy/runaway_limits.py`).
    func againstMarketLimits(_ fit: FitResult, data: CurveData, nested fitOf: (ModelKind) -> FitResult,
                             growth: () -> CappedExponential?) -> FitResult {
        guard Self.isComparedWithLimit(fit), let limit = marketLimit(fit, data: data, nested: fitOf, growth: growth) else { return fit }
        if fit.converged || fit.status == .atBound, let step = StepLimit.fit(data), step.residualSumOfSquares < limit.rss { return fit }
        let floor = data.roundingLevelRSS
        var flagged = fit
        flagged.status = .notIdentified
        flagged.message = "not identified: market potential m runs away: \(limit.what), which the curve approaches as m grows, "
            + Self.compared(limit.rss, with: fit.residualSumOfSquares, floor: floor, "the curve found")
        return flagged
    }

    /// A logistic, Gompertz or Richards fit that is not identified names the lower of the curves its own
    /// approaches as m grows (`marketLimit`) where that fits no worse than the point reported, and how far
    /// above it the point reported is: a curve the data follow at least as well (a lower finite-m point may
    /// lie elsewhere: the audit below found one, h223 Gompertz). That point is where the solver stopped (a market
    /// potential past its runaway limit, a singular JᵀJ), and its message said only that: on the hard
    /// series (`Benchmarks/gen_hard_series.py`), fits of series with a launch spike and a decay after it
    /// stopped at RSS up to 37 times the tail's (`Benchmarks/results/audit-minima.md` counts 34 fits there
    /// 10 % or more above the lowest RSS a scipy search reached along a limit), a Gompertz fit of exponential
    /// growth at 4.1 times growth's (h113, `Tests/Fixtures/scipy/runaway_limits.py`). The fit is not
    /// changed. The capped exponential, which Richards approaches as ν and k grow together
    /// (`againstCappedExponential`), is not named so: its fit, a search over its rate and kink, took
    /// `--model auto` 1.10 times as long on the hard series and 1.12 times on the long daily ones
    /// (`Benchmarks/gen_long_series.py`), where growth and the tail take 1.01 and 1.00
    /// (`Benchmarks/results/paired-runaway-limits.md`).
    func nameMarketLimit(_ fit: FitResult, data: CurveData, nested fitOf: (ModelKind) -> FitResult,
                     growth: () -> CappedExponential?) -> FitResult {
        guard fit.status == .notIdentified, let limit = marketLimit(fit, data: data, nested: fitOf, growth: growth) else { return fit }
        let floor = data.roundingLevelRSS
        var named = fit
        named.message += "; as m grows the curve approaches \(limit.what), which "
            + Self.compared(limit.rss, with: fit.residualSumOfSquares, floor: floor, "the point reported")
        return named
    }

    /// A Richards fit that claims a minimum, converged or on the bound ν = 0, is compared with the
    /// curve the Richards curve approaches as ν and k grow together (`CappedExponential`): where that
    /// curve fits better, the minimum found is a local one and the least-squares ν runs away. Thirty
    /// years of per-period sales growing about 10 % a year and falling in the last were `converged` at
    /// ν = 1.4 with an RSS 17 % above the capped exponential's; running totals that rise in steps were
    /// on the bound ν = 0 (the Gompertz curve) with RSS 3–13 % above it. Such a fit is refitted from a
    /// Richards curve near the limit (ν = 100, k = 100·c, t₀ = τ − ln(ν)/k; for growth throughout the
    /// data, m a thousand times the limit's level), and the refit kept when it is lower; one that is not
    /// lower than the limit is reported not identified.
    ///
    /// So is a refit stopped on the ridge out to that curve, creeping off with ν above
    /// `limitRefitCreepFactor` times its start (or at `limitRefitEvaluationLimit`): on the benchmark's
    /// hard series (`Benchmarks/gen_hard_series.py`), nine with a ±20 % wiggle on the running total,
    /// stopped after 408 to 574 evaluations at ν of 589 to 9,467, their RSS no lower than the capped
    /// exponential's (eight of them, run to 2,000 evaluations, reached ν of 788 to 5,333, and through
    /// 10,000 ν of 970 to 5,340, no lower either).
    ///
    /// The limit is fitted only where it could be lower (`CappedExponential.couldFitBelow`).
    ///
    /// `naming` is applied to a refit kept not identified (`nameMarketLimit`), as to the model's own fit.
    func againstCappedExponential(_ richards: FitResult, data: CurveData,
                                  naming: (FitResult) -> FitResult = { $0 }) -> FitResult {
        guard Self.isComparedWithLimit(richards) else { return richards }
        let rss = richards.residualSumOfSquares
        guard CappedExponential.couldFitBelow(rss, data) else { return richards }
        let floor = data.roundingLevelRSS
        // A fit at the limit's RSS (to rounding) is on the ridge out to it, as one above it is below it:
        // ten periods of sales with a late peak were converged at ν = 128 with standard errors of 1.4e9
        // on ν and 1.2e9 on k, and the RSS 1e-12 above the limit's.
        guard let limit = CappedExponential.fit(data), !Self.isLower(rss, than: limit.residualSumOfSquares, floor: floor) else {
            return richards
        }
        var result = richards
        // The parameter whose creep stopped the fit reported (`SolverStop.creep`): m in the fit's own runs.
        var creeping = "m"
        let nu = 100.0
        let growsThroughout = limit.tau >= data.t[data.t.count - 1]
        let (m, tau) = growsThroughout ? (1000 * limit.m, limit.tau + Double.log(1000) / limit.c) : (limit.m, limit.tau)
        let k = nu * limit.c
        let start = [m, k, tau - Double.log(nu) / k, nu]
        if m > 0, start.allSatisfy(\.isFinite) {
            let richardsModel = RichardsModel()
            var nearLimit = self
            nearLimit.solver.options.maxEvaluations = min(limitRefitEvaluationLimit,
                                                          solver.options.evaluationBudget(parameters: richardsModel.parameterNames.count))
            nearLimit.solver.options.creepLimits = [.infinity, .infinity, .infinity, max(1, limitRefitCreepFactor) * nu]
            nearLimit.solver.options.creepEvaluationLimit = creepEvaluationLimit
            var refit = nearLimit.fit(richardsModel, data: data, starts: [start])
            if refit.solverStop == .creep, Self.isLower(refit.residualSumOfSquares, than: limit.residualSumOfSquares, floor: floor) {
                // Below the limit's RSS a run is not on the ridge out to it, whose RSS falls to the limit's from
                // above: it goes on from where it stopped, without the creep stop, with the evaluations it has left.
                var onward = nearLimit
                onward.solver.options.creepLimits = nil
                onward.solver.options.maxEvaluations = max(2, (nearLimit.solver.options.maxEvaluations ?? 0) - refit.evaluations)
                var further = onward.fit(richardsModel, data: data, starts: [refit.estimates])
                further.startsTried += refit.startsTried
                refit = Self.isLower(further, than: refit, floor: floor) ? further : refit
            }
            refit.startsTried += result.startsTried
            if Self.isLower(refit, than: result, floor: floor) {
                result = refit.status == .notIdentified ? naming(refit) : refit
                // The refit watches ν alone creeping off.
                creeping = "ν"
            } else {
                result.startsTried = refit.startsTried
            }
        }
        // A fit no lower than the limit beyond rounding is the limit, or above it: ν (or m) is not
        // determined by a minimum (a refit that only reached the limit's RSS at ν = 710 had standard
        // errors of 2.6e9 on ν and 1.3e8 on k).
        if Self.isComparedWithLimit(result) && !Self.isLower(result.residualSumOfSquares, than: limit.residualSumOfSquares, floor: floor) {
            let point = result.status != .evaluationLimit ? "the minimum found"
                : result.solverStop == .creep ? "the point where the solver stopped, \(creeping) creeping off,"
                : "the point where the evaluation limit stopped the solver,"
            let found = Self.compared(limit.residualSumOfSquares, with: result.residualSumOfSquares, floor: floor,
                                      "\(point) at ν = \(shortNumber(result.estimates[3])), m = \(shortNumber(result.estimates[0]))")
            result.status = .notIdentified
            result.message = growsThroughout
                ? "not identified: market potential m runs away: exponential growth at the rate k/ν = \(shortNumber(limit.c)) "
                    + "through the data, which the Richards curve approaches as m grows, " + found
                : "not identified: shape ν runs away: the capped exponential the Richards curve approaches as ν and k grow "
                    + "together (growth at the rate k/ν = \(shortNumber(limit.c)) up to the level \(shortNumber(limit.m))) " + found
        }
        return result
    }

    /// The least sum of squares of `y` minus a sequence that never rises (`PooledViolators`, on −y: a
    /// sequence that never rises is the negation of one that never falls, and negation is exact). No
    /// falling curve, exponential saturation per period among them, fits `y` better. The sum only grows
    /// as the values are taken in, so the pass stops once it exceeds `limit`, returning what it has reached.
    static func fallingFitRSS(_ y: [Double], stoppingAbove limit: Double = .infinity) -> Double {
        PooledViolators.rss(of: y, sign: -1) { _, rss in rss > limit }
    }

    /// The Bass curve at q = 0 is exponential saturation, so its least-squares fit is never worse.
    /// A Bass fit that is worse (converged, or not identified) lies where the solver stopped short: p collapsed towards
    /// 0 on a late tail far from launch (running totals 637 months after launch: p = 2e-10, an RSS
    /// 302 times the exponential's), or a point beside the q = 0 edge that is not stationary. Such
    /// a fit has p below 1e-6·q or q within two standard errors of 0, so only fits like that are
    /// compared (some 0.2 % of the benchmark's series: an exponential fit to S-shaped data is slow,
    /// 144 µs on average there). So is a converged per-period fit far from the edge that a falling
    /// curve could beat, a local minimum: thirty years of sales in two waves, the second slower, were
    /// `converged` at q = 1.04 on the first wave (RSS 168,867), where exponential saturation decays
    /// through both (151,201). Exponential saturation per period falls throughout, so it fits no
    /// better than the closest falling sequence (`fallingFitRSS`), which rules it out in one pass for
    /// 99 % of the benchmark's fits (the other 1 % fit it, and keep their minimum). For running totals,
    /// which have no such bound, a fit whose changes fail the runs test is compared (the same two waves
    /// as 62 running totals: converged at 1.37e8, exponential saturation 1.20e8). One that
    /// is worse is refitted from the exponential's
    /// estimates (an interior minimum near q = 0), and the refit kept when it is lower; where the
    /// exponential is still lower, the fit is the Bass curve on its edge q = 0, at the
    /// exponential's estimates, diagnosed as any fit on a bound.
    func againstExponential(_ bass: FitResult, data: CurveData, nested fitOf: (ModelKind) -> FitResult) -> FitResult {
        // The edge is near (checked first: it is what every Bass fit pays), or a falling curve could
        // beat the fit.
        let p = bass.estimates[1], q = bass.estimates[2]
        let nearEdge = !(q > 2 * bass.standardError(2)) || p < 1e-6 * q
        func couldFall() -> Bool {
            switch data.form {
            case .perPeriod:
                let rss = bass.residualSumOfSquares
                return Self.fallingFitRSS(data.y, stoppingAbove: rss) < rss
            // No such bound for running totals: a fit whose changes run in long stretches (the runs test
            // the confirming starts answer to) is compared.
            case .cumulative:
                return Self.residualRunsStatistic(Self.perPeriodResiduals(bass.residuals, .cumulative)) < Self.structuredResidualsLimit
            }
        }
        guard nearEdge || (bass.converged && couldFall()) else { return bass }
        // A fit held on q = 0 is exponential saturation, reached by a bounded fit less closely than by
        // its own: the starts of Bass on running totals of a constant rate, m 13 to 413 times the
        // observed total, ended on the edge up to 7.5e-5 from it. It is reported at the exponential's fit
        // where that is no higher.
        if Self.isHeldOnEdge(bass) {
            let exponential = fitOf(.exponential)
            guard exponential.converged, exponential.residualSumOfSquares <= bass.residualSumOfSquares else { return bass }
            let edge = bassOnEdge(exponential, data: data, startsTried: bass.startsTried)
            return edge.status == .atBound && edge.residualSumOfSquares <= bass.residualSumOfSquares ? edge : bass
        }
        // Not identified for an undetermined m too (flagRunawayMarket), not for one that ran away:
        // a runaway Bass fit is on pre-peak data, far from this edge.
        let runaway = !(bass.estimates[0] <= runawayFactor * data.observedTotal)
        guard bass.converged || (bass.status == .notIdentified && !runaway) else { return bass }
        let exponential = fitOf(.exponential)
        let floor = data.roundingLevelRSS
        guard Self.isPointOfCurve(exponential) else { return bass }
        guard Self.isLower(exponential, than: bass, floor: floor) else {
            // A converged fit whose q is within a standard error of 0, and that the q = 0 curve matches
            // to 1e-8 of the RSS, is on the edge, reached less closely than the exponential's own fit
            // (daily sales with a launch spike: q = 1.5e-6 ± 5.9e5, p = 8.46 ± 5.2e5, at the RSS of
            // exponential saturation at p = 8.46 ± 14.7 to 5e-15).
            guard bass.converged, !(q > bass.standardError(2)),
                  exponential.residualSumOfSquares <= bass.residualSumOfSquares * (1 + 1e-8) + floor else { return bass }
            let edge = bassOnEdge(exponential, data: data, startsTried: bass.startsTried)
            return edge.residualSumOfSquares.isFinite ? edge : bass
        }
        var result = bass
        let m = exponential.estimates[0], pe = exponential.estimates[1]
        var refit = fit(BassModel(), data: data, starts: [[m, pe, 1e-3 * pe]])
        refit.startsTried += result.startsTried
        if Self.isLower(refit, than: result) { result = refit } else { result.startsTried = refit.startsTried }
        // A refit held on the edge is the exponential's curve, reached less closely than its own fit (the
        // two waves, the second slower: held there at q = 3e-15, m and p 1.3e-6 from the exponential's).
        let onEdge = Self.isHeldOnEdge(result) && exponential.residualSumOfSquares <= result.residualSumOfSquares
        if onEdge || Self.isLower(exponential, than: result, floor: floor) {
            let edge = bassOnEdge(exponential, data: data, startsTried: result.startsTried)
            if edge.residualSumOfSquares.isFinite { result = edge }
        }
        return result
    }

    /// A Bass fit on a bound with q alone held there (`heldAtBound`): its curve is exponential saturation.
    static func isHeldOnEdge(_ bass: FitResult) -> Bool { bass.status == .atBound && bass.heldAtBound == [2] }

    /// A Bass fit that claims a minimum at a finite market potential is compared with the curve the
    /// Bass curve approaches as m grows without bound (`GrowthLimit`): where that limit fits better,
    /// the minimum found is a local one and the least-squares m runs away — fifteen months of slowly
    /// rising sales 13 years after launch were `converged` at m = 2.4e6 with an RSS of 406 while the
    /// RSS falls to 362 as m grows; eleven months of a running total rising in a straight line, 46
    /// years after launch, were `converged` at a saturated curve (p = 8e-85) with an RSS 700 times
    /// the limit's. Such a fit is refitted from a point near the limit, m a thousand times the
    /// observed total, and the refit kept when it is lower (it runs away, or finds a lower finite
    /// minimum); one still worse than the limit is reported not identified.
    ///
    /// The limit is fitted only where it could be lower (`GrowthLimit.couldFitBelow`: its values
    /// rise and bend upwards, so data that fall or bend down far enough cannot be fitted by it).
    func againstGrowthLimit(_ bass: FitResult, data: CurveData) -> FitResult {
        // A fit the evaluation limit stopped too: one heading for the limit (a constant per period,
        // running totals rising in a straight line) would otherwise show an interval for its m.
        guard bass.converged || bass.status == .atBound || bass.status == .evaluationLimit else { return bass }
        // The bounds first, at the fit's own RSS (what every Bass fit pays); the rounding floor only
        // for the fits that pass them.
        let rss = bass.residualSumOfSquares
        guard GrowthLimit.couldFitBelow(rss, data) else { return bass }
        let floor = data.roundingLevelRSS
        guard let limit = GrowthLimit.fit(data), Self.isLower(limit.residualSumOfSquares, than: rss, floor: floor) else { return bass }
        var result = bass
        let total = data.observedTotal
        let m = 1000 * total
        if m > 0, limit.a > 0, (limit.a / m).isNormal {
            var refit = fit(BassModel(), data: data, starts: [[m, limit.a / m, limit.q]])
            refit.startsTried += result.startsTried
            if Self.isLower(refit, than: result, floor: floor) { result = refit } else { result.startsTried = refit.startsTried }
        }
        if result.converged || result.status == .atBound || result.status == .evaluationLimit,
           Self.isLower(limit.residualSumOfSquares, than: result.residualSumOfSquares, floor: floor) {
            result.status = .notIdentified
            let rate = limit.a > 0 && limit.a.isFinite ? "m·p = \(shortNumber(limit.a)), " : ""
            result.message = "not identified: market potential m runs away: the growth the Bass curve approaches as m grows "
                + "without bound (\(rate)q = \(shortNumber(limit.q))) "
                + Self.compared(limit.residualSumOfSquares, with: result.residualSumOfSquares, floor: floor,
                                "the minimum found at m = \(shortNumber(result.estimates[0]))")
        }
        return result
    }

    /// The Bass fit on its edge q = 0 at the estimates of `exponential`, the exponential saturation
    /// fit (the same curve): diagnosed as a bounded fit that ended there, q held on its bound, with the
    /// starts of the fit it replaces (`startsTried`).
    func bassOnEdge(_ exponential: FitResult, data: CurveData, startsTried: Int) -> FitResult {
        let curve = BassModel()
        let problem = CurveFitProblem(curve: curve, data: data)
        let x = [exponential.estimates[0], exponential.estimates[1], 0]
        var residuals = [Double](repeating: 0, count: data.y.count)
        problem.residuals(at: x, into: &residuals)
        let outcome = SolverOutcome(x: x, residuals: residuals, residualSumOfSquares: residuals.reduce(0) { $0 + $1 * $1 },
                                    stop: exponential.solverStop, evaluations: exponential.evaluations,
                                    jacobianEvaluations: exponential.jacobianEvaluations, iterations: 0)
        var solver = self.solver
        solver.options.runawayLimits = runawayLimits(curve, observedTotal: data.observedTotal)
        var (result, _) = solver.diagnose(problem, names: curve.parameterNames, observed: data.y, outcome: outcome,
                                          bounds: Self.domainBounds(curve))
        Self.nameLimitingCurve(&result, curve)
        var edge = flagWorseThanMean(flagRunawayMarket(result, curve: curve, data: data))
        edge.startsTried = startsTried
        return edge
    }

    /// Whether the RSS `a` is lower than `b` beyond rounding — by more than 1e-10 of it and by more
    /// than `floor` — or `b` is not finite.
    static func isLower(_ a: Double, than b: Double, floor: Double) -> Bool {
        a.isFinite && (!b.isFinite || a < b - max(1e-10 * b, floor))
    }

    /// "RSS a against b" for a limit's RSS and a fit's, with how much lower the limit's is where it is
    /// lower beyond rounding (`isLower`) and the two read the same as `shortNumber` prints them.
    static func rssAgainst(_ limit: Double, _ fit: Double, floor: Double) -> String {
        let (a, b) = (shortNumber(limit), shortNumber(fit))
        guard a == b, isLower(limit, than: fit, floor: floor) else { return "RSS \(a) against \(b)" }
        return "RSS \(a) against \(b), lower by \(shortNumber((fit - limit) / fit)) of it"
    }

    /// How a limit's RSS compares with that of a fit no lower than it, at `point` (the fit's, described):
    /// "fits better than" where it is lower beyond rounding, else "fits as well as", then `point` and
    /// both RSS (`rssAgainst`): the words every check against a limit ends its message with.
    static func compared(_ limit: Double, with fit: Double, floor: Double, _ point: String) -> String {
        "\(comparison(limit, with: fit, floor: floor)) \(point) (\(rssAgainst(limit, fit, floor: floor)))"
    }

    /// "fits better than" where a limit's RSS is lower than a fit's beyond rounding, else "fits as well as".
    private static func comparison(_ limit: Double, with fit: Double, floor: Double) -> String {
        isLower(limit, than: fit, floor: floor) ? "fits better than" : "fits as well as"
    }

    /// Whether `a`'s RSS is lower than `b`'s beyond rounding (as for two RSS, above).
    static func isLower(_ a: FitResult, than b: FitResult, floor: Double = 0) -> Bool {
        isLower(a.residualSumOfSquares, than: b.residualSumOfSquares, floor: floor)
    }

    /// A converged fit that explains less than the series' mean does (R² < 0) is no least-squares
    /// fit: an adoption curve comes as near a constant as one likes (per-period Bass with p + q
    /// small and m large, cumulative curves that rise at once), so a nearly flat curve improves on
    /// it. Such a point is a local minimum the starts did not escape (a curve whose mass lies
    /// where a lone spike is not, growth the curve cannot follow).
    func flagWorseThanMean(_ result: FitResult) -> FitResult {
        guard result.status == .converged, result.rSquared < 0 else { return result }
        var flagged = result
        flagged.status = .notAMinimum
        flagged.message = "not a minimum: the fitted curve explains less than the series' mean does "
            + "(R² = \(shortNumber(result.rSquared))), which a nearly flat curve improves on; no start found a better fit"
        return flagged
    }

    func flagRunawayMarket<C: AdoptionCurve>(_ result: FitResult, curve: C, data: CurveData) -> FitResult {
        let total = data.observedTotal
        switch result.status {
        case .converged, .atBound, .evaluationLimit: break
        default: return result
        }
        let j = curve.marketIndex
        let m = result.estimates[j]
        let se = result.standardError(j)
        let runaway = runsAway(m, standardError: se, observedTotal: total)
        // An undetermined m makes a converged fit not identified (one on a bound is judged once the
        // model's fit is final, `flagUndeterminedOnBound`; one worse than the series' mean is flagged as that).
        let undetermined = result.status == .converged && result.rSquared >= 0 && Self.isUndetermined(result, curve)
        guard total > 0, runaway || undetermined else { return result }
        let what = runaway
            ? "runs away (\(shortNumber(m)), \(shortNumber(m / total))× the observed total, "
                + (se.isFinite ? "standard error \(shortNumber(se))" : "no standard error") + ")"
            : Self.undeterminedPhrase(m, standardError: se)
        var flagged = result
        flagged.status = .notIdentified
        flagged.message = "not identified: market potential m \(what); \(Self.whyUndetermined(curve, result.estimates, data))"
        return flagged
    }

    /// On per-period data Bass and the logistic are one curve in two parameterizations (the logistic's
    /// increments are Bass's times 1 + p/q, with k = p + q and e^{k·t0} = q/p), each with its own market
    /// potential: Bass's counts the adopters from launch, the logistic's m(1 + p/q) also those its curve
    /// places before launch. Whether a standard error reaches the estimate depends on which is judged (a
    /// series' Bass fit with m = 355,454 ± 294,819 and its logistic fit, at the same minimum, with
    /// m = 641,509 ± 782,388), so each fit is judged in the other's terms too: the two fits of one series
    /// get one verdict, whichever model is asked for. Only for a curve that peaks after launch (q > p,
    /// t0 > 0): one that falls from launch puts most of the logistic's m before it, never observed, and
    /// a Bass m known to ±2 % (twelve years of falling sales, m = 10,162 ± 221, q = 0.0093 ± 0.024) has
    /// a logistic twin of 281,966 ± 701,864. The twin's market potential and its delta-method standard
    /// error (the linearization's, so exactly the twin fit's own at the same minimum); nil for other
    /// models, for running totals, where the two curves differ, and for a curve that peaks at or before launch.
    static func twinMarket(_ result: FitResult, kind: ModelKind, form: DataForm)
        -> (model: String, what: String, value: Double, standardError: Double)? {
        guard form == .perPeriod, result.heldAtBound.isEmpty, result.parameterCount == 3 else { return nil }
        let e = result.estimates
        let twin: (model: String, what: String, value: Double, standardError: Double)
        switch kind {
        case .bass:
            // m_L = m(1 + p/q); the peak t* = ln(q/p)/(p + q) after launch.
            let (m, p, q) = (e[0], e[1], e[2])
            guard p > 0, q > p else { return nil }
            twin = ("the logistic", "its m = m(1 + p/q) =", m * (1 + p / q),
                    result.standardError(ofGradient: [1 + p / q, m / q, -m * p / (q * q)]))
        case .logistic:
            // m_B = m·s, s = 1/(1 + e^{−k·t0}): the adopters from launch; the peak t0 after launch.
            let (m, k, t0) = (e[0], e[1], e[2])
            guard t0 > 0 else { return nil }
            let s = 1 / (1 + Double.exp(-k * t0)), ds = s * (1 - s)
            twin = ("Bass", "the adopters from launch, m/(1 + e^(−k·t0)) =", m * s,
                    result.standardError(ofGradient: [s, m * ds * t0, m * ds * k]))
        default:
            return nil
        }
        return twin.value > 0 && twin.value.isFinite && twin.standardError > 0 ? twin : nil
    }

    /// A fit on a bound whose market potential is not determined (`isUndetermined`) is not identified,
    /// as a converged one is (`flagRunawayMarket`): the Richards curve on ν = 0 is the Gompertz curve,
    /// and was reported `at_bound` with an interval for m where the Gompertz fit of the same series, at
    /// the same estimates, is not identified. Checked once the model's fit is final, after the refits
    /// that choose among fits on a bound.
    func flagUndeterminedOnBound(_ result: FitResult) -> FitResult {
        guard result.status == .atBound, result.rSquared >= 0, let m = result.estimates.first else { return result }
        let se = Self.standardErrorOnBound(result, 0)
        guard Self.isUndetermined(m, standardError: se) else { return result }
        var flagged = result
        flagged.status = .notIdentified
        flagged.message = "not identified: market potential m \(Self.undeterminedPhrase(m, standardError: se)); " + result.message
        return flagged
    }

    /// What a not-identified message says of a market potential whose standard error is at least itself.
    static func undeterminedPhrase(_ m: Double, standardError se: Double) -> String {
        "is not determined (\(shortNumber(m)), standard error \(shortNumber(se)), at least the estimate itself)"
    }

    /// Whether the fit's market potential has a standard error at least as large as itself: one
    /// standard error takes it to zero, and its t-based interval far below (a lone spike fitted by
    /// exponential saturation, m = 3,819 with a standard error of 40,147; six noisy years of a ramp,
    /// m = 236,650 with 1,530,372, its profile interval open above). Such a fit is not identified,
    /// however near the observed total m is.
    static func isUndetermined<C: AdoptionCurve>(_ result: FitResult, _ curve: C) -> Bool {
        let j = curve.marketIndex
        return isUndetermined(result.estimates[j], standardError: result.standardError(j))
    }

    /// Whether a market potential `m` with standard error `se` is not determined: `se` finite and at
    /// least m itself (`isUndetermined(_:_:)`).
    public static func isUndetermined(_ m: Double, standardError se: Double) -> Bool {
        se.isFinite && se >= abs(m)
    }

    /// Whether a market potential runs away: above `runawayFactor` times the observed total with a
    /// standard error of at least half of it (or none).
    public func runsAway(_ m: Double, standardError se: Double, observedTotal total: Double) -> Bool {
        m > runawayFactor * total && !(se < 0.5 * m)
    }

    /// Parameter `j`'s standard error as the curve a fit on a bound became gives it: σ² there counts the
    /// parameters on a bound out (the fit on the bound counts them in, `at_bound`), so that both say the
    /// same of one estimate. The plain standard error for a fit on no bound.
    public static func standardErrorOnBound(_ result: FitResult, _ j: Int) -> Double {
        let dof = Double(result.degreesOfFreedom)
        return result.standardError(j) * (dof / (dof + Double(result.heldAtBound.count))).squareRoot()
    }

    /// Whether the fitted curve's adoption rate peaks in the last period observed or later (a
    /// ramp that has not turned), not before (a decline any larger m can follow).
    static func peaksAfterData<C: AdoptionCurve>(_ curve: C, _ θ: [Double], _ data: CurveData) -> Bool {
        guard let last = data.t.last, let peak = curve.characteristicPoints(parameters: θ).peak else { return false }
        return peak > last - 1
    }
}
