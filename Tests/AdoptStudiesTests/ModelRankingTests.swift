import Foundation
import Testing
import AdoptData
import Fitting
@testable import AdoptStudies

/// Akaike weights, w = exp(−Δ/2) / Σ exp(−Δ/2) (Burnham & Anderson 2002, §2.9), against values
/// worked out from that formula by hand (Python's math.exp): e.g. Δ = (0, 2) gives
/// 1/(1 + e⁻¹) = 0.7310585786300049 and e⁻¹/(1 + e⁻¹) = 0.2689414213699951.
@Suite("Akaike weights")
struct ModelRankingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let aicc: [Double]
        let weights: [Double]
        var testDescription: String { "AICc \(aicc)" }
    }

    static let cases = [
        Case(aicc: [100, 102], weights: [0.7310585786300049, 0.2689414213699951]),
        Case(aicc: [-7, -5, -3], weights: [0.6652409557748218, 0.24472847105479764, 0.09003057317038046]),
        // Two equal fits share their weight.
        Case(aicc: [182.181, 182.181, 183.681], weights: [0.4044707686614429, 0.4044707686614429, 0.1910584626771142]),
        // Only the differences count: an offset of 1e6 changes nothing.
        Case(aicc: [1e6 + 2, 1e6], weights: [0.2689414213699951, 0.7310585786300049]),
    ]

    @Test("weights from AICc values", arguments: cases)
    func weights(_ c: Case) {
        let w = FitStudy.akaikeWeights(c.aicc)
        #expect(w.count == c.weights.count)
        for (a, b) in zip(w, c.weights) { #expect(abs(a - b) <= 1e-9 * b, "\(w)") }
        #expect(abs(w.reduce(0, +) - 1) <= 1e-15)
    }

    /// Room air conditioners, 1949–1961 (Bass 1969), per period and as running totals.
    static let roomAirConditioners: [Double] = [96, 195, 238, 380, 1045, 1230, 1267, 1828, 1586, 1673, 1800, 1580, 1500]

    /// `y` as one series of `rac.csv`, a year a value from 1949, on lines 2, 3, ….
    static func set(_ y: [Double] = roomAirConditioners) -> ObservationSet {
        let observations = y.enumerated().map { i, value in Observation(x: 1949 + Double(i), y: value, line: i + 2) }
        return ObservationSet(source: "rac.csv", xColumn: "year", yColumn: "adopters",
                              series: [Series(name: nil, observations: observations)])
    }

    /// On per-period data Bass and the logistic are one model (equal RSS): the pair is weighted
    /// once, under the better ranked. As running totals they differ (Bass starts at 0 at launch)
    /// and each has its own weight.
    @Test("per-period Bass and logistic are weighted once; cumulative ones each", arguments: [DataForm.perPeriod, .cumulative])
    func bassAndLogisticAsOneModel(_ form: DataForm) throws {
        var y = Self.roomAirConditioners
        if form == .cumulative { for i in y.indices.dropFirst() { y[i] += y[i - 1] } }
        let fits = try FitStudy.run(Self.set(y), settings: FitSettings(model: .auto, form: form))
        let bass = try #require(fits.first { $0.model == "bass" }), logistic = try #require(fits.first { $0.model == "logistic" })
        #expect(bass.rank != nil && logistic.rank != nil)
        let weighted = fits.filter { $0.aiccWeight != nil }
        #expect(abs(weighted.map { $0.aiccWeight! }.reduce(0, +) - 1) <= 1e-12)
        if form == .perPeriod {
            #expect(abs(bass.rss! - logistic.rss!) <= 1e-8 * bass.rss!)
            #expect(bass.aiccWeight != nil && logistic.aiccWeight == nil)
            #expect(logistic.notes.last?.contains("weighted once, under Bass") == true)
            // The best model's weight is what it would be were the logistic not a candidate.
            let aiccs: [Double] = weighted.map { $0.aicc! }
            let best: Double = aiccs.min()!
            let likelihoods: [Double] = aiccs.map { Foundation.exp(-($0 - best) / 2) }
            let sum: Double = likelihoods.reduce(0, +)
            for (fit, likelihood) in zip(weighted, likelihoods) { #expect(abs(fit.aiccWeight! - likelihood / sum) <= 1e-12) }
        } else {
            #expect(bass.aiccWeight != nil && logistic.aiccWeight != nil)
            #expect(abs(bass.rss! - logistic.rss!) > 1e-3 * bass.rss!)
        }
    }
}

/// A fit left out of the ranking that fits far closer than the best ranked one is named on that one.
@Suite("Unranked fits that fit closer")
struct UnrankedCloserTests {
    @Test("six years before the peak: the Gompertz fit, m not identified, fits closer than Bass, which says so; the room air conditioners carry no such note")
    func closerUnranked() throws {
        let observations = [3.0, 7, 15, 28, 50, 85].enumerated().map { Observation(x: 2018 + Double($0.offset), y: $0.element, line: $0.offset + 2) }
        let set = ObservationSet(source: "prepeak.csv", xColumn: "year", yColumn: "sales", series: [Series(name: nil, observations: observations)])
        let fits = try FitStudy.run(set, settings: FitSettings(model: .auto))
        let best = try #require(fits.first { $0.rank == 1 })
        let gompertz = try #require(fits.first { $0.model == "gompertz" })
        #expect(gompertz.rank == nil && gompertz.status == "not_identified")
        #expect(try #require(gompertz.aicc) < best.aicc! - 2)
        #expect(best.notes.contains { $0.hasPrefix("Gompertz fits closer (AICc ") && $0.contains("but is not ranked, as its status is not identified") })
        #expect(fits.filter { $0.rank != 1 }.allSatisfy { fit in !fit.notes.contains { $0.contains("fits closer") } })
        // Where every unranked fit is worse than the best, none.
        let room = try FitStudy.run(ModelRankingTests.set(ModelRankingTests.roomAirConditioners), settings: FitSettings(model: .auto))
        #expect(room.allSatisfy { fit in !fit.notes.contains { $0.contains("fits closer") } })
    }

    @Test("a lower AICc from a smaller penalty alone, with a larger RSS (a flat exponential on six colour TV years), is not called closer")
    func lowerPenaltyAlone() throws {
        // Colour TV's first six years (Data/series/color_tv_1963_1970.csv).
        let observations = [747.0, 1480, 2646, 5118, 5777, 5982].enumerated().map {
            Observation(x: 1963 + Double($0.offset), y: $0.element, line: $0.offset + 2)
        }
        let set = ObservationSet(source: "tv.csv", xColumn: "year", yColumn: "value", series: [Series(name: nil, observations: observations)])
        let fits = try FitStudy.run(set, settings: FitSettings(model: .auto))
        let best = try #require(fits.first { $0.rank == 1 })
        let exponential = try #require(fits.first { $0.model == "exponential" })
        // The situation: unranked, its AICc well below the best's, its RSS far above.
        #expect(exponential.rank == nil && exponential.aicc! < best.aicc! - 2 && exponential.rss! > 10 * best.rss!)
        #expect(!best.notes.contains { $0.contains("fits closer") }, "\(best.notes)")
    }
}

/// A curve's exact values, rounded to doubles, are met to rounding by every model that contains the
/// curve: their RSS differ by rounding, which decides no status and carries a note.
@Suite("A curve's exact values")
struct ExactValuesTests {
    /// Bass m = 1000, p = 0.03, q = 0.4, per period for 15 periods: m·[F(t) − F(t−1)], F the Bass
    /// cumulative share (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}) (Bass 1969).
    static func exactBass(periods: Int = 15) -> ObservationSet {
        let m = 1000.0, p = 0.03, q = 0.4
        func share(_ t: Double) -> Double {
            let e = Foundation.exp(-(p + q) * t)
            return (1 - e) / (1 + q / p * e)
        }
        let observations = (1...periods).map { t in
            Observation(x: 2000 + Double(t), y: m * (share(Double(t)) - share(Double(t - 1))), line: t + 1)
        }
        return ObservationSet(source: "exact.csv", xColumn: "year", yColumn: "adopters",
                              series: [Series(name: nil, observations: observations)])
    }

    // On per-period data the logistic is Bass with M = m(p + q)/q = 1075, k = p + q = 0.43 and
    // t0 = ln(q/p)/(p + q) = 6.0238788… after launch; the Richards curve is the logistic at ν = 1.
    @Test("every model containing the curve converges on it, none is refused for rounding, and each carries the note")
    func exactValues() throws {
        let fits = try FitStudy.run(Self.exactBass(), settings: FitSettings(model: .auto))
        for name in ["bass", "logistic", "richards"] {
            let fit = try #require(fits.first { $0.model == name })
            #expect(fit.status == "converged" && fit.rank != nil, "\(name): \(fit.status) \(fit.message)")
            #expect(fit.notes.contains { $0.hasPrefix("the curve meets the data to rounding") }, "\(name): \(fit.notes)")
        }
        let logistic = try #require(fits.first { $0.model == "logistic" }).parameters
        let t0 = Foundation.log(0.4 / 0.03) / 0.43
        for (parameter, want) in zip(logistic, [1075, 0.43, t0]) {
            #expect(abs(parameter.estimate! - want) <= 1e-9 * want, "\(parameter.name): \(parameter.estimate!) vs \(want)")
        }
        let richards = try #require(fits.first { $0.model == "richards" }).parameters
        #expect(abs(richards[3].estimate! - 1) <= 1e-9, "ν = \(richards[3].estimate!)")
        // The Gompertz curve does not contain it: no note.
        let gompertz = try #require(fits.first { $0.model == "gompertz" })
        #expect(!gompertz.notes.contains { $0.contains("to rounding") })
    }

    @Test("observations lie far above what rounding leaves: no note on the room air conditioners")
    func realData() throws {
        let set = ModelRankingTests.set()
        for fit in try FitStudy.run(set, settings: FitSettings(model: .auto)) {
            #expect(!fit.notes.contains { $0.contains("to rounding") }, "\(fit.model)")
        }
    }
}

/// The Durbin–Watson statistic against values worked out by hand, and the note it raises.
@Suite("Residuals in long stretches")
struct AutocorrelationTests {
    @Test("d = Σ(eₜ − eₜ₋₁)² / Σeₜ²", arguments: [
        ([1.0, -1, 1, -1], 3.0),          // (4 + 4 + 4) / 4
        ([1.0, 1, 1, 1], 0.0),
        ([1.0, 2, -1, 0.5], 12.25 / 6.25), // (1 + 9 + 2.25) / (1 + 4 + 1 + 0.25)
    ])
    func statistic(_ e: [Double], _ d: Double) throws {
        #expect(abs(try #require(FitStudy.durbinWatson(e)) - d) < 1e-15)
    }

    @Test("a note below d = 1 with eight residuals or more, naming running totals")
    func note() throws {
        let runs: [Double] = [1, 1, 1, 1, -1, -1, -1, -1]   // d = 4/8
        let note = try #require(FitStudy.autocorrelationNote(runs, form: .cumulative))
        #expect(note.contains("Durbin–Watson d = 0.5") && note.contains("running totals"))
        #expect(FitStudy.autocorrelationNote(runs, form: .perPeriod)?.contains("running totals") == false)
        #expect(FitStudy.autocorrelationNote(Array(runs.prefix(7)), form: .cumulative) == nil)
        #expect(FitStudy.autocorrelationNote([1, -1, 1, -1, 1, -1, 1, -1], form: .cumulative) == nil)
    }
}

/// Running totals may skip periods (a census every fifth year); so may per-period values (sales in
/// selected years), each fitted as its own period's, with a note in case they are totals since the
/// observation before.
@Suite("Gaps between periods")
struct PeriodGapTests {
    static func set(every step: Double, values: [Double]) -> ObservationSet {
        var observations: [Observation] = []
        for (i, y) in values.enumerated() { observations.append(Observation(x: 1950 + step * Double(i), y: y, line: i + 2)) }
        return ObservationSet(source: "gaps.csv", xColumn: "year", yColumn: "adopters", series: [Series(name: nil, observations: observations)])
    }

    @Test("values every fifth year are fitted; per-period ones carry a note")
    func everyFifthYear() throws {
        let totals: [Double] = [100, 900, 4200, 9800, 13600, 15100, 15600]
        let cumulative = try #require(try FitStudy.run(Self.set(every: 5, values: totals),
                                                      settings: FitSettings(model: .model(.bass), form: .cumulative)).first)
        #expect(cumulative.converged && !cumulative.notes.contains { $0.hasPrefix("no two observations") })
        let sales: [Double] = [10, 60, 150, 120, 40, 10]
        let perPeriod = try #require(try FitStudy.run(Self.set(every: 5, values: sales),
                                                     settings: FitSettings(model: .model(.bass))).first)
        #expect(perPeriod.notes.contains { $0.hasPrefix("no two observations are consecutive periods (the closest are 5 apart)") })
    }

    /// Yearly sales from 1950 (a Bass curve's, m = 1000, p = 0.02, q = 0.5, rounded), or their running
    /// totals, without the years `dropping`.
    static func sales(dropping: Set<Int>, cumulative: Bool = false) -> ObservationSet {
        func f(_ t: Double) -> Double { (1 - exp(-0.52 * t)) / (1 + 25 * exp(-0.52 * t)) }
        var observations: [Observation] = []
        for i in 0..<14 where !dropping.contains(1950 + i) {
            let before = cumulative ? 0 : f(Double(i))
            let y = (1000 * (f(Double(i + 1)) - before)).rounded()
            observations.append(Observation(x: Double(1950 + i), y: y, line: observations.count + 2))
        }
        return ObservationSet(source: "sales.csv", xColumn: "year", yColumn: "adopters",
                              series: [Series(name: nil, observations: observations)])
    }

    /// Years dropped, the note's start, and whether a note remains with the last three rows held out.
    static let missingYears: [(Set<Int>, String?, Bool)] = [
        ([], nil, false),
        ([1953], "one period inside the series has no row (1953): the fit leaves it out, and the curve counts its adopters all the same "
            + "(in m and in the running totals after it, not in the observed total; the curve's table lists the periods observed)", true),
        ([1953, 1956, 1957], "3 periods inside the series have no row (1953, 1956–1957): the fit leaves them out", true),
        // Held out, the rows fitted (1950–1958, every other year) have no two consecutive: a note of its own.
        ([1951, 1953, 1955, 1957, 1959, 1961], "6 periods inside the series have no row (1951, 1953, 1955, 1957, 1959, …)", false),
        // Not inside: the series starts later or ends sooner.
        ([1950, 1963], nil, false),
        // Among the last three rows, which the holdout keeps out of the fit.
        ([1961], "one period inside the series has no row (1961)", false),
    ]

    @Test("per-period years with no row inside the series are named in a note", arguments: missingYears)
    func missingYear(_ dropping: Set<Int>, _ expected: String?, _ heldOut: Bool) throws {
        let fit = try #require(try FitStudy.run(Self.sales(dropping: dropping), settings: FitSettings(model: .model(.bass))).first)
        #expect(fit.converged)
        let notes = fit.notes.filter { $0.contains("inside the series") }
        if let expected {
            #expect(notes.count == 1 && notes[0].hasPrefix(expected), "\(notes)")
        } else {
            #expect(notes.isEmpty, "\(notes)")
        }
        let held = try #require(try FitStudy.run(Self.sales(dropping: dropping), settings: FitSettings(model: .model(.bass), holdout: 3)).first)
        #expect(held.notes.contains { $0.contains("inside the series") } == heldOut, "\(held.notes)")
        // Running totals may skip a year: each is the total to date all the same.
        let cumulative = try #require(try FitStudy.run(Self.sales(dropping: dropping, cumulative: true),
                                                      settings: FitSettings(model: .model(.logistic), form: .cumulative)).first)
        #expect(!cumulative.notes.contains { $0.contains("inside the series") })
    }

    /// A distant x is refused only when it reads as a neighbour mistyped (`BadInputTests` has those);
    /// a launch figure long before the rest is data.
    /// A launch-day figure before days 200–214 (running totals), and an invention year before 1990–1996.
    static let distant: [([Double], DataForm)] = [
        ([1] + (200...214).map { Double($0) }, .cumulative),
        ([1876] + (1990...1996).map { Double($0) }, .perPeriod),
    ]

    @Test("one observation far from the rest, and no neighbour mistyped, is fitted", arguments: distant)
    func distantObservation(_ xs: [Double], _ form: DataForm) throws {
        let perPeriod: [Double] = [1, 10, 40, 90, 150, 120, 60, 30]
        let ys: [Double] = xs.indices.map { i in form == .cumulative ? 5 + 40 * Double(i * i) : perPeriod[i] }
        let observations = zip(xs, ys).enumerated().map { Observation(x: $1.0, y: $1.1, line: $0 + 2) }
        let set = ObservationSet(source: "far.csv", xColumn: "year", yColumn: "adopters",
                                 series: [Series(name: nil, observations: observations)])
        let fits = try FitStudy.run(set, settings: FitSettings(model: .model(.logistic), form: form))
        #expect(fits.count == 1)
    }

    static func years(_ r: ClosedRange<Int>) -> [Double] { r.map { Double($0) } }

    @Test("a mistyped x: a digit too many, too few or wrong, or two swapped",
          arguments: [(19590.0, years(1950...1958), true), (195, years(1950...1958), true), (20020, years(2015...2019), true),
                      (220, years(2015...2019), true), (2920, years(2015...2019), true), (3001, years(1995...2000), true),
                      (1, years(200...214), false), (1876, years(1990...1996), false), (1879, years(1985...1992), false),
                      (180, years(1...14), false), (120, years(1...9), false)])
    func mistyped(_ x: Double, _ others: [Double], _ expected: Bool) {
        #expect(FitStudy.looksMistyped(x, as: others) == expected)
    }
}

@Suite("A parameter held on its limit")
struct HeldParameterTests {
    /// The room air conditioners want a Richards shape below 0 (the Gompertz side): ν is held at 0
    /// and reported as 0, not as the 3e-15 the solver's transformed coordinate reaches.
    @Test("Richards held at ν = 0 reports ν = 0")
    func heldAtZero() throws {
        let set = ModelRankingTests.set()
        let fit = try #require(try FitStudy.run(set, settings: FitSettings(model: .model(.richards))).first)
        #expect(fit.status == "at_bound")
        #expect(fit.parameters.first { $0.name == "nu" }?.estimate == 0)
    }
}
