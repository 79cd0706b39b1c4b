import AdoptionModels
import Foundation
import Testing

/// A Bass (p, q) pair, per year.
struct BassPair: Sendable, CustomTestStringConvertible {
    let p: Double
    let q: Double
    var testDescription: String { "p=\(p) q=\(q)" }

    /// Bass (1969) closed form from F(t₀) = F0: F = (1 − K·e)/(1 + (q/p)·K·e),
    /// e = e^{−(p+q)(t−t₀)}, K = (1 − F0)/(1 + F0·q/p); K = 1 is the launch case.
    func fraction(at t: Double, from t0: Double = 0, F0: Double = 0) -> Double {
        let k = (1 - F0) / (1 + F0 * q / p)
        let e = exp(-(p + q) * (t - t0))
        return (1 - k * e) / (1 + q / p * k * e)
    }

    static let table: [BassPair] = [
        BassPair(p: 0.01, q: 0.4),    // slow start, strong contagion
        BassPair(p: 0.03, q: 0.38),   // Sultan, Farley & Lehmann (1990) meta-analytic means
        BassPair(p: 0.002, q: 0.7),   // very late takeoff
        BassPair(p: 0.1, q: 0.25),    // q/p < 2+√3: peak but no takeoff after launch
        BassPair(p: 0.3, q: 0.1),     // q < p: rate falls from launch, steepest after it
        BassPair(p: 0.3, q: 0.29),    // either side of q = p: the saturation onset moves continuously
        BassPair(p: 0.3, q: 0.31),
        BassPair(p: 0.4, q: 0.1),     // q/p < 2 − √3: the fall is steepest at launch, no onset after it
    ]
}

/// A full two-segment parameter set, optionally ramped.
struct TwoSegmentCase: Sendable, CustomTestStringConvertible {
    let name: String
    let parameters: TwoSegmentParameters
    var ramps: TwoSegmentRamps = .none
    var testDescription: String { name }

    static let table: [TwoSegmentCase] = [
        TwoSegmentCase(name: "hyperscalers lead", parameters: .init(p1: 0.03, q1: 0.5, p2: 0.005, q2: 0.4, w: 0.6)),
        TwoSegmentCase(name: "imitators only follow", parameters: .init(p1: 0.05, q1: 0.3, p2: 0.001, q2: 0.8, w: 1)),
        TwoSegmentCase(name: "no cross influence", parameters: .init(p1: 0.02, q1: 0.6, p2: 0.01, q2: 0.3, w: 0)),
        TwoSegmentCase(name: "fast segments", parameters: .init(p1: 0.2, q1: 1.5, p2: 0.05, q2: 1.2, w: 0.3)),
        TwoSegmentCase(
            name: "ramped and stepped",
            parameters: .init(p1: 0.03, q1: 0.5, p2: 0.005, q2: 0.4, w: 0.6),
            ramps: TwoSegmentRamps(
                p1: [.step(at: 2, factor: 1.5)],
                q1: [ParameterRamp(start: 1, end: 4, factor: 0.7)],
                p2: [ParameterRamp(start: 3, end: 3.5, factor: 2)],
                q2: [ParameterRamp(start: 2.5, end: 6, factor: 0.5), ParameterRamp(start: 4, end: 8, factor: 1.4)])),
    ]
}

private func model(_ c: TwoSegmentCase, _ parameters: TwoSegmentParameters? = nil) -> TwoSegmentDiffusion {
    TwoSegmentDiffusion(parameters: parameters ?? c.parameters, ramps: c.ramps)
}

private let grid30 = Array(stride(from: 0.0, through: 30, by: 0.25))

@Suite("Two-segment diffusion (Van den Bulte & Joshi 2007)")
struct TwoSegmentTests {
    // MARK: One-segment special cases

    @Test("F₁ is the Bass closed form, and so is F₂ when w = 0 (|Δ| ≤ 1e-10)", arguments: BassPair.table)
    func bassSpecialCase(b: BassPair) {
        // Reference: Bass (1969) closed form. Segment 1 is Bass(p1, q1) by construction;
        // with w = 0 segment 2 is Bass(p2, q2), whatever segment 1 does.
        let other = BassPair(p: 0.04, q: 0.2)
        let asFirst = TwoSegmentDiffusion(parameters: .init(p1: b.p, q1: b.q, p2: other.p, q2: other.q, w: 0.5))
        let asSecond = TwoSegmentDiffusion(parameters: .init(p1: other.p, q1: other.q, p2: b.p, q2: b.q, w: 0))
        let s1 = asFirst.solve(at: grid30), s2 = asSecond.solve(at: grid30)
        #expect(s1.converged && s2.converged)
        for (a, c) in zip(s1.points, s2.points) {
            let exact = b.fraction(at: a.time)
            #expect(abs(a.F1 - exact) <= 1e-10, "F1 at t = \(a.time): \(a.F1) vs \(exact)")
            #expect(abs(c.F2 - exact) <= 1e-10, "F2 (w = 0) at t = \(c.time): \(c.F2) vs \(exact)")
        }
    }

    @Test("identical segments: F₂ = F₁ for any w (|Δ| ≤ 1e-10)", arguments: [0.0, 0.3, 0.7, 1.0])
    func identicalSegments(w: Double) {
        for b in BassPair.table {
            let s = TwoSegmentDiffusion(parameters: .init(p1: b.p, q1: b.q, p2: b.p, q2: b.q, w: w)).solve(at: grid30)
            #expect(s.converged)
            for pt in s.points {
                #expect(abs(pt.F2 - pt.F1) <= 1e-10, "\(b.testDescription), w = \(w), t = \(pt.time)")
                #expect(abs(pt.F1 - b.fraction(at: pt.time)) <= 1e-10)
            }
        }
    }

    @Test("rates are the right-hand side: f₁ = (1 − F₁)(p₁ + q₁F₁) exactly (|Δ| ≤ 1e-15)", arguments: TwoSegmentCase.table.prefix(4))
    func ratesMatchRightHandSide(c: TwoSegmentCase) {
        let θ = c.parameters
        for pt in model(c).solve(at: grid30).points {
            let g = θ.w * pt.F1 + (1 - θ.w) * pt.F2
            #expect(abs(pt.f1 - (1 - pt.F1) * (θ.p1 + θ.q1 * pt.F1)) <= 1e-15)
            #expect(abs(pt.f2 - (1 - pt.F2) * (θ.p2 + θ.q2 * g)) <= 1e-15)
        }
    }

    // MARK: Sensitivities

    @Test("forward sensitivities match 5-point central differences (relative 1e-6)", arguments: TwoSegmentCase.table)
    func sensitivitiesMatchFiniteDifferences(c: TwoSegmentCase) {
        // Reference: f′(x) ≈ [f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)]/(12h), h = 1e-3·max(|θⱼ|, 0.1);
        // truncation O(h⁴) and solver noise ~1e-13/h are both far below the tolerance.
        let times = [0.5, 1, 2, 3, 4.5, 6, 8, 10, 15, 20]
        let base = model(c).solve(at: times)
        #expect(base.converged)
        let θ = c.parameters.vector
        for j in θ.indices {
            let h = 1e-3 * max(abs(θ[j]), 0.1)
            func shifted(_ k: Double) -> TwoSegmentSolution {
                var v = θ
                v[j] += k * h
                return model(c, TwoSegmentParameters(v)).solve(at: times)
            }
            let (m2, m1, p1, p2) = (shifted(-2), shifted(-1), shifted(1), shifted(2))
            for i in times.indices {
                for segment in 0..<2 {
                    func F(_ s: TwoSegmentSolution) -> Double { segment == 0 ? s.points[i].F1 : s.points[i].F2 }
                    let numeric = (F(m2) - 8 * F(m1) + 8 * F(p1) - F(p2)) / (12 * h)
                    let analytic = segment == 0 ? base.points[i].dF1[j] : base.points[i].dF2[j]
                    // Relative 1e-6, measured against max(|∂F/∂θ|, 1e-2) so that near-zero
                    // sensitivities are held to 1e-8 absolute.
                    #expect(abs(analytic - numeric) <= 1e-6 * max(abs(analytic), 1e-2),
                            "∂F\(segment + 1)/∂\(TwoSegmentParameters.names[j]) at t = \(times[i]): \(analytic) vs \(numeric)")
                }
            }
        }
    }

    @Test("∂F₁/∂(p₁, q₁) equals the Bass closed-form gradient (|Δ| ≤ 1e-9)", arguments: BassPair.table)
    func bassGradient(b: BassPair) {
        // Reference: BassModel.value(at:parameters:gradient:) with m = 1.
        let s = TwoSegmentDiffusion(parameters: .init(p1: b.p, q1: b.q, p2: 0.01, q2: 0.3, w: 0.5)).solve(at: grid30)
        var gradient = [0.0, 0, 0]
        for pt in s.points {
            _ = BassModel().value(at: pt.time, parameters: [1, b.p, b.q], gradient: &gradient)
            #expect(abs(pt.dF1.p1 - gradient[1]) <= 1e-9, "∂F/∂p at t = \(pt.time): \(pt.dF1.p1) vs \(gradient[1])")
            #expect(abs(pt.dF1.q1 - gradient[2]) <= 1e-9, "∂F/∂q at t = \(pt.time): \(pt.dF1.q1) vs \(gradient[2])")
        }
    }

    @Test("total F = θF₁ + (1 − θ)F₂ and its sensitivities mix the segments")
    func totalMixesSegments() {
        let pt = model(TwoSegmentCase.table[0]).solve(at: [5]).points[0]
        let θ = 0.2
        #expect(pt.total(share: θ) == θ * pt.F1 + (1 - θ) * pt.F2)
        #expect(pt.totalRate(share: θ) == θ * pt.f1 + (1 - θ) * pt.f2)
        let mixed = pt.totalSensitivities(share: θ)
        for j in 0..<5 { #expect(abs(mixed[j] - (θ * pt.dF1[j] + (1 - θ) * pt.dF2[j])) <= 1e-15) }
    }

    // MARK: Conservation and one-way influence

    @Test("0 ≤ F ≤ 1 and nondecreasing over 60 years (slack 1e-12)", arguments: TwoSegmentCase.table + [
        TwoSegmentCase(name: "extreme contagion", parameters: .init(p1: 1e-4, q1: 3, p2: 1e-5, q2: 2.5, w: 0.9)),
    ])
    func conservation(c: TwoSegmentCase) {
        let s = model(c).solveDense(through: 60, step: 0.25)
        #expect(s.converged)
        var previous = (F1: 0.0, F2: 0.0)
        for pt in s.points {
            for F in [pt.F1, pt.F2, pt.total(share: 0.35)] { #expect(F >= 0 && F <= 1 + 1e-12, "t = \(pt.time): F = \(F)") }
            #expect(pt.F1 >= previous.F1 - 1e-12 && pt.F2 >= previous.F2 - 1e-12, "t = \(pt.time)")
            #expect(pt.f1 >= 0 && pt.f2 >= 0)
            previous = (pt.F1, pt.F2)
        }
        #expect(abs(s.points.last!.F1 - 1) <= 1e-6 && abs(s.points.last!.F2 - 1) <= 1e-6)
    }

    @Test("w = 1 and tiny p₂: imitators lag influentials at every t > 0")
    func imitatorsLag() {
        // With w = 1 and q₂ = q₁, F₂ = F₁ would force dF₂/dt − dF₁/dt = (1 − F)(p₂ − p₁) < 0,
        // so F₂ can never catch up; it also reaches every fraction later.
        let s = TwoSegmentDiffusion(parameters: .init(p1: 0.03, q1: 0.5, p2: 1e-6, q2: 0.5, w: 1)).solve(at: Array(grid30.dropFirst()))
        for pt in s.points { #expect(pt.F2 < pt.F1, "t = \(pt.time)") }
        let half1 = s.points.first { $0.F1 >= 0.5 }!.time, half2 = s.points.first { $0.F2 >= 0.5 }!.time
        #expect(half2 > half1)
    }

    @Test("influence flows one way: ∂F₁/∂(p₂, q₂, w) is exactly 0 and F₁ ignores p₂, q₂, w (|Δ| ≤ 1e-11)",
          arguments: TwoSegmentCase.table)
    func oneWayInfluence(c: TwoSegmentCase) {
        let s = model(c).solve(at: grid30)
        for pt in s.points {
            #expect(pt.dF1.p2 == 0 && pt.dF1.q2 == 0 && pt.dF1.w == 0, "t = \(pt.time)")
        }
        var other = c.parameters
        other.p2 *= 3
        other.q2 *= 0.5
        other.w = 1 - other.w
        // The step sequence depends on segment 2 through the error control, so F₁
        // agrees to the integration error, not bit for bit.
        for (a, b) in zip(s.points, model(c, other).solve(at: grid30).points) {
            #expect(abs(a.F1 - b.F1) <= 1e-11 && abs(a.f1 - b.f1) <= 1e-11, "t = \(a.time)")
        }
    }

    // MARK: Ramps

    @Test("ramp multipliers: 1 before start, linear to factor, constant after; steps right-continuous")
    func rampValues() {
        let r = ParameterRamp(start: 2, end: 6, factor: 0.5)
        #expect(r.multiplier(at: 0) == 1 && r.multiplier(at: 2) == 1)
        #expect(r.multiplier(at: 4) == 0.75 && r.multiplier(at: 6) == 0.5 && r.multiplier(at: 50) == 0.5)
        let s = ParameterRamp.step(at: 3, factor: 2)
        #expect(s.multiplier(at: 3 - 1e-12) == 1 && s.multiplier(at: 3) == 2)
        let ramps = TwoSegmentRamps(q2: [r, s, .step(at: -1, factor: 3)])
        #expect(ramps.multipliers(at: 4).q2 == 0.75 * 2 * 3)
        #expect(ramps.multipliers(at: 4).p1 == 1)
        #expect(ramps.breakpoints == [2, 3, 6])
        #expect(TwoSegmentRamps.none.breakpoints.isEmpty)
    }

    @Test("ramps round-trip through JSON; a ramp without end is a step")
    func rampCoding() throws {
        let ramps = TwoSegmentCase.table[4].ramps
        let decoded = try JSONDecoder().decode(TwoSegmentRamps.self, from: JSONEncoder().encode(ramps))
        #expect(decoded == ramps)
        let partial = try JSONDecoder().decode(TwoSegmentRamps.self, from: Data(#"{"q2": [{"start": 3, "factor": 0.5}]}"#.utf8))
        #expect(partial == TwoSegmentRamps(q2: [.step(at: 3, factor: 0.5)]))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ParameterRamp.self, from: Data(#"{"start": 3, "end": 1, "factor": 0.5}"#.utf8))
        }
    }

    @Test("multipliers of 1 change nothing (|Δ| ≤ 1e-11)", arguments: TwoSegmentCase.table.prefix(4))
    func identityRamps(c: TwoSegmentCase) {
        let ones = TwoSegmentRamps(
            p1: [.step(at: 3, factor: 1)], q1: [ParameterRamp(start: 1, end: 5, factor: 1)],
            p2: [.step(at: 0.7, factor: 1)], q2: [ParameterRamp(start: 2, end: 2.5, factor: 1), .step(at: 9, factor: 1)])
        let plain = model(c).solve(at: grid30)
        let ramped = TwoSegmentDiffusion(parameters: c.parameters, ramps: ones).solve(at: grid30)
        for (a, b) in zip(plain.points, ramped.points) {
            #expect(abs(a.F1 - b.F1) <= 1e-11 && abs(a.F2 - b.F2) <= 1e-11, "t = \(a.time)")
            for j in 0..<5 {
                #expect(abs(a.dF1[j] - b.dF1[j]) <= 1e-11 * max(1, abs(a.dF1[j])))
                #expect(abs(a.dF2[j] - b.dF2[j]) <= 1e-11 * max(1, abs(a.dF2[j])))
            }
        }
    }

    @Test("a q₂ multiplier < 1 lowers F₂ at every later time and leaves F₁ alone",
          arguments: [ParameterRamp(start: 3, end: 5, factor: 0.5), .step(at: 3, factor: 0.8)])
    func dampingRamp(ramp: ParameterRamp) {
        let θ = TwoSegmentParameters(p1: 0.03, q1: 0.5, p2: 0.005, q2: 0.4, w: 0.6)
        let times = Array(stride(from: 0.0, through: 40, by: 0.125))
        let plain = TwoSegmentDiffusion(parameters: θ).solve(at: times)
        let damped = TwoSegmentDiffusion(parameters: θ, ramps: TwoSegmentRamps(q2: [ramp])).solve(at: times)
        for (a, b) in zip(plain.points, damped.points) {
            if a.time <= ramp.start {
                #expect(abs(a.F2 - b.F2) <= 1e-11, "before the ramp, t = \(a.time)")
            } else {
                #expect(b.F2 < a.F2, "t = \(a.time): \(b.F2) vs \(a.F2)")
            }
            #expect(abs(a.F1 - b.F1) <= 1e-11)
        }
    }

    @Test("steps at a breakpoint: F₁ continues as Bass with the new coefficients from F₁(t_b) (|Δ| ≤ 1e-10)",
          arguments: [2.0, 4.0, 7.3])
    func stepBreakpointIsExact(tb: Double) {
        // Reference: the Bass closed form before tb, then the closed form from
        // F₀ = F₁(tb) with p₁·1.5, q₁·0.4 (Bass 1969, started at F₀).
        let before = BassPair(p: 0.03, q: 0.5), after = BassPair(p: 0.045, q: 0.2)
        let ramps = TwoSegmentRamps(p1: [.step(at: tb, factor: 1.5)], q1: [.step(at: tb, factor: 0.4)])
        let m = TwoSegmentDiffusion(parameters: .init(p1: before.p, q1: before.q, p2: 0.01, q2: 0.3, w: 0.5), ramps: ramps)
        let s = m.solve(at: (grid30 + [tb - 1e-9, tb, tb + 1e-9].filter { !grid30.contains($0) }).sorted()).points
        let Fb = before.fraction(at: tb)
        for pt in s {
            let exact = pt.time <= tb ? before.fraction(at: pt.time) : after.fraction(at: pt.time, from: tb, F0: Fb)
            #expect(abs(pt.F1 - exact) <= 1e-10, "t = \(pt.time): \(pt.F1) vs \(exact)")
        }
        // Continuous state, right-continuous rate that jumps by the new coefficients.
        let at = s.first { $0.time == tb }!, justBefore = s.first { $0.time == tb - 1e-9 }!
        #expect(abs(at.F1 - justBefore.F1) <= 1e-9)
        #expect(abs(at.f1 - (1 - at.F1) * (after.p + after.q * at.F1)) <= 1e-15)
        #expect(abs(justBefore.f1 - (1 - justBefore.F1) * (before.p + before.q * justBefore.F1)) <= 1e-9)
    }

    @Test("linear ramps match a fine classical Runge–Kutta reference (|Δ| ≤ 1e-9)")
    func linearRampsMatchReference() {
        // Reference: RK4 on (F₁, F₂) with h = 2⁻⁹ years; every ramp breakpoint is a
        // multiple of h, so no step straddles a kink (global error ~ h⁴ ≈ 1e-11).
        let c = TwoSegmentCase(
            name: "linear", parameters: .init(p1: 0.03, q1: 0.5, p2: 0.005, q2: 0.4, w: 0.6),
            ramps: TwoSegmentRamps(
                q1: [ParameterRamp(start: 1, end: 4, factor: 0.7)],
                p2: [ParameterRamp(start: 3, end: 3.5, factor: 2)],
                q2: [ParameterRamp(start: 2.5, end: 6, factor: 0.5), ParameterRamp(start: 4, end: 8, factor: 1.4)]))
        let θ = c.parameters
        func rhs(_ t: Double, _ y: (Double, Double)) -> (Double, Double) {
            let e = c.ramps.effectiveParameters(θ, at: t)
            return ((1 - y.0) * (e.p1 + e.q1 * y.0), (1 - y.1) * (e.p2 + e.q2 * (θ.w * y.0 + (1 - θ.w) * y.1)))
        }
        let h = 1.0 / 512
        var y = (0.0, 0.0)
        var reference: [Double: (Double, Double)] = [0: y]
        for n in 0..<(15 * 512) {
            let t = Double(n) * h
            let k1 = rhs(t, y)
            let k2 = rhs(t + h / 2, (y.0 + h / 2 * k1.0, y.1 + h / 2 * k1.1))
            let k3 = rhs(t + h / 2, (y.0 + h / 2 * k2.0, y.1 + h / 2 * k2.1))
            let k4 = rhs(t + h, (y.0 + h * k3.0, y.1 + h * k3.1))
            y = (y.0 + h / 6 * (k1.0 + 2 * k2.0 + 2 * k3.0 + k4.0), y.1 + h / 6 * (k1.1 + 2 * k2.1 + 2 * k3.1 + k4.1))
            if (n + 1) % 128 == 0 { reference[Double(n + 1) * h] = y }
        }
        let times = reference.keys.sorted()
        let s = model(c).solve(at: times)
        #expect(s.converged)
        for pt in s.points {
            let r = reference[pt.time]!
            #expect(abs(pt.F1 - r.0) <= 1e-9 && abs(pt.F2 - r.1) <= 1e-9, "t = \(pt.time): \(pt.F1), \(pt.F2) vs \(r)")
        }
    }

    // MARK: Characteristic points

    @Test("one-segment characteristic points match Bass (Mahajan, Muller & Srivastava 1990) to 1e-6",
          arguments: BassPair.table)
    func characteristicPoints(b: BassPair) {
        // Reference: BassModel.characteristicPoints, peak ln(q/p)/(p+q), takeoff and
        // saturation onset ∓ ln(2+√3)/(p+q), nil before launch or when q ≤ p.
        let expected = BassModel().characteristicPoints(parameters: [1, b.p, b.q])
        let other = BassPair(p: 0.02, q: 0.9)
        let curves: [(String, TwoSegmentDiffusion, TwoSegmentDiffusion.Segment)] = [
            ("influentials", TwoSegmentDiffusion(parameters: .init(p1: b.p, q1: b.q, p2: other.p, q2: other.q, w: 0.5)), .influentials),
            ("imitators, w = 0", TwoSegmentDiffusion(parameters: .init(p1: other.p, q1: other.q, p2: b.p, q2: b.q, w: 0)), .imitators),
            ("total, identical segments", TwoSegmentDiffusion(parameters: .init(p1: b.p, q1: b.q, p2: b.p, q2: b.q, w: 0.4)), .total(share: 0.3)),
        ]
        for (name, m, segment) in curves {
            let found = m.characteristicPoints(segment: segment, horizon: 60)
            for (label, x, y) in [("takeoff", found.takeoff, expected.takeoff), ("peak", found.peak, expected.peak),
                                  ("saturation onset", found.saturationOnset, expected.saturationOnset)] {
                #expect((x == nil) == (y == nil), "\(name) \(label): \(String(describing: x)) vs \(String(describing: y))")
                if let x, let y { #expect(abs(x - y) <= 1e-6, "\(name) \(label): \(x) vs \(y)") }
            }
            #expect(abs(found.peakRate - expected.peakRate) <= 1e-10, "\(name) peak rate")
        }
    }

    @Test("a ramp's corner is no takeoff: the points are the turns of the ramped curve")
    func rampCornerIsNoTakeoff() throws {
        // The influentials' q is cut to 60 % over t = 3…5. Their acceleration df/dt jumps down at
        // t = 3, where it is higher than at the slowed curve's own takeoff (scipy: 2.9999 and
        // 8.392 on a 1e-4 grid). After t = 5 the hazard is p + 0.12·F, constant: the curve is
        // Bass(p, 0.12) shifted to pass through F(5), so its points are the closed forms
        // (Mahajan, Muller & Srivastava 1990) moved by that shift.
        let p = 0.01, q = 0.2, cut = 0.6
        let m = TwoSegmentDiffusion(parameters: .init(p1: p, q1: q, p2: 0.005, q2: 0.1, w: 0.5),
                                    ramps: TwoSegmentRamps(q1: [ParameterRamp(start: 3, end: 5, factor: cut)]))
        let found = m.characteristicPoints(segment: .influentials, horizon: 60)
        let slowed = [1, p, q * cut]
        let closed = BassModel().characteristicPoints(parameters: slowed)
        let f5 = try #require(m.solve(at: [5]).points.first?.F1)
        let shift = 5 - (try #require(BassModel().time(toFraction: f5, parameters: slowed)))
        let takeoff = try #require(found.takeoff), peak = try #require(found.peak)
        let onset = try #require(found.saturationOnset)
        #expect(abs(takeoff - (try #require(closed.takeoff) + shift)) <= 1e-6, "takeoff \(takeoff)")
        #expect(abs(peak - (try #require(closed.peak) + shift)) <= 1e-6, "peak \(peak)")
        #expect(abs(onset - (try #require(closed.saturationOnset) + shift)) <= 1e-6, "saturation onset \(onset)")
        #expect(abs(takeoff - 8.392) < 1e-3 && !found.takeoffAtLaunch)
    }

    @Test("characteristic points are nil past the horizon, and the imitators peak after the influentials")
    func characteristicPointsTwoSegments() {
        // w = 1, q₂ = q₁ and a tiny p₂: the imitators follow the influentials (see imitatorsLag).
        let m = TwoSegmentDiffusion(parameters: .init(p1: 0.03, q1: 0.5, p2: 1e-6, q2: 0.5, w: 1))
        let short = m.characteristicPoints(segment: .imitators, horizon: 2)
        #expect(short.peak == nil && short.saturationOnset == nil)
        let p1 = m.characteristicPoints(segment: .influentials, horizon: 60)
        let p2 = m.characteristicPoints(segment: .imitators, horizon: 60)
        #expect(p2.peak! > p1.peak!)
        // The peak is a zero of df/dt: check against the solution's rate on either side.
        let around = m.solve(at: [p2.peak! - 1e-3, p2.peak!, p2.peak! + 1e-3]).points
        #expect(around[1].f2 > around[0].f2 && around[1].f2 > around[2].f2)
        #expect(abs(around[1].f2 - p2.peakRate) <= 1e-12)
    }

    // MARK: Robustness

    @Test("a step cap that is too small reports non-convergence instead of trapping")
    func stepCap() {
        let m = TwoSegmentDiffusion(parameters: TwoSegmentCase.table[0].parameters, maxSteps: 5)
        let s = m.solve(at: [0, 1, 10, 20])
        #expect(!s.converged)
        #expect(s.points.count == 4)
        #expect(s.points[0].F1 == 0)
        #expect(s.points.last!.F1.isNaN)
        // A NaN coefficient makes every step fail the error test; the step size
        // collapses and the solver gives up.
        let broken = TwoSegmentDiffusion(parameters: .init(p1: 0.03, q1: .nan, p2: 0.01, q2: 0.3, w: 0.5))
        let b = broken.solve(at: [1, 2])
        #expect(!b.converged && b.points.allSatisfy { $0.F1.isNaN })
        let points = broken.characteristicPoints(segment: 1, horizon: 20)
        #expect(points.peakRate.isNaN && points.peak == nil)
    }

    @Test("parameters round-trip through their vector")
    func parameterVector() {
        let θ = TwoSegmentParameters(p1: 0.1, q1: 0.2, p2: 0.3, q2: 0.4, w: 0.5)
        #expect(TwoSegmentParameters(θ.vector) == θ)
        #expect(θ.vector == [0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(θ.isAdmissible)
        #expect(!TwoSegmentParameters(p1: 0.1, q1: 0.2, p2: 0.3, q2: 0.4, w: 1.5).isAdmissible)
    }
}
