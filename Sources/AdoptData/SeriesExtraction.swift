extension ObservationSet {
    /// Extracts and validates series from a table.
    ///
    /// Rules, each violation thrown as a bad-data `DataError` naming the line and column:
    ///
    /// - The named columns must exist (see `CSVTable.column(named:)`), and the
    ///   table must have at least one data row.
    /// - x is numeric when at least one x cell is written as a number; then every
    ///   x cell must be a finite number, and the first cell that is not is the
    ///   error. When no x cell is numeric (e.g. quarter labels like `Q3 '07`), the
    ///   distinct labels are numbered 1, 2, 3, … in order of first appearance in
    ///   the file and recorded in `xLabels`; empty labels are errors. Labels that are periods
    ///   (`PeriodLabel`: quarters, half-years, months or seasons) are numbered by their time from
    ///   the earliest, gaps kept, whatever the order of the rows; then every label must be a
    ///   period of the same kind, and two labels may not name the same period.
    /// - y must be a finite number and not negative, and 0 or within `fittableMagnitudes` (1e-100 to
    ///   1e100 in magnitude).
    /// - Rows are grouped by the text of the series column (which must not be
    ///   empty), series in order of first appearance; without a series column
    ///   there is one series named `nil`.
    /// - Each series is sorted by x ascending; two rows with the same x in one
    ///   series are an error on the later line that names the earlier one.
    /// - Numeric x written with two digits that run through 99 to 00 (`97`, `98`, `99`, `00`) are an
    ///   error at the row above the widest gap.
    ///
    /// Rows are checked in file order (x, then y, then series within a row), so
    /// the error reported is the first in the file; duplicate x values are
    /// checked after all rows, the earliest duplicate first.
    ///
    /// - Parameters:
    ///   - table: The parsed input.
    ///   - x: The name of the time column (numbers or period labels).
    ///   - y: The name of the adopters column.
    ///   - series: The name of the column that identifies series, if any.
    ///   - kind: `.adoption` (the default) applies the adoption rules above; `.regression`
    ///     (for a user formula, as R's `nls`) allows negative y and repeated x.
    ///   - skipsInvalidSeries: With a series column, a series whose own rows break a rule (a cell of
    ///     x or y, a duplicate x, two-digit years across 2000, a label that is no period among its
    ///     periods, months that are no regular periods, plain labels out of the file's order) is set
    ///     aside (`invalidSeries`, with its first problem in file order and the lines of the others)
    ///     rather than thrown, and the others are read as from the file without its rows. What no one
    ///     series owns still throws: the header (again, too), a missing column, an empty series name, x
    ///     of two kinds (a period label among numbers, series of plain labels beside series of periods),
    ///     periods of different lengths across series, or no series left.
    public init(table: CSVTable, x: String, y: String, series: String? = nil,
                kind: ObservationKind = .adoption, skipsInvalidSeries: Bool = false) throws(DataError) {
        let xColumn = try table.column(named: x)
        let yColumn = try table.column(named: y)
        var seriesColumn: CSVColumn?
        if let series { seriesColumn = try table.column(named: series) }
        let source = table.source
        let rows = table.rowCount
        try Self.checkCommentsAreNotRows(table, x: xColumn, y: yColumn, series: seriesColumn)
        guard rows > 0 else {
            throw DataError.bad(source, "no data rows: the input has a header but no records")
        }

        // Numeric or labelled x: numeric as soon as one cell is written as a number.
        let firstNumericRow = (0..<rows).first { xColumn.looksNumeric(atRow: $0) }
        var labelPositions: [String: Int] = [:]
        var labels: [String] = []
        var labelLines: [Int] = []

        // Names are told apart by their bytes: "é" precomposed and decomposed are one String to Swift,
        // two names to the programs the output goes back to (checkSeriesNamesApart refuses the pair).
        var groupOfKey: [[UInt8]: Int] = [:]
        var groupNames: [String?] = []
        var groups: [[Pending]] = []
        var firstLines: [Int] = []  // each group's first line in the file
        var lastKey: String?
        var lastGroup = 0
        if seriesColumn == nil {
            groupNames.append(nil)
            groups.append([])
            firstLines.append(table.line(ofRow: 0))
            groups[0].reserveCapacity(rows)
        }

        // Bulk conversion is fastest; when a column has a bad cell, the per-row
        // path below finds the first error in file order instead.
        let numericXs = firstNumericRow == nil ? nil : try? xColumn.doubles()
        let numericYs = try? yColumn.doubles()

        // The series of a row, made a group at its first row.
        func group(ofRow row: Int, line: Int) throws(DataError) -> Int {
            guard let seriesColumn else { return 0 }
            let key = seriesColumn[row]
            if let lastKey, key.utf8.elementsEqual(lastKey.utf8) { return lastGroup }
            if key.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" || DataError.isInvisible($0) }) {
                throw DataError.bad(
                    source, line: line, field: seriesColumn.name,
                    "empty series name; every row needs a value in the series column")
            }
            let bytes = Array(key.utf8)
            let group: Int
            if let existing = groupOfKey[bytes] {
                group = existing
            } else {
                group = groups.count
                groupOfKey[bytes] = group
                groupNames.append(key)
                groups.append([])
                firstLines.append(line)
            }
            lastKey = key
            lastGroup = group
            return group
        }
        // --skip-invalid: each set-aside series' first problem in file order, and the lines of all its problems.
        let setsAside = skipsInvalidSeries && seriesColumn != nil
        var problems: [Int: (error: DataError, lines: [Int])] = [:]
        func setAside(_ group: Int, _ error: DataError) {
            guard let known = problems[group] else {
                problems[group] = (error, [error.line ?? 0])
                return
            }
            if (error.line ?? 0) < (known.error.line ?? 0) { problems[group]!.error = error }
            problems[group]!.lines.append(error.line ?? 0)
        }

        for row in 0..<rows {
            let line = table.line(ofRow: row)
            // x, then y: a problem in either is the row's own, and its series' where the file has others.
            // What the file owns instead: the header again (files joined end to end), a period label
            // among numbers (x of two kinds, which the first numeric cell decides for the whole file).
            var xValue = 0.0, yValue = 0.0
            var ownedByFile = false
            do throws(DataError) {
                if let numericXs {
                    xValue = numericXs[row]
                } else if let firstNumericRow {
                    do {
                        xValue = try xColumn.double(atRow: row)
                    } catch var error {
                        if Self.isHeader(xColumn, row: row) {
                            // The header again, with a second byte order mark where the files were saved as "CSV UTF-8".
                            error.message = "\(DataError.quote(xColumn[row])) is the x column's name: this looks like a second "
                                + "header line (files joined?); remove it"
                            ownedByFile = true
                        } else if !xColumn.looksNumeric(atRow: row), !xColumn[row].isEmpty {
                            error.message += "; x must be all numbers or all period labels, and "
                                + "\(DataError.quote(xColumn[firstNumericRow])) on line "
                                + "\(table.line(ofRow: firstNumericRow)) is a number"
                            ownedByFile = PeriodLabel.dates([xColumn[row]])[0] != nil
                        }
                        throw error
                    }
                } else {
                    let label = xColumn[row]
                    if label.allSatisfy({ $0 == " " || $0 == "\t" }) {
                        throw DataError.bad(source, line: line, field: x, "empty cell; expected a period label")
                    }
                    // A spreadsheet's error value is no label: read as one it would be a period of its own.
                    if Self.spreadsheetErrors.contains(label.withoutBlanksAround().uppercased()) {
                        throw DataError.bad(source, line: line, field: x,
                                            "\(DataError.quote(label)) is a spreadsheet error value, not a period label: mend the cell, or leave its row out")
                    }
                    if let position = labelPositions[label] {
                        xValue = Double(position)
                    } else {
                        labels.append(label)
                        labelLines.append(line)
                        labelPositions[label] = labels.count
                        xValue = Double(labels.count)
                    }
                }
                if let numericYs { yValue = numericYs[row] } else { yValue = try yColumn.double(atRow: row) }
                if yValue < 0 && kind == .adoption {
                    throw DataError.bad(
                        source, line: line, field: y,
                        "negative adopters: \(DataError.quote(yColumn[row])) is below zero")
                }
                if !Self.isFittable(yValue) {
                    throw DataError.bad(source, line: line, field: y, Self.unfittableMessage(yColumn[row], yValue))
                }
            } catch {
                guard setsAside, !ownedByFile, !Self.isHeader(yColumn, row: row) else { throw error }
                // An empty series name is thrown here: a row no series owns.
                setAside(try group(ofRow: row, line: line), error)
                continue
            }
            let group = try group(ofRow: row, line: line)
            groups[group].append(Pending(x: xValue, y: yValue, row: row, line: line,
                                         label: firstNumericRow == nil ? Int(xValue) - 1 : 0))
        }

        let usesLabels = firstNumericRow == nil
        var numbers: [Double]? = nil
        if usesLabels, setsAside {
            // With --skip-invalid the labels are numbered as in the file without the rows of the series set
            // aside: their rows, and the labels only they name, take no part. A series set aside while they
            // are numbered (its months no regular periods, its plain labels out of order) has them numbered
            // again without it.
            // Sets aside the series (those `setAsideBefore` says were, or were not, set aside already) one of
            // whose labels is a problem of its own (`labelProblem`).
            func screenLabels(setAsideBefore: Bool) {
                let dates = PeriodLabel.dates(labels), firstPeriod = dates.firstIndex { $0 != nil }
                for g in groups.indices where (problems[g] != nil) == setAsideBefore {
                    let hasPeriods = groups[g].contains { dates[$0.label] != nil }
                    for point in groups[g] {
                        if let message = Self.labelProblem(point.label, labels, lines: labelLines, dates: dates,
                                                           firstPeriod: firstPeriod, hasPeriods: hasPeriods) {
                            setAside(g, DataError.bad(source, line: point.line, field: x, message))
                        }
                    }
                }
            }
            // The series set aside for their rows: their labels' problems are theirs too, and listed with them.
            if !problems.isEmpty { screenLabels(setAsideBefore: true) }
            while true {
                let before = problems.count
                if before > 0 { Self.relabel(&labels, lines: &labelLines, &groups, without: { problems[$0] != nil }) }
                // A label twice in a series (the duplicate check below, made here so that the series takes no
                // part in the numbering), and a total row: the series' own, whatever the other labels.
                for g in groups.indices where problems[g] == nil {
                    var seen: [Int: Pending] = [:]
                    for point in groups[g] {
                        if Self.isTotalWord(labels[point.label]) {
                            setAside(g, DataError.bad(source, line: point.line, field: x, Self.totalRowLabel(labels[point.label])))
                        } else if let first = seen[point.label], kind == .adoption {
                            setAside(g, DataError.bad(source, line: point.line, field: x,
                                                      Self.duplicateMessage(xColumn[point.row], series: groupNames[g], first: first, second: point)))
                        } else {
                            seen[point.label] = point
                        }
                    }
                }
                if problems.count > before { continue }
                // Then a label that is no period among periods, with the labels of those series left out.
                screenLabels(setAsideBefore: false)
                if problems.count > before { continue }
                numbers = try Self.numberLabels(labels, lines: labelLines, groups: &groups, names: groupNames, source: source, field: x,
                                                setAside: setAside, isSetAside: { problems[$0] != nil })
                if problems.count == before { break }
            }
        } else if usesLabels {
            numbers = try Self.numberLabels(labels, lines: labelLines, groups: &groups, names: groupNames, source: source, field: x)
        }

        // Sort each series by x and find duplicate x values (reporting the earliest; with --skip-invalid,
        // each series' earliest, which sets it aside).
        var duplicate: (line: Int, message: String, rows: (Int, Int))?
        for g in groups.indices {
            groups[g].sort { Observation.precedes(($0.x, $0.line), ($1.x, $1.line)) }
            let points = groups[g]
            var own: (line: Int, message: String, rows: (Int, Int))?
            var lines: [Int] = []
            for k in points.indices.dropFirst() where points[k].x == points[k - 1].x {
                let (first, second) = points[k - 1].line < points[k].line
                    ? (points[k - 1], points[k]) : (points[k], points[k - 1])
                lines.append(second.line)
                if let own, own.line <= second.line { continue }
                own = (second.line, Self.duplicateMessage(xColumn[second.row], series: groupNames[g], first: first, second: second),
                       (first.row, second.row))
            }
            guard let own, kind == .adoption else { continue }
            if setsAside {
                setAside(g, DataError.bad(source, line: own.line, field: x, own.message))
                problems[g]!.lines += lines.filter { $0 != own.line }
            } else if duplicate.map({ own.line < $0.line }) ?? true {
                duplicate = own
            }
        }
        if var duplicate {
            // Several series in one file, fitted without --series: a column of names tells the rows apart.
            if seriesColumn == nil, let names = Self.columnTellingApart(table, duplicate.rows, except: [xColumn.index, yColumn.index]) {
                duplicate.message += "; column \(DataError.quote(names)) tells the two rows apart: if the file holds several "
                    + "series, give \(DataError.optionText("--series", names))"
            }
            throw DataError.bad(source, line: duplicate.line, field: x, duplicate.message)
        }
        // Two-digit years that run through 99 to 00, written with two digits (97, 00, 07).
        if !usesLabels {
            for g in groups.indices where problems[g] == nil {
                guard let k = Observation.centuryGap(count: groups[g].count, x: { groups[g][$0].x }),
                      groups[g].allSatisfy({ Self.isTwoDigits(xColumn[$0.row]) }) else { continue }
                let (low, high) = (groups[g][k - 1], groups[g][k])
                let error = DataError.bad(
                    source, line: high.line, field: x,
                    "\(DataError.quote(xColumn[high.row])) comes \(Int(high.x - low.x)) after "
                        + "\(DataError.quote(xColumn[low.row])) (line \(low.line))"
                        + "\(groupNames[g].map { " in series \(DataError.quote($0))" } ?? ""), with nothing between: "
                        + "two-digit years across 2000 would read as a century apart; write the years with four digits "
                        + "(or, for periods that are not years, number them from 1)")
                guard setsAside else { throw error }
                setAside(g, error)
            }
        }

        var built: [Series] = []
        var invalid: [InvalidSeries] = []
        built.reserveCapacity(groups.count)
        for (g, points) in groups.enumerated() {
            if let problem = problems[g] {
                var more = problem.lines.sorted()
                more.remove(at: more.firstIndex(of: problem.error.line ?? 0)!)
                invalid.append(InvalidSeries(name: groupNames[g] ?? "", position: g, firstLine: firstLines[g], problem: problem.error,
                                             moreLines: more))
                continue
            }
            let observations = points.map { point in Observation(x: point.x, y: point.y, line: point.line) }
            built.append(Series(name: groupNames[g], observations: observations))
        }
        // Nothing left to read: the file's first problem stops the run, as without --skip-invalid.
        if built.isEmpty, let first = invalid.min(by: { ($0.problem.line ?? 0) < ($1.problem.line ?? 0) }) {
            var error = first.problem
            error.message += invalid.count == 1 ? " (the file's one series has bad data)"
                : " (no series of the file is left to fit: each of its \(invalid.count) has bad data)"
            throw error
        }
        var xLabels: [String]? = usesLabels ? labels : nil
        if let numbers, let last = numbers.max() {
            var spaced = [String](repeating: "", count: Int(last))
            for (label, number) in zip(labels, numbers) { spaced[Int(number) - 1] = label }
            xLabels = spaced
        }
        self.init(
            source: source, xColumn: x, yColumn: y, seriesColumn: series,
            series: built, xLabels: xLabels)
        commentLines = table.commentLines
        invalidSeries = invalid
    }

    /// A problem of one series' own, thrown where `--skip-invalid` would set `setAside` series aside (this
    /// one among them) and go on with the `left` others: the option named. `read`: the count is the
    /// reading's, before the checks for fitting (which may set more aside).
    public static func withSkipHint(_ error: DataError, setAside: Int, left: Int, read: Bool = false) -> DataError {
        var hinted = error
        hinted.message += " (--skip-invalid reports this series" + (setAside > 1 ? " and \(setAside - 1) more" : "")
            + (read ? " as not fitted, and reads the other \(left), whose checks for fitting follow)"
               : " as not fitted, and goes on with the other \(left))")
        return hinted
    }

    /// Leaves out the rows of the series `without` names, and the labels no other row names; the others
    /// renumbered by their first line among the rows left (each row's `label` and `x`, its position from 1),
    /// as a file without those rows would number them.
    private static func relabel(_ labels: inout [String], lines labelLines: inout [Int], _ groups: inout [[Pending]],
                                without: (Int) -> Bool) {
        for g in groups.indices where without(g) { groups[g] = [] }
        var firstLine = [Int](repeating: .max, count: labels.count)
        for points in groups { for point in points { firstLine[point.label] = min(firstLine[point.label], point.line) } }
        let order = labels.indices.filter { firstLine[$0] != .max }.sorted { firstLine[$0] < firstLine[$1] }
        var renumbered = [Int](repeating: -1, count: labels.count)
        for (position, label) in order.enumerated() { renumbered[label] = position }
        labels = order.map { labels[$0] }
        labelLines = order.map { firstLine[$0] }
        for g in groups.indices {
            for k in groups[g].indices {
                groups[g][k].label = renumbered[groups[g][k].label]
                groups[g][k].x = Double(groups[g][k].label + 1)
            }
        }
    }

    /// Why label `j` is its series' own problem, with `--skip-invalid`, or nil: a total row; a label that is
    /// no period among periods where the series (`hasPeriods`) has periods too, or that names none (2015Q5).
    /// Else a label that is no period beside periods is the file's x of two kinds, which `numberLabels` refuses.
    /// `firstPeriod`: the first of `labels` that is a period (nil for none).
    private static func labelProblem(_ j: Int, _ labels: [String], lines labelLines: [Int], dates: [PeriodLabel.Date?],
                                     firstPeriod: Int?, hasPeriods: Bool) -> String? {
        if isTotalWord(labels[j]) { return totalRowLabel(labels[j]) }
        guard dates[j] == nil, let k = firstPeriod, hasPeriods || PeriodLabel.impossiblePart(labels[j]) != nil else { return nil }
        return notAPeriod(labels, bad: j, like: k, lines: labelLines, dates: dates)
    }

    /// A label that is a total row's.
    private static func totalRowLabel(_ label: String) -> String {
        "\(DataError.quote(label)) looks like a total row, not a period: remove it"
    }

    /// The message for a duplicate x, `cell` as the later row writes it.
    private static func duplicateMessage(_ cell: String, series: String?, first: Pending, second: Pending) -> String {
        var message = "duplicate x \(DataError.quote(cell))"
        if let series { message += " in series \(DataError.quote(series))" }
        return message + "; it already appears on line \(first.line)"
            + (first.y == second.y ? ", with the same value: the row given twice (files joined?)" : "")
    }

    /// The ways of writing periods that adopt reads, for messages.
    static let periodForms = "quarters as 2025Q1, months as 2025-03, years as numbers"

    /// Why `labels[bad]` is no period like `labels[like]` (both of `dates`, the labels' periods).
    static func notAPeriod(_ labels: [String], bad: Int, like k: Int, lines labelLines: [Int], dates: [PeriodLabel.Date?]) -> String {
        let first = dates[k]!
        let unpadded = first.length == 1 && PeriodLabel.isUnpaddedMonth(labels[bad])
        if !PeriodLabel.isSeason(labels[k]), let why = PeriodLabel.impossiblePart(labels[bad]) {
            return "\(DataError.quote(labels[bad])) names no period: \(why)"
        }
        return "\(DataError.quote(labels[bad])) is not a period like \(DataError.quote(labels[k])) (line \(labelLines[k])), "
            + "\(first.kind): "
            + (unpadded ? "write months with two digits (2024-01)"
               : first.length == 12 && PeriodLabel.isSeason(labels[k])
               ? "write a season as two years in a row (2015-16 or 2015/2016)"
               : "label every row with a period (\(periodForms)), or none, so that the order of time is known")
    }

    /// Whether a row's cell of `column` is the column's name (blanks and a byte order mark aside): the
    /// header again, as files joined end to end leave it.
    static func isHeader(_ column: CSVColumn, row: Int) -> Bool {
        let cell = column[row].withoutBlanksAround()
        return cell == column.name || (cell.unicodeScalars.first == "\u{FEFF}" && String(cell.unicodeScalars.dropFirst()) == column.name)
    }

    /// Numbers labelled x (`groups`' x are the labels' positions in `labels` on entry): periods by
    /// their time, other labels by first appearance. Returns each label's period number, or nil
    /// for labels that are not periods (their positions stand).
    ///
    /// - Throws: `DataError` (bad data) at the first label whose reading cannot be trusted.
    ///
    /// `setAside` (--skip-invalid): a problem of one series' own, in its months or the order of its plain
    /// labels, sets it aside rather than being thrown; `isSetAside` tells the series already set aside,
    /// which take no part in those checks.
    private static func numberLabels(_ labels: [String], lines labelLines: [Int], groups: inout [[Pending]],
                                     names groupNames: [String?], source: String, field x: String,
                                     setAside: ((Int, DataError) -> Void)? = nil,
                                     isSetAside: (Int) -> Bool = { _ in false }) throws(DataError) -> [Double]? {
        // A problem of series g's own: set aside, or thrown. Once one is set aside, the labels are numbered
        // again without it (the caller's loop): the checks across series wait for that.
        var setsAsideOne = false
        func own(_ g: Int, _ error: DataError) throws(DataError) {
            guard let setAside else { throw error }
            setAside(g, error)
            setsAsideOne = true
        }
        // Periods (quarters, half-years, months or seasons, all of one kind) are numbered by their
        // time from the earliest, so that rows may come in any order and a period no row names
        // still counts (Q1, Q3 → 1, 3). Labels none of which is a period keep their order of
        // first appearance. A mixture is an error: its order could not be trusted.
        // A total row (a spreadsheet's last line) is no period: as a label it would be one more.
        if let k = labels.firstIndex(where: Self.isTotalWord) {
            throw DataError.bad(source, line: labelLines[k], field: x,
                                "\(DataError.quote(labels[k])) looks like a total row, not a period: remove it")
        }
        let dates = PeriodLabel.dates(labels)
        if let k = dates.firstIndex(where: { $0 != nil }), let first = dates[k] {
            if let bad = dates.firstIndex(where: { $0 == nil }) {
                throw DataError.bad(source, line: labelLines[bad], field: x, notAPeriod(labels, bad: bad, like: k, lines: labelLines, dates: dates))
            }
            if let other = dates.firstIndex(where: { $0!.length != first.length }) {
                throw DataError.bad(
                    source, line: labelLines[other], field: x,
                    "\(DataError.quote(labels[other])) is \(dates[other]!.kind), and \(DataError.quote(labels[k])) "
                        + "(line \(labelLines[k])) \(first.kind): give every row the same kind of period")
            }
        }
        // Labels that look like dates but are no period adopt reads (12/1/2024, Mar 15): their order
        // of appearance would be trusted silently.
        if dates.allSatisfy({ $0 == nil }), let k = labels.firstIndex(where: PeriodLabel.looksLikeDate) {
            throw DataError.bad(
                source, line: labelLines[k], field: x,
                "\(DataError.quote(labels[k])) looks like a date but is not a period adopt reads (\(periodForms)); "
                    + "write the periods so, or number them (1, 2, …)")
        }
        // Months all a quarter, half-year or year apart are periods of that length, decided series by
        // series: the series must agree, date their periods by the same month, and be regular.
        var step: Int? = nil
        if let first = dates.first ?? nil, first.length == 1 {
            var steps: [(group: Int, step: Int)] = []
            for g in groups.indices where !isSetAside(g) {
                let months = Set(groups[g].map { dates[$0.label]!.month }).sorted()
                guard months.count >= 2 else { continue }
                let gaps = zip(months, months.dropFirst()).map { $1 - $0 }
                let length = PeriodLabel.periodLength(gaps: gaps)
                if length == 1, months.count >= 3, gaps.allSatisfy({ $0 >= 3 }) {
                    let at = groups[g].first { dates[$0.label]!.month == months[1] }!
                    try own(g, DataError.bad(
                        source, line: at.line, field: x,
                        "the dates\(groupNames[g].map { " of series \(DataError.quote($0))" } ?? "") are months apart "
                            + "but not whole quarters or years (\(DataError.quote(labels[at.label])) is \(gaps[0]) months after "
                            + "the one before): give the periods as numbers (years, or 1, 2, …) or as quarters (2025Q1)"))
                    continue
                }
                // Months all an even two (or 4, 5, …) apart are no monthly series with gaps but a
                // series of longer periods adopt does not read (two-month totals fitted as one month's).
                let spacing = PeriodLabel.spacing(gaps)
                if length == 1, months.count >= 3, spacing >= 2 {
                    let at = groups[g].first { dates[$0.label]!.month == months[1] }!
                    try own(g, DataError.bad(
                        source, line: at.line, field: x,
                        "the dates\(groupNames[g].map { " of series \(DataError.quote($0))" } ?? "") are all a multiple of "
                            + "\(spacing) months apart (\(DataError.quote(labels[at.label])) is \(gaps[0]) months after the one "
                            + "before): periods of \(spacing) months are not read as such; give the periods as numbers "
                            + "(1, 2, …) or one row per month"))
                    continue
                }
                // Dates mostly a quarter, half-year or year apart with an odd step among them (4 then 2
                // months) are such periods with one dated off by a month, not months with gaps: read as
                // months, each period's total would be fitted as a single month's.
                if length == 1, months.count >= 3, let usual = PeriodLabel.usualGap(gaps), [3, 6, 12].contains(usual),
                   let odd = gaps.firstIndex(where: { $0 != usual }) {
                    let at = groups[g].first { dates[$0.label]!.month == months[odd + 1] }!
                    try own(g, DataError.bad(
                        source, line: at.line, field: x,
                        "the dates\(groupNames[g].map { " of series \(DataError.quote($0))" } ?? "") are mostly \(usual) "
                            + "months apart, but \(DataError.quote(labels[at.label])) is \(gaps[odd]) months after the one before: "
                            + "date every period by the same month (or label quarters as 2025Q1), or give one row per month"))
                    continue
                }
                steps.append((g, length))
            }
            if setsAsideOne { return nil }
            if let a = steps.first, let b = steps.first(where: { $0.step != a.step }) {
                func name(_ g: Int) -> String { groupNames[g].map { "series \(DataError.quote($0))" } ?? "the series" }
                func every(_ n: Int) -> String { n == 1 ? "every month" : "every \(n) months" }
                throw DataError.bad(
                    source, line: groups[b.group][0].line, field: x,
                    "\(name(b.group)) has periods \(every(b.step)), and \(name(a.group)) \(every(a.step)): fit series of "
                        + "different frequencies from separate files, or label quarters as 2025Q1")
            }
            step = steps.first?.step
            if let step, step > 1, let earliest = dates.compactMap({ $0?.month }).min(),
               let k = dates.indices.first(where: { (dates[$0]!.month - earliest) % step != 0 }) {
                throw DataError.bad(
                    source, line: labelLines[k], field: x,
                    "\(DataError.quote(labels[k])) does not fall on the \(step)-month periods the other dates mark: date "
                        + "every period by the same month, or give the periods as numbers")
            }
        }
        let numbers = PeriodLabel.periodNumbers(dates, step: step)
        if numbers != nil {
            // Two-digit years (read as 1950–2049) that put the labels more than 50 years apart are
            // more likely a series crossing 1950 or 2050 than one spanning a century.
            // The row named is the first in the file more than 50 years after the earliest label.
            if dates.contains(where: { $0!.twoDigitYear }), let lo = dates.indices.min(by: { dates[$0]!.month < dates[$1]!.month }),
               let far = dates.indices.filter({ dates[$0]!.month - dates[lo]!.month > 50 * 12 }).min(by: { labelLines[$0] < labelLines[$1] }) {
                throw DataError.bad(
                    source, line: labelLines[far], field: x,
                    "two-digit years are ambiguous here: read as 1950–2049, they put \(DataError.quote(labels[far])) "
                        + "(\(dates[far]!.month / 12)) more than 50 years after \(DataError.quote(labels[lo])) (line "
                        + "\(labelLines[lo]), \(dates[lo]!.month / 12)); write the years with four digits")
            }
        }
        if let numbers {
            // Two spellings of one period (2025Q1, Q1 2025; two days of one month) would be one x.
            var seen: [Double: Int] = [:]
            for (k, number) in numbers.enumerated() {
                if let earlier = seen[number] {
                    throw DataError.bad(
                        source, line: labelLines[k], field: x,
                        "\(DataError.quote(labels[k])) names the same period as \(DataError.quote(labels[earlier])) "
                            + "(line \(labelLines[earlier]))"
                            + (dates[k]!.hasDay ? ": a date stands for its month; give one row per month, or number the periods"
                               : ": spell each period one way"))
                }
                seen[number] = k
            }
            for g in groups.indices {
                for k in groups[g].indices { groups[g][k].x = numbers[groups[g][k].label] }
            }
        } else {
            // Plain labels that each carry one number (Year 1, wave 3) are trusted in file order only
            // when their numbers run the same way.
            // With --skip-invalid, a series whose own rows run against their numbers is its own problem first.
            if setAside != nil, let carried = PeriodLabel.soleNumbers(labels) {
                for g in groups.indices where !isSetAside(g) {
                    guard let k = groups[g].indices.dropFirst().first(where: {
                        carried[groups[g][$0].label] < carried[groups[g][$0 - 1].label] }) else { continue }
                    let (before, at) = (groups[g][k - 1], groups[g][k])
                    try own(g, DataError.bad(
                        source, line: at.line, field: x,
                        "\(DataError.quote(labels[at.label])) comes after \(DataError.quote(labels[before.label])) (line \(before.line)) in series "
                            + "\(DataError.quote(groupNames[g] ?? "")), against the order of their numbers: give the rows in order"))
                }
                if setsAsideOne { return nil }
            }
            if let carried = PeriodLabel.soleNumbers(labels),
               let k = carried.indices.dropFirst().first(where: { carried[$0] <= carried[$0 - 1] }) {
                throw DataError.bad(
                    source, line: labelLines[k], field: x,
                    "\(DataError.quote(labels[k])) first appears after \(DataError.quote(labels[k - 1])) (line \(labelLines[k - 1])), "
                        + "against the order of their numbers: labels that are not periods are numbered in order of first "
                        + "appearance; number the periods (1, 2, …) or give the rows in order")
            }
            // Plain labels are numbered by first appearance in the file: each series must then list
            // them in that order (a later series may not put a label first that an earlier one put later).
            // (A label repeated in a series is left to the duplicate check below.)
            for g in groups.indices where !isSetAside(g) {
                var seen: Set<Double> = []
                for k in groups[g].indices {
                    let repeated = !seen.insert(groups[g][k].x).inserted
                    guard k > 0, !repeated, groups[g][k].x < groups[g][k - 1].x else { continue }
                    let (before, at) = (groups[g][k - 1], groups[g][k])
                    var message = "\(DataError.quote(labels[at.label])) comes after \(DataError.quote(labels[before.label])) "
                        + "(line \(before.line))"
                    if let name = groupNames[g] { message += " in series \(DataError.quote(name))" }
                    message += ", but first appears before it in the file: labels that are not periods are numbered "
                        + "in order of first appearance, so every series must list them in that order"
                    try own(g, DataError.bad(source, line: at.line, field: x, message))
                    break
                }
            }
        }
        return numbers
    }
}

extension ObservationSet {
    /// The magnitudes of y that fits take, besides 0: a least-squares fit squares its residuals, and
    /// beyond these (about 1e±150 with the residuals a series has) the sum of squares overflows or
    /// sinks into the subnormals, where a fit would be reported converged with a zero standard error.
    /// Two hundred orders of magnitude hold any count or amount in any unit.
    public static let fittableMagnitudes: ClosedRange<Double> = 1e-100...1e100

    /// Whether `y` is 0 or of a magnitude within `fittableMagnitudes`.
    @inline(__always)
    static func isFittable(_ y: Double) -> Bool {
        y == 0 || fittableMagnitudes.contains(y.magnitude)
    }

    /// The error for a y cell written `text`, read as `y`, that is not fittable.
    static func unfittableMessage(_ text: String, _ y: Double) -> String {
        "\(DataError.quote(text)) is too \(y.magnitude > 1 ? "large" : "small") to fit: adopt fits values from 1e-100 "
            + "to 1e100 in magnitude, and 0; rescale the column (a power of ten, as in thousands or millions)"
    }
}

/// What the observations are, which decides the checks they get.
public enum ObservationKind: Sendable, Equatable {
    /// Adopters over time: y ≥ 0 and one observation per period in each series.
    case adoption
    /// General regression data for a formula: any finite y (0 or within `fittableMagnitudes`), x may repeat.
    case regression
}

extension ObservationSet {
    /// Refuses two series whose names differ only in blanks around them, in invisible characters (a
    /// no-break or zero-width space pasted in), in letter case or in how an accented letter is encoded
    /// (`dryers` and `dryers `, as a spreadsheet leaves them; `Dryers`; `café` precomposed and with a
    /// combining accent): one series spelled two ways would be fitted as two. The error is at the later
    /// one's first row.
    /// The series set aside (`invalidSeries`) count too: one spelling's bad data do not make the other's rows a series.
    public func checkSeriesNamesApart() throws(DataError) {
        guard let column = seriesColumn else { return }
        // Names with no blank at either end, no capital and no byte beyond ASCII are their own keys,
        // distinct as the series are: only another spelling can collide with one of them.
        guard series.contains(where: { $0.name.map { !Self.isOwnKey($0) } ?? false })
                || invalidSeries.contains(where: { !Self.isOwnKey($0.name) }) else { return }
        // Each series' name and first line, in file order.
        var named = series.compactMap { s in s.name.map { (name: $0, line: s.lines.min() ?? 0) } }
        if !invalidSeries.isEmpty {
            named += invalidSeries.map { ($0.name, $0.firstLine) }
            named.sort { $0.line < $1.line }
        }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(named.count)
        for (k, s) in named.enumerated() {
            // A String key: canonically equivalent spellings (composed and decomposed accents) are one key.
            let key = DataError.visible(s.name).lowercased()
            if let j = seen[key] {
                let other = named[j]
                let how = Self.spellingDifference(s.name, other.name)
                throw DataError.bad(
                    source, line: s.line, field: column,
                    "series \(DataError.quote(s.name)) and \(DataError.quote(other.name)) (line \(other.line)) differ only "
                        + "\(how): one series spelled two ways would be fitted as two; spell it one way, or name the series apart")
            }
            seen[key] = k
        }
    }

    /// How two names that `checkSeriesNamesApart` keys alike differ: "in letter case and blanks around
    /// the name", and so on.
    static func spellingDifference(_ a: String, _ b: String) -> String {
        var ways: [String] = []
        if a.unicodeScalars.contains(where: DataError.isInvisible) || b.unicodeScalars.contains(where: DataError.isInvisible) {
            ways.append("an invisible character (a no-break or zero-width space)")
        }
        let (va, vb) = (DataError.visible(a), DataError.visible(b))
        func blanksAround(_ s: String) -> Bool { s.unicodeScalars.first.map { $0 == " " || $0 == "\t" } == true
            || s.unicodeScalars.last.map { $0 == " " || $0 == "\t" } == true }
        if va != vb { ways.append("letter case") }
        if blanksAround(a) || blanksAround(b) { ways.append("blanks around the name") }
        // Equal as text, not as bytes: an accented letter precomposed in one, a base letter and a
        // combining accent in the other.
        if va == vb && !va.utf8.elementsEqual(vb.utf8) || ways.isEmpty {
            ways.append("how an accented letter is encoded (precomposed or with a combining accent)")
        }
        return "in " + ways.joined(separator: " and ")
    }

    /// Refuses a series named as a total (`Total`, `All`, `Sum`, …: `totalWords`) whose value at each
    /// of its x is the sum of the other series' there, to 1e-3: a spreadsheet's total row kept as a
    /// series, whose adopters the others already count (a sum of the fitted curves, or a ranking
    /// across series, would count them twice). A series so named that is not their sum (a market
    /// fitted beside its segments, over other years) is fitted as any other.
    public func checkNoTotalSeries() throws(DataError) {
        if let (_, error) = totalSeries() { throw error }
    }

    /// The first series named as a total that is the sum of the others (`checkNoTotalSeries`), with the error.
    func totalSeries() -> (index: Int, error: DataError)? {
        guard let column = seriesColumn, series.count >= 2 else { return nil }
        // By index: a copy of each series would retain its arrays.
        for k in series.indices {
            guard let name = series[k].name, name.utf8.count <= 16, Self.isTotalWord(name) else { continue }
            let s = series[k]
            var sums: [Double: Double] = [:]
            for (j, other) in series.enumerated() where j != k {
                for o in other.observations { sums[o.x, default: 0] += o.y }
            }
            let isSum = s.observations.allSatisfy { o in
                guard let total = sums[o.x] else { return false }
                return abs(o.y - total) <= 1e-3 * max(abs(o.y), abs(total))
            }
            if isSum {
                return (k, DataError.bad(
                    source, line: s.lines.min(), field: column,
                    "series \(DataError.quote(name)) is the sum of the other series at each of its periods: a total row, whose "
                        + "adopters the others already count; remove it, or fit it in a file of its own"))
            }
        }
        return nil
    }

    /// `--skip-invalid`'s reading of series named as a total (`Total`, `All`, …): one that is the sum of the
    /// others is set aside as `checkNoTotalSeries` would refuse it; where series were set aside for bad data,
    /// one so named is set aside too, as whether it is their sum cannot be told.
    public mutating func setAsideTotalSeries() {
        guard seriesColumn != nil, !series.isEmpty else { return }
        if invalidSeries.isEmpty {
            if let (k, error) = totalSeries() { setAside(seriesAt: k, error) }
            return
        }
        let aside = invalidSeries.prefix(3).map { DataError.quote($0.name) }.joined(separator: ", ") + (invalidSeries.count > 3 ? ", …" : "")
        for k in series.indices.reversed() {
            guard let name = series[k].name, name.utf8.count <= 16, Self.isTotalWord(name), series.count > 1 else { continue }
            setAside(seriesAt: k, DataError.bad(
                source, line: series[k].lines.min(), field: seriesColumn,
                "series \(DataError.quote(name)) is named as a total, beside series set aside for bad data (\(aside)): whether it "
                    + "is the sum of the others cannot be told; fit it in a file of its own"))
        }
    }

    /// Moves `series[k]` to `invalidSeries`, in its place among all the file's series.
    mutating func setAside(seriesAt k: Int, _ problem: DataError) {
        // The positions the series read hold: those the series set aside do not, in order.
        let taken = Set(invalidSeries.map(\.position))
        let position = (0..<(series.count + invalidSeries.count)).lazy.filter { !taken.contains($0) }.dropFirst(k).first!
        let removed = series.remove(at: k)
        let entry = InvalidSeries(name: removed.name ?? "", position: position, firstLine: removed.lines.min() ?? 0, problem: problem)
        invalidSeries.insert(entry, at: invalidSeries.firstIndex { $0.position > position } ?? invalidSeries.endIndex)
    }

    /// Labels of a spreadsheet's total row.
    static let totalWords: Set<String> = ["total", "totals", "total:", "grand total", "sum", "all", "overall", "cumulative"]
    private static let totalWordBytes: [[UInt8]] = totalWords.map { Array($0.utf8) }

    /// Whether `name`, blanks around it aside and in lower case, is one of `totalWords`. An ASCII name
    /// (nearly every series name; its blanks, characters and lower case are its bytes') is compared
    /// byte by byte, which makes no string: a file of 100,000 series asks this of every one.
    static func isTotalWord(_ name: String) -> Bool {
        let ascii = name.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            func isBlank(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
            var low = 0, high = bytes.count
            while low < high, isBlank(bytes[low]) { low += 1 }
            while high > low, isBlank(bytes[high - 1]) { high -= 1 }
            func lowered(_ b: UInt8) -> UInt8 { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b) ? b + 32 : b }
            return totalWordBytes.contains { word in
                word.count == high - low && word.indices.allSatisfy { lowered(bytes[low + $0]) == word[$0] }
            }
        }
        if let ascii, let answer = ascii { return answer }
        return totalWords.contains(name.withoutBlanksAround().lowercased())
    }

    /// A name that `checkSeriesNamesApart` would not change: ASCII, no capital, no blank at either end.
    static func isOwnKey(_ name: String) -> Bool {
        let bytes = name.utf8
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            return false
        }
        return !bytes.contains { $0 >= 0x80 || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    /// A cell of exactly two ASCII digits, blanks around it aside: how two-digit years are written.
    /// Spreadsheet error values (Excel, LibreOffice, Google Sheets): each starts with `#`.
    static let spreadsheetErrors: Set<String> = [
        "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!", "#FIELD!",
        "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#GETTING_DATA", "#ERROR!",
    ]

    /// A line after the header that starts with `#` is a comment. One that has as many fields as
    /// the header and numbers in the x and y columns (a series named `#1 …`, written without quotes)
    /// or a spreadsheet error value in its first field (`#REF!`) is a data row: skipping it would
    /// lose the row without a word, so it is an error.
    static func checkCommentsAreNotRows(_ table: CSVTable, x: CSVColumn, y: CSVColumn,
                                        series: CSVColumn?) throws(DataError) {
        // Rows of a series whose name begins with '#', written without quotes: two or more comment
        // lines with the same first cell, in the series column, that read as rows of data (an x of the
        // file's kind, a number for y), under a name that is no series of the file once its '#' is
        // taken off. A commented-out row ('#' put before a row of a series that the file holds, a lone
        // such line, '# ' or '##' as people comment) stays a comment: the reports name every line
        // skipped so.
        var seriesLike: [String: [(line: Int, x: String, y: String)]] = [:]
        var order: [String] = []
        // The file's x is numeric when its first row's is; labelled, a comment's x must be one of its labels.
        // (With no data rows at all, any x will do.)
        let numericX = table.rowCount == 0 || x.looksNumeric(atRow: 0)
        // The labels and whether they are dates, read once if a comment needs them.
        var labels: (all: Set<String>, dated: Bool)? = nil
        func isOfXKind(_ cell: String) -> Bool {
            if table.rowCount == 0 { return !cell.isEmpty }
            if numericX { return (try? NumberParsing.parseDouble(cell)) != nil }
            if labels == nil {
                labels = (Set(x.strings().map { String($0.withoutBlanksAround()) }),
                          PeriodLabel.date(String(x[0].withoutBlanksAround())) != nil)
            }
            // One of the file's labels, or another period of the same kind (2019Q3 in a file of 2020 quarters).
            return labels!.all.contains(cell) || (labels!.dated && PeriodLabel.date(cell) != nil)
        }
        for (line, text) in zip(table.commentLines, table.commentTexts) {
            let fields = fieldsOf(text)
            guard fields.count == table.columnCount else { continue }
            let first = String(fields[0].withoutBlanksAround())
            if spreadsheetErrors.contains(first.uppercased()) {
                throw DataError.bad(
                    table.source, line: line, field: table.columnNames[0],
                    "\(DataError.quote(first)) is a spreadsheet error value, and a line that starts with '#' is skipped "
                        + "as a comment, so the row would be lost; mend the cell in the spreadsheet, or delete the row")
            }
            guard series?.index == 0, !first.hasPrefix("# "), !first.hasPrefix("##") else { continue }
            let xCell = String(fields[x.index].withoutBlanksAround()), yCell = String(fields[y.index].withoutBlanksAround())
            guard isOfXKind(xCell), (try? NumberParsing.parseDouble(yCell)) != nil else { continue }
            if seriesLike[first] == nil { order.append(first) }
            seriesLike[first, default: []].append((line, xCell, yCell))
        }
        guard let series, order.contains(where: { seriesLike[$0]!.count >= 2 }) else { return }
        let names = Set(series.strings().map { String($0.withoutBlanksAround()).lowercased() })
        for name in order {
            let rows = seriesLike[name]!
            let bare = String(name.dropFirst().withoutBlanksAround()).lowercased()
            guard rows.count >= 2, !names.contains(bare) else { continue }
            let row = rows[0]
            throw DataError.bad(
                table.source, line: row.line, field: series.name,
                "\(DataError.quote(name)) starts \(rows.count) lines with '#', which makes them comments, yet they read "
                    + "as the rows of a series (\(x.name) \(row.x), \(y.name) \(row.y), …) that would be lost; put the "
                    + "name in double quotes to keep them, or delete the rows")
        }
    }

    /// The fields of one CSV line: split at commas outside double quotes, quotes removed.
    static func fieldsOf(_ line: String) -> [String] {
        var fields: [String] = []
        var field = "", quoted = false, previousQuote = false
        for c in line {
            if quoted {
                if c == "\"" { quoted = false; previousQuote = true; continue }
                field.append(c)
            } else if c == "\"" {
                if previousQuote { field.append("\"") }  // "" inside a quoted field
                quoted = true
            } else if c == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
            previousQuote = false
        }
        fields.append(field)
        return fields
    }

    /// The first named column besides `except` whose cells at both `rows` hold different text, neither
    /// a number, a period (a quarter or month beside the year: the time, not a series) nor empty: the
    /// names of series.
    public static func columnTellingApart(_ table: CSVTable, _ rows: (Int, Int), except: [Int]) -> String? {
        for column in 0..<table.columnCount where !except.contains(column) {
            let cells = CSVColumn(table: table, index: column)
            let (a, b) = (table[rows.0, column], table[rows.1, column])
            func isName(_ text: String, _ row: Int) -> Bool {
                !text.allSatisfy(\.isWhitespace) && !cells.looksNumeric(atRow: row) && !PeriodCalendar.isPeriod(text)
                    && !PeriodLabel.looksLikeDate(text)
            }
            guard a != b, !table.columnNames[column].allSatisfy(\.isWhitespace), isName(a, rows.0), isName(b, rows.1) else { continue }
            return table.columnNames[column]
        }
        return nil
    }

    static func isTwoDigits(_ cell: String) -> Bool {
        let digits = cell.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        return digits.count == 2 && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}

/// A row on its way into a series: x (a label's position until labels are numbered), y, and where it came from.
private struct Pending {
    var x: Double
    var y: Double
    var row: Int
    var line: Int
    /// The index of the row's label in `labels` (labelled x only).
    var label: Int = 0
}
