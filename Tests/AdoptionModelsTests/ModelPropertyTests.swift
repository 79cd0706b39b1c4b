import Testing
import AdoptionModels

/// A model with a typical parameter vector (market 1000 adopters, yearly time).
struct ModelCase: Sendable, CustomTestStringConvertible {
    let kind: ModelKind
    let parameters: [Double]
    var testDescription: String { "\(kind.rawValue) \(parameters)" }

    static let all: [ModelCase] = [
        ModelCase(kind: .bass, parameters: [1000, 0.02, 0.45]),
        ModelCase(kind: .exponential, parameters: [1000, 0.15]),
        ModelCase(kind: .logistic, parameters: [1000, 0.6, 8]),
        ModelCase(kind: .gompertz, parameters: [1000, 0.4, 7]),
        ModelCase(kind: .richards, parameters: [1000, 0.5, 9, 0.6]),
    ]
}

/// One generic property test over every model (as swift-numerics runs one over every type).
@Suite("Adoption model properties")
struct ModelPropertyTests {
    @Test("F at launch is 0 and F tends to m", arguments: ModelCase.all)
    func limits(c: ModelCase) {
        let curve = c.kind.curve
        let m = c.parameters[curve.marketIndex]
        if curve.launchTime.isFinite {
            #expect(curve.value(at: curve.launchTime, parameters: c.parameters) == 0)
        } else {
            // S-curves reach zero only as t → −∞.
            #expect(curve.value(at: -1e3, parameters: c.parameters) < 1e-12 * m)
        }
        #expect(abs(curve.value(at: 1e4, parameters: c.parameters) - m) <= 1e-12 * m)
    }

    @Test("rate is dN/dt", arguments: ModelCase.all)
    func rateIsDerivative(c: ModelCase) {
        let curve = c.kind.curve
        for t in stride(from: 0.5, through: 30, by: 1.5) {
            let h = 1e-5
            let numeric = (curve.value(at: t + h, parameters: c.parameters)
                - curve.value(at: t - h, parameters: c.parameters)) / (2 * h)
            let rate = curve.rate(at: t, parameters: c.parameters)
            #expect(abs(rate - numeric) <= 1e-7 * max(1, abs(rate)), "t = \(t): \(rate) vs \(numeric)")
        }
    }

    @Test("gradient agrees with finite differences", arguments: ModelCase.all)
    func gradient(c: ModelCase) {
        let curve = c.kind.curve
        for t in [0.5, 2, 5, 9, 14, 25] {
            let errors = GradientCheck.relativeErrors(curve, at: t, parameters: c.parameters)
            for (j, e) in errors.enumerated() {
                #expect(e < 1e-4, "t = \(t), \(curve.parameterNames[j]): \(e)")
            }
        }
    }

    /// Σᵢ wᵢ·∇²N(tᵢ) against central differences of Σᵢ wᵢ·∇N(tᵢ) (the analytic gradient, checked above),
    /// with weights of both signs as a fit's residuals have, over consecutive periods (the batch's
    /// stepped exponential) and uneven times. Richards also near its Gompertz limit (ν = 1e-3, where
    /// νE is small and the series are summed), at the limit itself, far from it (ν = 40), and far before
    /// t₀, where E³ overflows at the first times (k(t₀ − t) up to 237).
    @Test("second derivatives agree with differences of the gradient",
          arguments: ModelCase.all + [ModelCase(kind: .richards, parameters: [1000, 0.5, 9, 1e-3]),
                                      ModelCase(kind: .richards, parameters: [1000, 0.5, 9, 0]),
                                      ModelCase(kind: .richards, parameters: [1000, 3, 12, 40]),
                                      ModelCase(kind: .richards, parameters: [1000, 3, 79.5, 40])])
    func secondDerivatives(c: ModelCase) throws {
        let curve = c.kind.curve
        let n = c.parameters.count
        let runs: [[Double]] = [(1...20).map(Double.init), [0.5, 1.5, 2.5, 4, 7, 7.25, 30]]
        for times in runs {
            let w: [Double] = times.indices.map { i in (i % 3 == 0 ? -1.0 : 1.0) * Double(i + 1) }
            var hessian = [Double](repeating: 0, count: n * n)
            let has = times.withUnsafeBufferPointer { t in
                w.withUnsafeBufferPointer { w in
                    hessian.withUnsafeMutableBufferPointer {
                        curve.addWeightedHessians(at: t, weights: w, parameters: c.parameters, into: $0.baseAddress!)
                    }
                }
            }
            #expect(has)
            func weightedGradient(_ θ: [Double]) -> [Double] {
                var g = [Double](repeating: 0, count: n), sum = [Double](repeating: 0, count: n)
                for (i, t) in times.enumerated() {
                    _ = curve.value(at: t, parameters: θ, gradient: &g)
                    for j in 0..<n { sum[j] += w[i] * g[j] }
                }
                return sum
            }
            for k in 0..<n {
                // ν = 0 is stepped by a fixed amount, into the curve's domain.
                let h = c.parameters[k] == 0 ? 1e-7 : 1e-5 * abs(c.parameters[k])
                var up = c.parameters, down = c.parameters
                up[k] += h
                down[k] -= c.parameters[k] == 0 ? 0 : h
                let (gu, gd) = (weightedGradient(up), weightedGradient(down))
                for j in 0..<n {
                    // A one-sided difference at ν = 0 (O(h) = 1e-7 relative).
                    let difference = (gu[j] - gd[j]) / (up[k] - down[k])
                    // Relative to the entry's natural size, a column's difference scale.
                    let size = max(abs(difference), abs(gu[j] + gd[j]) / (2 * max(abs(c.parameters[k]), 1)), 1e-12)
                    #expect(abs(hessian[j + k * n] - difference) <= 1e-6 * size,
                            "t \(times.count) points, H[\(j),\(k)]: \(hessian[j + k * n]) vs \(difference)")
                    #expect(hessian[j + k * n] == hessian[k + j * n])
                }
            }
        }
    }

    // The batch evaluation a fit uses (Bass steps e^{−(p+q)t} from one unit period to the
    // next by a product) agrees with the pointwise closed form, over runs of consecutive
    // periods long enough to cross several fresh-exp anchors, and over uneven spacings.
    @Test("batch values and gradients agree with the pointwise ones", arguments: ModelCase.all)
    func batch(c: ModelCase) {
        let curve = c.kind.curve
        let k = c.parameters.count
        let runs: [[Double]] = [(1...200).map(Double.init), [0.5, 1.5, 2.5, 4, 7, 7.25, 30]]
        for times in runs {
            var values = [Double](repeating: .nan, count: times.count)
            var jacobian = [Double](repeating: .nan, count: times.count * k)
            times.withUnsafeBufferPointer { t in
                values.withUnsafeMutableBufferPointer { curve.values(at: t, parameters: c.parameters, into: $0.baseAddress!) }
                jacobian.withUnsafeMutableBufferPointer {
                    curve.gradients(at: t, parameters: c.parameters, into: $0.baseAddress!, ld: times.count)
                }
            }
            var g = [Double](repeating: 0, count: k)
            for (i, t) in times.enumerated() {
                let v = curve.value(at: t, parameters: c.parameters, gradient: &g)
                #expect(abs(values[i] - v) <= 1e-13 * max(abs(v), 1e-300), "t = \(t): \(values[i]) vs \(v)")
                for j in 0..<k {
                    #expect(abs(jacobian[i + j * times.count] - g[j]) <= 1e-12 * max(abs(g[j]), 1e-9),
                            "t = \(t), \(curve.parameterNames[j])")
                }
            }
        }
    }

    // A slow curve over 3,000 consecutive periods: e^{−(p+q)t} stepped by products alone would
    // gather the step's rounding, and the per-period values a fit uses, differences of F, would
    // lose digits to it (3e-8 relative by the end); the batch re-anchors it with a fresh exp
    // (3e-11, the closed form's own rounding of the differences).
    @Test("Bass batch per-period values over 3,000 consecutive periods stay within 1e-9 of the closed form")
    func batchLongRun() {
        let θ = [1000.0, 0.0005, 0.005]
        let times = (0...3000).map(Double.init)
        var values = [Double](repeating: .nan, count: times.count)
        times.withUnsafeBufferPointer { t in
            values.withUnsafeMutableBufferPointer { BassModel().values(at: t, parameters: θ, into: $0.baseAddress!) }
        }
        var worst = 0.0
        for i in times.indices.dropFirst() {
            let exact = BassModel().value(at: times[i], parameters: θ) - BassModel().value(at: times[i - 1], parameters: θ)
            worst = max(worst, abs((values[i] - values[i - 1]) - exact) / exact)
        }
        #expect(worst <= 1e-9, "largest relative difference \(worst)")
    }

    @Test("time to a fraction inverts F", arguments: ModelCase.all)
    func timeToFraction(c: ModelCase) throws {
        let curve = c.kind.curve
        let m = c.parameters[curve.marketIndex]
        for fraction in [0.01, 0.1, 0.5, 0.9, 0.99] {
            let t = try #require(curve.time(toFraction: fraction, parameters: c.parameters))
            #expect(abs(curve.value(at: t, parameters: c.parameters) / m - fraction) < 1e-12)
        }
        #expect(curve.time(toFraction: 1, parameters: c.parameters) == nil)
    }

    /// The peak maximizes the rate; takeoff and saturation onset are where the rate's
    /// slope is largest and smallest (zeros of d³N/dt³), checked by differences.
    @Test("characteristic points are the rate's extremes", arguments: ModelCase.all)
    func characteristicPoints(c: ModelCase) throws {
        let curve = c.kind.curve
        let points = curve.characteristicPoints(parameters: c.parameters)
        func rate(_ t: Double) -> Double { curve.rate(at: t, parameters: c.parameters) }
        func slope(_ t: Double) -> Double { (rate(t + 1e-4) - rate(t - 1e-4)) / 2e-4 }
        guard c.kind != .exponential else {
            #expect(points.peak == nil && points.takeoff == nil)
            #expect(abs(points.peakRate - rate(0)) < 1e-12 * points.peakRate)
            return
        }
        let peak = try #require(points.peak)
        #expect(abs(points.peakRate - rate(peak)) < 1e-10 * points.peakRate)
        #expect(rate(peak) > rate(peak - 0.01) && rate(peak) > rate(peak + 0.01))
        let takeoff = try #require(points.takeoff)
        let saturation = try #require(points.saturationOnset)
        #expect(takeoff < peak && peak < saturation)
        #expect(slope(takeoff) > slope(takeoff - 0.01) && slope(takeoff) > slope(takeoff + 0.01))
        #expect(slope(saturation) < slope(saturation - 0.01) && slope(saturation) < slope(saturation + 0.01))
    }
}

@Suite("Closed forms")
struct ClosedFormTests {
    // Mahajan, Muller & Srivastava (1990): t* = ln(q/p)/(p+q) and t* ∓ ln(2+√3)/(p+q);
    // for p = 0.02, q = 0.45: t* = ln(22.5)/0.47 = 6.62553…, half-width 1.31696/0.47 = 2.80204….
    @Test("Bass takeoff, peak and saturation onset")
    func bassPoints() throws {
        let pts = BassModel().characteristicPoints(parameters: [1000, 0.02, 0.45])
        let peak = 3.1135153092103742 / 0.47          // ln 22.5 = 3.11351530921…
        let half = 1.3169578969248167 / 0.47          // ln(2 + √3)
        #expect(abs(try #require(pts.peak) - peak) < 1e-13)
        #expect(abs(try #require(pts.takeoff) - (peak - half)) < 1e-13)
        #expect(abs(try #require(pts.saturationOnset) - (peak + half)) < 1e-13)
        // Peak rate m(p+q)²/(4q) = 1000·0.2209/1.8 = 122.7222…
        #expect(abs(pts.peakRate - 1000 * 0.47 * 0.47 / 1.8) < 1e-10)
    }

    // With q ≤ p the rate f(t)·m = m(p + qF)(1 − F) only falls after launch (its derivative at
    // t = 0 is m·p·(q − p) ≤ 0): the highest rate is m·p at launch, and there is no peak after it.
    @Test("Bass with q ≤ p: the highest rate is m·p at launch", arguments: [[1000, 0.2, 0.1], [500, 0.05, 0.05], [20, 0.3, 0]])
    func bassNoPeak(θ: [Double]) {
        let pts = BassModel().characteristicPoints(parameters: θ)
        #expect(pts.peak == nil)
        #expect(abs(pts.peakRate - θ[0] * θ[1]) <= 1e-12 * θ[0] * θ[1])
        #expect(abs(BassModel().rate(at: 0, parameters: θ) - θ[0] * θ[1]) <= 1e-12 * θ[0] * θ[1])
    }

    @Test("Richards with ν = 1 is the logistic", arguments: [0.5, 3, 8, 12, 20])
    func richardsLogistic(t: Double) {
        let r = RichardsModel().value(at: t, parameters: [1000, 0.6, 8, 1])
        let l = LogisticModel().value(at: t, parameters: [1000, 0.6, 8])
        #expect(abs(r - l) < 1e-12 * 1000)
    }

    @Test("Richards at ν = 0 is the Gompertz: value, rate, gradient, milestones", arguments: [3.0, 8, 12, 20])
    func richardsGompertz(t: Double) throws {
        let richards = RichardsModel(), gompertz = GompertzModel()
        let θ = [1000, 0.6, 8, 0.0], g = [1000, 0.6, 8]
        var gr = [Double](repeating: 0, count: 4), gg = [Double](repeating: 0, count: 3)
        // Value, rate, milestones and points delegate to the Gompertz at ν = 0: those checks guard
        // the delegation; the gradient is Richards' own.
        let n = richards.value(at: t, parameters: θ, gradient: &gr)
        #expect(n == gompertz.value(at: t, parameters: g, gradient: &gg))
        #expect(richards.value(at: t, parameters: θ) == n)
        #expect(Array(gr.prefix(3)) == gg)
        #expect(richards.rate(at: t, parameters: θ) == gompertz.rate(at: t, parameters: g))
        // ∂N/∂ν at 0 against a central difference across ν = 0 (the formula holds for small ν < 0).
        let h = 1e-5
        let difference = (richards.value(at: t, parameters: [1000, 0.6, 8, h])
                          - richards.value(at: t, parameters: [1000, 0.6, 8, -h])) / (2 * h)
        // Truncation O(h²), plus the rounding of two values of size n over 2h.
        let rounding = 4 * Double.ulpOfOne * n / (2 * h)
        #expect(abs(gr[3] - difference) <= 1e-6 * abs(difference) + rounding, "\(gr[3]) vs \(difference)")
        #expect(richards.time(toFraction: 0.3, parameters: θ) == gompertz.time(toFraction: 0.3, parameters: g))
        #expect(richards.characteristicPoints(parameters: θ) == gompertz.characteristicPoints(parameters: g))
    }

    // A fit that wants the Gompertz stops at ν within rounding of 0 (3e-15 on room air
    // conditioners), where the takeoff and saturation onset once came out equal.
    @Test("Richards near ν = 0 is continuous with its Gompertz limit", arguments: [3e-15, 1e-9, 1e-6])
    func richardsNearZero(nu: Double) throws {
        let near = RichardsModel().characteristicPoints(parameters: [1000, 0.6, 8, nu])
        let limit = GompertzModel().characteristicPoints(parameters: [1000, 0.6, 8])
        let tolerance = 10 * nu + 1e-13
        #expect(abs(try #require(near.takeoff) - limit.takeoff!) <= tolerance * 8)
        #expect(abs(try #require(near.saturationOnset) - limit.saturationOnset!) <= tolerance * 8)
        #expect(abs(near.peakRate - limit.peakRate) <= tolerance * limit.peakRate)
        for t in [3.0, 8, 12] {
            let r = RichardsModel().value(at: t, parameters: [1000, 0.6, 8, nu])
            let g = GompertzModel().value(at: t, parameters: [1000, 0.6, 8])
            #expect(abs(r - g) <= tolerance * 1000)
        }
    }

    @Test("Bass with q = 0 is the exponential", arguments: [0.5, 3, 8, 12, 20])
    func bassExponential(t: Double) {
        let b = BassModel().value(at: t, parameters: [1000, 0.15, 0])
        let e = ExponentialModel().value(at: t, parameters: [1000, 0.15])
        #expect(abs(b - e) < 1e-12 * 1000)
    }
}

/// (N(θ + h·eⱼ) − N(θ − h·eⱼ)) / 2h at `t`. Here, unlike `GradientCheck`, the caller sets the step:
/// the parameters below reach 1e-165, far under its floor of 1e-3·ε^{1/3}.
func centralDifference(_ curve: some ParametricCurve, at t: Double, _ θ: [Double], parameter j: Int, step h: Double) -> Double {
    var up = θ, down = θ
    up[j] += h
    down[j] -= h
    return (curve.value(at: t, parameters: up) - curve.value(at: t, parameters: down)) / (2 * h)
}

/// Far before t₀, where E = e^{−k(t−t₀)} overflows a double: the curves stay finite.
@Suite("Curves where E overflows")
struct OverflowTests {
    @Test("Richards where E, E², νE² or N·E overflow: value and gradient finite, the gradient matching central differences",
          arguments: [[100.0, 5, 200, 2], [1e6, 3, 300, 40], [50.0, 8, 100, 4], [1.0, 1, 352, 100], [1e9, 1, 700, 1e4],
                      [215.482021606717, 40.342701422314164, 17.45918889498557, 197.7891507695277]])
    func richards(_ θ: [Double]) {
        let curve = RichardsModel()
        let t = 0.0
        var g = [Double](repeating: 0, count: 4)
        let n = curve.value(at: t, parameters: θ, gradient: &g)
        #expect(n.isFinite && n > 0 && g.allSatisfy(\.isFinite), "N \(n), gradient \(g)")
        // N = m·(νE)^{−1/ν} there: its gradient by central differences in each parameter.
        for j in 0..<4 {
            let difference = centralDifference(curve, at: t, θ, parameter: j, step: 1e-6 * max(abs(θ[j]), 1))
            #expect(abs(g[j] - difference) <= 1e-5 * max(abs(g[j]), abs(difference)), "∂N/∂θ\(j): \(g[j]) vs \(difference)")
        }
    }

    // The S-curves' batches step E = e^{−k(t−t₀)} from one period to the next by a product, as Bass's
    // does e^{−(p+q)t}: over runs from where E overflows (far before t₀) to where it underflows, the
    // product is taken afresh wherever it has left the normal numbers, and batch and pointwise agree
    // throughout (Richards' ν = 0 is the Gompertz limit). A relative error δ in E moves N by
    // δ·|∂ln N/∂ln E| ≤ δ·|ln(N/m)| relative (E itself for the Gompertz curve, at most 1 for the
    // logistic), so that far out on the lower tail the tolerance grows with |ln(N/m)|.
    @Test("S-curve batch values and gradients agree with the pointwise ones where E overflows and underflows",
          arguments: [ModelCase(kind: .richards, parameters: [100, 5, 200, 2]), ModelCase(kind: .richards, parameters: [1e6, 3, 300, 40]),
                      ModelCase(kind: .richards, parameters: [1e9, 1, 700, 1e4]), ModelCase(kind: .richards, parameters: [1000, 4, 150, 0.6]),
                      ModelCase(kind: .richards, parameters: [1000, -3, 150, 0.5]), ModelCase(kind: .richards, parameters: [1000, 0.5, 9, 0]),
                      ModelCase(kind: .richards, parameters: [1000, 0.02, 50, 3e-12]),
                      ModelCase(kind: .gompertz, parameters: [1000, 3, 300]), ModelCase(kind: .gompertz, parameters: [1e6, 0.9, 700]),
                      ModelCase(kind: .gompertz, parameters: [1000, -2, 400]),
                      ModelCase(kind: .logistic, parameters: [1000, 3, 300]), ModelCase(kind: .logistic, parameters: [1e6, 0.9, 700]),
                      ModelCase(kind: .logistic, parameters: [1000, -2, 400])])
    func sCurveBatch(c: ModelCase) {
        let curve = c.kind.curve, θ = c.parameters, k = θ.count
        let times = (0...1000).map(Double.init)
        var values = [Double](repeating: .nan, count: times.count)
        var jacobian = [Double](repeating: .nan, count: times.count * k)
        times.withUnsafeBufferPointer { t in
            values.withUnsafeMutableBufferPointer { curve.values(at: t, parameters: θ, into: $0.baseAddress!) }
            jacobian.withUnsafeMutableBufferPointer { curve.gradients(at: t, parameters: θ, into: $0.baseAddress!, ld: times.count) }
        }
        func agree(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
            b.isFinite ? abs(a - b) <= tolerance * max(abs(b), 1e-300) : (a == b || (a.isNaN && b.isNaN))
        }
        var g = [Double](repeating: 0, count: k)
        var mismatches: [String] = []
        for (i, t) in times.enumerated() {
            let v = curve.value(at: t, parameters: θ, gradient: &g)
            let tail = v > 0 && v.isFinite ? 1 + abs(Double.log(v / θ[0])) : 1
            if !agree(values[i], v, 1e-13 * tail) { mismatches.append("N(\(t)): \(values[i]) vs \(v)") }
            if !agree(values[i], curve.value(at: t, parameters: θ), 1e-13 * tail) { mismatches.append("N(\(t)) against value(at:)") }
            for j in 0..<k where !agree(jacobian[i + j * times.count], g[j], 1e-11 * tail) {
                mismatches.append("∂N/∂θ\(j)(\(t)): \(jacobian[i + j * times.count]) vs \(g[j])")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first \(mismatches.prefix(5))")
    }

    // The estimates of a Richards fit running along a ridge (ν and k rising together), at t = 3:
    // E = 1e151, E² and (νE)² are finite, N·E² is not. ∂N/∂ν once overflowed there, and the fit
    // was reported non-finite.
    @Test("Richards where N·E² overflows but E² does not: ∂N/∂ν finite and matching a central difference")
    func richardsLargeValueTimesE2() {
        let θ = [2039591.4650102945, 55.63039265851796, 9.268865124115363, 178.86116524654494]
        var g = [Double](repeating: 0, count: 4)
        let n = RichardsModel().value(at: 3, parameters: θ, gradient: &g)
        #expect(n.isFinite && g.allSatisfy(\.isFinite), "N \(n), gradient \(g)")
        let difference = centralDifference(RichardsModel(), at: 3, θ, parameter: 3, step: 1e-6 * θ[3])
        #expect(abs(g[3] - difference) <= 1e-6 * abs(difference), "\(g[3]) vs \(difference)")
    }

    // A launch 815 periods before the data: the best p is about 1e-165, so p + q·e and its square
    // (1e-330) underflow. The batch gradient once came out infinite there.
    @Test("Bass with p so small that (p + q·e)² underflows: a finite gradient matching central differences")
    func bassTinyP() {
        let θ = [1052.0, 1e-165, 0.47]
        let times: [Double] = [800, 808, 815]
        var jacobian = [Double](repeating: .nan, count: times.count * 3)
        times.withUnsafeBufferPointer { t in
            jacobian.withUnsafeMutableBufferPointer { BassModel().gradients(at: t, parameters: θ, into: $0.baseAddress!, ld: 3) }
        }
        #expect(jacobian.allSatisfy { $0.isFinite }, "\(jacobian)")
        for (i, t) in times.enumerated() {
            for j in 0..<3 {
                let difference = centralDifference(BassModel(), at: t, θ, parameter: j, step: 1e-6 * θ[j])
                #expect(abs(jacobian[i + 3 * j] - difference) <= 1e-5 * max(abs(difference), 1e-9 * θ[0]),
                        "t = \(t), θ\(j): \(jacobian[i + 3 * j]) vs \(difference)")
            }
        }
    }

    @Test("Richards with a tiny ν: a value that underflows to zero stays zero, with a finite gradient")
    func richardsTinyNu() {
        var g = [Double](repeating: 0, count: 4)
        // νE = 4.9e-324·e^730 (ν the least positive double) is about e^-14: ln(1+νE)/ν is huge, so N = 0.
        let tiny = RichardsModel().value(at: -730, parameters: [1, 1, 0, .leastNonzeroMagnitude], gradient: &g)
        let tinyValue = RichardsModel().value(at: -730, parameters: [1, 1, 0, .leastNonzeroMagnitude])
        #expect(tiny == 0 && tinyValue == 0)
        #expect(g.allSatisfy { $0.isFinite })
        // ν² underflows: ∂N/∂ν of a zero value is zero, not 0/0.
        let n = RichardsModel().value(at: 109.34722679108766, parameters: [1, 50, 123.4, 1e-300], gradient: &g)
        #expect(n == 0 && g.allSatisfy(\.isFinite))
    }

    @Test("Gompertz: a value of zero has a zero gradient, not NaN")
    func gompertz() {
        var g = [Double](repeating: 0, count: 3)
        let n = GompertzModel().value(at: 0, parameters: [100, 5, 200], gradient: &g)
        #expect(n == 0 && g == [0, 0, 0])
        #expect(GompertzModel().rate(at: 0, parameters: [100, 5, 200]) == 0)
    }
}
