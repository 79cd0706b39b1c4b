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

    /// What the second column's cells say of their dots, read without decimal commas: the number that
    /// reads as a decimal and its line, beside a whole number and its line; nil where they say nothing.
    static func ambiguity(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        let dots = bytes.withUnsafeBufferPointer { DelimitedText.rewritten($0, delimiter: UInt8(ascii: ";"), decimalComma: false).dots }
        guard dots.count > 1, let (grouped, whole) = dots[1].ambiguity(semicolons: true) else { return nil }
        return "\(grouped.text):\(grouped.line) beside " + (whole.map { "\($0.text):\($0.line)" } ?? "none")
    }

    @Test("whole numbers beside numbers whose dots could group thousands, or only such numbers, leave the dots in doubt", arguments: [
        (["980", "1.834"], "1.834:3 beside 980:2"), (["120", "\"1.834\"", "2.410"], "1.834:3 beside 120:2"),
        (["1.834", " 980 "], "1.834:2 beside 980:3"), (["0", "5", "12.500.000"], "12.500.000:4 beside 5:3"),
        (["980", "n/a", "-1.834"], "-1.834:4 beside 980:2"), (["1.834", "2.410"], "1.834:2 beside none"),
        (["0", "1.834", "2.410"], "1.834:3 beside none"),
    ])
    func dotsInDoubt(_ cells: [String], _ expected: String) {
        let text = "year;y\n" + cells.enumerated().map { "\(2010 + $0.offset);\($0.element)\n" }.joined()
        #expect(Self.ambiguity(text) == expected)
    }

    @Test("a decimal point or a whole number of four digits says nothing of grouping", arguments: [
        ["980", "1.834", "2.5"], ["980", "1.834", "0.125"], ["980", "1.834", "1834"], ["1.834", "2.410", "0.5"],
        ["980", "1.8340"], ["980", "1.5e3", "1.834"], ["980", "012.345"], ["980", "1.23"],
    ])
    func dotsNotInDoubt(_ cells: [String]) {
        let text = "year;y\n" + cells.enumerated().map { "\(2010 + $0.offset);\($0.element)\n" }.joined()
        #expect(Self.ambiguity(text) == nil)
    }

    @Test("the header and comment lines are no cells, a cell is on its row's first line, and decimal commas read dots")
    func dotsLines() {
        #expect(Self.ambiguity("n;100\n2010;1.834\n") == "1.834:2 beside none")
        let tabs = Array("year\ty\n2010\t1.834\n2011\t2.410\n".utf8)
        #expect(tabs.withUnsafeBufferPointer { DelimitedText.rewritten($0, delimiter: 9, decimalComma: false).dots[1].ambiguity(semicolons: false) } == nil)
        // A cell is named by its row's first line, as the parser names rows.
        #expect(Self.ambiguity("# 1;5\nname;y\n\"a\nb\";980\n# 2;3\nx;1.834\n") == "1.834:6 beside 980:3")
        #expect(Self.ambiguity("name;y\r\na;980\r\nb;1.834\r\n") == "1.834:3 beside 980:2")
        let bytes = Array("year;y\n2010;980\n2011;1.834\n".utf8)
        #expect(bytes.withUnsafeBufferPointer { DelimitedText.rewritten($0, delimiter: UInt8(ascii: ";"), decimalComma: true).dots }.isEmpty)
    }
}
