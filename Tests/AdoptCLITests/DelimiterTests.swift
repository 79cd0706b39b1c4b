import Foundation
import Testing
import TestSupport

@Suite("adopt fit --delimiter and --decimal-comma")
struct DelimiterTests {
    /// Two series of adopters with fractions, as `series,year,adopters` rows.
    static let rows: [(String, Int, Double)] = {
        var rows: [(String, Int, Double)] = []
        for (name, m, p, q) in [("Nord, Ost", 2_500.0, 0.012, 0.41), ("Süd", 12_800.0, 0.004, 0.62)] {
            func F(_ t: Double) -> Double { let e = exp(-(p + q) * t); return (1 - e) / (1 + q / p * e) }
            for k in 0..<14 {
                let wobble = 1 + 0.03 * sin(Double(k) * 1.7 + m)
                rows.append((name, 2010 + k, (m * (F(Double(k + 1)) - F(Double(k))) * wobble * 1000).rounded() / 1000))
            }
        }
        return rows
    }()

    /// The tidy CSV's rows, without the comment lines that name the command and the file's hash.
    static func fit(_ text: String, _ options: [String]) throws -> [Substring] {
        try withTemporaryDirectory { dir in
            _ = try write(text, to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--y", "adopters", "--series", "series", "--format", "csv"] + options,
                                   in: dir)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            return run.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        }
    }

    @Test("a spreadsheet export with semicolons and decimal commas gives the fits of its comma-separated form",
          arguments: [(";", true), ("tab", false), ("|", false)])
    func sameFits(_ delimiter: String, _ decimalComma: Bool) throws {
        let separator = delimiter == "tab" ? "\t" : delimiter
        func number(_ y: Double) -> String {
            let text = String(y)
            guard decimalComma else { return text }
            // 12345.678 → 12.345,678: a decimal comma, dots grouping the thousands.
            let parts = text.split(separator: ".")
            var whole = String(parts[0])
            if whole.count > 3 { whole.insert(".", at: whole.index(whole.endIndex, offsetBy: -3)) }
            return whole + (parts.count > 1 ? "," + parts[1] : "")
        }
        let plain = "series,year,adopters\n" + Self.rows.map { "\"\($0.0)\",\($0.1),\($0.2)" }.joined(separator: "\n") + "\n"
        let exported = "# exported; 2026, by a spreadsheet\n\"series\"\(separator)\"year\"\(separator)\"adopters\"\r\n"
            + Self.rows.map { "\($0.0)\(separator)\($0.1)\(separator)\(number($0.2))" }.joined(separator: "\r\n") + "\r\n"
        let reference = try Self.fit(plain, [])
        let read = try Self.fit(exported, ["--delimiter", delimiter] + (decimalComma ? ["--decimal-comma"] : []))
        #expect(reference.count == 1 + 2 * 3)
        #expect(read == reference)
    }

    @Test("a comma-separated file whose numbers are quoted with decimal commas (\"10,5\") gives, with --decimal-comma alone, the fits of its plain form")
    func quotedDecimalCommas() throws {
        let plain = "series,year,adopters\n" + Self.rows.map { "\"\($0.0)\",\($0.1),\($0.2)" }.joined(separator: "\n") + "\n"
        let quoted = "series,year,adopters\r\n"
            + Self.rows.map { "\"\($0.0)\",\($0.1),\"\(String($0.2).replacingOccurrences(of: ".", with: ","))\"" }.joined(separator: "\r\n") + "\r\n"
        // Values with fractions, written with commas inside their quotes.
        #expect(Self.rows.contains { $0.2 != $0.2.rounded() } && quoted.contains(",5\"") == plain.contains(".5\n"))
        let reference = try Self.fit(plain, [])
        #expect(reference.count == 1 + 2 * 3)
        #expect(try Self.fit(quoted, ["--decimal-comma"]) == reference)
    }

    @Test("the options' mistakes, and a separated file read without them, are usage or data errors that say what to give",
          arguments: [
            (["--delimiter", ";;"], "year;adopters\n2010;1\n", 64, "--delimiter ';;' is none of ',', ';', tab and '|': give one character"),
            (["--decimal-comma"], "year,adopters\n2010,1,5\n2011,2\n", 65,
             "data.csv:2: expected 2 fields (as in the header), found 3; in a comma-separated file a number with a decimal comma is "
                + "quoted (\"1,5\"): quote them, or separate the fields with ';' and give --delimiter ';'"),
            ([], "year,adopters\n2010,\"1,5\"\n2011,2\n", 65,
             "data.csv:2: field 'adopters': '1,5' is not a number (a decimal comma? give --decimal-comma; or write it without thousands separators: 1234567.5)"),
            ([], "year;adopters\n2010;1,5\n2011;2,5\n", 65, "give --delimiter ';' (and --decimal-comma if its numbers are written 1,5 or 1.234)"),
            ([], "\"year\";\"adopters\"\n\"2010\";\"1\"\n", 65, "data.csv:1: unexpected character after the closing quote"),
            ([], "year\tadopters\n2010\t1\n", 65, "looks separated by tabs, and adopt reads comma-separated values: give --delimiter tab"),
            // A spreadsheet's export that quotes text alone: the header unquoted, the series' names quoted.
            ([], "Region;Jahr;Absatz\n\"A\";2015;10\n\"A\";2016;25\n", 65,
             "data.csv:2: field 'Region;Jahr;Absatz': unexpected character after the closing quote of a quoted field (expected ',' or a "
                + "line ending); the file looks separated by semicolons, and adopt reads comma-separated values: give --delimiter ';'"),
            (["--delimiter", ";"], "year;adopters\n2010;1,5\n2011;2,5\n2012;3\n2013;2\n", 65,
             "data.csv:2: field 'adopters': '1,5' is not a number (a decimal comma? give --decimal-comma"),
            (["--delimiter", ";", "--decimal-comma"], "year;adopters\n2010;1,5\n2011;2,5x\n2012;3\n2013;2\n", 65,
             "data.csv:3: field 'adopters': '2,5x' is not a number"),
            ([], "year;adopters\n2010;1\n2011;\"2\"\n", 65,
             "data.csv:3: field 'year;adopters': unexpected '\"' inside an unquoted field (quote the whole field and write \"\" for a quote); the header is one column holding semicolons: the file looks separated by semicolons, and adopt reads comma-separated values: give --delimiter ';'"),
            (["--delimiter", ";"], "year,adopters\n2010,1\n2011,2\n", 65,
             "data.csv:1: field 'year': no such column; the columns are 'year,adopters'; the file looks separated by commas: leave out --delimiter"),
            (["--delimiter", ";"], "year;adopters\n2010;1\n2011;5\"\n2012;3\n", 65,
             "data.csv:3: field 'adopters': unexpected '\"' inside an unquoted field"),
            (["--delimiter", ";", "--decimal-comma"], "year;adopters\n2010;1 397\n2011;2\n", 65,
             "data.csv:2: field 'adopters': '1 397' is not a number (write it without thousands separators, or with dots: 1.234.567,5)"),
            (["--delimiter", ";"], "year;adopters\n2010;120\n2011;480\n2012;980\n2013;1.834\n2014;2.410\n", 65,
             "data.csv:5: field 'adopters': '1.834' reads as a decimal, beside whole numbers such as '120' (line 2): if its dot "
                + "groups thousands (1834), give --decimal-comma; if it is a decimal point, give --decimal-point"),
            (["--decimal-point"], "year,adopters\n2010,1\n", 64, "--decimal-point needs a field separator other than the comma"),
            (["--delimiter", ";", "--decimal-point", "--decimal-comma"], "year;adopters\n2010;1\n", 64,
             "--decimal-point and --decimal-comma contradict each other: give one"),
            (["--delimiter", ";"], "year;adopters\n2010;1.546\n2011;2.640\n2012;3.100\n2013;0\n", 65,
             "data.csv:2: field 'adopters': '1.546' reads as a decimal, as does every value of the column, each with three digits after a dot, "
                + "in a file separated by semicolons: if its dot groups thousands (1546), give --decimal-comma"),
          ])
    func mistakes(_ options: [String], _ text: String, _ code: Int32, _ message: String) throws {
        try withTemporaryDirectory { dir in
            _ = try write(text, to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv"] + options, in: dir)
            #expect(run.status == code)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr.contains(message), "\(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("a file separated by tabs or bars, in which every value has three digits after a dot, reads them as decimals",
          arguments: ["tab", "|"])
    func threeDecimals(_ delimiter: String) throws {
        let separator = delimiter == "tab" ? "\t" : delimiter
        let values = ["1.512", "1.546", "2.640", "3.100", "3.350", "2.910", "2.012", "1.304"]
        let text = "series\(separator)year\(separator)adopters\n"
            + values.enumerated().map { "a\(separator)\(2010 + $0.offset)\(separator)\($0.element)\n" }.joined()
        let rows = try Self.fit(text, ["--delimiter", delimiter])
        let plain = try Self.fit(text.replacingOccurrences(of: separator, with: ","), [])
        #expect(rows == plain)
        #expect(rows.count == 4)
    }

    @Test("--decimal-point reads whole numbers beside numbers with three decimals as they are written; so does a formula")
    func decimalPoint() throws {
        let values = ["5", "7.125", "9.250", "12", "14.375", "15.5"]
        let text = "series;year;adopters\n" + values.enumerated().map { "a;\(2010 + $0.offset);\($0.element)\n" }.joined()
        let rows = try Self.fit(text, ["--delimiter", ";", "--decimal-point", "--model", "logistic"])
        let plain = try Self.fit(text.replacingOccurrences(of: ";", with: ","), ["--model", "logistic"])
        #expect(rows == plain && rows.count == 4)
        try withTemporaryDirectory { dir in
            _ = try write(text, to: "data.csv", in: dir)
            let run = try runAdopt(["fit", "--data", "data.csv", "--delimiter", ";", "--y", "adopters", "--series", "series",
                                    "--formula", "b1+b2*x", "--start", "b1=0,b2=1", "--format", "csv"], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
        }
    }
}
