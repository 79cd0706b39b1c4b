/// Quarter, half-year and month labels read as points in time, to number them by their time.
///
/// Recognised (letters in either case; separators space, `-`, `/`, `.` or none between letters and
/// digits):
/// - quarters: `Q3 2025`, `Q3 '07`, `Q3-2025`, `2025Q3`, `2025 Q3`, `2025-Q3`, `19Q1`, and any of
///   them after `FY` (fiscal years: `FY19Q1`, `FY2019 Q1`);
/// - half-years: `H1 2025`, `2025H2`, `2025-H1`;
/// - months: `2025-03`, `03/2025`, `3/2025`, a date `2025-03-15` (its month), and month names or
///   their first three letters, `Mar 2025`, `March 2025`, `Mar-25`, `Mar '25`, `2025 Mar` (but not
///   `Mar 25`, which may be a day), `2020M01`, `2020m1`; months all a quarter, half-year or year apart are
///   periods of that length (`periodLength`);
/// - seasons, when every label of the column is one: `2008-09`, `2008/2009`.
/// Not dates: `2024-1` (often a quarter code), `15-Mar` (a day and a month), `03/25`, `12/1/2024`;
/// `looksLikeDate` tells such labels apart from plain ones (`wave A`).
/// Two-digit years are 20xx below 50, else 19xx. Anything else is no date: the labels are then
/// taken as they come.
enum PeriodLabel {
    /// A label read as a date: its first month (months since year 0) and the months its period spans.
    struct Date: Equatable {
        var month: Int
        /// 3 for a quarter, 6 for a half-year, 1 for a month, 12 for a season (2008-09).
        var length: Int
        /// True for a full date (2025-03-15), which stands for its month.
        var hasDay = false
        /// True when the year was written with two digits (read as 1950–2049).
        var twoDigitYear = false

        /// What kind of period it is, for messages.
        var kind: String {
            switch length {
            case 3: "a quarter"
            case 6: "a half-year"
            case 12: "a season"
            default: hasDay ? "a date (standing for its month)" : "a month"
            }
        }
    }

    /// The labels of one column as dates. Two-year seasons (`2008-09`, `2008/2009`: the second year
    /// follows the first) are read as such when every label is one; otherwise each label is read
    /// alone by `date`. When more labels read as seasons than alone (`2015-17` among seasons, the
    /// others then months or nothing), the seasons are kept and the others are nil, so that an
    /// error names the labels that break the pattern, not the first season that is no month.
    static func dates(_ labels: [String]) -> [Date?] {
        let seasons = labels.map(season)
        let seasonCount = seasons.count { $0 != nil }
        if labels.count >= 2, seasonCount == labels.count {
            return seasons.map { Date(month: $0! * 12, length: 12) }
        }
        let alone = labels.map(date)
        if seasonCount >= 2, seasonCount > alone.count(where: { $0 != nil }) {
            return seasons.map { $0.map { Date(month: $0 * 12, length: 12) } }
        }
        return alone
    }

    /// The date of a timestamp, as databases and spreadsheets export them: `2021-01-01 00:00:00`,
    /// `2021-01-01T13:45`, `2021-01-01T00:00:00.000Z`, `2021-01-01 00:00:00+01:00` give `2021-01-01`, which
    /// stands for its month as a date does. Nil for anything else.
    static func dayOfTimestamp(_ label: String) -> String? {
        let u = Array(label.utf8)
        func digit(_ k: Int) -> Bool { k < u.count && u[k] >= 0x30 && u[k] <= 0x39 }
        // YYYY-MM-DD, then a space or T, then HH:MM.
        guard u.count >= 16, (0..<4).allSatisfy(digit), u[4] == UInt8(ascii: "-"), digit(5), digit(6), u[7] == UInt8(ascii: "-"),
              digit(8), digit(9), u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "T"),
              digit(11), digit(12), u[13] == UInt8(ascii: ":"), digit(14), digit(15) else { return nil }
        // Seconds and their fraction, then Z or an offset.
        var k = 16
        if k < u.count, u[k] == UInt8(ascii: ":") {
            guard digit(k + 1), digit(k + 2) else { return nil }
            k += 3
            if k < u.count, u[k] == UInt8(ascii: ".") { k += 1; while digit(k) { k += 1 } }
        }
        if k < u.count, u[k] == UInt8(ascii: "Z") {
            k += 1
        } else if k < u.count, u[k] == UInt8(ascii: "+") || u[k] == UInt8(ascii: "-") {
            guard digit(k + 1), digit(k + 2) else { return nil }
            k += 3
            if k < u.count, u[k] == UInt8(ascii: ":") { k += 1 }
            if digit(k) { guard digit(k + 1) else { return nil }; k += 2 }
        }
        guard k == u.count, Int(String(decoding: u[11..<13], as: UTF8.self))! < 24,
              Int(String(decoding: u[14..<16], as: UTF8.self))! < 60 else { return nil }
        return String(decoding: u[0..<10], as: UTF8.self)
    }

    /// Whether the label is written as a season, `2008-09` or `2008/2009`.
    static func isSeason(_ label: String) -> Bool { season(label) != nil }

    /// The first year of a label written as a season, `2008-09` or `2008/2009`.
    static func season(_ label: String) -> Int? {
        guard let tokens = tokens(label), tokens.count == 2 else { return nil }
        return seasonStart(tokens[0], tokens[1])
    }

    /// The first year of `2008`, `09` or `2008`, `2009`: a four-digit year and the next one.
    private static func seasonStart(_ a: Token, _ b: Token) -> Int? {
        guard case .number(let y, 4, false) = a, case .number(let next, let digits, false) = b,
              (digits == 2 && next == (y + 1) % 100) || (digits == 4 && next == y + 1) else { return nil }
        return y
    }

    private enum Token: Equatable {
        case number(Int, digits: Int, apostrophe: Bool)
        case word(String)
    }

    /// The days a date's month may have: a date stands for its month, so February has 29 in any year.
    private static let daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    static let monthNames = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
                             "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"]

    /// The label as a date, or nil.
    static func date(_ label: String) -> Date? {
        if let day = dayOfTimestamp(label) { return date(day) }
        guard var tokens = tokens(label), !tokens.isEmpty else { return nil }
        let fiscal = tokens.contains(.word("FY"))
        tokens.removeAll { $0 == .word("FY") }
        // FY2019, FY19, FY2010-11: a fiscal year, a period of twelve months.
        if fiscal, tokens.count == 1, let y = year(tokens[0]) {
            return Date(month: y * 12, length: 12, twoDigitYear: tokens[0] != .number(y, digits: 4, apostrophe: false))
        }
        if fiscal, tokens.count == 2, let y = seasonStart(tokens[0], tokens[1]) { return Date(month: y * 12, length: 12) }
        // A month name and two digits is a year only when written Mar-25 or Mar '25: Mar 15 is a day.
        let marksYear = label.contains("-") || label.contains("'") || label.contains("\u{2019}")
        if tokens.count == 2, case .word = tokens[0], case .number(_, 2, _) = tokens[1], !marksYear { return nil }
        guard var date = date(tokens: tokens) else { return nil }
        date.twoDigitYear = !tokens.contains { if case .number(_, 4, _) = $0 { true } else { false } }
        return date
    }

    private static func date(tokens: [Token]) -> Date? {
        // A letter and its number: Q3, H1.
        func part(_ letter: String, _ count: Int, _ a: Token, _ b: Token) -> Int? {
            guard a == .word(letter), case .number(let n, 1, false) = b, (1...count).contains(n) else { return nil }
            return n
        }
        switch tokens.count {
        case 3:
            let (a, b, c) = (tokens[0], tokens[1], tokens[2])
            if let q = part("Q", 4, a, b), let y = year(c) { return Date(month: y * 12 + (q - 1) * 3, length: 3) }
            if let y = year(a), let q = part("Q", 4, b, c) { return Date(month: y * 12 + (q - 1) * 3, length: 3) }
            if let h = part("H", 2, a, b), let y = year(c) { return Date(month: y * 12 + (h - 1) * 6, length: 6) }
            if let y = year(a), let h = part("H", 2, b, c) { return Date(month: y * 12 + (h - 1) * 6, length: 6) }
            // Semesters: 2010S1, S2 2010.
            if let h = part("S", 2, a, b), let y = year(c) { return Date(month: y * 12 + (h - 1) * 6, length: 6) }
            if let y = year(a), let h = part("S", 2, b, c) { return Date(month: y * 12 + (h - 1) * 6, length: 6) }
            // 1Q19, 3Q2025, 2H19: the number before the letter.
            if case .number(let n, 1, false) = a, b == .word("Q"), (1...4).contains(n), let y = year(c) {
                return Date(month: y * 12 + (n - 1) * 3, length: 3)
            }
            if case .number(let n, 1, false) = a, b == .word("H"), (1...2).contains(n), let y = year(c) {
                return Date(month: y * 12 + (n - 1) * 6, length: 6)
            }
            // 2020M01 (Eurostat), 2020m1 (Stata).
            if case .number(let y, 4, false) = a, b == .word("M"), let m = month(c) {
                return Date(month: y * 12 + m - 1, length: 1)
            }
            // 2025-03-15: the month of a date.
            if case .number(let y, 4, false) = a, let m = month(b), case .number(let d, 1...2, false) = c,
               d >= 1, d <= daysInMonth[m - 1] {
                return Date(month: y * 12 + m - 1, length: 1, hasDay: true)
            }
        case 2:
            let (a, b) = (tokens[0], tokens[1])
            // 2025-03 (two-digit months only: 2024-1 is more often a quarter code), 03/2025 and 3/2025.
            if case .number(let y, 4, false) = a, case .number(let m, 2, false) = b, (1...12).contains(m) {
                return Date(month: y * 12 + m - 1, length: 1)
            }
            if let m = month(a), case .number(let y, 4, false) = b { return Date(month: y * 12 + m - 1, length: 1) }
            // Mar 2025, Mar-25, Mar '25; 2025 Mar and '25 Mar, but not 15-Mar (a day and a month).
            if let m = monthName(a), let y = year(b) { return Date(month: y * 12 + m - 1, length: 1) }
            if case .number(_, let digits, let apostrophe) = a, digits == 4 || apostrophe, let y = year(a), let m = monthName(b) {
                return Date(month: y * 12 + m - 1, length: 1)
            }
        default:
            break
        }
        return nil
    }

    /// Words and numbers, split at separators and between letters and digits; nil for any other
    /// character, or a separator where there should be none.
    private static func tokens(_ label: String) -> [Token]? {
        var tokens: [Token] = []
        var word = "", digits = "", apostrophe = false
        func flush() {
            if !word.isEmpty { tokens.append(.word(word)); word = "" }
            if !digits.isEmpty {
                tokens.append(.number(Int(digits) ?? -1, digits: digits.count, apostrophe: apostrophe))
                digits = ""; apostrophe = false
            }
        }
        for c in label.uppercased().unicodeScalars {
            switch c {
            case "A"..."Z":
                if !digits.isEmpty { flush() }
                word.unicodeScalars.append(c)
            case "0"..."9":
                if !word.isEmpty { flush() }
                guard digits.count < 4 else { return nil }
                digits.unicodeScalars.append(c)
            case " ", "\t", "-", "/", ".", "\u{00A0}", "\u{2013}", "\u{2014}":
                flush()
            case "'", "\u{2019}":
                flush()
                apostrophe = true
            default:
                return nil
            }
        }
        flush()
        return tokens
    }

    /// A year: four digits, or two (`07` or `'07`).
    private static func year(_ t: Token) -> Int? {
        guard case .number(let value, let digits, _) = t else { return nil }
        if digits == 4 { return value }
        guard digits == 2 else { return nil }
        return value < 50 ? 2000 + value : 1900 + value
    }

    /// A month number 1–12 in one or two digits.
    private static func month(_ t: Token) -> Int? {
        guard case .number(let m, 1...2, false) = t, (1...12).contains(m) else { return nil }
        return m
    }

    /// A month name, in full or its first three letters (and `SEPT`).
    private static func monthName(_ t: Token) -> Int? {
        guard case .word(let w) = t, w.count >= 3 else { return nil }
        if w == "SEPT" { return 9 }
        return monthNames.firstIndex { $0 == w || $0.prefix(3) == w }.map { $0 + 1 }
    }

    /// The period numbers of labels read as `dates` when they are all dates of one kind (all
    /// quarters or all months): 1 for the earliest, and gaps kept (Q1, Q3 → 1, 3); nil otherwise.
    static func periodNumbers(_ dates: [Date?], step: Int? = nil) -> [Double]? {
        guard let kind = dates.first??.length, dates.allSatisfy({ $0?.length == kind }) else { return nil }
        let step = step ?? kind
        let earliest = dates.map { $0!.month }.min()!
        return dates.map { Double(($0!.month - earliest) / step + 1) }
    }

    /// The period length, in months, of one series' months `gaps` apart: a year, half-year or
    /// quarter when every gap is a whole number of them (quarterly data dated by their first month,
    /// 2018-01-01, 2018-04-01, …; yearly data by January, gaps of two years being a year unobserved),
    /// else a month.
    static func periodLength(gaps: [Int]) -> Int {
        let g = spacing(gaps)
        return g == 0 ? 1 : g % 12 == 0 ? 12 : g % 6 == 0 ? 6 : g % 3 == 0 ? 3 : 1
    }

    /// The greatest common divisor of `gaps` (0 for none): the spacing every gap is a multiple of.
    static func spacing(_ gaps: [Int]) -> Int {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        return gaps.reduce(0, gcd)
    }

    /// The most frequent of `gaps`, the smaller on a tie (nil for none): a monthly series' is 1.
    static func usualGap(_ gaps: [Int]) -> Int? {
        var counts: [Int: Int] = [:]
        for gap in gaps { counts[gap, default: 0] += 1 }
        return counts.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    /// The one number in each label (Year 10, wave 3), when every label holds exactly one; nil otherwise.
    static func soleNumbers(_ labels: [String]) -> [Int]? {
        var numbers: [Int] = []
        for label in labels {
            let runs = label.split { !("0"..."9").contains($0) }
            guard runs.count == 1, let n = Int(runs[0]) else { return nil }
            numbers.append(n)
        }
        return numbers
    }

    /// Why a label written as a period names none (`2030-13`, `2025Q5`, `H3 2025`, `2025-02-30`):
    /// "there is no month 13", "February 2025 has no day 30"; nil for any other label.
    static func impossiblePart(_ label: String) -> String? {
        guard var tokens = tokens(label) else { return nil }
        tokens.removeAll { $0 == .word("FY") }
        func number(_ t: Token) -> Int? { if case .number(let n, _, false) = t { n } else { nil } }
        func isYear(_ t: Token) -> Bool { if case .number(_, 4, false) = t { true } else { false } }
        func lettered(_ letter: String, _ count: Int, _ name: String, _ a: Token, _ b: Token) -> String? {
            guard a == .word(letter), let n = number(b), !(1...count).contains(n) else { return nil }
            return "there is no \(name) \(n)"
        }
        switch tokens.count {
        case 2:
            // 2030-13 (two digits, as months are written), 13/2030.
            if isYear(tokens[0]), case .number(let m, 2, false) = tokens[1], !(1...12).contains(m),
               PeriodLabel.season(label) == nil { return "there is no month \(m)" }
            if case .number(let m, 1...2, false) = tokens[0], isYear(tokens[1]), !(1...12).contains(m) {
                return "there is no month \(m)"
            }
        case 3:
            let (a, b, c) = (tokens[0], tokens[1], tokens[2])
            for (letter, count, name) in [("Q", 4, "quarter"), ("H", 2, "half-year"), ("S", 2, "semester"), ("M", 12, "month")] {
                if isYear(a) || year(a) != nil, let why = lettered(letter, count, name, b, c) { return why }
                if year(c) != nil, letter != "M", let why = lettered(letter, count, name, a, b) { return why }
            }
            // 2025-13-01, 2025-02-30.
            if case .number(let y, 4, false) = a, case .number(let m, 1...2, false) = b, case .number(let d, 1...2, false) = c {
                guard (1...12).contains(m) else { return "there is no month \(m)" }
                if !(1...daysInMonth[m - 1]).contains(d) {
                    return "\(monthNames[m - 1].prefix(1))\(monthNames[m - 1].dropFirst().lowercased()) \(y) has no day \(d)"
                }
            }
        default: break
        }
        return nil
    }

    /// `2024-1`: a four-digit year and a one-digit number, a month if the column holds months.
    static func isUnpaddedMonth(_ label: String) -> Bool {
        guard let tokens = tokens(label), tokens.count == 2, case .number(_, 4, false) = tokens[0],
              case .number(let m, 1, false) = tokens[1] else { return false }
        return (1...9).contains(m)
    }

    /// Whether a label that is no period still looks like a date: a month name, or a four-digit
    /// year with another number (12/1/2024, Mar 15, 2024-1). Numbering such labels in order of
    /// appearance would silently trust the order of the rows.
    static func looksLikeDate(_ label: String) -> Bool {
        // Runs of letters and of digits, whatever separates them (2019-01-01T00:00:00Z, 1Q19, FY2019).
        var runs: [String] = [], current = ""
        for c in label.uppercased() {
            let kind = c.isASCII && c.isLetter ? 1 : c.isASCII && c.isNumber ? 2 : 0
            let last = current.last.map { $0.isLetter ? 1 : 2 } ?? 0
            if kind == 0 || (kind != last && !current.isEmpty) { if !current.isEmpty { runs.append(current) }; current = "" }
            if kind != 0 { current.append(c) }
        }
        if !current.isEmpty { runs.append(current) }
        // Numbers only (01/25, 95/96, 3.4): a date or a season in some spelling. A year with an apostrophe ('95).
        if runs.count >= 2, runs.allSatisfy({ Int($0) != nil }) { return true }
        if label.contains("'") || label.contains("\u{2019}"), runs.contains(where: { $0.count == 2 && Int($0) != nil }) { return true }
        for (k, run) in runs.enumerated() {
            if let n = Int(run), run.count == 4, (1900...2200).contains(n) { return true }
            if run.first!.isLetter {
                if monthName(.word(run)) != nil { return true }
                let neighbours = [k > 0 ? runs[k - 1] : "", k + 1 < runs.count ? runs[k + 1] : ""]
                if ["Q", "H", "S", "FY"].contains(run), neighbours.contains(where: { Int($0) != nil }) { return true }
            }
        }
        return false
    }
}
