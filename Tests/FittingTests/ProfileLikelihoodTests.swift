import Testing
@testable import Fitting

/// A straight line y = a + b·x: its profile-likelihood intervals are exactly the t-based ones
/// (for a model linear in its parameters the profile t statistic is linear in the parameter;
/// Bates & Watts 1988, §6.1.2).
struct StraightLine: LeastSquaresProblem {
    let x: [Double], y: [Double]
    var parameterCount: Int { 2 }
    var residualCount: Int { x.count }
    func residuals(at θ: [Double], into r: UnsafeMutableBufferPointer<Double>) {
        for i in x.indices { r[i] = θ[0] + θ[1] * x[i] - y[i] }
    }
    func jacobian(at θ: [Double], into jac: UnsafeMutableBufferPointer<Double>) {
        for i in x.indices { jac[i] = 1; jac[i + x.count] = x[i] }
    }
}

@Suite("Profile-likelihood intervals")
struct ProfileLikelihoodTests {
    static let line = StraightLine(x: [1, 2, 3, 4, 5, 6, 7, 8], y: [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1])

    func fit() -> FitResult {
        NonlinearLeastSquares().fit(Self.line, names: ["a", "b"], observed: Self.line.y, starts: [[0, 1]])
    }

    @Test("a linear model's profile intervals are its t-based intervals", arguments: [0.95, 0.8, 0.5])
    func linear(level: Double) throws {
        let result = fit()
        #expect(result.converged)
        let intervals = ProfileLikelihood.intervals(Self.line, result: result, level: level)
        for (j, p) in result.parameters(level: level).enumerated() {
            let (low, high) = try #require(intervals[j])
            let width = p.confidenceHigh - p.confidenceLow
            #expect(abs(try #require(low.value) - p.confidenceLow) <= 1e-9 * width, "\(p.name) low \(low)")
            #expect(abs(try #require(high.value) - p.confidenceHigh) <= 1e-9 * width, "\(p.name) high \(high)")
            #expect(low == .crossing(low.value!) && high == .crossing(high.value!))
        }
    }

    @Test("an end short of the crossing: a domain limit below, open above")
    func limits() throws {
        let result = fit()
        let p = result.parameters()
        // Limits half-way to the t-based ends: the profile is still inside when it reaches them.
        let lower = p.map { ($0.estimate + $0.confidenceLow) / 2 }
        let upper = p.map { ($0.estimate + $0.confidenceHigh) / 2 }
        let bounded = ProfileLikelihood.intervals(Self.line, result: result, lower: lower)
        for j in 0..<2 { #expect(try #require(bounded[j]).low == .domainLimit(lower[j])) }
        // Followed upwards no further than its limit.
        let followed = ProfileLikelihood.intervals(Self.line, result: result, upper: [upper[0], .infinity])
        #expect(try #require(followed[0]).high == .open)
    }

    @Test("no intervals for a fit that did not converge")
    func notConverged() {
        var result = fit()
        result.status = .evaluationLimit
        #expect(ProfileLikelihood.intervals(Self.line, result: result).allSatisfy { $0 == nil })
    }
}

/// A problem whose residuals are NaN wherever its one parameter is negative.
struct SquareRootProblem: LeastSquaresProblem {
    var parameterCount: Int { 1 }
    var residualCount: Int { 2 }
    func residuals(at θ: [Double], into r: UnsafeMutableBufferPointer<Double>) {
        r[0] = θ[0].squareRoot() - 1
        r[1] = θ[0].squareRoot() - 2
    }
    func jacobian(at θ: [Double], into jac: UnsafeMutableBufferPointer<Double>) {
        jac[0] = 0.5 / θ[0].squareRoot()
        jac[1] = jac[0]
    }
}

@Suite("NaN residuals")
struct NaNResidualTests {
    @Test("a vector holding a NaN has norm NaN, however large or small its other entries",
          arguments: [[Double.nan], [.nan, .nan], [1, .nan], [1e300, .nan, 1e300], [1e-300, .nan]])
    func norm(_ x: [Double]) {
        #expect(x.withUnsafeBufferPointer { MINPACK.enorm($0) }.isNaN)
    }

    @Test("a start where every residual is NaN is not finite, not a perfect fit")
    func nanStart() {
        let outcome = LevenbergMarquardt.minimize(SquareRootProblem(), from: [-1])
        #expect(outcome.stop == .nonFiniteStart)
        #expect(!outcome.residualSumOfSquares.isFinite)
    }
}

/// y = a·x₁ + b·x₂ + c·x₃ with b, c ≥ 0: at a profile point both b and c leave their domain
/// in the unconstrained refit, but only one belongs on its bound.
struct ThreeColumns: LeastSquaresProblem {
    static let rows: [[Double]] = [[0, 0, 1], [-2, -1, 0], [-2, -2, 2], [-3, -3, 3], [2, 3, -3]]
    static let y = [1.4890368211947504, 3.4048994118926124, 3.409022785963088, 2.5517082243603872, -1.92825009901635]
    var parameterCount: Int { 3 }
    var residualCount: Int { 5 }
    func residuals(at θ: [Double], into r: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<5 { r[i] = zip(Self.rows[i], θ).reduce(0) { $0 + $1.0 * $1.1 } - Self.y[i] }
    }
    func jacobian(at θ: [Double], into jac: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<5 { for j in 0..<3 { jac[i + j * 5] = Self.rows[i][j] } }
    }

    /// The least sum of squares with a = v and b, c ≥ 0, by trying every active set: the
    /// problem is a convex quadratic, so the best feasible candidate is its minimum.
    static func boundedMinimum(a v: Double) -> Double {
        let target = (0..<5).map { y[$0] - rows[$0][0] * v }
        func sumOfSquares(_ b: Double, _ c: Double) -> Double {
            (0..<5).reduce(0) { s, i in let r = rows[i][1] * b + rows[i][2] * c - target[i]; return s + r * r }
        }
        func dot(_ u: [Double], _ w: [Double]) -> Double { zip(u, w).reduce(0) { $0 + $1.0 * $1.1 } }
        let x2 = rows.map { $0[1] }, x3 = rows.map { $0[2] }
        var best = sumOfSquares(0, 0)
        let b = dot(x2, target) / dot(x2, x2), c = dot(x3, target) / dot(x3, x3)
        if b >= 0 { best = min(best, sumOfSquares(b, 0)) }
        if c >= 0 { best = min(best, sumOfSquares(0, c)) }
        let (s22, s33, s23) = (dot(x2, x2), dot(x3, x3), dot(x2, x3))
        let (t2, t3) = (dot(x2, target), dot(x3, target))
        let det = s22 * s33 - s23 * s23
        let (bb, cc) = ((t2 * s33 - t3 * s23) / det, (t3 * s22 - t2 * s23) / det)
        if bb >= 0 && cc >= 0 { best = min(best, sumOfSquares(bb, cc)) }
        return best
    }
}

@Suite("Profiles within domains")
struct BoundedProfileTests {
    @Test("each end is where the least sum of squares within the domain reaches the threshold")
    func activeSet() throws {
        let problem = ThreeColumns()
        let result = NonlinearLeastSquares().fit(problem, names: ["a", "b", "c"], observed: ThreeColumns.y,
                                                 starts: [[0, 1, 1]])
        #expect(result.converged)
        let tq = StudentT.quantile(0.975, degreesOfFreedom: Double(result.degreesOfFreedom))
        let threshold = result.residualSumOfSquares + result.scale * tq * tq
        let intervals = ProfileLikelihood.intervals(problem, result: result, lower: [-.infinity, 0, 0])
        let (low, high) = try #require(intervals[0])
        for end in [low, high] {
            guard case .crossing(let v) = end else { Issue.record("a's end \(end) is no crossing"); continue }
            #expect(abs(ThreeColumns.boundedMinimum(a: v) - threshold) <= 1e-8 * threshold, "a = \(v)")
        }
    }
}

/// y = a·u + b·v with u = 1 and v = 1 + δ·s, s = ±1 alternating (Σs = 0): the column-scaled
/// Jacobian's columns meet at cos θ = 1/√(1 + δ²), so its condition number is
/// √((1 + cos θ)/(1 − cos θ)), 2/δ to first order — a closed form to test the threshold on.
struct NearlyCollinearLine: LeastSquaresProblem {
    let delta: Double
    static let y: [Double] = [2.0, 2.1, 1.9, 2.05, 1.95, 2.02, 1.98, 2.0]
    var parameterCount: Int { 2 }
    var residualCount: Int { Self.y.count }
    func v(_ i: Int) -> Double { 1 + delta * (i % 2 == 0 ? -1 : 1) }
    func residuals(at θ: [Double], into r: UnsafeMutableBufferPointer<Double>) {
        for i in Self.y.indices { r[i] = θ[0] + θ[1] * v(i) - Self.y[i] }
    }
    func jacobian(at θ: [Double], into jac: UnsafeMutableBufferPointer<Double>) {
        for i in Self.y.indices { jac[i] = 1; jac[i + Self.y.count] = v(i) }
    }
}

@Suite("The identifiability threshold on the scaled condition number")
struct IdentifiabilityThresholdTests {
    @Test("a scaled condition number of 1e9 is identified, 1e11 is not (threshold 1e10)",
          arguments: [(2e-9, true), (2e-11, false)])
    func threshold(delta: Double, identified: Bool) {
        let problem = NearlyCollinearLine(delta: delta)
        let result = NonlinearLeastSquares().fit(problem, names: ["a", "b"], observed: NearlyCollinearLine.y, starts: [[1, 1]])
        let c = 1 / (1 + delta * delta).squareRoot()
        // 1 − cos θ = δ²/2 − …, taken in that form (1 − c itself would cancel).
        let expected = ((1 + c) / (delta * delta / 2 * (1 - 0.75 * delta * delta))).squareRoot()
        #expect(abs(result.conditionNumber / expected - 1) <= 1e-3, "\(result.conditionNumber) vs \(expected)")
        if identified {
            #expect(result.status == .converged, "\(result.status): \(result.message)")
        } else {
            #expect(result.status == .notIdentified, "\(result.status): \(result.message)")
            #expect(result.message.contains("scaled condition number"), "\(result.message)")
        }
    }
}
