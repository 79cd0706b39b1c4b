import Foundation
import Testing
import TestSupport

/// The values of `Tests/Fixtures/scipy/proportional_errors.csv` for one covariance estimator:
/// series → quantity → value.
struct ProportionalErrorsReference: Sendable, CustomTestStringConvertible {
    let covariance: String
    let holdout: Int
    let values: [String: [String: Double]]
    var testDescription: String { "--covariance \(covariance)" }

    static let all: [ProportionalErrorsReference] = seriesQuantities("scipy/proportional_errors.csv", by: ["covariance", "holdout"])
        .map { key, values in ProportionalErrorsReference(covariance: key[0], holdout: Int(key[1])!, values: values) }
}

@Suite("Prediction intervals with errors proportional to the curve (--errors proportional)")
struct ProportionalErrorsTests {
    @Test("the fixture holds both estimators and every series")
    func fixturePresent() {
        #expect(ProportionalErrorsReference.all.map(\.covariance).sorted() == ["classical", "hc3"])
        #expect(ProportionalErrorsReference.all.allSatisfy { $0.values.count == 8 && $0.holdout == 3 })
    }

    // Reference: Tests/Fixtures/scipy/proportional_errors.py (the training fits of holdout_forecasts.py,
    // τ² = RSS / Σ (1 − h)·ŷ² with h the diagonal of the hat matrix, the curve's variance classical or
    // statsmodels' HC3 on the fit's Jacobian). The
    // estimates are settled to about 1e-7, so everything is compared to 1e-6 relative.
    @Test("τ, the forecasts' prediction intervals and their coverage agree with scipy and statsmodels",
          arguments: ProportionalErrorsReference.all)
    func agreesWithReference(_ reference: ProportionalErrorsReference) throws {
        let run = try Durables.run(Durables.fit("--model", "bass", "--format", "json", "--holdout", "\(reference.holdout)",
                                                "--errors", "proportional", "--covariance", reference.covariance))
        let report = try ReportJSON.decode(run.stdoutData)
        #expect(report.predictionErrors == "proportional")
        #expect(report.covarianceEstimator == reference.covariance)
        var compared = 0
        for fit in report.fits {
            let name = try #require(fit.series)
            let expected = try #require(reference.values[name], "no reference for \(name)")
            let tau = try #require(expected["relative_sigma"])
            #expect(closeEnough(try #require(fit.relativeSigma, "\(name): τ"), tau, scale: tau), "\(name) τ")
            // Ultrasound's first eleven years do not determine m (HoldoutTests): no forecast intervals.
            if name == "ultrasound" {
                #expect(fit.status == "not_identified")
                #expect(fit.curve.filter { $0.heldOut == true }.allSatisfy { $0.piLow == nil && $0.piHigh == nil })
                continue
            }
            #expect(fit.converged, "\(name): \(fit.message)")
            let held = fit.curve.filter { $0.heldOut == true }
            #expect(held.count == reference.holdout)
            compared += try expectForecasts(held, as: expected, series: name)
            #expect(fit.holdout?.predictionIntervalCoverage == expected["pi_coverage"], "\(name) coverage")
        }
        // Six durables converge on their first years (ultrasound does not), three forecasts each.
        #expect(compared == 6 * 3 * 3)
    }

    @Test("the error model changes the prediction intervals alone: estimates, σ and confidence intervals stay",
          arguments: ["classical", "hc3"])
    func onlyPredictionIntervalsChange(_ covariance: String) throws {
        func fits(_ extra: String...) throws -> [ReportJSON.Fit] {
            try ReportJSON.decode(try Durables.run(Durables.fit(["--model", "bass", "--format", "json", "--horizon", "+5",
                                                                 "--covariance", covariance] + extra)).stdoutData).fits
        }
        let constant = try fits(), proportional = try fits("--errors", "proportional")
        #expect(constant.count == proportional.count && !constant.isEmpty)
        var narrower = 0, wider = 0
        for (a, b) in zip(constant, proportional) {
            #expect(a.relativeSigma == nil && b.relativeSigma != nil)
            #expect(a.parameters.map(\.estimate) == b.parameters.map(\.estimate) && a.sigma == b.sigma)
            #expect(a.parameters.map(\.ciLow) == b.parameters.map(\.ciLow))
            #expect(a.curve.count == b.curve.count)
            for (p, q) in zip(a.curve, b.curve) {
                #expect(p.fitted == q.fitted && p.ciLow == q.ciLow && p.ciHigh == q.ciHigh)
                guard let ph = p.piHigh, let qh = q.piHigh, let fitted = p.fitted, let ciHigh = p.ciHigh else { continue }
                // Both intervals hold the confidence interval; the proportional one is wider where the
                // curve is above its root mean square over the fitted periods, narrower where below.
                #expect(qh >= ciHigh && ph >= ciHigh)
                if qh < ph { narrower += 1 } else if qh > ph { wider += 1 }
                #expect(qh - fitted >= 0)
            }
        }
        // The durables' tails (the horizon's five years past each series) are below their peaks.
        #expect(narrower > 0 && wider > 0, "\(narrower) narrower, \(wider) wider")
    }

    @Test("the CSV's first line names the error model where it is proportional, and the Markdown explains τ")
    func reportsSayIt() throws {
        let csv = try Durables.run(Durables.fit("--format", "csv", "--errors", "proportional")).stdout
        #expect(csv.split(separator: "\n").first == "# adopt fit; confidence level 0.95; covariance classical; errors proportional")
        let constant = try Durables.run(Durables.fit("--format", "csv", "--errors", "constant")).stdout
        #expect(constant.split(separator: "\n").first == "# adopt fit; confidence level 0.95; covariance classical")
        let md = try Durables.run(Durables.fit("--errors", "proportional", "--covariance", "hc3")).stdout
        #expect(md.contains("ŷ ± t·√(se² + τ²·ŷ²) (`--errors proportional`)"))
        // Each fit's τ beside its σ, to four significant digits.
        let taus = try ReportJSON.decode(try Durables.run(Durables.fit("--format", "json", "--errors", "proportional")).stdoutData)
            .fits.compactMap(\.relativeSigma)
        #expect(taus.count == 7)
        for tau in taus { #expect(md.contains(", τ = \(String(format: "%.4g", tau)), R² = "), "τ = \(tau)") }
        #expect(!md.contains("a prediction interval's σ still takes the errors to be of one size"))
        let json = try ReportJSON.decode(try Durables.run(Durables.fit("--format", "json")).stdoutData)
        #expect(json.predictionErrors == "constant" && json.fits.allSatisfy { $0.relativeSigma == nil })
    }

    /// Checks every point of a fit's curve against ŷ ± t·√(se² + τ²ŷ²): the prediction interval's upper
    /// half-width squared less the confidence interval's is (t·τ·ŷ)², t from a parameter's interval.
    static func checkIdentity(_ fit: ReportJSON.Fit, _ what: String) throws {
        let tau = try #require(fit.relativeSigma, "\(what): τ")
        let parameter = try #require(fit.parameters.first { $0.stdError.map { $0 > 0 } ?? false }, "\(what): a fitted parameter")
        let t = (try #require(parameter.ciHigh) - parameter.estimate!) / parameter.stdError!
        var checked = 0
        for point in fit.curve {
            guard let fitted = point.fitted, let pi = point.piHigh, let ci = point.ciHigh, fitted != 0 else { continue }
            let noise = (pi - fitted) * (pi - fitted) - (ci - fitted) * (ci - fitted)
            #expect(abs(noise - (t * tau * fitted) * (t * tau * fitted)) <= 1e-7 * (pi - fitted) * (pi - fitted), "\(what) at \(point.x)")
            checked += 1
        }
        #expect(checked >= 5, "\(what)")
    }

    @Test("per period, running totals and a formula: every point of the curve, to the horizon, is ŷ ± t·√(se² + τ²ŷ²)")
    func identityEverywhere() throws {
        let perPeriod = try ReportJSON.decode(try Durables.run(Durables.fit("--model", "bass", "--format", "json", "--errors", "proportional",
                                                                            "--horizon", "+6", "--covariance", "hc3")).stdoutData)
        for fit in perPeriod.fits where fit.converged { try Self.checkIdentity(fit, "\(fit.series ?? "") per period") }
        try withTemporaryDirectory { dir in
            // Running totals of color TV, and a logistic formula on them.
            let sales = [(1964, 747), (1965, 1480), (1966, 2646), (1967, 5118), (1968, 5777), (1969, 5982), (1970, 5962), (1971, 4631), (1972, 3102)]
            var total = 0
            let text = "year,adopters\n" + sales.map { total += $0.1; return "\($0.0),\(total)\n" }.joined()
            try write(text, to: "tv.csv", in: dir)
            for (what, options) in [("running totals", ["--cumulative"]),
                                    ("formula", ["--formula", "b1/(1+exp(b2-b3*(x-1960)))", "--start", "b1=40000,b2=7,b3=0.7"])] {
                let run = try runAdopt(["fit", "--data", "tv.csv", "--format", "json", "--errors", "proportional", "--horizon", "1976"] + options, in: dir)
                #expect(run.status == 0, "\(run.stderr)")
                let fit = try #require(try ReportJSON.decode(Data(run.stdout.utf8)).fits.first)
                #expect(fit.converged, "\(what): \(fit.message)")
                try Self.checkIdentity(fit, what)
            }
            // Every parameter fixed: no covariance, no leverage, τ² = RSS / Σ ŷ², and the interval is ŷ ± t·τ·ŷ.
            let fixed = try runAdopt(["fit", "--data", "tv.csv", "--cumulative", "--format", "json", "--errors", "proportional",
                                      "--fix", "m=38000,p=0.02,q=0.6"], in: dir)
            #expect(fixed.status == 0, "\(fixed.stderr)")
            let given = try #require(try ReportJSON.decode(Data(fixed.stdout.utf8)).fits.first)
            let fitted = given.curve.compactMap(\.fitted), observed = given.curve.compactMap(\.observed)
            let rss = zip(fitted, observed).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let tau = try #require(given.relativeSigma)
            #expect(abs(tau * tau - rss / fitted.reduce(0) { $0 + $1 * $1 }) <= 1e-12 * tau * tau)
            // Three points, three parameters: no degree of freedom, no τ and no prediction intervals.
            try write("year,adopters\n2000,5\n2001,9\n2002,7\n", to: "three.csv", in: dir)
            let exact = try runAdopt(["fit", "--data", "three.csv", "--format", "json", "--errors", "proportional", "--horizon", "2004"], in: dir)
            #expect(exact.status == 0, "\(exact.stderr)")
            let none = try #require(try ReportJSON.decode(Data(exact.stdout.utf8)).fits.first)
            #expect(none.dof == 0 && none.relativeSigma == nil)
            #expect(none.curve.allSatisfy { $0.piLow == nil && $0.piHigh == nil })
        }
    }

    @Test("an unknown error model is a usage error")
    func unknownModel() throws {
        let run = try withTemporaryDirectory { dir in
            try Durables.copy(into: dir)
            return try runAdoptRaw(Durables.fit("--errors", "relative"), in: dir)
        }
        #expect(run.status == 64 && run.stdout.isEmpty)
        #expect(run.stderr.contains("--errors") && run.stderr.contains("proportional"), "\(run.stderr)")
    }

    /// Within 1e-6 relative to the larger of the two values and the scale of what they are computed from.
    func closeEnough(_ a: Double, _ b: Double, scale: Double) -> Bool {
        abs(a - b) <= 1e-6 * max(abs(a), abs(b), abs(scale))
    }
}
