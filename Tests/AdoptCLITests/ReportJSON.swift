import Foundation
import Testing

/// The parts of `adopt fit --format json` the tests read.
struct ReportJSON: Decodable {
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

    static func decode(_ data: Data) throws -> ReportJSON {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ReportJSON.self, from: data)
    }
}
