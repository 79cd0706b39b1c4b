import Foundation
import Testing
import TestSupport

@Suite("A running total's interval whose lower end falls past the data gets a note")
struct RunningTotalNoteTests {
    /// Seven years of sales before their peak (2,982 sold): m = 8,426 with a standard error of 2,535.
    static let sales = "year,units\n2016,160\n2017,216\n2018,329\n2019,368\n2020,502\n2021,674\n2022,733\n"

    static func fit(_ text: String, _ options: [String]) throws -> ReportJSON.Fit {
        try withTemporaryDirectory { dir in
            try write(text, to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--format", "json"] + options, in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try ReportJSON.decode(Data(run.stdout.utf8)).fits.first)
        }
    }

    @Test("the note names the periods whose lower end is below the one at the data's end, and the lowest; none where no lower end is")
    func names() throws {
        let note = "the lower end of the running total's 95 % interval falls past the data below its 2759 at 2022, the last period "
            + "fitted, though no running total falls"
        for (horizon, expected) in [("2029", nil), ("2030", " (2698 at 2030)"), ("2034", " (5 periods, 2030 to 2034, down to 1798 at 2034)")] {
            let fit = try Self.fit(Self.sales, ["--horizon", horizon])
            let end = try #require(fit.curve.last { $0.observed != nil }?.cumulativeCiLow)
            #expect(abs(end - 2758.97) < 0.01)
            let below = fit.curve.filter { $0.observed == nil && ($0.cumulativeCiLow ?? .infinity) < end }
            let found = fit.notes.first { $0.hasPrefix(note) }
            #expect((found != nil) == (expected != nil) && (found != nil) == !below.isEmpty, "--horizon \(horizon)")
            if let found, let expected {
                #expect(found == note + expected + ": symmetric, the delta method's interval is lopsided where the data hold "
                        + "the curve loosely, and those lower ends are no bound", "\(found)")
                #expect(below.map { Int($0.x) } == Array(2030...Int(horizon)!))
            }
        }
        // The same sales as running totals: the lower end stays above its value at the data's end, and no note.
        var total = 0
        let totals = "year,units\n" + Self.sales.split(separator: "\n").dropFirst().map { line in
            let parts = line.split(separator: ",")
            total += Int(parts[1])!
            return "\(parts[0]),\(total)"
        }.joined(separator: "\n") + "\n"
        let cumulative = try Self.fit(totals, ["--cumulative", "--horizon", "2030"])
        #expect(!cumulative.notes.contains { $0.hasPrefix("the lower end of the running total's") })
        let end = try #require(cumulative.curve.last { $0.observed != nil }?.cumulativeCiLow)
        #expect(cumulative.curve.allSatisfy { ($0.cumulativeCiLow ?? .infinity) >= end || $0.observed != nil })
    }
}
