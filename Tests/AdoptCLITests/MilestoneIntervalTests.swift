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
        // At the edges of the finite differences: q within 2e-6 of p, t0 = 1e-8.
        "edge_bass_q_near_p bass per_period", "edge_logistic_t0_near_0 logistic per_period",
    ]

    static let durables = ["room_air_conditioners", "color_tv", "clothes_dryers", "ultrasound", "mammography",
                           "foreign_language", "accelerated_program"]

    /// The JSON fit of `series` (in `durables.csv`, its own file, or the reference's edge series) with `model`.
    static func fit(_ series: String, _ model: String, cumulative: Bool, _ more: [String] = []) throws -> ReportJSON.Fit {
        let durable = durables.contains(series), edge = series.hasPrefix("edge_")
        let data = durable ? "Data/series/durables.csv" : edge ? Fixtures.url("scipy/milestone_\(series).csv").path : "Data/series/\(series).csv"
        let options = (durable ? ["--y", "adopters", "--series", "series"] : ["--y", "value"])
            + (cumulative ? ["--cumulative"] : []) + ["--model", model] + more
        let run = try CovarianceTests.run(["fit", "--data", data] + options + ["--format", "json"])
        let fits = try ReportJSON.decode(run.stdoutData).fits
        return try #require(durable ? fits.first { $0.series == series } : fits.first)
    }

    @Test("every milestone's value, standard error and interval is the reference's to 1e-5 of its standard error",
          arguments: fits)
    func agreesWithReference(_ key: String) throws {
        let parts = key.split(separator: " ").map(String.init)
        let rows = Self.reference.filter { $0["series"] == parts[0] && $0["model"] == parts[1] && $0["data"] == parts[2] }
        // Seven milestones, less a Bass takeoff before launch.
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
        // A curve that peaks past the data (the cable subscribers' logistic) has no interval for the peak, its
        // rate or a milestone past the data; the data end where the last observed period does.
        let end = try #require(fit.curve.last { $0.observed != nil }?.x) + 1
        let peakPast = try #require(milestones.peak) > end
        for row in rows {
            let name = try #require(row["milestone"])
            let expected = try #require(Double(row["value"] ?? "")), se = try #require(Double(row["std_error"] ?? ""))
            let low = try #require(Double(row["ci_low"] ?? "")), high = try #require(Double(row["ci_high"] ?? ""))
            let value = try #require(values[name] ?? nil, "\(key) \(name)")
            #expect(abs(value - expected) <= 1e-5 * se, "\(key) \(name): \(value) against \(expected)")
            if peakPast && (name == "peak_rate" || value > end) {
                #expect(intervals[name] ?? nil == nil, "\(key) \(name) past the data")
                continue
            }
            let band = try #require(intervals[name] ?? nil, "\(key) \(name)")
            let tolerance = 1e-5 * se
            #expect(abs(band.stdError - se) <= tolerance, "\(key) \(name): std. error \(band.stdError) against \(se)")
            #expect(abs(band.ciLow - low) <= tolerance && abs(band.ciHigh - high) <= tolerance,
                    "\(key) \(name): \(band.ciLow)–\(band.ciHigh) against \(low)–\(high)")
        }
        // A Bass takeoff before launch has none; no milestone has an interval without a value.
        for (name, band) in intervals where band != nil { #expect(values[name] ?? nil != nil, "\(key) \(name)") }
    }

    @Test("the reference is read: 18 fits, their milestones but a Bass takeoff before launch")
    func referenceRead() {
        #expect(Self.reference.count == 18 * 7 - 1)
        #expect(Set(Self.reference.map { "\($0["series"]!) \($0["model"]!) \($0["data"]!)" }) == Set(Self.fits))
    }

    /// The Markdown's interval of times: the ends cut to tenths, as the milestones are (to more decimals,
    /// up to six, where tenths would read alike).
    static func span(_ low: Double, _ high: Double) -> String {
        func cut(_ x: Double, _ decimals: Int) -> String {
            let scale = pow(10.0, Double(decimals))
            return String(format: "%.\(decimals)f", (x * scale).rounded(.down) / scale)
        }
        var decimals = 1
        while decimals < 6, cut(low, decimals) == cut(high, decimals) { decimals += 1 }
        return cut(low, decimals) + "–" + cut(high, decimals)
    }

    @Test("the Markdown gives the clothes dryers' intervals, cut to tenths, after the milestones")
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

    static let iPhone = ["--data", "Data/series/apple_iphone_quarterly_sales_rossi.csv", "--horizon", "Q4 '14"]

    @Test("the iPhone's quarters peak past the data: no interval for the peak or its rate, nor for a milestone whose interval reaches past the data; the Markdown says so with dashes")
    func peakPastData() throws {
        let fit = try #require(try ReportJSON.decode(CovarianceTests.run(["fit", "--format", "json"] + Self.iPhone).stdoutData).fits.first)
        let milestones = try #require(fit.milestones), intervals = try #require(milestones.intervals)
        let end = try #require(fit.curve.last { $0.observed != nil }?.x) + 1
        #expect(try #require(milestones.peak) > end)
        #expect(fit.notes.contains { $0.hasPrefix("the peak, at ") && $0.hasSuffix("--profile gives the profile interval of that t0") })
        #expect(intervals.count == 7 && intervals.values.allSatisfy { $0 == nil }, "\(intervals)")
        let md = try CovarianceTests.run(["fit"] + Self.iPhone).stdout
        #expect(md.contains("Their 95 % intervals: takeoff –, peak –, saturation onset –; 10 % / 50 % / 90 % at – / – / –."))
    }

    @Test("with quarters, a milestone's interval names the quarters its ends fall in, past the curve's quarters too")
    func quarterLabels() throws {
        // The iPhone's first five quarters (--holdout 18) with a logistic curve, whose peak they bound: labels inside the data.
        let fit = try #require(try ReportJSON.decode(CovarianceTests.run(["fit", "--format", "json", "--data", "Data/series/apple_iphone_quarterly_sales_rossi.csv",
                                                                          "--model", "logistic", "--holdout", "18"]).stdoutData).fits.first)
        let intervals = try #require(fit.milestones?.intervals)
        // The times' intervals (the peak rate's has no periods).
        let bands = intervals.filter { $0.key != "peak_rate" }.values.compactMap { $0 }
        try #require(!bands.isEmpty, "\(fit.status) \(fit.notes)")
        for band in bands {
            for (x, label) in [(band.ciLow, band.ciLowPeriod), (band.ciHigh, band.ciHighPeriod)] {
                #expect(label != nil, "\(x)")
                if let quarter = fit.curve.first(where: { $0.x == x.rounded(.down) })?.label {
                    #expect(label == quarter, "\(x): \(label ?? "nil") against \(quarter)")
                }
            }
        }
    }

    @Test("with parameters fixed, the Markdown says the intervals take them as given")
    func fixedNamed() throws {
        let md = try CovarianceTests.run(["fit", "--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value", "--fix", "m=17000"]).stdout
        #expect(md.contains(" Their 95 % intervals, given the fixed m: takeoff "))
    }

    /// Twelve years of sales from a fast launch: the Bass takeoff 0.6 years after it, the interval reaching before it.
    static let fastLaunch = "year,units\n2015,725\n2016,827\n2017,981\n2018,1028\n2019,1003\n2020,1130\n2021,1140\n2022,1193\n"
        + "2023,1106\n2024,1166\n2025,1119\n2026,1111\n"

    @Test("a Bass milestone's interval that reaches before the launch gets a note; the logistic's, whose curve starts before it, none")
    func beforeLaunch() throws {
        for model in ["bass", "logistic"] {
            let run = try withTemporaryDirectory { dir in
                try write(Self.fastLaunch, to: "fast.csv", in: dir)
                return try runAdoptRaw(["fit", "--data", "fast.csv", "--model", model, "--format", "json"], in: dir)
            }
            let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
            let takeoff = try #require(fit.milestones?.intervals?["takeoff"] ?? nil)
            #expect(takeoff.ciLow < 2015, "\(model): \(takeoff.ciLow)")
            let notes = fit.notes.filter { $0.contains("reaches before the launch") }
            if model == "bass" {
                let ends = [takeoff.ciLow, takeoff.ciHigh].map { String(format: "%.1f", ($0 * 10).rounded(.down) / 10) }
                let expected = "the 95 % t interval of the takeoff (\(ends[0]) to \(ends[1])) "
                    + "reaches before the launch, 2015, where the curve has no adopters: the linearization is lopsided there, and the "
                    + "interval claims a coverage it does not have"
                #expect(notes == [expected], "\(fit.notes)")
            } else {
                #expect(notes.isEmpty, "\(fit.notes)")
            }
        }
    }
}

extension MilestoneIntervalTests {
    @Test("every milestone with a value has an interval or a reason it has none, and never both",
          arguments: [["--model", "auto"], ["--model", "auto", "--holdout", "4"], ["--model", "bass", "--fix", "p=0.01,q=0.4"],
                      ["--model", "gompertz", "--fix", "k=0.3,t0=8"]])
    func withheldReasons(_ options: [String]) throws {
        let run = try Durables.run(Durables.fit(["--format", "json"] + options))
        let fits = try ReportJSON.decode(run.stdoutData).fits
        var reasons: [String: Int] = [:]
        for fit in fits {
            guard let milestones = fit.milestones, let intervals = milestones.intervals else {
                #expect(fit.milestones?.intervalsWithheld == nil, "\(fit.series ?? "") \(fit.model)")
                continue
            }
            let withheld = try #require(milestones.intervalsWithheld, "\(fit.series ?? "") \(fit.model)")
            let values: [String: Double?] = ["takeoff": milestones.takeoff, "peak": milestones.peak, "saturation_onset": milestones.saturationOnset,
                                             "peak_rate": milestones.peakRate, "fraction10": milestones.fraction10,
                                             "fraction50": milestones.fraction50, "fraction90": milestones.fraction90]
            #expect(Set(withheld.keys) == Set(values.keys) && Set(intervals.keys) == Set(values.keys))
            for (name, value) in values {
                let band = intervals[name] ?? nil, reason = withheld[name] ?? nil
                #expect((band == nil) == (value != nil && reason != nil) || (value == nil && band == nil && reason == nil),
                        "\(fit.series ?? "") \(fit.model) \(name): \(String(describing: value)), \(String(describing: reason))")
                if let reason { reasons[reason, default: 0] += 1 }
            }
        }
        let known: Set = ["peak_past_data", "peak_in_last_period", "peak_interval_past_data", "reaches_past_data", "peak_at_launch",
                          "fixed_parameters", "not_differentiable", "not_finite"]
        #expect(Set(reasons.keys).isSubset(of: known), "\(reasons)")
        // The durables' first years, four held out: peaks past them, in their last period, or bound loosely.
        if options.contains("--holdout") {
            #expect(["peak_past_data", "peak_in_last_period", "peak_interval_past_data", "reaches_past_data"].allSatisfy { reasons[$0, default: 0] > 0 },
                    "\(reasons)")
        }
        // Times fixed with p and q (and with Gompertz's k and t0) are not moved by the parameters fitted.
        if options.contains("--fix") { #expect(reasons["fixed_parameters", default: 0] > 0, "\(reasons)") }
    }

    @Test("exponential saturation peaks at the launch, which is given: its peak's interval is withheld as such")
    func peakAtLaunchWithheld() throws {
        let fit = try withTemporaryDirectory { dir in
            try write("year,units\n2000,1000\n2001,820\n2002,690\n2003,560\n2004,470\n2005,380\n2006,320\n2007,260\n", to: "fall.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "fall.csv", "--model", "exponential", "--format", "json"], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try ReportJSON.decode(Data(run.stdout.utf8)).fits.first)
        }
        #expect(fit.converged && fit.milestones?.peak == 2000)
        let withheld = try #require(fit.milestones?.intervalsWithheld)
        #expect(withheld.compactMapValues { $0 } == ["peak": "peak_at_launch"])
        #expect(fit.milestones?.intervals?["peak_rate"] ?? nil != nil)
    }

    @Test("a peak fitted in the data whose interval reaches past them has none, nor have its rate or the milestones past the data; a note says why")
    func unboundedPeak() throws {
        // Colour TV's first five years of eight (--holdout 3): the peak at 1967.3 in the last, its interval reaching 1968.
        let fit = try Self.fit("color_tv", "bass", cumulative: false, ["--holdout", "3"])
        let milestones = try #require(fit.milestones), intervals = try #require(milestones.intervals)
        let end = try #require(fit.curve.last { $0.observed != nil && $0.heldOut != true }?.x) + 1
        let peak = try #require(milestones.peak)
        #expect(peak < end && peak > end - 1)
        #expect(intervals["peak"] ?? nil == nil && intervals["peak_rate"] ?? nil == nil && intervals["saturation_onset"] ?? nil == nil)
        #expect(intervals["takeoff"] ?? nil != nil && intervals["fraction10"] ?? nil != nil)
        let note = try #require(fit.notes.first { $0.hasPrefix("the peak, at 1967.3, lies within the periods fitted, which end with 1967, but ") })
        #expect(note.hasSuffix("but in the last of them, with no period after it: the data do not yet show the fall after it, and no interval "
                               + "is given for it or its rate, nor for a milestone whose interval would reach past the data"))
        // No interval given reaches past the data's end.
        for band in intervals.values.compactMap({ $0 }) { #expect(band.ciHigh <= end) }
        // And the JSON says why each is withheld.
        let withheld = try #require(milestones.intervalsWithheld)
        #expect(withheld == ["peak": "peak_in_last_period", "peak_rate": "peak_in_last_period", "saturation_onset": "reaches_past_data",
                             "fraction50": "reaches_past_data", "fraction90": "reaches_past_data", "takeoff": nil, "fraction10": nil])
        // The tidy CSV, which computes no intervals, carries the same note.
        let csv = try CovarianceTests.run(["fit", "--data", "Data/series/durables.csv", "--y", "adopters", "--series", "series",
                                           "--holdout", "3", "--format", "csv"])
        let row = try #require(SimpleCSV(text: String(decoding: csv.stdoutData, as: UTF8.self)).records.first { $0["series"] == "color_tv" })
        #expect(row["notes"]?.contains(note) == true, "\(row["notes"] ?? "")")
        // Without --holdout, two years follow the peak: it has its interval, and no note.
        let whole = try Self.fit("color_tv", "bass", cumulative: false)
        #expect(whole.milestones?.intervals?["peak"] ?? nil != nil)
        #expect(!whole.notes.contains { $0.contains("lies within the periods fitted") })
    }
}

extension MilestoneIntervalTests {
    @Test("a peak a fixed t0 sets past the data is the user's: its rate and the milestones past the data keep their intervals")
    func fixedPeakPastData() throws {
        let fit = try Self.fit("netherlands_car_stock_1965_1989", "logistic", cumulative: true, ["--fix", "t0=30"])
        let milestones = try #require(fit.milestones), intervals = try #require(milestones.intervals)
        let end = try #require(fit.curve.last { $0.observed != nil }?.x) + 1
        #expect(try #require(milestones.peak) > end)
        // The peak does not move with m and k: no interval of its own; its rate m·k/4 does.
        #expect(intervals["peak"] ?? nil == nil)
        let rate = try #require(intervals["peak_rate"] ?? nil)
        let m = try #require(fit.parameters.first { $0.name == "m" }), k = try #require(fit.parameters.first { $0.name == "k" })
        let cov = try #require(fit.covariance)
        // var(m·k/4) from the JSON's own covariance, m and k its first two rows.
        let (mv, kv) = (try #require(m.estimate), try #require(k.estimate))
        let variance = (kv * kv * (try #require(cov[0][0])) + mv * mv * (try #require(cov[1][1])) + 2 * mv * kv * (try #require(cov[0][1]))) / 16
        #expect(abs(rate.stdError - variance.squareRoot()) <= 1e-7 * rate.stdError)
        #expect(try #require(intervals["fraction90"] ?? nil).ciHigh > end)
        #expect(!fit.notes.contains { $0.contains("lies within the periods fitted") || $0.contains("lies past the periods fitted") })
    }
}
