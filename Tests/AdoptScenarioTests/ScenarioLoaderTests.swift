import Foundation
import Testing
import TestSupport
@testable import AdoptScenario

@Suite("Scenario loader: valid scenarios")
struct ScenarioLoaderTests {
    /// The fixture copy of the baseline, with the fixture's small data files.
    @Test func loadsTheFixtureScenario() throws {
        let folder = try ScenarioFixture.write()
        let path = folder.path(ScenarioFixture.scenarioName)
        let scenario = try ScenarioLoader.load(contentsOfFile: path)

        #expect(scenario.source == path)
        #expect(scenario.study == Study(name: "cpo-baseline", title: "Co-packaged optics in AI data centers: baseline",
                                        firstYear: 2026, lastYear: 2035, seed: 20_261_125, draws: 2000))
        #expect(scenario.segments[.hyperscale] == Segment(p: 0.02, q: 0.60, influenceWeight: nil, ceiling: 0.85, elsfpShare: 0.90))
        #expect(scenario.segments[.enterprise] == Segment(p: 0.005, q: 0.45, influenceWeight: 0.6, ceiling: 0.70, elsfpShare: 0.95))

        let lpo = try #require(scenario.technologies[.lpo])
        #expect(lpo.introductionYear == 2024)
        #expect(lpo.p == [.hyperscale: 0.06, .enterprise: 0.02])
        #expect(lpo.ceiling == [.hyperscale: 0.30, .enterprise: 0.20])
        #expect(lpo.wattsPerPort == ClosedRangeWithCentre(low: 8, central: 8.5, high: 9))
        let pluggable = try #require(scenario.technologies[.pluggable])
        #expect(pluggable.introductionYear == -.infinity)
        #expect(pluggable.p.isEmpty && pluggable.q.isEmpty && pluggable.ceiling.isEmpty)
        #expect(pluggable.aspUSD == 640)
        let cpo = try #require(scenario.technologies[.cpo])
        #expect(cpo.p.isEmpty && cpo.aspDecline == 0.12)
        // Left out of the file: prices are quoted for the first year, growth settles in the last.
        #expect(scenario.technologies.values.allSatisfy { $0.aspYear == scenario.study.firstYear })
        #expect(scenario.demand.longRunYear == scenario.study.lastYear)

        #expect(scenario.demand.ports == YearSeries(years: [2024, 2025, 2026], values: [4.5, 22, 67.5]))
        #expect(scenario.demand.portsFile == folder.path("cpo/ai_dc_optical_ports.csv"))
        #expect(scenario.demand.hyperscaleShare == YearSeries(years: [2023, 2025, 2030], values: [0.70, 0.75, 0.80]))
        #expect(scenario.demand.switchGenerations.map(\.capacityTbps) == [51.2, 102.4, 204.8])
        #expect(scenario.demand.portLifetimeYears == 5)
        #expect(scenario.power.pue == 1.3 && scenario.power.priceUSDPerMWh == 80)
        #expect(scenario.power.claimedFractionSaved == ClosedRangeWithCentre(low: 0.2, central: 0.3, high: 0.4))
        #expect(scenario.stages == Stages(narrativeAcceptance: 2026, narrativeDependency: 2029, narrativeOptimization: 2032,
                                          acceptanceShare: 0.025, dependencyShare: 0.16, optimizationShare: 0.5,
                                          toleranceYears: 1))

        let calibration = scenario.calibration
        #expect(calibration.enabled && calibration.optimismCorrection && calibration.currentYear == 2026.9)
        #expect(calibration.anchorSigma == ["P": 0.35, "S": 0.50, "D": 0.50, "Q": 1.00])
        #expect(calibration.anchors.count == 3)
        #expect(calibration.anchors[1] == Anchor(year: 2030, metric: .cpoShare, segment: nil, value: 0.35,
                                                 vintage: 2026.19, quality: "S", source: "TrendForce", line: 4))
        #expect(calibration.anchors[2].segment == .hyperscale)
        #expect(calibration.vintages.last == ForecastVintage(vintage: 2025.95, predictedVolumeYear: 2026.75,
                                                             quality: "S", source: "Lumentum CEO"))
        #expect(calibration.analogs.map(\.name) == ["analog_dc_switch_port_share_25g", "analog_tengbe_share",
                                                     "analog_silicon_photonics_share"])
        #expect(calibration.analogs[1].years == [2001, 2013.9] && calibration.analogs[1].shares == [0, 0.5])
        #expect(calibration.publishedPQ.first?.source == #"Van den Bulte, "compiled""#)
        #expect(calibration.publishedPQ.map(\.p) == [0.0388, 0])

        #expect(scenario.wildcards.map(\.id) == ["small_models", "copper_in_rack", "laser_reliability",
                                                  "elsfp_serviceability", "standards", "vendor_lock_in"])
        let lockIn = scenario.wildcards[5]
        #expect(lockIn.target == .introductionYear && lockIn.shiftYears == 1 && lockIn.multiplier == 1)
        #expect(lockIn.windowStart == 2026 && lockIn.windowEnd == 2027 && !lockIn.enabled)
        #expect(scenario.wildcards[3].segments == [.enterprise] && scenario.wildcards[3].expectedDirection == 1)

        #expect(scenario.inputFiles == [path] + [
            "cpo/ai_dc_optical_ports.csv", "cpo/anchors.csv", "cpo/forecast_vintages.csv",
            "cpo/analog_dc_switch_port_share_25g.csv", "cpo/analog_tengbe_share.csv",
            "cpo/analog_silicon_photonics_share.csv", "series/published_pq_tables.csv",
        ].map(folder.path))
    }

    /// `metric_sigma` is optional; metrics it leaves out get 0.
    @Test func readsMetricSigma() throws {
        let text = ScenarioFixture.scenarioText.replacingOccurrences(
            of: "current_year = 2026.9", with: "current_year = 2026.9\nmetric_sigma = { cpo_revenue = 0.5 }")
        let folder = try ScenarioFixture.write(scenario: text)
        let scenario = try ScenarioLoader.load(contentsOfFile: folder.path(ScenarioFixture.scenarioName))
        #expect(scenario.calibration.metricSigma == [.cpoRevenue: 0.5, .cpoNpoRevenue: 0, .cpoShare: 0, .cpoPorts: 0, .hyperscaleFraction: 0])
    }

    /// The fixture with `anchor` added to its anchors file and, in `[technologies.<technology>]`, the
    /// lines starting with each key of `set` replaced by its value (the folder is removed with it).
    static func pricedFixture(anchor: String, technology: String, set: [String: String]) throws -> TemporaryFolder {
        var files = ScenarioFixture.dataFiles
        files["cpo/anchors.csv"] = try #require(files["cpo/anchors.csv"]) + anchor + "\n"
        var lines = ScenarioFixture.scenarioText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex(of: "[technologies.\(technology)]"))
        for (key, replacement) in set {
            lines[try #require(lines[header...].firstIndex { $0.hasPrefix(key) })] = replacement
        }
        return try ScenarioFixture.write(scenario: lines.joined(separator: "\n"), dataFiles: files)
    }

    /// A price decline quoted for 2035, steep enough to pass 1e15 USD by 2025.
    static let steepDecline = ["asp_decline": "asp_decline = 0.95\nasp_year = 2035"]

    /// A CPO and NPO revenue anchor prices CPO, and NPO from NPO's introduction (2026) on: a 2025 figure
    /// meets NPO at level 0, where a price decline quoted for 2035 would reach 6.7e15 USD. CPO's price,
    /// declining as steeply, is refused over the same anchor.
    @Test("NPO's price is checked over CPO and NPO revenue anchors from its introduction on; CPO's over every one",
          arguments: ["npo", "cpo"])
    func npoPricedFromItsIntroduction(_ technology: String) throws {
        let folder = try Self.pricedFixture(anchor: "2025,cpo_npo_revenue,all,0.1,USD bn,2026.45,S,TrendForce",
                                            technology: technology, set: Self.steepDecline)
        let path = folder.path(ScenarioFixture.scenarioName)
        if technology == "npo" {
            let scenario = try ScenarioLoader.load(contentsOfFile: path)
            #expect(scenario.calibration.anchors.contains { $0.metric == .cpoNpoRevenue && $0.year == 2025 })
        } else {
            #expect { try ScenarioLoader.load(contentsOfFile: path) } throws: { "\($0)".contains("the price of cpo") && "\($0)".contains("in 2025") }
        }
    }

    /// With NPO introduced in 2020, a CPO and NPO revenue anchor for 2022 prices NPO before the report's
    /// years: a price decline quoted for 2035 that would reach 5e19 USD there is refused.
    @Test("NPO's price is checked at a CPO and NPO revenue anchor after NPO's introduction and before the report")
    func npoPricedAtAnAnchorBeforeTheReport() throws {
        let folder = try Self.pricedFixture(anchor: "2022,cpo_npo_revenue,all,0.1,USD bn,2023.5,S,test", technology: "npo",
                                            set: Self.steepDecline.merging(["introduction_year": "introduction_year = 2020"]) { a, _ in a })
        #expect { try ScenarioLoader.load(contentsOfFile: folder.path(ScenarioFixture.scenarioName)) } throws: {
            "\($0)".contains("the price of npo") && "\($0)".contains("in 2022")
        }
    }

    /// w = 0 has no logit for the calibration, but is a valid scenario run as given.
    @Test func influenceWeightAtItsLimitWithoutCalibration() throws {
        let text = ScenarioFixture.scenarioText.replacingOccurrences(
            of: "influence_weight = 0.6 ", with: "influence_weight = 0   ")
        #expect(text != ScenarioFixture.scenarioText)
        let folder = try ScenarioFixture.write(scenario: text)
        let path = folder.path(ScenarioFixture.scenarioName)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(contentsOfFile: path) }
        let scenario = try ScenarioLoader.load(contentsOfFile: path, calibrate: false)
        #expect(scenario.segments[.enterprise]?.influenceWeight == 0)
        #expect(!scenario.calibration.enabled)
    }

    /// toml++ recurses once per level of a dotted key or of nesting: thousands of levels would
    /// exhaust the stack (and recording every prefix of a key, the memory), so they are refused.
    @Test(arguments: ["a" + String(repeating: ".a", count: 100_000) + " = 1",
                      "\"\\\\\"" + String(repeating: ".a", count: 300_000) + " = 1",
                      "x = {" + String(repeating: "a.", count: 100) + "b = 1}",
                      "[a" + String(repeating: ".a", count: 1_000) + "]"])
    func deepKeys(_ text: String) throws {
        let folder = try ScenarioFixture.write(scenario: ScenarioFixture.scenarioText + "\n" + text + "\n")
        let error = try #require(throws: ScenarioError.self) {
            try ScenarioLoader.load(contentsOfFile: folder.path(ScenarioFixture.scenarioName))
        }
        #expect(error.description.contains("more than 32 dotted parts"), "\(error.description)")
    }

    /// toml++ refuses arrays and inline tables nested past 256 itself, as a syntax error.
    @Test(arguments: ["a = " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000),
                      "a = " + String(repeating: "{b=", count: 500) + "1" + String(repeating: "}", count: 500)])
    func deepValues(_ text: String) throws {
        let folder = try ScenarioFixture.write(scenario: ScenarioFixture.scenarioText + "\n" + text + "\n")
        let error = try #require(throws: ScenarioError.self) {
            try ScenarioLoader.load(contentsOfFile: folder.path(ScenarioFixture.scenarioName))
        }
        #expect(error.description.contains("TOML syntax error"), "\(error.description)")
    }

    /// Dots in strings (any of TOML's four kinds, with escapes) and comments are not key parts.
    @Test(arguments: ["title = \"\"\"Baseline\n" + String(repeating: ".", count: 40) + "\n\"\"\"",
                      "title = \'\'\'see [1\n" + String(repeating: "see [1 ", count: 40) + "\n" + String(repeating: ".", count: 40) + "\'\'\'",
                      "title = \"C:\\\\\" # a \" " + String(repeating: ".", count: 40),
                      "title = 'a" + String(repeating: ".", count: 40) + "'",
                      "title = \"x\\\"" + String(repeating: ".", count: 40) + "\""])
    func dotsOutsideKeys(_ title: String) throws {
        let text = ScenarioFixture.scenarioText.replacingOccurrences(
            of: "title = \"Co-packaged optics in AI data centers: baseline\"", with: title)
        #expect(text != ScenarioFixture.scenarioText)
        let folder = try ScenarioFixture.write(scenario: text)
        let scenario = try ScenarioLoader.load(contentsOfFile: folder.path(ScenarioFixture.scenarioName))
        #expect(!scenario.study.title.isEmpty)
    }

    /// Every scenario shipped in `Data/scenarios/` loads.
    @Test(arguments: try FileManager.default.contentsOfDirectory(
        atPath: Fixtures.repositoryRoot.appendingPathComponent("Data/scenarios").path
    ).filter { $0.hasSuffix(".toml") }.sorted())
    func loadsShippedScenario(_ name: String) throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("Data/scenarios/\(name)").path
        let scenario = try ScenarioLoader.load(contentsOfFile: path)
        #expect(scenario.study.name + ".toml" == name)
    }

    /// The shipped baseline with the shipped data files.
    @Test func loadsTheShippedBaseline() throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("Data/scenarios/cpo-baseline.toml").path
        let scenario = try ScenarioLoader.load(contentsOfFile: path)
        #expect(scenario.study.name == "cpo-baseline")
        #expect(scenario.segments.count == 2 && scenario.technologies.count == 4)
        #expect(scenario.segments[.enterprise]?.influenceWeight != nil)
        #expect(scenario.technologies[.pluggable]?.introductionYear == -.infinity)
        #expect(!scenario.demand.ports.years.isEmpty)
        #expect(!scenario.calibration.anchors.isEmpty && !scenario.calibration.vintages.isEmpty)
        #expect(scenario.calibration.analogs.count == 3)
        #expect(scenario.calibration.analogs.allSatisfy { $0.shares.first == 0 })
        #expect(scenario.calibration.publishedPQ.count > 10)
        #expect(scenario.wildcards.count == 6 && scenario.wildcards.allSatisfy { !$0.enabled })
        #expect(scenario.inputFiles.count == 8)
        #expect(scenario.inputFiles.dropFirst().allSatisfy { FileManager.default.fileExists(atPath: $0) })
        #expect(scenario.inputFiles[1].hasSuffix("Data/cpo/ai_dc_optical_ports.csv"))
        #expect(!scenario.inputFiles[1].contains(".."))
    }
}
