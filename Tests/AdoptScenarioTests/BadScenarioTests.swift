import Foundation
import Testing
@testable import AdoptScenario

/// A change to the fixture: text replaced (first occurrence) in the scenario or in a data file,
/// or a data file removed.
enum Edit: Sendable {
    case scenario(String, String)
    case data(String, String, String)
    case remove(String)
    /// Adds a copy of a data file under another name.
    case copy(String, to: String)
}

/// A small edit of the valid fixture and the error it must produce.
struct BadScenario: Sendable, CustomTestStringConvertible {
    let name: String
    let edits: [Edit]
    /// The file the error must name, inside the fixture folder.
    let file: String
    let line: Int?
    let exitCode: Int32
    /// A fragment the message must contain.
    let phrase: String

    var testDescription: String { name }

    init(_ name: String, _ edits: [Edit], file: String = ScenarioFixture.scenarioName, line: Int?,
         exit exitCode: Int32 = 65, _ phrase: String) {
        self.name = name
        self.edits = edits
        self.file = file
        self.line = line
        self.exitCode = exitCode
        self.phrase = phrase
    }

    init(_ name: String, _ old: String, _ new: String, line: Int?, exit exitCode: Int32 = 65, _ phrase: String) {
        self.init(name, [.scenario(old, new)], line: line, exit: exitCode, phrase)
    }
}

@Suite("Scenario loader: bad scenarios")
struct BadScenarioTests {
    static let anchors = "cpo/anchors.csv"
    static let ports = "cpo/ai_dc_optical_ports.csv"

    static let corpus: [BadScenario] = [
        // TOML syntax, reported by toml++.
        BadScenario("TOML syntax error", "pue = 1.3", "pue = = 1.3", line: 73, "TOML syntax error"),
        BadScenario("unterminated string", #"name = "cpo-baseline""#, #"name = "cpo-baseline"#, line: 11, "TOML syntax error"),
        BadScenario("duplicate key", "q = 0.60", "p = 0.60", line: 20, "cannot redefine existing floating-point 'p'"),
        BadScenario("an introduction year long before the study", "introduction_year = 2023 #", "introduction_year = 1900 #",
                    line: 50, "'introduction_year' is 1900, more than 20 years before the study's first year 2026"),
        BadScenario("table defined twice", [.scenario("[power]\n", "[power]\npue = 1.2\n[power]\n")], line: 74, "cannot redefine existing table 'power'"),

        // Unknown keys, tables, segments and technologies, with did-you-mean.
        BadScenario("unknown key", "q = 0.60", "qq = 0.60", line: 20,
                    "unknown key 'qq' in [segments.hyperscale]; did you mean 'q'?"),
        BadScenario("unknown key in a wildcard", "multiplier = 0.70", "multiplir = 0.70", line: 127,
                    "unknown key 'multiplir' in [[wildcards]] #3; did you mean 'multiplier'?"),
        BadScenario("a switch below one 800G port", "capacity_tbps = 102.4", "capacity_tbps = 0.1", line: 68,
                    "'capacity_tbps' must be ≥ 0.8, found 0.1 (in item 2 of 'switch_generations' in [demand])"),
        BadScenario("a switch generation smaller than the one before", "capacity_tbps = 102.4", "capacity_tbps = 25.6", line: 68,
                    "must not be below the capacity of item 1 (51.2)"),
        BadScenario("unknown key inside a multi-line array", "capacity_tbps = 102.4", "capacity_tbp = 102.4", line: 68,
                    "unknown key 'capacity_tbp' in item 2 of 'switch_generations' in [demand]; did you mean 'capacity_tbps'?"),
        BadScenario("unknown segment in an inline table", "p = { hyperscale = 0.06", "p = { hyperscal = 0.06", line: 33,
                    "unknown segment 'hyperscal' in 'p' in [technologies.lpo]; did you mean 'hyperscale'?"),
        BadScenario("unknown segment table", "[segments.enterprise]", "[segments.colo]", line: 24,
                    "unknown segment [segments.colo]; expected [segments.hyperscale], [segments.enterprise]"),
        BadScenario("misspelt segment table", "[segments.enterprise]", "[segments.enterprize]", line: 24,
                    "did you mean [segments.enterprise]?"),
        BadScenario("unknown technology", "[technologies.npo]", "[technologies.nop]", line: 40,
                    "unknown technology [technologies.nop]; did you mean [technologies.npo]?"),
        BadScenario("unknown table", "[power]", "[powr]", line: 72, "unknown table [powr]; did you mean [power]?"),
        BadScenario("unknown top-level key", "[study]", "studdy = 1\n[study]", line: 10,
                    "unknown key 'studdy' in the top level; did you mean 'study'?"),
        BadScenario("influence weight for hyperscale", "elsfp_share = 0.90", "influence_weight = 0.5\nelsfp_share = 0.90",
                    line: 22, "'influence_weight' is not allowed in [segments.hyperscale]"),
        BadScenario("q for CPO", "asp_decline = 0.12", "q = 0.5\nasp_decline = 0.12", line: 52,
                    "'q' is not allowed in [technologies.cpo]"),

        // Missing keys and tables: the line of the table that should hold them.
        BadScenario("missing required key", "ceiling = 0.85", "# ceiling = 0.85", line: 18,
                    "missing required key 'ceiling' in [segments.hyperscale]"),
        BadScenario("missing influence weight", "influence_weight = 0.6", "# influence_weight = 0.6", line: 24,
                    "missing required key 'influence_weight' in [segments.enterprise]"),
        BadScenario("missing key of an inline table", ", Q = 1.00 }", " }", line: 95,
                    "missing required key 'Q' in 'anchor_sigma' in [calibration]"),
        BadScenario("missing table", "[stages]\nnarrative = { acceptance = 2026, dependency = 2029, optimization = 2032 }\n"
                    + "acceptance_share = 0.025\ndependency_share = 0.16\noptimization_share = 0.50\ntolerance_years = 1.0\n", "",
                    line: nil, "missing required table [stages]"),
        BadScenario("missing shift for an introduction-year wildcard", "shift_years = 1.0", "", line: 152,
                    "missing required key 'shift_years' in [[wildcards]] #6"),

        // Wrong types.
        BadScenario("string for a number", "q = 0.60", #"q = "0.60""#, line: 20, "'q' must be a number, found a string"),
        BadScenario("number for a boolean", "enabled = true", "enabled = 1", line: 88,
                    "'enabled' must be a boolean (true or false), found an integer 1"),
        BadScenario("fraction for an integer", "port_lifetime_years = 5", "port_lifetime_years = 5.5", line: 64,
                    "'port_lifetime_years' must be an integer, found a floating-point number 5.5"),
        BadScenario("number for a table", "ceiling = { hyperscale = 0.30, enterprise = 0.20 }", "ceiling = 0.3", line: 35,
                    "'ceiling' must be a table, found a floating-point number 0.3 (in [technologies.lpo])"),
        BadScenario("two numbers for a range", "claimed_fraction_saved = [0.20, 0.30, 0.40]", "claimed_fraction_saved = [0.20, 0.40]",
                    line: 77, "'claimed_fraction_saved' must be [low, central, high] (3 numbers), found 2 items"),

        // Out-of-range values.
        BadScenario("probability above 1", "probability = 0.30", "probability = 1.30", line: 100,
                    "'probability' must be in [0, 1], found 1.3 (in [[wildcards]] #1)"),
        BadScenario("negative ceiling", "ceiling = 0.70", "ceiling = -0.70", line: 28, "'ceiling' must be in (0, 1], found -0.7"),
        BadScenario("negative price per port", "asp_usd = 650", "asp_usd = -650", line: 45, "'asp_usd' must be ≥ 0, found -650"),
        BadScenario("zero p", "p = 0.005", "p = 0", line: 25, "'p' must be in (0, 1], found 0"),
        BadScenario("an analog file named twice", #""../cpo/analog_tengbe_share.csv","#,
                    #""../cpo/analog_tengbe_share.csv", "../cpo/../cpo/analog_tengbe_share.csv","#, line: 91,
                    "cpo/analog_tengbe_share.csv again (item 2 does): each analog file may be listed once"),
        BadScenario("an analog file's copy listed beside it",
                    [.copy("cpo/analog_tengbe_share.csv", to: "cpo/tengbe_copy.csv"),
                     .scenario(#""../cpo/analog_silicon_photonics_share.csv"]"#,
                               #""../cpo/analog_silicon_photonics_share.csv", "../cpo/tengbe_copy.csv"]"#)],
                    line: 91, "whose data are those of item 2"),
        BadScenario("free CPO with revenue anchors", "asp_usd = 700 ", "asp_usd = 0 ", line: 51,
                    "'asp_usd' must be at least 1 (USD per 800G port) when revenue anchors calibrate the scenario"),
        BadScenario("CPO at a billionth of a dollar with revenue anchors", "asp_usd = 700 ", "asp_usd = 1e-9 ", line: 51,
                    "found 1e-09: CPO's revenue would miss every one"),
        BadScenario("q above 5 in an inline table", "q = { hyperscale = 0.40, enterprise = 0.30 }",
                    "q = { hyperscale = 0.40, enterprise = 7 }", line: 43,
                    "'enterprise' must be in [0, 5], found 7 (in 'q' in [technologies.npo])"),
        BadScenario("pue below 1", "pue = 1.3", "pue = 0.9", line: 73, "'pue' must be in [1, 10], found 0.9"),
        BadScenario("negative electricity price", "price_usd_per_mwh = 80", "price_usd_per_mwh = -80", line: 74, "must be ≥ 0"),
        BadScenario("decline of 100 %", "asp_decline = 0.12", "asp_decline = 1.0", line: 52, "'asp_decline' must be in [0, 1)"),
        BadScenario("price year before 1900", "asp_decline = 0.12", "asp_decline = 0.12\nasp_year = 1800", line: 53,
                    "'asp_year' must be in [1900, 2200], found 1800"),
        BadScenario("long-run year not whole", "long_run_growth = 0.08", "long_run_growth = 0.08\nlong_run_year = 2035.5",
                    line: 64, "'long_run_year' must be"),
        BadScenario("zero watts", "watts_per_port = [14.0, 15.0, 16.0]", "watts_per_port = [0.0, 15.0, 16.0]", line: 58,
                    "item 1 of 'watts_per_port' must be > 0, found 0"),
        BadScenario("year before 1900", "introduction_year = 2024", "introduction_year = 1800", line: 32,
                    "'introduction_year' must be in [1900, 2200], found 1800"),
        BadScenario("first year after last year", "last_year = 2035", "last_year = 2025", line: 14,
                    "'last_year' must not be before 'first_year' (2026), found 2025"),
        BadScenario("too many draws", "draws = 2000", "draws = 2000000", line: 16, "'draws' must be in [0, 1000000]"),
        BadScenario("negative seed", "seed = 20261125", "seed = -1", line: 15, "'seed' must be ≥ 0"),
        BadScenario("port lifetime below 1", "port_lifetime_years = 5", "port_lifetime_years = 0", line: 64,
                    "'port_lifetime_years' must be in [1, 50], found 0"),
        BadScenario("a wildcard id that cannot be switched", #"id = "copper_in_rack""#, #"id = "copper=rack""#, line: 109,
                    "'id' must be ASCII letters, digits, '_', '-' or '.', starting with a letter or digit, found 'copper=rack'"),
        BadScenario("a study name that would break the CSV", #"name = "cpo-baseline""#, #"name = "cpo, baseline""#, line: 11,
                    "'name' must be ASCII letters, digits, '_', '-' or '.', starting with a letter or digit, found 'cpo, baseline'"),
        BadScenario("demand growth beyond reason", "growth_after_data = 0.25", "growth_after_data = 5", line: 62,
                    "'growth_after_data' must be in (-1, 1], found 5"),
        BadScenario("too few draws to bound a band's ends", "draws = 2000", "draws = 109", line: 16,
                    "'draws' must be 0 (no bands) or at least 110 for 5–95 % bands, found 109"),
        BadScenario("too few draws for a band", "draws = 2000", "draws = 3", line: 16,
                    "'draws' must be 0 (no bands) or at least 110 for 5–95 % bands, found 3"),
        BadScenario("port lifetime beyond reason", "port_lifetime_years = 5", "port_lifetime_years = 1000000", line: 64,
                    "'port_lifetime_years' must be in [1, 50], found 1000000"),
        BadScenario("introduction shift beyond reason", "shift_years = 1.0", "shift_years = -1e6", line: 160,
                    "'shift_years' must be in [-50, 50]"),
        BadScenario("share above 1", "values = [0.70, 0.75, 0.80]", "values = [0.70, 0.75, 1.80]", line: 65,
                    "item 3 of 'values' must be in [0, 1], found 1.8"),
        BadScenario("zero sigma", "P = 0.35", "P = 0", line: 95, "'P' must be in [0.01, 100], found 0"),
        BadScenario("unknown metric in metric_sigma", "current_year = 2026.9",
                    "current_year = 2026.9\nmetric_sigma = { cpo_revenu = 0.5 }", line: 95,
                    "unknown key 'cpo_revenu' in 'metric_sigma' in [calibration]; did you mean 'cpo_revenue'?"),
        BadScenario("infinite number", "growth_after_data = 0.25", "growth_after_data = inf", line: 62,
                    "'growth_after_data' must be a finite number"),

        // Ranges, windows, orders.
        BadScenario("bad range order", "watts_per_port = [5.5, 7.0, 9.0]", "watts_per_port = [9.0, 7.0, 5.5]", line: 53,
                    "must be [low, central, high] with low ≤ central ≤ high, found [9, 7, 5.5]"),
        BadScenario("bad window order", "window = [2027, 2030]", "window = [2030, 2027]", line: 101,
                    "'window' must be [start, end] with start ≤ end, found [2030, 2027]"),
        BadScenario("non-increasing years", "years = [2023, 2025, 2030]", "years = [2023, 2025, 2025]", line: 65,
                    "item 3 of 'years' must be greater than item 2 (2025): the values must be strictly increasing"),
        BadScenario("values and years of different lengths", "values = [0.70, 0.75, 0.80]", "values = [0.70, 0.75]", line: 65,
                    "'values' must have as many items as 'years' (3), found 2"),
        BadScenario("switch generations out of order", "{ year = 2028.0,", "{ year = 2024.0,", line: 69,
                    "generations must be in year order"),
        BadScenario("narrative years out of order", "dependency = 2029", "dependency = 2025", line: 81,
                    "'dependency' must not be before 'acceptance' (2026), found 2025"),
        BadScenario("share thresholds out of order", "dependency_share = 0.16", "dependency_share = 0.02", line: 83,
                    "'dependency_share' must be greater than 'acceptance_share' (0.025), found 0.02"),
        BadScenario("threshold above a default", "dependency_share = 0.16\noptimization_share = 0.50\n", "optimization_share = 0.1\n",
                    line: 83, "'optimization_share' must be greater than 'dependency_share' (0.16, the default), found 0.1"),

        // Wildcards.
        BadScenario("duplicate wildcard id", #"id = "standards""#, #"id = "small_models""#, line: 142,
                    "duplicate wildcard id 'small_models' in [[wildcards]] #5; first used on line 98"),
        BadScenario("unknown wildcard target", #"target = "m""#, #"target = "mm""#, line: 114,
                    "'target' is not a known wildcard target: 'mm'; expected one of p, q, m, introduction_year, demand; did you mean 'm'?"),
        BadScenario("unknown wildcard segment", #"segments = ["enterprise"]"#, #"segments = ["enterprise", "colo"]"#, line: 137,
                    "item 2 of 'segments' is not a known segment: 'colo'"),
        BadScenario("no wildcard segments", #"segments = ["enterprise"]"#, "segments = []", line: 137,
                    "'segments' must name at least one segment"),
        BadScenario("multiplier for introduction year", "shift_years = 1.0", "multiplier = 1.0", line: 160,
                    "'multiplier' is not allowed for target 'introduction_year'"),
        BadScenario("shift for a multiplier target", "multiplier = 0.80", "shift_years = 1.0", line: 116,
                    "'shift_years' only applies to target 'introduction_year', not 'm'"),
        BadScenario("zero multiplier", "multiplier = 0.80", "multiplier = 0", line: 116, "'multiplier' must be > 0"),
        BadScenario("expected direction 2", "expected_direction = 1\n", "expected_direction = 2\n", line: 139,
                    "'expected_direction' must be 1 (raises the CPO share) or -1 (lowers it), found 2"),

        // Lines are found past strings holding '#', '=' and brackets.
        BadScenario("line after a tricky string",
                    [.scenario(#"title = "Co-packaged optics in AI data centers: baseline""#,
                               #"title = "a # b = [c] {d} \" e = 'f'" # x = 1"#),
                     .scenario("first_year = 2026", #"first_year = "2026""#)],
                    line: 13, "'first_year' must be an integer, found a string \"2026\""),

        // Data files.
        BadScenario("missing data file", [.remove(anchors)], line: 89, exit: 66,
                    "'anchors_file' names"),
        BadScenario("missing analog file", [.remove("cpo/analog_tengbe_share.csv")], line: 91, exit: 66,
                    "item 2 of 'analog_files' names"),
        BadScenario("current year before an anchor's vintage", "current_year = 2026.9", "current_year = 2026.1",
                    line: 94, "'current_year' is 2026.1, before the vintage of an anchor (2026.19, line 4 of the anchors file)"),
        BadScenario("current year before a forecast vintage",
                    [.scenario("current_year = 2026.9", "current_year = 2025.9"), .data(anchors, "2026.19,S", "2025.5,S")],
                    line: 94, "'current_year' is 2025.9, before a forecast vintage (2025.95, Lumentum CEO)"),
        BadScenario("a segment without a prior",
                    [.scenario(#"analog_files = ["../cpo/analog_dc_switch_port_share_25g.csv", "../cpo/analog_tengbe_share.csv", "../cpo/analog_silicon_photonics_share.csv"]"#,
                               #"analog_files = { enterprise = ["../cpo/analog_tengbe_share.csv"] }"# + "\npublished_pq_segments = [\"enterprise\"]")],
                    line: 91, "'analog_files' leaves segment 'hyperscale' without a prior"),
        BadScenario("bad metric in the anchors file", [.data(anchors, "cpo_share,all,35", "cpo_shar,all,35")],
                    file: anchors, line: 4, "field 'metric': 'cpo_shar' is not a known metric"),
        BadScenario("bad segment in the anchors file", [.data(anchors, "cpo_ports,all", "cpo_ports,colo")],
                    file: anchors, line: 3, "field 'segment': 'colo' is not a known segment"),
        BadScenario("a hyperscale_fraction anchor of one segment", [.data(anchors, "2030,cpo_share,all", "2030,hyperscale_fraction,enterprise")],
                    file: anchors, line: 4, "field 'segment': 'enterprise' for a hyperscale_fraction anchor, which splits all CPO"),
        BadScenario("bad quality in the anchors file", [.data(anchors, "2023.11,S,", "2023.11,X,")],
                    file: anchors, line: 3, "field 'quality': 'X' is not a known quality label"),
        BadScenario("share above 100 % in the anchors file", [.data(anchors, "all,35,", "all,350,")],
                    file: anchors, line: 4, "field 'value': '350' is out of range; must be in [0, 100]"),
        BadScenario("ragged row in the anchors file", [.data(anchors, ",TrendForce", "")],
                    file: anchors, line: 4, "expected 8 fields (as in the header), found 7"),
        BadScenario("a fraction of a year in the ports file", [.data(ports, "2026,67.5,", "2026.5,67.5,")],
                    file: ports, line: 5, "field 'year': '2026.5' is not a whole year"),
        BadScenario("no ports at all in the ports file",
                    [.data(ports, "2024,4.5,", "2024,0,"), .data(ports, "2025,22,", "2025,0,"), .data(ports, "2026,67.5,", "2026,0,")],
                    file: ports, line: 3, "field 'value': every value is 0"),
        BadScenario("ports beyond reason in the ports file", [.data(ports, "2025,22,", "2025,1e308,")],
                    file: ports, line: 4, "field 'value': '1e308' is out of range; must be in [0, 1000000]"),
        BadScenario("text for a number in the ports file", [.data(ports, "2025,22,", "2025,lots,")],
                    file: ports, line: 4, "field 'value': 'lots' is not a number"),
        BadScenario("a year without ports after years with them", [.data(ports, "2025,22,", "2025,0,")],
                    file: ports, line: 4, "field 'value': 0 ports in 2025, after 4.5 million in 2024: shipments do not stop for a year"),
        BadScenario("years out of order in the ports file", [.data(ports, "2025,22,", "2024,22,")],
                    file: ports, line: 4, "field 'year': '2024' is not after the previous row's year (2024)"),
        BadScenario("analog not starting at 0", [.data("cpo/analog_tengbe_share.csv", "2001,0,", "2001,5,")],
                    file: "cpo/analog_tengbe_share.csv", line: 2, "the first row is the introduction year"),
        BadScenario("missing column in the vintages file",
                    [.data("cpo/forecast_vintages.csv", "predicted_volume_year", "predicted_year")],
                    file: "cpo/forecast_vintages.csv", line: 1, "field 'predicted_volume_year': no such column"),
        BadScenario("bad p in the published table", [.data("series/published_pq_tables.csv", "0.0388", "abc")],
                    file: "series/published_pq_tables.csv", line: 3, "field 'p': 'abc' is not a number"),
    ]

    @Test(arguments: corpus)
    func rejects(_ bad: BadScenario) throws {
        var scenario = ScenarioFixture.scenarioText
        var files = ScenarioFixture.dataFiles
        for edit in bad.edits {
            switch edit {
            case .scenario(let old, let new):
                let range = try #require(scenario.range(of: old), "the fixture has no '\(old)'")
                scenario.replaceSubrange(range, with: new)
            case .data(let file, let old, let new):
                var text = try #require(files[file])
                let range = try #require(text.range(of: old), "\(file) has no '\(old)'")
                text.replaceSubrange(range, with: new)
                files[file] = text
            case .remove(let file):
                try #require(files.removeValue(forKey: file) != nil)
            case .copy(let file, let name):
                let copied = try #require(files[file])
                files[name] = copied
            }
        }
        let folder = try ScenarioFixture.write(scenario: scenario, dataFiles: files)
        let error = try #require(throws: ScenarioError.self) {
            try ScenarioLoader.load(contentsOfFile: folder.path(ScenarioFixture.scenarioName))
        }
        #expect(error.file == folder.path(bad.file), "\(error)")
        #expect(error.line == bad.line, "\(error)")
        #expect(error.exitCode == bad.exitCode, "\(error)")
        #expect(error.message.contains(bad.phrase), "\(error)")
        #expect(!error.description.contains("\n"))
        #expect(error.description == "\(error.file):\(error.line.map { "\($0):" } ?? "") \(error.message)")
    }

    @Test func missingScenarioFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("absent.toml")
        let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.load(contentsOfFile: path) }
        #expect(error == ScenarioError(file: path, line: nil, message: "cannot read the scenario: no such file", exitCode: 66))
        #expect(error.description == "\(path): cannot read the scenario: no such file")
    }

    @Test func invalidUTF8NamesItsLine() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("bad.toml")
        try Data(Array("[study]\nname = \"".utf8) + [0xFF] + Array("\"\n".utf8)).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ScenarioError.self) { try ScenarioLoader.load(contentsOfFile: path) }
        #expect(error.line == 2 && error.exitCode == 65 && error.message.contains("not valid UTF-8"))
    }
}
