import Testing
@testable import AdoptScenario

@Suite("Key locator")
struct KeyLocatorTests {
    /// A document exercising comments, strings with '#', '=' and brackets, dotted and quoted
    /// keys, multi-line arrays, nested inline tables, multi-line strings and arrays of tables.
    static let document = #"""
        # comment with [fake.table] and key = 1
        title = "a # not a comment = [x] {y}"   # trailing comment
        [a]
        b = 1 # c = 2
        "quoted key" = 'lit # = ['
        d.e = 3
        arr = [
          1,  # one
          # a comment line ] = x
          [2, 3],
          { x = 1, y = "]" },
        ]
        inl = { p = { q = 1 }, r = [1, 2] }
        ml = """
        not = a key
        [not.a.table]
        """
        lit = '''
        x = 2 '''
        z = 1
        [[w]]
        id = 1
        [[w]]
        id = 2
        [w.sub]
        k = 1
        [ a . "f g" . h ]
        esc = "quote \" # still a string = ["
        k2 = 1
        when = 1979-05-27 07:32:00
        after_date = true
        multi = """a
        b""" # x = 1
        last = 1
        """#

    static let cases: [(path: TOMLPath, line: Int)] = [
        (["title"], 2),
        (["a"], 3),
        (["a", "b"], 4),
        (["a", "quoted key"], 5),
        (["a", "d"], 6),
        (["a", "d", "e"], 6),
        (["a", "arr"], 7),
        (["a", "arr", 0], 8),
        (["a", "arr", 1], 10),
        (["a", "arr", 1, 1], 10),
        (["a", "arr", 2], 11),
        (["a", "arr", 2, "x"], 11),
        (["a", "arr", 2, "y"], 11),
        (["a", "inl"], 13),
        (["a", "inl", "p", "q"], 13),
        (["a", "inl", "r", 1], 13),
        (["a", "ml"], 14),
        (["a", "lit"], 18),
        (["a", "z"], 20),
        (["w"], 21),
        (["w", 0], 21),
        (["w", 0, "id"], 22),
        (["w", 1], 23),
        (["w", 1, "id"], 24),
        (["w", 1, "sub"], 25),
        (["w", 1, "sub", "k"], 26),
        (["a", "f g"], 27),
        (["a", "f g", "h"], 27),
        (["a", "f g", "h", "esc"], 28),
        (["a", "f g", "h", "k2"], 29),
        (["a", "f g", "h", "when"], 30),
        (["a", "f g", "h", "after_date"], 31),
        (["a", "f g", "h", "multi"], 32),
        (["a", "f g", "h", "last"], 34),
    ]

    @Test(arguments: cases)
    func findsTheLine(of path: TOMLPath, line: Int) {
        let locator = KeyLocator(text: Self.document)
        #expect(locator.line(of: path) == line, "\(path)")
    }

    /// Small documents: CRLF line endings, comments after headers, blank lines, empty values.
    @Test(arguments: [
        ("a = 1\r\n[b]\r\nc = 2\r\n", ["b", "c"], 3),
        ("[b] # [c]\n\n\nk = 'x'\n", ["b", "k"], 4),
        ("[[w]] # one\n[[w]]\n\nid = 2\n", ["w", 1, "id"], 4),
        ("a = []\nb = {}\nc = [ [ ], { } ]\nd = 4\n", ["d"], 4),
        ("x = [\n  \"#\", '[',\n  \"\"\"\n]\n\"\"\",\n]\ny = 1\n", ["y"], 7),
        ("x = [\n  \"#\", '[',\n  \"\"\"\n]\n\"\"\",\n]\ny = 1\n", ["x", 2], 3),
    ] as [(String, TOMLPath, Int)])
    func findsTheLineInSmallDocuments(_ text: String, _ path: TOMLPath, _ line: Int) {
        #expect(KeyLocator(text: text).line(of: path) == line)
    }

    /// Nothing inside strings or comments is taken for a key or a table.
    @Test(arguments: [["fake"], ["fake", "table"], ["c"], ["a", "c"], ["not"], ["a", "not"], ["a", "x"],
                      ["a", "f g", "h", "x"]] as [TOMLPath])
    func ignoresStringsAndComments(_ path: TOMLPath) {
        #expect(KeyLocator(text: Self.document).line(of: path) == nil)
    }

    @Test func missingKeysFallBackToTheirTable() {
        let locator = KeyLocator(text: Self.document)
        #expect(locator.nearestLine(of: ["w", 1, "sub", "absent"]) == 25)
        #expect(locator.nearestLine(of: ["a", "inl", "p", "absent"]) == 13)
        #expect(locator.nearestLine(of: ["absent"]) == nil)
        #expect(locator.nearestLine(of: []) == nil)
    }

    /// Broken documents still end, with what could be found.
    @Test(arguments: ["[", "[[", "a = [", "a = {", "a = \"", "a = '''", "= 1", "]]]", "a.", "\"\\", "x = 1979-05-27 "])
    func terminatesOnBrokenInput(_ text: String) {
        _ = KeyLocator(text: text + "\n" + text)
    }

    @Test func describesPaths() {
        #expect((["wildcards", 2, "id"] as TOMLPath).description == "wildcards[2].id")
        #expect((["a", "f g"] as TOMLPath).description == #"a."f g""#)
    }
}
