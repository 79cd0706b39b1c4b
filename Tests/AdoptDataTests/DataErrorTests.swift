import Testing
@testable import AdoptData
import TestSupport

@Suite("DataError")
struct DataErrorTests {
    static let renderings: [(DataError, String)] = [
        (DataError(kind: .badData, file: "d.csv", line: 12, field: "adopters", message: "bad"),
         "d.csv:12: field 'adopters': bad"),
        (DataError(kind: .badData, file: "d.csv", line: 3, message: "expected 3 fields"),
         "d.csv:3: expected 3 fields"),
        (DataError(kind: .badData, file: "d.csv", field: "year", message: "no such column"),
         "d.csv: field 'year': no such column"),
        (DataError(kind: .missingInput, file: "gone.csv", message: "cannot read input: no such file"),
         "gone.csv: cannot read input: no such file"),
        (DataError(kind: .badData, file: "d.csv", line: 2, field: "a\nb", message: "two\nlines\tand\u{7}"),
         "d.csv:2: field 'a\\nb': two\\nlines\\tand\\u{7}"),
    ]

    @Test(arguments: renderings)
    func descriptionIsOneLine(_ error: DataError, _ expected: String) {
        #expect(error.description == expected)
        #expect(String(describing: error) == expected)
    }

    @Test(arguments: [(DataError.Kind.missingInput, Int32(66)), (.badData, 65)])
    func exitCodesFollowSysexits(_ kind: DataError.Kind, _ code: Int32) {
        #expect(DataError(kind: kind, file: "f", message: "m").exitCode == code)
    }

    @Test func longCellTextIsShortenedInMessages() {
        let quoted = DataError.quote(String(repeating: "x", count: 100))
        #expect(quoted == "'" + String(repeating: "x", count: 60) + "…'")
    }

    @Test func readErrorsNameTheFileAsGiven() throws {
        try withTemporaryDirectory { directory in
            let relative = "./no-such-dir-\(directory.lastPathComponent)/data.csv"
            let error = try #require(throws: DataError.self) { try CSVReader.read(contentsOfFile: relative) }
            #expect(error.file == relative)
            #expect(error.exitCode == 66)
            #expect(error.description.hasPrefix("\(relative): "))
        }
    }

    @Test("a name as a command line takes it: as it is, or in single quotes", arguments: [
        ("series", "series"), ("series_id-2.b", "series_id-2.b"), ("name of product", "'name of product'"),
        ("O'Brien", "'O'\\''Brien'"), ("", "''"), ("Gerät", "'Gerät'"), ("-s", "-s"),
    ])
    func shellWord(_ name: String, _ word: String) {
        #expect(DataError.shellWord(name) == word)
    }
}
