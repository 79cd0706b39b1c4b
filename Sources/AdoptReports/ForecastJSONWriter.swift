import AdoptStudies
import Foundation

/// The forecast report as JSON: `{"forecast": [...], "stages": [...], ...}`, snake_case keys, sorted.
/// A number that does not exist as a double (a cost that overflows with an extreme scenario) is
/// `null`, as in the fit report: never a string where a number belongs.
public enum ForecastJSONWriter {
    public static func render(_ report: ForecastReport) throws -> String {
        try encode(report)
    }

    /// Marks for the non-finite numbers, which no text of the report holds (a control character),
    /// replaced by `null` once encoded.
    static let marks = ["\u{1}inf", "\u{1}-inf", "\u{1}nan"]

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: marks[0], negativeInfinity: marks[1],
                                                                      nan: marks[2])
        var text = String(decoding: try encoder.encode(value), as: UTF8.self)
        if text.contains("\\u0001") {
            for mark in marks {
                text = text.replacingOccurrences(of: "\"\\u0001" + mark.dropFirst() + "\"", with: "null")
            }
        }
        return text + "\n"
    }
}
