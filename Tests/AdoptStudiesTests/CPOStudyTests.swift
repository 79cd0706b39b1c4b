import Foundation
import Testing
import AdoptScenario
import AdoptionModels
@testable import AdoptStudies
import TestSupport

/// The shipped baseline, loaded once.
let baseline: Scenario = {
    let path = Fixtures.repositoryRoot.appendingPathComponent("Data/scenarios/cpo-baseline.toml").path
    return try! ScenarioLoader.load(contentsOfFile: path)
}()

/// The forecast of `s` as `adopt forecast` makes it, without input records.
func forecast(_ s: Scenario, _ settings: ForecastSettings = ForecastSettings()) -> ForecastReport {
    try! ForecastStudy.run(s, settings: settings, inputs: [])
}

/// The baseline without calibration or draws: fast and fully determined by the file.
func uncalibrated(_ s: Scenario = baseline) -> Scenario {
    var s = s
    s.calibration.enabled = false
    s.study.draws = 0
    return s
}

@Suite("CPO engine")
struct CPOEngineTests {
    @Test("shares are in [0, 1] and sum to 1 per segment and year")
    func conservation() {
        let engine = CPOEngine(uncalibrated())
        let states = engine.run(engine.scenarioVector, effects: .none, years: 2020...2035)
        for state in states {
            for segment in SegmentID.allCases {
                let shares = state.shares[segment]!
                #expect(shares.values.allSatisfy { $0 >= 0 && $0 <= 1 })
                #expect(abs(shares.values.reduce(0, +) - 1) < 1e-12, "\(segment) \(state.year)")
                // Cumulative adoption never exceeds the potential (the ceiling).
                #expect(shares[.cpo]! <= state.ceiling[segment]! + 1e-12)
            }
        }
    }

    @Test("Norton–Bass shares telescope to 1 for any adoption levels",
          arguments: [(0.0, 0.0, 0.0), (1, 1, 1), (0.3, 0.2, 0.7), (0.9, 0.05, 0.4)])
    func telescoping(levels: (Double, Double, Double)) {
        let s = Substitution.shares(lpo: levels.0, npo: levels.1, cpo: levels.2)
        #expect(abs(s.values.reduce(0, +) - 1) < 1e-15)
        #expect(s[.cpo] == levels.2)
    }

    /// With w = 0 the enterprise segment is a plain Bass curve, so its CPO share is
    /// ceiling × F_Bass(year + 0.5 − introduction) in closed form.
    @Test("enterprise with no hyperscale influence follows the Bass closed form")
    func closedForm() {
        let engine = CPOEngine(uncalibrated())
        var θ = engine.scenarioVector
        θ[4] = 0
        let states = engine.run(θ, effects: .none, years: 2024...2035)
        let ceiling = baseline.segments[.enterprise]!.ceiling
        for state in states {
            let t = Double(state.year) + 0.5 - engine.cpoIntroduction
            let bass = BassModel().value(at: t, parameters: [1, θ[2], θ[3]])
            #expect(abs(state.shares[.enterprise]![.cpo]! - ceiling * bass) < 1e-10)
        }
    }

    @Test("hyperscalers influence enterprises, not the other way round")
    func oneWayInfluence() {
        let engine = CPOEngine(uncalibrated())
        let base = engine.scenarioVector
        var faster = base
        faster[2] *= 3   // enterprise p
        faster[3] *= 2   // enterprise q
        let a = engine.run(base, effects: .none, years: 2026...2035)
        let b = engine.run(faster, effects: .none, years: 2026...2035)
        for (x, y) in zip(a, b) {
            // Equal to the integrator's tolerance: the coupled system shares one step-size control.
            #expect(abs(x.shares[.hyperscale]![.cpo]! - y.shares[.hyperscale]![.cpo]!) < 1e-10)
            #expect(y.shares[.enterprise]![.cpo]! > x.shares[.enterprise]![.cpo]!)
        }
    }
}

@Suite("The report window")
struct ReportWindowTests {
    /// A wider window must not move the years both windows show: prices are quoted for
    /// `asp_year` and demand growth settles in `long_run_year`, not at the window's ends.
    @Test("widening or narrowing the window leaves the shared years unchanged",
          arguments: [(2026, 2035), (2024, 2040), (2028, 2031)])
    func sharedYears(window: (Int, Int)) throws {
        var wide = uncalibrated()
        wide.study.firstYear = window.0
        wide.study.lastYear = window.1
        let a = forecast(uncalibrated()).forecast
        let b = forecast(wide).forecast
        var compared = 0
        for row in a {
            guard let other = b.first(where: { $0.segment == row.segment && $0.technology == row.technology
                && $0.year == row.year }) else { continue }
            compared += 1
            func close(_ x: Double, _ y: Double) -> Bool { abs(x - y) <= 1e-9 * max(1, abs(x)) }
            #expect(close(row.share, other.share), "\(row.segment) \(row.technology) \(row.year)")
            #expect(close(row.ports, other.ports), "\(row.segment) \(row.technology) \(row.year)")
            #expect(close(row.revenue, other.revenue), "\(row.segment) \(row.technology) \(row.year)")
            #expect(close(row.powerSavedMW, other.powerSavedMW), "\(row.segment) \(row.technology) \(row.year)")
        }
        let shared = min(2035, window.1) - max(2026, window.0) + 1
        #expect(compared == shared * SegmentID.allCases.count * TechnologyID.allCases.count)
    }

    @Test("the shipped scenarios fix the price year and the year growth settles")
    func shippedKeys() {
        #expect(baseline.technologies.values.allSatisfy { $0.aspYear == 2026 })
        #expect(baseline.demand.longRunYear == 2035)
    }

    /// The ports file ends in 2026: 25 % growth in 2027, falling linearly to 8 % in 2035, then flat.
    @Test("demand growth falls linearly from growth_after_data to long_run_growth in long_run_year")
    func taper() {
        let demand = DemandModel(baseline.demand)
        for year in 2027...2040 {
            let expected = year >= 2035 ? 0.08 : 0.25 + (0.08 - 0.25) * Double(year - 2027) / 8
            #expect(abs(demand.growth(in: Double(year)) - expected) < 1e-15, "\(year)")
        }
        var ports = 67.5
        for year in 2027...2030 { ports *= 1 + demand.growth(in: Double(year)) }
        #expect(abs(demand.totalPorts(in: 2030) - ports) < 1e-12 * ports)
        // 67.5 × 1.25 × 1.22875 × 1.2075 × 1.18625, by hand.
        #expect(abs(demand.totalPorts(in: 2030) - 67.5 * 1.25 * 1.22875 * 1.2075 * 1.18625) < 1e-9)
        var early = baseline.demand
        early.longRunYear = 2020
        #expect(DemandModel(early).growth(in: 2027) == 0.08)
    }

    /// CPO's price: 700 USD in 2026, 12 % less a year.
    @Test("prices decline from asp_usd in asp_year")
    func prices() throws {
        let cpo = try #require(baseline.technologies[.cpo])
        #expect(cpo.asp(at: 2026) == 700)
        #expect(abs(cpo.asp(at: 2028) - 700 * 0.88 * 0.88) < 1e-12)
        var moved = cpo
        moved.aspYear = 2030
        #expect(moved.asp(at: 2030) == 700)
        #expect(abs(moved.asp(at: 2029) - 700 / 0.88) < 1e-12)
    }
}

@Suite("Stage years")
struct StageYearTests {
    static func thresholdYears(_ s: Scenario) -> [String: Int?] {
        let report = forecast(s)
        var years: [String: Int?] = [:]
        for row in report.stages where row.rule == "share_threshold" { years[row.segment + " " + row.stage] = row.year }
        return years
    }

    /// The first year a share threshold is crossed is a property of the adoption path, not of
    /// how many years of installed base the report keeps before its window.
    @Test("a threshold crossed before the report's window is found in its own year, whatever the port lifetime",
          arguments: [2023.0, 2010.0])
    func lifetimeIndependent(introduction: Double) throws {
        var s = uncalibrated()
        s.technologies[.cpo]!.introductionYear = introduction
        var reference: [String: Int?]? = nil
        for lifetime in [1, 5, 30] {
            s.demand.portLifetimeYears = lifetime
            let years = Self.thresholdYears(s)
            if let reference { #expect(years == reference, "lifetime \(lifetime)") } else { reference = years }
        }
        // Introduced in 2010 with hyperscale p = 0.02 and q = 0.6, hyperscalers pass 2.5 % of
        // their ports long before 2026.
        if introduction == 2010 {
            let year = try #require(reference?["hyperscale acceptance"] ?? nil)
            #expect(year < 2020)
        }
    }

    /// A slowdown that starts while adoption still speeds up makes its window's start the fastest
    /// point, and its end the steepest fall: the stage table says the ramp put them there.
    @Test("a Bass point on the edge of a wildcard's window says so; the curve's own turns do not")
    func pointOnWindowEdge() throws {
        var s = baseline
        let k = try #require(s.wildcards.firstIndex { $0.id == "laser_reliability" })
        (s.wildcards[k].windowStart, s.wildcards[k].windowEnd, s.wildcards[k].enabled) = (2045, 2047, true)
        let report = forecast(s, ForecastSettings(draws: 0))
        let points = report.stages.filter { $0.segment == "hyperscale" && $0.rule == "bass_characteristic_point" }
        let peak = try #require(points.first { $0.stage == "dependency" })
        #expect(abs(try #require(peak.time) - 2045) < 1e-6)
        #expect(peak.note == "at the edge of a wildcard's window, 2045: the ramp, not a turn of the curve, puts it there")
        // Such a point says nothing of the stage: it neither agrees nor disagrees with the narrative.
        #expect(peak.disagrees == nil)
        // The takeoff, before the window, is where it is without the wildcard, and says nothing of it.
        let takeoff = try #require(points.first { $0.stage == "acceptance" })
        let plain = try #require(forecast(baseline, ForecastSettings(draws: 0)).stages.first {
            $0.segment == "hyperscale" && $0.rule == "bass_characteristic_point" && $0.stage == "acceptance"
        })
        #expect(takeoff.note == plain.note && takeoff.note?.contains("wildcard") != true)
        #expect(abs(try #require(takeoff.time) - (try #require(plain.time))) < 1e-6)
    }

    @Test("a threshold is labelled with the digits it needs", arguments: [(0.025, "2.5 %"), (0.16, "16 %"), (0.5, "50 %"),
                                                                          (0.0125, "1.25 %"), (0.99999, "99.999 %")])
    func thresholdLabel(share: Double, label: String) {
        #expect(percentText(share) == label)
    }

    /// "After 2030" against a narrative of 2032 is no disagreement; "after 2035" against 2032 is,
    /// whatever the tolerance: the stage may come decades after the horizon.
    @Test("a stage after the horizon agrees only with a narrative year after it, whatever the tolerance",
          arguments: [(nil, 2032, 2030, false), (nil, 2032, 2035, true), (nil, 2036, 2035, false), (nil, 2035, 2035, true), (nil, 2034, 2035, true),
                      (2033, 2032, 2035, false), (2034, 2032, 2035, true)] as [(Int?, Int, Int, Bool)])
    func disagreement(year: Int?, narrative: Int, horizon: Int, expected: Bool) {
        #expect(StageRules.disagrees(year.map(Double.init), narrative, 1, horizon: horizon) == expected)
        if year == nil { #expect(StageRules.disagrees(nil, narrative, 10, horizon: horizon) == expected) }
    }

    @Test("a stage not reached says how far it was sought")
    func horizons() {
        let report = forecast(uncalibrated())
        for row in report.stages {
            #expect(row.horizonYear == (row.rule == "share_threshold" ? 2035 : 2055), "\(row.rule)")
        }
    }
}

@Suite("Wildcard differences")
struct WildcardDifferenceTests {
    /// The power difference must count the installed base from before the window: the JSON's
    /// difference equals the power saved by a run with the wildcard on minus one with it off.
    @Test("the power-saved difference equals two runs' difference", arguments: ["vendor_lock_in", "copper_in_rack", "small_models"])
    func powerDifference(id: String) throws {
        let settings = ForecastSettings()
        let off = forecast(uncalibrated(), settings)
        let on = forecast(uncalibrated(), ForecastSettings(wildcardOverrides: [id: true]))
        func power(_ r: ForecastReport, _ year: Int) -> Double {
            r.forecast.filter { $0.technology == "cpo" && $0.year == year }.reduce(0) { $0 + $1.powerSavedMW }
        }
        let rows = off.wildcards.filter { $0.wildcard == id }
        #expect(rows.count == 10)
        for row in rows {
            let rerun = power(on, row.year) - power(off, row.year)
            #expect(abs(row.powerSavedDifferenceMW - rerun) <= 1e-9 * max(1, abs(rerun)), "\(id) \(row.year)")
        }
    }

    @Test("a wildcard that changes nothing is reported as having no effect", arguments: ["laser_reliability", "standards", "small_models"])
    func noEffect(id: String) throws {
        var s = uncalibrated()
        let k = try #require(s.wildcards.firstIndex { $0.id == id })
        s.wildcards[k].multiplier = 1
        let report = forecast(s)
        let rows = report.wildcards.filter { $0.wildcard == id }
        #expect(!rows.isEmpty && rows.allSatisfy { !$0.hasEffect && !$0.directionHolds })
        let others = report.wildcards.filter { $0.wildcard != id }
        #expect(others.allSatisfy { $0.hasEffect })
    }

    /// Before their window (2027 on) small models change nothing; switched on, their contribution
    /// there is 0, not −0.
    @Test("a wildcard switched on contributes 0, not −0, where it changes nothing")
    func noEffectSwitchedOn() throws {
        let id = "small_models"
        var s = uncalibrated()
        let k = try #require(s.wildcards.firstIndex { $0.id == id })
        s.wildcards[k].enabled = true
        let unchanged = forecast(s).wildcards.filter { $0.wildcard == id && $0.cpoShareDifference == 0 }
        #expect(!unchanged.isEmpty && unchanged.allSatisfy { $0.switched == "off" })
        #expect(unchanged.allSatisfy { $0.expectedShareContribution == 0 && $0.expectedShareContribution.sign == .plus })
    }
}

@Suite("The brief's claims table")
struct ClaimTableTests {
    /// Every figure in the table comes from the scenario: other claims and field data, other text.
    @Test("claims and field figures are the scenario's, not the baseline's")
    func fromScenario() throws {
        var s = uncalibrated()
        s.power.claimedWattsPerPort = ClosedRangeWithCentre(low: 2, central: 3, high: 8)
        s.power.fieldWattsPerPort = 10
        s.power.fieldSource = nil
        s.power.fieldFractionSaved = nil
        let claims = forecast(s).claims
        #expect(claims.count == 5)
        #expect(claims[0].brief == "2–8 W")
        #expect(claims[0].field == "10 W")
        // 51.2T: 64 ports × 2–8 W = 128–512 W against the brief's 200–500 W per switch.
        #expect(claims[1].verdict == "model above the brief's per-switch range; the brief's figures are only partly consistent: "
                + "2–8 W per port gives 128–512 W here")
        #expect(claims[1].field == "640 W (the field figure per port × 64 ports)")
        #expect(claims[2].field == "1280 W (the field figure per port × 128 ports)")
        #expect(claims[4].field == nil)
        s.power.fieldWattsPerPort = 0
        let none = forecast(s).claims
        #expect(none.allSatisfy { $0.field == nil })
        #expect(!claims.contains { ($0.field ?? "").contains("Lambda") || $0.verdict.contains("5–15") })
        // The shipped baseline names its sources.
        let shipped = forecast(uncalibrated()).claims
        #expect(shipped[0].field == "21.2 W (Lambda, Quantum-X Photonics: 3.05 kW saved per 144-port switch, switch plus optics)")
        #expect(shipped[4].field?.hasPrefix("30 %–44 % (system level") == true)
    }

    /// CPO at 20–22 W against pluggables at 14–16 W: a negative saving, its range written with "to".
    @Test("a negative saving's range reads 'low to high', not a dash beside a minus sign")
    func negativeRange() {
        var s = uncalibrated()
        s.technologies[.cpo]!.wattsPerPort = ClosedRangeWithCentre(low: 20, central: 21, high: 22)
        let claims = forecast(s).claims
        #expect(claims[0].model == "-6 W (-8 to -4 W: pluggable 15 W vs CPO 21 W)")
        // 1 − 22/14 and 1 − 20/16.
        #expect(claims[4].model == "-40 % of optics power (-57 % to -25 %)")
    }

    /// The fraction saved is 1 − CPO/pluggable watts at the ends of both ranges: 1 − 3/14 = 79 % to
    /// 1 − 1/16 = 94 % for CPO at 1–3 W against 14–16 W (dividing the ends of the saving by the
    /// pluggable's opposite ends gave 69 %–107 %).
    @Test("the fraction of power saved stays within 100 %, its ends from the watts' ends")
    func fractionSavedRange() {
        var s = uncalibrated()
        s.technologies[.cpo]!.wattsPerPort = ClosedRangeWithCentre(low: 1, central: 2, high: 3)
        #expect(forecast(s).claims[4].model == "87 % of optics power (79 %–94 %)")
        #expect(forecast(uncalibrated()).claims[4].model == "53 % of optics power (36 %–66 %)")
    }
}

@Suite("Calibration without anchors")
struct NoAnchorTests {
    /// Introduced in 2040, CPO has no anchor after its introduction: the priors alone are no calibration.
    @Test("every anchor unused is reported, not called converged")
    func noneUsable() {
        var s = baseline
        s.study.draws = 50
        s.technologies[.cpo]!.introductionYear = 2040
        let report = forecast(s)
        #expect(report.calibrationStatus == "no usable anchors")
        #expect(report.notes.contains { $0.contains("no usable anchors") })
        #expect(report.notes.contains { $0.contains("no 5–95 % bands") && $0.contains("no anchor was usable") })
        #expect(report.draws == 0)
    }
}

@Suite("Anchors of zero")
struct ZeroAnchorTests {
    @Test("an anchor of 0 is left out with its own reason")
    func zeroAnchor() throws {
        var s = baseline
        s.study.draws = 0
        let k = try #require(s.calibration.anchors.lastIndex { $0.year >= 2028 })
        s.calibration.anchors[k].value = 0
        let report = forecast(s)
        #expect(report.notes.contains { $0.contains("is 0") && $0.contains("log scale") })
        #expect(!report.notes.contains { $0.contains("before CPO's introduction") && $0.contains("\(Int(s.calibration.anchors[k].year))") })
        #expect(["converged", "at_bound"].contains(report.calibrationStatus))
    }
}

@Suite("Wildcards move results the documented way")
struct WildcardDirectionTests {
    static let ids: [String] = baseline.wildcards.map(\.id)

    @Test("each wildcard's difference has its documented sign", arguments: ids)
    func direction(id: String) throws {
        let report = forecast(uncalibrated())
        let rows = report.wildcards.filter { $0.wildcard == id }
        let last = try #require(rows.last)
        #expect(last.directionHolds, "\(id): share Δ \(last.cpoShareDifference), ports Δ \(last.cpoPortsDifference)")
        let wildcard = try #require(baseline.wildcards.first { $0.id == id })
        let moved = wildcard.target == .demand ? last.cpoPortsDifference : last.cpoShareDifference
        #expect(moved * Double(wildcard.expectedDirection) > 0)
    }

    @Test("switching a wildcard on through the settings changes the forecast")
    func overrides() throws {
        let off = forecast(uncalibrated())
        let on = forecast(uncalibrated(), ForecastSettings(wildcardOverrides: ["copper_in_rack": true]))
        let a = off.forecast.filter { $0.technology == "cpo" && $0.year == 2035 }.map(\.share)
        let b = on.forecast.filter { $0.technology == "cpo" && $0.year == 2035 }.map(\.share)
        #expect(zip(a, b).allSatisfy { $1 < $0 })
        #expect(on.enabledWildcards == ["copper_in_rack"])
    }
}

@Suite("Calibration")
struct CalibrationTests {
    /// Anchors generated by the model itself from known parameters must give those parameters back.
    @Test("recovers known parameters from synthetic anchors")
    func recovery() throws {
        var s = uncalibrated()
        s.calibration.enabled = true
        s.calibration.optimismCorrection = false
        let truth: [Double] = [0.03, 0.7, 0.008, 0.5, 0.65]
        let engine = CPOEngine(s)
        var anchors: [Anchor] = []
        for year in stride(from: 2025.0, through: 2034, by: 1) {
            for segment in SegmentID.allCases {
                anchors.append(Anchor(year: year, metric: .cpoShare, segment: segment, value: 0, vintage: 2026,
                                      quality: "P", source: "synthetic", line: 0))
            }
        }
        let predictor = AnchorPredictor(engine: engine, effects: .none,
                                        anchors: anchors.map { UsableAnchor(anchor: $0, year: $0.year, sigma: 0.01) })
        let values = predictor.predict(truth).values
        for i in anchors.indices { anchors[i].value = values[i] }
        s.calibration.anchors = anchors
        // Wide priors: the anchors, not the priors, must decide.
        let outcome = CPOCalibration.calibrate(CPOEngine(s), effects: .none, priorWidening: 1e4)
        #expect(outcome.status == "converged", "\(outcome.status)")
        for (estimate, value) in zip(outcome.θ, truth) {
            #expect(relativeDifference(estimate, value) < 1e-5, "\(outcome.θ) vs \(truth)")
        }
    }

    /// A revenue anchor whose scope takes in NPO is met by CPO's and NPO's revenue together: at whole
    /// years the prediction is the forecast's own ports × shares × prices of the two (over both segments,
    /// or the one named), and at any year, whole or moved by the slip correction (2028.9), its gradient
    /// is the difference quotient's.
    @Test("a CPO and NPO revenue anchor is predicted as the forecast's CPO and NPO revenue, with its gradient",
          arguments: [(2027.0, nil), (2030.0, nil), (2033.0, nil), (2030.0, SegmentID.hyperscale), (2031.0, .enterprise),
                      (2028.9, nil), (2030.2, .enterprise)] as [(Double, SegmentID?)])
    func cpoNpoRevenue(_ year: Double, _ segment: SegmentID?) throws {
        let s = uncalibrated()
        let engine = CPOEngine(s)
        let θ = engine.scenarioVector
        let anchors = [AnchorMetric.cpoRevenue, .cpoNpoRevenue].map {
            UsableAnchor(anchor: Anchor(year: year, metric: $0, segment: segment, value: 1, vintage: 2026, quality: "P",
                                        source: "test", line: 0), year: year, sigma: 0.5)
        }
        let predictor = AnchorPredictor(engine: engine, effects: .none, anchors: anchors)
        let (values, gradients) = predictor.predict(θ)
        if year == year.rounded() {
            let state = try #require(engine.run(θ, effects: .none, years: Int(year)...Int(year)).first)
            func revenue(_ technology: TechnologyID) -> Double {
                let price = s.technologies[technology]!.asp(at: year) / 1000
                return (segment.map { [$0] } ?? SegmentID.allCases).reduce(0) {
                    $0 + state.segmentPorts[$1]! * state.shares[$1]![technology]! * price
                }
            }
            let (cpo, npo) = (revenue(.cpo), revenue(.npo))
            #expect(npo > 1e-4 * cpo, "NPO revenue \(npo) against CPO's \(cpo): too small to tell the anchors apart")
            #expect(relativeDifference(values[0], cpo) < 1e-9, "\(values[0]) vs \(cpo)")
            #expect(relativeDifference(values[1], cpo + npo) < 1e-9, "\(values[1]) vs \(cpo + npo)")
        } else {
            #expect(values[1] > values[0])
        }
        for j in 0..<5 {
            let h = 1e-6 * abs(θ[j])
            var up = θ, down = θ
            up[j] += h
            down[j] -= h
            let quotient = (predictor.predict(up).values[1] - predictor.predict(down).values[1]) / (2 * h)
            #expect(abs(gradients[1][j] - quotient) <= 1e-5 * max(abs(quotient), 1e-3 * values[1] / abs(θ[j])),
                    "∂/∂θ\(j): \(gradients[1][j]) vs \(quotient)")
        }
    }

    /// The scenario's hyperscale share steps from 0.50 (2028) to 0.60 (2029): enterprise ports fall while all
    /// ports grow, and a note says why; with the split held, no segment's ports fall and there is no note.
    @Test("a segment's ports falling while all ports grow are explained by the split, in a note")
    func segmentFallNote() throws {
        let note = try #require(forecast(uncalibrated()).notes.first { $0.contains("ports fall from") })
        #expect(note.hasPrefix("enterprise and colocation ports fall from 51.8 M in 2028 to 50.1 M in 2029 while all ports grow"),
                "\(note)")
        #expect(note.contains("moves from 0.5 to 0.6"))
        var held = uncalibrated()
        held.demand.hyperscaleShare = YearSeries(years: [2023], values: [0.5])
        #expect(!forecast(held).notes.contains { $0.contains("ports fall from") })
    }

    /// The anchors pull enterprise q onto hyperscale q (README): one coordinate held at its bound.
    @Test("the baseline calibrates, and every anchor and prior reports its pull")
    func baselinePulls() throws {
        let report = forecast(baseline, ForecastSettings(draws: 0))
        #expect(report.calibrationStatus == "at_bound")
        let leverages = report.pulls.compactMap(\.leverage)
        #expect(leverages.count == report.pulls.count)
        // The hat matrix's diagonal adds up to the number of parameters estimated: 5 less the one held.
        #expect(abs(leverages.reduce(0, +) - 4) < 1e-6)
        #expect(abs(report.pulls.map(\.objectiveShare).reduce(0, +) - 1) < 1e-9)
        // χ² is the sum of the squared standardized residuals, on the rows less the parameters estimated.
        let fit = try #require(report.calibrationFit)
        let chi2 = report.pulls.reduce(0) { $0 + $1.standardizedResidual * $1.standardizedResidual }
        #expect(abs(fit.chiSquare - chi2) <= 1e-9 * chi2)
        #expect(fit.degreesOfFreedom == report.pulls.count - 4)
        #expect(abs(fit.birgeRatio - (chi2 / Double(fit.degreesOfFreedom)).squareRoot()) < 1e-12)
        // Well above its degrees of freedom: the notes say the bands take the σ as given.
        #expect(report.notes.contains { $0.contains("Birge ratio") && $0.contains("conditional on them") })
        // Yole's 2020 estimate covers a year wholly before the introduction (2023).
        #expect(report.notes.contains { $0.contains("$0.006 bn in 2020") && $0.contains("falls before CPO's introduction") })
    }

    @Test("the slip correction moves forecasts by the years they were forecasts, and estimates of past years not at all",
          arguments: [(2030.0, 2025.7, 2026.9, 1.2), (2023.0, 2022.3, 2026.9, 1.7), (2023.0, 2023.11, 2026.9, 0.89),
                      (2024.0, 2025.7, 2026.9, 0.0), (2025.0, 2026.0, 2026.9, 0.0), (2026.0, 2026.5, 2026.9, 0.4)])
    func forecastAge(year: Double, vintage: Double, now: Double, age: Double) {
        let anchor = Anchor(year: year, metric: .cpoRevenue, segment: nil, value: 1, vintage: vintage, quality: "S",
                            source: "test", line: 1)
        #expect(abs(CPOCalibration.forecastAge(anchor, now: now) - age) < 1e-12)
    }

    /// Revenue in 2020 with CPO introduced 0.001 year before mid-2020: matching it at mid-year asked for a
    /// market-wide p of 2.6, outside the scenario's domain, and the calibration called that converged.
    @Test("an anchor for a year CPO entered part of the way through is not used")
    func anchorInTheIntroductionYear() throws {
        var s = baseline
        s.study.draws = 0
        s.technologies[.cpo]!.introductionYear = 2020.499
        let report = forecast(s)
        #expect(report.notes.contains { $0.contains("$0.006 bn in 2020") && $0.contains("falls in part before CPO's introduction") })
        let p = try #require(report.parameters.first { $0.segment == "hyperscale" && $0.name == "p" })
        #expect(p.estimate < 0.05, "hyperscale p \(p.estimate)")
        #expect(["converged", "at_bound"].contains(report.calibrationStatus))
    }

    /// A share of 80 % of all ports within a year of the introduction: no Bass curve with p ≤ 1 gives it.
    @Test("a mode outside the scenario's domain is reported as such, and the scenario's values are used")
    func modeOutsideTheDomain() throws {
        var s = baseline
        s.study.draws = 0
        s.calibration.anchors = [Anchor(year: 2023, metric: .cpoShare, segment: nil, value: 0.8, vintage: 2024.5, quality: "P",
                                        source: "test", line: 1)]
        let report = forecast(s)
        #expect(report.calibrationStatus == "outside_domain")
        #expect(report.notes.contains { $0.contains("outside the scenario's domain") && $0.contains("scenario's own values") })
        let p = try #require(report.parameters.first { $0.segment == "hyperscale" && $0.name == "p" })
        #expect(p.estimate == s.segments[.hyperscale]!.p && p.stdError == nil)
        // The pulls are the mode's: the one anchor, far beyond what the scenario's domain allows.
        let anchor = try #require(report.pulls.first { $0.kind == "anchor" })
        #expect(report.pulls.count == 1 + 5 && anchor.observed == 0.8)
        // Asked for bands, the report says why there are none: the mode, not identification.
        var drawn = s
        drawn.study.draws = 100
        let banded = forecast(drawn)
        #expect(banded.draws == 0)
        #expect(banded.notes.contains { $0.contains("there is none") && $0.contains("outside the model's domain") },
                "\(banded.notes)")
    }

    @Test("parameter intervals: closed forms for hyperscale p, q and w; enterprise ones drawn, and never above the hyperscalers'")
    func parameterIntervals() throws {
        let report = forecast(baseline, ForecastSettings(draws: 0))
        let rows = report.parameters
        try #require(rows.count == 5)
        // Hyperscale p = e^{u₀}: its 95 % interval is e^{u₀ ± 1.96·sd(u₀)}, sd(u₀) = se(p)/p by the delta method.
        for j in [0, 1] {
            let r = rows[j], se = try #require(r.stdError)
            #expect(relativeDifference(try #require(r.ciLow), r.estimate * exp(-1.959963984540054 * se / r.estimate)) < 1e-9)
            #expect(relativeDifference(try #require(r.ciHigh), r.estimate * exp(1.959963984540054 * se / r.estimate)) < 1e-9)
        }
        // Enterprise p ≤ hyperscale p and q ≤ q in every draw: the quantiles keep that order.
        #expect(try #require(rows[2].ciHigh) <= (try #require(rows[0].ciHigh)))
        #expect(try #require(rows[3].ciHigh) <= (try #require(rows[1].ciHigh)))
        for r in rows { #expect(try #require(r.ciLow) <= r.estimate && r.estimate <= (try #require(r.ciHigh)), "\(r.name)") }
        // A ratio held at 1/2 (a tiny variance): the enterprise interval is half the hyperscale one.
        let u = [log(0.01), log(0.3), 0, 0, 0]
        var covariance = [Double](repeating: 0, count: 25)
        for (j, v) in [0.04, 0.09, 1e-18, 1e-18, 0.25].enumerated() { covariance[j * 5 + j] = v }
        let intervals = ForecastStudy.parameterIntervals(u: u, covariance: covariance)
        for (enterprise, hyperscale) in [(2, 0), (3, 1)] {
            #expect(abs(intervals[enterprise].low / intervals[hyperscale].low - 0.5) < 1e-6)
            #expect(abs(intervals[enterprise].high / intervals[hyperscale].high - 0.5) < 1e-6)
        }
    }

    /// The integrated quantiles of e^A·logistic(B) against 400,000 seeded draws of (A, B) (their
    /// sampling error at the 2.5 % and 97.5 % quantiles is about 0.3 %).
    @Test("enterprise interval quantiles agree with Monte Carlo", arguments: [(0.5, 1.0, 0.3), (-1.0, 2.0, -0.6), (3.0, 0.2, 0.0)])
    func logProductQuantiles(_ mb: Double, _ vbb: Double, _ correlation: Double) {
        let (ma, vaa) = (log(0.02), 0.16)
        let vab = correlation * (vaa * vbb).squareRoot()
        var rng = AdoptStudies.SplitMix64(seed: UInt64(42))
        var values: [Double] = []
        for _ in 0..<400_000 {
            let z1 = rng.normal(), z2 = rng.normal()
            let b = mb + vbb.squareRoot() * z1
            let a = ma + vab / vbb.squareRoot() * z1 + (vaa - vab * vab / vbb).squareRoot() * z2
            values.append(a + ForecastStudy.logLogistic(b))
        }
        values.sort()
        for p in [0.025, 0.5, 0.975] {
            let integrated = ForecastStudy.logProductQuantile(p, mean: (ma, mb), covariance: (vaa, vab, vbb))
            let drawn = ForecastTables.quantile(values, p)
            #expect(abs(exp(integrated) / exp(drawn) - 1) < 0.01, "p = \(p): \(exp(integrated)) vs \(exp(drawn))")
        }
    }

    /// Without the slip correction the anchors drive enterprise q onto hyperscale q, its limit; with
    /// w = 0.9 they drive it to within 1e-9 of it. Both are the same mode on the boundary: held
    /// there, with the others' covariance conditional on it, whether logit(q₂/q₁) stopped at 21 or
    /// ran off to infinity.
    @Test("a calibration that runs enterprise q onto hyperscale q is at its bound, however near it stopped",
          arguments: [(false, 0.6), (true, 0.9)])
    func calibrationAtBound(correction: Bool, w: Double) throws {
        var s = baseline
        s.segments[.enterprise]!.influenceWeight = w
        let report = forecast(s, ForecastSettings(draws: 40, optimismCorrection: correction))
        #expect(report.calibrationStatus == "at_bound", "\(report.calibrationStatus)")
        let q = report.parameters.filter { $0.name == "q" }
        try #require(q.count == 2)
        #expect(relativeDifference(q[1].estimate, q[0].estimate) < 1e-6)
        // Enterprise q moves with hyperscale q alone: the same relative error and interval.
        #expect(relativeDifference(try #require(q[1].stdError) / q[1].estimate, try #require(q[0].stdError) / q[0].estimate) < 1e-6)
        #expect(relativeDifference(try #require(q[1].ciHigh), try #require(q[0].ciHigh)) < 1e-6)
        // Four parameters estimated: the leverages add up to 4; the bands are drawn.
        let leverages = report.pulls.compactMap(\.leverage)
        #expect(leverages.count == report.pulls.count && abs(leverages.reduce(0, +) - 4) < 1e-6)
        #expect(report.draws == 40 && report.forecast.contains { $0.shareLow != nil })
        #expect(report.notes.contains { $0.hasPrefix("calibration at a bound: enterprise q equals hyperscale q") })
    }

    // The vintages file: later forecasts predict later volume years.
    /// The scenario's p and q are one start among several, so a far-off value finds the same minimum.
    @Test("the calibration does not depend on the scenario's starting p", arguments: [0.0001, 0.5])
    func startIndependent(p: Double) throws {
        var far = baseline
        far.segments[.hyperscale]!.p = p
        far.study.draws = 0
        var near = baseline
        near.study.draws = 0
        let a = forecast(near)
        let b = forecast(far)
        for (x, y) in zip(a.parameters, b.parameters) {
            #expect(abs(x.estimate - y.estimate) <= 1e-4 * abs(x.estimate), "\(x.name) \(x.segment ?? ""): \(x.estimate) vs \(y.estimate)")
        }
    }

    @Test("forecast vintages show a positive slip")
    func slip() throws {
        let slip = try #require(CPOCalibration.vintageSlip(baseline.calibration.vintages, applied: true))
        #expect(slip.slipPerYear > 0)
    }

    // Two forecasts give a slope and no standard error: ten years of slip per year of vintage
    // from two points is measured but not applied. One vintage, or two of the same, give none.
    @Test("the slip is applied from three forecasts on, and measured from two vintages")
    func slipNeedsForecasts() throws {
        func vintage(_ v: Double, _ year: Double) -> ForecastVintage {
            ForecastVintage(vintage: v, predictedVolumeYear: year, quality: "S", source: "test")
        }
        let two = try #require(CPOCalibration.vintageSlip([vintage(2020, 2025), vintage(2021, 2035)], applied: true))
        #expect(two.slipPerYear == 10 && two.stdError == nil && !two.applied)
        let three = try #require(CPOCalibration.vintageSlip([vintage(2020, 2025), vintage(2021, 2026.5), vintage(2022, 2027.5)],
                                                            applied: true))
        // OLS on (0, 0), (1, 1.5), (2, 2.5) (numpy.polyfit agrees): slope 1.25, residuals −1/12, 1/6, −1/12,
        // RSS 1/24 on 1 degree of freedom over Sxx = 2: standard error √(1/48) = 0.1443….
        #expect(abs(three.slipPerYear - 1.25) < 1e-12 && three.applied)
        #expect(abs(try #require(three.stdError) - (1.0 / 48).squareRoot()) < 1e-12)
        // Slope 1 with residuals −3, 6, −3: standard error √54/√2 ≈ 5.2, within two of none.
        let noisy = try #require(CPOCalibration.vintageSlip([vintage(2020, 2025), vintage(2021, 2035), vintage(2022, 2027)],
                                                            applied: true))
        #expect(abs(noisy.slipPerYear - 1) < 1e-12 && !noisy.applied)
        #expect(CPOCalibration.vintageSlip([vintage(2020, 2025)], applied: true) == nil)
        #expect(CPOCalibration.vintageSlip([vintage(2020, 2025), vintage(2020, 2030)], applied: true) == nil)
    }
}

@Suite("Determinism")
struct DeterminismTests {
    @Test("the same scenario and seed give identical reports")
    func identical() {
        var s = baseline
        s.study.draws = 200
        let a = forecast(s)
        let b = forecast(s)
        #expect(a == b)
        #expect(a.forecast.contains { $0.shareLow != nil })
    }
}

@Suite("Energy, cost and the assumptions behind them")
struct EnergyTests {
    /// The installed base grows through the year: its energy is that of the base half-way between the
    /// year's start and end, not the year-end base's for a whole year.
    @Test("energy saved is the average of last year's and this year's power saved, × 8,760 h × PUE; cost × price")
    func energyAveraged() {
        let s = uncalibrated()
        let report = forecast(s)
        for segment in SegmentID.allCases {
            for technology in [TechnologyID.lpo, .npo, .cpo] {
                let rows = report.forecast.filter { $0.segment == segment.rawValue && $0.technology == technology.rawValue }
                    .sorted { $0.year < $1.year }
                #expect(rows.count == 10)
                for (a, b) in zip(rows, rows.dropFirst()) {
                    let expected = (a.powerSavedMW + b.powerSavedMW) / 2 * 8760 * s.power.pue / 1000
                    #expect(abs(b.energySavedGWh - expected) <= 1e-9 * max(1, expected), "\(segment) \(technology) \(b.year)")
                    #expect(abs(b.costSavedUSDm - b.energySavedGWh * s.power.priceUSDPerMWh / 1000) <= 1e-9 * max(1, b.costSavedUSDm))
                }
            }
        }
    }

    @Test("the report lists the values it takes as given, as the scenario has them")
    func assumptions() throws {
        let s = uncalibrated()
        let report = forecast(s)
        func row(_ key: String) throws -> AssumptionRow { try #require(report.assumptions.first { $0.key == key }, "\(key)") }
        #expect(try row("power.pue").value == s.power.pue)
        #expect(try row("power.price_usd_per_mwh").value == s.power.priceUSDPerMWh)
        #expect(try row("demand.port_lifetime_years").value == Double(s.demand.portLifetimeYears))
        let watts = try row("technologies.cpo.watts_per_port")
        #expect(watts.value == s.technologies[.cpo]!.wattsPerPort.central && watts.low == s.technologies[.cpo]!.wattsPerPort.low
                && watts.high == s.technologies[.cpo]!.wattsPerPort.high)
        #expect(try row("segments.enterprise.ceiling").value == s.segments[.enterprise]!.ceiling)
        #expect(try row("segments.hyperscale.elsfp_share").value == s.segments[.hyperscale]!.elsfpShare)
    }
}

@Suite("Saturation onset at the introduction")
struct SaturationAtLaunchTests {
    /// Hyperscalers follow plain Bass (no wildcard, no influence from enterprises): saturation onset
    /// ln((2 + √3)·q/p)/(p + q) after the introduction, at it when q/p ≤ 1/(2 + √3) ≈ 0.268.
    @Test("a rate that falls fastest at launch begins to saturate there; just above the limit, at the closed form",
          arguments: [(0.13, true), (0.14, false), (0.0, true)])
    func saturationAtLaunch(q: Double, atLaunch: Bool) throws {
        var s = uncalibrated()
        (s.segments[.hyperscale]!.p, s.segments[.hyperscale]!.q) = (0.5, q)
        let introduction = s.technologies[.cpo]!.introductionYear
        let row = try #require(forecast(s).stages.first {
            $0.segment == "hyperscale" && $0.rule == "bass_characteristic_point" && $0.stage == "optimization"
        })
        let time = try #require(row.time)
        if atLaunch {
            #expect(time == introduction && row.year == Int(introduction))
            #expect(row.note == "at the introduction: the adoption rate falls fastest at launch")
        } else {
            let closedForm = Double.log((2 + 3.0.squareRoot()) * q / 0.5) / (0.5 + q)
            #expect(abs(time - introduction - closedForm) < 1e-6, "\(time - introduction) vs \(closedForm)")
            #expect(row.note == nil)
        }
    }
}

@Suite("Anchors and forecast tables measure alike")
struct AnchorConventionTests {
    /// An estimate published after its year (no slip) is matched by exactly what the forecast table
    /// reports for that year: the same ports, segment split, price and mid-year adoption.
    @Test("an anchor's fitted value is the forecast table's figure for its year", arguments: [2027, 2030, 2033])
    func fittedEqualsTable(year: Int) throws {
        var s = baseline
        s.study.draws = 0
        let extra: [(AnchorMetric, Double)] = [(.cpoPorts, 5), (.cpoRevenue, 3), (.hyperscaleFraction, 0.8)]
        for (metric, value) in extra {
            s.calibration.anchors.append(Anchor(year: Double(year), metric: metric, segment: nil, value: value,
                                                vintage: Double(year) + 1.5, quality: "Q", source: "test", line: 1))
        }
        let report = forecast(s)
        let cpo = report.forecast.filter { $0.technology == "cpo" && $0.year == year }
        let ports = cpo.reduce(0) { $0 + $1.ports }, revenue = cpo.reduce(0) { $0 + $1.revenue }
        let hyperscale = cpo.filter { $0.segment == "hyperscale" }.reduce(0) { $0 + $1.ports }
        func fitted(_ name: String) throws -> Double {
            try #require(report.pulls.first {
                $0.kind == "anchor" && $0.name.hasPrefix(name) && $0.year == Double(year) && $0.vintage == Double(year) + 1.5
            }?.fitted)
        }
        #expect(abs(try fitted("CPO ports") - ports) <= 1e-9 * ports)
        #expect(abs(try fitted("CPO revenue") - revenue) <= 1e-9 * revenue)
        #expect(abs(try fitted("hyperscale fraction") - hyperscale / ports) <= 1e-9)
    }
}

@Suite("A segment without a prior")
struct NoPriorTests {
    /// The hyperscalers' only analog is too short for a Bass fit (the shipped 10GbE ramp has two
    /// points after its introduction) and the published tables inform the enterprise segment alone:
    /// nothing would centre the hyperscale prior, so the calibration does not run.
    @Test("a segment whose analogs all fail to fit leaves the calibration undone, and says why")
    func noPrior() throws {
        var s = baseline
        let short = try #require(s.calibration.analogs.first { $0.file.hasSuffix("analog_tengbe_share.csv") })
        s.calibration.analogs.removeAll { $0.segment != .enterprise }
        s.calibration.analogs.append(AnalogSeries(name: short.name, file: short.file, years: short.years,
                                                  shares: short.shares, segment: .hyperscale))
        s.calibration.publishedPQSegments = [.enterprise]
        s.study.draws = 50
        let report = forecast(s)
        #expect(report.calibrationStatus == "no prior")
        #expect(report.notes.contains { $0.hasPrefix("no analog fit or published p/q row informs the hyperscale segment's p and q") })
        #expect(report.notes.contains { $0.contains("a segment had no prior") })
        #expect(report.forecast == forecast(uncalibrated(s), ForecastSettings(draws: 0)).forecast)
    }
}

@Suite("The bands' Monte Carlo error")
struct MonteCarloErrorTests {
    /// 2,000 evenly spaced values in [0, 1): the 95th percentile's distribution-free interval runs
    /// between ranks 1900 ∓ 1.96·√(2000·0.95·0.05) = 1900 ∓ 19.1, the 1880th and 1920th values, 40 of
    /// 2,000 apart: half-width 0.01 (against 1.96·√(0.95·0.05/2000) = 0.0096 for a uniform's quantile).
    @Test("the half-width of a percentile's distribution-free 95 % interval")
    func halfWidth() {
        let values = (0..<2000).map { Double($0) / 2000 }
        #expect(abs(ForecastTables.monteCarloHalfWidth(values, 0.95) - 0.01) < 1e-12)
        #expect(abs(ForecastTables.monteCarloHalfWidth(values, 0.05) - 0.01) < 1e-12)
        // 100 draws: 5 ∓ 1.96·√4.75 = 0.7 to 9.3, a rank below the first; 110: 1.0 to 10.0.
        #expect(ForecastTables.monteCarloHalfWidth((0..<100).map(Double.init), 0.05).isInfinite)
        #expect(ForecastTables.monteCarloHalfWidth((0..<110).map(Double.init), 0.05) == 4.5)
    }

    /// `a`: 2,000 evenly spaced values in [0, 1), both ends known to ±0.01 (above). `b`: its lowest 200
    /// values spread a hundredfold wider, so that its 5th percentile's interval runs from the 80th value
    /// (0.79) to the 120th (1.19), ±0.2, and its 95th's is ±0.01 as a's.
    @Test("the end known least well is the widest over the values and both ends, in whatever order they come")
    func widest() throws {
        let a: [Double] = (0..<2000).map { Double($0) / 2000 }
        let b: [Double] = (0..<2000).map { (i: Int) -> Double in
            let x = Double(i)
            return i < 200 ? x / 100 : 2 + x / 2000
        }
        let orders: [[(values: [Double], place: Int)]] = [[(a, 1), (b, 2)], [(b, 2), (a, 1)]]
        for order in orders {
            var known: ForecastTables.MonteCarloEnd? = nil
            for (values, place) in order { known = ForecastTables.widest(known, values, at: place) }
            let end = try #require(known)
            #expect(end.place == 2 && end.percentile == 5 && abs(end.halfWidth - 0.2) < 1e-12, "\(end)")
        }
        let alone = try #require(ForecastTables.widest(nil, b, at: 7))
        #expect(alone.place == 7 && alone.percentile == 5 && abs(alone.halfWidth - 0.2) < 1e-12, "\(alone)")
        // Known well at both ends, a's do not replace b's.
        #expect(ForecastTables.widest(alone, a, at: 8) == alone)
    }

    @Test("the report names the band end known least well, of the segments' and of the totals'")
    func note() throws {
        var s = baseline
        s.study.draws = 400
        let note = forecast(s).notes.first { $0.hasPrefix("the bands' ends are Monte Carlo estimates from 400 draws") }
        #expect(note?.contains("percentage points at worst") == true, "\(String(describing: note))")
        // The totals' bands come from the same draws, and their least well known ends are named too.
        let totals = try #require(note?.firstRange(of: ", and the totals' ends to about ±").map { String(note![$0.upperBound...].prefix { $0 != ";" }) })
        let figures = totals.split(whereSeparator: { !"0123456789.".contains($0) }).compactMap { Double($0) }
        #expect(figures.count == 6, "\(totals)")  // ±pp, percentile, year, ±M ports, percentile, year
        #expect(figures.count == 6 && figures[0] > 0 && figures[3] > 0 && [5, 95].contains(figures[1]) && [5, 95].contains(figures[4]))
        #expect(figures.count == 6 && (s.study.firstYear...s.study.lastYear).contains(Int(figures[2]))
                && (s.study.firstYear...s.study.lastYear).contains(Int(figures[5])))
        #expect(totals.contains("percentage points of CPO's share of all ports") && totals.contains("M CPO ports shipped"))
        s.study.draws = 60
        #expect(forecast(s).notes.contains { $0.hasPrefix("the bands' ends are Monte Carlo estimates from 60 draws, too few to bound") })
    }
}

@Suite("Ports before the ports file")
struct PortsHeldTests {
    /// The baseline's ports start in 2024; its installed base (five-year service life from 2026)
    /// reaches back to 2022, held at 2024's 4.5 M. Ports given from 2015 leave nothing held.
    @Test("the report says when years before the ports file hold its first figure")
    func heldYearsAreNoted() {
        let note = "the ports file starts in 2024: 2022–2023, which the installed base or the anchors reach back to, "
            + "hold its first figure (4.5 M ports a year)"
        #expect(forecast(uncalibrated()).notes.contains(note))
        var s = uncalibrated()
        s.demand.ports = YearSeries(years: [2015] + s.demand.ports.years, values: [1] + s.demand.ports.values)
        #expect(!forecast(s).notes.contains { $0.hasPrefix("the ports file starts") })
        #expect(ForecastStudy.portsHeldNote(s.demand.ports, from: 2014)?.hasPrefix("the ports file starts in 2015: 2014, which") == true)
    }
}

@Suite("Totals across both segments")
struct TotalsTests {
    @Test("each year's totals are its forecast rows and wildcard rows summed")
    func totalsAreSums() throws {
        let report = forecast(uncalibrated())
        #expect(report.totals.map(\.year) == Array(2026...2035))
        for t in report.totals {
            let all = report.forecast.filter { $0.year == t.year }
            let cpo = all.filter { $0.technology == "cpo" }
            let ports = cpo.map(\.ports).reduce(0, +), everything = all.map(\.ports).reduce(0, +)
            #expect(abs(t.cpoPorts - ports) <= 1e-12 * ports)
            #expect(abs(try #require(t.cpoShare) - ports / everything) <= 1e-12)
            let hyperscale = all.filter { $0.segment == "hyperscale" }
            let share = hyperscale.filter { $0.technology == "cpo" }.map(\.ports).reduce(0, +) / hyperscale.map(\.ports).reduce(0, +)
            #expect(abs(try #require(t.cpoShareHyperscale) - share) <= 1e-12)
            #expect(abs(t.energySavedGWh - cpo.map(\.energySavedGWh).reduce(0, +)) <= 1e-9 * max(1, t.energySavedGWh))
            let expected = report.wildcards.filter { $0.year == t.year }.map(\.expectedShareContribution).reduce(0, +)
            #expect(abs(t.wildcardsExpectedChange - expected) <= 1e-15)
        }
    }
}

/// The domain check of switched-on p and q wildcards takes the largest product of their ramps over time.
@Suite("Wildcard ramps together")
struct RampProductTests {
    static let cases: [([CalendarRamp], Double)] = [
        // A one-year window is a step: × 11 from 2028 on, after × 1.5 by 2027.
        ([CalendarRamp(start: 2028, end: 2028, factor: 11), CalendarRamp(start: 2026, end: 2027, factor: 1.5)], 16.5),
        // (1 + 10s)(1 − 0.8s) over s ∈ [0, 1] peaks at s = 0.575 at 3.645, above both ends (11 · 0.2 = 2.2).
        ([CalendarRamp(start: 2027, end: 2029, factor: 11), CalendarRamp(start: 2027, end: 2029, factor: 0.2),
          CalendarRamp(start: 2026, end: 2027, factor: 3.04835)], 3.04835 * 3.645),
        // A factor below 1 that has not started yet leaves the other's full factor.
        ([CalendarRamp(start: 2030, end: 2031, factor: 0.5), CalendarRamp(start: 2026, end: 2028, factor: 4)], 4),
        ([], 1),
    ]

    @Test("steps count from their year; a rising and a falling ramp peak between their ends", arguments: cases)
    func largestProduct(_ ramps: [CalendarRamp], _ expected: Double) {
        let largest = ForecastStudy.largestProduct(ramps).factor
        #expect(abs(largest - expected) <= 1e-9 * expected, "\(largest) vs \(expected)")
    }

    static let timeCases: [([CalendarRamp], Double, Double)] = [
        // (1 + 10s)(1 − 0.8s), s = (t − 2027)/2, peaks at s = 0.575: t = 2028.15.
        ([CalendarRamp(start: 2027, end: 2029, factor: 11), CalendarRamp(start: 2027, end: 2029, factor: 0.2)], 3.645, 2028.15),
        ([CalendarRamp(start: 2026, end: 2028, factor: 4)], 4, 2028),
        ([CalendarRamp(start: 2026, end: 2028, factor: 4), CalendarRamp(start: 2030, end: 2031, factor: 0.5)], 4, 2028),
    ]

    /// The time returned is the peak's first: where a rising and a falling ramp cross, or a window's end.
    @Test("the largest product comes with its first time", arguments: timeCases)
    func largestProductTime(_ ramps: [CalendarRamp], _ expected: Double, _ time: Double) {
        let (largest, when) = ForecastStudy.largestProduct(ramps)
        #expect(abs(largest - expected) <= 1e-9 * expected, "\(largest) vs \(expected)")
        #expect(abs(when - time) <= 1e-6, "at \(when), expected \(time)")
    }
}

/// An analog ramp made from a known Bass share curve, sampled where the file convention puts each
/// row (whole years at mid-year, fractional years as written), gives back that curve's p and q:
/// the generating parameters are the reference.
@Suite("Analog ramps: the time convention of their rows")
struct AnalogTimeTests {
    @Test("whole years stand at mid-year, fractional years as written, the introduction year starts the clock")
    func recoversGeneratingCurve() throws {
        let (p, q) = (0.03, 0.45)
        let years = [2015, 2017, 2017.625, 2020.375, 2021.125]
        let times = [2.5, 2.625, 5.375, 6.125]
        let shares = [0] + times.map { BassModel().value(at: $0, parameters: [1, p, q]) }
        let analog = AnalogSeries(name: "made", file: "made.csv", years: years, shares: shares)
        let fit = try #require(CPOCalibration.analogFit(analog))
        #expect(abs(fit.p / p - 1) <= 1e-8, "p \(fit.p)")
        #expect(abs(fit.q / q - 1) <= 1e-8, "q \(fit.q)")
    }
}
