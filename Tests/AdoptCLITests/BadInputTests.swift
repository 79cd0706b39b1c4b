import Foundation
import Testing
import TestSupport

/// A command that must fail cleanly, and how.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    /// Files written into the working directory before the run.
    let files: [String: [UInt8]]
    /// Folders created in the working directory before the run.
    let folders: [String]
    let args: [String]
    let code: Int32
    /// Fragments the one-line message must contain: the file (with `:LINE` where there is a
    /// line), the field or option involved, the offending text.
    let mentions: [String]
    /// Fragments it must not contain (advice that does not apply to this input).
    let absent: [String]

    var testDescription: String { name }

    init(_ name: String, data: String? = BadInput.good, bytes: [UInt8]? = nil, folders: [String] = [],
         _ args: [String], code: Int32, mentions: [String], absent: [String] = []) {
        self.name = name
        var files: [String: [UInt8]] = [:]
        if let bytes { files["data.csv"] = bytes } else if let data { files["data.csv"] = Array(data.utf8) }
        self.files = files
        self.folders = folders
        self.args = args
        self.code = code
        self.mentions = mentions
        self.absent = absent
    }

    /// Five annual rows: the header is line 1, year 2000 line 2, …, year 2004 line 6.
    static let good = "year,adopters\n2000,10\n2001,25\n2002,40\n2003,30\n2004,15\n"

    /// `good` with line `line` (1-based) replaced by `text`.
    static func good(line: Int, _ text: String) -> String {
        var rows = good.split(separator: "\n").map(String.init)
        rows[line - 1] = text
        return rows.joined(separator: "\n") + "\n"
    }

    /// Four quarters of 2000 labelled `2000Q1`…, in column `q`.
    static let quarters = "q,adopters\n2000Q1,1\n2000Q2,3\n2000Q3,4\n2000Q4,6\n"

    /// `adopt fit --data data.csv --x q --y adopters` (on `quarters`) followed by `extra`.
    static func quarterly(_ extra: String...) -> [String] {
        ["fit", "--data", "data.csv", "--x", "q", "--y", "adopters"] + extra
    }

    /// `adopt fit --data data.csv --y adopters` followed by `extra`.
    static func fit(_ extra: String...) -> [String] {
        ["fit", "--data", "data.csv", "--y", "adopters"] + extra
    }
}

/// Four-point series in two groups, for the series-column cases.
private let twoSeries = """
    series,year,adopters
    A,2000,1
    A,2001,2
    B,2000,3
    B,2001,4
    A,2002,5
    B,2002,6
    A,2003,7
    B,2003,8

    """

private let labelled = "quarter,adopters\nQ1 2020,1\nQ2 2020,3\nQ3 2020,6\nQ4 2020,4\nQ1 2021,2\n"

@Suite("adopt fit: bad input fails with one line and the right exit status")
struct BadInputTests {
    static let corpus: [BadInput] = [
        // Files that are not usable tables.
        BadInput("empty file", data: "", BadInput.fit(), code: 65, mentions: ["data.csv"]),
        BadInput("header only", data: "year,adopters\n", BadInput.fit(), code: 65, mentions: ["data.csv"]),
        BadInput("comments and blank lines only", data: "# nothing here\n\n", BadInput.fit(), code: 65,
                 mentions: ["data.csv"]),
        BadInput("duplicate column name", data: "year,adopters,year\n2000,1,2\n", BadInput.fit(), code: 65,
                 mentions: ["data.csv:1", "'year'"]),

        // Columns.
        BadInput("missing --y column", ["fit", "--data", "data.csv", "--y", "sales"], code: 65,
                 mentions: ["data.csv:1", "'sales'"]),
        BadInput("missing --x column", BadInput.fit("--x", "yr"), code: 65, mentions: ["data.csv:1", "'yr'"]),
        BadInput("a header near the default --x name", data: "yaer,adopters\n2000,1\n2001,2\n2002,4\n", BadInput.fit(), code: 65,
                 mentions: ["data.csv:1", "field 'year'", "did you mean 'yaer'? (give --x yaer)"]),
        BadInput("a --y near a column", ["fit", "--data", "data.csv", "--y", "adopter"], code: 65,
                 mentions: ["field 'adopter'", "did you mean 'adopters'? (give --y adopters)"]),
        // The column near --y's is --x's: giving it to --y would name one column twice.
        BadInput("a --y near the --x column", ["fit", "--data", "data.csv", "--y", "yaer"], code: 65,
                 mentions: ["field 'yaer'", "did you mean 'year'?"], absent: ["(give"]),
        BadInput("no --y, and no column by the default --x name", data: "x,y\n1,2\n2,3\n3,5\n",
                 ["fit", "--data", "data.csv"], code: 65, mentions: ["data.csv:1", "'year'", "'x'"]),
        BadInput("--x and --y the same column", BadInput.fit("--x", "adopters"), code: 64, mentions: ["--x", "--y", "'adopters'"]),
        BadInput("an empty --y", ["fit", "--data", "data.csv", "--y", ""], code: 64, mentions: ["--y", "unnamed column"]),
        BadInput("--series the --x column", BadInput.fit("--series", "year"), code: 64, mentions: ["--series", "'year'"]),
        BadInput("no --y and two candidate columns", data: "year,adopters,price\n2000,1,2\n2001,2,2\n2002,3,2\n",
                 ["fit", "--data", "data.csv"], code: 64, mentions: ["data.csv: give --y", "'adopters'", "'price'"]),
        BadInput("periods in a column not called year, no --x", data: "date,sales\n2000,1\n2001,2\n2002,3\n",
                 ["fit", "--data", "data.csv", "--y", "sales"], code: 65,
                 mentions: ["data.csv:1", "'year'", "'date'", "--x names the column of the periods"]),

        // Cells.
        BadInput("non-numeric cell", data: BadInput.good(line: 4, "2002,abc"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'adopters'", "'abc'"]),
        // The input is hashed on the calling thread with --threads, after reading: a file that fails to
        // read is never hashed.
        BadInput("non-numeric cell, --threads 1", data: BadInput.good(line: 4, "2002,abc"), BadInput.fit("--threads", "1"),
                 code: 65, mentions: ["data.csv:4", "'adopters'", "'abc'"]),
        BadInput("missing --x column, --threads 2", BadInput.fit("--threads", "2", "--x", "when"), code: 65,
                 mentions: ["data.csv:1", "'when'"]),
        BadInput("empty cell", data: BadInput.good(line: 4, "2002,"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'adopters'"]),
        BadInput("NaN", data: BadInput.good(line: 4, "2002,NaN"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'adopters'", "'NaN'"]),
        BadInput("inf", data: BadInput.good(line: 5, "2003,inf"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:5", "'adopters'", "'inf'"]),
        BadInput("-Infinity", data: BadInput.good(line: 3, "2001,-Infinity"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:3", "'adopters'", "'-Infinity'"]),
        BadInput("1e999 overflow", data: BadInput.good(line: 6, "2004,1e999"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:6", "'adopters'", "'1e999'"]),
        BadInput("1e-400 reads as 0", data: BadInput.good(line: 4, "2002,1e-400"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'adopters'", "'1e-400' is too small for a double"]),
        BadInput("too small to fit", data: BadInput.good(line: 5, "2003,3e-150"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:5", "'adopters'", "'3e-150' is too small to fit", "1e-100 to 1e100"]),
        BadInput("too large to fit", data: BadInput.good(line: 3, "2001,2e101"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:3", "'adopters'", "'2e101' is too large to fit"]),
        BadInput("negative adopters", data: BadInput.good(line: 4, "2002,-3"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'adopters'", "'-3'"]),
        BadInput("thousands separator", data: BadInput.good(line: 4, "2002,\"1,000\""), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'adopters'", "'1,000'"]),
        BadInput("word among numeric years", data: BadInput.good(line: 4, "20x2,40"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'year'", "'20x2'"]),
        BadInput("NaN year", data: BadInput.good(line: 3, "nan,25"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:3", "'year'"]),

        // Series.
        BadInput("duplicate year", data: BadInput.good(line: 5, "2002,30"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:5", "'year'", "'2002'", "line 4"]),
        BadInput("a quote left open, closed by the next line's", data: "year,adopters,note\n2000,1,\"a\n2001,2,\"b\"\n",
                 BadInput.fit(), code: 65,
                 mentions: ["data.csv:3", "'note'", "the field's quote opened on line 2: is a closing quote missing there?"]),
        BadInput("several series fitted with neither --y nor --series", data: twoSeries, ["fit", "--data", "data.csv"], code: 64,
                 mentions: ["data.csv: give --y adopters --series series: 'adopters' holds the numbers, and 'series' names the series whose periods ('year') repeat"]),
        BadInput("a column of numbers named with a dash, beside the series", data: "year,-n,series\n2000,1,A\n2001,2,A\n2000,3,B\n2001,4,B\n",
                 ["fit", "--data", "data.csv"], code: 64, mentions: ["give --y=-n --series series"]),
        // Quarters beside the year, or a note on one series' rows: the periods repeat, but no series is named.
        BadInput("quarters beside the year, fitted without --y", data: "year,quarter,adopters\n2000,Q1,1\n2000,Q2,2\n2001,Q1,4\n",
                 ["fit", "--data", "data.csv"], code: 64, mentions: ["data.csv: give --y: the columns are 'year', 'quarter', 'adopters'"],
                 absent: ["--series"]),
        BadInput("a note beside one series, fitted without --y", data: "year,adopters,note\n2000,1,a\n2000,2,b\n2001,3,c\n",
                 ["fit", "--data", "data.csv"], code: 64, mentions: ["data.csv: give --y: the columns are 'year', 'adopters', 'note'"],
                 absent: ["--series"]),
        BadInput("several series fitted without --series", data: twoSeries, BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'year'", "'2000'", "line 2", "column 'series' tells the two rows apart",
                            "give --series series"]),
        BadInput("several series fitted without --series, a numeric column aside",
                 data: "price,name of product,year,adopters\n9,A,2000,1\n8,A,2001,2\n7,B,2000,3\n", BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "column 'name of product' tells", "give --series 'name of product'"]),
        BadInput("several series fitted without --series, their column named with a leading dash",
                 data: "-s,year,adopters\nA,2000,1\nB,2000,3\n", BadInput.fit(), code: 65,
                 mentions: ["data.csv:3", "column '-s' tells the two rows apart", "give --series=-s"]),
        BadInput("duplicate year within a series", data: twoSeries + "A,2001,9\n",
                 BadInput.fit("--series", "series"), code: 65,
                 mentions: ["data.csv:10", "'year'", "'2001'", "'A'", "line 3"]),
        BadInput("a total series, the sum of the others", data: twoSeries + "Total,2000,4\nTotal,2001,6\nTotal,2002,11\nTotal,2003,15\n",
                 BadInput.fit("--series", "series"), code: 65,
                 mentions: ["data.csv:10", "'series'", "series 'Total' is the sum of the other series", "a total row"]),
        BadInput("empty series name", data: "series,year,adopters\nA,2000,1\n,2001,2\n",
                 BadInput.fit("--series", "series"), code: 65, mentions: ["data.csv:3", "'series'"]),
        BadInput("fewer points than parameters (bass)", data: "year,adopters\n2000,1\n2001,2\n", BadInput.fit(),
                 code: 65, mentions: ["data.csv:3", "'adopters'", "bass"]),
        BadInput("fewer points than parameters (richards)", data: "year,adopters\n2000,1\n2001,2\n2002,4\n",
                 BadInput.fit("--model", "richards"), code: 65, mentions: ["data.csv:4", "richards"]),
        BadInput("fewer points than parameters in one series",
                 data: "series,year,adopters\nA,2000,1\nA,2001,2\nA,2002,3\nB,2000,1\nB,2001,2\n",
                 BadInput.fit("--series", "series"), code: 65, mentions: ["data.csv:6", "'B'"]),
        // Series are checked in parallel; the first short one in input order (B, not C) is reported.
        BadInput("two short series: the first in input order",
                 data: "series,year,adopters\nA,2000,1\nA,2001,2\nB,2000,3\nA,2002,3\nC,2000,1\nB,2001,5\nA,2003,4\n",
                 BadInput.fit("--series", "series"), code: 65,
                 mentions: ["data.csv:7", "series 'B'", "; 1 more series cannot be fitted either: 'C' (line 6)"]),
        BadInput("a series without adopters", data: "year,adopters\n2000,0\n2001,0\n2002,0\n2003,0\n",
                 BadInput.fit(), code: 65, mentions: ["data.csv:2", "'adopters'", "no adopters"]),
        BadInput("a series without adopters before the held-out ones",
                 data: "series,year,adopters\nA,2000,1\nA,2001,2\nA,2002,3\nB,2000,0\nB,2001,0\nB,2002,0\nB,2003,9\nA,2003,4\n",
                 BadInput.fit("--series", "series", "--holdout", "1"), code: 65,
                 mentions: ["data.csv:5", "'B'", "no adopters", "--holdout 1"]),
        BadInput("per-period data in steps of a quarter year", data: "year,adopters\n2024,5\n2024.25,12\n2024.5,30\n2024.75,55\n",
                 BadInput.fit(), code: 65, mentions: ["data.csv:3", "'year'", "2024.25", "whole period"]),
        BadInput("quarter and month labels mixed",
                 data: "period,adopters\n2025-03,9\nQ1 2025,7\n2025-04,4\n2025-05,2\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:3", "'period'", "'Q1 2025' is a quarter", "'2025-03' (line 2) a month", "same kind"]),
        BadInput("quarters with one label that is not a quarter",
                 data: "period,adopters\n2020Q4,9\n2020Q3,7\n2020Q2 (est),4\n2020Q1,2\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:4", "'period'", "'2020Q2 (est)' is not a period like '2020Q4' (line 2)"]),
        BadInput("two-digit years across the century pivot",
                 data: "quarter,adopters\nQ1 '48,1\nQ2 '48,2\nQ3 '48,3\nQ4 '48,4\nQ1 '49,5\nQ2 '49,6\nQ3 '49,7\nQ4 '49,8\nQ1 '50,9\n",
                 ["fit", "--data", "data.csv", "--x", "quarter", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:", "'quarter'", "two-digit years", "four digits"]),
        BadInput("two-digit years across the pivot: the first row past 50 years is named",
                 data: "quarter,adopters\nQ1 '50,1\nQ1 '01,2\nQ2 '01,3\nQ3 '01,4\n",
                 ["fit", "--data", "data.csv", "--x", "quarter", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:3:", "'Q1 '01' (2001) more than 50 years after 'Q1 '50' (line 2, 1950)"]),
        BadInput("days written like months of two-digit years",
                 data: "day,adopters\nMar 15,1\nMar 31,2\nApr 01,4\nApr 20,8\nApr 21,9\n",
                 ["fit", "--data", "data.csv", "--x", "day", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:2", "'day'", "'Mar 15' looks like a date", "number them"]),
        BadInput("a quarterly and a monthly series dated by month",
                 data: "s,period,adopters\nA,2018-01,1\nA,2018-04,2\nA,2018-07,3\nA,2018-10,4\nB,2018-01,1\nB,2018-02,2\nB,2018-03,3\nB,2018-04,4\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters", "--series", "s"], code: 65,
                 mentions: ["data.csv:6", "'period'", "series 'B' has periods every month, and series 'A' every 3 months"]),
        BadInput("yearly series dated by different months",
                 data: "s,period,adopters\nA,2018-01,1\nA,2019-01,2\nA,2020-01,3\nB,2018-07,1\nB,2019-07,2\nB,2020-07,3\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters", "--series", "s"], code: 65,
                 mentions: ["data.csv:5", "'2018-07' does not fall on the 12-month periods"]),
        BadInput("bimonthly dates",
                 data: "period,adopters\n2018-01-01,1\n2018-03-01,2\n2018-05-01,4\n2018-07-01,8\n2018-09-01,9\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:3", "'period'", "a multiple of 2 months apart", "'2018-03-01' is 2 months"]),
        BadInput("quarterly dates with one a month off (3, 3, 4, 2 months apart)",
                 data: "period,adopters\n2007-07-01,1\n2007-10-01,2\n2008-01-01,4\n2008-05-01,8\n2008-07-01,9\n2008-10-01,7\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:5", "'period'", "mostly 3 months apart", "'2008-05-01' is 4 months after the one before"]),
        BadInput("the same as month labels",
                 data: "period,adopters\nJul 2007,1\nOct 2007,2\nJan 2008,4\nMay 2008,8\nJul 2008,9\nOct 2008,7\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:5", "mostly 3 months apart", "'May 2008' is 4 months"]),
        BadInput("yearly dates whose month drifts",
                 data: "period,adopters\n2012-03-15,1\n2013-04-02,2\n2014-03-20,4\n2015-03-28,8\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:3", "'period'", "not whole quarters or years", "13 months"]),
        BadInput("fiscal years newest first, written FY2019",
                 data: "period,adopters\nwave 1,1\nFY2019,2\nFY2018,4\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters", "--model", "exponential"], code: 65,
                 mentions: ["data.csv:2", "'wave 1' is not a period like 'FY2019'"]),
        BadInput("months and two-digit years as plain numbers, newest first",
                 data: "period,adopters\n04/25,7\n03/25,4\n02/25,2\n01/25,1\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:2", "'04/25' looks like a date"]),
        BadInput("numbered labels newest first",
                 data: "period,adopters\nYear 4,7\nYear 3,4\nYear 2,2\nYear 1,1\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:3", "'Year 3' first appears after 'Year 4'", "order of their numbers"]),
        BadInput("months written as YYYYMM numbers across a new year",
                 data: "period,adopters\n202010,1\n202011,2\n202012,4\n202101,8\n202102,9\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:5", "'period'", "YYYYMM", "2020-08"]),
        BadInput("--horizon a number where x holds periods", data: BadInput.quarters, BadInput.quarterly("--horizon", "2005"), code: 64,
                 mentions: ["--horizon 2005", "'q' holds periods", "'2005Q4'"]),
        BadInput("--launch a year where x holds periods", data: BadInput.quarters, BadInput.quarterly("--launch", "1999"), code: 64,
                 mentions: ["--launch 1999", "'q' holds periods", "'1999Q1'"]),
        BadInput("--horizon a number, not a year, where x holds periods", data: BadInput.quarters, BadInput.quarterly("--horizon", "12"), code: 64,
                 mentions: ["--horizon 12", "'q' holds periods", "'2001Q1'"]),
        BadInput("a thousands separator, unquoted", data: BadInput.good(line: 4, "2002,1,000"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "expected 2 fields", "'1,000' reads as a number with thousands separators: write it without them (1000)"]),
        BadInput("--horizon a period of another kind", data: BadInput.quarters, BadInput.quarterly("--horizon", "2005-03"), code: 64,
                 mentions: ["--horizon '2005-03'", "not a period like those of column 'q'", "'2001Q1'"]),
        BadInput("--horizon a quarter that does not exist", data: BadInput.quarters, BadInput.quarterly("--horizon", "2005Q5"), code: 64,
                 mentions: ["--horizon: '2005Q5' names no period: there is no quarter 5"]),
        BadInput("--horizon a month that does not exist", BadInput.fit("--horizon", "2030-13"), code: 64,
                 mentions: ["--horizon: '2030-13' names no period: there is no month 13"]),
        BadInput("--horizon between two periods", BadInput.fit("--horizon", "2006.5"), code: 64,
                 mentions: ["--horizon 2006.5 is not a whole number of periods after the data", "at 2004", "give 2006 or 2007"]),
        BadInput("--horizon a period before the data's end", data: BadInput.quarters, BadInput.quarterly("--horizon", "Q2 2000"), code: 64,
                 mentions: ["--horizon Q2 2000 extends no curve", "at '2000Q4'"]),
        BadInput("--horizon where x holds labels that are no periods",
                 data: "wave,adopters\nwave A,1\nwave B,3\nwave C,4\nwave D,6\n",
                 ["fit", "--data", "data.csv", "--x", "wave", "--y", "adopters", "--horizon", "2005Q1"], code: 64,
                 mentions: ["--horizon", "'wave' holds labels that are no periods", "number the periods"]),
        BadInput("--horizon a period where x holds numbers", BadInput.fit("--horizon", "2010Q1"), code: 64,
                 mentions: ["--horizon '2010Q1' is a period", "holds numbers"]),
        BadInput("a missing-value marker",
                 data: "year,adopters\n1950,1\n1951,NA\n1952,4\n1953,6\n",
                 ["fit", "--data", "data.csv", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:3", "'adopters'", "'NA' is not a number (a missing value: leave its row out)"]),
        BadInput("a thousands separator",
                 data: "year,adopters\n1950,1\n1951,\"1,397\"\n1952,4\n1953,6\n",
                 ["fit", "--data", "data.csv", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:3", "'1,397' is not a number (write it without thousands separators or a decimal comma: 1234567.5)"]),
        BadInput("a value with units",
                 data: "year,adopters\n1950,1\n1951,$1.2M\n1952,4\n1953,6\n",
                 ["fit", "--data", "data.csv", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:3", "without a percent sign, currency or units"]),
        BadInput("a quoted header",
                 data: "\"year,adopters\"\n1950,1\n1951,2\n",
                 ["fit", "--data", "data.csv", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:2", "the header is one quoted field holding commas", "remove the quotes"]),
        BadInput("notes above the header",
                 data: "Source: a survey\nExported 2024\n\nyear,adopters\n1950,1\n1951,2\n",
                 ["fit", "--data", "data.csv", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:4", "the header was taken from line 1 ('Source: a survey')", "start them with #"]),
        BadInput("classic Mac OS line endings",
                 data: "year,adopters\r1950,1\r1951,2\r1952,4\r",
                 ["fit", "--data", "data.csv", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:1", "carriage return alone", "LF or CRLF"]),
        BadInput("a second header line",
                 data: "year,adopters\n1950,1\n1951,2\nyear,adopters\n1952,4\n1953,6\n",
                 ["fit", "--data", "data.csv", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:4", "'year'", "second header line"]),
        BadInput("months written as YYYYMM numbers within one year, where a horizon would cross it",
                 data: "month,adopters\n202001,1\n202002,2\n202003,4\n202004,8\n202005,9\n202006,12\n",
                 ["fit", "--data", "data.csv", "--x", "month", "--y", "adopters", "--horizon", "202103"], code: 65,
                 mentions: ["data.csv:7", "'month'", "YYYYMM (202001, …, 202006)", "a new year would break", "2020-08"]),
        BadInput("quarters written as YYYYQ numbers within one year",
                 data: "period,adopters\n20201,1\n20202,3\n20203,4\n20204,8\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters", "--cumulative"], code: 65,
                 mentions: ["data.csv:5", "'period'", "YYYYQ (20201, …, 20204)", "a new year would break", "2019Q1"]),
        BadInput("quarters written as YYYYQ numbers across a new year",
                 data: "period,adopters\n20193,1\n20194,2\n20201,4\n20202,8\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters", "--cumulative"], code: 65,
                 mentions: ["data.csv:4", "'period'", "YYYYQ", "2019Q1"]),
        BadInput("Excel date serials as x",
                 data: "date,adopters\n43466,10\n43831,30\n44197,70\n44562,90\n",
                 ["fit", "--data", "data.csv", "--x", "date", "--y", "adopters", "--cumulative"], code: 65,
                 mentions: ["data.csv:3", "'date'", "day numbers", "43466 is 2019-01-01", "365 periods apart"]),
        BadInput("US dates newest first",
                 data: "date,adopters\n12/1/2024,9\n11/1/2024,8\n10/1/2024,4\n9/1/2024,2\n",
                 ["fit", "--data", "data.csv", "--x", "date", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:2", "'date'", "'12/1/2024' looks like a date"]),
        BadInput("months without their leading zero",
                 data: "month,adopters\n2024-10,9\n2024-11,8\n2024-12,4\n2024-9,2\n",
                 ["fit", "--data", "data.csv", "--x", "month", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:5", "'2024-9' is not a period like '2024-10'", "two digits"]),
        BadInput("a month that does not exist among months",
                 data: "month,adopters\n2024-10,9\n2024-11,8\n2024-12,4\n2024-13,2\n",
                 ["fit", "--data", "data.csv", "--x", "month", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:5", "'month'", "'2024-13' names no period: there is no month 13"]),
        BadInput("a season spanning two years among seasons",
                 data: "season,adopters\n2010-11,10\n2011-12,25\n2012-13,40\n2013-14,30\n2015-17,12\n",
                 ["fit", "--data", "data.csv", "--x", "season"], code: 65,
                 mentions: ["data.csv:6", "'2015-17' is not a period like '2010-11' (line 2), a season", "2015-16"]),
        BadInput("plain labels a later series lists in another order",
                 data: "series,wave,adopters\nA,first,1\nA,second,2\nA,third,3\nB,third,1\nB,first,2\nB,second,3\n",
                 ["fit", "--data", "data.csv", "--x", "wave", "--y", "adopters", "--series", "series", "--model", "exponential"],
                 code: 65, mentions: ["data.csv:6", "'wave'", "'first' comes after 'third' (line 5) in series 'B'", "first appearance"]),
        BadInput("two days of one month", data: "period,adopters\n2025-03-02,2\n2025-03-09,3\n2025-03-16,4\n2025-03-23,5\n",
                 ["fit", "--data", "data.csv", "--x", "period", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:3", "'2025-03-09' names the same period as '2025-03-02' (line 2)", "its month"]),
        BadInput("two labels naming the same quarter", data: "quarter,adopters\n2025Q1,2\nQ1 2025,3\n2025Q2,4\n2025Q3,5\n",
                 ["fit", "--data", "data.csv", "--x", "quarter", "--y", "adopters"], code: 65,
                 mentions: ["data.csv:3", "'quarter'", "'Q1 2025' names the same period as '2025Q1' (line 2)"]),
        BadInput("running totals in steps of a quarter year", data: "year,adopters\n2024,5\n2024.25,12\n2024.5,30\n2024.75,55\n",
                 BadInput.fit("--cumulative"), code: 65, mentions: ["data.csv:3", "'year'", "2024.25", "running total", "2024Q1"]),
        BadInput("--cumulative values that fall", BadInput.fit("--cumulative"), code: 65,
                 mentions: ["data.csv:5", "'adopters'", "line 4", "--cumulative"]),
        BadInput("observation before --launch", BadInput.fit("--launch", "2001"), code: 65,
                 mentions: ["data.csv:2", "'year'", "2001"]),

        // CSV syntax.
        BadInput("ragged row (extra field)", data: BadInput.good(line: 3, "2001,25,7"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:3", "found 3"]),
        BadInput("ragged row (missing field)", data: BadInput.good(line: 5, "2003"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:5", "found 1"]),
        BadInput("unterminated quote", data: "year,adopters\n2000,10\n2001,\"25\n2002,40\n", BadInput.fit(),
                 code: 65, mentions: ["data.csv:3", "'adopters'", "line 3"]),
        BadInput("quote inside an unquoted field", data: BadInput.good(line: 3, "2001,2\"5"), BadInput.fit(),
                 code: 65, mentions: ["data.csv:3", "'adopters'"]),
        BadInput("bare carriage return", data: "year,adopters\n2000,10\n2001,25\r2002,40\n", BadInput.fit(),
                 code: 65, mentions: ["data.csv:3"]),
        BadInput("invalid UTF-8 in a cell", bytes: Array("year,adopters\n2000,10\n2001,".utf8) + [0xFF] + Array("\n".utf8),
                 BadInput.fit(), code: 65, mentions: ["data.csv:3", "'adopters'", "0xFF"]),
        BadInput("invalid UTF-8 in a comment",
                 bytes: Array("# caf".utf8) + [0xE9] + Array("\nyear,adopters\n2000,10\n".utf8),
                 BadInput.fit(), code: 65, mentions: ["data.csv:1", "0xE9"]),
        BadInput("UTF-16 with its byte order mark",
                 bytes: [0xFF, 0xFE] + "year,adopters\n2000,10\n2001,25\n2002,40\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                 BadInput.fit(), code: 65, mentions: ["data.csv:1", "UTF-16", "0xFF 0xFE", "UTF-8"]),
        BadInput("UTF-16 without a byte order mark",
                 bytes: "year,adopters\n2000,10\n2001,25\n2002,40\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                 BadInput.fit(), code: 65, mentions: ["data.csv:1", "NUL", "UTF-8"]),
        BadInput("a file separated by semicolons", data: "year;adopters\n2000;10\n2001;25\n2002;40\n", BadInput.fit(),
                 code: 65, mentions: ["data.csv:1", "'year'", "semicolons", "comma-separated"]),
        BadInput("semicolons with decimal commas", data: "year;adopters\n2000;1,5\n2001;2,5\n2002;4\n", BadInput.fit(),
                 code: 65, mentions: ["data.csv:2", "expected 1 field", "semicolons", "decimal"]),
        BadInput("a file separated by tabs", data: "year\tadopters\n2000\t10\n2001\t25\n2002\t40\n", BadInput.fit(),
                 code: 65, mentions: ["data.csv:1", "tabs"]),

        // Inputs that are not there.
        BadInput("missing file", data: nil, ["fit", "--data", "missing.csv", "--y", "adopters"], code: 66,
                 mentions: ["missing.csv"]),
        BadInput("--data is a folder", data: nil, folders: ["folder.csv"],
                 ["fit", "--data", "folder.csv", "--y", "adopters"], code: 66, mentions: ["folder.csv"]),

        // Options.
        BadInput("unknown model", BadInput.fit("--model", "gamma"), code: 64, mentions: ["--model", "'gamma'", "bass"]),
        BadInput("unknown format", BadInput.fit("--format", "xml"), code: 64, mentions: ["--format", "'xml'", "json"]),
        BadInput("a model misspelt", BadInput.fit("--model", "Bass"), code: 64,
                 mentions: ["--model 'Bass' is not one of 'bass', 'logistic', 'gompertz', 'richards', 'exponential' or 'auto': did you mean 'bass'?"]),
        BadInput("a format misspelt, given with =", BadInput.fit("--format=jsn"), code: 64,
                 mentions: ["--format 'jsn' is not one of 'md', 'csv' or 'json': did you mean 'json'?"]),
        BadInput("a file of the periods alone", data: "year\n2010\n2011\n2012\n", ["fit", "--data", "data.csv"], code: 65,
                 mentions: ["data.csv:1: the header names one column, 'year' (the periods, --x): the file has no column of adopters"]),
        BadInput("one series a column, fitted without --y", data: "year,DE,FR,IT\n2010,5,3,1\n2011,9,6,2\n2012,14,8,4\n",
                 ["fit", "--data", "data.csv"], code: 64,
                 mentions: ["data.csv: give --y: the columns are 'year', 'DE', 'FR', 'IT'; 'DE', 'FR' and 'IT' hold numbers for the same periods, "
                            + "one series a column: give --y DE to fit one, or write the file long, one row per series and period "
                            + "(series,year,adopters), and give --series to fit them all"]),
        BadInput("one series a column, one starting later (empty cells before it), fitted without --y",
                 data: "year,DE,FR,IT\n2010,5,,1\n2011,9,6,2\n2012,14,8,4\n", ["fit", "--data", "data.csv"], code: 64,
                 mentions: ["data.csv: give --y: the columns are 'year', 'DE', 'FR', 'IT'; 'DE', 'FR' and 'IT' hold numbers for the periods, "
                            + "one series a column, some with empty cells (a series that starts or stops in other periods): give --y DE to "
                            + "fit one, or write the file long, one row per series and period it has (series,year,adopters), and give "
                            + "--series to fit them all"]),
        BadInput("one series a column, the one asked for starting later", data: "year,DE,FR\n2010,5,\n2011,9,6\n2012,14,8\n",
                 ["fit", "--data", "data.csv", "--y", "FR"], code: 65,
                 mentions: ["data.csv:2: field 'FR': empty cell; expected a number (a missing value: leave its row out); if the file holds "
                            + "one series a column, and this one starts or stops in other periods, write the file long, one row per series "
                            + "and period it has (series,year,adopters), and give --series"]),
        BadInput("an option value holding a line break, given twice", BadInput.fit("--model", "a\nb", "--model", "bass"), code: 64,
                 mentions: ["--model is given twice ('a\\nb', then 'bass'); give it once"]),
        BadInput("a fixed value's name holding a line break", BadInput.fit("--fix", "m\n=5"), code: 64,
                 mentions: ["--fix: 'm\\n' is no parameter of bass (m, p, q)"]),
        BadInput("an estimator in capitals", BadInput.fit("--covariance", "HC3"), code: 64,
                 mentions: ["--covariance 'HC3' is not one of 'classical', 'hc0', 'hc1', 'hc2' or 'hc3': did you mean 'hc3'?"]),
        BadInput("an error model misspelt", BadInput.fit("--errors=proportionnal"), code: 64,
                 mentions: ["--errors 'proportionnal' is not one of 'constant' or 'proportional': did you mean 'proportional'?"]),
        BadInput("a count of periods given as the horizon", data: "year,adopters\n2010,5\n2011,9\n2012,14\n2013,20\n",
                 ["fit", "--data", "data.csv", "--horizon", "5"], code: 64,
                 mentions: ["--horizon 5 extends no curve: the last observation is at 2013; to extend each curve 5 periods past its data, "
                            + "give --horizon +5"]),
        BadInput("a format by another name", BadInput.fit("--format", "markdown"), code: 64,
                 mentions: ["--format 'markdown' is not one of 'md', 'csv' or 'json': did you mean 'md'?"]),
        BadInput("a model by another name", BadInput.fit("--model", "all"), code: 64, mentions: ["did you mean 'auto'?"]),
        BadInput("a table misspelt", BadInput.fit("--table", "curves", "--format", "csv"), code: 64,
                 mentions: ["--table 'curves' is not one of 'parameters' or 'curve': did you mean 'curve'?"]),
        BadInput("unknown option", BadInput.fit("--bogus"), code: 64, mentions: ["--bogus"]),
        BadInput("--data not given", ["fit", "--y", "adopters"], code: 64, mentions: ["--data"]),
        BadInput("--horizon not a number", BadInput.fit("--horizon", "soon"), code: 64, mentions: ["--horizon", "'soon'"]),
        BadInput("--horizon infinite", BadInput.fit("--horizon", "inf"), code: 64, mentions: ["--horizon"]),
        BadInput("--horizon NaN", BadInput.fit("--horizon", "nan"), code: 64, mentions: ["--horizon"]),
        BadInput("a year in a formula where the predictor is x", BadInput.fit("--formula", "a*year", "--start", "a=1"), code: 64,
                 mentions: ["--formula", "parameter 'year' has no start value", "column 'year', as x"]),
        BadInput("--launch NaN", BadInput.fit("--launch", "nan"), code: 64, mentions: ["--launch"]),
        // Double's own parser reads these as 1952 and 0.5.
        BadInput("--launch hexadecimal", BadInput.fit("--launch", "0x7A0"), code: 64, mentions: ["--launch", "'0x7A0'", "decimal number"]),
        BadInput("--level hexadecimal", BadInput.fit("--level", "0x1p-1"), code: 64, mentions: ["--level", "'0x1p-1'", "decimal number"]),
        BadInput("--level not a number", BadInput.fit("--level", "abc"), code: 64,
                 mentions: ["--level", "'abc' is not a decimal number; give a decimal number, such as 0.95 or 0.8"]),
        BadInput("--threads 0", BadInput.fit("--threads", "0"), code: 64, mentions: ["--threads", "at least 1", "not 0"]),
        BadInput("--threads -2", BadInput.fit("--threads", "-2"), code: 64, mentions: ["--threads", "at least 1", "not -2"]),
        BadInput("--threads not a number", BadInput.fit("--threads", "all"), code: 64, mentions: ["--threads", "'all'"]),
        BadInput("the adopters column unnamed in the header", data: "year,\n2000,10\n2001,25\n2002,40\n2003,30\n",
                 ["fit", "--data", "data.csv"], code: 65, mentions: ["data.csv:1", "column 2 has no name", "name it"]),
        BadInput("--launch far before the data", BadInput.fit("--launch", "-1e300"), code: 64,
                 mentions: ["--launch -1e300", "1000 periods before the data (2000)"]),
        BadInput("--horizon before the data's end", BadInput.fit("--horizon", "2004"), code: 64,
                 mentions: ["--horizon 2004", "at 2004"]),
        BadInput("--horizon short of the next period", BadInput.fit("--horizon", "2004.5"), code: 64,
                 mentions: ["--horizon 2004.5", "at 2004"]),
        BadInput("--horizon with the CSV of parameters", BadInput.fit("--horizon", "2010", "--format", "csv"), code: 64,
                 mentions: ["--horizon", "CSV", "--table curve"]),
        BadInput("--table with Markdown", BadInput.fit("--table", "curve"), code: 64, mentions: ["--table curve", "--format csv"]),
        BadInput("--launch a number where x holds periods", data: labelled,
                 ["fit", "--data", "data.csv", "--x", "quarter", "--y", "adopters", "--launch", "3"], code: 64,
                 mentions: ["--launch 3", "'quarter' holds periods"]),
        BadInput("--launch a period after a series' first", data: labelled,
                 ["fit", "--data", "data.csv", "--x", "quarter", "--y", "adopters", "--launch", "2050Q1"], code: 65,
                 mentions: ["data.csv:2", "at 'Q1 2020', before the launch 'Q1 2050'"]),
        // Two-digit years read as 1950–2049: the message says which year each label is.
        BadInput("--launch a two-digit year read a century on",
                 data: "q,adopters\nQ1 '50,1\nQ2 '50,3\nQ3 '50,6\nQ4 '50,4\nQ1 '51,2\n",
                 ["fit", "--data", "data.csv", "--x", "q", "--y", "adopters", "--launch", "Q4 '49"], code: 65,
                 mentions: ["at 'Q1 '50' (1950), before the launch 'Q4 '49' (2049)"]),
        BadInput("--launch within a series' first period", data: "year,adopters\n2000,3\n2001,8\n2002,15\n2003,11\n",
                 ["fit", "--data", "data.csv", "--launch", "2000.5"], code: 65,
                 mentions: ["data.csv:2", "at 2000, before the launch 2000.5 (within that period: a launch is at or before the start of "
                            + "the period it counts from, here 2000)"]),
        BadInput("--launch within the first period after zeros", data: "year,adopters\n2000,0\n2001,0\n2002,10\n2003,18\n2004,12\n",
                 ["fit", "--data", "data.csv", "--launch", "2002.5"], code: 65,
                 mentions: ["data.csv:4", "at 2002, before the launch 2002.5 (within that period: a launch is at or before the start of "
                            + "the period it counts from, here 2002)"]),
        BadInput("--launch a period where x holds numbers", BadInput.fit("--launch", "1999Q1"), code: 64,
                 mentions: ["--launch '1999Q1' is a period", "holds numbers"]),
        BadInput("--horizon with label x", data: labelled,
                 ["fit", "--data", "data.csv", "--x", "quarter", "--y", "adopters", "--horizon", "8"], code: 64,
                 mentions: ["--horizon", "'quarter'"]),

        // Formulas.
        BadInput("formula that does not parse", BadInput.fit("--formula", "b1*(1-exp(-b2*x)", "--start", "b1=1,b2=1"),
                 code: 64, mentions: ["--formula", "column 17"]),
        BadInput("formula with a dangling operator", BadInput.fit("--formula", "b1*x +", "--start", "b1=1"),
                 code: 64, mentions: ["--formula", "column 7"]),
        BadInput("formula with an unknown function", BadInput.fit("--formula", "b1*foo(b2*x)", "--start", "b1=1,b2=1"),
                 code: 64, mentions: ["--formula", "'foo'", "column 4"]),
        BadInput("formula parameter without a start", BadInput.fit("--formula", "b1*exp(b2*x)", "--start", "b1=1"),
                 code: 64, mentions: ["--formula", "'b2'"]),
        BadInput("--start for a name the formula does not use",
                 BadInput.fit("--formula", "b1*exp(b2*x)", "--start", "b1=1,b2=1,b3=2"), code: 64,
                 mentions: ["'b3'"]),
        BadInput("--start without --formula", BadInput.fit("--start", "b1=1"), code: 64, mentions: ["--start"]),
        BadInput("--formula without --start", BadInput.fit("--formula", "b1*x"), code: 64, mentions: ["--start"]),
        BadInput("malformed --start", BadInput.fit("--formula", "b1*exp(b2*x)", "--start", "b1=1,b2"), code: 64,
                 mentions: ["--start", "'b2'"]),
        BadInput("--start value not a number", BadInput.fit("--formula", "b1*exp(b2*x)", "--start", "b1=1,b2=abc"),
                 code: 64, mentions: ["--start", "'abc'"]),
        BadInput("--start value not finite", BadInput.fit("--formula", "b1*exp(b2*x)", "--start", "b1=1,b2=inf"),
                 code: 64, mentions: ["--start", "'inf'"]),
        BadInput("--start value in hexadecimal", BadInput.fit("--formula", "b1*exp(b2*(x-c))", "--start", "b1=1,b2=1,c=0x7D4"),
                 code: 64, mentions: ["--start", "'0x7D4'", "decimal"]),
        BadInput("--start name given twice", BadInput.fit("--formula", "b1*x", "--start", "b1=1,b1=2"), code: 64,
                 mentions: ["--start", "'b1'"]),
        BadInput("--start name given twice over two options",
                 BadInput.fit("--formula", "b1*x", "--start", "b1=1", "--start", "b1=2"), code: 64, mentions: ["--start", "'b1'"]),
        BadInput("--cumulative with --formula",
                 BadInput.fit("--formula", "b1*x", "--start", "b1=1", "--cumulative"), code: 64,
                 mentions: ["--cumulative"]),
        BadInput("--model with --formula", BadInput.fit("--formula", "b1*x", "--start", "b1=1", "--model", "logistic"),
                 code: 64, mentions: ["--model logistic", "--formula"]),
        BadInput("--launch with --formula", BadInput.fit("--formula", "b1*x", "--start", "b1=1", "--launch", "2000"),
                 code: 64, mentions: ["--launch"]),

        // Spreadsheet and statistics-office exports.
        BadInput("a series named '#…' written without quotes reads as a comment",
                 data: "product,year,adopters\n#1 Phone,2000,10\n#1 Phone,2001,25\nB,2000,10\nB,2001,25\nB,2002,40\n",
                 BadInput.fit("--series", "product"), code: 65,
                 mentions: ["data.csv:2", "'product'", "'#1 Phone'", "year 2000", "adopters 10", "double quotes"]),
        BadInput("a series named '#…' without quotes, with labelled x",
                 data: "plant,quarter,units\nA,2019Q1,10\nA,2019Q2,20\nA,2019Q3,35\nA,2019Q4,45\n#2 Paris,2018Q3,10\n#2 Paris,2018Q4,20\n",
                 ["fit", "--data", "data.csv", "--x", "quarter", "--series", "plant"], code: 65,
                 mentions: ["data.csv:6", "'plant'", "'#2 Paris'", "quarter 2018Q3", "double quotes"]),
        BadInput("every row of the file in a series named '#…'",
                 data: "product,year,adopters\n#1 Phone,2000,10\n#1 Phone,2001,25\n#1 Phone,2002,40\n",
                 BadInput.fit("--series", "product"), code: 65, mentions: ["data.csv:2", "'#1 Phone'", "double quotes"]),
        BadInput("an invisible character in a header name", data: "year,adopters\u{200B}\n2000,10\n2001,25\n2002,40\n2003,30\n",
                 BadInput.fit(), code: 65, mentions: ["data.csv:1", "'adopters'", "'adopters\\u{200b}'", "invisible character"]),
        BadInput("a no-break space between the words of a header name", data: "year,unit\u{00A0}sales\n2000,10\n2001,25\n2002,40\n",
                 ["fit", "--data", "data.csv", "--y", "unit sales"], code: 65,
                 mentions: ["data.csv:1", "'unit\\u{a0}sales'", "invisible character", "replace it with a plain space"]),
        BadInput("a spreadsheet error value starts a row", data: BadInput.good(line: 4, "#REF!,40"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'year'", "'#REF!'", "spreadsheet error"]),
        BadInput("a trailing no-break space", data: BadInput.good(line: 4, "2002,40\u{00A0}"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'adopters'", "'40\\u{a0}'", "invisible character"]),
        BadInput("a zero-width space", data: BadInput.good(line: 4, "2002,\u{200B}40"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:4", "'\\u{200b}40'", "invisible character"]),
        BadInput("two files joined, each with its byte order mark",
                 data: "\u{FEFF}" + BadInput.good + "\u{FEFF}" + BadInput.good, BadInput.fit(), code: 65,
                 mentions: ["data.csv:7", "'\\u{feff}year'", "second header"]),
        BadInput("Excel's separator line naming semicolons", data: "sep=;\r\nyear;adopters\r\n2000;10\r\n", BadInput.fit(),
                 code: 65, mentions: ["data.csv:1", "sep=", "';'"]),
        BadInput("a note below the data", data: BadInput.good + "Source: statistics office\n\n", BadInput.fit(), code: 65,
                 mentions: ["data.csv:7", "last line", "start it with #"]),
        BadInput("a DOS end-of-file mark", data: BadInput.good + "\u{1A}", BadInput.fit(), code: 65,
                 mentions: ["data.csv:7", "Ctrl-Z"]),
        BadInput("a DOS end-of-file mark after the last value", data: "year,adopters\n2000,10\n2001,25\n2002,40\n2003,30\u{1A}",
                 BadInput.fit(), code: 65, mentions: ["data.csv:5", "Ctrl-Z"]),
        BadInput("a DOS end-of-file mark after a series name ending the last row",
                 data: "year,adopters,product\n2000,10,A\n2001,25,A\n2002,40,A\n2003,30,A\u{1A}",
                 BadInput.fit("--series", "product"), code: 65, mentions: ["data.csv:5", "Ctrl-Z", "0x1A"]),
        BadInput("a DOS end-of-file mark after a quoted last value",
                 data: "year,adopters\n2000,10\n2001,25\n2002,40\n2003,\"30\"\u{1A}\r\n",
                 BadInput.fit(), code: 65, mentions: ["data.csv:5", "'adopters'", "Ctrl-Z"]),
        BadInput("a DOS end-of-file mark after a quarter label",
                 data: "quarter,adopters\n2000Q1,10\n2000Q2,25\n2000Q3,40\n2000Q4,30\u{1A}\n",
                 ["fit", "--data", "data.csv", "--x", "quarter"], code: 65, mentions: ["data.csv:5", "Ctrl-Z"]),
        BadInput("a wide file, one column per year", data: "series,2000,2001,2002,2003\nA,10,25,40,30\n",
                 BadInput.fit("--series", "series"), code: 65, mentions: ["data.csv:1", "'year'", "wide", "'2000'", "reshape"]),
        BadInput("Excel date serials of the 1950s", data: "date,adopters\n17899,96\n18264,195\n18629,400\n18994,700\n",
                 ["fit", "--data", "data.csv", "--x", "date"], code: 65, mentions: ["data.csv:3", "'date'", "date serials"]),
        BadInput("Excel date serials a week apart", data: "week,adopters\n43466,96\n43473,195\n43480,400\n43487,700\n",
                 ["fit", "--data", "data.csv", "--x", "week"], code: 65, mentions: ["data.csv:3", "'week'", "date serials"]),
        BadInput("a year typed with a digit too many", data: BadInput.good(line: 6, "20040,15"), BadInput.fit(), code: 65,
                 mentions: ["data.csv:6", "'year'", "2003 (line 5) to 20040", "typing slip"]),
        BadInput("the earliest year typed with a digit wrong", data: BadInput.good(line: 2, "2000,10\n1001,4"),
                 BadInput.fit(), code: 65, mentions: ["data.csv:3", "'year'", "1001 (line 3) to 2000 (line 2)", "typing slip"]),
        BadInput("the months of one year written MM.YYYY, which step by whole numbers",
                 data: "month,adopters\n01.2021,56.5\n02.2021,71.3\n03.2021,90\n04.2021,101\n05.2021,99\n",
                 ["fit", "--data", "data.csv", "--x", "month"], code: 65,
                 mentions: ["data.csv:2", "'month'", "x from 1.2021 to 5.2021, which read like months written MM.YYYY", "2021-01"]),
        BadInput("--horizon a whole number of periods after decimal x", data: "t,adopters\n0.1,5\n1.1,12\n2.1,30\n3.1,41\n4.1,30\n",
                 ["fit", "--data", "data.csv", "--x", "t", "--horizon", "20.15"], code: 64,
                 mentions: ["--horizon 20.15 is not a whole number of periods after the data", "give 20.1 or 21.1"]),
        BadInput("months and years written MM.YYYY", data: "month,adopters\n10.1990,96\n11.1990,195\n12.1990,400\n01.1991,700\n",
                 ["fit", "--data", "data.csv", "--x", "month"], code: 65, mentions: ["data.csv", "'month'", "MM.YYYY", "1990-11"]),
        BadInput("--series takes the only adopters column", ["fit", "--data", "data.csv", "--series", "adopters"], code: 64,
                 mentions: ["--y", "--series", "'adopters'"]),

        // Options given twice (ArgumentParser would keep the last).
        BadInput("--x given twice (a slip for --y)", BadInput.fit("--x", "year", "--x", "adopters"), code: 64,
                 mentions: ["--x", "twice", "'year', then 'adopters'"]),
        BadInput("an unknown option given twice", BadInput.fit("--bogus", "1", "--bogus", "2"), code: 64,
                 mentions: ["--bogus", "nknown"]),
        BadInput("--data given twice", BadInput.fit("--data=other.csv"), code: 64, mentions: ["--data", "twice", "'other.csv'"]),
        BadInput("a flag given twice", BadInput.fit("--cumulative", "--cumulative"), code: 64, mentions: ["--cumulative", "twice"]),

        // Output.
        BadInput("--output into a missing folder", BadInput.fit("--output", "nowhere/report.md"), code: 73,
                 mentions: ["nowhere/report.md"]),
        BadInput("--output empty", BadInput.fit("--output", ""), code: 64, mentions: ["--output"]),
        BadInput("--data empty", ["fit", "--data", "", "--y", "adopters"], code: 64, mentions: ["--data needs a file name"]),
        BadInput("--output a folder", folders: ["reports"], BadInput.fit("--output", "reports"), code: 73,
                 mentions: ["reports", "is a directory"]),
        BadInput("--output the data file", BadInput.fit("--output", "data.csv"), code: 73,
                 mentions: ["data.csv", "input file"]),
        BadInput("--output the data file by another name", BadInput.fit("--output", "./data.csv"), code: 73,
                 mentions: ["./data.csv", "input file 'data.csv'"]),
    ]

    @Test("fails with its exit status, one line on stderr naming the place, nothing on stdout, no files left",
          arguments: corpus)
    func failsCleanly(_ input: BadInput) throws {
        try withTemporaryDirectory { dir in
            for (name, bytes) in input.files { try write(bytes, to: name, in: dir) }
            for folder in input.folders {
                try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder),
                                                        withIntermediateDirectories: false)
            }
            let before = listing(dir)
            // Every one of these fails at once; a run still going after 10 s is looping.
            let run = try runAdopt(input.args, in: dir, timeout: 10)

            #expect(run.status == input.code, "stderr: \(run.stderr)")
            #expect(run.stdout.isEmpty, "stdout: \(run.stdout)")
            let errorLines = lines(run.stderr)
            #expect(errorLines.count == 1, "stderr: \(run.stderr)")
            #expect(run.stderr.hasSuffix("\n"))
            let message = String(errorLines.first ?? "")
            #expect(message.hasPrefix("adopt: "))
            for fragment in input.mentions {
                #expect(message.contains(fragment), "'\(message)' does not mention \(fragment)")
            }
            for fragment in input.absent {
                #expect(!message.contains(fragment), "'\(message)' mentions \(fragment)")
            }
            #expect(listing(dir) == before, "the failed run created or removed files")
        }
    }

    /// Hints that would mislead are not given: a quarter beside the year is no series, a file separated
    /// by semicolons is told so without the --x hint, a formula that uses x has its parameters named alone,
    /// and a year that --horizon could not take is not suggested.
    @Test("no hint where it would mislead", arguments: [
        ("year,quarter,adopters\n2000,Q1,1\n2000,Q2,3\n2001,Q1,4\n", ["fit", "--data", "data.csv", "--y", "adopters"], "--series"),
        ("year,month,adopters\n2000,Jan,1\n2000,Feb,3\n2001,Jan,4\n", ["fit", "--data", "data.csv", "--y", "adopters"], "--series"),
        (",year,adopters\nA,2000,1\nB,2000,3\n", ["fit", "--data", "data.csv", "--y", "adopters"], "--series"),
        ("Jahr;V\n2000;1\n", ["fit", "--data", "data.csv", "--y", "V"], "--x names"),
        (BadInput.good, ["fit", "--data", "data.csv", "--y", "adopters", "--x", "year", "--formula", "year*x", "--start", "a=1"], "as x"),
        (BadInput.quarters, BadInput.quarterly("--horizon", "2000"), "2000Q4"),
        (BadInput.quarters, BadInput.quarterly("--horizon", "2999"), "2999Q4"),
        (BadInput.quarters, BadInput.quarterly("--launch", "2001"), "2001Q1"),
    ])
    func noMisleadingHint(_ data: String, _ args: [String], _ absent: String) throws {
        try withTemporaryDirectory { dir in
            try write(data, to: "data.csv", in: dir)
            let run = try runAdopt(args, in: dir, timeout: 10)
            #expect(run.status == 64 || run.status == 65, "stderr: \(run.stderr)")
            #expect(lines(run.stderr).count == 1 && !run.stderr.contains(absent), "stderr: \(run.stderr)")
        }
    }

    @Test("a horizon far beyond the data ends promptly: a report or a one-line usage error, never a hang",
          arguments: ["1e12", "1e300"])
    func farHorizon(_ horizon: String) throws {
        try withTemporaryDirectory { dir in
            try write(BadInput.good, to: "data.csv", in: dir)
            let run = try runAdoptRaw(BadInput.fit("--horizon", horizon, "--format", "json"), in: dir, timeout: 10,
                                      memoryLimitKB: 1_000_000)
            #expect(!run.timedOut, "still running after 10 s")
            #expect(run.exitedNormally, "killed by signal \(run.status) (out of memory?)")
            #expect(run.status == 0 || run.status == 64, "status \(run.status)")
            if run.status == 64 {
                #expect(lines(run.stderr).count == 1 && run.stderr.hasPrefix("adopt: ") && run.stderr.contains("--horizon"),
                        "stderr: \(run.stderr)")
                #expect(run.stdoutData.isEmpty)
            }
        }
    }

    @Test func corpusIsBigAndNamesAreUnique() {
        #expect(Self.corpus.count >= 25)
        #expect(Set(Self.corpus.map(\.name)).count == Self.corpus.count)
    }
}
