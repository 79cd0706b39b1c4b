import AdoptStudies
import Foundation

/// The forecast report as JSON: `{"forecast": [...], "stages": [...], ...}`, snake_case keys, sorted.
public enum ForecastJSONWriter {
    public static func render(_ report: ForecastReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }
}
