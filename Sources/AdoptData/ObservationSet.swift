/// One data point of an adoption series: time `x`, cumulative adopters `y`, and where it came from.
public struct Observation: Sendable, Equatable, Hashable {
    /// The time coordinate: a numeric value from the file (such as a year), or, when the x column
    /// holds period labels, the period's number (1 for the earliest, in steps of one period, gaps
    /// kept; labels that are no dates are numbered in the order they first appear).
    public var x: Double
    /// The observed value (adopters); finite and non-negative when read from a file.
    public var y: Double
    /// The physical line of the input the observation was read from.
    public var line: Int

    /// Creates an observation. With period labels, the label an x stands for is the set's
    /// (`ObservationSet.label(forX:)`): an observation holds numbers only, so that the millions of
    /// a large file are copied and dropped without reference counting.
    public init(x: Double, y: Double, line: Int) {
        self.x = x
        self.y = y
        self.line = line
    }
}

extension Observation {
    /// The order in which a series' points are sorted: by x, then by line, so that of two
    /// points with the same x the earlier line comes first.
    @inline(__always)
    static func precedes(_ a: (x: Double, line: Int), _ b: (x: Double, line: Int)) -> Bool {
        a.x < b.x || (a.x == b.x && a.line < b.line)
    }

    /// For the x of `count` points sorted ascending (`x(i)` the i-th), all whole numbers 0–99: the
    /// index of the first point above the widest gap when 0 and 99 are both there with a gap
    /// between, as two-digit years that run on through 99 to 00 are (95…99, 00…07, read as numbers,
    /// put the years before 2000 a century after the rest); else `nil`. Two-digit years that do not
    /// cross 2000, or cross it with 99 or 00 missing, are read as written.
    static func centuryGap(count: Int, x: (Int) -> Double) -> Int? {
        guard count >= 2, x(0) == 0, x(count - 1) == 99,
              (0..<count).allSatisfy({ x($0) == x($0).rounded() }) else { return nil }
        let widest = (1..<count).max { x($0) - x($0 - 1) < x($1) - x($1 - 1) }!
        return x(widest) - x(widest - 1) > 1 ? widest : nil
    }
}

/// The observations of one series, sorted by `x` ascending with no duplicate `x`.
public struct Series: Sendable, Equatable, Hashable {
    /// The value of the series column shared by these rows, or `nil` when there is no series column.
    public var name: String?
    /// The observations, sorted by `x` ascending.
    public var observations: [Observation]

    /// Creates a series; `observations` should already be sorted by `x`.
    public init(name: String?, observations: [Observation]) {
        self.name = name
        self.observations = observations
    }

    /// The x values, ascending.
    public var xs: [Double] { observations.map(\.x) }
    /// The y values, in the order of `xs`.
    public var ys: [Double] { observations.map(\.y) }
    /// The source line of each observation, in the order of `xs`.
    public var lines: [Int] { observations.map(\.line) }
    /// The number of observations.
    public var count: Int { observations.count }
}

/// A series whose own rows hold bad data, set aside so that the file's other series are read
/// (`--skip-invalid`).
public struct InvalidSeries: Sendable, Equatable {
    /// The value of the series column.
    public var name: String
    /// Its place among all the file's series, in order of first appearance (0 for the first).
    public var position: Int
    /// The line of its first row.
    public var firstLine: Int
    /// Its first problem in file order.
    public var problem: DataError
    /// The lines of its other problems (rows with a bad cell or label, the later rows of duplicate x), ascending.
    public var moreLines: [Int]

    public init(name: String, position: Int, firstLine: Int, problem: DataError, moreLines: [Int] = []) {
        self.name = name
        self.position = position
        self.firstLine = firstLine
        self.problem = problem
        self.moreLines = moreLines
    }
}

/// Observations grouped into series, ready for fitting.
///
/// Built from a `CSVTable` with `init(table:x:y:series:)`, which validates the
/// data; see there for the rules. Series keep the order in which each first
/// appears in the file; within a series, observations are sorted by `x`.
public struct ObservationSet: Sendable, Equatable {
    /// The input's name as given to the reader, for messages.
    public var source: String
    /// The name of the column the x values came from.
    public var xColumn: String
    /// The name of the column the y values came from.
    public var yColumn: String
    /// The name of the column that split rows into series, if any.
    public var seriesColumn: String?
    /// The series, in order of first appearance in the input.
    public var series: [Series]
    /// The period labels, when the x column held labels rather than numbers:
    /// `xLabels[k]` is the label whose x value is `k + 1` (empty for a quarter or month between two
    /// labels that no row names). `nil` for numeric x.
    public var xLabels: [String]? {
        didSet { periodNames = xLabels.map(PeriodNames.init(labels:)) }
    }
    /// What names the periods of x: their labels, and those of dated periods the rows do not name
    /// (past the data, before it, gaps); nil for numeric x.
    public private(set) var periodNames: PeriodNames?
    /// The periods of dated labels (`PeriodCalendar`); nil for numeric x and for labels that are
    /// no dated periods.
    public var periodCalendar: PeriodCalendar? { periodNames?.calendar }
    /// The lines after the header skipped as comments (`CSVTable.commentLines`).
    public var commentLines: [Int] = []
    /// The series set aside for bad data of their own (`init(table:…skipsInvalidSeries: true)`), in
    /// order of first appearance; `series` holds the others.
    public var invalidSeries: [InvalidSeries] = []

    /// Creates a set from already-validated parts.
    public init(
        source: String, xColumn: String, yColumn: String, seriesColumn: String? = nil,
        series: [Series], xLabels: [String]? = nil
    ) {
        self.source = source
        self.xColumn = xColumn
        self.yColumn = yColumn
        self.seriesColumn = seriesColumn
        self.series = series
        self.xLabels = xLabels
        self.periodNames = xLabels.map(PeriodNames.init(labels:))
    }

    /// Whether x values are positions of period labels rather than numbers from the file.
    public var usesPeriodLabels: Bool { xLabels != nil }

    /// The total number of observations over all series.
    public var observationCount: Int { series.reduce(0) { $0 + $1.count } }

    /// The series whose series-column value is `name`, if there is one.
    public func series(named name: String) -> Series? {
        series.first { $0.name == name }
    }

    /// The period label for an x value, when labels are in use and `x` is one of their positions.
    public func label(forX x: Double) -> String? {
        periodNames?.label(forX: x)
    }
}
