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
