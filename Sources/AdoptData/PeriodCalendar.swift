import Synchronization

/// The periods of an x column of dated labels (quarters, half-years, months, seasons), beyond the
/// rows as well as in them: the x of a period named in any form the column reads (`--horizon Q4 '14`,
/// `2014Q4`), and the label of a period no row names (past the data, before it, a gap), written as the
/// column writes its own.
///
/// Such a label is a nearby label of the column with its year moved on and its quarter, half or month
/// (number or name) rewritten: `Q3 '07` → `Q3 '14`, `FY19Q1` → `FY21Q2`, `Mar-25` → `Jan-26`,
/// `2008-09` → `2015-16`. It is kept only when it reads back as exactly that period, so that no label
/// is made in a form the column would not read.
public struct PeriodCalendar: Sendable, Equatable {
    /// The column's labels by x: `labels[k]` is the label of x = k + 1 (empty where no row names one).
    let labels: [String]
    /// The first month of each labelled period (months since year 0), by x as `labels` (nil where empty).
    let months: [Int?]
    /// Months a period spans as a label names it (3 for a quarter, 12 for a season).
    let length: Int
    /// Months from one x to the next (a quarter's 3; 3 also for quarterly data dated by a month).
    let step: Int
    /// Months from one x to the next: 3 for quarters, 1 for months, 12 for years.
    public var monthsPerPeriod: Int { step }
    /// Whether the column reads its labels as seasons (`2008-09`), which alone would read as months.
    let seasons: Bool
    /// Whether the column writes month names short (Mar, Sept.): `May` is then short too.
    let shortMonthNames: Bool
    /// Whether a column of months writes their numbers below 10 with one digit (9/2025), so that a
    /// label made from 12/2025 for January is 1/2026, not 01/2026.
    let unpaddedMonths: Bool
    /// An x and its period's first month, from which every other x's month follows.
    let anchor: (x: Int, month: Int)
    /// Whether every label is a date (`2020-02-29`, `2020/02/29`, perhaps with a time) on the last day of its month, so
    /// that a label made for another month is on its last day too (2020-03-31, not 2020-03-29).
    let monthEnds: Bool

    public static func == (a: Self, b: Self) -> Bool { a.labels == b.labels }

    /// The calendar of an x column's labels (`ObservationSet.xLabels`), or nil when they are not
    /// dated periods of one kind at one step (`wave A`, `Year 1`).
    public init?(labels: [String]) {
        let named = labels.indices.filter { !labels[$0].isEmpty }
        guard let first = named.first else { return nil }
        let texts = named.map { labels[$0] }
        let dates = PeriodLabel.dates(texts)
        guard let kind = dates[0]?.length, dates.allSatisfy({ $0?.length == kind }) else { return nil }
        var months = [Int?](repeating: nil, count: labels.count)
        for (k, date) in zip(named, dates) { months[k] = date!.month }
        let step: Int
        if named.count >= 2 {
            let (k1, k2) = (named[0], named[1])
            let gap = months[k2]! - months[k1]!
            guard gap > 0, gap % (k2 - k1) == 0 else { return nil }
            step = gap / (k2 - k1)
        } else {
            step = kind
        }
        let anchor = (x: first + 1, month: months[first]!)
        guard named.allSatisfy({ months[$0]! == anchor.month + ($0 + 1 - anchor.x) * step }) else { return nil }
        self.labels = labels
        self.months = months
        self.length = kind
        self.step = step
        self.seasons = kind == 12 && texts.allSatisfy(PeriodLabel.isSeason)
        self.anchor = anchor
        self.shortMonthNames = Self.writesShortMonthNames(texts)
        self.unpaddedMonths = kind == 1 && texts.contains { label in
            label.split { !$0.isASCII || !$0.isNumber }.contains { $0.count == 1 }
        }
        self.monthEnds = kind == 1 && texts.allSatisfy { label in
            Self.isoDate(label).map { $0.day == Self.lastDay(year: $0.year, month: $0.month) } ?? false
        }
    }

    /// The year, month and day of a label that opens with a date written YYYY-MM-DD, YYYY/MM/DD or
    /// YYYY.MM.DD (a time may follow).
    static func isoDate(_ label: String) -> (year: Int, month: Int, day: Int)? {
        let b = Array(label.utf8.prefix(11))
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }; v = v * 10 + Int(b[i] - 0x30) }
            return v
        }
        guard b.count >= 10, [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: ".")].contains(b[4]), b[7] == b[4],
              b.count == 10 || !(0x30...0x39).contains(b[10]),
              let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10), (1...12).contains(m) else { return nil }
        return (y, m, d)
    }

    /// A label `isoDate` reads, with its day (two digits, after the year and month) written `day`.
    static func withDay(_ day: Int, _ label: String) -> String {
        String(label.prefix(8)) + (day < 10 ? "0" : "") + String(day) + String(label.dropFirst(10))
    }

    /// The last day of a month of the Gregorian calendar.
    static func lastDay(year: Int, month: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The first month of x's period (months since year 0).
    func month(ofX x: Int) -> Int { anchor.month + (x - anchor.x) * step }

    /// A month's place in the periods of `step` months the year divides into (0 for January in quarters).
    static func within(_ month: Int, _ step: Int) -> Int { ((month % step) + step) % step }

    /// The periods (x) that start in `year`, or nil where none does; nil too for seasons, which span
    /// two years (`2015-16`).
    public func periods(inYear year: Int) -> ClosedRange<Int>? {
        guard !seasons, year > -Int.max / 64, year < Int.max / 64 else { return nil }
        func floorDivision(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
        let first = anchor.x - floorDivision(anchor.month - 12 * year, step)
        let last = anchor.x + floorDivision(12 * year + 11 - anchor.month, step)
        return first <= last ? first...last : nil
    }

    /// The year a month falls in (months since year 0, negative before it).
    static func year(ofMonth month: Int) -> Int { month >= 0 ? month / 12 : -((-month + 11) / 12) }

    /// Whether labels write month names short (Mar, SEPT.): three letters, or SEPT, other than MAY,
    /// which is short and full alike.
    static func writesShortMonthNames(_ labels: [String]) -> Bool {
        labels.contains { label in
            label.uppercased().split { !$0.isLetter }.contains { w in
                w != "MAY" && (w == "SEPT" || (w.count == 3 && PeriodLabel.monthNames.contains { $0.hasPrefix(w) }))
            }
        }
    }

    /// The first month of the period `label` names, read as the column reads its labels, and
    /// whether it is a period of the column's kind; nil otherwise.
    func month(of label: String) -> Int? {
        if seasons { return PeriodLabel.season(label).map { $0 * 12 } }
        guard let date = PeriodLabel.date(label), date.length == length else { return nil }
        return date.month
    }

    /// Whether `text` names a period in any form the columns read (`2015Q4`, `2015-03`, `2008-09`):
    /// an option that takes a period may be given one before the data say which kind.
    public static func isPeriod(_ text: String) -> Bool {
        PeriodLabel.date(text) != nil || PeriodLabel.isSeason(text)
    }

    /// Why `text`, written as a period, names none ("there is no month 13" for `2030-13`); nil when
    /// it is a period or not written as one.
    public static func impossiblePeriod(_ text: String) -> String? {
        isPeriod(text) ? nil : PeriodLabel.impossiblePart(text)
    }

    /// Whether a label names a fiscal period (FY2019, FY19Q1), which the column's reading numbers as
    /// the calendar period of the same name.
    static func isFiscal(_ label: String) -> Bool { label.uppercased().contains("FY") }

    /// The x of the period `label` names, if it is one of the column's kind on its steps, and fiscal
    /// where the column's labels are (FY2019 Q1 in a column of fiscal quarters; 2019Q1 is no period of it).
    /// Where the column dates periods longer than its labels name (quarters dated by their first month or
    /// day, `2018-01-01`), a label of the periods themselves (`2023Q1`) names one too, on their steps.
    public func x(of label: String) -> Double? {
        let text = String(label.withoutBlanksAround())
        guard Self.isFiscal(label) == Self.isFiscal(labels[anchor.x - 1]),
              let month = month(of: text)
                ?? (seasons || step == length ? nil : PeriodLabel.date(text).flatMap { date in
                    // The month that dates the period in the column: its first (2023-01-01 for 2023Q1), its
                    // middle, or, for dates on their months' last days, its last (2023-03-31), as the column dates its own.
                    date.length == step
                        ? date.month - Self.within(date.month, step) + (monthEnds ? step - 1 : Self.within(anchor.month, step)) : nil
                })
        else { return nil }
        let offset = month - anchor.month
        guard offset % step == 0 else { return nil }
        return Double(anchor.x + offset / step)
    }

    /// The label of x: the column's own where it names x, else one made for the period (after the
    /// data, before it, or a gap no row names); nil where x is no whole period or no label made reads
    /// back as x's period.
    public func label(forX x: Double) -> String? {
        guard x.rounded() == x, abs(x) < Double(Int.max / 64) else { return nil }
        let k = Int(x)
        if k >= 1, k <= labels.count, !labels[k - 1].isEmpty { return labels[k - 1] }
        let month = month(ofX: k)
        // From the nearest label of the same period of the year (the same quarter or month), whose
        // day, period and spelling need no rewriting, else from the nearest labels before and after x.
        var templates: [Int] = []
        if 12 % step == 0 {
            let perYear = 12 / step
            let near = labels.indices.filter { !labels[$0].isEmpty && ($0 + 1 - k) % perYear == 0 }
            if let t = near.min(by: { abs($0 + 1 - k) < abs($1 + 1 - k) }) { templates.append(t) }
        }
        let before = min(k - 1, labels.count)
        if before >= 1, let t = labels[..<before].lastIndex(where: { !$0.isEmpty }) { templates.append(t) }
        if k < labels.count, let t = labels[max(0, k)...].firstIndex(where: { !$0.isEmpty }) { templates.append(t) }
        for t in templates {
            // A month's last day is made from the 28th, which every month has.
            let template = monthEnds ? Self.withDay(28, labels[t]) : labels[t]
            guard let made = Self.rewritten(template, from: months[t]!, to: month, in: self) else { continue }
            guard monthEnds, let date = Self.isoDate(made) else { return made }
            return Self.withDay(Self.lastDay(year: date.year, month: date.month), made)
        }
        return nil
    }

    /// The period of the year a month falls in (1–4 for quarters, 1–2 for halves, 1–12 for months),
    /// as labels of `length` months number it; nil for seasons and years.
    static func periodOfYear(_ month: Int, length: Int) -> Int? {
        let m = ((month % 12) + 12) % 12
        switch length {
        case 1: return m + 1
        case 3: return m / 3 + 1
        case 6: return m / 6 + 1
        default: return nil
        }
    }

    /// `template`, the label of the month `from`, rewritten for the month `to` in the template's
    /// own digits and words: its year (the four-digit years and a season's two-digit second year,
    /// else the two-digit ones) moved on, and the number (one run of digits at a time, so that a day
    /// equal to the month, 2025-01-01, keeps its number) or month name of its quarter, half or month
    /// replaced; the first candidate that reads back as `to` in the calendar.
    static func rewritten(_ template: String, from: Int, to month: Int, in calendar: PeriodCalendar) -> String? {
        let year = Self.year(ofMonth: from), years = Self.year(ofMonth: month) - year
        let chars = Array(template.utf8)
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        // Runs of ASCII digits and of ASCII letters, with what they hold.
        var runs: [(range: Range<Int>, value: Int?)] = []
        var i = 0
        while i < chars.count {
            if isDigit(chars[i]) {
                var j = i, value = 0
                while j < chars.count, isDigit(chars[j]), j - i < 9 { value = value * 10 + Int(chars[j] - 0x30); j += 1 }
                runs.append((i..<j, value))
                i = j
            } else if isLetter(chars[i]) {
                var j = i
                while j < chars.count, isLetter(chars[j]) { j += 1 }
                runs.append((i..<j, nil))
                i = j
            } else {
                i += 1
            }
        }
        let was = periodOfYear(from, length: calendar.length), will = periodOfYear(month, length: calendar.length)
        func padded(_ value: Int, _ digits: Int) -> [UInt8] {
            let text = String(value)
            return Array(String(repeating: "0", count: max(0, digits - text.count)).utf8) + Array(text.utf8)
        }
        /// The template with each run replaced as `pick` says (nil: kept).
        func replacing(_ pick: (Range<Int>, Int?) -> [UInt8]?) -> String {
            var out: [UInt8] = []
            var at = 0
            for run in runs {
                out += chars[at..<run.range.lowerBound]
                out += pick(run.range, run.value) ?? Array(chars[run.range])
                at = run.range.upperBound
            }
            out += chars[at...]
            return String(decoding: out, as: UTF8.self)
        }
        // The year: four-digit runs of the year (or a season's next), with or without a two-digit
        // next year; else two-digit runs of either.
        let yearRules: [(Range<Int>, Int) -> Int?] = [
            { r, v in r.count == 4 && (v == year || v == year + 1) && (0..<10_000).contains(v + years) ? v + years : nil },
            { r, v in
                r.count == 4 && (v == year || v == year + 1) && (0..<10_000).contains(v + years) ? v + years
                    : r.count == 2 && v == (year + 1) % 100 ? ((v + years) % 100 + 100) % 100 : nil },
            { r, v in r.count == 2 && (v == year % 100 || v == (year + 1) % 100) ? ((v + years) % 100 + 100) % 100 : nil },
        ]
        // The period of the year: its number in one or two digits (or either), or its month name.
        // One run at a time, so that a day equal to the month (2025-01-01) keeps its number.
        let periodRuns: [Int?] = (was == will ? [] : runs.filter { $0.value != nil && $0.value == was }.map { $0.range.lowerBound }) + [nil]
        for yearRule in yearRules {
            for periodRun in periodRuns {
                var yearRuns = Set<Int>()
                for run in runs { if let v = run.value, yearRule(run.range, v) != nil { yearRuns.insert(run.range.lowerBound) } }
                let candidate = replacing { r, v in
                    if let v {
                        if yearRuns.contains(r.lowerBound) { return padded(yearRule(r, v)!, r.count) }
                        if let will, r.lowerBound == periodRun {
                            return padded(will, calendar.unpaddedMonths && v >= 10 ? 1 : r.count)
                        }
                        return nil
                    }
                    guard let was, let will, calendar.length == 1, was != will else { return nil }
                    return monthName(Array(chars[r]), from: was, to: will, short: calendar.shortMonthNames)
                }
                if candidate != template && calendar.month(of: candidate) == month { return candidate }
            }
        }
        return nil
    }

    /// A month's name written as `word` writes month `from`'s (in full, its first three letters, or
    /// SEPT; in capitals, capitalized or lower case), for month `to`; nil if `word` is no such name.
    static func monthName(_ word: [UInt8], from: Int, to: Int, short: Bool = false) -> [UInt8]? {
        let upper = String(decoding: word.map { $0 & ~0x20 }, as: UTF8.self)
        let name = PeriodLabel.monthNames[from - 1], target = PeriodLabel.monthNames[to - 1]
        let form: String
        if upper == name && !(short && name.count == 3) { form = target } else if upper == name.prefix(3) || (from == 9 && upper == "SEPT") {
            form = String(target.prefix(3))
        } else {
            return nil
        }
        let lower = Array(form.lowercased().utf8), capitals = Array(form.utf8)
        if word.allSatisfy({ $0 & 0x20 == 0 }) { return capitals }
        if word.first! & 0x20 == 0 { return [capitals[0]] + lower.dropFirst() }
        return lower
    }
}

/// The labels of an x column by x, and for dated periods (`PeriodCalendar`) those the rows do not name,
/// each made once for all the series that ask for it.
public struct PeriodNames: Sendable, Equatable {
    let labels: [String]
    public let calendar: PeriodCalendar?
    private let made = MadeLabels()

    public init(labels: [String]) {
        self.labels = labels
        self.calendar = PeriodCalendar(labels: labels)
    }

    public static func == (a: Self, b: Self) -> Bool { a.labels == b.labels }

    /// x as a message names it: its label quoted, with the year it is read as where the label writes
    /// the year with two digits (`'Q4 '49' (2049)`: two-digit years read as 1950–2049); nil without a label.
    public func quoted(_ x: Double) -> String? {
        guard let label = label(forX: x) else { return nil }
        guard let calendar, !label.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).contains(where: { $0.count == 4 }) else {
            return "'\(label)'"
        }
        return "'\(label)' (\(PeriodCalendar.year(ofMonth: calendar.month(ofX: Int(x)))))"
    }

    /// The label of x: the column's where it names x, else the calendar's (past or before the
    /// data, or a gap no row names).
    public func label(forX x: Double) -> String? {
        if x.rounded() == x, x >= 1, x <= Double(labels.count), !labels[Int(x) - 1].isEmpty { return labels[Int(x) - 1] }
        guard let calendar, x.rounded() == x, abs(x) < Double(Int.max / 64) else { return nil }
        return made.label(Int(x)) { calendar.label(forX: x) }
    }
}

/// Labels made by a calendar, by x, shared by the threads that fit the series.
private final class MadeLabels: Sendable {
    private let cache = Mutex<[Int: String?]>([:])

    func label(_ x: Int, make: () -> String?) -> String? {
        if let known = cache.withLock({ $0[x] }) { return known }
        let label = make()
        cache.withLock { $0[x] = label }
        return label
    }
}

