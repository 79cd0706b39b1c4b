extension TwoSegmentDiffusion {
    /// Which adoption curve to analyse.
    public enum Segment: Sendable, Equatable, Hashable {
        /// F₁, the influentials (segment 1).
        case influentials
        /// F₂, the imitators (segment 2).
        case imitators
        /// F = θ·F₁ + (1 − θ)·F₂ for influential share θ ∈ [0, 1].
        case total(share: Double)
    }

    /// ``characteristicPoints(segment:horizon:samplingStep:)`` by segment number:
    /// 1 the influentials, 2 the imitators.
    public func characteristicPoints(segment: Int, horizon: Double,
                                     samplingStep: Double = 0.01) -> CharacteristicPoints {
        precondition(segment == 1 || segment == 2, "segment must be 1 (influentials) or 2 (imitators), got \(segment)")
        return characteristicPoints(segment: segment == 1 ? .influentials : .imitators,
                                    horizon: horizon, samplingStep: samplingStep)
    }

    /// Takeoff, peak and saturation onset of one segment's adoption rate
    /// f = dF/dt within [0, horizon], defined as for the Bass model by
    /// Mahajan, Muller & Srivastava (1990):
    ///
    ///     peak             = argmax f          over [0, horizon]
    ///     takeoff          = argmax df/dt      over [0, peak]
    ///     saturation onset = argmin df/dt      over [peak, horizon]
    ///
    /// Each is nil when the extremum falls on an end of its interval (no
    /// takeoff when df/dt is largest at launch, no peak or saturation onset
    /// while the rate still rises at the horizon); as for the Bass model with
    /// q ≤ p, takeoff and peak are nil when the rate only falls from launch, and the
    /// saturation onset is where that fall is steepest (nil, with `saturationOnsetAtLaunch`,
    /// when that is at launch). Takeoff and saturation onset
    /// are turns of df/dt (d²f/dt² = 0) whenever it has any in their intervals; only
    /// without one are they at an end or at a ramp's corner, where df/dt jumps.
    /// `peakRate` is max f over [0, horizon] (fraction per year).
    ///
    /// The rate and its first two derivatives come analytically from the
    /// right-hand side (ramp slopes included), sampled every `samplingStep`
    /// years and at every ramp breakpoint; each sign change of df/dt or
    /// d²f/dt² is then bisected to about 1e-11 years. Extrema closer together
    /// than `samplingStep` can be missed. If the integration fails all three
    /// are nil and `peakRate` is NaN.
    ///
    /// Mahajan, V., Muller, E. & Srivastava, R. K. (1990), "Determination of
    /// adopter categories by using innovation diffusion models", *Journal of
    /// Marketing Research* 27(1), 37–50.
    public func characteristicPoints(segment: Segment, horizon: Double,
                                     samplingStep: Double = 0.01) -> CharacteristicPoints {
        let failed = CharacteristicPoints(takeoff: nil, peak: nil, saturationOnset: nil, peakRate: .nan)
        var nodes = Self.grid(through: horizon, step: samplingStep)
        nodes.append(contentsOf: schedule.breakpoints.filter { $0 < horizon })
        nodes = Array(Set(nodes)).sorted()
        var states: [TwoSegmentSystem.State] = []
        var pieces: [Int] = []
        states.reserveCapacity(nodes.count)
        pieces.reserveCapacity(nodes.count)
        // Each node can cost one extra (cut-short) step; that is not counted against the cap.
        var dense = self
        dense.maxSteps = maxSteps + nodes.count
        let (converged, _) = dense.integrate(at: nodes) { _, y, piece in
            states.append(y)
            pieces.append(piece)
        }
        guard converged else { return failed }
        let weights = segment.weights
        guard nodes.count > 1 else {
            let j = rateJet(at: 0, states[0], piece: pieces[0], weights: weights)
            return CharacteristicPoints(takeoff: nil, peak: nil, saturationOnset: nil, peakRate: j.f)
        }

        // Per cell [tᵢ, tᵢ₊₁] (no breakpoint inside): the jet at both ends, on that cell's piece.
        let cells = 0..<(nodes.count - 1)
        let left = cells.map { rateJet(at: nodes[$0], states[$0], piece: pieces[$0], weights: weights) }
        let right = cells.map { rateJet(at: nodes[$0 + 1], states[$0 + 1], piece: pieces[$0], weights: weights) }

        func refine(_ i: Int, _ φ: (RateJet) -> Double) -> (t: Double, jet: RateJet)? {
            var bracket = integrator(piece: pieces[i], t: nodes[i], y: states[i])
            var a = nodes[i], b = nodes[i + 1]
            let positiveAtA = φ(left[i]) > 0
            var jetA = left[i]
            var iterations = 0
            while b - a > 1e-11 * max(1, b) && iterations < 200 {
                iterations += 1
                let mid = a + (b - a) / 2
                var probe = bracket
                guard probe.advance(to: mid) else { return nil }
                let j = rateJet(at: mid, probe.y, piece: pieces[i], weights: weights)
                if (φ(j) > 0) == positiveAtA {
                    bracket = probe
                    a = mid
                    jetA = j
                } else {
                    b = mid
                }
            }
            return (a, jetA)
        }

        /// Candidates for an extremum of `value` on [lo, hi]: cell ends, and
        /// refined roots of `slope` where it crosses from `+` to `−` (for a
        /// maximum) or `−` to `+` (minimum).
        ///
        /// With `smooth`, for a value that jumps where a ramp starts or ends (df/dt jumps with
        /// the ramp's slope), the extremum is the best of the roots (the curve's turns) when there
        /// is one: the jump's one-sided limit is the ramp's corner, not a turn of the curve (a
        /// wildcard that cuts q from its window's start would otherwise "take off" just before it,
        /// decades before the slowed curve does), and a launch that outdoes a turn only because the
        /// scenario slowed the curve later is no takeoff either. Without a root, the ends and the
        /// corners stand, as without `smooth`.
        func extremum(of value: (RateJet) -> Double, slope: (RateJet) -> Double,
                      in lo: (t: Double, jet: RateJet), _ hi: (t: Double, jet: RateJet),
                      maximum: Bool, smooth: Bool = false) -> (t: Double, jet: RateJet)? {
            let sign: Double = maximum ? 1 : -1
            var best = lo
            var bestTurn: (t: Double, jet: RateJet)? = nil
            func better(_ c: (t: Double, jet: RateJet), than b: (t: Double, jet: RateJet)) -> Bool {
                c.t >= lo.t && c.t <= hi.t && sign * value(c.jet) > sign * value(b.jet)
            }
            for i in cells where nodes[i + 1] > lo.t && nodes[i] < hi.t {
                for c in [(nodes[i], left[i]), (nodes[i + 1], right[i])] where better(c, than: best) { best = c }
                if sign * slope(left[i]) > 0 && sign * slope(right[i]) < 0 {
                    guard let root = refine(i, { sign * slope($0) }) else { return nil }
                    if better(root, than: best) { best = root }
                    if root.t >= lo.t && root.t <= hi.t, bestTurn.map({ better(root, than: $0) }) ?? true { bestTurn = root }
                }
            }
            if better(hi, than: best) { best = hi }
            return smooth ? bestTurn ?? best : best
        }

        let start = (t: 0.0, jet: left[0])
        let end = (t: horizon, jet: right[cells.upperBound - 1])
        guard let top = extremum(of: { $0.f }, slope: { $0.df }, in: start, end, maximum: true),
              let rise = extremum(of: { $0.df }, slope: { $0.d2f }, in: start, top, maximum: true, smooth: true),
              let fall = extremum(of: { $0.df }, slope: { $0.d2f }, in: top, end, maximum: false, smooth: true)
        else { return failed }
        func interior(_ x: Double, _ lo: Double, _ hi: Double) -> Double? { x > lo && x < hi ? x : nil }
        // As BassModel (q ≤ p): a rate that only falls from launch has no takeoff or peak after
        // it, and its saturation onset where its fall is steepest: after launch, or at launch when
        // it falls fastest there (for Bass, q/p ≤ 1/(2 + √3)).
        guard top.t > 0 else {
            var points = CharacteristicPoints(takeoff: nil, peak: nil, saturationOnset: interior(fall.t, 0, horizon),
                                              peakRate: top.jet.f)
            (points.takeoffAtLaunch, points.peakAtLaunch) = (true, true)
            points.saturationOnsetAtLaunch = fall.t <= 0
            return points
        }
        var points = CharacteristicPoints(
            takeoff: interior(rise.t, 0, top.t),
            peak: interior(top.t, 0, horizon),
            saturationOnset: interior(fall.t, top.t, horizon),
            peakRate: top.jet.f)
        points.takeoffAtLaunch = rise.t <= 0
        return points
    }

    /// The chosen segment's rate f = dF/dt and its first two time derivatives,
    /// exact for the ODE. With Aᵢ the bracket in dFᵢ/dt = (1 − Fᵢ)·Aᵢ,
    ///
    ///     f′  = −f·A + (1 − F)·A′
    ///     f″  = −f′·A − 2·f·A′ + (1 − F)·A″
    ///     A₁′ = P₁′ + Q₁′·F₁ + Q₁·f₁,   A₁″ = P₁″ + Q₁″·F₁ + 2·Q₁′·f₁ + Q₁·f₁′
    ///     A₂′ = P₂′ + Q₂′·G + Q₂·g,     A₂″ = P₂″ + Q₂″·G + 2·Q₂′·g + Q₂·g′
    ///
    /// where P, Q are the ramped coefficients and g = dG/dt = w·f₁ + (1 − w)·f₂.
    func rateJet(at t: Double, _ y: TwoSegmentSystem.State, piece: Int,
                 weights: (Double, Double)) -> RateJet {
        let p = parameters
        let (m, m1, m2) = schedule.pieces[piece].jet(at: t)
        let c = SIMD4(p.p1, p.q1, p.p2, p.q2)
        let k = c * m, k1 = c * m1, k2 = c * m2   // ramped coefficients and their time derivatives
        let F1 = y[TwoSegmentSystem.F1], F2 = y[TwoSegmentSystem.F2]

        let a1 = k[0] + k[1] * F1
        let f1 = (1 - F1) * a1
        let a1d = k1[0] + k1[1] * F1 + k[1] * f1
        let f1d = -f1 * a1 + (1 - F1) * a1d
        let a1dd = k2[0] + k2[1] * F1 + 2 * k1[1] * f1 + k[1] * f1d
        let f1dd = -f1d * a1 - 2 * f1 * a1d + (1 - F1) * a1dd

        let g = p.w * F1 + (1 - p.w) * F2
        let a2 = k[2] + k[3] * g
        let f2 = (1 - F2) * a2
        let gd = p.w * f1 + (1 - p.w) * f2
        let a2d = k1[2] + k1[3] * g + k[3] * gd
        let f2d = -f2 * a2 + (1 - F2) * a2d
        let gdd = p.w * f1d + (1 - p.w) * f2d
        let a2dd = k2[2] + k2[3] * g + 2 * k1[3] * gd + k[3] * gdd
        let f2dd = -f2d * a2 - 2 * f2 * a2d + (1 - F2) * a2dd

        let (u, v) = weights
        return RateJet(f: u * f1 + v * f2, df: u * f1d + v * f2d, d2f: u * f1dd + v * f2dd)
    }
}

extension TwoSegmentDiffusion.Segment {
    /// Weights of (segment 1, segment 2) in the curve.
    var weights: (Double, Double) {
        switch self {
        case .influentials: (1, 0)
        case .imitators: (0, 1)
        case .total(let θ): (θ, 1 - θ)
        }
    }
}

/// A rate and its first two time derivatives at one time.
struct RateJet {
    var f: Double
    var df: Double
    var d2f: Double
}
