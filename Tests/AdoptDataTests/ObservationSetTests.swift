import Testing
@testable import AdoptData
import TestSupport

/// Writes `text` to a temporary file, reads it and extracts observations.
private func observations(
    _ text: String, x: String = "year", y: String = "adopters", series: String? = nil, skipsInvalidSeries: Bool = false
) throws -> ObservationSet {
    try withTemporaryDirectory { directory in
        let table = try CSVReader.read(contentsOfFile: directory.write(text))
        return try ObservationSet(table: table, x: x, y: y, series: series, skipsInvalidSeries: skipsInvalidSeries)
    }
}

@Suite("Series extraction")
struct ObservationSetTests {
    @Test("skipping invalid series: those with a problem of their own are set aside in their places, the others read as from a file without them")
    func setsAsideInvalidSeries() throws {
        let text = """
            country,quarter,adopters
            b,2001Q1,1
            a,2001Q1,2
            b,2001Q2,x
            c,2001Q3,4
            a,2001Q2,5
            c,2001Q3,6
            b,2001Q3,-1
            d,2001Q4,7
            """
        let set = try observations(text, x: "quarter", series: "country", skipsInvalidSeries: true)
        #expect(set.invalidSeries.map(\.name) == ["b", "c"])
        #expect(set.invalidSeries.map(\.position) == [0, 2])
        #expect(set.invalidSeries.map { $0.problem.line } == [4, 7])
        #expect(set.invalidSeries.map(\.moreLines) == [[8], []])
        #expect(set.invalidSeries[1].problem.message == "duplicate x '2001Q3' in series 'c'; it already appears on line 5")
        // The rows of b and c left out: the same series and values, the quarters numbered from 2001Q1 alike.
        let valid = text.split(separator: "\n").filter { !$0.hasPrefix("b,") && !$0.hasPrefix("c,") }.joined(separator: "\n")
        let other = try observations(valid, x: "quarter", series: "country")
        #expect(set.series.map(\.name) == ["a", "d"] && set.series.map(\.name) == other.series.map(\.name))
        #expect(set.series.map(\.xs) == other.series.map(\.xs) && set.series.map(\.ys) == other.series.map(\.ys))
        #expect(set.series.map(\.lines) == [[3, 6], [9]])
        #expect(throws: DataError.self) { try observations(text, x: "quarter", series: "country") }
        // Without a series column there is no other series: the first problem is thrown.
        #expect(throws: DataError.self) { try observations(text, x: "quarter", skipsInvalidSeries: true) }
    }

    @Test func groupsBySeriesInOrderOfFirstAppearance() throws {
        let set = try observations(
            """
            country,year,adopters
            b,2000,1
            a,2000,2
            b,2001,3
            c,2000,4
            a,2001,5
            """, series: "country")
        #expect(set.series.map(\.name) == ["b", "a", "c"])
        #expect(set.series.map(\.ys) == [[1, 3], [2, 5], [4]])
        #expect(set.series.map(\.lines) == [[2, 4], [3, 6], [5]])
        #expect(set.seriesColumn == "country")
        #expect(set.xColumn == "year")
        #expect(set.yColumn == "adopters")
        #expect(set.observationCount == 5)
        #expect(set.series(named: "a")?.xs == [2000, 2001])
        #expect(set.series(named: "zz") == nil)
        #expect(!set.usesPeriodLabels)
        #expect(set.xLabels == nil)
    }

    @Test func sortsEachSeriesByXAndKeepsSourceLines() throws {
        let set = try observations(
            """
            # unsorted on purpose
            year,adopters
            2003,30
            2001,10

            2002,20
            """)
        #expect(set.series.count == 1)
        let only = try #require(set.series.first)
        #expect(only.name == nil)
        #expect(only.observations == [
            Observation(x: 2001, y: 10, line: 4),
            Observation(x: 2002, y: 20, line: 6),
            Observation(x: 2003, y: 30, line: 3),
        ])
    }

    @Test func numericSeriesIdsAreKeptAsText() throws {
        let set = try observations("series_id,year,adopters\n17,2013,1.5\n017,2013,2\n", series: "series_id")
        #expect(set.series.map(\.name) == ["17", "017"])
    }

    @Test func periodLabelsAreNumberedInFileOrder() throws {
        let set = try observations(
            """
            quarter,adopters,firm
            Q3 '07,1,A
            Q4 '07,2,A
            Q3 '07,5,B
            Q1 '08,3,A
            Q4 '07,6,B
            """, x: "quarter", series: "firm")
        #expect(set.usesPeriodLabels)
        #expect(set.xLabels == ["Q3 '07", "Q4 '07", "Q1 '08"])
        #expect(set.series(named: "A")?.xs == [1, 2, 3])
        #expect(set.series(named: "B")?.xs == [1, 2])
        #expect(set.series(named: "B")?.observations.map { set.label(forX: $0.x) } == ["Q3 '07", "Q4 '07"])
        #expect(set.label(forX: 3) == "Q1 '08")
        // Past the data (and before it), the period after, written as the column writes its quarters.
        #expect(set.label(forX: 4) == "Q2 '08")
        #expect(set.label(forX: 1.5) == nil && set.label(forX: 0) == "Q2 '07")
    }

    // Quarters numbered by time: a quarter no row names still counts as a period.
    @Test func quarterLabelsKeepTheirGaps() throws {
        let set = try observations("quarter,adopters\n2024Q3,1\n2024Q4,2\n2025Q2,3\n2025Q3,4\n", x: "quarter")
        #expect(set.series[0].xs == [1, 2, 4, 5])
        #expect(set.xLabels == ["2024Q3", "2024Q4", "", "2025Q2", "2025Q3"])
        // The quarter no row names has its label all the same.
        #expect(set.label(forX: 3) == "2025Q1")
        #expect(set.label(forX: 4) == "2025Q2")
    }

    @Test func monthLabelsKeepTheirGaps() throws {
        let set = try observations("month,adopters\n2025-11,1\n2025-12,2\n2026-02,3\n", x: "month")
        #expect(set.series[0].xs == [1, 2, 4])
    }

    @Test func labelledSeriesIsSortedByLabelPosition() throws {
        let set = try observations("period,adopters\nP1,1\nP2,2\nP3,3\n", x: "period")
        #expect(set.series[0].observations.map { set.label(forX: $0.x) } == ["P1", "P2", "P3"])
        #expect(set.series[0].lines == [2, 3, 4])
    }

    /// A data file that extraction must reject, and the error expected.
    struct BadSeries: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let x: String
        let series: String?
        let line: Int?
        let field: String?
        let message: String
        let kind: ObservationKind
        var testDescription: String { name }

        init(_ name: String, _ text: String, x: String = "year", series: String? = "id",
             line: Int?, field: String?, _ message: String, kind: ObservationKind = .adoption) {
            self.name = name
            self.kind = kind
            self.text = text
            self.x = x
            self.series = series
            self.line = line
            self.field = field
            self.message = message
        }
    }

    static let corpus: [BadSeries] = [
        BadSeries("negative adopters", "id,year,adopters\na,2000,1\na,2001,-5\n",
                  line: 3, field: "adopters", "negative adopters: '-5' is below zero"),
        BadSeries("empty adopters", "id,year,adopters\na,2000,\n",
                  line: 2, field: "adopters", "empty cell; expected a number"),
        BadSeries("NaN adopters", "id,year,adopters\n# c\na,2000,NaN\n",
                  line: 3, field: "adopters", "'NaN' is not a finite number"),
        BadSeries("overflowing adopters", "id,year,adopters\na,2000,1e999\n",
                  line: 2, field: "adopters", "'1e999' is out of range for a double"),
        BadSeries("adopters too small to read", "id,year,adopters\na,2000,1\na,2001,1e-400\n",
                  line: 3, field: "adopters", "'1e-400' is too small for a double: it would read as 0"),
        BadSeries("adopters too small to fit", "id,year,adopters\na,2000,1\na,2001,2.5e-170\n",
                  line: 3, field: "adopters", "'2.5e-170' is too small to fit: adopt fits values from 1e-100 to 1e100 "
                      + "in magnitude, and 0; rescale the column (a power of ten, as in thousands or millions)"),
        BadSeries("adopters too large to fit", "id,year,adopters\na,2000,1.5e200\n",
                  line: 2, field: "adopters", "'1.5e200' is too large to fit: adopt fits values from 1e-100 to 1e100 "
                      + "in magnitude, and 0; rescale the column (a power of ten, as in thousands or millions)"),
        BadSeries("formula data too small to fit", "id,year,adopters\na,2000,-1e-101\n",
                  line: 2, field: "adopters", "'-1e-101' is too small to fit", kind: .regression),
        BadSeries("infinite year", "id,year,adopters\na,2000,1\na,inf,2\n",
                  line: 3, field: "year", "'inf' is not a finite number"),
        BadSeries("duplicate x in a series", "id,year,adopters\na,2000,1\nb,2000,1\na,2001,2\n\na,2000,3\n",
                  line: 6, field: "year", "duplicate x '2000' in series 'a'; it already appears on line 2"),
        BadSeries("duplicate x without series column", "year,adopters\n2001,1\n2000,2\n2001.0,3\n", series: nil,
                  line: 4, field: "year", "duplicate x '2001.0'; it already appears on line 2"),
        BadSeries("earliest duplicate is reported", "id,year,adopters\nb,5,1\na,1,1\na,1,1\nb,5,1\n",
                  line: 4, field: "year", "duplicate x '1' in series 'a'; it already appears on line 3"),
        BadSeries("duplicate period label", "id,q,adopters\na,2020Q1,1\na,2020Q2,2\na,2020Q1,3\n", x: "q",
                  line: 4, field: "q", "duplicate x '2020Q1' in series 'a'; it already appears on line 2"),
        BadSeries("duplicate plain label", "id,wave,adopters\na,first,1\na,second,2\na,first,3\n", x: "wave",
                  line: 4, field: "wave", "duplicate x 'first' in series 'a'; it already appears on line 2"),
        BadSeries("label among numbers", "id,year,adopters\na,2000,1\na,Q3 '07,2\n",
                  line: 3, field: "year",
                  "'Q3 '07' is not a number; x must be all numbers or all period labels, and '2000' on line 2 is a number"),
        BadSeries("number among labels", "id,q,adopters\na,Q1,1\na,Q2,2\na,2007,3\n", x: "q",
                  line: 2, field: "q", "'Q1' is not a number; x must be all numbers or all period labels, and '2007' on line 4"),
        BadSeries("two-digit years across 2000", "id,year,adopters\na,97,1\na,98,2\na,99,3\na,00,4\na,01,5\n",
                  line: 2, field: "year", "'97' comes 96 after '01' (line 6) in series 'a', with nothing between: two-digit years"),
        BadSeries("two-digit years across 2000, sorted as numbers", "id,year,adopters\na,1990,1\nb,00,1\nb,01,2\nb,98,3\nb,99,4\n",
                  line: 5, field: "year", "'98' comes 97 after '01' (line 4) in series 'b', with nothing between"),
        BadSeries("two-digit years 45–99 and 00–20",
                  "id,year,adopters\n" + (45...99).map { "a,\($0),1\n" }.joined()
                      + (0...20).map { "a,\($0 < 10 ? "0" : "")\($0),1\n" }.joined(),
                  line: 2, field: "year", "'45' comes 25 after '20' (line 77) in series 'a'"),
        BadSeries("a total row among labels", "id,wave,adopters\na,wave A,1\na,wave B,3\na,Total,4\n", x: "wave",
                  line: 4, field: "wave", "'Total' looks like a total row, not a period: remove it"),
        BadSeries("a total row after numbered labels", "id,wave,adopters\na,Year 1,1\na,Year 2,3\na, Grand total ,4\n", x: "wave",
                  line: 4, field: "wave", "' Grand total ' looks like a total row"),
        BadSeries("empty x among numbers", "id,year,adopters\na,2000,1\na,,2\n",
                  line: 3, field: "year", "empty cell; expected a number"),
        BadSeries("empty period label", "id,q,adopters\na,Q1,1\na,,2\n", x: "q",
                  line: 3, field: "q", "empty cell; expected a period label"),
        BadSeries("empty series name", "id,year,adopters\na,2000,1\n,2001,2\n",
                  line: 3, field: "id", "empty series name"),
        BadSeries("missing x column", "id,yaer,adopters\na,2000,1\n",
                  line: 1, field: "year", "did you mean 'yaer'?"),
        BadSeries("missing series column", "ID,year,adopters\na,2000,1\n",
                  line: 1, field: "id", "the columns are 'ID', 'year', 'adopters'; did you mean 'ID'?"),
        BadSeries("no data rows", "# only a header\nid,year,adopters\n",
                  line: nil, field: nil, "no data rows"),
    ]

    @Test(arguments: corpus)
    func invalidSeriesAreReportedExactly(_ input: BadSeries) throws {
        try withTemporaryDirectory { directory in
            let path = try directory.write(input.text)
            let table = try CSVReader.read(contentsOfFile: path)
            let error = try #require(throws: DataError.self) {
                try ObservationSet(table: table, x: input.x, y: "adopters", series: input.series, kind: input.kind)
            }
            #expect(error.kind == .badData)
            #expect(error.file == path)
            #expect(error.line == input.line)
            #expect(error.field == input.field)
            #expect(error.message.contains(input.message), "message was: \(error.message)")
        }
    }

    @Test(arguments: [
        "period,adopters\n0,1\n1,2\n2,3\n48,4\n",   // gaps below 50
        "period,adopters\n0,1\n1,2\n30,3\n60,4\n99,5\n",  // 0 to 99 in steps under 50
        "period,adopters\n0.5,1\n60.5,2\n61.5,3\n",  // not whole numbers
        "period,adopters\n1998,1\n1999,2\n2000,3\n",
        "period,adopters\n1,1\n2,2\n3,3\n4,4\n5,5\n60,6\n",  // a gap of 55, but not written as two-digit years
    ])
    func periodNumbersWithoutACenturyGapAreRead(_ text: String) throws {
        #expect(try observations(text, x: "period").series[0].count >= 3)
    }

    /// Formula data may hold any numbers: two-digit x are taken for years across 2000 only where they
    /// run through 99 to 00; both readers agree.
    @Test func formulaDataRefuseOnlyYearsThroughTheCentury() throws {
        try withTemporaryDirectory { directory in
            let years = try CSVReader.read(contentsOfFile: directory.write("x,y\n95,1\n96,2\n97,3\n98,4\n99,5\n00,6\n01,7\n"))
            let error = try #require(throws: DataError.self) {
                try ObservationSet(table: years, x: "x", y: "y", kind: .regression)
            }
            #expect(error.line == 2 && error.message.contains("'95' comes 94 after '01'"))
            let spaced = try CSVReader.read(contentsOfFile: directory.write("x,y\n10,1\n20,2\n80,3\n", to: "spaced.csv"))
            #expect(try ObservationSet(table: spaced, x: "x", y: "y", kind: .regression).series[0].xs == [10, 20, 80])
        }
    }

    /// A total row's label, byte by byte for ASCII names, is what the string comparison (blanks around
    /// it aside, in lower case) makes it: for ASCII and other names alike, the two agree.
    @Test(arguments: [
        ("Total", true), (" total ", true), ("\tGRAND TOTAL", true), ("Sum", true), ("ALL\t", true),
        ("Cumulative", true), ("totals", true), ("Total:", true), ("Overall", true),
        ("totally", false), ("t otal", false), ("grand  total", false), ("", false), ("  ", false),
        ("12345", false), ("sums", false), ("Totäl", false), ("TOTAL\u{301}", false), ("Ｔotal", false),
        ("\u{A0}total", false), ("total\r\n", false),
    ])
    func totalRowLabels(_ name: String, _ isTotal: Bool) {
        #expect(ObservationSet.isTotalWord(name) == isTotal)
        #expect(ObservationSet.isTotalWord(name) == ObservationSet.totalWords.contains(name.withoutBlanksAround().lowercased()))
    }

    @Test func zeroAdoptersAreAllowed() throws {
        let set = try observations("year,adopters\n2000,0\n2001,-0\n")
        #expect(set.series[0].ys == [0, 0])
    }

    @Test func largeInputRoundTrips() throws {
        var text = "series_id,year,adopters\n"
        for row in 0..<3000 {
            text += "\(row % 7),\(2000 + (row / 7) % 500),\(Double(row) * 1.25)\n"
        }
        let set = try observations(text, series: "series_id")
        #expect(set.series.count == 7)
        #expect(set.observationCount == 3000)
        for series in set.series {
            #expect(series.xs == series.xs.sorted())
        }
        #expect(set.series[0].observations[0] == Observation(x: 2000, y: 0, line: 2))
    }
}
