import Dispatch
import Foundation
import TestSupport
import Testing

// Tests of `adopt forecast SCENARIO.toml …` through the built binary: a corpus of broken
// scenarios (one line on stderr naming FILE:LINE, exit 65 or 66, nothing on stdout), usage
// errors, the JSON and CSV shapes, determinism, wildcards, the shipped scenarios, and --output.

// MARK: - The baseline scenario and its text

/// The shipped baseline scenario, where the tests find it and what it says.
enum ForecastBaseline {
    static let repository = Fixtures.repositoryRoot
    /// Relative to the repository (the tests that run the shipped file run in the repository).
    static let path = "Data/scenarios/cpo-baseline.toml"
    static let url = repository.appendingPathComponent(path)
    static let text: String = (try? String(contentsOf: url, encoding: .utf8)) ?? ""

    /// The baseline with every relative data path (`"../cpo/…"`, `"../series/…"`) made absolute
    /// into the repository's `Data/`, so that a copy in any folder loads.
    static var relocatedText: String {
        text.replacingOccurrences(of: "\"../", with: "\"" + repository.appendingPathComponent("Data").path + "/")
    }

    /// The bare value text of `key` in `section` (comment and quotes stripped), from the baseline.
    static func value(_ key: String, in section: ScenarioSection) -> String? {
        let lines = ScenarioLines(text)
        guard let range = lines.range(of: section), let index = lines.keyLine(key, in: range) else { return nil }
        return ScenarioLines.value(ofLine: lines.lines[index])
    }

    static var firstYear: Int? { value("first_year", in: .table("study")).flatMap { Int($0) } }
    static var lastYear: Int? { value("last_year", in: .table("study")).flatMap { Int($0) } }

    /// The default forecast as JSON without draws, run once and shared by the tests that need it.
    static let defaultJSON: Result<AdoptRun, any Error> = Result {
        try runAdoptRaw(["forecast", path, "--format", "json", "--draws", "0"], in: repository, timeout: 180)
    }
}

/// Which part of a scenario file an edit touches.
enum ScenarioSection: Sendable, CustomStringConvertible {
    /// A `[name]` table, e.g. `segments.hyperscale`.
    case table(String)
    /// The `[[wildcards]]` entry whose `id` is the given one.
    case wildcard(String)
    /// The k-th `[[wildcards]]` entry (0-based).
    case wildcardAt(Int)

    var description: String {
        switch self {
        case .table(let name): "[\(name)]"
        case .wildcard(let id): "[[wildcards]] '\(id)'"
        case .wildcardAt(let k): "[[wildcards]] #\(k + 1)"
        }
    }
}

/// A scenario's text as lines, with the lookups the edits need.
struct ScenarioLines {
    var lines: [String]

    init(_ text: String) { lines = text.components(separatedBy: "\n") }

    var text: String { lines.joined(separator: "\n") }

    static func trimmed(_ line: String) -> String { line.trimmingCharacters(in: .whitespaces) }

    /// A `[table]` or `[[array]]` header line.
    static func isHeader(_ line: String) -> Bool { trimmed(line).hasPrefix("[") }

    /// The line indices of a section: its header, then every line up to the next header.
    func range(of section: ScenarioSection) -> Range<Int>? {
        let headers = lines.indices.filter { Self.isHeader(lines[$0]) }
        func body(_ header: Int) -> Range<Int> {
            header..<(headers.first { $0 > header } ?? lines.count)
        }
        switch section {
        case .table(let name):
            return headers.first { Self.trimmed(lines[$0]).hasPrefix("[\(name)]") }.map(body)
        case .wildcard(let id):
            return wildcardHeaders(headers).map(body).first { range in
                keyLine("id", in: range).map { Self.value(ofLine: lines[$0]) == id } ?? false
            }
        case .wildcardAt(let k):
            let all = wildcardHeaders(headers)
            return all.indices.contains(k) ? body(all[k]) : nil
        }
    }

    private func wildcardHeaders(_ headers: [Int]) -> [Int] {
        headers.filter { Self.trimmed(lines[$0]).hasPrefix("[[wildcards]]") }
    }

    /// The index of the line `key = …` inside `range` (not the header).
    func keyLine(_ key: String, in range: Range<Int>) -> Int? {
        range.dropFirst().first { index in
            let line = Self.trimmed(lines[index])
            guard line.hasPrefix(key) else { return false }
            return line.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=")
        }
    }

    /// The value of a `key = value  # comment` line, without the comment and without quotes.
    static func value(ofLine line: String) -> String {
        guard let equals = line.firstIndex(of: "=") else { return "" }
        var value = String(line[line.index(after: equals)...])
        if let hash = value.firstIndex(of: "#"), !value.hasPrefix(" \"") { value = String(value[..<hash]) }
        value = value.trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("\""), let close = value.dropFirst().firstIndex(of: "\"") {
            value = String(value[value.index(after: value.startIndex)..<close])
        }
        return value
    }
}

// MARK: - The bad-scenario corpus

/// One textual edit of the baseline; applying it says where the loader must point.
enum ScenarioEdit: Sendable {
    /// Replaces the line of `key` by `key = value`.
    case set(ScenarioSection, key: String, value: String)
    /// Replaces `old` by `new` within the line of `key`.
    case substitute(ScenarioSection, key: String, old: String, new: String)
    /// Inserts `line` right after the line of `key`.
    case insert(ScenarioSection, after: String, line: String)
    /// Deletes the line of `key` (the error then points at the section's header).
    case delete(ScenarioSection, key: String)
    /// Replaces the section's header line.
    case renameHeader(ScenarioSection, to: String)
    /// Appends a copy of the section at the end of the file; the error points at `key` in the copy.
    case appendCopy(ScenarioSection, key: String)
    /// Copies the anchors file next to the scenario, points `anchors_file` at the copy and sets
    /// field `field` (0-based) of data row `row` (0-based) to `value`; the error names the copy.
    case anchorsRow(row: Int, field: Int, value: String)
}

/// Where an error must point, and what else its message must say.
struct ExpectedSpot {
    var file: String
    var line: Int
    var phrases: [String] = []
}

extension ScenarioEdit {
    /// The edits that set a wildcard's target, multiplier, window and segments (those given), in that order.
    static func wildcard(_ id: String, target: String? = nil, multiplier: String? = nil, window: String? = nil,
                         segments: [String]? = nil) -> [ScenarioEdit] {
        let values = [("target", target.map { "\"\($0)\"" }), ("multiplier", multiplier), ("window", window),
                      ("segments", segments.map { "[" + $0.map { "\"\($0)\"" }.joined(separator: ", ") + "]" })]
        return values.compactMap { key, value in value.map { .set(.wildcard(id), key: key, value: $0) } }
    }

    /// Applies the edit to `text` (the scenario, saved as `scenarioName` in `dir`).
    func apply(to text: String, scenarioName: String, in dir: URL) throws -> (text: String, spot: ExpectedSpot) {
        var doc = ScenarioLines(text)
        func section(_ s: ScenarioSection) throws -> Range<Int> {
            try #require(doc.range(of: s), "the baseline has no section \(s)")
        }
        func key(_ k: String, _ s: ScenarioSection) throws -> Int {
            try #require(doc.keyLine(k, in: section(s)), "the baseline has no key '\(k)' in \(s)")
        }
        switch self {
        case let .set(s, k, value):
            let index = try key(k, s)
            let indent = doc.lines[index].prefix { $0 == " " }
            doc.lines[index] = String(indent) + "\(k) = \(value)"
            return (doc.text, ExpectedSpot(file: scenarioName, line: index + 1))
        case let .substitute(s, k, old, new):
            let index = try key(k, s)
            try #require(doc.lines[index].contains(old), "'\(old)' is not on the line of '\(k)' in \(s)")
            doc.lines[index] = doc.lines[index].replacingOccurrences(of: old, with: new)
            return (doc.text, ExpectedSpot(file: scenarioName, line: index + 1))
        case let .insert(s, after, line):
            let index = try key(after, s) + 1
            doc.lines.insert(line, at: index)
            return (doc.text, ExpectedSpot(file: scenarioName, line: index + 1))
        case let .delete(s, k):
            let index = try key(k, s)
            let header = try section(s).lowerBound
            doc.lines.remove(at: index)
            return (doc.text, ExpectedSpot(file: scenarioName, line: header + 1))
        case let .renameHeader(s, header):
            let index = try section(s).lowerBound
            doc.lines[index] = header
            return (doc.text, ExpectedSpot(file: scenarioName, line: index + 1))
        case let .appendCopy(s, k):
            let range = try section(s)
            let original = try key(k, s)
            if doc.lines.last == "" { doc.lines.removeLast() }
            doc.lines.append("")
            let start = doc.lines.count
            doc.lines.append(contentsOf: doc.lines[range])
            doc.lines.append("")
            let copy = start + (original - range.lowerBound)
            return (doc.text, ExpectedSpot(file: scenarioName, line: copy + 1,
                                           phrases: ["first used on line \(original + 1)"]))
        case let .anchorsRow(row, field, value):
            // The anchors file the baseline names, as a path into the repository.
            let named = try #require(ForecastBaseline.value("anchors_file", in: .table("calibration")))
            let source = ForecastBaseline.url.deletingLastPathComponent().appendingPathComponent(named)
            var csv = try String(contentsOf: source, encoding: .utf8).components(separatedBy: "\n")
            let header = try #require(csv.firstIndex { !$0.hasPrefix("#") && !$0.isEmpty })
            let index = header + 1 + row
            try #require(csv.indices.contains(index) && !csv[index].isEmpty, "anchors has no data row \(row)")
            var fields = csv[index].split(separator: ",", maxSplits: field + 1, omittingEmptySubsequences: false)
                .map(String.init)
            try #require(fields.count > field + 1 && !fields[...field].joined().contains("\""),
                         "cannot edit field \(field) of '\(csv[index])'")
            fields[field] = value
            csv[index] = fields.joined(separator: ",")
            try write(csv.joined(separator: "\n"), to: "anchors.csv", in: dir)
            let line = try key("anchors_file", .table("calibration"))
            doc.lines[line] = "anchors_file = \"anchors.csv\""
            return (doc.text, ExpectedSpot(file: "anchors.csv", line: index + 1))
        }
    }
}

/// A broken scenario: one edit of the baseline and how `adopt forecast` must refuse it.
struct BadScenario: Sendable, CustomTestStringConvertible {
    let name: String
    let edit: ScenarioEdit
    let code: Int32
    /// Fragments the message must contain (besides `FILE:LINE:`).
    let phrases: [String]

    init(_ name: String, _ edit: ScenarioEdit, code: Int32 = 65, _ phrases: [String]) {
        self.name = name
        self.edit = edit
        self.code = code
        self.phrases = phrases
    }

    var testDescription: String { name }
}

/// A command line that `adopt forecast` must reject as a usage error.
struct ForecastUsageError: Sendable, CustomTestStringConvertible {
    let name: String
    let args: [String]
    let phrases: [String]
    var testDescription: String { name }
}

// MARK: - The JSON the tests read

/// The parts of `adopt forecast --format json` the tests read.
struct ForecastJSON: SnakeCaseJSON {
    struct Row: Decodable {
        var segment: String
        var technology: String
        var year: Int
        var share: Double
    }

    struct Stage: Decodable {
        var segment: String
        var stage: String
        var rule: String
        var criterion: String
        /// Null when the stage is not reached by the horizon.
        var year: Int?
        var time: Double?
        var note: String?
    }

    struct Parameter: Decodable {
        var name: String
        var segment: String?
        var estimate: Double
    }

    struct Input: Decodable {
        var path: String
        var sha256: String
    }

    var scenario: String
    var seed: UInt64
    var draws: Int
    var calibrated: Bool
    var enabledWildcards: [String]
    var inputs: [Input]
    var forecast: [Row]
    var stages: [Stage]
    var parameters: [Parameter]


    /// CPO's share in `year`, by segment.
    func cpoShares(in year: Int) -> [String: Double] {
        Dictionary(forecast.filter { $0.technology == "cpo" && $0.year == year }.map { ($0.segment, $0.share) },
                   uniquingKeysWith: { a, _ in a })
    }
}

// MARK: - Running with a chosen environment

/// Runs `adopt args…` in `dir` with exactly `environment`, output captured through files.
func runAdoptWithEnvironment(_ args: [String], in dir: URL, environment: [String: String],
                             timeout: Double = 180) throws -> AdoptRun {
    let binary = try #require(AdoptBinary.url, "cannot find the built 'adopt' next to the test bundle")
    let capture = FileManager.default.temporaryDirectory
        .appendingPathComponent("adopt-forecast-env-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: capture) }
    let outURL = capture.appendingPathComponent("stdout")
    let errURL = capture.appendingPathComponent("stderr")
    try #require(FileManager.default.createFile(atPath: outURL.path, contents: nil))
    try #require(FileManager.default.createFile(atPath: errURL.path, contents: nil))
    let out = open(outURL.path, O_WRONLY), err = open(errURL.path, O_WRONLY), input = open("/dev/null", O_RDONLY)
    defer { close(out); close(err); close(input) }
    try #require(out >= 0 && err >= 0 && input >= 0)
    let child = try Child(binary.path, args, in: dir, environment: environment, stdin: input, stdout: out, stderr: err)
    child.terminate(after: timeout)
    let (status, exitedNormally) = child.waitUntilExit()
    return AdoptRun(status: status, exitedNormally: exitedNormally, timedOut: child.fired,
                    stdoutData: try Data(contentsOf: outURL), stderrData: try Data(contentsOf: errURL))
}

/// The SHA-256 of each file, by `sha256sum` (lower-case hex).
func sha256sums(_ paths: [String], in dir: URL) throws -> [String] {
    let run = try runTool("/usr/bin/env", ["sha256sum", "--"] + paths, in: dir)
    try #require(run.status == 0, "sha256sum failed")
    return lines(String(decoding: run.stdout, as: UTF8.self)).map { String($0.prefix(64)) }
}

// MARK: - Tests

@Suite("adopt forecast: scenarios, formats, determinism, wildcards and output")
struct ForecastCLITests {
    static let segments: Set<String> = ["hyperscale", "enterprise"]
    static let technologies: Set<String> = ["pluggable", "lpo", "npo", "cpo"]
    static let stageNames: Set<String> = ["acceptance", "dependency", "optimization"]
    static let rules: Set<String> = ["share_threshold", "bass_characteristic_point"]

    static let scenarioName = "edited.toml"

    static let corpus: [BadScenario] = [
        // Names the schema does not know.
        BadScenario("unknown key, with did-you-mean",
                    .insert(.table("segments.hyperscale"), after: "ceiling", line: "elsfp_shar = 0.9"),
                    ["unknown key 'elsfp_shar' in [segments.hyperscale]", "did you mean 'elsfp_share'?"]),
        BadScenario("unknown top-level table", .renameHeader(.table("stages"), to: "[stagess]"),
                    ["unknown table [stagess]", "did you mean [stages]?"]),
        BadScenario("unknown segment table", .renameHeader(.table("segments.enterprise"), to: "[segments.enterprize]"),
                    ["unknown segment [segments.enterprize]", "did you mean [segments.enterprise]?"]),
        BadScenario("unknown technology table", .renameHeader(.table("technologies.npo"), to: "[technologies.nop]"),
                    ["unknown technology [technologies.nop]"]),
        BadScenario("unknown segment in a per-segment inline table",
                    .substitute(.table("technologies.lpo"), key: "p", old: "enterprise =", new: "enterprice ="),
                    ["unknown segment 'enterprice'", "did you mean 'enterprise'?"]),
        BadScenario("unknown metric in metric_sigma",
                    .insert(.table("calibration"), after: "anchor_sigma",
                            line: "metric_sigma = { cpo_share = 0.1, cpo_revenu = 0.2 }"),
                    ["unknown key 'cpo_revenu'", "metric_sigma", "did you mean 'cpo_revenue'?"]),
        BadScenario("unknown segment in analog_files",
                    .substitute(.table("calibration"), key: "analog_files", old: "hyperscale =", new: "hyperscal ="),
                    ["'hyperscal'", "analog_files", "did you mean 'hyperscale'?"]),
        BadScenario("influence_weight on hyperscale",
                    .insert(.table("segments.hyperscale"), after: "ceiling", line: "influence_weight = 0.5"),
                    ["'influence_weight' is not allowed in [segments.hyperscale]"]),
        BadScenario("a price decline that overflows over the years used",
                    .set(.table("technologies.cpo"), key: "asp_decline", value: "0.9999999"),
                    ["price of cpo", "asp_usd 700 in 2026", "in 2024", "the earliest year the forecast or a revenue anchor may price it",
                     "asp_year nearer 2024, or a smaller asp_decline"]),
        BadScenario("an anchor_sigma too small for double precision",
                    .substitute(.table("calibration"), key: "anchor_sigma", old: "P = 0.35", new: "P = 1e-300"),
                    ["'P' must be in [0.01, 100]", "anchor_sigma"]),
        BadScenario("an introduction_year wildcard for one segment",
                    .set(.wildcard("vendor_lock_in"), key: "segments", value: "[\"enterprise\"]"),
                    ["'segments'", "both segments", "introduction_year"]),
        BadScenario("influence_weight 0 with calibration",
                    .set(.table("segments.enterprise"), key: "influence_weight", value: "0"),
                    ["'influence_weight'", "(0, 1)", "calibrated", "0.001"]),
        BadScenario("influence_weight 1 with calibration",
                    .set(.table("segments.enterprise"), key: "influence_weight", value: "1.0"),
                    ["'influence_weight'", "(0, 1)", "0.999"]),
        BadScenario("a ceiling multiplier that takes a ceiling above 1",
                    .set(.wildcard("copper_in_rack"), key: "multiplier", value: "1.5"),
                    ["wildcard 'copper_in_rack'", "hyperscale ceiling from 0.85 to 1.275 (× 1.5)",
                     "above 1 (all of the segment's ports)", "at most × 1.176"]),
        BadScenario("multiplier on an introduction_year wildcard",
                    .insert(.wildcard("vendor_lock_in"), after: "shift_years", line: "multiplier = 2.0"),
                    ["'multiplier' is not allowed", "introduction_year"]),

        // Missing keys: reported at the line of their table.
        BadScenario("missing required key", .delete(.table("study"), key: "title"),
                    ["missing required key 'title' in [study]"]),
        BadScenario("missing ports_file key", .delete(.table("demand"), key: "ports_file"),
                    ["missing required key 'ports_file' in [demand]"]),

        // Wrong types.
        BadScenario("string where an integer belongs", .set(.table("study"), key: "seed", value: "\"twenty\""),
                    ["'seed' must be an integer", "found a string \"twenty\""]),
        BadScenario("float where an integer belongs", .set(.table("study"), key: "draws", value: "2000.5"),
                    ["'draws' must be an integer", "2000.5"]),
        BadScenario("string where a boolean belongs", .set(.table("calibration"), key: "enabled", value: "\"yes\""),
                    ["'enabled' must be a boolean"]),

        // Out of range.
        BadScenario("probability above 1", .set(.wildcard("small_models"), key: "probability", value: "1.5"),
                    ["'probability' must be in [0, 1]", "1.5"]),
        BadScenario("negative ceiling", .set(.table("segments.hyperscale"), key: "ceiling", value: "-0.85"),
                    ["'ceiling' must be in (0, 1]", "-0.85"]),
        BadScenario("q above 5", .set(.table("segments.enterprise"), key: "q", value: "7.5"),
                    ["'q' must be in [0, 5]", "7.5", "[segments.enterprise]"]),
        BadScenario("pue below 1", .set(.table("power"), key: "pue", value: "0.9"),
                    ["'pue' must be in [1, 10]", "0.9"]),
        BadScenario("asp_decline of 1", .set(.table("technologies.cpo"), key: "asp_decline", value: "1.0"),
                    ["'asp_decline' must be in [0, 1)"]),
        BadScenario("expected_direction 0", .set(.wildcard("copper_in_rack"), key: "expected_direction", value: "0"),
                    ["'expected_direction' must be 1", "found 0"]),

        // Orders and ranges.
        BadScenario("last_year before first_year", .set(.table("study"), key: "last_year", value: "1950"),
                    ["'last_year' must not be before 'first_year'"]),
        BadScenario("window start after end", .set(.wildcard("small_models"), key: "window", value: "[2030, 2027]"),
                    ["'window' must be [start, end] with start ≤ end", "[2030, 2027]"]),
        BadScenario("range [low, central, high] out of order",
                    .set(.table("technologies.cpo"), key: "watts_per_port", value: "[9.0, 7.0, 5.5]"),
                    ["'watts_per_port'", "low ≤ central ≤ high", "[9, 7, 5.5]"]),
        BadScenario("hyperscale_share years not increasing",
                    .set(.table("demand"), key: "hyperscale_share",
                         value: "{ years = [2023, 2030, 2025], values = [0.70, 0.75, 0.80] }"),
                    ["'years'", "strictly increasing", "hyperscale_share"]),

        // Wildcards.
        BadScenario("unknown wildcard target", .set(.wildcard("copper_in_rack"), key: "target", value: "\"mm\""),
                    ["not a known wildcard target: 'mm'"]),
        BadScenario("duplicate wildcard id", .appendCopy(.wildcardAt(0), key: "id"),
                    ["duplicate wildcard id"]),
        BadScenario("wildcard repeats a segment",
                    .set(.wildcard("small_models"), key: "segments", value: "[\"hyperscale\", \"hyperscale\"]"),
                    ["repeats segment 'hyperscale'"]),

        // TOML itself.
        BadScenario("duplicate key", .insert(.table("segments.hyperscale"), after: "q", line: "q = 0.70"),
                    ["TOML syntax error", "'q'"]),
        BadScenario("TOML syntax error", .set(.table("power"), key: "pue", value: "= 1.3"), ["TOML syntax error"]),
        BadScenario("unterminated string", .set(.table("study"), key: "title", value: "\"Co-packaged optics"),
                    ["TOML syntax error"]),

        // Data files.
        BadScenario("missing ports file",
                    .substitute(.table("demand"), key: "ports_file", old: ".csv\"", new: "-missing.csv\""),
                    code: 66, ["'ports_file'", "-missing.csv", "cannot be read"]),
        BadScenario("missing anchors file",
                    .substitute(.table("calibration"), key: "anchors_file", old: ".csv\"", new: "-missing.csv\""),
                    code: 66, ["'anchors_file'", "cannot be read"]),
        BadScenario("bad metric in a copied anchors file", .anchorsRow(row: 3, field: 1, value: "cpo_price"),
                    ["field 'metric'", "'cpo_price' is not a known metric"]),
        BadScenario("bad quality label in a copied anchors file", .anchorsRow(row: 5, field: 6, value: "X"),
                    ["field 'quality'", "'X'"]),
    ]

    @Test("the corpus is big, its names are unique, and the unedited copy loads")
    func corpusIsSound() throws {
        #expect(Self.corpus.count >= 22)
        #expect(Set(Self.corpus.map(\.name)).count == Self.corpus.count)
        #expect(!ForecastBaseline.text.isEmpty, "cannot read \(ForecastBaseline.url.path)")
        try withTemporaryDirectory { dir in
            try write(ForecastBaseline.relocatedText, to: Self.scenarioName, in: dir)
            let run = try runAdopt(["forecast", Self.scenarioName, "--no-calibration", "--draws", "0"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(run.stderr.isEmpty)
            #expect(!run.stdout.isEmpty)
        }
    }

    /// Two ceiling wildcards at × 1.1 each keep the hyperscale ceiling 0.85 under 1 alone (0.935) but
    /// not together (1.0285): their ramps multiply where the windows overlap. Switched on, the forecast
    /// runs them together and is refused at the later one; switched off, the wildcard table runs each
    /// alone, which stays inside.
    @Test("ceiling multipliers are refused when a run the forecast makes takes a ceiling above 1",
          arguments: [(["--wildcard", "copper_in_rack=on", "--wildcard", "laser_reliability=on"], 65),
                      ([], 0)] as [([String], Int32)])
    func ceilingMultipliersTogether(_ options: [String], _ status: Int32) throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited([.set(.wildcard("copper_in_rack"), key: "multiplier", value: "1.1"),
                                          .set(.wildcard("laser_reliability"), key: "target", value: "\"m\""),
                                          .set(.wildcard("laser_reliability"), key: "multiplier", value: "1.1")],
                                         options: ["--no-calibration", "--draws", "0"] + options, in: dir)
            #expect(run.status == status, "stderr: \(run.stderr)")
            guard status != 0 else { return }
            #expect(lines(run.stderr).count == 1)
            #expect(run.stderr.contains("wildcard 'laser_reliability' takes hyperscale ceiling from 0.85 to 1.029 "
                                        + "with the switched-on wildcards ('copper_in_rack' × 1.1, 'laser_reliability' × 1.1), in 2029, "
                                        + "above 1 (all of the segment's ports): at most × 1.176 for them all together"), "\(run.stderr)")
            let (line, text) = try Self.lineNamed(by: run, in: dir)
            #expect(text.hasPrefix("multiplier = 1.1"), "line \(line)")
        }
    }

    /// A ceiling multiplier above 1 switched off (× 1.5) beside one below 1 switched on (× 0.5): the
    /// forecast runs × 0.5, the wildcard table × 0.5 · 1.5 and nothing; the hyperscale ceiling 0.85 stays
    /// under 1 in all three, though × 1.5 alone would take it to 1.275, a run never made.
    @Test("a ceiling multiplier that only ever runs beside a smaller one is accepted")
    func ceilingMultiplierNeverAlone() throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited([.set(.wildcard("copper_in_rack"), key: "multiplier", value: "0.5"),
                                          .set(.wildcard("laser_reliability"), key: "target", value: "\"m\""),
                                          .set(.wildcard("laser_reliability"), key: "multiplier", value: "1.5")],
                                         options: ["--no-calibration", "--draws", "0", "--wildcard", "copper_in_rack=on"], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            // Switched on as well, the table's run without × 0.5 is × 1.5 alone: refused.
            let both = try Self.runEdited([.set(.wildcard("copper_in_rack"), key: "multiplier", value: "0.5"),
                                           .set(.wildcard("laser_reliability"), key: "target", value: "\"m\""),
                                           .set(.wildcard("laser_reliability"), key: "multiplier", value: "1.5")],
                                          options: ["--no-calibration", "--draws", "0", "--wildcard", "copper_in_rack=on",
                                                    "--wildcard", "laser_reliability=on"], in: dir)
            #expect(both.status == 65, "stderr: \(both.stderr)")
            // Put down to the × 1.5 that raises the ceiling, at its line, not to the × 0.5 whose absence lets it.
            #expect(both.stderr.contains("wildcard 'laser_reliability' takes hyperscale ceiling from 0.85 to 1.275 (× 1.5) "
                                         + "in the wildcard table's run with 'copper_in_rack' switched off, in 2028, "
                                         + "above 1 (all of the segment's ports): at most × 1.176 in every segment it names"), "\(both.stderr)")
            #expect(both.stderr.hasPrefix("adopt: edited.toml:142:"), "\(both.stderr)")
        }
    }

    /// The ceiling check follows the forecast's years, at mid-year as the engine computes them: a window
    /// running past the last year (2035) counts as far as it has come by 2035.5 (× 1.3 over 2034–2040:
    /// 0.85 · 1.075 = 0.914), and a peak at a moment between mid-years is not one (× 2 over 2030–2031
    /// switched off, × 0.4 over 2031–2032 switched on: 1.2 at 2031.0, but 0.9 and 0.84 at 2030.5 and
    /// 2031.5). A wildcard naming both segments is told the smaller of their limits (enterprise's
    /// ceiling raised to 0.95: × 1.052, not hyperscale's × 1.176).
    static let ceilingRuns: [(String, [ScenarioEdit], [String], Int32, [String])] = [
        ("a window past the last year", ScenarioEdit.wildcard("copper_in_rack", multiplier: "1.3", window: "[2034, 2040]"), [], 0, []),
        ("a peak between mid-years", [.set(.table("segments.hyperscale"), key: "ceiling", value: "0.6")]
            + ScenarioEdit.wildcard("copper_in_rack", multiplier: "2", window: "[2030, 2031]", segments: ["hyperscale"])
            + ScenarioEdit.wildcard("laser_reliability", target: "m", multiplier: "0.4", window: "[2031, 2032]", segments: ["hyperscale"]),
         ["--wildcard", "laser_reliability=on"], 0, []),
        ("the smaller limit of two segments", [.set(.table("segments.enterprise"), key: "ceiling", value: "0.95"),
                                               .set(.wildcard("copper_in_rack"), key: "multiplier", value: "1.2")], [], 65,
         ["wildcard 'copper_in_rack' takes hyperscale ceiling from 0.85 to 1.02 (× 1.2) in the wildcard table's run with it "
          + "switched on, in 2029, above 1 (all of the segment's ports): at most × 1.052 in every segment it names"]),
    ]

    /// The wildcard blamed raises the value when it leaves the domain: × 2 on the ceiling from 2034 is
    /// not yet acting in 2027, when × 1.3 from 2026 takes 0.85 to 1.105. A q multiplier past the last
    /// year is checked too: the stage rules follow the diffusion decades beyond it.
    static let blameRuns: [(String, [ScenarioEdit], [String], Int32, [String])] = [
        ("the wildcard acting at the peak",
         ScenarioEdit.wildcard("copper_in_rack", multiplier: "1.3", window: "[2026, 2027]", segments: ["hyperscale"])
            + ScenarioEdit.wildcard("small_models", target: "m", multiplier: "2", window: "[2034, 2035]", segments: ["hyperscale"])
            + ScenarioEdit.wildcard("laser_reliability", target: "m", multiplier: "0.1", window: "[2028, 2029]", segments: ["hyperscale"]),
         ["--wildcard", "copper_in_rack=on", "--wildcard", "small_models=on", "--wildcard", "laser_reliability=on"], 65,
         ["wildcard 'copper_in_rack' takes hyperscale ceiling from 0.85 to 1.105 with the switched-on wildcards", "in 2027,"]),
        ("a q multiplier after the last year",
         ScenarioEdit.wildcard("laser_reliability", multiplier: "1e6", window: "[2036, 2037]"), [], 65,
         ["wildcard 'laser_reliability' takes", "(× 1000000) in the wildcard table's run with it switched on, in 2037"]),
    ]

    @Test("the domain check follows the years and segments the forecast computes, and blames a wildcard acting then",
          arguments: ceilingRuns + blameRuns)
    func domainCheckAsComputed(_ c: (String, [ScenarioEdit], [String], Int32, [String])) throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited(c.1, options: ["--no-calibration", "--draws", "0"] + c.2, in: dir)
            #expect(run.status == c.3, "\(c.0): \(run.stderr)")
            for phrase in c.4 { #expect(run.stderr.contains(phrase), "\(c.0): \(run.stderr)") }
        }
    }

    /// A multiplier on q that takes the calibrated q far above 5 a year would leave the diffusion too
    /// stiff to solve (and no adoption curve): refused at its line, alone or with the wildcards on.
    @Test("a p or q multiplier that leaves the model's domain is refused at its line",
          arguments: [("laser_reliability", "1e7", "(× 10000000)"), ("standards", "1e8", "(× 100000000)")])
    func wildcardOutsideDomain(_ id: String, _ multiplier: String, _ phrase: String) throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited([.set(.wildcard(id), key: "multiplier", value: multiplier)], in: dir)
            #expect(run.status == 65, "stderr: \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(lines(run.stderr).count == 1)
            #expect(run.stderr.contains("wildcard '\(id)'") && run.stderr.contains(phrase)
                    && run.stderr.contains("(p ≤ 1, q ≤ 5)") && run.stderr.contains("at most ×"), "\(run.stderr)")
            let (line, text) = try Self.lineNamed(by: run, in: dir)
            #expect(text.hasPrefix("multiplier = \(multiplier)"), "line \(line)")
        }
    }

    /// The runs made are the switched-on wildcards together and, for the wildcard table, that set with
    /// each switched-off one added and each switched-on one left out. Two enterprise q multipliers above 1
    /// (× 5, × 4, first in the file) with two below 1 (× 0.3 each) switched on: the forecast peaks at
    /// 0.45 · 20 · 0.09 = 0.81 and the table's runs at 0.45 · 20 · 0.3 = 2.7, inside q ≤ 5, though the first
    /// two alone would reach 9.
    @Test("the domain check follows the runs made, whatever the file order")
    func wildcardsTogetherInsideDomain() throws {
        try withTemporaryDirectory { dir in
            var edits: [ScenarioEdit] = []
            for (id, multiplier) in [("small_models", "5"), ("copper_in_rack", "4")] {
                edits += [.set(.wildcard(id), key: "target", value: "\"q\""), .set(.wildcard(id), key: "segments", value: "[\"enterprise\"]"),
                          .set(.wildcard(id), key: "multiplier", value: multiplier)]
            }
            edits += [.set(.wildcard("laser_reliability"), key: "multiplier", value: "0.3"),
                      .set(.wildcard("standards"), key: "target", value: "\"q\""),
                      .set(.wildcard("standards"), key: "multiplier", value: "0.3")]
            let on = ["small_models", "copper_in_rack", "laser_reliability", "standards"].flatMap { ["--wildcard", "\($0)=on"] }
            let run = try Self.runEdited(edits, options: ["--no-calibration", "--draws", "0"] + on, in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
        }
    }

    /// Switched off, laser reliability (× 1.5 here) is still run, on top of the switched-on ELSFP
    /// serviceability (× 8), for the wildcard table: enterprise q 0.45 · 12 = 5.4.
    @Test("a switched-off wildcard whose table run leaves the domain is refused")
    func switchedOffWildcardOutsideDomain() throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited([.set(.wildcard("laser_reliability"), key: "multiplier", value: "1.5"),
                                          .set(.wildcard("elsfp_serviceability"), key: "multiplier", value: "8")],
                                         options: ["--no-calibration", "--draws", "0", "--wildcard", "elsfp_serviceability=on"], in: dir)
            #expect(run.status == 65, "stderr: \(run.stderr)")
            #expect(lines(run.stderr).count == 1)
            #expect(run.stderr.contains("wildcard 'laser_reliability' takes enterprise q from 0.45 to 5.4 "
                                        + "in the wildcard table's run with it switched on ('laser_reliability' × 1.5, 'elsfp_serviceability' × 8)")
                    && run.stderr.contains("at most × 11.11"), "\(run.stderr)")
        }
    }

    /// A switched-on wildcard that leaves the domain by itself is named, not a later switched-on one on
    /// another coefficient (standards moves enterprise p).
    @Test("the forecast's excess is put down to a wildcard on the coefficient that leaves the domain")
    func forecastExcessBlamesItsWildcard() throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited([.set(.wildcard("elsfp_serviceability"), key: "multiplier", value: "12")],
                                         options: ["--no-calibration", "--draws", "0", "--wildcard", "elsfp_serviceability=on",
                                                   "--wildcard", "standards=on"], in: dir)
            #expect(run.status == 65, "stderr: \(run.stderr)")
            #expect(run.stderr.contains("wildcard 'elsfp_serviceability' takes enterprise q from 0.45 to 5.4 (× 12)"), "\(run.stderr)")
        }
    }

    /// A value just past a limit is shown with the digits that tell it from the limit, and the largest
    /// multiplier allowed is cut, not rounded up past it.
    @Test("numbers next to a limit keep the digits that tell them apart",
          arguments: [([ScenarioEdit.set(.table("segments.enterprise"), key: "p", value: "1.0000000000001")],
                       ["found 1.0000000000001"]),
                      ([ScenarioEdit.set(.wildcard("standards"), key: "multiplier", value: "200.01")],
                       ["to 1.00005 (× 200.01)", "at most × 200\n"]),
                      ([ScenarioEdit.set(.table("segments.enterprise"), key: "p", value: "0.0039849"),
                        ScenarioEdit.set(.wildcard("standards"), key: "multiplier", value: "251")],
                       ["to 1.0002 (× 251)", "at most × 250.9\n"])])
    func digitsNextToALimit(_ edits: [ScenarioEdit], _ phrases: [String]) throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited(edits, in: dir)
            #expect(run.status == 65, "stderr: \(run.stderr)")
            for phrase in phrases { #expect(run.stderr.contains(phrase), "\(run.stderr)") }
        }
    }

    @Test("the scenario's own calibration switch conflicts with --draws and --no-optimism-correction as --no-calibration does",
          arguments: [["--draws", "200"], ["--no-optimism-correction"]])
    func calibrationOffInTheScenario(_ options: [String]) throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited([.set(.table("calibration"), key: "enabled", value: "false")], format: "json",
                                         options: options, in: dir)
            #expect(run.status == 64, "stderr: \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(lines(run.stderr).count == 1 && run.stderr.contains(options[0]) && run.stderr.contains("enabled = false"),
                    "\(run.stderr)")
        }
    }

    /// Uncalibrated, no anchor is priced: a steep decline from the report's first year stays finite over
    /// the report's years, and the run goes ahead.
    @Test("a steep price decline is checked over the years the forecast prices, not the anchors' when uncalibrated")
    func steepDeclineUncalibrated() throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited([.set(.table("technologies.cpo"), key: "asp_decline", value: "0.999")], in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
        }
    }

    /// The scenario line an error message points at (`adopt: FILE:LINE: …`), and its text.
    static func lineNamed(by run: AdoptRun, in dir: URL) throws -> (Int, Substring) {
        let line = try #require(lines(run.stderr).first?.split(separator: ":").dropFirst(2).first.flatMap { Int($0) })
        let scenario = try String(contentsOf: dir.appendingPathComponent(scenarioName), encoding: .utf8)
        return (line, scenario.split(separator: "\n", omittingEmptySubsequences: false)[line - 1])
    }

    /// Runs `adopt forecast` uncalibrated, without draws, on the relocated baseline with `edits`
    /// made, in `dir`.
    /// The edited baseline run uncalibrated without draws, or with `options` instead of those two.
    static func runEdited(_ edits: [ScenarioEdit], format: String = "json", options: [String]? = nil,
                          in dir: URL) throws -> AdoptRun {
        var text = ForecastBaseline.relocatedText
        for edit in edits { text = try edit.apply(to: text, scenarioName: scenarioName, in: dir).text }
        try write(text, to: scenarioName, in: dir)
        return try runAdoptRaw(["forecast", scenarioName] + (options ?? ["--no-calibration", "--draws", "0"]) + ["--format", format],
                               in: dir, timeout: 120)
    }

    @Test("the report defines every wildcard of the scenario and says which this run switched on, in JSON and Markdown")
    func wildcardDefinitions() throws {
        try withTemporaryDirectory { dir in
            try write(ForecastBaseline.relocatedText, to: "baseline.toml", in: dir)
            let base = ["forecast", "baseline.toml", "--no-calibration", "--draws", "0", "--wildcard", "copper_in_rack=on"]
            let json = try runAdoptRaw(base + ["--format", "json"], in: dir)
            #expect(json.status == 0, "stderr: \(json.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
            let definitions = try #require(object["wildcard_definitions"] as? [[String: Any]])
            let ids = definitions.compactMap { $0["id"] as? String }
            #expect(Set(ids) == ["small_models", "copper_in_rack", "laser_reliability", "elsfp_serviceability", "standards", "vendor_lock_in"])
            let copper = try #require(definitions.first { $0["id"] as? String == "copper_in_rack" })
            #expect(copper["enabled"] as? Bool == true && copper["target"] as? String == "m" && copper["multiplier"] as? Double == 0.8)
            #expect(copper["window_start"] as? Double == 2026 && copper["window_end"] as? Double == 2029)
            let lockIn = try #require(definitions.first { $0["id"] as? String == "vendor_lock_in" })
            #expect(lockIn["enabled"] as? Bool == false && lockIn["multiplier"] is NSNull && lockIn["shift_years"] as? Double == 1)
            let markdown = try runAdopt(base, in: dir).stdout
            #expect(markdown.contains("Wildcards switched on: copper_in_rack (CPO ceiling m × 0.8, ramping in over 2026–2029)."))
            #expect(markdown.contains("| copper_in_rack | on | CPO ceiling m × 0.8 | hyperscale, enterprise | 2026–2029 | 0.5 |"))
            #expect(markdown.contains("| vendor_lock_in | off | introduction year + 1 year |"))
        }
    }

    @Test("a scenario against the model's own terms is told so: enterprises ahead of the hyperscalers, a stage threshold above a ceiling")
    func contradictionNotes() throws {
        try withTemporaryDirectory { dir in
            func notes(_ edits: [ScenarioEdit]) throws -> [String] {
                let run = try Self.runEdited(edits, in: dir)
                #expect(run.status == 0, "stderr: \(run.stderr)")
                let object = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
                return try #require(object["notes"] as? [String])
            }
            #expect(try notes([]).allSatisfy { !$0.contains("passes the hyperscalers'") && !$0.contains("at or above the") })
            let ahead = try notes([.set(.table("segments.enterprise"), key: "p", value: "0.08")])
            #expect(ahead.contains { $0.hasPrefix("the enterprise CPO share passes the hyperscalers' in 20") }, "\(ahead)")
            let above = try notes([.set(.table("stages"), key: "optimization_share", value: "0.9")])
            #expect(above.filter { $0.hasPrefix("stages.optimization_share = 90 % is at or above the") }.count == 2, "\(above)")
        }
    }

    @Test("--seed N gives the report of the scenario with seed = N, and records it")
    func seedOption() throws {
        try withTemporaryDirectory { dir in
            let options = ["--draws", "110"]
            let edited = try Self.runEdited([.set(.table("study"), key: "seed", value: "7")], options: options, in: dir)
            let text = ForecastBaseline.relocatedText
            try write(text, to: "baseline.toml", in: dir)
            let seeded = try runAdoptRaw(["forecast", "baseline.toml", "--seed", "7", "--format", "json"] + options, in: dir, timeout: 120)
            let plain = try runAdoptRaw(["forecast", "baseline.toml", "--format", "json"] + options, in: dir, timeout: 120)
            #expect(edited.status == 0 && seeded.status == 0 && plain.status == 0, "\(seeded.stderr)")
            func body(_ run: AdoptRun) throws -> [String: Any] {
                let parsed = try JSONSerialization.jsonObject(with: run.stdoutData)
                var object = try #require(parsed as? [String: Any])
                object["command"] = nil
                object["inputs"] = nil
                return object
            }
            let (a, b, c) = (try body(edited), try body(seeded), try body(plain))
            #expect(b["seed"] as? Int == 7 && c["seed"] as? Int == 20261125)
            func serialized(_ object: [String: Any]) throws -> Data {
                try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            }
            #expect(try serialized(a) == serialized(b))
            #expect(try serialized(b) != serialized(c))
        }
    }

    /// Most anchors are CPO revenue or ports: the calibration meets them through the demand and the CPO
    /// price, so more ports, or a dearer port, is answered by a lower share (the README says so); without
    /// calibration the shares do not move.
    @Test("demand growth and the CPO price feed the calibration: each raised lowers the calibrated share, and only it",
          arguments: [(ScenarioEdit.set(.table("demand"), key: "growth_after_data", value: "0.40"), "demand growth"),
                      (ScenarioEdit.set(.table("technologies.cpo"), key: "asp_usd", value: "1000"), "CPO price")])
    func demandAndPriceFeedCalibration(_ edit: ScenarioEdit, _ what: String) throws {
        try withTemporaryDirectory { dir in
            func lastTotals(_ edits: [ScenarioEdit], calibrated: Bool) throws -> (share: Double, ports: Double) {
                let run = try Self.runEdited(edits, options: calibrated ? ["--draws", "0"] : nil, in: dir)
                #expect(run.status == 0, "stderr: \(run.stderr)")
                let object = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
                let totals = try #require(object["totals"] as? [[String: Any]])
                let last = try #require(totals.last)
                return (try #require(last["cpo_share"] as? Double), try #require(last["cpo_ports_m"] as? Double))
            }
            let (base, edited) = (try lastTotals([], calibrated: true), try lastTotals([edit], calibrated: true))
            #expect(edited.share < 0.9 * base.share, "\(what): share \(edited.share) against \(base.share)")
            let (plain, plainEdited) = (try lastTotals([], calibrated: false), try lastTotals([edit], calibrated: false))
            #expect(abs(plainEdited.share - plain.share) <= 1e-12, "\(what), uncalibrated: \(plainEdited.share) against \(plain.share)")
        }
    }

    // The hyperscalers adopt by the Bass hazard p + q·F, so their points have closed forms (Mahajan,
    // Muller & Srivastava 1990): peak t* = ln(q/p)/(p + q) after the introduction, takeoff
    // t* − ln(2 + √3)/(p + q). When q/p < 2 + √3 the takeoff would come before the introduction:
    // the rate accelerates most at launch, and the segment takes off at the introduction; when
    // q ≤ p the rate is highest at launch, and it peaks there too.
    @Test("the hyperscalers' takeoff, peak and saturation onset are the Bass closed forms, at the introduction where they would come before it",
          arguments: [(0.02, 0.60), (0.1, 0.2), (0.2, 0.1), (0.3, 0.29), (0.3, 0.31)])
    func hyperscaleBassPoints(_ p: Double, _ q: Double) throws {
        try withTemporaryDirectory { dir in
            let hyperscale = ScenarioSection.table("segments.hyperscale")
            let run = try Self.runEdited([.set(hyperscale, key: "p", value: "\(p)"), .set(hyperscale, key: "q", value: "\(q)")],
                                         in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let report = try ForecastJSON.decode(run.stdoutData)
            let introduction = try #require(ForecastBaseline.value("introduction_year", in: .table("technologies.cpo"))
                .flatMap(Double.init))
            let peak = max(0, log(q / p) / (p + q)), takeoff = max(0, log(q / p) / (p + q) - log(2 + 3.0.squareRoot()) / (p + q))
            // Saturation onset, where the rate falls fastest: after the introduction also when q ≤ p.
            let onset = log(q / p) / (p + q) + log(2 + 3.0.squareRoot()) / (p + q)
            let points = report.stages.filter { $0.segment == "hyperscale" && $0.rule == "bass_characteristic_point" }
            let acceptance = try #require(points.first { $0.stage == "acceptance" })
            let dependency = try #require(points.first { $0.stage == "dependency" })
            #expect(abs(try #require(dependency.time) - (introduction + peak)) < 1e-6, "q/p = \(q / p)")
            #expect(abs(try #require(acceptance.time) - (introduction + takeoff)) < 1e-6, "q/p = \(q / p)")
            let optimization = try #require(points.first { $0.stage == "optimization" })
            #expect(abs(try #require(optimization.time) - (introduction + onset)) < 1e-6, "q/p = \(q / p)")
            #expect(acceptance.criterion == "takeoff" && dependency.criterion == "peak adoption rate")
            #expect((acceptance.note != nil) == (takeoff == 0), "\(acceptance.note ?? "no note")")
            #expect((dependency.note != nil) == (peak == 0), "\(dependency.note ?? "no note")")
            // A point's year is the calendar year it falls in (saturation onset 6.70 years after the
            // introduction, at (0.1, 0.2), is in the sixth year after it, not the seventh).
            #expect([acceptance, dependency, optimization].contains { $0.year != nil })
            for point in [acceptance, dependency, optimization] {
                if let year = point.year, let time = point.time {
                    #expect(year == Int(time.rounded(.down)), "\(point.stage): \(year) for time \(time)")
                }
            }
        }
    }

    @Test("a title with a line break is one heading line")
    func titleOnOneLine() throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited([.set(.table("study"), key: "title", value: #""CPO\nbaseline""#)], format: "md", in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            #expect(lines(run.stdout).first == "# CPO baseline")
        }
    }

    @Test("CPO introduced after the report's window: no share, no stage year, no crash", arguments: [2040, 2080, 2200])
    func lateIntroduction(_ year: Int) throws {
        try withTemporaryDirectory { dir in
            let run = try Self.runEdited([.set(.table("technologies.cpo"), key: "introduction_year", value: "\(year)")], in: dir)
            #expect(run.exitedNormally && run.status == 0, "status \(run.status), stderr: \(run.stderr)")
            let report = try ForecastJSON.decode(run.stdoutData)
            #expect(report.forecast.filter { $0.technology == "cpo" }.allSatisfy { $0.share == 0 })
            #expect(report.stages.allSatisfy { $0.year == nil || $0.year! >= year })
        }
    }

    @Test("a broken scenario fails with one line at FILE:LINE, the right status and empty stdout",
          arguments: corpus)
    func badScenario(_ bad: BadScenario) throws {
        try withTemporaryDirectory { dir in
            let original = ForecastBaseline.relocatedText
            let (edited, spot) = try bad.edit.apply(to: original, scenarioName: Self.scenarioName, in: dir)
            #expect(edited != original)
            try write(edited, to: Self.scenarioName, in: dir)

            let run = try runAdopt(["forecast", Self.scenarioName], in: dir)
            #expect(run.status == bad.code, "stderr: \(run.stderr)")
            #expect(run.stdout.isEmpty)
            let errorLines = lines(run.stderr)
            #expect(errorLines.count == 1, "stderr: \(run.stderr)")
            #expect(run.stderr.hasSuffix("\n"))
            let message = String(errorLines.first ?? "")
            let prefix = "adopt: \(spot.file):\(spot.line): "
            #expect(message.hasPrefix(prefix), "expected '\(prefix)…', found '\(message)'")
            for phrase in bad.phrases + spot.phrases {
                #expect(message.contains(phrase), "'\(phrase)' not in '\(message)'")
            }
        }
    }

    static let usageErrors: [ForecastUsageError] = [
        ForecastUsageError(name: "unknown --wildcard id", args: ["--wildcard", "no_such_wildcard=on"],
                           phrases: ["--wildcard", "'no_such_wildcard'", "copper_in_rack"]),
        ForecastUsageError(name: "--wildcard without =", args: ["--wildcard", "copper_in_rack"],
                           phrases: ["--wildcard", "ID=on or ID=off", "'copper_in_rack'"]),
        ForecastUsageError(name: "--wildcard with a bad state", args: ["--wildcard", "copper_in_rack=yes"],
                           phrases: ["--wildcard", "'copper_in_rack=yes'"]),
        ForecastUsageError(name: "--draws -1", args: ["--draws", "-1"], phrases: ["--draws"]),
        ForecastUsageError(name: "--draws=-1", args: ["--draws=-1"], phrases: ["--draws"]),
        ForecastUsageError(name: "--draws too many", args: ["--draws", "1000001"], phrases: ["--draws"]),
        ForecastUsageError(name: "unknown --format", args: ["--format", "xml"], phrases: ["--format", "'xml'"]),
        ForecastUsageError(name: "a --table misspelt", args: ["--table", "total", "--format", "csv"],
                           phrases: ["--table 'total' is not one of 'forecast', 'stages' or 'totals': did you mean 'totals'?"]),
        ForecastUsageError(name: "--threads 0", args: ["--threads", "0"], phrases: ["--threads", "at least 1"]),
        ForecastUsageError(name: "--threads -2", args: ["--threads", "-2"], phrases: ["--threads", "at least 1", "not -2"]),
        ForecastUsageError(name: "--threads not a number", args: ["--threads", "two"], phrases: ["--threads", "'two'"]),
        ForecastUsageError(name: "unknown --table", args: ["--table", "parameters"], phrases: ["--table"]),
        ForecastUsageError(name: "--draws too few for a band", args: ["--draws", "2"], phrases: ["--draws", "110"]),
        ForecastUsageError(name: "--draws too few to bound a band's ends", args: ["--draws", "109"], phrases: ["--draws", "110", "not 109"]),
        ForecastUsageError(name: "--table with Markdown", args: ["--table", "stages", "--format", "md"],
                           phrases: ["--table stages", "--format csv"]),
        ForecastUsageError(name: "--draws without calibration", args: ["--no-calibration", "--draws", "200"],
                           phrases: ["--draws", "--no-calibration"]),
        ForecastUsageError(name: "--no-optimism-correction without calibration",
                           args: ["--no-calibration", "--no-optimism-correction"],
                           phrases: ["--no-optimism-correction", "--no-calibration"]),
        ForecastUsageError(name: "a wildcard switched twice",
                           args: ["--wildcard", "copper_in_rack=on", "--wildcard", "copper_in_rack=off"],
                           phrases: ["--wildcard", "'copper_in_rack'", "twice"]),
        ForecastUsageError(name: "--draws given twice", args: ["--draws", "100", "--draws=200"],
                           phrases: ["--draws", "twice", "'100', then '200'"]),
    ]

    @Test("a usage error exits 64 with one line and empty stdout", arguments: usageErrors)
    func usageError(_ usage: ForecastUsageError) throws {
        let run = try runAdopt(["forecast", ForecastBaseline.path] + usage.args, in: ForecastBaseline.repository)
        #expect(run.status == 64, "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(lines(run.stderr).count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.hasPrefix("adopt: "))
        for phrase in usage.phrases {
            #expect(run.stderr.contains(phrase), "'\(phrase)' not in '\(run.stderr)'")
        }
    }

    @Test("an empty scenario name is a usage error, not a missing file")
    func emptyScenarioName() throws {
        let run = try runAdopt(["forecast", ""], in: ForecastBaseline.repository)
        #expect(run.status == 64, "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(lines(run.stderr).count == 1 && run.stderr.contains("the scenario needs a file name"), "stderr: \(run.stderr)")
    }

    @Test("--table forecast, the default, holds with every format", arguments: ["md", "json", "csv"])
    func defaultTableWithEveryFormat(_ format: String) throws {
        let base = ["forecast", ForecastBaseline.path, "--no-calibration", "--draws", "0", "--format", format]
        let plain = try runAdopt(base, in: ForecastBaseline.repository)
        let explicit = try runAdopt(base + ["--table", "forecast"], in: ForecastBaseline.repository)
        #expect(plain.status == 0 && explicit.status == 0, "stderr: \(explicit.stderr)")
        // The command line is in the report; the rest is the same.
        let strip = { (s: String) in lines(s).filter { !$0.contains("--table") && !$0.contains("adopt forecast") } }
        #expect(strip(explicit.stdout) == strip(plain.stdout))
        #expect(!plain.stdout.isEmpty)
    }

    @Test("without bands the header says so, and why when draws were dropped; the CPO column has no band label")
    func noBandsHeader() throws {
        let base = ["forecast", ForecastBaseline.path, "--no-calibration", "--format", "md"]
        // The scenario asks for draws, which an uncalibrated run drops (a note says why).
        let dropped = try runAdopt(base, in: ForecastBaseline.repository)
        #expect(dropped.status == 0, "stderr: \(dropped.stderr)")
        #expect(dropped.stdout.contains("no 5–95 % bands (the notes say why)."))
        #expect(dropped.stdout.contains("- no 5–95 % bands: they come from the calibration's covariance"))
        #expect(!dropped.stdout.contains("CPO (5–95 %)") && dropped.stdout.contains("| NPO | CPO | CPO ports (M) |"))
        let none = try runAdopt(base + ["--draws", "0"], in: ForecastBaseline.repository)
        #expect(none.stdout.contains("seed 20261125, no 5–95 % bands.\n"))
    }

    @Test("Markdown: the energy footnote and the assumptions table give the scenario's values; the fit's χ² is stated")
    func assumptionsInMarkdown() throws {
        let run = try runAdopt(["forecast", ForecastBaseline.path, "--draws", "0", "--format", "md"], in: ForecastBaseline.repository)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let pue = try #require(ForecastBaseline.value("pue", in: .table("power")))
        let price = try #require(ForecastBaseline.value("price_usd_per_mwh", in: .table("power")))
        #expect(run.stdout.contains("× 8,760 h × PUE \(pue); cost at \(price) USD/MWh"))
        #expect(run.stdout.contains("a gross saving, not one against LPO or NPO"))
        #expect(run.stdout.contains("## Assumptions taken as given"))
        #expect(run.stdout.contains("| `power.pue` | \(pue) | – |"))
        #expect(run.stdout.contains("| `technologies.cpo.watts_per_port` | 7 (5.5–9) | W per 800G-equivalent port |"))
        #expect(run.stdout.contains("Goodness of fit: χ² = ") && run.stdout.contains("Birge ratio √(χ²/dof) = "))
        // The wildcards' expected changes of the last year's share, summed as the JSON has them.
        let json = try runAdoptRaw(["forecast", ForecastBaseline.path, "--draws", "0", "--format", "json"], in: ForecastBaseline.repository)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let rows = try #require(object["wildcards"] as? [[String: Any]])
        let sum = rows.filter { ($0["year"] as? Int) == 2035 }.reduce(0.0) { $0 + (($1["expected_share_contribution"] as? Double) ?? .nan) }
        let line = try #require(lines(run.stdout).first { $0.hasPrefix("Summed, the wildcards' expected changes of the 2035 share come to ") })
        let shown = try #require(Double(line.split(separator: " ")[11]))
        #expect(abs(shown - sum * 100) <= 0.005 * abs(sum * 100), "\(line) vs \(sum * 100)")
        // Each wildcard's port and power differences as the JSON has them, to the three digits shown: the
        // demand wildcard, which leaves the shares as they are, among them.
        for id in ["small_models", "copper_in_rack"] {
            let last = try #require(rows.first { ($0["wildcard"] as? String) == id && ($0["year"] as? Int) == 2035 })
            let ports = try #require(last["cpo_ports_difference"] as? Double)
            let power = try #require(last["power_saved_difference_mw"] as? Double)
            let expected = try #require(last["expected_ports_contribution"] as? Double)
            let probability = try #require(last["probability"] as? Double)
            #expect(ports < 0 && power < 0)
            // Both are off in the baseline: switched on, each weighs its difference by its probability.
            #expect(abs(expected - probability * ports) <= 1e-12 * abs(ports))
            let cells = try #require(lines(run.stdout).last { $0.hasPrefix("| \(id) | ") }).split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let shown = try cells.suffix(3).map { try #require(Double($0)) }
            for (value, actual) in zip(shown, [ports, expected, power]) {
                #expect(abs(value - actual) <= 0.005 * abs(actual), "\(id): \(cells) vs \(actual)")
            }
        }
    }

    @Test("a missing scenario argument is a usage error")
    func missingScenarioArgument() throws {
        let run = try runAdopt(["forecast", "--format", "json"], in: ForecastBaseline.repository)
        #expect(run.status == 64, "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(lines(run.stderr).count == 1, "stderr: \(run.stderr)")
        #expect(run.stderr.hasPrefix("adopt: "))
        #expect(run.stderr.contains("scenario"))
    }

    @Test("a missing scenario file exits 66 with one line naming it")
    func missingScenarioFile() throws {
        try withTemporaryDirectory { dir in
            let run = try runAdopt(["forecast", "nowhere.toml"], in: dir)
            #expect(run.status == 66, "stderr: \(run.stderr)")
            #expect(run.stdout.isEmpty)
            #expect(lines(run.stderr).count == 1)
            #expect(run.stderr.hasPrefix("adopt: nowhere.toml: "), "stderr: \(run.stderr)")
        }
    }

    @Test("JSON: forecast and stage rows, shares that add up, the seed and the inputs' SHA-256")
    func jsonShape() throws {
        let root = ForecastBaseline.repository
        let run = try runAdoptRaw(["forecast", ForecastBaseline.path, "--format", "json", "--draws", "120"],
                                  in: root, timeout: 180)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)

        let object = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        #expect(object["forecast"] is [Any])
        #expect(object["stages"] is [Any])
        #expect(object["tool"] as? String == "adopt 0.1.0")
        // Every row of every table has the same keys, a missing value as null.
        #expect(unevenLists(object) == [])
        // The totals' keys carry the same units as the forecast rows'.
        let allTotals = try #require(object["totals"] as? [[String: Any]])
        let totals = try #require(allTotals.first)
        #expect(Set(totals.keys) == ["year", "cpo_share", "cpo_share_hyperscale", "cpo_share_enterprise", "cpo_ports_m",
                                     "cpo_ports_hyperscale_m", "cpo_revenue_usd_bn", "power_saved_mw", "power_saved_low_mw",
                                     "power_saved_high_mw", "energy_saved_gwh", "cost_saved_usd_m", "wildcards_expected_change",
                                     "cpo_share_p05", "cpo_share_p95", "cpo_ports_p05_m", "cpo_ports_p95_m"])
        // The headline figures' bands, from the same draws as the segments' (this seed's): around the central
        // values, and of the same year (all ports are not drawn: the ports' band is the share's times them).
        for t in allTotals {
            let year = try #require(t["year"] as? Int)
            let (share, low, high) = (try #require(t["cpo_share"] as? Double), try #require(t["cpo_share_p05"] as? Double),
                                      try #require(t["cpo_share_p95"] as? Double))
            let (ports, portsLow, portsHigh) = (try #require(t["cpo_ports_m"] as? Double), try #require(t["cpo_ports_p05_m"] as? Double),
                                                try #require(t["cpo_ports_p95_m"] as? Double))
            #expect(low < share && share < high, "\(year): \(share) outside \(low)–\(high)")
            #expect(portsLow < ports && ports < portsHigh, "\(year): \(ports) outside \(portsLow)–\(portsHigh)")
            #expect(abs(portsLow / low - ports / share) <= 1e-9 * ports / share, "\(year): the ports' band is the share's times all ports")
        }
        let report = try ForecastJSON.decode(run.stdoutData)

        // Forecast rows: every segment × technology × year once, shares in [0, 1] adding up to 1.
        let first = try #require(ForecastBaseline.firstYear)
        let last = try #require(ForecastBaseline.lastYear)
        #expect(report.forecast.count == Self.segments.count * Self.technologies.count * (last - first + 1))
        var sums: [String: Double] = [:]
        var seen = Set<String>()
        for row in report.forecast {
            #expect(Self.segments.contains(row.segment), "segment \(row.segment)")
            #expect(Self.technologies.contains(row.technology), "technology \(row.technology)")
            #expect((first...last).contains(row.year), "year \(row.year)")
            #expect(row.share >= 0 && row.share <= 1, "\(row.segment) \(row.technology) \(row.year): \(row.share)")
            #expect(seen.insert("\(row.segment) \(row.technology) \(row.year)").inserted)
            sums["\(row.segment) \(row.year)", default: 0] += row.share
        }
        #expect(sums.count == Self.segments.count * (last - first + 1))
        for (key, sum) in sums {
            #expect(abs(sum - 1) <= 1e-9, "shares of \(key) add up to \(sum)")
        }

        // Stage rows: segment × stage × rule once; the year, where there is one, within reason.
        #expect(report.stages.count == Self.segments.count * Self.stageNames.count * Self.rules.count)
        #expect(Set(report.stages.map { "\($0.segment) \($0.stage) \($0.rule)" }).count == report.stages.count)
        for stage in report.stages {
            #expect(Self.segments.contains(stage.segment))
            #expect(Self.stageNames.contains(stage.stage), "stage \(stage.stage)")
            #expect(Self.rules.contains(stage.rule), "rule \(stage.rule)")
            if let year = stage.year { #expect((1900...2200).contains(year)) }
        }

        // The seed, the draws, and the inputs: the scenario first, then the data files it names.
        let seed = try #require(ForecastBaseline.value("seed", in: .table("study")).flatMap { UInt64($0) })
        #expect(report.seed == seed)
        #expect(report.draws == 120)
        #expect(report.inputs.first?.path == ForecastBaseline.path)
        let named = ForecastBaseline.text.components(separatedBy: "\"").filter { $0.hasSuffix(".csv") }
            .map { $0.replacingOccurrences(of: "../", with: "Data/") }
        #expect(!named.isEmpty)
        #expect(Set(report.inputs.dropFirst().map(\.path)) == Set(named))
        #expect(report.inputs.count == named.count + 1)
        let hex = Set("0123456789abcdef")
        for input in report.inputs {
            #expect(input.sha256.count == 64 && input.sha256.allSatisfy(hex.contains), "\(input.path): \(input.sha256)")
        }
        #expect(try sha256sums(report.inputs.map(\.path), in: root) == report.inputs.map(\.sha256))
    }

    @Test("CSV: the forecast table has its columns and one row per segment × technology × year")
    func csvForecast() throws {
        let run = try runAdopt(["forecast", ForecastBaseline.path, "--format", "csv", "--draws", "0",
                                "--wildcard", "copper_in_rack=on"], in: ForecastBaseline.repository, timeout: 180)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = lines(run.stdout).filter { !$0.hasPrefix("#") }
        let header = try #require(rows.first).split(separator: ",").map(String.init)
        for column in ["scenario", "segment", "technology", "year", "share", "ports_m", "revenue_usd_bn",
                       "power_saved_mw"] {
            #expect(header.contains(column), "no column \(column) in \(header)")
        }
        let data = rows.dropFirst()
        let first = try #require(ForecastBaseline.firstYear)
        let last = try #require(ForecastBaseline.lastYear)
        #expect(last - first + 1 == 10)
        #expect(data.count == 2 * 4 * 10)
        #expect(data.count == Self.segments.count * Self.technologies.count * (last - first + 1))
        let segment = try #require(header.firstIndex(of: "segment"))
        let technology = try #require(header.firstIndex(of: "technology"))
        let year = try #require(header.firstIndex(of: "year"))
        var keys = Set<String>()
        for row in data {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == header.count, "\(row)")
            guard fields.count == header.count else { continue }
            #expect(Self.segments.contains(fields[segment]))
            #expect(Self.technologies.contains(fields[technology]))
            #expect(Int(fields[year]).map { (first...last).contains($0) } == true)
            keys.insert("\(fields[segment]) \(fields[technology]) \(fields[year])")
        }
        #expect(keys.count == data.count)
        try Self.expectProvenance(run.stdout, command: "--wildcard copper_in_rack=on")
    }

    @Test("CSV: the stage table has one row per segment × stage × rule")
    func csvStages() throws {
        let run = try runAdopt(["forecast", ForecastBaseline.path, "--format", "csv", "--table", "stages",
                                "--draws", "0", "--wildcard", "copper_in_rack=on"], in: ForecastBaseline.repository, timeout: 180)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let rows = lines(run.stdout).filter { !$0.hasPrefix("#") }
        let header = try #require(rows.first).split(separator: ",").map(String.init)
        #expect(Array(header.prefix(4)) == ["scenario", "segment", "stage", "rule"])
        let data = rows.dropFirst()
        #expect(data.count == 2 * 3 * 2)
        var keys = Set<String>()
        for row in data {
            let fields = row.split(separator: ",", maxSplits: 4).map(String.init)
            #expect(fields.count == 5, "\(row)")
            guard fields.count == 5 else { continue }
            #expect(Self.segments.contains(fields[1]))
            #expect(Self.stageNames.contains(fields[2]))
            #expect(Self.rules.contains(fields[3]))
            keys.insert(fields[1...3].joined(separator: " "))
        }
        #expect(keys.count == 12)
        try Self.expectProvenance(run.stdout, command: "--table stages")
    }

    /// The totals table is the JSON `totals`, one row per year (to a few units in the last place: the
    /// texts are the same, and Foundation's JSON reader does not always round a long number correctly).
    @Test("CSV: the totals table has the JSON totals, one row per year")
    func csvTotals() throws {
        // With draws, so that the bands' columns hold numbers.
        let args = ["forecast", ForecastBaseline.path, "--draws", "120", "--wildcard", "copper_in_rack=on", "--format"]
        let run = try runAdopt(args + ["csv", "--table", "totals"], in: ForecastBaseline.repository, timeout: 180)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let json = try runAdoptRaw(args + ["json"], in: ForecastBaseline.repository, timeout: 180)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let totals = try #require(object["totals"] as? [[String: Any]])
        let rows = lines(run.stdout).filter { !$0.hasPrefix("#") }
        let header = try #require(rows.first).split(separator: ",").map(String.init)
        #expect(header.first == "scenario" && header.count == 18)
        #expect(Set(header.dropFirst()) == Set(totals.first?.keys.map { $0 } ?? []), "\(header)")
        #expect(rows.count - 1 == totals.count)
        for (row, total) in zip(rows.dropFirst(), totals) {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.first == "cpo-baseline")
            for (key, field) in zip(header, fields).dropFirst() {
                let value = total[key]
                if value is NSNull { #expect(field.isEmpty, "\(key)") } else {
                    let a = try #require(Double(field)), b = try #require((value as? NSNumber)?.doubleValue)
                    #expect(abs(a - b) <= 4 * max(a.ulp, b.ulp), "\(key) in \(row): \(a) against \(b)")
                }
            }
        }
        try Self.expectProvenance(run.stdout, command: "--table totals", draws: 120)
    }

    /// Every table opens with the command, the run's settings and every input's SHA-256.
    static func expectProvenance(_ stdout: String, command: String, draws: Int = 0) throws {
        let comments = lines(stdout).prefix { $0.hasPrefix("#") }
        #expect(comments.first?.hasPrefix("# made by: adopt forecast \(ForecastBaseline.path)") == true)
        #expect(comments.first?.contains(command) == true)
        let seed = try #require(ForecastBaseline.value("seed", in: .table("study")))
        #expect(comments.contains("# scenario cpo-baseline; seed \(seed); draws \(draws); wildcards on: copper_in_rack; calibration: at_bound"),
                "\(comments)")
        let inputs = comments.filter { $0.hasPrefix("# input ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(inputs.first?[2] == ForecastBaseline.path)
        #expect(inputs.count >= 5)
        let root = ForecastBaseline.repository
        #expect(try sha256sums(inputs.map { $0[2] }, in: root) == inputs.map { $0[4] })
    }

    @Test("the same run twice, with OPENBLAS_NUM_THREADS=1, and with --threads 1 or 3, gives the same bytes")
    func deterministic() throws {
        let args = ["forecast", ForecastBaseline.path, "--format", "json", "--draws", "200"]
        var unset = ProcessInfo.processInfo.environment
        unset.removeValue(forKey: "OPENBLAS_NUM_THREADS")
        var single = unset
        single["OPENBLAS_NUM_THREADS"] = "1"
        let root = ForecastBaseline.repository
        let a = try runAdoptWithEnvironment(args, in: root, environment: unset)
        let b = try runAdoptWithEnvironment(args, in: root, environment: unset)
        let c = try runAdoptWithEnvironment(args, in: root, environment: single)
        let threaded = try [["--threads", "1"], ["--threads=3"]].map { try runAdoptWithEnvironment(args + $0, in: root, environment: unset) }
        for run in [a, b, c] + threaded {
            #expect(run.exitedNormally && !run.timedOut)
            #expect(run.status == 0, "stderr: \(run.stderr)")
        }
        #expect(!a.stdoutData.isEmpty)
        #expect(a.stdoutData == b.stdoutData, "two runs differ")
        #expect(a.stdoutData == c.stdoutData, "OPENBLAS_NUM_THREADS=1 changes the output")
        // The command the report records leaves --threads out: the bytes are the same.
        for (n, run) in zip([1, 3], threaded) {
            let differs = firstDifference(run.stdoutData, a.stdoutData)
            #expect(differs == nil, "--threads \(n) changes the output at \(differs ?? "")")
            #expect(!run.stdout.contains("--threads"))
        }
        // The draws are really there: the bands come from them.
        #expect(try ForecastJSON.decode(a.stdoutData).draws == 200)
    }

    #if arch(x86_64)
    /// OpenBLAS picks its kernels for the processor it runs on, and kernels for different processors
    /// round differently: when the Monte Carlo draws went through LAPACK's Cholesky factor, the bands of
    /// `cpo-standards-fast.csv` written with the AVX-512 kernels (`SkylakeX`) differed from those written
    /// with the AVX2 ones (`Haswell`, `Zen`) in 16 lines, and with the oldest kernels, `Prescott`, which
    /// every x86-64 processor runs, in 122. Forecasts and fits are the same bytes with `Prescott`'s
    /// kernels as with the ones chosen for this processor. The test can see a difference only where
    /// OpenBLAS chooses kernels by processor (built with DYNAMIC_ARCH, as Debian's is), on a processor
    /// whose kernels are not `Prescott`'s.
    @Test("forecasts and fits are the same bytes whatever BLAS kernels OpenBLAS picks (OPENBLAS_CORETYPE=Prescott)",
          arguments: [["forecast", ForecastBaseline.path, "--format", "json", "--draws", "200"],
                      ["fit", "--data", "Data/series/durables.csv", "--y", "adopters", "--series", "series",
                       "--model", "auto", "--format", "json"]])
    func sameWhateverBLASKernels(_ args: [String]) throws {
        let chosen = ProcessInfo.processInfo.environment.filter { $0.key != "OPENBLAS_CORETYPE" }
        var oldest = chosen
        oldest["OPENBLAS_CORETYPE"] = "Prescott"
        let root = ForecastBaseline.repository
        let (a, b) = (try runAdoptWithEnvironment(args, in: root, environment: chosen),
                      try runAdoptWithEnvironment(args, in: root, environment: oldest))
        #expect(a.status == 0 && b.status == 0, "stderr: \(a.stderr) \(b.stderr)")
        #expect(!a.stdoutData.isEmpty)
        let differs = firstDifference(a.stdoutData, b.stdoutData)
        #expect(differs == nil, "OPENBLAS_CORETYPE=Prescott changes the output at \(differs ?? "")")
    }
    #endif

    @Test("--wildcard copper_in_rack=on lowers CPO's last-year share in every segment")
    func copperInRackLowersCPO() throws {
        let base = try ForecastBaseline.defaultJSON.get()
        #expect(base.status == 0, "stderr: \(base.stderr)")
        let run = try runAdopt(["forecast", ForecastBaseline.path, "--format", "json", "--draws", "0",
                                "--wildcard", "copper_in_rack=on"], in: ForecastBaseline.repository, timeout: 180)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let without = try ForecastJSON.decode(base.stdoutData)
        let with = try ForecastJSON.decode(Data(run.stdout.utf8))
        #expect(without.enabledWildcards.isEmpty)
        #expect(with.enabledWildcards == ["copper_in_rack"])
        let last = try #require(ForecastBaseline.lastYear)
        let before = without.cpoShares(in: last)
        let after = with.cpoShares(in: last)
        #expect(Set(before.keys) == Self.segments)
        #expect(Set(after.keys) == Self.segments)
        for segment in Self.segments {
            let b = try #require(before[segment])
            let a = try #require(after[segment])
            #expect(a < b, "\(segment) CPO share \(last): \(a) with copper_in_rack on, \(b) without")
        }
    }

    @Test("--no-calibration: the report says calibration is off")
    func noCalibration() throws {
        let root = ForecastBaseline.repository
        let md = try runAdopt(["forecast", ForecastBaseline.path, "--no-calibration", "--draws", "0"], in: root)
        #expect(md.status == 0, "stderr: \(md.stderr)")
        #expect(md.stdout.contains("Calibration: off"), "\(md.stdout.prefix(600))")
        let json = try runAdopt(["forecast", ForecastBaseline.path, "--no-calibration", "--draws", "0",
                                 "--format", "json"], in: root)
        #expect(json.status == 0, "stderr: \(json.stderr)")
        #expect(try ForecastJSON.decode(Data(json.stdout.utf8)).calibrated == false)
        // And without the flag the baseline is calibrated.
        let base = try ForecastBaseline.defaultJSON.get()
        #expect(try ForecastJSON.decode(base.stdoutData).calibrated == true)
    }

    static let shippedScenarios: [String] = {
        let folder = ForecastBaseline.repository.appendingPathComponent("Data/scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { "Data/scenarios/" + $0 }
    }()

    @Test("the shipped scenarios include the baseline")
    func shippedScenariosFound() {
        #expect(Self.shippedScenarios.contains(ForecastBaseline.path))
        #expect(Self.shippedScenarios.count >= 2)
    }

    @Test("every shipped scenario runs", arguments: shippedScenarios)
    func shippedScenarioRuns(_ path: String) throws {
        let run = path == ForecastBaseline.path
            ? try ForecastBaseline.defaultJSON.get()
            : try runAdoptRaw(["forecast", path, "--format", "json", "--draws", "0"],
                              in: ForecastBaseline.repository, timeout: 180)
        #expect(run.exitedNormally && !run.timedOut)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
        let report = try ForecastJSON.decode(run.stdoutData)
        #expect(!report.forecast.isEmpty)
        #expect(report.inputs.first?.path == path)
    }

    @Test("--output: a later failing run leaves the report byte-identical and no temporary files")
    func outputIsNeverLost() throws {
        try withTemporaryDirectory { dir in
            try write(ForecastBaseline.relocatedText, to: "good.toml", in: dir)
            let (broken, _) = try ScenarioEdit.set(.table("power"), key: "pue", value: "0.5")
                .apply(to: ForecastBaseline.relocatedText, scenarioName: "broken.toml", in: dir)
            try write(broken, to: "broken.toml", in: dir)

            let first = try runAdopt(["forecast", "good.toml", "--no-calibration", "--draws", "0",
                                      "--output", "report.md"], in: dir)
            #expect(first.status == 0, "stderr: \(first.stderr)")
            #expect(first.stdout.isEmpty)
            #expect(first.stderr.isEmpty)
            let report = try Data(contentsOf: dir.appendingPathComponent("report.md"))
            #expect(String(decoding: report, as: UTF8.self).hasPrefix("# "))
            let files = listing(dir)
            #expect(files == ["broken.toml", "good.toml", "report.md"])

            let failures: [(args: [String], code: Int32)] = [
                (["forecast", "broken.toml"], 65),
                (["forecast", "gone.toml"], 66),
                (["forecast", "good.toml", "--wildcard", "no_such_wildcard=on"], 64),
            ]
            for failure in failures {
                let run = try runAdopt(failure.args + ["--draws", "0", "--output", "report.md"], in: dir)
                #expect(run.status == failure.code, "\(failure.args): \(run.stderr)")
                #expect(run.stdout.isEmpty)
                #expect(lines(run.stderr).count == 1, "\(failure.args): \(run.stderr)")
                #expect(try Data(contentsOf: dir.appendingPathComponent("report.md")) == report,
                        "\(failure.args) changed report.md")
                #expect(listing(dir) == files, "\(failure.args) left \(listing(dir))")
            }
        }
    }
}
