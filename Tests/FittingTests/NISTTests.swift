import Foundation
import Testing
import AdoptionModels
@testable import Fitting
import TestSupport

extension NISTProblem: CustomTestStringConvertible {
    public var testDescription: String { name }
}

/// A NIST case: one problem from one of its two certified starts.
struct NISTCase: Sendable, CustomTestStringConvertible {
    let problem: NISTProblem
    let start: Int
    var testDescription: String { "\(problem.name) start \(start)" }
    static let all: [NISTCase] = NISTProblem.all.flatMap { p in [1, 2].map { NISTCase(problem: p, start: $0) } }
}

/// Nelson's model has two predictors and fits log(y): a problem of its own.
struct NelsonProblem: LeastSquaresProblem {
    let x1: [Double], x2: [Double], logY: [Double]
    var parameterCount: Int { 3 }
    var residualCount: Int { logY.count }
    func residuals(at b: [Double], into r: UnsafeMutableBufferPointer<Double>) {
        for i in logY.indices { r[i] = b[0] - b[1] * x1[i] * Foundation.exp(-b[2] * x2[i]) - logY[i] }
    }
    func jacobian(at b: [Double], into j: UnsafeMutableBufferPointer<Double>) {
        let m = logY.count
        for i in logY.indices {
            let e = Foundation.exp(-b[2] * x2[i])
            j[i] = 1
            j[i + m] = -x1[i] * e
            j[i + 2 * m] = b[1] * x1[i] * x2[i] * e
        }
    }
}

/// Fits a NIST problem through the library: the formula as a curve, or Nelson's own problem.
func fitNIST(_ p: NISTProblem, start: [Double]) throws -> FitResult {
    let solver = NonlinearLeastSquares()
    if p.name == "Nelson" {
        let problem = NelsonProblem(x1: p.x[0], x2: p.x[1], logY: p.y.map { Foundation.log($0) })
        return solver.fit(problem, names: p.parameterNames, observed: problem.logY,
                          starts: MultiStart.starts(around: start))
    }
    let formula = try Formula(p.formula, parameters: p.parameterNames)
    let problem = CurveFitProblem(curve: formula, data: CurveData(t: p.x[0], y: p.y, form: .cumulative))
    return solver.fit(problem, names: p.parameterNames, observed: p.y, starts: MultiStart.starts(around: start))
}

@Suite("NIST StRD nonlinear regression")
struct NISTTests {
    @Test("all problems are read from the fixtures")
    func fixtures() {
        #expect(NISTProblem.all.count == NISTProblem.formulas.count)
        for p in NISTProblem.all {
            #expect(p.parameterNames.count == p.certified.count && p.certified.count >= 2, "\(p.name)")
            #expect(!p.y.isEmpty && p.certifiedRSS.isFinite, "\(p.name)")
            #expect(p.y.count == p.observationCount && p.x.allSatisfy { $0.count == p.observationCount }, "\(p.name)")
        }
    }

    // Certified values: NIST ITL StRD (Tests/Fixtures/NIST). LRE = −log10(relative error).
    @Test("certified digits from both starts, or an honest status", arguments: NISTCase.all)
    func certified(c: NISTCase) throws {
        let p = c.problem
        let result = try fitNIST(p, start: c.start == 1 ? p.start1 : p.start2)
        let need = p.requiredDigits
        let estimateDigits = zip(result.estimates, p.certified).map { logRelativeError($0, $1) }.min()!
        guard result.converged else {
            // The fitter says so when it does not converge; every case here is expected to converge.
            Issue.record("\(c.testDescription): \(result.status.rawValue) — \(result.message)")
            return
        }
        let rssDigits = logRelativeError(result.residualSumOfSquares, p.certifiedRSS)
        let seDigits = zip(result.standardErrors, p.certifiedStandardErrors).map { logRelativeError($0, $1) }.min()!
        // The table of correct digits, one line per problem and start, in the test log.
        print("NIST \(c.testDescription): correct digits: estimates \(digits(estimateDigits)), RSS \(digits(rssDigits)), "
              + "standard errors \(digits(seDigits)); \(result.evaluations) evaluations")
        #expect(estimateDigits >= need.estimates, "\(c.testDescription): estimates \(estimateDigits) digits")
        #expect(rssDigits >= need.rss, "\(c.testDescription): RSS \(rssDigits) digits")
        #expect(seDigits >= need.standardErrors, "\(c.testDescription): standard errors \(seDigits) digits")
    }
}

private func digits(_ lre: Double) -> String {
    String(Double((lre * 10).rounded(.down)) / 10)
}
