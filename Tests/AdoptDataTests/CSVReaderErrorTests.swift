import Testing
@testable import AdoptData
import TestSupport

/// A malformed input and the error it must produce.
struct MalformedCSV: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let line: Int?
    let field: String?
    /// A fragment the error message must contain.
    let message: String

    var testDescription: String { name }

    init(_ name: String, _ text: String, line: Int?, field: String? = nil, _ message: String) {
        self.init(name, bytes: Array(text.utf8), line: line, field: field, message)
    }

    init(_ name: String, bytes: [UInt8], line: Int?, field: String? = nil, _ message: String) {
        self.name = name
        self.bytes = bytes
        self.line = line
        self.field = field
        self.message = message
    }
}

/// `text`'s UTF-8 with `raw` bytes spliced in where `text` has "¤".
private func splice(_ text: String, _ raw: [UInt8]) -> [UInt8] {
    let parts = text.components(separatedBy: "¤")
    precondition(parts.count == 2)
    return Array(parts[0].utf8) + raw + Array(parts[1].utf8)
}

@Suite("CSV reader: malformed input")
struct CSVReaderErrorTests {
    static let corpus: [MalformedCSV] = [
        // Empty input / no header.
        MalformedCSV("empty file", "", line: nil, "the input is empty"),
        MalformedCSV("only a byte order mark", "\u{FEFF}", line: nil, "the input is empty"),
        MalformedCSV("only comments and blank lines", "# c\n\n  \n# d", line: nil, "only comments and blank lines"),

        // Ragged rows.
        MalformedCSV("too few fields", "a,b,c\n1,2,3\n4,5\n", line: 3, "expected 3 fields (as in the header), found 2"),
        MalformedCSV("too many fields", "a,b\n1,2,3\n", line: 2, "expected 2 fields (as in the header), found 3"),
        MalformedCSV("ragged after comments", "# x\na,b\n# y\n\n1,2\n3\n", line: 6, "expected 2 fields (as in the header), found 1"),
        MalformedCSV("ragged after a two-line field", "a,b\n\"x\ny\",1\n5\n", line: 4, "found 1"),
        MalformedCSV("ragged single column", "a\n1\n2,3\n", line: 3, "expected 1 field (as in the header), found 2"),
        MalformedCSV("ragged CRLF last line", "a,b\r\n1,2\r\n3", line: 3, "found 1"),

        // Unterminated quotes name the line where the quote opened.
        MalformedCSV("unterminated quote", "a,b\n1,\"oops\n2,3\n", line: 2, field: "b",
                     "the quote opened on line 2 is never closed"),
        MalformedCSV("unterminated quote in header", "\"a,b\n1,2\n", line: 1, "the quote opened on line 1"),
        MalformedCSV("unterminated quote after comments", "# c\na,b\n1,2\n3,\"x\n\n\n", line: 4, field: "b",
                     "unterminated quoted field"),
        MalformedCSV("unterminated quote past the header width", "a\n1,\"x\n", line: 2, "unterminated"),

        // Invalid UTF-8 names the physical line.
        MalformedCSV("invalid byte in data", bytes: splice("a,b\n1,2\n3,¤\n", [0xFF]), line: 3, field: "b",
                     "invalid UTF-8 (byte 0xFF at byte 3 of the line)"),
        MalformedCSV("truncated sequence in header", bytes: splice("a¤,b\n", [0xC3]), line: 1,
                     "invalid UTF-8 (byte 0xC3"),
        MalformedCSV("Latin-1 in a comment", bytes: splice("# caf¤\na,b\n", [0xE9]), line: 1, "invalid UTF-8"),
        MalformedCSV("invalid inside a multi-line quoted field", bytes: splice("a,b\n\"x\ny¤\",1\n", [0xFF]),
                     line: 3, field: "a", "byte 0xFF at byte 2 of the line"),
        MalformedCSV("overlong encoding", bytes: splice("a\n¤\n", [0xC0, 0x80]), line: 2, field: "a", "0xC0"),
        MalformedCSV("UTF-16 surrogate", bytes: splice("a\nx¤\n", [0xED, 0xA0, 0x80]), line: 2, field: "a", "0xED"),
        MalformedCSV("beyond U+10FFFF", bytes: splice("a\n¤\n", [0xF4, 0x90, 0x80, 0x80]), line: 2, field: "a", "0xF4"),
        MalformedCSV("stray continuation byte", bytes: splice("a,b\n1,2¤\n", [0x80]), line: 2, field: "b", "0x80"),
        MalformedCSV("sequence cut by end of input", bytes: splice("a,b\n1,¤", [0xE2, 0x82]), line: 2, field: "b",
                     "0xE2"),

        // Duplicate header names.
        MalformedCSV("duplicate header name", "x,y,x\n1,2,3\n", line: 1, field: "x",
                     "duplicate column name in the header (columns 1 and 3)"),
        MalformedCSV("duplicate header after comments", "# c\n\nyear,year\n", line: 3, field: "year", "duplicate column"),
        MalformedCSV("duplicate quoted header name", "\"a\",a\n", line: 1, field: "a", "duplicate column"),

        // Other RFC 4180 violations.
        MalformedCSV("quote inside an unquoted field", "a,b\n1,2\"3\n", line: 2, field: "b", "unexpected '\"'"),
        MalformedCSV("text after a closing quote", "a,b\n\"1\"x,2\n", line: 2, field: "a",
                     "unexpected character after the closing quote"),
        MalformedCSV("bare carriage return", "a,b\r1,2\n", line: 1, "carriage return not followed by a line feed"),
        MalformedCSV("bare carriage return in data", "a,b\n1,2\r3,4\n", line: 2, field: "b", "carriage return"),
    ]

    @Test(arguments: corpus)
    func malformedInputIsReportedExactly(_ input: MalformedCSV) throws {
        try withTemporaryDirectory { directory in
            let path = try directory.write(bytes: input.bytes)
            let error = try #require(throws: DataError.self) {
                try CSVReader.read(contentsOfFile: path)
            }
            #expect(error.kind == .badData)
            #expect(error.exitCode == 65)
            #expect(error.file == path)
            #expect(error.line == input.line)
            #expect(error.field == input.field)
            #expect(error.message.contains(input.message), "message was: \(error.message)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test(arguments: corpus)
    func inMemoryParsingReportsTheSameError(_ input: MalformedCSV) throws {
        let error = try #require(throws: DataError.self) {
            try CSVReader.parse(input.bytes, source: "<stdin>")
        }
        #expect(error.file == "<stdin>")
        #expect(error.line == input.line)
        #expect(error.field == input.field)
    }

    @Test func missingFileIsMissingInput() throws {
        try withTemporaryDirectory { directory in
            let path = directory.missingPath("nowhere.csv")
            let error = try #require(throws: DataError.self) {
                try CSVReader.read(contentsOfFile: path)
            }
            #expect(error.kind == .missingInput)
            #expect(error.exitCode == 66)
            #expect(error.file == path)
            #expect(error.line == nil)
            #expect(error.description == "\(path): cannot read input: no such file")
        }
    }

    @Test func directoryIsMissingInput() throws {
        try withTemporaryDirectory { directory in
            let error = try #require(throws: DataError.self) {
                try CSVReader.read(contentsOfFile: directory.path)
            }
            #expect(error.kind == .missingInput)
            #expect(error.message.contains("directory"))
        }
    }
}

@Suite("CSV reader: a number written with thousands separators, on a row with too many fields")
struct GroupedNumberTests {
    static func grouped(_ line: String, groups: Int) -> String? {
        Array(line.utf8).withUnsafeBufferPointer { CSVParser.groupedNumber($0, groups: groups) }
    }

    @Test("the first number with as many separators as the row has fields too many", arguments: [
        ("1955,1,397", 1, "1,397"), ("1955,1,397\r\n", 1, "1,397"), ("2001,1,397,250", 1, "1,397"),
        ("2001,1,397,250", 2, "1,397,250"), ("2001,12,500,000", 2, "12,500,000"), ("2001,-1,397", 1, "-1,397"),
        ("\"Acme, Inc\",2002,1,397", 1, "1,397"), ("\"say \"\"1,397\"\"\",1,397", 1, "1,397"),
        ("2001,1,397,2,500", 1, "1,397"),
    ])
    func found(_ line: String, _ groups: Int, _ number: String) {
        #expect(Self.grouped(line, groups: groups) == number)
    }

    /// Not a number with separators: a decimal comma (0,500), two numbers (1,2), four digits after the
    /// comma, a separator inside quotes, a number beside text.
    @Test("none where no field reads so", arguments: [
        ("2002,0,500", 1), ("2002,1,2", 1), ("2002,1,3970", 1), ("2002,\"1,397\"", 1), ("2002,1,397x", 1),
        ("2002,1397,5", 1), ("1955,1,397", 0), ("1955,1,397", 2), ("", 1),
    ])
    func none(_ line: String, _ groups: Int) {
        #expect(Self.grouped(line, groups: groups) == nil)
    }
}
