import Testing
@testable import AdoptData

@Suite("Files separated by semicolons, tabs or bars, read as comma-separated values")
struct DelimitedTextTests {
    static func converted(_ text: String, _ delimiter: Character = ";", decimalComma: Bool = true) -> String {
        let bytes = Array(text.utf8)
        let out = bytes.withUnsafeBufferPointer {
            DelimitedText.commaSeparated($0, delimiter: delimiter.asciiValue!, decimalComma: decimalComma)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test("numbers with a decimal comma and grouping dots are written with a point", arguments: [
        ("1,5", "1.5"), ("-0,25", "-0.25"), ("+3,0", "+3.0"), (",5", ".5"), ("12,", "12."), ("1.234,5", "1234.5"),
        ("1.234.567,89", "1234567.89"), ("1.234", "1234"), ("2,5E-3", "2.5E-3"), ("7,1e+05", "7.1e+05"), (" 1,5 ", " 1.5 "),
    ])
    func pointNumbers(_ cell: String, _ expected: String) {
        #expect(Self.converted("a;\(cell)\n") == "a,\(expected)\n")
    }

    @Test("anything else is left as it is, a comma in it quoted", arguments: [
        ("2010", "2010"), ("2.5", "2.5"), ("1.23", "1.23"), ("12.34.56", "12.34.56"), ("1234.567,8", "\"1234.567,8\""),
        ("1,2,3", "\"1,2,3\""), ("Acme, Inc", "\"Acme, Inc\""), ("n/a", "n/a"), ("1,5x", "\"1,5x\""), ("2,5E", "\"2,5E\""),
        ("-", "-"), (",", "\",\""), ("01.03.2025", "01.03.2025"), ("2025Q1", "2025Q1"), ("0.125", "0.125"), ("-0.250", "-0.250"),
        ("012.345", "012.345"),
    ])
    func otherCells(_ cell: String, _ expected: String) {
        #expect(Self.converted("a;\(cell)\n") == "a,\(expected)\n")
    }

    @Test("quoted fields keep their quotes and line breaks, and their separators; a quoted number is converted")
    func quotedFields() {
        #expect(Self.converted("\"Year\";\"Sales\"\r\n\"2010\";\"1,5\"\r\n") == "\"Year\",\"Sales\"\r\n\"2010\",\"1.5\"\r\n")
        #expect(Self.converted("name;n\n\"a;b\nc\";2\n") == "name,n\n\"a;b\nc\",2\n")
        #expect(Self.converted("name;n\n\"say \"\"hi\"\"\";2\n") == "name,n\n\"say \"\"hi\"\"\",2\n")
    }

    @Test("without decimal commas, a comma is a character of its field")
    func commasKept() {
        #expect(Self.converted("year\tadopters\n2010\t1,5\n", "\t", decimalComma: false) == "year,adopters\n2010,\"1,5\"\n")
        #expect(Self.converted("year|adopters\n2010|1.5\n", "|", decimalComma: false) == "year,adopters\n2010,1.5\n")
    }

    @Test("comment lines and a byte-order mark are copied as they are")
    func commentsKept() {
        #expect(Self.converted("\u{FEFF}# Source: X; 2020, p. 3\nyear;adopters\n# 1,5\n2010;1,5\n")
                == "\u{FEFF}# Source: X; 2020, p. 3\nyear,adopters\n# 1,5\n2010,1.5\n")
    }

    @Test("the lines stay where they were, so that errors name the file's own lines")
    func linesKept() {
        let text = "# note; here\nyear;adopters\n\n2010;1,5\n2011;x\n"
        let out = Self.converted(text)
        #expect(out.split(separator: "\n", omittingEmptySubsequences: false).count
                == text.split(separator: "\n", omittingEmptySubsequences: false).count)
    }
}
