import Foundation
import Testing
import TestSupport

@Suite("The note on a market potential's t interval reaching below the adopters observed")
struct MarketIntervalTests {
    // Reference: Tests/Fixtures/scipy/market_interval.py (scipy least_squares at tolerances 1e-15, the
    // durables' first n years fitted by Bass as reference_fits.py fits them).
    static let reference: SimpleCSV? = try? SimpleCSV(url: Fixtures.url("scipy/market_interval.csv"))

    @Test("the durables' first years: m and its interval are scipy's, and the note is on the cuts the rule names")
    func durablesCut() throws {
        let reference = try #require(Self.reference)
        let table = try #require(Durables.table)
        #expect(reference.rows.count == 41)
        let series = table.column("series"), years = table.column("year"), adopters = table.column("adopters")
        // One file, a series for each cut: "clothes_dryers@6" holds the first six years of clothes dryers.
        var text = "series,year,adopters\n"
        let names = reference.column("series"), ns = reference.column("n").map { Int($0)! }
        for (name, n) in zip(names, ns) {
            let rows = series.indices.filter { series[$0] == name }.prefix(n)
            try #require(rows.count == n)
            text += rows.map { "\(name)@\(n),\(years[$0]),\(adopters[$0])\n" }.joined()
        }
        let fits = try withTemporaryDirectory { dir in
            _ = try write(text, to: "cuts.csv", in: dir)
            let run = try runAdoptRaw(["fit", "--data", "cuts.csv", "--y", "adopters", "--series", "series", "--format", "json"], in: dir)
            try #require(run.status == 0, "stderr: \(run.stderr)")
            return try ReportJSON.decode(run.stdoutData).fits
        }
        let byName = Dictionary(fits.map { ($0.series ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let m = reference.doubles("m"), low = reference.doubles("ci_low"), high = reference.doubles("ci_high")
        let notes = reference.column("note").map { $0 == "true" }, margins = reference.doubles("margin")
        var compared = 0, noted = 0
        for i in reference.rows.indices {
            let name = "\(names[i])@\(ns[i])"
            let fit = try #require(byName[name], "\(name)")
            // A cut adopt does not call converged (m not identified) has no such note to compare.
            guard fit.status == "converged" else {
                #expect(!fit.notes.contains { $0.contains("adopters the series holds, where m cannot be") }, "\(name)")
                continue
            }
            let market = try #require(fit.parameters.first { $0.name == "m" })
            for (value, expected) in [(market.estimate, m[i]), (market.ciLow, low[i]), (market.ciHigh, high[i])] {
                let v = try #require(value, "\(name)")
                #expect(abs(v - expected) <= 1e-6 * m[i], "\(name): \(v) against \(expected)")
            }
            let hasNote = fit.notes.contains { $0.contains("adopters the series holds, where m cannot be") }
            if margins[i] > 1e-4 { #expect(hasNote == notes[i], "\(name)") }
            compared += 1
            if hasNote { noted += 1 }
        }
        #expect(compared == 39)
        #expect(noted == 11)
        // The note's words, on six years of dryers before their peak (1,443 to 10,662, with 3,179 sold).
        let dryers = try #require(byName["clothes_dryers@6"])
        #expect(dryers.notes.contains(
            "the 95 % t interval of 'm' (1443 to 10662) reaches below the 3179 adopters the series holds, where m cannot be: the "
                + "series is short of its market, the linearization is lopsided, and its upper end is no more to be trusted; "
                + "a profile interval (--profile) follows the likelihood"))
    }
}
