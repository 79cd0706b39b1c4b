import Foundation
import Testing
import TestSupport

/// The milestones' delta-method intervals in the JSON and the Markdown, against the reference fits'
/// (Tests/Fixtures/scipy/milestone_intervals.py: each milestone found from its definition, its gradient
/// at 50 digits, and scipy's covariance).
@Suite("The milestones' delta-method intervals")
struct MilestoneIntervalTests {
    static let reference: [[String: String]] = {
        (try? SimpleCSV(url: Fixtures.url("scipy/milestone_intervals.csv")))?.records ?? []
    }()

    /// Every reference fit: series, model, data.
    static let fits = [
        "room_air_conditioners bass per_period", "color_tv bass per_period", "clothes_dryers bass per_period",
        "ultrasound bass per_period", "mammography bass per_period", "foreign_language bass per_period",
        "accelerated_program bass per_period", "us_answering_machines_sales_1982_1990 bass per_period",
        "room_air_conditioners logistic per_period", "room_air_conditioners gompertz per_period",
        "clothes_dryers logistic per_period", "clothes_dryers gompertz per_period",
        "netherlands_car_stock_1965_1989 logistic cumulative", "netherlands_car_stock_1965_1989 gompertz cumulative",
        "us_cable_tv_subscribers_cumulative logistic cumulative", "us_cable_tv_subscribers_cumulative richards cumulative",
    ]

    static let durables = ["room_air_conditioners", "color_tv", "clothes_dryers", "ultrasound", "mammography",
                           "foreign_language", "accelerated_program"]

    /// The JSON fit of `series` (in `durables.csv` or its own file) with `model`.
    static func fit(_ series: String, _ model: String, cumulative: Bool, _ more: [String] = []) throws -> ReportJSON.Fit {
        let durable = durables.contains(series)
        let file = durable ? "durables.csv" : series + ".csv"
        let options = (durable ? ["--y", "adopters", "--series", "series"] : ["--y", "value"])
            + (cumulative ? ["--cumulative"] : []) + ["--model", model] + more
        let run = try withTemporaryDirectory { dir in
            try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Data/series/\(file)"),
                                             to: dir.appendingPathComponent(file))
            return try runAdoptRaw(["fit", "--data", file] + options + ["--format", "json"], in: dir)
        }
        try #require(run.status == 0, "\(run.stderr)")
        let fits = try ReportJSON.decode(run.stdoutData).fits
        return try #require(durable ? fits.first { $0.series == series } : fits.first)
    }

    @Test("every milestone's value, standard error and interval is the reference's to 1e-5 of its standard error",
          arguments: fits)
    func agreesWithReference(_ key: String) throws {
        let parts = key.split(separator: " ").map(String.init)
        let rows = Self.reference.filter { $0["series"] == parts[0] && $0["model"] == parts[1] && $0["data"] == parts[2] }
        // Seven milestones, less a takeoff before launch.
        try #require(rows.count >= 6, "reference rows of \(key)")
        let fit = try Self.fit(parts[0], parts[1], cumulative: parts[2] == "cumulative")
        #expect(fit.status == "converged")
        let milestones = try #require(fit.milestones)
        let intervals = try #require(milestones.intervals)
        let values: [String: Double?] = [
            "takeoff": milestones.takeoff, "peak": milestones.peak, "saturation_onset": milestones.saturationOnset,
            "peak_rate": milestones.peakRate, "fraction10": milestones.fraction10, "fraction50": milestones.fraction50,
            "fraction90": milestones.fraction90,
        ]
        for row in rows {
            let name = try #require(row["milestone"])
            let expected = try #require(Double(row["value"] ?? "")), se = try #require(Double(row["std_error"] ?? ""))
            let low = try #require(Double(row["ci_low"] ?? "")), high = try #require(Double(row["ci_high"] ?? ""))
            let value = try #require(values[name] ?? nil, "\(key) \(name)")
            let band = try #require(intervals[name] ?? nil, "\(key) \(name)")
            let tolerance = 1e-5 * se
            #expect(abs(value - expected) <= tolerance, "\(key) \(name): \(value) against \(expected)")
            #expect(abs(band.stdError - se) <= tolerance, "\(key) \(name): std. error \(band.stdError) against \(se)")
            #expect(abs(band.ciLow - low) <= tolerance && abs(band.ciHigh - high) <= tolerance,
                    "\(key) \(name): \(band.ciLow)–\(band.ciHigh) against \(low)–\(high)")
        }
        // A Bass takeoff before launch has none; no milestone has an interval without a value.
        for (name, band) in intervals where band != nil { #expect(values[name] ?? nil != nil, "\(key) \(name)") }
    }

    @Test("the reference is read: 16 fits, their milestones but a takeoff before launch")
    func referenceRead() {
        #expect(Self.reference.count == 16 * 7 - 2)
        #expect(Set(Self.reference.map { "\($0["series"]!) \($0["model"]!) \($0["data"]!)" }) == Set(Self.fits))
    }

    /// The Markdown's interval of times: the ends widened outward to tenths.
    static func span(_ low: Double, _ high: Double) -> String {
        String(format: "%.1f–%.1f", (low * 10).rounded(.down) / 10, (high * 10).rounded(.up) / 10)
    }

    @Test("the Markdown gives the clothes dryers' intervals, widened outward to tenths, after the milestones")
    func markdown() throws {
        let rows = Self.reference.filter { $0["series"] == "clothes_dryers" && $0["model"] == "bass" }
        func span(_ name: String) throws -> String {
            let row = try #require(rows.first { $0["milestone"] == name })
            return Self.span(try #require(Double(row["ci_low"]!)), try #require(Double(row["ci_high"]!)))
        }
        let rate = try #require(rows.first { $0["milestone"] == "peak_rate" })
        let rateText = String(format: "%.6g–%.6g", Double(rate["ci_low"]!)!, Double(rate["ci_high"]!)!)
        let expected = "Their 95 % intervals: takeoff \(try span("takeoff")), peak \(try span("peak")) (\(rateText) per period), "
            + "saturation onset \(try span("saturation_onset")); 10 % / 50 % / 90 % at \(try span("fraction10")) / "
            + "\(try span("fraction50")) / \(try span("fraction90"))."
        let md = try CovarianceTests.run(["fit", "--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value"]).stdout
        #expect(md.contains("1964.9. " + expected), "expected \(expected)")
    }

    // Gompertz's peak is its t0: the peak's interval is t0's t interval, moved to calendar time. With m fixed,
    // the milestones vary with the free parameters only, over the fit's own degrees of freedom.
    @Test("a peak that is a parameter has that parameter's t interval, with and without m fixed",
          arguments: [[], ["--fix", "m=7000"], ["--level", "0.8"]])
    func peakIsParameter(_ options: [String]) throws {
        let fit = try Self.fit("netherlands_car_stock_1965_1989", "gompertz", cumulative: true, options)
        let t0 = try #require(fit.parameters.first { $0.name == "t0" })
        let band = try #require(fit.milestones?.intervals?["peak"] ?? nil)
        let launch = try #require(fit.launch)
        let se = try #require(t0.stdError), low = try #require(t0.ciLow), high = try #require(t0.ciHigh)
        #expect(abs(band.stdError - se) <= 1e-8 * se)
        #expect(abs(band.ciLow - (launch + low)) <= 1e-8 * se && abs(band.ciHigh - (launch + high)) <= 1e-8 * se)
        if options.contains("--fix") {
            // m has no variance: the peak rate m·k/e varies as k does.
            let k = try #require(fit.parameters.first { $0.name == "k" })
            let rate = try #require(fit.milestones?.intervals?["peak_rate"] ?? nil)
            #expect(abs(rate.stdError - 7000 * (try #require(k.stdError)) / exp(1)) <= 1e-8 * rate.stdError)
        }
    }

    @Test("exponential saturation peaks at launch: no interval for the peak, m·p's for its rate")
    func peakAtLaunch() throws {
        let fit = try Self.fit("netherlands_car_stock_1965_1989", "exponential", cumulative: true)
        let intervals = try #require(fit.milestones?.intervals)
        #expect(fit.milestones?.peak == fit.launch)
        #expect(intervals["peak"] ?? nil == nil && intervals["takeoff"] ?? nil == nil)
        // var(m·p) = p²·var(m) + m²·var(p) + 2mp·cov(m, p), from the JSON's own covariance.
        let cov = try #require(fit.covariance)
        let m = try #require(fit.parameters[0].estimate), p = try #require(fit.parameters[1].estimate)
        let variance = p * p * (try #require(cov[0][0])) + m * m * (try #require(cov[1][1])) + 2 * m * p * (try #require(cov[0][1]))
        let rate = try #require(intervals["peak_rate"] ?? nil)
        #expect(abs(rate.stdError - variance.squareRoot()) <= 1e-7 * rate.stdError)
    }

    @Test("a fit with no degrees of freedom left has milestones but no intervals")
    func noDegreesOfFreedom() throws {
        // Four years of an early market fitted with Richards's four parameters: the curve passes through them.
        let run = try withTemporaryDirectory { dir in
            try write("year,ports\n2024,0.05\n2025,0.4\n2026,2.9\n2027,9\n", to: "early.csv", in: dir)
            return try runAdoptRaw(["fit", "--data", "early.csv", "--model", "richards", "--format", "json"], in: dir)
        }
        let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
        #expect(fit.converged && fit.dof == 0, "\(fit.status)")
        #expect(fit.milestones?.peak != nil)
        let intervals = try #require(fit.milestones?.intervals)
        #expect(intervals.count == 7 && intervals.values.allSatisfy { $0 == nil })
    }
}
