import Foundation
import Testing
import TestSupport

/// A report read back from adopt's JSON, whose keys are snake_case.
protocol SnakeCaseJSON: Decodable {}

extension SnakeCaseJSON {
    static func decode(_ data: Data) throws -> Self {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Self.self, from: data)
    }
}

/// The parts of `adopt fit --format json` the tests read, spelled out here rather than taken from
/// the library's records, so that the tests hold the JSON's keys to what the README promises.
struct ReportJSON: SnakeCaseJSON {
    /// A parameter's profile-likelihood interval (`--profile`).
    struct Interval: Decodable {
        var low: Double?
        var high: Double?
        var lowEnd: String
        var highEnd: String
    }

    struct Parameter: Decodable {
        var name: String
        var estimate: Double?
        var stdError: Double?
        var ciLow: Double?
        var ciHigh: Double?
        var profile: Interval?
        var fixed: Bool?
    }

    /// A point of the fitted curve.
    struct Point: Decodable {
        var x: Double
        var label: String?
        var observed: Double?
        var fitted: Double?
        var ciLow: Double?
        var ciHigh: Double?
        var piLow: Double?
        var piHigh: Double?
        var heldOut: Bool?
        var cumulative: Double?
        var cumulativeCiLow: Double?
        var cumulativeCiHigh: Double?
        var share: Double?
        var perPeriod: Double?
        var perPeriodCiLow: Double?
        var perPeriodCiHigh: Double?
    }

    /// The forecast measures on held-out observations (`--holdout`).
    struct Measures: Decodable {
        var n: Int
        var dof: Int?
        var meanError: Double?
        var meanAbsoluteError: Double?
        var rootMeanSquaredError: Double?
        var meanAbsolutePercentageError: Double?
        var meanAbsolutePercentageErrorN: Int?
        var predictionIntervalCoverage: Double?
    }

    struct Fit: Decodable {
        var series: String?
        var model: String
        var formula: String?
        var converged: Bool
        var status: String
        var message: String
        var parameters: [Parameter]
        var rss: Double?
        var sigma: Double?
        var relativeSigma: Double?
        var rSquared: Double?
        var aic: Double?
        var aicc: Double?
        var bic: Double?
        var n: Int
        var dof: Int?
        var rank: Int?
        var deltaAicc: Double?
        var aiccWeight: Double?
        var covariance: [[Double?]]?
        var curve: [Point]
        var notes: [String]
        var holdout: Measures?
        var evaluations: Int?
        var startsTried: Int?
        var launch: Double?
        var launchPeriod: String?
        var milestones: Milestones?
        /// The Bass (1969) OLS regression's members, by their JSON names (`a`, `a_std_error`, …, `dof`).
        var bassOls: [String: Double?]?
    }

    struct Milestones: Decodable {
        var takeoff: Double?
        var peak: Double?
        var saturationOnset: Double?
        var peakRate: Double?
        var peakPastData: Bool?
        var fraction10: Double?
        var fraction50: Double?
        var fraction90: Double?
        /// Each milestone's delta-method interval, by its JSON name (`peak`, `peak_rate`, …).
        var intervals: [String: MilestoneInterval?]?
        /// Why a milestone with a value has no interval, by its JSON name.
        var intervalsWithheld: [String: String?]?
    }

    struct MilestoneInterval: Decodable {
        var stdError: Double
        var ciLow: Double
        var ciHigh: Double
        var ciLowPeriod: String?
        var ciHighPeriod: String?
    }

    var tool: String
    var confidenceLevel: Double
    var covarianceEstimator: String
    var predictionErrors: String
    var holdout: Int?
    var profile: Bool
    var fits: [Fit]
}

/// The lists of objects in a JSON document whose objects do not all have the same keys, as
/// "path: keys some objects lack", leaving out the keys in `ignoring` (by name, at any depth).
func unevenLists(_ json: Any, ignoring: Set<String> = [], path: String = "") -> [String] {
    if let object = json as? [String: Any] {
        return object.keys.sorted().flatMap { unevenLists(object[$0]!, ignoring: ignoring, path: path + "." + $0) }
    }
    guard let list = json as? [Any] else { return [] }
    var found: [String] = []
    let objects = list.compactMap { $0 as? [String: Any] }
    let keySets = objects.map { Set($0.keys).subtracting(ignoring) }
    if let all = keySets.first.map({ keySets.reduce($0) { $0.union($1) } }) {
        let lacking = all.subtracting(keySets.reduce(all) { $0.intersection($1) })
        if !lacking.isEmpty { found.append("\(path): \(lacking.sorted().joined(separator: ", "))") }
    }
    for element in list { found += unevenLists(element, ignoring: ignoring, path: path + "[]") }
    return Array(Set(found)).sorted()
}

/// The keys of the objects of a JSON document by path (".fits[].parameters[]"), over every
/// object at that path.
func objectKeys(_ json: Any, path: String = "") -> [String: Set<String>] {
    var found: [String: Set<String>] = [:]
    if let object = json as? [String: Any] {
        found[path] = Set(object.keys)
        for (key, value) in object {
            found.merge(objectKeys(value, path: path + "." + key)) { $0.union($1) }
        }
    } else if let list = json as? [Any] {
        for element in list { found.merge(objectKeys(element, path: path + "[]")) { $0.union($1) } }
    }
    return found
}

/// `adopt fit ARGS --format json` in `dir`, which must succeed: its fits.
func fitJSON(_ args: [String], in dir: URL) throws -> [ReportJSON.Fit] {
    let run = try runAdoptRaw(["fit"] + args + ["--format", "json"], in: dir)
    try #require(run.status == 0, "stderr: \(run.stderr)")
    return try ReportJSON.decode(run.stdoutData).fits
}

/// Copies shipped series of `Data/series` into `dir`, each under its name there: `[copy: shipped]`.
func copyShippedSeries(_ files: [String: String], into dir: URL) throws {
    for (file, shipped) in files.sorted(by: { $0.key < $1.key }) {
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Data/series/\(shipped)"),
                                         to: dir.appendingPathComponent(file))
    }
}
