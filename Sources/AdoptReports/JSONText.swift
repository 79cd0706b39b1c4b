import Foundation

/// The reports' JSON, as `JSONEncoder` writes it: pretty-printed, keys in snake_case and sorted,
/// slashes unescaped. A number that does not exist as a double (a cost that overflows with an
/// extreme scenario) is `null`, as an absent value is: never a string where a number belongs.
enum JSONText {
    /// Marks for the non-finite numbers, replaced by `null` once encoded: a control character and a
    /// token that no text of a report holds (used only when the value has such a number, so that a
    /// text equal to a mark could only be misread in a report that overflows as well).
    static let marks = ["\u{1}adopt.non-finite.7f3c9a2e.inf", "\u{1}adopt.non-finite.7f3c9a2e.-inf",
                        "\u{1}adopt.non-finite.7f3c9a2e.nan"]

    /// `value` encoded, without a final line feed.
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Every number finite (the rule): encoded as it is.
        if let data = try? encoder.encode(value) { return data }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: marks[0], negativeInfinity: marks[1],
                                                                      nan: marks[2])
        var text = String(decoding: try encoder.encode(value), as: UTF8.self)
        for mark in marks {
            text = text.replacingOccurrences(of: "\"\\u0001" + mark.dropFirst() + "\"", with: "null")
        }
        return Data(text.utf8)
    }

    /// `value` encoded, with a final line feed.
    static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encode(value), as: UTF8.self) + "\n"
    }
}
