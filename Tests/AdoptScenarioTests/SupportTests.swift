import AdoptData
import Testing
@testable import AdoptScenario

@Suite("Scenario support")
struct SupportTests {
    @Test(arguments: [
        (Bounds.unit, "in [0, 1]"), (.unitAboveZero, "in (0, 1]"), (.unitBelowOne, "in [0, 1)"),
        (.openUnit, "in (0, 1)"), (.positive, "> 0"), (.atLeast(1), "≥ 1"), (.year, "in [1900, 2200]"),
        (Bounds(lower: nil, upper: 5, upperInclusive: false), "< 5"), (.any, "finite"),
    ])
    func boundsAreWorded(_ bounds: Bounds, _ phrase: String) {
        #expect(bounds.phrase == phrase)
    }

    @Test(arguments: [
        (Bounds.unit, 0.0, true), (.unit, 1, true), (.unit, 1.0000001, false), (.unitAboveZero, 0, false),
        (.unitBelowOne, 1, false), (.positive, 1e-300, true), (.atLeast(1), 0.999, false), (.any, -1e300, true),
    ])
    func boundsContain(_ bounds: Bounds, _ x: Double, _ inside: Bool) {
        #expect(bounds.contains(x) == inside)
    }

    @Test(arguments: [(2026.0, "2026"), (0.6, "0.6"), (-650, "-650"), (1e-7, "1e-07"), (1e20, "1e+20")])
    func numbersAreFormatted(_ x: Double, _ text: String) {
        #expect(formatNumber(x) == text)
    }

    @Test(arguments: [
        ("qq", ["p", "q", "ceiling"], "q"), ("multiplir", ["multiplier", "shift_years"], "multiplier"),
        ("Enterprise", ["hyperscale", "enterprise"], "enterprise"), ("elsfp-share", ["elsfp_share"], "elsfp_share"),
        ("colo", ["hyperscale", "enterprise"], nil), ("nop", ["pluggable", "lpo", "npo", "cpo"], "npo"),
    ] as [(String, [String], String?)])
    func suggestsTheClosestName(_ name: String, _ candidates: [String], _ expected: String?) {
        #expect(Suggestion.closest(to: name, among: candidates) == expected)
    }

    @Test(arguments: [
        ("Data/scenarios/", "../cpo/x.csv", "Data/cpo/x.csv"), ("", "../cpo/x.csv", "../cpo/x.csv"),
        ("", "x.csv", "x.csv"), ("/a/b/", "./c/../d.csv", "/a/b/d.csv"), ("a/", "/abs/x.csv", "/abs/x.csv"),
        ("../s/", "../../x.csv", "../../x.csv"), ("/", "../x.csv", "/x.csv"),
    ])
    func resolvesDataPaths(_ folder: String, _ name: String, _ expected: String) {
        let files = DataFiles(scenarioPath: folder + "scenario.toml")
        #expect(files.folder == folder)
        #expect(files.resolve(name) == expected)
    }

    @Test(arguments: [("a/b/analog_x.csv", "analog_x"), ("analog.y.csv", "analog.y"), (".hidden", ".hidden"), ("x", "x")])
    func namesAnalogsByStem(_ path: String, _ stem: String) {
        #expect(AnalogFile.stem(of: path) == stem)
    }

    @Test func errorsAreOneLine() {
        let error = ScenarioError(file: "s.toml", line: 3, message: "bad\nvalue\t'x'")
        #expect(error.description == "s.toml:3: bad\\nvalue\\t'x'")
        #expect(error.exitCode == 65)
        #expect(ScenarioError(file: "s.toml", line: nil, message: "m", exitCode: 66).description == "s.toml: m")
    }

    @Test func wrapsDataErrors() {
        let data = DataError(kind: .badData, file: "a.csv", line: 4, field: "metric", message: "oops")
        #expect(ScenarioError(data) == ScenarioError(file: "a.csv", line: 4, message: "field 'metric': oops", exitCode: 65))
        #expect(ScenarioError(data).description == data.description)
        let missing = DataError(kind: .missingInput, file: "b.csv", message: "cannot read input: no such file")
        #expect(ScenarioError(missing).exitCode == 66)
    }
}
