import Testing
@testable import AdoptData
import TestSupport

@Suite("Typed columns")
struct CSVTableTests {
    static let text = "# header follows\nseries_id,year,adopters\n17,2013,12345.678901\n17,2014, 20000 \n"

    private func table() throws -> (CSVTable, String) {
        try withTemporaryDirectory { directory in
            let path = try directory.write(Self.text)
            return (try CSVReader.read(contentsOfFile: path), path)
        }
    }

    @Test func columnByName() throws {
        let (table, _) = try table()
        let year = try table.column(named: "year")
        #expect(year.name == "year")
        #expect(year.index == 1)
        #expect(year.count == 2)
        #expect(Array(year) == ["2013", "2014"])
        #expect(year.strings() == ["2013", "2014"])
        #expect(year.line(ofRow: 1) == 4)
        #expect(try year.doubles() == [2013, 2014])
        #expect(try table.column(named: "adopters").doubles() == [12345.678901, 20000])
        #expect(try table.column(named: "adopters").double(atRow: 1) == 20000)
        #expect(table.columns.map(\.name) == ["series_id", "year", "adopters"])
        #expect(table.column(at: 2).name == "adopters")
    }

    static let missing: [(requested: String, suggestion: String?)] = [
        ("adoptrs", "adopters"),
        ("Year", "year"),
        ("serie_id", "series_id"),
        ("yr", nil),
        ("population", nil),
    ]

    @Test(arguments: missing)
    func missingColumnListsTheColumns(_ requested: String, _ suggestion: String?) throws {
        let (table, path) = try table()
        let error = try #require(throws: DataError.self) { try table.column(named: requested) }
        #expect(error.kind == .badData)
        #expect(error.file == path)
        #expect(error.line == 2)
        #expect(error.field == requested)
        #expect(error.message.hasPrefix("no such column; the columns are 'series_id', 'year', 'adopters'"))
        if let suggestion {
            #expect(error.message.hasSuffix("; did you mean '\(suggestion)'?"))
        } else {
            #expect(!error.message.contains("did you mean"))
        }
    }

    static let badCells: [(cell: String, message: String)] = [
        ("", "empty cell; expected a number (a missing value: leave its row out)"),
        ("abc", "'abc' is not a number"),
        ("12abc", "'12abc' is not a number"),
        ("\"1,000\"", "'1,000' is not a number (write it without thousands separators or a decimal comma: 1234567.5)"),
        ("nan", "'nan' is not a finite number"),
        ("NaN", "'NaN' is not a finite number"),
        ("inf", "'inf' is not a finite number"),
        ("-Infinity", "'-Infinity' is not a finite number"),
        ("1e999", "'1e999' is out of range for a double"),
        ("\"two\nlines\"", "'two\\nlines' is not a number"),
    ]

    @Test(arguments: badCells)
    func badNumbersNameTheCell(_ cell: String, _ message: String) throws {
        try withTemporaryDirectory { directory in
            let path = try directory.write("# c\nid,value\n1,5\n\n2,\(cell)\n3,7\n")
            let table = try CSVReader.read(contentsOfFile: path)
            let column = try table.column(named: "value")
            for error in [
                try #require(throws: DataError.self) { try column.doubles() },
                try #require(throws: DataError.self) { try column.double(atRow: 1) },
            ] {
                #expect(error.file == path)
                #expect(error.line == 5)
                #expect(error.field == "value")
                #expect(error.message == message)
                #expect(error.description == "\(path):5: field 'value': \(message)")
            }
        }
    }

    @Test func looksNumericRecognisesNumberSyntax() throws {
        let table = try CSVReader.parse("x\n2013\nnan\n1e999\nQ3 '07\n\n\"\"\n")
        let x = table.column(at: 0)
        #expect((0..<x.count).map(x.looksNumeric(atRow:)) == [true, true, true, false, false])
    }
}
