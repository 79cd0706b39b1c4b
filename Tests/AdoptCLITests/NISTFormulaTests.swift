import Foundation
import Testing
import TestSupport

/// One NIST StRD problem fitted from one of its two certified starts.
struct NISTCase: Sendable, CustomTestStringConvertible {
    let problem: NISTProblem
    let start: Int
    var testDescription: String { "\(problem.name) from start \(start)" }

    var startValues: [Double] { start == 1 ? problem.start1 : problem.start2 }

    /// Every single-predictor problem (Nelson has two) from both starts.
    static let all: [NISTCase] = NISTProblem.all.filter { $0.x.count == 1 }.flatMap { problem in
        [1, 2].map { NISTCase(problem: problem, start: $0) }
    }
}

@Suite("adopt fit --formula reproduces the NIST StRD certified values")
struct NISTFormulaTests {
    @Test func everyProblemIsLoaded() {
        #expect(NISTProblem.all.count == 27)
        #expect(NISTCase.all.count == 52)
    }

    @Test("certified digits through the command line", arguments: NISTCase.all)
    func certifiedDigits(_ c: NISTCase) throws {
        let p = c.problem
        try withTemporaryDirectory { dir in
            try write(p.csvText, to: "f.csv", in: dir)
            let start = zip(p.parameterNames, c.startValues)
                .map { "\($0)=\(String(describing: $1))" }.joined(separator: ",")
            let run = try runAdoptRaw(["fit", "--data", "f.csv", "--x", "x", "--y", "y", "--formula", p.formula,
                                       "--start", start, "--format", "json"], in: dir)
            try #require(run.status == 0, "\(p.name): \(run.stderr)")
            #expect(run.stderr.isEmpty)
            let report = try ReportJSON.decode(run.stdoutData)
            try #require(report.fits.count == 1)
            let fit = report.fits[0]
            #expect(fit.model == "formula")
            #expect(fit.formula == p.formula)
            #expect(fit.n == p.y.count)
            #expect(fit.parameters.map(\.name) == p.parameterNames)

            guard fit.converged else {
                #expect(fit.status != "converged", "\(p.name): not converged but status 'converged'")
                // An honest status would pass the floor; every case here is expected to converge.
                Issue.record("\(c.testDescription): \(fit.status) — \(fit.message)")
                return
            }
            let digits = p.requiredDigits
            for (k, parameter) in fit.parameters.enumerated() {
                let lre = logRelativeError(parameter.estimate ?? .nan, p.certified[k])
                #expect(lre >= digits.estimates,
                        "\(p.name) \(parameter.name): \(String(describing: parameter.estimate)) vs \(p.certified[k]), LRE \(lre)")
                let seLRE = logRelativeError(parameter.stdError ?? .nan, p.certifiedStandardErrors[k])
                #expect(seLRE >= digits.standardErrors,
                        "\(p.name) SE(\(parameter.name)): \(String(describing: parameter.stdError)) vs \(p.certifiedStandardErrors[k]), LRE \(seLRE)")
            }
            let rssLRE = logRelativeError(fit.rss ?? .nan, p.certifiedRSS)
            #expect(rssLRE >= digits.rss, "\(p.name) RSS: \(String(describing: fit.rss)) vs \(p.certifiedRSS), LRE \(rssLRE)")
        }
    }

    // scipy's curve_fit and least_squares stop on BoxBOD from its first start at b1 = the mean of y,
    // b2 ≈ 88, and report success (Benchmarks/results/nist-scipy.md): there e^{−b2·x} is 0 to double
    // precision at every x, the model is the constant b1, and b2's gradient is zero.
    @Test("started where scipy reports success on BoxBOD (b2's gradient zero), adopt does not stop there",
          arguments: [(87.9, "converged"), (1000.0, "not_identified")])
    func boxBODFlatStart(_ b2: Double, _ status: String) throws {
        let p = try #require(NISTProblem.all.first { $0.name == "BoxBOD" })
        let mean = p.y.reduce(0, +) / Double(p.y.count)
        try withTemporaryDirectory { dir in
            try write(p.csvText, to: "f.csv", in: dir)
            let run = try runAdoptRaw(["fit", "--data", "f.csv", "--x", "x", "--y", "y", "--formula", p.formula,
                                       "--start", "b1=\(mean),b2=\(b2)", "--format", "json"], in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            // From 87.9 the certified minimum; from 1000, where no start reaches it, a status that says so.
            try #require(fit.status == status, "\(fit.status): \(fit.message)")
            guard fit.converged else { return }
            for (k, parameter) in fit.parameters.enumerated() {
                #expect(logRelativeError(parameter.estimate ?? .nan, p.certified[k]) >= 6,
                        "\(parameter.name): \(String(describing: parameter.estimate)) vs \(p.certified[k])")
            }
        }
    }
}
