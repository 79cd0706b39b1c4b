/// Quarter and month labels read as points in time: to check that labels numbered in order of
/// first appearance are in time order, and to number them by their time.
///
/// Recognised: quarters as `Q3 2025`, `Q3 '07`, `Q3-2025`, `Q3/2025`, `2025Q3`, `2025 Q3`, `2025-Q3`
/// (`q` in either case), and months as `2025-03` or `2025/03`. Two-digit years are 20xx below 50,
/// else 19xx. Anything else is no date: the labels are then taken as they come.
enum PeriodLabel {
    /// A label read as a date: its first month (months since year 0) and the months its period spans.
    struct Date: Equatable {
        var month: Int
        /// 3 for a quarter, 1 for a month.
        var length: Int
    }

    /// The label as a date, or nil.
    static func date(_ label: String) -> Date? {
        let text = Array(label.trimmingSpaces.uppercased().unicodeScalars)
        guard !text.isEmpty else { return nil }
        if text[0] == "Q" {
            // Q<n><sep><year>
            guard text.count >= 3, let q = digit(text[1]), (1...4).contains(q) else { return nil }
            var rest = Array(text[2...])
            while let first = rest.first, " -/".unicodeScalars.contains(first) { rest.removeFirst() }
            guard let year = year(rest) else { return nil }
            return Date(month: year * 12 + (q - 1) * 3, length: 3)
        }
        // <year><sep>Q<n> or <year><sep><month>
        var i = 0
        while i < text.count, digit(text[i]) != nil { i += 1 }
        guard i == 4, let year = year(Array(text[..<4])) else { return nil }
        var rest = Array(text[4...])
        while let first = rest.first, " -/".unicodeScalars.contains(first) { rest.removeFirst() }
        if rest.count == 2, rest[0] == "Q", let q = digit(rest[1]), (1...4).contains(q) {
            return Date(month: year * 12 + (q - 1) * 3, length: 3)
        }
        if rest.count == 2, let a = digit(rest[0]), let b = digit(rest[1]), (1...12).contains(a * 10 + b),
           text.count > 4, " -/".unicodeScalars.contains(text[4]) {
            return Date(month: year * 12 + a * 10 + b - 1, length: 1)
        }
        return nil
    }

    /// The period numbers of labels read as `dates` when they are all dates of one kind (all
    /// quarters or all months): 1 for the earliest, and gaps kept (Q1, Q3 → 1, 3); nil otherwise.
    static func periodNumbers(_ dates: [Date?]) -> [Double]? {
        guard let kind = dates.first??.length, dates.allSatisfy({ $0?.length == kind }) else { return nil }
        let earliest = dates.map { $0!.month }.min()!
        return dates.map { Double(($0!.month - earliest) / kind + 1) }
    }

    private static func digit(_ c: Unicode.Scalar) -> Int? {
        ("0"..."9").contains(c) ? Int(c.value) - 48 : nil
    }

    /// A four-digit year, or a two-digit one written `'07` or `07`.
    private static func year(_ s: [Unicode.Scalar]) -> Int? {
        var s = s
        if s.first == "'" { s.removeFirst() }
        guard s.count == 2 || s.count == 4, s.allSatisfy({ digit($0) != nil }) else { return nil }
        let value = s.reduce(0) { $0 * 10 + digit($1)! }
        if s.count == 4 { return value }
        return value < 50 ? 2000 + value : 1900 + value
    }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
