import Testing
@testable import AdoptData
import TestSupport

extension SplitMix64 {
    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &self)! }
}

/// What the table path gives: `ObservationSet(table: CSVReader.parse(…))`, or its error.
private func tablePath(
    _ bytes: [UInt8], x: String, y: String, series: String?, kind: ObservationKind
) -> Result<ObservationSet, DataError> {
    Result { () throws(DataError) -> ObservationSet in
        try ObservationSet(table: CSVReader.parse(bytes, source: "in.csv"), x: x, y: y, series: series, kind: kind)
    }
}

/// What `CSVInput` gives with the data split into `chunks` chunks.
private func inputPath(
    _ bytes: [UInt8], x: String, y: String, series: String?, kind: ObservationKind, chunks: Int?
) -> Result<ObservationSet, DataError> {
    Result { () throws(DataError) -> ObservationSet in
        try CSVInput(bytes, source: "in.csv").observations(x: x, y: y, series: series, kind: kind, chunkCount: chunks)
    }
}

/// Equal sets, with every value equal bit for bit (so 0 and −0 differ).
private func identical(_ a: ObservationSet, _ b: ObservationSet) -> Bool {
    guard a == b, a.series.count == b.series.count else { return false }
    for (s, t) in zip(a.series, b.series) {
        for (o, q) in zip(s.observations, t.observations)
        where o.x.bitPattern != q.x.bitPattern || o.y.bitPattern != q.y.bitPattern {
            return false
        }
    }
    return true
}

/// Checks that the chunked path agrees with the table path for many chunk counts.
private func expectSameResult(
    _ bytes: [UInt8], x: String = "year", y: String = "adopters", series: String? = "id",
    kind: ObservationKind = .adoption, chunkCounts: [Int?] = [nil, 1, 2, 3, 5, 8, 13, 64, 10_000],
    _ comment: Comment? = nil
) {
    let expected = tablePath(bytes, x: x, y: y, series: series, kind: kind)
    for chunks in chunkCounts {
        let actual = inputPath(bytes, x: x, y: y, series: series, kind: kind, chunks: chunks)
        switch (expected, actual) {
        case (.success(let e), .success(let a)):
            #expect(identical(e, a), "chunks \(String(describing: chunks)): different observations. \(comment?.rawValue ?? "")")
        case (.failure(let e), .failure(let a)):
            #expect(e == a, "chunks \(String(describing: chunks)): \(a) instead of \(e). \(comment?.rawValue ?? "")")
        default:
            Issue.record("chunks \(String(describing: chunks)): \(actual) instead of \(expected). \(comment?.rawValue ?? "")")
        }
    }
}

/// A random CSV file of adoption series, and the ways it can go wrong.
private struct RandomCSV {
    var generator: SplitMix64
    var header = ["id", "year", "adopters", "note"]
    var series = 6
    var rows = 120
    /// Rows grouped by series (as real files are), or interleaved.
    var grouped = true
    var crlf = false
    /// Chances per line of a comment or blank line before it.
    var comments = 0.05
    var blanks = 0.05
    /// Chance of an unusual but valid number spelling.
    var oddNumbers = 0.1
    /// Lines (1-based among the data rows) to replace with a bad row, and how.
    var faults: [(row: Int, fault: Fault)] = []
    var finalNewline = true
    /// Chance of quoting a cell (notes then sometimes span lines or hold commas and `""`).
    var quoting = 0.0

    enum Fault: CaseIterable {
        case word, emptyCell, nan, overflow, negative, extraField, missingField, bareCR, invalidUTF8,
             quotedCell, duplicateYear, blankSeries, unicodeSeries, labelYear, unterminatedQuote
    }

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    mutating func number() -> String {
        let g = Double.random(in: 0..<1, using: &generator)
        if generator.chance(oddNumbers) {
            return generator.pick([
                "1e3", "2.5E-2", " 42", "42 ", "+7", ".5", "5.", "000123.4500", "-0", "0",
                "12345678901234567890", "9007199254740993", "0.1234567890123456789012",
                "1234567.000000000000000001", "1e-100", "1e22", "1e23", "123456789012345678",
                "\t3.25", "0.0000000000000000000001", "179769313486231570000000",
            ])
        }
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return String(Int(g * 1_000_000))
        case 1: return String(format6(g * 1e6))
        case 2: return String(g * 1e5)
        default: return String(Int(g * 100)) + "." + String(Int.random(in: 0..<1000, using: &generator))
        }
    }

    func format6(_ v: Double) -> String {
        let whole = Int(v)
        let fraction = Int((v - Double(whole)) * 1_000_000)
        let text = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 6 - text.count) + text
    }

    mutating func bytes() -> [UInt8] {
        // Each series gets consecutive years, in file order or shuffled.
        var plan: [(series: Int, year: Int)] = []
        var nextYear = [Int](repeating: 0, count: series)
        let starts = (0..<series).map { _ in Int.random(in: 1950...2010, using: &generator) }
        for r in 0..<rows {
            let s = grouped ? r * series / rows : Int.random(in: 0..<series, using: &generator)
            plan.append((s, starts[s] + nextYear[s]))
            nextYear[s] += 1
        }
        if !grouped && generator.chance(0.5) {
            // Years out of order within series, still distinct.
            var bySeries = [[Int]](repeating: [], count: series)
            for (k, row) in plan.enumerated() { bySeries[row.series].append(k) }
            for indices in bySeries {
                let shuffled = indices.map { plan[$0].year }.shuffled(using: &generator)
                for (k, index) in indices.enumerated() { plan[index].year = shuffled[k] }
            }
        }
        let newline: [UInt8] = crlf ? [13, 10] : [10]
        var out: [UInt8] = []
        if generator.chance(0.3) { out += Array("# generated\n".utf8) }
        out += Array(header.joined(separator: ",").utf8) + newline
        for (r, row) in plan.enumerated() {
            if generator.chance(comments) {
                out += Array("# note é \(r)".utf8) + newline
            }
            if generator.chance(blanks) {
                out += Array(generator.pick(["", "  ", "\t", " \t "]).utf8) + newline
            }
            var cells: [String: [UInt8]] = [
                "id": Array("s\(row.series)".utf8),
                "year": Array(String(row.year).utf8),
                "adopters": Array(number().utf8),
                "note": Array(generator.pick(["", "ok", "café", "a b", "x;y", "日本"]).utf8),
            ]
            var lineEnd = newline
            for (faultRow, fault) in faults where faultRow == r {
                switch fault {
                case .word: cells["adopters"] = Array("abc".utf8)
                case .emptyCell: cells["year"] = []
                case .nan: cells["adopters"] = Array("NaN".utf8)
                case .overflow: cells["year"] = Array("1e999".utf8)
                case .negative: cells["adopters"] = Array("-3.5".utf8)
                case .extraField: cells["note"] = Array("a,b".utf8)
                case .missingField: cells["note"] = nil
                case .bareCR: cells["note"] = Array("a\rb".utf8)
                case .invalidUTF8: cells["note"] = [0x61, 0xFF]
                case .quotedCell: cells["note"] = Array("\"q,\n\"\"r\"".utf8)
                case .duplicateYear: cells["year"] = Array(String(starts[row.series]).utf8)
                case .blankSeries: cells["id"] = Array(" ".utf8)
                case .unicodeSeries: cells["id"] = Array("sé".utf8)
                case .labelYear: cells["year"] = Array("Q3 '07".utf8)
                case .unterminatedQuote: cells["note"] = Array("\"open".utf8)
                }
            }
            if quoting > 0 {
                for name in header where cells[name] != nil && generator.chance(quoting) {
                    var content = cells[name]!
                    if name == "note" && generator.chance(0.5) {
                        content += Array(generator.pick(["\n", "\r\n", ",", "\"\"", "\n\n# x"]).utf8)
                    }
                    cells[name] = [UInt8(ascii: "\"")] + content + [UInt8(ascii: "\"")]
                }
            }
            if r == plan.count - 1 && !finalNewline { lineEnd = [] }
            let fields = header.compactMap { cells[$0] }
            out += Array(fields.joined(separator: [UInt8(ascii: ",")])) + lineEnd
        }
        return out
    }
}

@Suite("CSV input: chunked reading of observations")
struct CSVInputTests {
    @Test func readsExactlyWhatTheTableGives() throws {
        let text = "# c\nid,year,adopters\na,2000,1.5\nb,2000,2\n\na,2001,3\n# x\nb,2001,4\n"
        let input = try CSVInput(Array(text.utf8), source: "in.csv")
        #expect(input.columnNames == ["id", "year", "adopters"])
        let set = try input.observations(x: "year", y: "adopters", series: "id")
        #expect(set.series.map(\.name) == ["a", "b"])
        #expect(set.series.map(\.lines) == [[3, 6], [4, 8]])
        #expect(set.series.map(\.ys) == [[1.5, 3], [2, 4]])
        #expect(set.seriesColumn == "id")
        // The comment before the header is the file's; the one after it is recorded.
        #expect(set.commentLines == [7])
        #expect(input.fastObservations(x: "year", y: "adopters", series: "id", kind: .adoption, chunkCount: 1) == nil)
        expectSameResult(Array(text.utf8))
    }

    // A DOS end-of-file mark ending a data row is refused (it would join a name or a label); one
    // ending a comment line is skipped with the comment.
    @Test func endOfFileMarkAfterDataOrComment() throws {
        let afterComment = try CSVInput(Array("id,year,adopters\na,2000,1\na,2001,2\n# end\u{1A}".utf8), source: "in.csv")
        #expect(try afterComment.observations(x: "year", y: "adopters", series: "id").series.map(\.ys) == [[1, 2]])
        let afterName = try CSVInput(Array("year,adopters,id\n2000,1,a\n2001,2,a\u{1A}\r\n".utf8), source: "in.csv")
        #expect(throws: DataError.self) { try afterName.observations(x: "year", y: "adopters", series: "id") }
        #expect(afterName.endOfFileMarkLine() == 3)
    }

    @Test func fastPathIsTakenForOrdinaryInput() throws {
        let text = "id,year,adopters\na,2000,1.5\nb,2000,2\na,2001,3\n"
        let input = try CSVInput(Array(text.utf8), source: "in.csv")
        for chunks in [1, 2, 3] {
            #expect(input.fastObservations(x: "year", y: "adopters", series: "id", kind: .adoption, chunkCount: chunks) != nil)
        }
        // Quoted fields are read too, even across chunk boundaries.
        let quoted = try CSVInput(
            Array("id,year,adopters,note\n\"a\",\"2000\",1,\"x\ny\"\na,2001,2,\"p,q\"\n".utf8), source: "in.csv")
        for chunks in [1, 2, 3] {
            let set = quoted.fastObservations(x: "year", y: "adopters", series: "id", kind: .adoption, chunkCount: chunks)
            #expect(set?.series.map(\.name) == ["a"])
            #expect(set?.series.first?.lines == [2, 4])
        }
        // A `""` escape in the series column sends the input to the table path.
        let escaped = try CSVInput(Array("id,year,adopters\n\"a\"\"b\",2000,1\n".utf8), source: "in.csv")
        #expect(escaped.fastObservations(x: "year", y: "adopters", series: "id", kind: .adoption, chunkCount: 1) == nil)
        #expect(try escaped.observations(x: "year", y: "adopters", series: "id").series.map(\.name) == ["a\"b"])
    }

    @Test(arguments: 0..<60)
    func randomValidInputsMatchTheTablePath(_ seed: Int) {
        var csv = RandomCSV(seed: UInt64(seed) &* 7919 &+ 1)
        csv.grouped = seed % 3 != 0
        csv.crlf = seed % 5 == 1
        csv.finalNewline = seed % 4 != 2
        csv.series = [1, 2, 6, 40][seed % 4]
        csv.rows = [1, 7, 120, 400][(seed / 4) % 4]
        if seed % 7 == 3 { csv.header = ["adopters", "note", "year", "id"] }
        // Comments after the header are recorded by the table path; half the inputs have none.
        if seed % 2 == 1 { csv.comments = 0 }
        let bytes = csv.bytes()
        // Valid input with ASCII series names, numeric years and no comment after the header never
        // needs the table path.
        for chunks in [1, 3] where csv.comments == 0 {
            let fast = try? CSVInput(bytes, source: "in.csv")
                .fastObservations(x: "year", y: "adopters", series: "id", kind: .adoption, chunkCount: chunks)
            #expect(fast != nil, "seed \(seed)")
        }
        expectSameResult(bytes, Comment(rawValue: "seed \(seed)"))
        expectSameResult(bytes, series: nil, kind: .regression, Comment(rawValue: "seed \(seed), one series"))
        expectSameResult(bytes, kind: .regression, Comment(rawValue: "seed \(seed), regression"))
    }

    @Test("the chunks read on 1, 2 or 5 threads give what they give on all cores", arguments: 0..<8)
    func sameWhateverTheWorkers(_ seed: Int) throws {
        var csv = RandomCSV(seed: UInt64(seed) &* 6_007 &+ 11)
        csv.series = [3, 40][seed % 2]
        csv.rows = 600
        csv.comments = 0
        // No quotes: a quoted line break across a chunk boundary would have the input read as one chunk.
        csv.quoting = 0
        let input = try CSVInput(csv.bytes(), source: "in.csv")
        let all = input.fastObservations(x: "year", y: "adopters", series: "id", kind: .adoption, chunkCount: 9)
        #expect(all != nil, "seed \(seed)")
        for workers in [1, 2, 5] {
            let set = input.fastObservations(x: "year", y: "adopters", series: "id", kind: .adoption, chunkCount: 9, workers: workers)
            #expect(set == all, "seed \(seed), \(workers) workers")
        }
    }

    @Test(arguments: 0..<30)
    func randomQuotedInputsMatchTheTablePath(_ seed: Int) {
        var csv = RandomCSV(seed: UInt64(seed) &* 104_729 &+ 3)
        csv.quoting = [0.02, 0.2, 1][seed % 3]
        csv.grouped = seed % 4 != 0
        csv.crlf = seed % 5 == 2
        csv.series = [1, 3, 12][seed % 3]
        csv.rows = [5, 90, 300][(seed / 3) % 3]
        if seed % 6 == 5 { csv.faults = [(csv.rows / 2, .unterminatedQuote)] }
        if seed % 2 == 0 { csv.comments = 0 }
        let bytes = csv.bytes()
        expectSameResult(bytes, chunkCounts: [nil, 1, 2, 3, 7, 29, 500], Comment(rawValue: "seed \(seed)"))
        expectSameResult(bytes, series: nil, kind: .regression, chunkCounts: [1, 4, 31], Comment(rawValue: "seed \(seed)"))
        if csv.faults.isEmpty && csv.comments == 0 {
            // Quotes do not send valid input to the table path, whatever the chunking.
            for chunks in [1, 2, 9] {
                let fast = try? CSVInput(bytes, source: "in.csv")
                    .fastObservations(x: "year", y: "adopters", series: "id", kind: .adoption, chunkCount: chunks)
                #expect(fast != nil, "seed \(seed), \(chunks) chunks")
            }
        }
    }

    @Test(arguments: RandomCSV.Fault.allCases.indices)
    func faultsAreReportedAsTheTablePathReportsThem(_ faultIndex: Int) {
        let fault = RandomCSV.Fault.allCases[faultIndex]
        for seed in 0..<12 {
            var csv = RandomCSV(seed: UInt64(seed * 31 + faultIndex))
            csv.rows = 150
            csv.series = 5
            csv.grouped = seed % 2 == 0
            csv.crlf = seed % 3 == 2
            var rng = SplitMix64(seed: UInt64(seed))
            // One fault, or several: the first in file order must win, whatever the chunking.
            let count = seed % 3 + 1
            csv.faults = (0..<count).map { _ in
                (Int.random(in: 0..<150, using: &rng), seed % 4 == 3 ? rng.pick(RandomCSV.Fault.allCases) : fault)
            }
            let bytes = csv.bytes()
            let note = Comment(rawValue: "\(fault), seed \(seed)")
            expectSameResult(bytes, note)
            expectSameResult(bytes, series: nil, note)
            expectSameResult(bytes, kind: .regression, note)
        }
    }

    @Test func chunkBoundaryAtEveryLine() {
        var csv = RandomCSV(seed: 99)
        csv.rows = 40
        csv.series = 3
        csv.comments = 0.2
        csv.blanks = 0.2
        let bytes = csv.bytes()
        expectSameResult(bytes, chunkCounts: Array(1...60))
        expectSameResult(bytes + Array("s0,1900,-1\n".utf8), chunkCounts: Array(1...60))
    }

    static let headerOnlyCases: [String] = [
        "", "\u{FEFF}", "# only a comment\n", "id,year,adopters", "id,year,adopters\n",
        "id,year,adopters\n# c\n\n", "id,year,year\n1,2,3\n", "\"id,year\n",
    ]

    @Test(arguments: headerOnlyCases)
    func degenerateInputsMatchTheTablePath(_ text: String) {
        expectSameResult(Array(text.utf8))
    }

    @Test func missingAndRepeatedColumnsMatchTheTablePath() {
        let bytes = Array("id,year,adopters\na,2000,1\na,2001,2\n".utf8)
        expectSameResult(bytes, x: "yaer")
        expectSameResult(bytes, y: "sales")
        expectSameResult(bytes, series: "ID")
        expectSameResult(bytes, x: "year", y: "year")
        expectSameResult(bytes, x: "year", series: "year")
        expectSameResult(bytes, y: "adopters", series: "adopters", kind: .regression)
    }

    @Test func twoDigitYearsAcross2000MatchTheTablePath() throws {
        let bytes = Array("id,year,adopters\na,97,1\na,98,2\na,99,3\na,00,4\na,01,5\nb,2001,1\n".utf8)
        let input = try CSVInput(bytes, source: "in.csv")
        #expect(input.fastObservations(x: "year", y: "adopters", series: "id", kind: .adoption, chunkCount: 1) == nil)
        expectSameResult(bytes)
    }

    @Test func formulaYearsThroughTheCenturyMatchTheTablePath() {
        expectSameResult(Array("x,y\n98,1\n99,2\n00,3\n01,4\n".utf8), x: "x", y: "y", series: nil, kind: .regression)
        expectSameResult(Array("x,y\n10,1\n20,2\n80,3\n".utf8), x: "x", y: "y", series: nil, kind: .regression)
        expectSameResult(Array("x,y\n1,1\n2,2\n60,3\n".utf8), x: "x", y: "y", series: nil)
    }

    /// One series spelled two ways (a trailing space, a capital) is refused on both paths, at the
    /// later spelling's first row.
    @Test(arguments: [("dryers ", "blanks around the name"), ("Dryers", "letter case"), (" Dryers", "letter case and blanks around the name"),
                      ("dryers\u{A0}", "an invisible character (a no-break or zero-width space)"),
                      ("dryers\u{200B}", "an invisible character (a no-break or zero-width space)"),
                      ("Dryers\u{A0}", "an invisible character (a no-break or zero-width space) and letter case")])
    func seriesSpelledTwoWaysAreRefused(_ other: String, _ how: String) throws {
        let text = "id,year,adopters\ndryers,1950,1\n\(other),1951,3\ndryers,1952,7\n"
        let input = try CSVInput(Array(text.utf8), source: "in.csv")
        let error = try #require(throws: DataError.self) { try input.observations(x: "year", y: "adopters", series: "id") }
        #expect(error.line == 3 && error.field == "id")
        #expect(error.message.contains("and 'dryers' (line 2) differ only in \(how): one series spelled two ways"), "\(error.message)")
        // Names apart are read as they are.
        let apart = try CSVInput(Array("id,year,adopters\ndryers,1950,1\ndryers 2,1951,3\n".utf8), source: "in.csv")
        #expect(try apart.observations(x: "year", y: "adopters", series: "id").series.count == 2)
    }

    @Test func periodLabelsMatchTheTablePath() {
        let bytes = Array("id,q,adopters\na,Q1 '07,1\na,Q2 '07,2\nb,Q1 '07,3\n".utf8)
        expectSameResult(bytes, x: "q")
    }

    /// "é" precomposed and decomposed are one String to Swift but two names to pandas, R or a
    /// spreadsheet: fitted as one series, the output would carry one spelling and lose the other's rows
    /// on a join. They are refused as one series spelled two ways.
    @Test func seriesNamesThatAreEqualTextButNotEqualBytesAreRefused() throws {
        let text = "id,year,adopters\ncaf\u{E9},2000,1\ncaf\u{E9},2001,2\ncafe\u{301},2002,3\ncafe\u{301},2003,4\n"
        let input = try CSVInput(Array(text.utf8), source: "in.csv")
        let error = try #require(throws: DataError.self) { try input.observations(x: "year", y: "adopters", series: "id") }
        #expect(error.line == 4 && error.field == "id")
        #expect(error.message.contains("differ only in how an accented letter is encoded"), "\(error.message)")
        // Each spelling alone is one series of its own rows.
        let one = try CSVInput(Array("id,year,adopters\ncafe\u{301},2000,1\ncafe\u{301},2001,2\n".utf8), source: "in.csv")
        let set = try one.observations(x: "year", y: "adopters", series: "id")
        #expect(set.series.count == 1 && set.series[0].count == 2 && set.series[0].name.map { Array($0.utf8) } == Array("cafe\u{301}".utf8))
    }

    @Test func numbersOnTheFastPathAreCorrectlyRounded() throws {
        var generator = SplitMix64(seed: 4242)
        var text = "id,year,adopters\n"
        var expected: [Double] = []
        for row in 0..<20_000 {
            let digitCount = Int.random(in: 1...21, using: &generator)
            var digits = (0..<digitCount).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let point = Int.random(in: 0...digitCount, using: &generator)
            if generator.chance(0.8) { digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point)) }
            if digits == "." { digits = "0." }
            if generator.chance(0.1) { digits += "e\(Int.random(in: -25...25, using: &generator))" }
            text += "a,\(row),\(digits)\n"
            expected.append(try #require(Double(digits)))
        }
        let set = try CSVInput(Array(text.utf8), source: "in.csv")
            .observations(x: "year", y: "adopters", series: "id", kind: .adoption, chunkCount: 7)
        let ys = try #require(set.series.first).ys
        #expect(ys.count == expected.count)
        for (actual, wanted) in zip(ys, expected) where actual.bitPattern != wanted.bitPattern {
            Issue.record("\(actual) instead of \(wanted)")
            break
        }
    }

    static let numberEdgeCases: [String] = [
        "0", "-0", "+0", "0.0", "-0.0", "00", ".5", "5.", "+.5", "-.5", "1.", "0.1", "0.2", "0.3",
        "9007199254740991", "9007199254740992", "9007199254740993", "9007199254740994",
        "1234567890123456789", "12345678901234567890", "0000000000000000001", "00000000000000000001",
        "0.0000000000000000000001", "0.00000000000000000000001", "1.0000000000000000000001",
        "4503599627370496.5", "4503599627370497.5", "2.2250738585072011e-308", "1e22", "1e23",
        "123456.789012", "99999999.99999999", "12345678", "123456789", "1234567.8", "7.",
    ]

    @Test(arguments: numberEdgeCases)
    func numberEdgeCasesMatchTheStandardLibrary(_ text: String) throws {
        let bytes = Array("id,year,adopters\na,1,\(text)\na,2,\(text)\r\na,3,\(text)".utf8)
        let wanted = try #require(Double(text))
        for chunks in [1, 2, 3] {
            if !ObservationSet.fittableMagnitudes.contains(wanted.magnitude), wanted != 0 {
                #expect(throws: DataError.self) {
                    try CSVInput(bytes, source: "in.csv")
                        .observations(x: "year", y: "adopters", series: "id", kind: .regression, chunkCount: chunks)
                }
                continue
            }
            let set = try CSVInput(bytes, source: "in.csv")
                .observations(x: "year", y: "adopters", series: "id", kind: .regression, chunkCount: chunks)
            for y in try #require(set.series.first).ys {
                #expect(y.bitPattern == wanted.bitPattern, "\(text): \(y) instead of \(wanted)")
            }
        }
    }

    @Test func eightDigitGroupsAreReadExactly() {
        var generator = SplitMix64(seed: 77)
        for _ in 0..<100_000 {
            var bytes = (0..<8).map { _ in
                generator.chance(0.6) ? UInt8.random(in: 0x30...0x39, using: &generator) : UInt8.random(in: 0...255, using: &generator)
            }
            if generator.chance(0.1) { bytes = Array("12345678".utf8) }
            var word: UInt64 = 0
            for (k, b) in bytes.enumerated() { word |= UInt64(b) << UInt64(8 * k) }
            var count = 0
            var value: UInt64 = 0
            while count < 8, bytes[count] >= 0x30, bytes[count] <= 0x39 {
                value = value * 10 + UInt64(bytes[count] - 0x30)
                count += 1
            }
            #expect(SeriesScanner.leadingDigits(word) == count, "\(bytes)")
            if count > 0 {
                #expect(SeriesScanner.digitsValue(word, count: count) == value, "\(bytes)")
            }
        }
    }

    @Test func lineFeedCountsAreExact() {
        var generator = SplitMix64(seed: 5)
        for length in [1, 15, 16, 17, 255, 4096, 4111, 70_000] {
            let bytes = (0..<length).map { _ in generator.pick([UInt8(10), 34, 65, 13, 0xFF, 0x0A]) }
            bytes.withUnsafeBufferPointer { buffer in
                for from in [0, 1, 7].filter({ $0 <= length }) {
                    let count = ByteScanning.lineFeeds(buffer.baseAddress!, from: from, to: length)
                    #expect(count == bytes[from...].filter { $0 == 10 }.count)
                }
            }
        }
        // More than 255 blocks of 16 line feeds: the per-lane counters must not overflow.
        let feeds = [UInt8](repeating: 10, count: 16 * 600 + 5)
        feeds.withUnsafeBufferPointer { #expect(ByteScanning.lineFeeds($0.baseAddress!, from: 0, to: feeds.count) == feeds.count) }
    }

    @Test func delimiterWordsFindTheFirstSpecialByte() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<50_000 {
            let bytes = (0..<8).map { _ in
                generator.chance(0.8) ? UInt8.random(in: 0x23...0x7E, using: &generator) : UInt8.random(in: 0...255, using: &generator)
            }
            var word: UInt64 = 0
            for (k, b) in bytes.enumerated() { word |= UInt64(b) << UInt64(8 * k) }
            let expected = bytes.firstIndex { $0 == 44 || $0 == 10 || $0 == 13 || $0 == 34 || $0 >= 0x80 } ?? 8
            let mask = ByteScanning.delimitersOrSpecialBytes(word)
            #expect(mask.trailingZeroBitCount >> 3 == expected, "\(bytes)")
        }
    }

    @Test func readsFilesOfEverySizeExactly() throws {
        try withTemporaryDirectory { directory in
            for size in [0, 1, 4095, 4096, 65_535, 65_536, 65_537, 300_000] {
                let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
                let path = try directory.write(bytes: bytes, to: "f\(size)")
                let contents = try FileInput.contents(path: path)
                #expect(contents.count == size)
                #expect(contents.bytes == bytes)
                #expect(try FileInput.readAll(path: path) == bytes)
            }
        }
    }

    #if os(Linux)
    @Test func readsAFileWhoseReportedSizeIsZero() throws {
        // Files in /proc report size 0, as pipes do: the buffer must grow as it reads.
        let contents = try FileInput.contents(path: "/proc/self/maps")
        #expect(contents.count > 0)
        #expect(contents.bytes.last == UInt8(ascii: "\n"))
    }
    #endif

    @Test func fileReadingErrorsAreMissingInput() throws {
        try withTemporaryDirectory { directory in
            let missing = try #require(throws: DataError.self) { try FileInput.contents(path: directory.missingPath()) }
            #expect(missing.kind == .missingInput)
            #expect(missing.message == "cannot read input: no such file")
            let folder = try #require(throws: DataError.self) { try FileInput.contents(path: directory.path) }
            #expect(folder.kind == .missingInput)
            #expect(folder.message == "cannot read input: is a directory, not a file")
        }
    }

    @Test(arguments: CSVReaderErrorTests.corpus)
    func malformedInputsMatchTheTablePath(_ input: MalformedCSV) {
        expectSameResult(input.bytes, x: "a", y: "b", series: nil, chunkCounts: [nil, 1, 2, 5])
    }

    @Test func tableFromFileContentsMatchesTableFromBytes() throws {
        try withTemporaryDirectory { directory in
            let text = "a,\"b\"\"c\"\n1,\"x\ny\"\n2,3\n"
            let path = try directory.write(text)
            let fromFile = try CSVInput(FileInput.contents(path: path), source: path).table()
            let fromBytes = try CSVReader.parse(Array(text.utf8), source: path)
            #expect(fromFile.columnNames == fromBytes.columnNames)
            #expect((0..<2).map { fromFile[$0, 1] } == (0..<2).map { fromBytes[$0, 1] })
            #expect(fromFile.columnNames == ["a", "b\"c"])
            #expect(fromFile[0, 1] == "x\ny")
        }
    }
}
