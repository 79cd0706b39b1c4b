import AdoptStudies
import Foundation

/// JSON for pipelines: `{"fits": [...]}` with snake_case keys, sorted, and `null`
/// for values that do not exist (a standard error of a parameter that is not identified).
public enum FitJSONWriter {
    /// - Throws: only if a record held a non-finite number, which the records never do.
    public static func render(_ report: FitReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
