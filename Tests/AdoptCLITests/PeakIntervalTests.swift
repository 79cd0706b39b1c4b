import Foundation
import Testing
import TestSupport

@Suite("The note on a peak past the periods fitted")
struct PeakIntervalTests {
    // Reference: Tests/Fixtures/scipy/peak_interval.py (the peak's time and its delta-method interval on
    // the analytic gradient, from scipy least_squares fits at tolerances 1e-15).
    static let reference: SimpleCSV? = try? SimpleCSV(url: Fixtures.url("scipy/peak_interval.csv"))

    /// A calendar time as the note writes it: cut to a tenth.
    static func cut(_ x: Double) -> String {
        let v = (x * 10).rounded(.down) / 10
        return v == v.rounded() ? String(Int(v)) : "\(v)"
    }

    @Test("the peak and its interval are scipy's, to the tenth written, where the peak lies past the data, and there alone",
          arguments: [
              ("apple_iphone_quarterly_sales_rossi", "bass", ["--data", "Data/series/apple_iphone_quarterly_sales_rossi.csv", "--y", "value"], 1.0),
              ("apple_iphone_quarterly_sales_rossi", "logistic",
               ["--data", "Data/series/apple_iphone_quarterly_sales_rossi.csv", "--y", "value"], 1.0),
              ("us_cable_tv_subscribers_cumulative", "bass",
               ["--data", "Data/series/us_cable_tv_subscribers_cumulative.csv", "--y", "value", "--cumulative"], 1952.0),
              // The dryers' first six years (the last seven held out): the peak falls in the sixth.
              ("clothes_dryers_first6", "bass", ["--data", "Data/series/clothes_dryers_1949_1961.csv", "--y", "value", "--holdout", "7"], 1949.0),
          ])
    func peakPastData(series: String, model: String, options: [String], launch: Double) throws {
        let reference = try #require(Self.reference)
        let row = try #require(reference.rows.indices.first { reference.column("series")[$0] == series && reference.column("model")[$0] == model })
        func value(_ key: String) -> Double { reference.doubles(key)[row] }
        let fit = try #require(try ReportJSON.decode(CovarianceTests.run(["fit", "--model", model, "--format", "json"] + options).stdoutData).fits.first)
        #expect(fit.status == "converged")
        let note = fit.notes.first { $0.hasPrefix("the peak, at ") }
        guard reference.column("past")[row] == "true" else {
            #expect(note == nil, "\(note ?? "")")
            return
        }
        let text = try #require(note, "\(fit.notes)")
        // The peak is the milestone's, and the note's times are scipy's, cut to a tenth as the milestones are.
        #expect(fit.milestones?.peak.map { abs($0 - (launch + value("peak"))) <= 1e-6 * max(1, launch) } == true)
        for (key, words) in [("peak", "the peak, at "), ("ci_low", "runs from "), ("ci_high", " to ")] {
            #expect(text.contains(words + Self.cut(launch + value(key))), "\(key): \(text)")
        }
        #expect(text.contains(": it is a forecast, and its 95 % interval (delta method) runs from "), "\(text)")
    }

    @Test("the note's words on the US cable TV subscribers, whose peak falls four years past 1989")
    func cableWords() throws {
        let run = try CovarianceTests.run(["fit", "--data", "Data/series/us_cable_tv_subscribers_cumulative.csv", "--y", "value",
                                           "--cumulative", "--format", "json"])
        let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
        #expect(fit.notes.contains("the peak, at 1993.8, lies past the periods fitted, which end with 1989: it is a forecast, and its 95 % "
                                   + "interval (delta method) runs from 1989.5 to 1998"), "\(fit.notes)")
    }
}

@Suite("Bass on per-period data and its launch")
struct PerPeriodLaunchTests {
    static let sentence = " On per-period data this curve is a logistic's in other parameters, and p and m follow from where its time starts: "
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
        #expect(markdown.contains(Self.sentence + "1958; another launch fits the data as well, with another p."), "\(markdown)")
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
