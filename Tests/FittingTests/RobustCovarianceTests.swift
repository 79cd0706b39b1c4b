import Foundation
import Testing
import AdoptionModels
@testable import Fitting
import TestSupport

/// The heteroskedasticity-consistent covariances of `--covariance hc0…hc3` against statsmodels'
/// (Tests/Fixtures/scipy/robust_covariance.py: `OLS(residuals, J).fit(cov_type=…)` at the reference fits'
/// estimates, checked there against the sandwich formula evaluated directly).
@Suite("Heteroskedasticity-consistent covariances")
struct RobustCovarianceTests {
    /// "series|model|data|estimator" → "row|column" → covariance.
    static let reference: [String: [String: Double]] = {
        guard let csv = try? SimpleCSV(url: Fixtures.url("scipy/robust_covariances.csv")) else { return [:] }
        var out: [String: [String: Double]] = [:]
        for r in csv.records {
            out["\(r["series"]!)|\(r["model"]!)|\(r["data"]!)|\(r["estimator"]!)", default: [:]]["\(r["row"]!)|\(r["column"]!)"] =
                Double(r["covariance"]!)!
        }
        return out
    }()

    static let cases: [(ReferenceFit, CovarianceEstimator)] = ReferenceFit.all.flatMap { fit in
        [CovarianceEstimator.hc0, .hc1, .hc2, .hc3].map { (fit, $0) }
    }

    @Test("every reference fit has all four estimators' covariances")
    func fixturePresent() {
        #expect(Self.reference.count == 4 * ReferenceFit.all.count && !ReferenceFit.all.isEmpty)
    }

    // The estimates agree with scipy's to 1e-6 (ReferenceFitTests), so the covariances do to 1e-5.
    @Test("the sandwich covariance agrees with statsmodels' to 1e-5 of √(var·var)", arguments: cases)
    func agrees(reference: ReferenceFit, estimator: CovarianceEstimator) throws {
        var data = try shippedSeries(reference.series)
        data.form = reference.form
        let fit = AdoptionFitter().fit(reference.model, to: data)
        try #require(fit.converged, "\(fit.message)")
        let (robust, gap) = Self.withCovariance(fit, estimator, curve: reference.model.curve, data: data)
        #expect(gap == nil)
        #expect(robust.covarianceEstimator == estimator)
        let key = "\(reference.series)|\(reference.model.rawValue)|\(reference.form.rawValue)|\(estimator.rawValue)"
        let want = try #require(Self.reference[key], "no reference for \(key)")
        let got = try #require(robust.covariance)
        let names = reference.names, k = names.count
        for a in 0..<k {
            for b in 0..<k {
                let expected = try #require(want["\(names[a])|\(names[b])"])
                let scale = (want["\(names[a])|\(names[a])"]! * want["\(names[b])|\(names[b])"]!).squareRoot()
                #expect(abs(got[a * k + b] - expected) <= 1e-5 * scale, "\(names[a])–\(names[b]): \(got[a * k + b]) vs \(expected)")
            }
            // The standard errors follow the covariance.
            let se: Double = try #require(want["\(names[a])|\(names[a])"]).squareRoot()
            #expect(abs(robust.standardError(a) - se) <= 1e-5 * se, "se \(names[a]): \(robust.standardError(a)) vs \(se)")
        }
        // The estimates, residuals and σ are the fit's own.
        #expect(robust.estimates == fit.estimates && robust.residuals == fit.residuals)
    }

    static func withCovariance<C: ParametricCurve>(_ fit: FitResult, _ estimator: CovarianceEstimator, curve: C,
                                                   data: CurveData) -> (result: FitResult, gap: RobustCovarianceGap?) {
        fit.withCovariance(estimator, problem: CurveFitProblem(curve: curve, data: data))
    }

    @Test("classical leaves the fit as it is")
    func classical() throws {
        let data = try shippedSeries("clothes_dryers")
        let fit = AdoptionFitter().fit(.bass, to: data)
        let (same, gap) = fit.withCovariance(.classical, problem: CurveFitProblem(curve: BassModel(), data: data))
        #expect(gap == nil && same.unscaledCovarianceFactor == fit.unscaledCovarianceFactor && same.covarianceEstimator == .classical)
    }

    /// y = a + b·[x = 6] on x = 1…6: b is fitted by the last observation alone, whose leverage is 1.
    struct Indicator: ParametricCurve {
        var parameterNames: [String] { ["a", "b"] }
        func value(at t: Double, parameters θ: [Double]) -> Double { θ[0] + (t == 6 ? θ[1] : 0) }
        func value(at t: Double, parameters θ: [Double], gradient: inout [Double]) -> Double {
            gradient[0] = 1
            gradient[1] = t == 6 ? 1 : 0
            return value(at: t, parameters: θ)
        }
        func values(at t: UnsafeBufferPointer<Double>, parameters θ: [Double], into values: UnsafeMutablePointer<Double>) {
            for i in t.indices { values[i] = value(at: t[i], parameters: θ) }
        }
        func gradients(at t: UnsafeBufferPointer<Double>, parameters θ: [Double], into jacobian: UnsafeMutablePointer<Double>, ld: Int) {
            for i in t.indices {
                jacobian[i] = 1
                jacobian[i + ld] = t[i] == 6 ? 1 : 0
            }
        }
    }

    // By hand: the first five observations 1, 3, 2, 5, 4 give a = 3 and residuals −2, 0, −1, 2, 1 (the last
    // one's is 0); JᵀJ = [[6, 1], [1, 1]], (JᵀJ)⁻¹ = [[1/5, −1/5], [−1/5, 6/5]]; the leverages are 1/5 for the
    // first five and 1 for the last. HC0: (JᵀJ)⁻¹Jᵀdiag(e²)J(JᵀJ)⁻¹ with JᵀΩJ = [[10, 0], [0, 0]] gives
    // var(a) = 10/25 = 0.4, cov(a, b) = −0.4, var(b) = 0.4.
    @Test("an observation of leverage 1: HC0 by hand, and no HC2 or HC3 covariance")
    func fullLeverage() throws {
        let data = CurveData(t: [1, 2, 3, 4, 5, 6], y: [1, 3, 2, 5, 4, 10], form: .cumulative)
        let problem = CurveFitProblem(curve: Indicator(), data: data)
        let fit = NonlinearLeastSquares().fit(problem, names: ["a", "b"], observed: data.y, starts: [[0, 0]])
        try #require(fit.converged)
        #expect(abs(fit.estimates[0] - 3) < 1e-12 && abs(fit.estimates[1] - 7) < 1e-12)
        let (hc0, none) = fit.withCovariance(.hc0, problem: problem)
        #expect(none == nil)
        let c = try #require(hc0.covariance)
        for (got, want) in zip(c, [0.4, -0.4, -0.4, 0.4]) { #expect(abs(got - want) < 1e-12, "\(c)") }
        for estimator in [CovarianceEstimator.hc2, .hc3] {
            let (dropped, gap) = fit.withCovariance(estimator, problem: problem)
            #expect(gap == .fullLeverage(5))
            #expect(dropped.unscaledCovarianceFactor == nil && dropped.standardError(0).isNaN)
        }
        // HC1 is HC0 times n/(n − k) = 6/4.
        let hc1 = try #require(fit.withCovariance(.hc1, problem: problem).result.covariance)
        for (got, want) in zip(hc1, [0.6, -0.6, -0.6, 0.6]) { #expect(abs(got - want) < 1e-12, "\(hc1)") }
    }
}
