import Foundation
import Testing
import TestSupport

@Suite("The note on a peak past the periods fitted")
struct PeakIntervalTests {
    // Reference: Tests/Fixtures/scipy/profile_intervals.py (profile-likelihood intervals by scipy; the
    // logistic's peak is its t0).
    static let profiles: SimpleCSV? = try? SimpleCSV(url: Fixtures.url("scipy/profile_intervals.csv"))

    /// A calendar time as the note writes it: cut to a tenth, with its one decimal ("2025.0").
    static func cut(_ x: Double) -> String {
        String(format: "%.1f", (x * 10).rounded(.down) / 10)
    }

    static let iPhone = ["--data", "Data/series/apple_iphone_quarterly_sales_rossi.csv", "--y", "value"]

    static func fit(_ options: [String]) throws -> ReportJSON.Fit {
        try #require(try ReportJSON.decode(CovarianceTests.run(["fit", "--format", "json"] + options).stdoutData).fits.first)
    }

    // Two series: one still rising at its last year (its Bass peak, 2016.4, lies past the end of 2015), one past
    // its peak in 2013.
    @Test("the JSON and the tidy CSV flag a peak past the data, and the Markdown's summary says so")
    func flagged() throws {
        try withTemporaryDirectory { dir in
            try write(("series,year,y\nA,2010,10\nA,2011,30\nA,2012,70\nA,2013,140\nA,2014,250\nA,2015,380\n"
                 + "B,2010,100\nB,2011,300\nB,2012,600\nB,2013,700\nB,2014,500\nB,2015,300\nB,2016,150\n"), to: "two.csv", in: dir)
            let json = try runAdoptRaw(["fit", "--data", "two.csv", "--series", "series", "--format", "json"], in: dir)
            try #require(json.status == 0, "\(json.stderr)")
            let fits = try ReportJSON.decode(json.stdoutData).fits
            let a = try #require(fits.first), b = try #require(fits.last)
            let peakA = try #require(a.milestones?.peak), peakB = try #require(b.milestones?.peak)
            #expect(peakA > 2016 && a.milestones?.peakPastData == true)
            #expect(peakB < 2016 && b.milestones?.peakPastData == false)
            #expect(a.notes.contains { $0.hasPrefix("the peak, at \(Self.cut(peakA)), lies past the periods fitted") }, "\(a.notes)")
            let md = try runAdoptRaw(["fit", "--data", "two.csv", "--series", "series"], in: dir).stdout
            #expect(md.contains("| \(Self.cut(peakA)) (past the periods fitted) |"))
            #expect(md.contains("| \(Self.cut(peakB)) |"))
            // The tidy CSV's column: true on A's three rows, false on B's.
            let csv = try runAdoptRaw(["fit", "--data", "two.csv", "--series", "series", "--format", "csv"], in: dir).stdout
            let rows = csv.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let column = try #require(rows[0].firstIndex(of: "peak_past_data"))
            #expect(rows.dropFirst().map { "\($0[0]) \($0[column])" } == ["A true", "A true", "A true", "B false", "B false", "B false"])
        }
    }

    @Test("with --profile, the iPhone's logistic peak past its quarters gets t0's profile interval as times: scipy's, to the tenth",
          arguments: [0.95, 0.8])
    func profiledPeak(level: Double) throws {
        let profiles = try #require(Self.profiles)
        let row = try #require(profiles.rows.indices.first {
            profiles.column("series")[$0] == "apple_iphone_quarterly_sales_rossi" && profiles.column("model")[$0] == "logistic"
                && profiles.column("holdout")[$0] == "0" && profiles.column("parameter")[$0] == "t0" && Double(profiles.column("level")[$0]) == level
        })
        // scipy: a crossing below, and above only with m held at 10⁴ times the sales (no later end the data set).
        #expect(profiles.column("low_kind")[row] == "crossing" && profiles.column("high_kind")[row] == "capped")
        let low = try #require(Double(profiles.column("low")[row]))
        let fit = try Self.fit(Self.iPhone + ["--model", "logistic", "--profile", "--level", "\(level)"])
        let peak = try #require(fit.milestones?.peak)
        // The 22nd quarter is Q4 '12, the 23rd Q1 '13.
        let label = Int(1 + low) == 22 ? "Q4 '12" : "Q1 '13"
        // t0 counts from the start of the launch period, period 1.
        let high = try #require(Double(profiles.column("high")[row]))
        let note = try #require(fit.notes.first { $0.hasPrefix("the peak, at ") }, "\(fit.notes)")
        #expect(note.hasPrefix("the peak, at \(Self.cut(peak)) (Q3 '14), lies past the periods fitted, which end with 'Q1 '13' (2013): "
                               + "it is a forecast, and its \(level == 0.95 ? "95" : "80") % profile interval (that of t0, the peak) runs "
                               + "from \(Self.cut(1 + low)) (\(label)) to \(Self.cut(1 + high)) ("), "\(note)")
        #expect(note.hasSuffix(") or later (m capped)"), "\(note)")
    }

    @Test("per-period Bass with --profile: its peak's interval is the logistic's t0's, the same curve's", arguments: [0.95, 0.8])
    func bassProfiledPeak(level: Double) throws {
        let bass = try Self.fit(Self.iPhone + ["--model", "bass", "--profile", "--level", "\(level)"])
        let logistic = try Self.fit(Self.iPhone + ["--model", "logistic", "--profile", "--level", "\(level)"])
        let interval = { (f: ReportJSON.Fit) in f.notes.first { $0.hasPrefix("the peak, at ") }?.components(separatedBy: ") runs ").last }
        #expect(interval(logistic) != nil && interval(bass) == interval(logistic), "\(bass.notes)")
        #expect(bass.notes.contains { $0.contains("profile interval (that of t0 in the logistic's parameters, the same curve on per-period data) runs from ") })
    }

    @Test("the note's times are calendar times: a launch two quarters earlier (t0 two larger) gives the same note")
    func launchMoved() throws {
        let own = try Self.fit(Self.iPhone + ["--model", "logistic", "--profile"])
        let earlier = try Self.fit(Self.iPhone + ["--model", "logistic", "--profile", "--launch", "Q1 '07"])
        let note = { (f: ReportJSON.Fit) in f.notes.first { $0.hasPrefix("the peak, at ") } }
        #expect(note(own) != nil && note(own) == note(earlier), "\(note(own) ?? "") against \(note(earlier) ?? "")")
        let t0 = { (f: ReportJSON.Fit) in f.parameters.first { $0.name == "t0" }?.estimate ?? .nan }
        #expect(abs(t0(earlier) - t0(own) - 2) < 1e-6)
    }

    @Test("a peak set by a fixed t0 gets no note; with --profile but no profile for t0, the note points nowhere")
    func fixedOrUnprofiledT0() throws {
        let fixed = try Self.fit(Self.iPhone + ["--model", "logistic", "--fix", "t0=28"])
        #expect(!fixed.notes.contains { $0.hasPrefix("the peak, at ") }, "\(fixed.notes)")
        try withTemporaryDirectory { dir in
            // Three years for three parameters: no degrees of freedom, so no profile.
            try write("year,value\n2000,10\n2001,20\n2002,35\n", to: "three.csv", in: dir)
            let fit = try #require(try fitJSON(["--data", "three.csv", "--model", "logistic", "--profile"], in: dir).first)
            #expect(fit.notes.contains { $0.hasPrefix("the peak, at ") && $0.hasSuffix("none is given") }, "\(fit.notes)")
        }
    }

    @Test("without --profile, a peak past the data gets no t interval, and the note says where its profile is",
          arguments: [("logistic", ["--model", "logistic"], "the profile interval of t0 (--profile), the peak, says how early and late it may be"),
                      ("bass", ["--model", "bass"], "on per-period data this curve is the logistic's, whose t0 is the peak: --profile gives "
                       + "the profile interval of that t0")])
    func unprofiledPeak(name: String, options: [String], pointer: String) throws {
        let fit = try Self.fit(Self.iPhone + options)
        #expect(fit.notes.contains("the peak, at 29.1 (Q3 '14), lies past the periods fitted, which end with 'Q1 '13' (2013): it is a "
                                   + "forecast, and its likelihood is lopsided there, which a t interval, symmetric about it, is not: "
                                   + "none is given; " + pointer), "\(name): \(fit.notes)")
    }

    @Test("running totals: the cable TV subscribers' Bass peak past 1989 gets the note, with no pointer; the dryers' peak inside their years, none")
    func otherPeaks() throws {
        let cable = try Self.fit(["--data", "Data/series/us_cable_tv_subscribers_cumulative.csv", "--y", "value", "--cumulative"])
        #expect(cable.notes.contains("the peak, at 1993.8, lies past the periods fitted, which end with 1989: it is a forecast, and its "
                                     + "likelihood is lopsided there, which a t interval, symmetric about it, is not: none is given"),
                "\(cable.notes)")
        let dryers = try Self.fit(["--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value"])
        #expect(dryers.milestones?.peak.map { $0 < 1962 } == true)
        #expect(!dryers.notes.contains { $0.hasPrefix("the peak, at ") })
    }
}

@Suite("Bass on per-period data and its launch")
struct PerPeriodLaunchTests {
    static let sentence = " On per-period data this curve is a logistic's in other parameters, and p, q and m follow (p + q does not) from where its time starts: "
        + "the start of the launch period, "

    @Test("another launch fits colour TV's years as well, with another p, and the Markdown says whose p it is")
    func colourTV() throws {
        func fit(_ launch: String) throws -> ReportJSON.Fit {
            try #require(try ReportJSON.decode(CovarianceTests.run(["fit", "--data", "Data/series/color_tv_1963_1970.csv", "--y", "value",
                                                                    "--launch", launch, "--format", "json"]).stdoutData).fits.first)
        }
        let (own, earlier) = (try fit("1963"), try fit("1958"))
        #expect(own.converged && earlier.converged)
        let (a, b) = (try #require(own.rss), try #require(earlier.rss))
        #expect(abs(a - b) <= 1e-9 * a, "\(a) against \(b)")
        let p = { (f: ReportJSON.Fit) in f.parameters.first { $0.name == "p" }?.estimate ?? .nan }
        #expect(p(earlier) < p(own) / 2, "\(p(own)) against \(p(earlier))")
        let markdown = try CovarianceTests.run(["fit", "--data", "Data/series/color_tv_1963_1970.csv", "--y", "value", "--launch", "1958"]).stdout
        #expect(markdown.contains(Self.sentence + "1958; another launch fits the data as well, with another p, q and m."), "\(markdown)")
        // p + q is the logistic's k, which the launch does not move.
        let rate = { (f: ReportJSON.Fit) in f.parameters.filter { ["p", "q"].contains($0.name) }.reduce(0) { $0 + ($1.estimate ?? .nan) } }
        #expect(abs(rate(own) - rate(earlier)) <= 1e-5 * rate(own), "\(rate(own)) against \(rate(earlier))")
        // With a parameter fixed another launch need not fit as well: no such sentence.
        let fixed = try CovarianceTests.run(["fit", "--data", "Data/series/color_tv_1963_1970.csv", "--y", "value", "--fix", "p=0.01"]).stdout
        #expect(!fixed.contains("in other parameters"))
        // Running totals fix where the curve starts (N = 0 at launch): no such sentence.
        let cumulative = try CovarianceTests.run(["fit", "--data", "Data/series/us_cable_tv_subscribers_cumulative.csv", "--y", "value",
                                                  "--cumulative"]).stdout
        #expect(!cumulative.contains("in other parameters"))
    }

    @Test("a launch whole periods before the data: a note counts the adopters the running totals hold before the first row",
          arguments: [("bass", "1185"), ("logistic", "1185"), ("gompertz", "66.64")])
    func adoptersBeforeData(model: String, count: String) throws {
        let run = try CovarianceTests.run(["fit", "--data", "Data/series/color_tv_1963_1970.csv", "--y", "value", "--launch", "1954",
                                           "--model", model, "--format", "json"])
        let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
        #expect(fit.notes.contains("the launch, 1954, is 9 periods before the first observation, 1963: the curve's running totals count "
                                   + "the \(count) adopters it places in those periods, which no row gives"), "\(fit.notes)")
        // The count is the first running total less the first period's value and, for the S-curves, less the
        // adopters they place before the launch (the running total there is the curve at the launch's start).
        if model == "bass" {
            let first = try #require(fit.curve.first { $0.x == 1963 })
            let before = try #require(first.cumulative) - (try #require(first.fitted))
            #expect(String(Int(before.rounded())) == count, "\(before)")
        }
        // The data's own launch: no note.
        let own = try CovarianceTests.run(["fit", "--data", "Data/series/color_tv_1963_1970.csv", "--y", "value", "--model", model,
                                           "--format", "json"])
        #expect(try ReportJSON.decode(own.stdoutData).fits.first?.notes.contains { $0.hasPrefix("the launch, ") } == false)
    }
}
