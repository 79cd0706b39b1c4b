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

    static let all: [ProportionalErrorsReference] = {
        guard let csv = try? SimpleCSV(url: Fixtures.url("scipy/proportional_errors.csv")) else { return [] }
        return csv.groups(by: ["covariance", "holdout"]).map { key, records in
            var values: [String: [String: Double]] = [:]
            for r in records { values[r["series"]!, default: [:]][r["quantity"]!] = Double(r["value"]!)! }
            return ProportionalErrorsReference(covariance: key[0], holdout: Int(key[1])!, values: values)
        }
    }()
}

@Suite("Prediction intervals with errors proportional to the curve (--errors proportional)")
struct ProportionalErrorsTests {
    @Test("the fixture holds both estimators and every series")
    func fixturePresent() {
        #expect(ProportionalErrorsReference.all.map(\.covariance).sorted() == ["classical", "hc3"])
        #expect(ProportionalErrorsReference.all.allSatisfy { $0.values.count == 8 && $0.holdout == 3 })
    }

    // Reference: Tests/Fixtures/scipy/proportional_errors.py (the training fits of holdout_forecasts.py,
    // τ² = s²·n / Σ ŷ², the curve's variance classical or statsmodels' HC3 on the fit's Jacobian). The
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
            for point in held {
                let year = String(Int(point.x))
                let scale = expected["pi_high_\(year)"] ?? 0
                for (quantity, value) in [("forecast", point.fitted), ("pi_low", point.piLow), ("pi_high", point.piHigh)] {
                    let want = try #require(expected["\(quantity)_\(year)"], "\(name) \(quantity) \(year)")
                    let got = try #require(value, "\(name) \(quantity) \(year)")
                    #expect(closeEnough(got, want, scale: scale), "\(name) \(quantity) \(year): \(got) vs \(want)")
                    compared += 1
                }
            }
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
        #expect(md.contains(", τ = 0.1"))
        #expect(!md.contains("a prediction interval's σ still takes the errors to be of one size"))
        let json = try ReportJSON.decode(try Durables.run(Durables.fit("--format", "json")).stdoutData)
        #expect(json.predictionErrors == "constant" && json.fits.allSatisfy { $0.relativeSigma == nil })
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
