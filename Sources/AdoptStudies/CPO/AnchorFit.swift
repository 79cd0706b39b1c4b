import AdoptScenario
import Fitting
import LinearAlgebra
import RealModule

/// An anchor as the calibration uses it: its corrected time and weight.
struct UsableAnchor: Sendable {
    var anchor: Anchor
    /// Calendar year after the optimism correction.
    var year: Double
    var sigma: Double
}

/// The anchors' model predictions and their gradients with respect to (p₁, q₁, p₂, q₂, w).
struct AnchorPredictor: Sendable {
    let engine: CPOEngine
    let effects: Effects
    let anchors: [UsableAnchor]

    /// Predictions (in each anchor's unit) and ∂/∂θ rows.
    func predict(_ θ: SegmentVector) -> (values: [Double], gradients: [[Double]]) {
        let scenario = engine.scenario
        let introduction = engine.cpoIntroduction + effects.introductionShift
        let times = anchors.map { max(0, $0.year + 0.5 - introduction) }
        let paths = SegmentDiffusion.solve(θ, effects: effects, introduction: introduction, times: times,
                                           tolerance: SegmentDiffusion.calibrationTolerance)
        let cpo = scenario.technologies[.cpo]!, npo = scenario.technologies[.npo]
        var values: [Double] = [], gradients: [[Double]] = []
        for (i, a) in anchors.enumerated() {
            let calendar = a.year + 0.5
            let year = Int(a.year.rounded(.down))
            let fraction = a.year - Double(year)
            let ports = (1 - fraction) * engine.demand.totalPorts(in: year) + fraction * engine.demand.totalPorts(in: year + 1)
            var value = 0.0
            var gradient = [Double](repeating: 0, count: 5)
            // CPO ports by segment (up to the common factor of total ports) and their gradients.
            var segmentValue: [SegmentID: Double] = [:]
            var segmentGradient: [SegmentID: [Double]] = [:]
            var segmentShare: [SegmentID: Double] = [:]
            for s in SegmentID.allCases {
                // The segments' split of a year's ports is the series' value at the year, as the forecast
                // tables have it (`DemandModel.segmentShare`); the adoption is the mid-year's.
                let share = engine.demand.demand.hyperscaleShare.value(at: a.year).segment(s)
                    * (effects.demandRamps[s] ?? []).multiplier(at: calendar)
                let ceiling = scenario.segments[s]!.ceiling * (effects.ceilingRamps[s] ?? []).multiplier(at: calendar)
                segmentShare[s] = share
                segmentValue[s] = share * ceiling * paths.adopted[s]![i]
                segmentGradient[s] = paths.gradient[s]![i].map { share * ceiling * $0 }
            }
            let segments: [SegmentID] = a.anchor.segment.map { [$0] } ?? SegmentID.allCases
            switch a.anchor.metric {
            case .hyperscaleFraction:
                // h / (h + e), by the quotient rule.
                let h = segmentValue[.hyperscale]!, e = segmentValue[.enterprise]!
                let total = max(h + e, 1e-300)
                value = h / total
                for j in 0..<5 {
                    let dh = segmentGradient[.hyperscale]![j], de = segmentGradient[.enterprise]![j]
                    gradient[j] = (dh * total - h * (dh + de)) / (total * total)
                }
            case .cpoNpoRevenue:
                // CPO's revenue and NPO's: NPO takes its level n of the ports CPO leaves (`Substitution`),
                // so a segment's CPO and NPO revenue per port is c·P_cpo + n·(1 − c)·P_npo for a CPO level c.
                let (cpoPrice, npoPrice) = (asp(cpo, calendar) / 1000, npo.map { asp($0, calendar) / 1000 } ?? 0)
                for s in segments {
                    let n = engine.bridge(.npo, s, at: calendar)
                    value += ports * (cpoPrice * segmentValue[s]! + npoPrice * n * (segmentShare[s]! - segmentValue[s]!))
                    for j in 0..<5 { gradient[j] += ports * (cpoPrice - npoPrice * n) * segmentGradient[s]![j] }
                }
            default:
                for s in segments {
                    // A segment's own share is per its ports; the market's is per all ports.
                    let own = a.anchor.segment != nil && a.anchor.metric == .cpoShare
                    let divisor = own ? segmentShare[s]! : 1
                    let scale = (a.anchor.metric == .cpoShare ? 1 : ports)
                        * (a.anchor.metric == .cpoRevenue ? asp(cpo, calendar) / 1000 : 1) / divisor
                    value += scale * segmentValue[s]!
                    for j in 0..<5 { gradient[j] += scale * segmentGradient[s]![j] }
                }
            }
            values.append(value)
            gradients.append(gradient)
        }
        return (values, gradients)
    }

    func asp(_ technology: Technology, _ calendar: Double) -> Double {
        technology.asp(at: calendar - 0.5)
    }
}

extension Double {
    /// The share of `segment` when `self` is the hyperscale share.
    func segment(_ s: SegmentID) -> Double { s == .hyperscale ? self : 1 - self }
}

/// The last prediction, so the Jacobian at a point the solver has just evaluated costs no new solve.
final class PredictionCache: @unchecked Sendable {
    // Used by one solver on one thread at a time.
    var θ: SegmentVector = []
    var values: [Double] = []
    var gradients: [[Double]] = []
}

/// The penalized least-squares problem in transformed coordinates u.
struct MAPProblem: LeastSquaresProblem {
    let predictor: AnchorPredictor
    let priors: [Prior]
    let cache = PredictionCache()

    func predict(_ θ: SegmentVector) -> (values: [Double], gradients: [[Double]]) {
        if θ == cache.θ { return (cache.values, cache.gradients) }
        let (values, gradients) = predictor.predict(θ)
        cache.θ = θ
        cache.values = values
        cache.gradients = gradients
        return (values, gradients)
    }

    var parameterCount: Int { 5 }
    var residualCount: Int { predictor.anchors.count + priors.count }

    func residuals(at u: [Double], into r: UnsafeMutableBufferPointer<Double>) {
        let θ = CPOCalibration.untransform(u)
        let (values, _) = predict(θ)
        for (i, a) in predictor.anchors.enumerated() {
            r[i] = (Double.log(max(values[i], 1e-300)) - Double.log(a.anchor.value)) / a.sigma
        }
        let k = predictor.anchors.count
        let g = CPOCalibration.priorCoordinates(u)
        for (j, prior) in priors.enumerated() { r[k + j] = (g[j] - prior.mean) / prior.sd }
    }

    func jacobian(at u: [Double], into jac: UnsafeMutableBufferPointer<Double>) {
        let θ = CPOCalibration.untransform(u)
        let dθ = CPOCalibration.jacobianOfTransform(u)
        let (values, gradients) = predict(θ)
        let m = residualCount
        for (i, a) in predictor.anchors.enumerated() {
            let v = max(values[i], 1e-300)
            for j in 0..<5 {
                var d = 0.0
                for c in 0..<5 { d += gradients[i][c] * dθ[c * 5 + j] }
                jac[i + j * m] = d / (v * a.sigma)
            }
        }
        let k = predictor.anchors.count
        let dg = CPOCalibration.priorJacobian(u)
        for j in 0..<5 { for (l, prior) in priors.enumerated() { jac[k + l + j * m] = dg[l * 5 + j] / prior.sd } }
    }
}

extension CPOCalibration {
    /// Calibrates the segment parameters to the scenario's anchors (or returns the scenario's own when
    /// calibration is off), reporting every anchor's and prior's pull.
    ///
    /// `priorWidening` multiplies every prior's standard deviation (tests use it to let the
    /// anchors alone decide).
    static func calibrate(_ engine: CPOEngine, effects: Effects, priorWidening: Double = 1) -> CalibrationOutcome {
        let scenario = engine.scenario
        let settings = scenario.calibration
        // Without calibration there are no anchors to move: the slip is measured, not applied.
        let slip = vintageSlip(settings.vintages, applied: settings.enabled && settings.optimismCorrection)
        var (priors, priorNotes, unsourced) = self.priors(scenario)
        for i in priors.indices { priors[i].sd *= priorWidening }
        var notes = priorNotes
        let start = engine.scenarioVector
        guard settings.enabled else {
            return CalibrationOutcome(θ: start, u: transform(start), covariance: nil, status: "not calibrated",
                                      priors: priors, pulls: [], slip: slip, notes: notes)
        }
        guard unsourced.isEmpty else {
            let names = unsourced.map { "the \($0.rawValue) segment's" }.joined(separator: " and ")
            notes.append("no analog fit or published p/q row informs \(names) p and q (an analog too short, or one that "
                         + "did not fit): the calibration has no prior to centre them on, so the forecast uses the scenario's values")
            return CalibrationOutcome(θ: start, u: transform(start), covariance: nil, status: CPOCalibration.noPriorStatus,
                                      priors: priors, pulls: [], slip: slip, notes: notes)
        }
        let introduction = engine.cpoIntroduction + effects.introductionShift
        var usable: [UsableAnchor] = []
        for anchor in settings.anchors {
            var year = anchor.year
            if let slip, slip.applied { year += slip.slipPerYear * CPOCalibration.forecastAge(anchor, now: settings.currentYear) }
            guard anchor.value > 0 else {
                notes.append("anchor \(anchorName(anchor)) is 0: anchors are fitted on the log scale, so a zero says "
                             + "nothing about the level: not used")
                continue
            }
            // An anchor is a year's figure, matched by the model at mid-year: a year CPO entered part of
            // the way through holds less than a year of adoption, and a figure for it would ask for
            // any rate at all in the few months after launch (at 0.01 year, a market-wide p of 2.6).
            guard year >= introduction else {
                let part = year + 1 > introduction ? "in part " : ""
                notes.append("anchor \(anchorName(anchor)) falls \(part)before CPO's introduction (\(introduction)): not used")
                continue
            }
            usable.append(UsableAnchor(anchor: anchor, year: year, sigma: settings.sigma(for: anchor)))
        }
        guard !usable.isEmpty else {
            // Priors alone would only give back their own centre: say so rather than "converged", and
            // forecast from the scenario's own values, as without calibration.
            return CalibrationOutcome(θ: start, u: transform(start), covariance: nil, status: "no usable anchors",
                                      priors: priors, pulls: [], slip: slip, notes: notes)
        }
        let predictor = AnchorPredictor(engine: engine, effects: effects, anchors: usable)
        let problem = MAPProblem(predictor: predictor, priors: priors)
        // The anchors mostly see the whole market, so the segments can trade places: search
        // from the scenario's values, the priors' centre and a grid of imitation speeds around
        // that centre (not the scenario's values, so that a far-off start cannot steer the
        // grid), and keep the lowest minimum.
        let u0 = transform(start)
        let priorCentre = coordinates(fromPrior: priors.map(\.mean))
        var starts = [u0, priorCentre]
        for qh in [0.2, 0.5, 1.0] {
            for ratio in [0.3, 0.8] {
                starts.append([priorCentre[0], Double.log(qh), priorCentre[2], logit(ratio), priorCentre[4]])
            }
        }
        // Tolerances of 1e-10 settle the mode far below the anchors' uncertainty.
        var options = SolverOptions()
        options.costTolerance = 1e-10
        options.stepTolerance = 1e-10
        options.gradientTolerance = 1e-10
        let result = NonlinearLeastSquares(options: options)
            .fit(problem, names: names, observed: [Double](repeating: 0, count: problem.residualCount),
                 starts: starts, exhaustive: true)
        let u = result.estimates
        let mode = untransform(u)
        var cov = result.unscaledCovariance
        var status = result.status.rawValue
        var jac = [Double](repeating: 0, count: problem.residualCount * 5)
        problem.jacobian(at: u, into: &jac)
        // A ratio or w at its limit (enterprise p or q equal to the hyperscalers', or 0; w at 0 or 1):
        // the mode lies on the model's boundary, where its coordinate runs off and its Jacobian
        // column vanishes. It is held there, as a fitted parameter on a bound is, and the covariance
        // of the others is conditional on it (zero row and column): the same whether the coordinate
        // stopped at 21 or ran to infinity.
        let held = boundCoordinates(u)
        var heldApplied: [Int] = []  // the coordinates the covariance is conditional on
        if !held.isEmpty, result.status == .converged || result.status == .notIdentified {
            if let conditional = conditionalCovariance(jacobian: jac, rows: problem.residualCount, held: held) {
                cov = conditional
                heldApplied = held
                status = "at_bound"
                notes.append("calibration at a bound: " + held.map { boundDescription($0, u) }.joined(separator: "; ")
                             + " (the fit, its priors with the anchors, would take it beyond); the other parameters' standard errors, intervals and "
                             + "bands are conditional on that")
            }
        }
        // Pulls: each row's share of the objective and its leverage J_i (JᵀJ)⁻¹ J_iᵀ.
        var r = [Double](repeating: 0, count: problem.residualCount)
        problem.residuals(at: u, into: &r)
        let total = max(r.reduce(0) { $0 + $1 * $1 }, 1e-300)
        let m = problem.residualCount
        func leverage(_ i: Int) -> Double? {
            guard let cov else { return nil }
            var h = 0.0
            for a in 0..<5 { for b in 0..<5 { h += jac[i + a * m] * cov[a * 5 + b] * jac[i + b * m] } }
            return h
        }
        let fitted = predictor.predict(untransform(u)).values
        var pulls: [PullRow] = []
        for (i, a) in usable.enumerated() {
            pulls.append(PullRow(kind: "anchor", name: anchorName(a.anchor), year: a.anchor.year, vintage: a.anchor.vintage,
                                 correctedYear: a.year, quality: a.anchor.quality, observed: a.anchor.value,
                                 fitted: fitted[i], standardizedResidual: r[i], objectiveShare: r[i] * r[i] / total,
                                 leverage: leverage(i), source: a.anchor.source))
        }
        for (j, prior) in priors.enumerated() {
            let i = usable.count + j
            pulls.append(PullRow(kind: "prior", name: prior.name, year: nil, vintage: nil, correctedYear: nil,
                                 quality: nil, observed: prior.mean, fitted: priorCoordinates(u)[j], standardizedResidual: r[i],
                                 objectiveShare: r[i] * r[i] / total, leverage: leverage(i), source: prior.source))
            // A prior row with leverage above ½ weighs more in its coordinate's fitted value than all the
            // anchors together (locally: the leverage is the linearized fit's).
            if let h = leverage(i), h > 0.5 {
                notes.append("the prior on \(prior.name) has leverage \(CPOCalibration.rounded(h)): near the estimate it weighs more "
                             + "than all the anchors together, which say little about that parameter")
            }
        }
        // The anchors' σ come from their quality labels, not from the data. The χ² of the residuals
        // (anchors and priors) against its degrees of freedom says whether the anchors scatter as those
        // σ allow; its square root is the Birge ratio. The covariance is not widened by it: the
        // draws for the bands come from the normal approximation in the calibration's coordinates,
        // which, widened, reaches shares the anchors rule out (the approximation is local), so the
        // report states the scatter instead.
        let dof = m - (5 - heldApplied.count)
        let chi2 = r.reduce(0) { $0 + $1 * $1 }
        let fit = dof > 0 ? GoodnessOfFit(chiSquare: chi2, degreesOfFreedom: dof) : nil
        if let fit, fit.beyondSigma {
            notes.append("the model misses the anchors and priors by more than their σ allow: χ² = \(CPOCalibration.rounded(chi2)) on "
                         + "\(dof) degrees of freedom (Birge ratio √(χ²/dof) = \(CPOCalibration.rounded(fit.birgeRatio))); "
                         + "the standard errors, intervals and bands take the σ as given, so they are conditional on them and "
                         + "narrower than that misfit (with every anchor σ scaled by the Birge ratio, in the scenario's anchor_sigma, the "
                         + "fit itself moves as well as its bands)")
        }
        // A mode outside the scenario's own domain (p above 1, q above 5 a year, or not finite) is no
        // calibration of an adoption curve: the anchors ask for something no Bass curve of the
        // scenario's can give. (Enterprise p and q never exceed the hyperscalers'.) The pulls stay,
        // at the mode, to show which anchors asked for it; the forecast uses the scenario's values.
        if !(mode[0] <= Segment.maximumP && mode[1] <= Segment.maximumQ) {
            notes.append("the calibration's mode lies outside the scenario's domain (hyperscale p = \(CPOCalibration.rounded(mode[0]))"
                         + ", q = \(CPOCalibration.rounded(mode[1])); p ≤ \(Int(Segment.maximumP)) and q ≤ "
                         + "\(Int(Segment.maximumQ))): the forecast uses the scenario's own values; the pulls are the mode's")
            return CalibrationOutcome(θ: start, u: transform(start), covariance: nil, status: "outside_domain",
                                      priors: priors, pulls: pulls, slip: slip, notes: notes, goodnessOfFit: fit)
        }
        return CalibrationOutcome(θ: mode, u: u, covariance: cov, status: status,
                                  priors: priors, pulls: pulls, slip: slip, notes: notes,
                                  goodnessOfFit: fit)
    }

    /// The years over which an anchor was a forecast, which the slip correction multiplies: from its
    /// vintage until now or until its year ended, whichever came first. An estimate of a year that had
    /// ended when it was made is no forecast (0): its year is not moved. A forecast of a year now past
    /// stopped slipping when that year ended.
    static func forecastAge(_ anchor: Anchor, now: Double) -> Double {
        anchor.wasForecast ? max(0, min(now, anchor.year + 1) - anchor.vintage) : 0
    }

    /// How near its limit a logistic coordinate must be to count as on it.
    static let boundTolerance = 1e-6

    /// The logit coordinates (p₂/p₁, q₂/q₁, w) within `boundTolerance` of 0 or 1.
    static func boundCoordinates(_ u: [Double]) -> [Int] {
        [2, 3, 4].filter { j in
            let s = logistic(u[j])
            return s >= 1 - boundTolerance || s <= boundTolerance
        }
    }

    /// Which limit coordinate `j` of `u` is held at, in words.
    static func boundDescription(_ j: Int, _ u: [Double]) -> String {
        let upper = logistic(u[j]) >= 0.5
        switch j {
        case 2: return upper ? "enterprise p equals hyperscale p, its limit" : "enterprise p is 0"
        case 3: return upper ? "enterprise q equals hyperscale q, its limit" : "enterprise q is 0"
        default: return upper ? "w is 1 (enterprises imitate hyperscalers only)" : "w is 0 (enterprises imitate only each other)"
        }
    }

    /// The upper Cholesky factor R (RᵀR = C) of a covariance with zero rows and columns for
    /// coordinates held at a bound: the free block's factor, zero elsewhere, so that u + Rᵀz
    /// draws move the free coordinates only (nil when the free block is not positive definite).
    static func covarianceFactor(_ covariance: [Double], n: Int) -> Matrix? {
        let free = (0..<n).filter { covariance[$0 * n + $0] != 0 }
        var block = Matrix(rows: free.count, columns: free.count)
        for (x, a) in free.enumerated() { for (y, b) in free.enumerated() { block[x, y] = covariance[a * n + b] } }
        var r = Matrix(rows: n, columns: n)
        guard !free.isEmpty else { return r }
        guard let factor = Decompositions.smallCholesky(block) else { return nil }
        for (x, a) in free.enumerated() { for (y, b) in free.enumerated() { r[a, b] = factor[x, y] } }
        return r
    }

    /// (J_fᵀJ_f)⁻¹ over the coordinates not `held`, embedded in a 5 × 5 row-major matrix with zero
    /// rows and columns for the held ones (nil if singular).
    static func conditionalCovariance(jacobian jac: [Double], rows m: Int, held: [Int]) -> [Double]? {
        let free = (0..<5).filter { !held.contains($0) }
        let k = free.count
        var a = Matrix(rows: k, columns: k)
        for (x, fa) in free.enumerated() {
            for (y, fb) in free.enumerated() {
                var s = 0.0
                for i in 0..<m { s += jac[i + fa * m] * jac[i + fb * m] }
                a[x, y] = s
            }
        }
        guard let inverse = Decompositions.smallCholeskyInverse(a) else { return nil }
        var cov = [Double](repeating: 0, count: 25)
        for (x, fa) in free.enumerated() { for (y, fb) in free.enumerated() { cov[fa * 5 + fb] = inverse[x, y] } }
        return cov
    }

    static func anchorName(_ a: Anchor) -> String {
        let unit: String
        switch a.metric {
        case .cpoShare: unit = "CPO share \(CPOCalibration.rounded(a.value * 100)) %"
        case .cpoPorts: unit = "CPO ports \(CPOCalibration.rounded(a.value)) M"
        case .cpoRevenue: unit = "CPO revenue $\(CPOCalibration.rounded(a.value)) bn"
        case .cpoNpoRevenue: unit = "CPO and NPO revenue $\(CPOCalibration.rounded(a.value)) bn"
        case .hyperscaleFraction: unit = "hyperscale fraction of CPO \(CPOCalibration.rounded(a.value * 100)) %"
        }
        return "\(unit) in \(Int(a.year)) (\(a.segment?.rawValue ?? "all"), made \(CPOCalibration.rounded(a.vintage)))"
    }
}
