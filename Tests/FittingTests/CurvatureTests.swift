import Foundation
import Testing
import AdoptionModels
@testable import Fitting
import LinearAlgebra

/// The residuals' exact curvature S = Σ rᵢ∇²rᵢ and the minimum it certifies.
@Suite("Second derivatives of the curve fits")
struct CurvatureTests {
    /// JᵀJ + S is the derivative of the gradient Jᵀr: checked column by column against central
    /// differences of Jᵀr built from the analytic Jacobian (truncation O(h²), h = 1e-5 relative).
    static func finiteDifferenceHessian<P: LeastSquaresProblem>(_ problem: P, at x: [Double]) -> [Double] {
        let m = problem.residualCount, n = problem.parameterCount
        func gradient(_ x: [Double]) -> [Double] {
            var r = [Double](repeating: 0, count: m), jac = [Double](repeating: 0, count: m * n)
            problem.residuals(at: x, into: &r)
            problem.jacobian(at: x, into: &jac)
            return (0..<n).map { j in (0..<m).reduce(0) { $0 + jac[$1 + j * m] * r[$1] } }
        }
        var h = [Double](repeating: 0, count: n * n)
        for k in 0..<n {
            let step = 1e-5 * abs(x[k])
            var up = x, down = x
            up[k] += step
            down[k] -= step
            let (gu, gd) = (gradient(up), gradient(down))
            for j in 0..<n { h[j + k * n] = (gu[j] - gd[j]) / (2 * step) }
        }
        return h
    }

    static func exactHessian<P: LeastSquaresProblem>(_ problem: P, at x: [Double]) -> [Double]? {
        let m = problem.residualCount, n = problem.parameterCount
        var r = [Double](repeating: 0, count: m), jac = [Double](repeating: 0, count: m * n)
        problem.residuals(at: x, into: &r)
        problem.jacobian(at: x, into: &jac)
        var s = [Double](repeating: 0, count: n * n)
        let g = (0..<n).map { j in (0..<m).reduce(0) { $0 + jac[$1 + j * m] * r[$1] } }
        let ok = r.withUnsafeBufferPointer { r in
            g.withUnsafeBufferPointer { g in
                s.withUnsafeMutableBufferPointer { problem.addResidualCurvature(at: x, residuals: r, gradient: g, into: $0.baseAddress!) }
            }
        }
        guard ok else { return nil }
        for j in 0..<n {
            for k in 0..<n { s[j + k * n] += (0..<m).reduce(0) { $0 + jac[$1 + j * m] * jac[$1 + k * m] } }
        }
        return s
    }

    /// The certificate at x, given the Jacobian scaled by its column norms as the diagnosis gives it.
    static func isCertainMinimum<P: LeastSquaresProblem>(_ problem: P, at x: [Double]) -> Bool {
        let m = problem.residualCount, n = problem.parameterCount
        var r = [Double](repeating: 0, count: m), jac = [Double](repeating: 0, count: m * n)
        problem.residuals(at: x, into: &r)
        problem.jacobian(at: x, into: &jac)
        let norms = (0..<n).map { j in (0..<m).reduce(0) { $0 + jac[$1 + j * m] * jac[$1 + j * m] }.squareRoot() }
        for j in 0..<n { for i in 0..<m { jac[i + j * m] /= norms[j] } }
        let rss = r.reduce(0) { $0 + $1 * $1 }
        return jac.withUnsafeBufferPointer {
            NonlinearLeastSquares().isCertainMinimum(problem, at: x, residuals: r, scaledJacobian: $0.baseAddress!,
                                                     norms: norms, rss: rss)
        }
    }

    static let y: [Double] = [96, 195, 238, 318, 297, 229, 223, 220, 140, 150, 79, 65]

    /// Per-period rows in a run, after a gap (the period before 9 is no observation's end) and from a
    /// first period that does not start at launch (t = 3); cumulative rows.
    @Test("JᵀJ + S equals differences of the gradient Jᵀr",
          arguments: [(DataForm.perPeriod, (1...12).map(Double.init)), (.perPeriod, [3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15]),
                      (.cumulative, (1...12).map(Double.init))])
    func curvatureMatchesDifferences(_ form: DataForm, _ t: [Double]) throws {
        let y = form == .cumulative ? CurveData(t: t, y: Self.y, form: .perPeriod).cumulativeObserved : Self.y
        let problem = CurveFitProblem(curve: BassModel(), data: CurveData(t: t, y: y, form: form))
        let points = [[3000.0, 0.03, 0.4], [2500, 0.01, 0.9], [8000, 0.002, 0.15]]
        try Self.expectCurvatureMatches(problem, at: points, "\(form)")
        for x in points {
            let exact = try #require(Self.exactHessian(problem, at: x))
            for j in 0..<3 { for k in 0..<3 { #expect(exact[j + k * 3] == exact[k + j * 3]) } }
        }
    }

    /// The fit's first pass moves m and p on a log scale: the curvature seen there carries the
    /// chain rule's second term, the gradient on the diagonal.
    @Test("on a log scale, JᵀJ + S equals differences of the gradient", arguments: [[0], [0, 1], [1, 2]])
    func logScaledCurvature(_ logged: [Int]) throws {
        let base = CurveFitProblem(curve: BassModel(), data: CurveData(t: (1...12).map(Double.init), y: Self.y, form: .perPeriod))
        let problem = LogScaledProblem(base: base, logged: logged)
        try Self.expectCurvatureMatches(problem, at: [[3000.0, 0.03, 0.4], [2500, 0.01, 0.9]].map { problem.internal($0) },
                                        "logged \(logged)")
    }

    /// The other curves with second derivatives, through the fit's problem as Bass above: per-period
    /// rows after a gap, running totals, and m on the log scale as the fit's first pass has it.
    @Test("JᵀJ + S equals differences of the gradient for the S-curves and exponential saturation",
          arguments: [ModelKind.logistic, .gompertz, .richards, .exponential])
    func otherCurvesMatchDifferences(_ kind: ModelKind) throws {
        let points: [[Double]] = switch kind {
        case .exponential: [[2500, 0.12], [4000, 0.03]]
        case .richards: [[2500, 0.6, 5, 0.7], [3000, 0.3, 7.5, 3], [2800, 0.5, 6, 2e-3]]
        default: [[2500, 0.6, 5], [3000, 0.3, 7.5]]
        }
        try Self.expectCurvatureMatches(kind.curve, at: points, "\(kind)")
    }

    static func expectCurvatureMatches<C: AdoptionCurve>(_ curve: C, at points: [[Double]], _ label: String) throws {
        let gap: [Double] = [3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15]
        let cumulative = CurveData(t: gap, y: Self.y, form: .perPeriod).cumulativeObserved
        for data in [CurveData(t: gap, y: Self.y, form: .perPeriod), CurveData(t: gap, y: cumulative, form: .cumulative)] {
            try Self.expectCurvatureMatches(CurveFitProblem(curve: curve, data: data), at: points, "\(label) \(data.form)")
            let logged = LogScaledProblem(base: CurveFitProblem(curve: curve, data: data), logged: [0])
            try Self.expectCurvatureMatches(logged, at: points.map { logged.internal($0) }, "\(label) \(data.form), log m")
        }
    }

    /// JᵀJ + S at each point against `finiteDifferenceHessian`, each entry within 1e-6 of its natural
    /// size √(H_jj·H_kk).
    static func expectCurvatureMatches<P: LeastSquaresProblem>(_ problem: P, at points: [[Double]], _ label: String) throws {
        let n = problem.parameterCount
        for x in points {
            let exact = try #require(Self.exactHessian(problem, at: x), "\(label): no second derivatives")
            let differences = Self.finiteDifferenceHessian(problem, at: x)
            for j in 0..<n {
                for k in 0..<n {
                    let size = (abs(differences[j + j * n]) * abs(differences[k + k * n])).squareRoot()
                    #expect(abs(exact[j + k * n] - differences[j + k * n]) <= 1e-6 * size,
                            "\(label) x = \(x) H[\(j),\(k)]: \(exact[j + k * n]) vs \(differences[j + k * n])")
                }
            }
        }
    }

    @Test("a curve without second derivatives says so")
    func noSecondDerivatives() throws {
        let logistic = try Formula("m/(1+exp(-k*(x-t0)))", parameters: ["m", "k", "t0"])
        let problem = CurveFitProblem(curve: logistic, data: CurveData(t: (1...12).map(Double.init), y: Self.y, form: .perPeriod))
        #expect(Self.exactHessian(problem, at: [3000, 0.5, 6]) == nil)
    }

    /// Richards' second derivatives are taken inside the domain ν ≥ 0 only. Far before t₀, where E³
    /// overflows (k(t₀ − t) = 238.5 at the first period's start, t = 0, and 235.5 at its end), they are
    /// taken in u = νE: before, that start's term was declined and the Hessian given without it, 40 to
    /// 80 % of each entry of S away from the differences.
    @Test("Richards' second derivatives far before t₀ match differences; none outside ν ≥ 0")
    func richardsFarBeforePeak() throws {
        let data = CurveData(t: (1...12).map(Double.init), y: Self.y, form: .perPeriod)
        let problem = CurveFitProblem(curve: RichardsModel(), data: data)
        try Self.expectCurvatureMatches(problem, at: [[3000, 3, 79.5, 40], [3000, 3, 80.5, 40]], "richards far before t₀")
        #expect(Self.exactHessian(problem, at: [3000, 0.5, 6, -0.2]) == nil)
    }

    /// At the converged fit the Hessian is positive definite and the Newton step gains nothing:
    /// certain. A point 0.1 % off in p is not a minimum to within 1e-10·RSS.
    @Test("a converged Bass fit is a certain minimum, a point beside it is not")
    func certainMinimum() throws {
        let data = CurveData(t: (1...12).map(Double.init), y: Self.y, form: .perPeriod)
        let problem = CurveFitProblem(curve: BassModel(), data: data)
        let fit = AdoptionFitter().fit(.bass, to: data)
        #expect(fit.status == .converged)
        func certain(_ x: [Double]) -> Bool { Self.isCertainMinimum(problem, at: x) }
        #expect(certain(fit.estimates))
        var off = fit.estimates
        off[1] *= 1.001
        #expect(!certain(off))
    }

    /// Observations moved off the fitted curve along a direction the Jacobian does not reach keep
    /// the fit stationary (Jᵀr = 0) while the residuals' curvature grows with the move: large
    /// enough, one sign or the other makes the Hessian indefinite. The certificate must agree with
    /// a Hessian from differences of the gradient, by its smallest Cholesky pivot.
    @Test("a stationary point whose Hessian is indefinite is not certified")
    func indefiniteIsNotCertain() throws {
        let t = (1...12).map(Double.init)
        let base = CurveFitProblem(curve: BassModel(), data: CurveData(t: t, y: Self.y, form: .perPeriod))
        let x = AdoptionFitter().fit(.bass, to: base.data).estimates
        let m = t.count, n = 3
        var model = [Double](repeating: 0, count: m), jac = [Double](repeating: 0, count: m * n)
        base.residuals(at: x, into: &model)
        for i in 0..<m { model[i] += Self.y[i] }
        base.jacobian(at: x, into: &jac)
        // z: an alternating pattern with its projection on the Jacobian's columns removed (Gram–Schmidt twice).
        var z = (0..<m).map { Double($0 % 2 == 0 ? 1 : -1) * Double($0 + 1) }
        for _ in 0..<2 {
            var q: [[Double]] = []
            for j in 0..<n {
                var c = Array(jac[(j * m)..<((j + 1) * m)])
                for b in q { let d = zip(c, b).reduce(0) { $0 + $1.0 * $1.1 }; for i in 0..<m { c[i] -= d * b[i] } }
                let norm = c.reduce(0) { $0 + $1 * $1 }.squareRoot()
                q.append(c.map { $0 / norm })
            }
            for b in q { let d = zip(z, b).reduce(0) { $0 + $1.0 * $1.1 }; for i in 0..<m { z[i] -= d * b[i] } }
        }
        var verdicts: [Bool] = []
        for alpha in [-60.0, 60, -600, 600, -6000, 6000, -60000, 60000] where !verdicts.contains(false) {
            // r = model − y = α·z at x.
            let y = (0..<m).map { model[$0] - alpha * z[$0] }
            let problem = CurveFitProblem(curve: BassModel(), data: CurveData(t: t, y: y, form: .perPeriod))
            var r = [Double](repeating: 0, count: m), j2 = [Double](repeating: 0, count: m * n)
            problem.residuals(at: x, into: &r)
            problem.jacobian(at: x, into: &j2)
            let norms = (0..<n).map { j in (0..<m).reduce(0) { $0 + j2[$1 + j * m] * j2[$1 + j * m] }.squareRoot() }
            let gradient = (0..<n).map { j in (0..<m).reduce(0) { $0 + j2[$1 + j * m] * r[$1] } }
            #expect(zip(gradient, norms).allSatisfy { abs($0) <= 1e-9 * $1 * r.reduce(0) { $0 + $1 * $1 }.squareRoot() })
            // Positive definite by the differences: the Cholesky pivots of the scaled Hessian.
            let h = Self.finiteDifferenceHessian(problem, at: x)
            var a = (0..<(n * n)).map { h[$0] / (norms[$0 % n] * norms[$0 / n]) }
            let definite = a.withUnsafeMutableBufferPointer { Decompositions.choleskyLower(n: n, $0.baseAddress!, minimumPivot: 1e-6) }
            let certain = Self.isCertainMinimum(problem, at: x)
            #expect(certain == definite, "α = \(alpha): certified \(certain), definite by differences \(definite)")
            verdicts.append(definite)
        }
        #expect(verdicts.contains(false), "no α made the Hessian indefinite: take a larger one")
        #expect(verdicts.contains(true))
    }
}
