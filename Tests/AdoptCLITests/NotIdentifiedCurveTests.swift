import Foundation
import Testing
import TestSupport

@Suite("The curve of a fit that is not identified")
struct NotIdentifiedCurveTests {
    @Test("past the periods fitted it has no intervals, and a note says so; over the data, and without a horizon, no note")
    func noIntervalsPastData() throws {
        let run = try Durables.run(Durables.fit(["--model", "exponential", "--horizon", "1965", "--format", "json"]))
        let fits = try ReportJSON.decode(run.stdoutData).fits
        let note = "the curve past the periods fitted has no intervals: the fit is not identified, and its linearization says "
            + "nothing of where the curve goes; its values there are the point where the fit stopped"
        for fit in fits {
            let last = try #require(fit.curve.last { $0.observed != nil }).x
            let past = fit.curve.filter { $0.x > last && $0.fitted != nil }
            #expect(fit.notes.contains(note) == (fit.status == "not_identified" && !past.isEmpty), "\(fit.series ?? ""): \(fit.notes)")
            if fit.status == "not_identified" {
                #expect(past.allSatisfy { $0.ciLow == nil && $0.piLow == nil })
            }
        }
        #expect(fits.contains { $0.notes.contains(note) })
        let plain = try ReportJSON.decode(try Durables.run(Durables.fit(["--model", "exponential", "--format", "json"])).stdoutData).fits
        #expect(!plain.contains { $0.notes.contains(note) })
    }
}

@Suite("Fits with parameters fixed: the rate and the notes of free fits")
struct FixedFitNotesTests {
    @Test("a free rate with a standard error at least itself is not identified with m fixed, as without")
    func rateWithMarketFixed() throws {
        try withTemporaryDirectory { dir in
            let values = [0, 1, 2, 2, 1, 2, 0, 102, 1, 1, 1, 2, 2]
            try write("year,adopters\n" + values.enumerated().map { "\(1900 + $0.offset),\($0.element)" }.joined(separator: "\n") + "\n",
                      to: "spike.csv", in: dir)
            for fix in [[], ["--fix", "m=103"]] {
                let fit = try #require(try fitJSON(["--data", "spike.csv", "--model", "logistic"] + fix, in: dir).first)
                #expect(fit.status == "not_identified", "\(fix): \(fit.message)")
                #expect(fit.message.hasPrefix("not identified: the curve's rate k "), "\(fit.message)")
            }
            // Richards with ν fixed is a curve of k's speed alone (ν = 0 the Gompertz, ν = 1 the logistic): judged by k,
            // as is one whose free ν rests on 0.
            for (model, fix, rate) in [("richards", "nu=0", "k"), ("richards", "nu=1", "k"), ("richards", "m=103", "k")] {
                let fit = try #require(try fitJSON(["--data", "spike.csv", "--model", model, "--fix", fix], in: dir).first)
                #expect(fit.status == "not_identified" && fit.message.hasPrefix("not identified: the curve's rate \(rate) = "),
                        "\(model) \(fix): \(fit.status): \(fit.message)")
            }
            // With the rate itself fixed there is no rate to judge.
            let fixedRate = try #require(try fitJSON(["--data", "spike.csv", "--model", "logistic", "--fix", "k=2"], in: dir).first)
            #expect(!fixedRate.message.contains("rate k"), "\(fixedRate.message)")
        }
    }

    @Test("the iPhone's quarters with m fixed: the free rates per year and the peak past the data get their notes")
    func notesWithMarketFixed() throws {
        let run = try CovarianceTests.run(["fit", "--data", "Data/series/apple_iphone_quarterly_sales_rossi.csv", "--y", "value",
                                           "--fix", "m=1200", "--format", "json"])
        let fit = try #require(try ReportJSON.decode(run.stdoutData).fits.first)
        #expect(fit.notes.contains { $0.hasPrefix("p and q are rates per quarter: per year, as published tables give them, they are 4 times") })
        // No pointer to the logistic, which would not hold m alike.
        #expect(fit.notes.contains { $0.hasPrefix("the peak, at 29.6 (Q3 '14), lies past the periods fitted") && $0.hasSuffix("none is given") },
                "\(fit.notes)")
    }
}
