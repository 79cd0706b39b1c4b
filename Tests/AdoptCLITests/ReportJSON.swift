import Foundation
import Testing

/// A report read back from adopt's JSON, whose keys are snake_case.
protocol SnakeCaseJSON: Decodable {}

extension SnakeCaseJSON {
    static func decode(_ data: Data) throws -> Self {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Self.self, from: data)
    }
}

/// The parts of `adopt fit --format json` the tests read.
struct ReportJSON: SnakeCaseJSON {
    struct Parameter: Decodable {
        var name: String
        var estimate: Double?
        var stdError: Double?
        var ciLow: Double?
        var ciHigh: Double?
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
        var aicc: Double?
        var bic: Double?
        var n: Int
        var rank: Int?
        var deltaAicc: Double?
        var aiccWeight: Double?
        var covariance: [[Double?]]?
    }

    var tool: String
    var fits: [Fit]
}
