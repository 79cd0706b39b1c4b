@testable import AdoptReports
import Foundation
import Testing

@Suite("Report JSON: numbers that do not exist")
struct JSONTextNonFiniteTests {
    struct Row: Encodable { var value: Double; var values: [Double]; var label: String }

    @Test("an infinite or undefined number is null, never a string; text and finite numbers as they are")
    func nonFiniteIsNull() throws {
        let row = Row(value: .infinity, values: [-.infinity, .nan, 1.5, 1e300 * 1e300], label: "inf")
        let text = try JSONText.text(row)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["value"] is NSNull, "\(text)")
        let values = try #require(object["values"] as? [Any])
        #expect(values[0] is NSNull && values[1] is NSNull && values[3] is NSNull, "\(text)")
        #expect(values[2] as? Double == 1.5)
        #expect(object["label"] as? String == "inf")
        #expect(!text.contains("\\u0001"))
    }

    @Test("a text that looks like a mark stays text, with or without a number that overflows")
    func markLikeText() throws {
        for value in [1.0, .infinity] {
            let text = try JSONText.text(Row(value: value, values: [], label: "\u{1}inf"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["label"] as? String == "\u{1}inf", "\(text)")
        }
    }
}
