import Foundation
import Testing
import AdoptionModels
@testable import Fitting
import TestSupport

/// One reference fit from `Tests/Fixtures/scipy/reference_fits.csv`.
struct ReferenceFit: CustomTestStringConvertible, Sendable {
    let series: String
    let model: ModelKind
    let form: DataForm
    let names: [String]
    let estimates: [Double]
    let standardErrors: [Double]
    let rss: Double
    /// The estimates' covariance, row-major in `names` order (`reference_covariances.csv`).
    var covariance: [Double] = []
    var testDescription: String { "\(series) \(model.rawValue) \(form.rawValue)" }

    /// All reference fits, in file order.
    static let all: [ReferenceFit] = {
        guard let csv = try? SimpleCSV(url: Fixtures.url("scipy/reference_fits.csv")),
              let covariances = try? SimpleCSV(url: Fixtures.url("scipy/reference_covariances.csv")) else { return [] }
        var covariance: [String: [String: Double]] = [:]
        for r in covariances.records {
            covariance["\(r["series"]!)|\(r["model"]!)|\(r["data"]!)", default: [:]]["\(r["row"]!)|\(r["column"]!)"] =
                Double(r["covariance"]!)!
        }
        return csv.groups(by: ["series", "model", "data"]).map { key, rows in
            let params = rows.filter { $0["parameter"] != "rss" }
            let names = params.map { $0["parameter"]! }
            var fit = ReferenceFit(
                series: rows[0]["series"]!, model: ModelKind(rawValue: rows[0]["model"]!)!,
                form: DataForm(rawValue: rows[0]["data"]!)!,
                names: params.map { $0["parameter"]! },
                estimates: params.map { Double($0["estimate"]!)! },
                standardErrors: params.map { Double($0["std_error"]!)! },
                rss: Double(rows.first { $0["parameter"] == "rss" }!["estimate"]!)!)
            let fitKey = key.joined(separator: "|")
            fit.covariance = names.flatMap { a in names.map { b in covariance[fitKey]?["\(a)|\(b)"] ?? .nan } }
            return fit
        }
    }()
}

/// Loads a shipped series as model-time observations (t = year − first year + 1).
func shippedSeries(_ name: String) throws -> CurveData {
    let durables = try SimpleCSV(url: Fixtures.repositoryRoot.appendingPathComponent("Data/series/durables.csv"))
    let rows = durables.records.filter { $0["series"] == name }
    if !rows.isEmpty {
        let years = rows.map { Double($0["year"]!)! }
        return CurveData(t: years.map { $0 - years[0] + 1 }, y: rows.map { Double($0["adopters"]!)! }, form: .perPeriod)
    }
    let file = name.hasSuffix(".csv") ? name : name + ".csv"
    let csv = try SimpleCSV(url: Fixtures.repositoryRoot.appendingPathComponent("Data/series/\(file)"))
    // Period labels (the iPhone's quarters, consecutive) are numbered from 1.
    let labels = csv.column("year"), numbers = labels.compactMap(Double.init)
    let years = numbers.count == labels.count ? numbers : labels.indices.map(Double.init)
    return CurveData(t: years.map { $0 - years[0] + 1 }, y: csv.doubles("value"),
                     form: Fixtures.isCumulativeSeries(name) ? .cumulative : .perPeriod)
}

@Suite("Agreement with scipy least_squares on real series")
struct ReferenceFitTests {
    @Test("the fixture holds the durables fits")
    func fixturePresent() {
        #expect(ReferenceFit.all.filter { $0.model == .bass }.count >= 7)
    }

    // Reference: Tests/Fixtures/scipy/reference_fits.py (scipy 1.17.1, method='lm', tolerances 1e-15,
    // analytic Jacobian); its estimates are settled to about 6e-8 relative, so 1e-6 is the test.
    @Test("estimates, standard errors and RSS agree to 1e-6 relative", arguments: ReferenceFit.all)
    func agrees(reference: ReferenceFit) throws {
        var data = try shippedSeries(reference.series)
        data.form = reference.form
        let result = AdoptionFitter().fit(reference.model, to: data)
        #expect(result.converged, "\(result.message)")
        #expect(result.parameterNames == reference.names)
        for j in 0..<reference.names.count {
            #expect(relativeDifference(result.estimates[j], reference.estimates[j]) < 1e-6,
                    "\(reference.names[j]): \(result.estimates[j]) vs \(reference.estimates[j])")
            #expect(relativeDifference(result.standardErrors[j], reference.standardErrors[j]) < 1e-5,
                    "se \(reference.names[j]): \(result.standardErrors[j]) vs \(reference.standardErrors[j])")
        }
        #expect(relativeDifference(result.residualSumOfSquares, reference.rss) < 1e-10)
    }

    /// `Tests/Fixtures/scipy/information_criteria.csv`: (series, model, data) → quantity → value.
    static let criteria: [String: [String: Double]] = {
        guard let csv = try? SimpleCSV(url: Fixtures.url("scipy/information_criteria.csv")) else { return [:] }
        var out: [String: [String: Double]] = [:]
        for r in csv.records {
            let key = "\(r["series"]!),\(r["model"]!),\(r["data"]!)"
            for q in ["n", "k", "log_likelihood", "aic", "aicc", "bic", "r_squared"] { out[key, default: [:]][q] = Double(r[q]!)! }
        }
        return out
    }()

    // Reference: Tests/Fixtures/scipy/derived_quantities.py, R's logLik.nls on scipy's RSS (σ counts
    // as a parameter in AIC, AICc and BIC, as in R). The RSS agree to 1e-10, so these do to 1e-8.
    @Test("log-likelihood, AIC, AICc, BIC and R² agree with R's formulas on scipy's RSS", arguments: ReferenceFit.all)
    func informationCriteria(reference: ReferenceFit) throws {
        let key = "\(reference.series),\(reference.model.rawValue),\(reference.form == .cumulative ? "cumulative" : "per_period")"
        let expected = try #require(Self.criteria[key], "no criteria for \(key)")
        var data = try shippedSeries(reference.series)
        data.form = reference.form
        let result = AdoptionFitter().fit(reference.model, to: data)
        #expect(Double(result.observationCount) == expected["n"])
        for (name, value) in [("log_likelihood", result.logLikelihood), ("aic", result.aic), ("aicc", result.aicc),
                              ("bic", result.bic), ("r_squared", result.rSquared)] {
            let want = try #require(expected[name])
            #expect(abs(value - want) <= 1e-8 * max(1, abs(want)), "\(name): \(value) vs \(want)")
        }
    }

    // Adopters counted in thousands, or as shares of a population, are the same data: every
    // model's market potential scales with y and the rest stays. scipy's fit at the original
    // scale is the reference, scaled by c (its RSS by c²).
    static let scaled: [(ReferenceFit, Double)] = ReferenceFit.all.filter { $0.model == .bass || $0.model == .logistic }
        .flatMap { fit in [1e-9, 1e-6, 1e-3, 1e3, 1e9].map { (fit, $0) } }

    @Test("data scaled by 1e-9 to 1e9: m scales, p and q stay (the reference fits, scaled)", arguments: scaled)
    func scaleInvariance(reference: ReferenceFit, c: Double) throws {
        var data = try shippedSeries(reference.series)
        data.form = reference.form
        data.y = data.y.map { $0 * c }
        Self.expectScaled(reference, c, AdoptionFitter().fit(reference.model, to: data))
    }

    /// Checks `result`, a fit of `reference`'s data times `c`: converged, m scaled by c and the other
    /// estimates as they are (to 1e-6), the standard errors alike (1e-5), the RSS scaled by c² (1e-9).
    static func expectScaled(_ reference: ReferenceFit, _ c: Double, _ result: FitResult,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.converged, "\(result.message)", sourceLocation: sourceLocation)
        let market = reference.model.curve.marketIndex
        for j in 0..<reference.names.count {
            let factor = j == market ? c : 1
            #expect(relativeDifference(result.estimates[j], factor * reference.estimates[j]) < 1e-6,
                    "\(reference.names[j]): \(result.estimates[j]) vs \(factor * reference.estimates[j])",
                    sourceLocation: sourceLocation)
            #expect(relativeDifference(result.standardErrors[j], factor * reference.standardErrors[j]) < 1e-5,
                    "se \(reference.names[j]): \(result.standardErrors[j]) vs \(factor * reference.standardErrors[j])",
                    sourceLocation: sourceLocation)
        }
        #expect(relativeDifference(result.residualSumOfSquares, c * c * reference.rss) < 1e-9, sourceLocation: sourceLocation)
    }

    // `adopt fit` takes y from 1e-100 to 1e100 in magnitude (`ObservationSet.fittableMagnitudes`):
    // the reference fits hold with the data scaled so that its smallest nonzero value is 1e-100, and
    // so that its largest is 1e100 (c about 1e-102 to 1e95: the RSS near 1e-200 and 1e200).
    static let edges: [(ReferenceFit, Bool)] = ReferenceFit.all.filter { $0.model == .bass || $0.model == .logistic }
        .flatMap { fit in [(fit, false), (fit, true)] }

    @Test("data scaled to the edges of the fittable magnitudes: m scales, p and q stay", arguments: edges)
    func edgesOfTheFittableRange(reference: ReferenceFit, top: Bool) throws {
        var data = try shippedSeries(reference.series)
        data.form = reference.form
        let c = top ? 1e100 / data.y.max()! : 1e-100 / data.y.filter { $0 > 0 }.min()!
        data.y = data.y.map { $0 * c }
        #expect(data.y.allSatisfy { $0 == 0 || (0.999e-100...1.001e100).contains($0) })
        Self.expectScaled(reference, c, AdoptionFitter().fit(reference.model, to: data))
    }

    // The off-diagonal covariances are compared on the scale of the product of the standard
    // errors (a correlation differs by at most 1e-5).
    @Test("covariances agree with scipy's σ²(JᵀJ)⁻¹", arguments: ReferenceFit.all)
    func covariance(reference: ReferenceFit) throws {
        var data = try shippedSeries(reference.series)
        data.form = reference.form
        let result = AdoptionFitter().fit(reference.model, to: data)
        let cov = try #require(result.covariance)
        let k = reference.names.count
        #expect(reference.covariance.count == k * k && reference.covariance.allSatisfy(\.isFinite))
        for a in 0..<k {
            for b in 0..<k {
                let scale = (reference.covariance[a * k + a] * reference.covariance[b * k + b]).squareRoot()
                #expect(abs(cov[a * k + b] - reference.covariance[a * k + b]) <= 1e-5 * scale,
                        "\(reference.names[a]), \(reference.names[b]): \(cov[a * k + b]) vs \(reference.covariance[a * k + b])")
            }
        }
    }
}

@Suite("Published estimates")
struct PublishedEstimateTests {
    // Peter Rossi's RPubs example prints lm(Sales ~ Y + Ysq) for the iPhone series:
    // intercept 1.4752541 (se 1.7170236), Y 0.2050036 (se 0.0438064),
    // Ysq −0.0002572 (se 0.0001756), residual SE 4.949 on 20 df.
    @Test("the iPhone series reproduces the printed Bass (1969) OLS coefficients")
    func iphone() throws {
        let csv = try SimpleCSV(url: Fixtures.repositoryRoot.appendingPathComponent("Data/series/apple_iphone_quarterly_sales_rossi.csv"))
        let r = try #require(StartingValues.bassRegression(perPeriod: csv.doubles("value")))
        func printed(_ x: Double, _ digits: Int) -> Double {
            let s = pow(10, Double(digits)); return (x * s).rounded() / s
        }
        #expect(printed(r.a, 7) == 1.4752541)
        #expect(printed(r.b, 7) == 0.2050036)
        #expect(printed(r.c, 7) == -0.0002572)
        #expect(printed(r.standardErrors[0], 7) == 1.7170236)
        #expect(printed(r.standardErrors[1], 7) == 0.0438064)
        #expect(printed(r.standardErrors[2], 7) == 0.0001756)
        #expect(printed(r.residualStandardError, 3) == 4.949)
        #expect(r.degreesOfFreedom == 20)
    }
}

@Suite("Student t quantiles")
struct StudentTTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let df: Double, probability: Double, quantile: Double
        var testDescription: String { "df \(df), P \(probability)" }
    }
    static let rows: [Row] = {
        guard let csv = try? SimpleCSV(url: Fixtures.url("scipy/t_quantiles.csv")) else { return [] }
        return csv.records.map { Row(df: Double($0["df"]!)!, probability: Double($0["probability"]!)!,
                                     quantile: Double($0["quantile"]!)!) }
    }()

    // Reference: scipy.stats.t.ppf (Tests/Fixtures/scipy/t_quantiles.py).
    @Test("quantiles match scipy to 1e-12 relative", arguments: rows)
    func quantile(row: Row) {
        let q = StudentT.quantile(row.probability, degreesOfFreedom: row.df)
        #expect(relativeDifference(q, row.quantile) < 1e-12, "\(q) vs \(row.quantile)")
    }
}

/// Noise-free data made from known parameters are the outside reference here: the fit must give
/// them back. A gap tests the interval form per period: the value after it is m·[F(7) − F(6)],
/// not the difference from the previous observation, m·[F(7) − F(5)].
@Suite("Exact data with a gap")
struct ExactDataTests {
    @Test("Bass recovers the parameters that made the data, per period and cumulative", arguments: [DataForm.perPeriod, .cumulative])
    func gap(form: DataForm) {
        let θ = [1000.0, 0.03, 0.38]
        let t: [Double] = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12]
        let model = BassModel()
        let y = t.map { form == .perPeriod ? model.value(at: $0, parameters: θ) - model.value(at: $0 - 1, parameters: θ)
                                           : model.value(at: $0, parameters: θ) }
        let result = AdoptionFitter().fit(.bass, to: CurveData(t: t, y: y, form: form))
        #expect(result.converged, "\(result.message)")
        for j in 0..<3 {
            #expect(abs(result.estimates[j] / θ[j] - 1) <= 1e-8, "\(result.parameterNames[j]): \(result.estimates[j])")
        }
        #expect(result.residualSumOfSquares <= 1e-20 * y.reduce(0) { $0 + $1 * $1 })
    }
}
