import AdoptStudies
import Foundation

/// The forecast report as JSON: `{"forecast": [...], "stages": [...], ...}`, snake_case keys, sorted.
/// A number that does not exist as a double (a cost that overflows with an extreme scenario) is
/// `null`, as in the fit report: never a string where a number belongs.
public enum ForecastJSONWriter {
    public static func render(_ report: ForecastReport) throws -> String {
        try encode(report)
    }

    /// Marks for the non-finite numbers, replaced by `null` once encoded: a control character and a
    /// token that no text of a report holds (used only when the report has such a number, so that a
    /// text equal to a mark could only be misread in a report that overflows as well).
    static let marks = ["\u{1}adopt.non-finite.7f3c9a2e.inf", "\u{1}adopt.non-finite.7f3c9a2e.-inf",
                        "\u{1}adopt.non-finite.7f3c9a2e.nan"]

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Every number finite (the rule): encoded as it is.
        if let data = try? encoder.encode(value) { return String(decoding: data, as: UTF8.self) + "\n" }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: marks[0], negativeInfinity: marks[1],
                                                                      nan: marks[2])
        var text = String(decoding: try encoder.encode(value), as: UTF8.self)
        for mark in marks {
            text = text.replacingOccurrences(of: "\"\\u0001" + mark.dropFirst() + "\"", with: "null")
        }
        return text + "\n"
    }
}
