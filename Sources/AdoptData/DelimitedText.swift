/// Text separated by another delimiter than the comma (`;` in spreadsheet exports of locales that
/// write decimal commas, tabs, vertical bars), rewritten as the comma-separated values `CSVInput`
/// reads, line for line, so that every error still names the file's own line. Comment lines (`#`
/// first) are copied as they are.
///
/// Outside quotes each delimiter becomes a comma. A field holding a comma is quoted (`Acme, Inc` →
/// `"Acme, Inc"`), unless it is already quoted or holds a quote (left for the parser to judge).
/// With `decimalComma`, a field that is a number written with a decimal comma, and optionally dots
/// grouping its thousands (`1,5`, `-0,25`, `1.234.567,8`, `1.234`, `2,5E-3`, in quotes or not), is
/// written with a decimal point and no grouping (`1.5`, `1234567.8`, `1234`); any other field is
/// left as it is, so a bad cell is reported as the file has it.
public enum DelimitedText {
    /// The separators other than the comma that messages recognise, in the order they look for them.
    static let otherSeparators: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// How a message names a file separated by `separator`: "semicolons", "tabs", "vertical bars".
    static func pluralName(_ separator: UInt8) -> String {
        separator == UInt8(ascii: "\t") ? "tabs" : separator == UInt8(ascii: ";") ? "semicolons" : "vertical bars"
    }

    /// The other separator a header read as one column holds (the file is split by it, not by commas).
    static func separator(inHeader names: [String]) -> UInt8? {
        guard names.count == 1, let only = names.first else { return nil }
        return otherSeparators.first { only.utf8.contains($0) }
    }

    /// The bytes as comma-separated values.
    public static func commaSeparated(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, decimalComma: Bool) -> [UInt8] {
        rewritten(bytes, delimiter: delimiter, decimalComma: decimalComma).bytes
    }

    /// The bytes as comma-separated values, and, read without decimal commas, what each column's cells
    /// say of the dots in its numbers (indexed by the field's place in its line; the header line is not
    /// counted).
    public static func rewritten(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, decimalComma: Bool)
        -> (bytes: [UInt8], dots: [DotEvidence]) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var dots: [DotEvidence] = []
        // The physical line, and the line the row began on (a quoted field may hold line breaks): a cell is
        // named by its row's first line, as the parser names rows.
        var line = 1, rowLine = 1, column = 0, headerRead = false
        var i = 0
        let n = bytes.count
        // A byte-order mark stays where the reader looks for it.
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { out.append(contentsOf: bytes[0..<3]); i = 3 }
        var lineStart = true
        while i < n {
            // A comment line (`#` first) is copied as it is: the report quotes it.
            if lineStart, bytes[i] == UInt8(ascii: "#") {
                while i < n, bytes[i] != lf { out.append(bytes[i]); i += 1 }
                if i < n { out.append(lf); i += 1; line += 1 }
                continue
            }
            // One field: from i to the next delimiter or line end outside quotes.
            if lineStart { rowLine = line }
            let start = i
            var quoted = false, inQuotes = false
            while i < n {
                let b = bytes[i]
                if b == quote {
                    // Quotes count only in a field that opens with one (RFC 4180): a stray quote in an
                    // unquoted field is left for the parser to report at its line.
                    if i == start { quoted = true; inQuotes = true } else if quoted { inQuotes.toggle() }
                } else if !inQuotes && (b == delimiter || b == lf || b == cr) {
                    break
                }
                i += 1
            }
            let field = UnsafeBufferPointer(rebasing: bytes[start..<i])
            write(field, quoted: quoted, decimalComma: decimalComma, into: &out)
            if !decimalComma, headerRead {
                if dots.count <= column { dots += Array(repeating: DotEvidence(), count: column + 1 - dots.count) }
                dots[column].add(field, quoted: quoted, line: rowLine)
            }
            // A quoted field may hold line breaks: the next field is on a later line.
            line += field.reduce(0) { $0 + ($1 == lf ? 1 : 0) }
            if i < n {
                out.append(bytes[i] == delimiter ? comma : bytes[i])
                lineStart = bytes[i] == lf
                if bytes[i] == delimiter {
                    column += 1
                } else if bytes[i] == lf {
                    line += 1; column = 0; headerRead = true
                }
                i += 1
            }
        }
        return (out, dots)
    }

    /// What the cells of one column say of the dots in its numbers, in a file read without decimal
    /// commas: a spreadsheet exporting counts in a locale that groups thousands with dots writes 980 and
    /// 1.834 (one thousand eight hundred and thirty-four), which read as 980 and 1.834.
    public struct DotEvidence: Sendable {
        /// The first number whose dots could group thousands (`1.834`, `12.500`), and its line.
        public var grouped: (text: String, line: Int)?
        /// The first whole number of one to three digits other than 0 (`980`), and its line.
        public var whole: (text: String, line: Int)?
        /// Whether a cell writes a decimal point, or a whole number without grouping, where grouping dots
        /// would be: `2.5`, `0.125`, `1834`, `1.5E3`.
        public var pointDecimals = false

        public init() {}

        /// The number that reads as a decimal where the cells beside it say its dot may group thousands,
        /// and the whole number beside it; nil where the cells do not say so. In a file separated by
        /// semicolons, whose locales write decimal commas, numbers that all have three digits after a dot
        /// (`1.546`, `2.640`: every value a thousand or more) say so too, with no whole number beside them.
        public func ambiguity(semicolons: Bool) -> (grouped: (text: String, line: Int), whole: (text: String, line: Int)?)? {
            guard !pointDecimals, let grouped, whole != nil || semicolons else { return nil }
            return (grouped, whole)
        }

        mutating func add(_ field: UnsafeBufferPointer<UInt8>, quoted: Bool, line: Int) {
            // Once a cell writes a decimal point, the column's dots are points.
            guard !pointDecimals else { return }
            let quote = UInt8(ascii: "\""), space = UInt8(ascii: " "), dot = UInt8(ascii: ".")
            func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
            var lo = 0, hi = field.count
            if quoted { guard hi >= 2, field[hi - 1] == quote else { return }; lo = 1; hi -= 1 }
            while lo < hi, field[lo] == space { lo += 1 }
            while hi > lo, field[hi - 1] == space { hi -= 1 }
            var i = lo
            if i < hi, field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+") { i += 1 }
            let digitsStart = i
            guard i < hi, isDigit(field[i]) || field[i] == dot else { return }
            let text = { String(decoding: UnsafeBufferPointer(rebasing: field[lo..<hi]), as: UTF8.self) }
            // Digits whose dots group thousands, and nothing after them: 980, 1.834, 12.500.500.
            if let integer = DelimitedText.groupedDigits(field, from: digitsStart, to: hi), integer.end == hi, integer.digits > 0 {
                if integer.grouped {
                    if grouped == nil { grouped = (text(), line) }
                } else if integer.digits > 3 {
                    pointDecimals = true
                } else if whole == nil, (digitsStart..<hi).contains(where: { field[$0] != UInt8(ascii: "0") }) {
                    // A 0 is written so either way.
                    whole = (text(), line)
                }
                return
            }
            // Any other number with a point or an exponent.
            if (digitsStart..<hi).allSatisfy({ isDigit(field[$0]) || "+-.eE".utf8.contains(field[$0]) }) { pointDecimals = true }
        }
    }

    private static func write(_ field: UnsafeBufferPointer<UInt8>, quoted: Bool, decimalComma: Bool, into out: inout [UInt8]) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        if decimalComma {
            // The number inside the quotes of a quoted field ("1,5"), or the whole field.
            let closes = quoted && field.count >= 2 && field[field.count - 1] == quote
            let inner = closes ? UnsafeBufferPointer(rebasing: field[1..<field.count - 1]) : field
            if (!quoted || closes), let number = pointNumber(inner) {
                if closes { out.append(quote) }
                out.append(contentsOf: number)
                if closes { out.append(quote) }
                return
            }
        }
        if !quoted, field.contains(comma), !field.contains(quote) {
            out.append(quote)
            out.append(contentsOf: field)
            out.append(quote)
        } else {
            out.append(contentsOf: field)
        }
    }

    /// The digits from `i` on, up to the first byte that is neither a digit nor a dot, where every dot groups
    /// thousands: after one to three digits that do not start with 0 (0.125 is a decimal, not 125), or after a
    /// group of exactly three, and before one (1.234.567). `digits` counts the digits, `grouped` says whether a
    /// dot is among them; nil where a dot groups no thousands (2.5, 1234.567, 1.23).
    static func groupedDigits(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to hi: Int)
        -> (end: Int, digits: Int, grouped: Bool)? {
        let dot = UInt8(ascii: ".")
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        var i = start, digits = 0, groupDigits = -1
        while i < hi {
            let b = text[i]
            if isDigit(b) {
                digits += 1
                if groupDigits >= 0 { groupDigits += 1 }
            } else if b == dot {
                guard groupDigits == 3 || (groupDigits < 0 && (1...3).contains(digits) && text[i - digits] != UInt8(ascii: "0"))
                else { return nil }
                groupDigits = 0
            } else {
                break
            }
            i += 1
        }
        if groupDigits >= 0, groupDigits != 3 { return nil }
        return (i, digits, groupDigits >= 0)
    }

    /// A number written with a decimal comma and perhaps grouping dots, written with a decimal
    /// point and no grouping; nil if the text is no such number (or holds neither a comma nor a dot).
    static func pointNumber(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), dot = UInt8(ascii: "."), comma = UInt8(ascii: ",")
        func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        var lo = 0, hi = text.count
        while lo < hi, text[lo] == space || text[lo] == tab { lo += 1 }
        while hi > lo, text[hi - 1] == space || text[hi - 1] == tab { hi -= 1 }
        var out: [UInt8] = Array(text[0..<lo])
        var i = lo
        if i < hi, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") { out.append(text[i]); i += 1 }
        // The integer part: digits, or groups of three after one to three digits.
        guard let integer = groupedDigits(text, from: i, to: hi) else { return nil }
        let digits = integer.digits, grouped = integer.grouped
        out += text[i..<integer.end].lazy.filter { $0 != dot }
        i = integer.end
        var hasComma = false
        if i < hi, text[i] == comma {
            hasComma = true
            out.append(dot); i += 1
            var fraction = 0
            while i < hi, isDigit(text[i]) { out.append(text[i]); i += 1; fraction += 1 }
            guard digits + fraction > 0 else { return nil }
        }
        guard digits > 0 || hasComma, hasComma || grouped else { return nil }
        // An exponent: E-3, e+05.
        if i < hi, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
            out.append(text[i]); i += 1
            if i < hi, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") { out.append(text[i]); i += 1 }
            var exponent = 0
            while i < hi, isDigit(text[i]) { out.append(text[i]); i += 1; exponent += 1 }
            guard exponent > 0 else { return nil }
        }
        guard i == hi else { return nil }
        out.append(contentsOf: text[hi..<text.count])
        return out
    }
}
