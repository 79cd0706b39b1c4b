import AdoptData
import AdoptReports
import AdoptStudies
import AdoptionModels
import ArgumentParser
import Fitting
import Foundation

enum ModelOption: String, ExpressibleByArgument, CaseIterable {
    case bass, logistic, gompertz, richards, exponential, auto
}

enum FormatOption: String, ExpressibleByArgument, CaseIterable {
    case md, csv, json

    /// The format `--output`'s extension names (`.json`, `.csv`, `.md` or `.markdown`), for a run
    /// without `--format`; Markdown otherwise.
    static func implied(by output: String?) -> FormatOption { named(by: output) ?? .md }

    /// A file name's extension, as written (`gz` for `fits.csv.gz`); nil for none.
    static func fileExtension(_ name: String) -> Substring? {
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return nil }
        return name[name.index(after: dot)...]
    }

    /// The format a file name's extension names (`.json`, `.csv`, `.md` or `.markdown`), if any.
    static func named(by output: String?) -> FormatOption? {
        guard let output, let ext = fileExtension(output) else { return nil }
        switch ext.lowercased() {
        case "json": return .json
        case "csv": return .csv
        case "md", "markdown": return .md
        default: return nil
        }
    }

    /// Extensions of formats adopt does not write, which a reader would take the file to be in, and whether a
    /// spreadsheet reads it (a CSV is then the file to write).
    static let otherFormats: [String: (kind: String, spreadsheet: Bool)] = [
        "xlsx": ("an Excel workbook", true), "xlsm": ("an Excel workbook", true), "xls": ("an Excel workbook", true),
        "ods": ("an OpenDocument spreadsheet", true), "numbers": ("a Numbers spreadsheet", true),
        "tsv": ("tab-separated values", true), "tab": ("tab-separated values", true),
        "parquet": ("a Parquet file", false), "feather": ("an Arrow file", false), "arrow": ("an Arrow file", false),
        "html": ("a web page", false), "htm": ("a web page", false), "pdf": ("a PDF document", false),
        "docx": ("a Word document", false), "doc": ("a Word document", false), "rtf": ("a rich-text document", false),
        "odt": ("an OpenDocument text", false), "xml": ("an XML document", false), "yaml": ("a YAML document", false),
        "yml": ("a YAML document", false), "sqlite": ("an SQLite database", false), "db": ("a database", false),
        "jsonl": ("JSON Lines", false), "ndjson": ("JSON Lines", false), "geojson": ("a GeoJSON document", false),
    ]

    var title: String {
        switch self {
        case .md: "Markdown"
        case .csv: "CSV"
        case .json: "JSON"
        }
    }

    /// Refuses a `--format` that contradicts the format `--output`'s extension names (`--format md
    /// --output fits.csv`): a pipeline reading the file by its name would misread it.
    /// Refuses too an `--output` whose extension names a compressed file (`fits.csv.gz`) or a format adopt
    /// does not write (`fits.xlsx`, `fits.tsv`): a reader that takes the name at its word fails on its text.
    static func checkAgreement(_ format: FormatOption?, output: String?) throws {
        if let output, let ext = fileExtension(output),
           ["gz", "bz2", "xz", "zst", "zip", "7z", "tgz", "tbz", "tbz2", "txz", "lz4", "lzma"].contains(ext.lowercased()) {
            // The name to write: the one without the compressor's extension, where that names a format.
            let plain = String(output.dropLast(ext.count + 1))
            throw ValidationError("--output \(output) names a compressed file (.\(ext)), and adopt writes plain text: write "
                                  + (named(by: plain) != nil ? plain : "a file named .md, .csv or .json") + " and compress it")
        }
        if let output, let ext = fileExtension(output), let other = otherFormats[ext.lowercased()] {
            // The name to write instead: the stem with .csv for a spreadsheet (itself where it names CSV already).
            let stem = String(output.dropLast(ext.count + 1))
            let csv = named(by: stem) == .csv ? stem : stem + ".csv"
            let suggestion = other.spreadsheet && !stem.isEmpty ? "write \(csv) (which spreadsheets open)" : "write a file named .md, .csv or .json"
            throw ValidationError("--output \(output) names \(other.kind) (.\(ext)), and adopt writes Markdown, CSV or JSON: \(suggestion)")
        }
        // A format's extension before another that names none (`fits.csv.bak`, `fits.json.txt`): without --format
        // the report would be Markdown, which a reader of the name would not expect.
        if format == nil, let output, let ext = fileExtension(output), named(by: output) == nil,
           case let stem = String(output.dropLast(ext.count + 1)), let inner = named(by: stem), inner != .md {
            throw ValidationError("--output \(output) names \(inner.title) before its last extension (.\(ext)), and without --format "
                                  + "adopt writes Markdown there: give --format \(inner.rawValue), or name the file \(stem)")
        }
        guard let format, let output, let named = named(by: output), named != format else { return }
        throw ValidationError("--format \(format.rawValue) writes \(format.title), but --output \(output) names \(named.title) "
                              + "by its extension: drop --format, or give the file a name that matches")
    }
}

extension CovarianceEstimator: ExpressibleByArgument {}
extension ObservationErrors: ExpressibleByArgument {}

enum FitTableOption: String, ExpressibleByArgument, CaseIterable {
    case parameters, curve
}

struct FitCommand: ParsableCommand {
    /// The options that may be given more than once (every other one is refused when repeated).
    static let repeatableOptions: Set<String> = ["--start", "--fix", "--launch"]

    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit adoption curves (or a formula) to series in a CSV file.",
        discussion: """
            Each series is fitted by Levenberg–Marquardt from data-driven starts, with standard errors, \
            t-based 95 % intervals (--level), AIC/AICc/BIC, and a status that says when a fit is not to be \
            trusted (not converged, not identified, not a minimum, on a bound).

            Back-test: --holdout N fits each series without its last N observations and reports the \
            forecast errors on them (mean error, MAE, RMSE, MAPE) and how many fall inside the \
            prediction intervals.

            Models, as cumulative adopters N(t) at t periods after launch: bass m(1 − e^(−(p+q)t)) / \
            (1 + (q/p)e^(−(p+q)t)); logistic m / (1 + e^(−k(t − t0))); gompertz m·exp(−e^(−k(t − t0))); \
            richards m(1 + nu·e^(−k(t − t0)))^(−1/nu), nu ≥ 0; exponential m(1 − e^(−pt)). m is the market \
            potential, p and q the innovation and imitation coefficients, k the growth rate, t0 the time of \
            the peak rate (in periods since launch).

            Time: t = 0 is the start of the launch period (by default each series' first x), and the \
            observation at x covers (x − launch, x − launch + 1]; x steps by whole periods. Per-period data are fitted as \
            m·[F(t) − F(t−1)] (Srinivasan & Mason 1986); --cumulative data as m·F(t).

            Example: adopt fit --data Data/series/durables.csv --y adopters --series series --model bass
            """
    )

    @Option(help: "CSV file with a header row ('#' lines are comments); - reads the standard input.")
    var data: String

    /// How messages and the report name the standard input (`--data -`).
    static let standardInputName = "(standard input)"

    @Option(help: ArgumentHelp("The field separator, for files not separated by commas: ';' (as spreadsheets write where numbers have decimal commas), tab or '|'.",
                               valueName: "char"))
    var delimiter: String?

    @Flag(help: "Numbers are written with a decimal comma (1,5), perhaps with dots grouping thousands (1.234,5): in a file separated by ';', tab or '|' (--delimiter), or, quoted (\"1,5\"), in a comma-separated one.")
    var decimalComma = false

    @Flag(help: "Dots in numbers are decimal points (980 beside 1.834 is 1.834, not 1834); needs --delimiter.")
    var decimalPoint = false

    /// The separator of a file that is rewritten as comma-separated values with decimal points before it is
    /// read: `--delimiter`'s, or the comma where `--decimal-comma` is given without it (quoted numbers, "1,5").
    var rewrittenSeparator: UInt8? { delimiterByte ?? (decimalComma ? UInt8(ascii: ",") : nil) }

    /// The separator byte `--delimiter` names; nil for the comma.
    var delimiterByte: UInt8? {
        switch delimiter {
        case ";": UInt8(ascii: ";")
        case "tab", "\\t", "\t": UInt8(ascii: "\t")
        case "|": UInt8(ascii: "|")
        default: nil
        }
    }

    @Option(help: "Column of the period (years, or labels such as quarters).")
    var x: String = "year"

    @Option(help: "Column of the adopters (default: the only column besides --x and --series).")
    var y: String?

    @Option(help: "Column naming the series, for many series in one file (fitted in parallel).")
    var series: String?

    @Option(help: "bass (the default), logistic, gompertz, richards, exponential, or auto (every model, ranked by AICc).")
    var model: ModelOption?

    @Flag(help: "The y column holds cumulative adopters rather than adopters per period.")
    var cumulative = false

    @Option(name: .customLong("launch"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("Launch period: its start is t = 0 (default: each series' first x); a period such as 2007Q2 where x holds quarters or months; for one series, SERIES:PERIOD (DE:2015), in place of the launch for every series; repeatable.",
                               valueName: "period"))
    var launchValues: [String] = []

    /// The `--launch` for every series: the value that names no series of its own (at most one).
    var launchText: String? { launchValues.first { !isLaunchOfSeries($0) } }

    /// Whether a `--launch` value is one series' (`DE:2015`): a colon, and before the last one a text that
    /// is no number or period of itself (a timestamp, `2021-01-01 00:00:00`, names a period whole).
    func isLaunchOfSeries(_ value: String) -> Bool {
        guard value.contains(":"), (try? NumberParsing.parseDouble(value)) == nil, !PeriodCalendar.isPeriod(value) else { return false }
        return true
    }

    /// A series' own `--launch` value split into the series and the period: at the first colon with one of
    /// `names` before it (`DE:2021-01-01 00:00:00`, a name with a colon of its own), else at the last.
    func launchOfSeries(_ value: String, names: Set<String>) -> (series: String, period: String) {
        let colons = value.indices.filter { value[$0] == ":" }
        let colon = colons.first { names.contains(String(value[..<$0])) } ?? colons.last!
        return (String(value[..<colon]), String(value[value.index(after: colon)...]))
    }

    @Option(parsing: .unconditional,
            help: "A formula y = f(x; parameters), e.g. \"b1/(1+exp(b2-b3*x))\" or \"-b*exp(x)\"; needs --start.")
    var formula: String?

    @Option(help: "Starting values for the formula's parameters, e.g. b1=700,b2=5,b3=0.75 (repeatable: --start b1=700 --start b2=5).")
    var start: [String] = []

    @Option(help: ArgumentHelp("Fix parameters of the model at known values and fit the others, e.g. m=17000 (a market sizing) or p=0.03,q=0.38 (an analogous product), for every series or for one (DE:m=5000); repeatable. Fixing every parameter evaluates a given curve (a published one) against the data.",
                               valueName: "name=value"))
    var fix: [String] = []

    @Option(name: .customLong("horizon"), parsing: .unconditional,
            help: "Extend the fitted curve to this x (a year, or a period such as 2015Q4 where x holds quarters or months), at most 1000 periods after the data, with delta-method prediction intervals; +N extends each series' curve N periods past its own last x.")
    var horizonText: String?

    /// Whether `--horizon` is written `+N` (blanks around it aside): periods past each series' last x.
    var horizonIsAhead: Bool { horizonText?.trimmingCharacters(in: .whitespaces).hasPrefix("+") == true }

    /// `--horizon +N`'s N, digits only (nil for an x named outright, or for `++3`, `+2.5`).
    var periodsAhead: Int? {
        guard horizonIsAhead, let text = horizonText?.trimmingCharacters(in: .whitespaces).dropFirst(),
              !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { return nil }
        return Int(text)
    }

    @Option(parsing: .unconditional, help: "Confidence level of the intervals, between 0 and 1 (default: 0.95).",
            transform: { try decimalNumber($0, option: nil, orPeriod: false, examples: "0.95 or 0.8") })
    var level: Double = 0.95

    @Option(help: ArgumentHelp("How the standard errors, and the parameters', milestones' and curve's intervals, are estimated: classical (σ²(JᵀJ)⁻¹, errors of one size in every period; the default), or hc0, hc1, hc2 or hc3, the heteroskedasticity-consistent sandwich (White 1980; as statsmodels' cov_type), for sales whose errors grow with their size; hc3 suits short series best. Profile intervals and the statuses do not change with it, nor does the error a prediction interval adds to the curve's uncertainty (--errors).",
                               valueName: "estimator"))
    var covariance: CovarianceEstimator = .classical

    @Option(help: ArgumentHelp("How large a new observation's error is taken to be in a prediction interval, which adds it to the curve's uncertainty: constant (σ, the residuals' standard deviation, in every period; the default) or proportional (a share τ of the fitted value, τ² = RSS / Σ (1 − h)·ŷ² over the periods fitted, h their leverages), for sales whose errors grow with their size, as the intervals of the peak years and the tail then need; pair it with --covariance hc3, whose standard errors allow for such errors too. The estimates do not change with it.",
                               valueName: "model"))
    var errors: ObservationErrors = .constant

    @Option(parsing: .unconditional, help: "Hold the last N observations of each series out of the fit and report how well the fit forecasts them.")
    var holdout: Int?

    @Flag(help: "Add profile-likelihood intervals for every parameter (R's confint for nls; refits each parameter's profile).")
    var profile = false

    @Flag(help: "Report a series with fewer observations than parameters as not fitted (status too_few_observations) and fit the others, instead of stopping the run.")
    var skipShort = false

    @Flag(help: "Report a series whose own rows hold bad data (a cell that is no number, negative adopters, a duplicate year, a running total that falls, …) as not fitted (status invalid_data, with its first problem's line and field) and fit the others, instead of stopping the run. What no one series owns (the header, a ragged row, an empty series name) still stops it.")
    var skipInvalid = false

    @Option(name: .customLong("format"),
            help: "Output format: md (Markdown tables), csv (tidy) or json (default: as --output's extension names it, .csv or .json; else md).")
    var formatOption: FormatOption?

    var format: FormatOption { formatOption ?? .implied(by: output) }

    @Flag(help: "With --format json: the same JSON without indentation or line breaks, on one line (a quarter to a third smaller, for pipelines at scale).")
    var compact = false

    @Option(help: "With --format csv: parameters (the default: one row per series × parameter) or curve (one row per series × x: observed, fitted and intervals, to --horizon).")
    var table: FitTableOption?

    @Option(help: "Write the report to this file (atomically) instead of standard output ('-': standard output).")
    var output: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Read, fit and write with at most N threads (and no more than the cores; default: every core). The report is the same whatever N.", valueName: "N"))
    var threads: Int?

    /// Periods `--horizon` may add after the last observation.
    static let maximumHorizonPeriods = 1000
    /// Periods `--launch` may lie before a series' first observation. A Bass curve peaking T periods
    /// after launch has p ≈ q·e^{−qT}, which underflows once qT passes about 700 (T = 1,000 at q = 0.5
    /// gives p ≈ 1e-217; a faster curve reaches the limit sooner, and its fit then says so by its status).
    static let maximumLaunchPeriods = 1000

    func validate() throws {
        if !(level > 0 && level < 1) {
            throw ValidationError("--level must be between 0 and 1 (0.9 for 90 % intervals), not '\(shortText(level))'")
        }
        // 0.5 + level/2 must stay below 1 in floating point for the t quantile to exist.
        if !(0.5 + level / 2 < 1) {
            throw ValidationError("--level \(level) is 1 to rounding (no t quantile): give at most 0.999999999999999")
        }
        if let holdout, holdout < 1 { throw ValidationError("--holdout must be at least 1, not \(holdout)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads)") }
        if let delimiter, delimiter != ",", delimiterByte == nil {
            throw ValidationError("--delimiter \(DataError.quote(delimiter)) is none of ',', ';', tab and '|'"
                                  + (delimiter.count > 1 && delimiter.allSatisfy({ $0 == ";" || $0 == "|" }) ? ": give one character" : ""))
        }
        if decimalPoint, decimalComma { throw ValidationError("--decimal-point and --decimal-comma contradict each other: give one") }
        if decimalPoint, delimiterByte == nil {
            throw ValidationError("--decimal-point needs a field separator other than the comma (a comma-separated file's dots are points)")
        }
        for (option, name) in [("--x", x), ("--y", y), ("--series", series)] where name?.allSatisfy(\.isWhitespace) == true {
            throw ValidationError("\(option) needs a column name; an unnamed column cannot be chosen: name it in the header")
        }
        if let y, y == x { throw ValidationError("--y and --x name the same column '\(x)'") }
        if let series, series == x || series == y {
            throw ValidationError("--series names the \(series == x ? "--x" : "--y") column '\(series)'; give the column that names the series")
        }
        if skipInvalid, series == nil {
            throw ValidationError("--skip-invalid fits the other series of a file: give --series, the column naming them")
        }
        if compact, format != .json {
            throw ValidationError("--compact writes JSON without its whitespace: give it with --format json (or an --output named .json)")
        }
        if data.isEmpty { throw ValidationError("--data needs a file name ('-' reads the standard input)") }
        if output?.isEmpty == true { throw ValidationError("--output needs a file name") }
        try FormatOption.checkAgreement(formatOption, output: output)
        if let table, format != .csv {
            throw ValidationError("--table \(table.rawValue) applies to --format csv; the \(format.rawValue) report holds every table")
        }
        if let text = horizonText, horizonIsAhead, !(1...Self.maximumHorizonPeriods).contains(periodsAhead ?? 0) {
            throw ValidationError("--horizon \(text): give +N, N a whole number of periods from 1 to \(Self.maximumHorizonPeriods) "
                                  + "past each series' last x, or the x to extend every curve to (a year, a period such as 2015Q4)")
        }
        // The launches for every series (a series' own is checked once the file names its series).
        let launches = launchValues.filter { !isLaunchOfSeries($0) }
        if launches.count > 1 {
            throw ValidationError("--launch is given twice for every series ('\(launches[0])', then '\(launches[1])'); give it once, or name "
                                  + "a series for one (SERIES:PERIOD)")
        }
        for (option, text) in [("--horizon", horizonIsAhead ? nil : horizonText)] + launches.map({ ("--launch", Optional($0)) }) {
            if let text { try checkXText(text, option: option) }
        }
        if horizonText != nil && format == .csv && table != .curve {
            throw ValidationError("--horizon extends the fitted curve, which the CSV of parameters does not hold; add --table curve, or use --format md or json")
        }
        if formula != nil {
            if let model { throw ValidationError("--model \(model.rawValue) applies to the adoption models; a --formula is its own model") }
            if cumulative { throw ValidationError("--cumulative applies to the adoption models; a --formula gives y directly") }
            if !launchValues.isEmpty { throw ValidationError("--launch applies to the adoption models; a --formula uses x as given") }
            if start.isEmpty { throw ValidationError("--formula needs --start with a value for every parameter") }
        } else if !start.isEmpty {
            throw ValidationError("--start is for --formula; the adoption models find their own starts")
        }
        if !fix.isEmpty, formula != nil {
            throw ValidationError("--fix is for the adoption models: write a formula's known values into it")
        }
        if !fix.isEmpty, model == .auto {
            throw ValidationError("--fix needs one --model (bass, logistic, gompertz, richards or exponential): their parameters differ")
        }
    }

    func run() throws {
        let choice = try modelChoice()
        // Checked before the file is read, as the other options are.
        var fixed: (all: [(name: String, value: Double)], bySeries: [String: [(name: String, value: Double)]]) = ([], [:])
        if case .model(let kind) = choice { fixed = try fixedParameters(kind) }
        // The file is read once: hashed on one thread while the others parse it (with --threads, before they do).
        let (set, hashing) = try readObservations()
        var report: FitReport
        do {
            let horizon = horizonIsAhead ? nil : try horizonText.map { try resolvedX($0, option: "--horizon", set) }
            // Periods past the data are numbered, or dated: labels that are no periods have none after them.
            if horizonIsAhead, set.usesPeriodLabels, set.periodCalendar == nil { throw labelsAreNoPeriods(option: "--horizon") }
            let launch = try launchText.map { try resolvedX($0, option: "--launch", set) }
            // Each series' own launch, where given: the series must be the file's, named once.
            var launchBySeries: [String: Double] = [:]
            let names = Set(set.series.compactMap(\.name))
            for value in launchValues where isLaunchOfSeries(value) {
                let (name, period) = launchOfSeries(value, names: names)
                try checkNamedSeries([name], option: "--launch", in: set)
                if launchBySeries[name] != nil { throw Failure.usage("--launch: series \(DataError.quote(name)) is given twice; give it once") }
                // The period part checked as a launch for every series is, before the file is read.
                try checkXText(period, option: "--launch", shown: value)
                let series = set.series.first { $0.name == name }
                let x = try resolvedX(period, option: "--launch", set, series: series)
                if let first = series?.observations.first?.x,
                   let problem = launchProblem(x, text: value, firsts: [first], named: { xText($0, periods: set.periodNames) }) {
                    throw Failure.usage(problem)
                }
                launchBySeries[name] = x
            }
            // An x as the user names it: the period's label where x holds them.
            func named(_ x: Double) -> String { xText(x, periods: set.periodNames) }
            let ends = Self.ends(set)
            // The launch for every series is checked against those without their own, and must hold for one.
            if let launch, let text = launchText {
                let firsts = set.series.lazy.filter { $0.name.map { launchBySeries[$0] == nil } ?? true }.compactMap { $0.observations.first?.x }
                if firsts.isEmpty {
                    throw Failure.usage("--launch \(DataError.quote(text)) applies to no series: every series has its own (SERIES:PERIOD)")
                }
                if let problem = launchProblem(launch, text: text, firsts: Array(firsts), named: named) { throw Failure.usage(problem) }
            }
            if let horizon, let problem = horizonProblem(horizon, lasts: ends.lasts, named: named) { throw Failure.usage(problem) }
            var settings = FitSettings(model: choice, form: cumulative ? .cumulative : .perPeriod,
                                       launch: launch, horizon: horizon, level: level, holdout: holdout, profile: profile,
                                       includeCurve: format != .csv || table == .curve, workers: threads)
            settings.fixed = fixed.all
            settings.covariance = covariance
            settings.errors = errors
            settings.skipsShortSeries = skipShort
            settings.skipsInvalidSeries = skipInvalid
            settings.periodsAhead = periodsAhead
            settings.launchBySeries = launchBySeries
            settings.fixedBySeries = fixed.bySeries
            if !fixed.bySeries.isEmpty { try checkNamedSeries(Array(fixed.bySeries.keys), option: "--fix", in: set) }
            let fits = try FitStudy.run(set, settings: settings)
            let input = hashing.value
            report = FitReport(tool: "adopt \(Provenance.version)", command: invocation(), inputs: [input],
                               confidenceLevel: settings.level, holdout: holdout, profile: profile,
                               ranked: settings.isRanked, fits: fits)
            report.covarianceEstimator = covariance
            report.predictionErrors = errors
            report.commentLines = set.commentLines
        } catch let error as DataError {
            throw Failure(description: error.description, code: error.exitCode)
        }
        var text: ChunkedText
        switch format {
        case .md: text = FitMarkdownWriter.chunks(report)
        case .csv: text = table == .curve ? FitCSVWriter.curveChunks(report) : FitCSVWriter.chunks(report)
        case .json:
            do { text = try FitJSONWriter.chunks(report, compact: compact) } catch { throw Failure(description: "cannot encode JSON: \(error)", code: 70) }
        }
        text.workers = threads
        do {
            if let output, output != "-" { try AtomicFile.write(text, to: output, inputs: [data]) } else { try StandardOutput.write(text) }
        } catch {
            throw Failure(description: error.description, code: error.isRendering ? 70 : 73)
        }
        // Only the options that skip series leave one without a fit (--model auto reports each model).
        if skipShort || skipInvalid, let notice = Self.notFittedNotice(report.fits) {
            _ = StandardOutput.write("adopt: \(notice)\n", toDescriptor: STDERR_FILENO)
        }
        // The process ends right after this: the records and series are left to the operating
        // system, not freed one by one (serial work at the very end of the run).
        finalResults.keep(report, set)
    }

    /// A line for stderr where series were not fitted (`--skip-invalid`, `--skip-short`): the report, written,
    /// says why for each; a log shows how many without reading it. Nil where every series was fitted.
    static func notFittedNotice(_ fits: [FitRecord]) -> String? {
        // A series' fits are consecutive (with --model auto, one for each model); it counts as not fitted
        // where none of them was.
        var total = 0
        var skipped: [(series: String, status: String)] = []
        var start = fits.startIndex
        while start < fits.endIndex {
            let series = fits[start].series
            var end = start + 1
            while end < fits.endIndex, fits[end].series == series { end += 1 }
            total += 1
            if !fits[start..<end].contains(where: \.wasFitted) { skipped.append((series ?? "", fits[start].status)) }
            start = end
        }
        guard !skipped.isEmpty else { return nil }
        return "note: \(skipped.count) of \(total) series not fitted, as the report says: "
            + skipped.prefix(5).map { "\(DataError.quote($0.series)) (\($0.status))" }.joined(separator: ", ")
            + (skipped.count > 5 ? ", …" : "")
    }

    /// Reads `--data` into series, hashing it for the report on another thread meanwhile (with
    /// `--threads`, on this thread once it is read).
    func readObservations() throws -> (ObservationSet, PendingInputRecord) {
        var columnNames: [String]?
        do {
            // `-` is the standard input, as for most command-line tools.
            let standardInput = data == "-"
            let source = standardInput ? Self.standardInputName : data
            let reader = try FileReader(path: standardInput ? "/dev/stdin" : data)
            // With --threads the file is hashed once read, on this thread.
            let concurrent = threads == nil ? Provenance.hashing(source, reader: reader) : nil
            let contents = try reader.read()
            var dots: [DelimitedText.DotEvidence] = []
            let input = try rewrittenSeparator.map { separator throws(DataError) in
                let rewritten = contents.withUnsafeBufferPointer { DelimitedText.rewritten($0, delimiter: separator, decimalComma: decimalComma) }
                dots = rewritten.dots
                return try CSVInput(rewritten.bytes, source: source)
            } ?? CSVInput(contents, source: source)
            columnNames = input.columnNames
            let hashing = concurrent ?? Provenance.hashed(source, reader: reader)
            let yColumn: String
            do {
                yColumn = try y ?? inferY(input.columnNames, in: source, headerLine: input.headerLine)
            } catch {
                let table = try input.table()  // the file's own errors come first,
                _ = try table.column(named: x)  // then a missing --x or --series column
                if let series { _ = try table.column(named: series) }
                // The adopters may be in a column the header leaves unnamed (`year,` over `2000,10`);
                // an unnamed column with nothing in it is a spreadsheet's trailing comma.
                if y == nil, let unnamed = table.columns.first(where: {
                    $0.name.allSatisfy(\.isWhitespace) && $0.strings().contains { !$0.allSatisfy(\.isWhitespace) }
                }) {
                    let columns = input.columnNames.map { "'\($0)'" }.joined(separator: ", ")
                    throw DataError(kind: .badData, file: source, line: input.headerLine, field: nil,
                                    message: "column \(unnamed.index + 1) has no name in the header (\(columns)), yet holds "
                                        + "values: name it (the adopters?), or give --y")
                }
                // Several series stacked in one file (`series,year,adopters`), fitted with neither --y nor
                // --series: one column of numbers besides the periods, periods that repeat, and a column of
                // names (not periods or dates: `ObservationSet.columnTellingApart`) that tells two rows of
                // one period apart, repeats, and names each period once. Both options are named at once,
                // rather than --y now and --series on the next run. A formula may repeat x: not there.
                if y == nil, series == nil, formula == nil, let periods = try? table.column(named: x) {
                    let xs = periods.strings()
                    // Columns of numbers, with empty cells where a series of a wide sheet has not started or has
                    // stopped (`gapped`).
                    let numeric = table.columns.filter { c in
                        let cells = c.strings()
                        return c.index != periods.index && !c.name.allSatisfy(\.isWhitespace)
                            && (0..<table.rowCount).allSatisfy { c.looksNumeric(atRow: $0) || cells[$0].allSatisfy(\.isWhitespace) }
                            && (0..<table.rowCount).contains { c.looksNumeric(atRow: $0) }
                    }
                    let whole = numeric.filter { c in (0..<table.rowCount).allSatisfy { c.looksNumeric(atRow: $0) } }
                    var first: [String: Int] = [:]
                    var repeated: (Int, Int)? = nil
                    for (row, period) in xs.enumerated() where repeated == nil {
                        if let earlier = first[period] { repeated = (earlier, row) } else { first[period] = row }
                    }
                    if whole.count == 1, let rows = repeated,
                       let name = ObservationSet.columnTellingApart(table, rows, except: [periods.index, whole[0].index]),
                       let names = try? table.column(named: name).strings(),
                       Set(names).count < names.count, Set(zip(names, xs).map { [$0, $1] }).count == names.count {
                        let value = whole[0].name
                        throw Failure.usage("\(source): give \(DataError.optionText("--y", value)) \(DataError.optionText("--series", name)): "
                                            + "\(DataError.quote(value)) holds the numbers, and \(DataError.quote(name)) names the "
                                            + "series whose periods (\(DataError.quote(x))) repeat")
                    }
                    // One series a column (`year,DE,FR,IT`): each column of numbers over periods that do not repeat.
                    if numeric.count >= 2, repeated == nil, series == nil {
                        let names = numeric.map { DataError.quote($0.name) }
                        let columns = input.columnNames.map { "'\($0)'" }.joined(separator: ", ")
                        let gaps = whole.count < numeric.count
                        let one = whole.first.map { "give \(DataError.optionText("--y", $0.name)) to fit one, or " } ?? ""
                        throw Failure.usage("\(source): give --y: the columns are \(columns); "
                                            + "\(names.dropLast().joined(separator: ", ")) and \(names.last!) hold numbers for "
                                            + (gaps ? "the periods, one series a column, some with empty cells (a series that starts or stops in "
                                                      + "other periods): \(one)write the file long, one row per series and period it has"
                                                    : "the same periods, one series a column: \(one)write the file long, one row per series and period")
                                            + " (series,\(x),adopters), and give --series to fit them all")
                    }
                }
                throw error
            }
            let kind: ObservationKind = formula == nil ? .adoption : .regression
            let set: ObservationSet
            do {
                set = try input.observations(x: x, y: yColumn, series: series, kind: kind, workers: threads, skipsInvalidSeries: skipInvalid)
            } catch {
                // A problem of one series' own, where others would be left: the option that goes on without it.
                guard series != nil, !skipInvalid,
                      let aside = try? input.observations(x: x, y: yColumn, series: series, kind: kind, workers: threads,
                                                          skipsInvalidSeries: true) else { throw error }
                throw ObservationSet.withSkipHint(error, setAside: aside.invalidSeries.count, left: aside.series.count, read: true)
            }
            // Counts exported where dots group thousands, read without --decimal-comma: 980, then 1.834. A
            // formula's columns are measurements of any kind, and --decimal-point says the dots are points.
            for column in formula == nil && !decimalPoint ? [yColumn, x] : [] {
                guard let k = input.columnNames.firstIndex(of: column), k < dots.count,
                      let (grouped, whole) = dots[k].ambiguity(semicolons: delimiterByte == UInt8(ascii: ";"))
                else { continue }
                let beside = whole.map { "beside whole numbers such as \(DataError.quote($0.text)) (line \($0.line))" }
                    ?? "as does every value of the column, each with three digits after a dot, in a file separated by semicolons"
                throw DataError(kind: .badData, file: source, line: grouped.line, field: column,
                                message: "\(DataError.quote(grouped.text)) reads as a decimal, \(beside): if its dot groups thousands "
                                    + "(\(grouped.text.filter { $0 != "." })), give --decimal-comma; if it is a decimal point, "
                                    + "give --decimal-point")
            }
            return (set, hashing)
        } catch var error as DataError {
            // A file whose periods are in a column not called `year` (`date`, `quarter`), fitted without --x:
            // said where the table's message gives the columns and no other advice.
            let commaSeparated = delimiterByte != nil && columnNames.map { $0.count == 1 && $0[0].contains(",") } == true
            if error.field == x, let columns = columnNames, error.message == CSVTable.noSuchColumn(among: columns), !commaSeparated {
                error.message += "; --x names the column of the periods (by default 'year')"
            }
            // A column near the one asked for is suggested by the table; the option to give it with is named
            // here (--x has a default, which a first user may not know is an option).
            // Not where that column already has another role (`--y yaer` beside --x's default 'year').
            let roles: [(String?, String)] = [(x, "--x"), (y, "--y"), (series, "--series")]
            if let columns = columnNames, error.message.hasPrefix(CSVTable.noSuchColumn(among: columns)),
               let option = roles.first(where: { $0.0 != nil && $0.0 == error.field })?.1,
               let field = error.field, let near = CSVTable.suggestedColumn(for: field, among: columns),
               !roles.contains(where: { $0.0 == near }),
               case let asked = "did you mean \(DataError.quote(near))?", error.message.contains(asked) {
                error.message = error.message.replacingOccurrences(of: asked, with: asked + " (give \(DataError.optionText(option, near)))")
            }
            // A file separated by semicolons, tabs or bars: the options that read it.
            if delimiterByte == nil, let separator = error.looksSeparatedBy {
                error.message += separator == UInt8(ascii: ";")
                    ? ": give --delimiter ';' (and --decimal-comma if its numbers are written 1,5 or 1.234)"
                    : ": give --delimiter " + (separator == UInt8(ascii: "\t") ? "tab" : "'|'")
            }
            // --delimiter on a comma-separated file: one column whose name holds the commas.
            if commaSeparated, let columns = columnNames, error.message.contains(CSVTable.noSuchColumn(among: columns)) {
                error.message += "; the file looks separated by commas: leave out --delimiter"
            }
            // The cell hint of a number with separators, as --delimiter and --decimal-comma read it (in a
            // comma-separated file, a quoted one: "1,5").
            if error.message.hasSuffix(NumberParsing.separatorsHint), delimiterByte != nil || decimalComma || !Self.groupsThousands(error.message) {
                error.message = error.message.dropLast(NumberParsing.separatorsHint.count)
                    + (decimalComma ? " (write it without thousands separators, or with dots: 1.234.567,5)"
                       : " (a decimal comma? give --decimal-comma; or write it without thousands separators: 1234567.5)")
            }
            // An empty cell in one column of a wide sheet (`year,A,B`), a series that starts later than another: no
            // row can be left out for it alone.
            if series == nil, let columns = columnNames, columns.count >= 3, let field = error.field, field != x,
               error.message.hasPrefix("empty cell") {
                error.message += "; if the file holds one series a column, and this one starts or stops in other periods, write the "
                    + "file long, one row per series and period it has (series,\(x),adopters), and give --series"
            }
            // --decimal-comma in a comma-separated file: a number written with a decimal comma splits its row
            // unless quoted.
            if decimalComma, delimiterByte == nil, error.message.hasPrefix("expected "), error.message.contains("(as in the header), found ") {
                error.message += "; in a comma-separated file a number with a decimal comma is quoted (\"1,5\"): quote them, or "
                    + "separate the fields with ';' and give --delimiter ';'"
            }
            throw Failure(description: error.description, code: error.exitCode)
        }
    }

    /// Whether the cell a "'…' is not a number" message quotes groups thousands with commas (`1,397`,
    /// `12,500,000.5`): in a comma-separated file, read with no option, more likely thousands than a
    /// decimal comma, which `--decimal-comma` would make of it (1.397).
    static func groupsThousands(_ message: String) -> Bool {
        guard message.hasPrefix("'"), let end = message.range(of: "' is not a number") else { return false }
        var cell = Substring(message[message.index(after: message.startIndex)..<end.lowerBound])
        if cell.hasPrefix("-") { cell = cell.dropFirst() }
        let whole = cell.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        return groups.count >= 2 && (1...3).contains(groups[0].count) && groups.dropFirst().allSatisfy { $0.count == 3 }
            && groups.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    func modelChoice() throws -> ModelChoice {
        guard let formula else {
            let model = model ?? .bass
            if let kind = ModelKind(rawValue: model.rawValue) { return .model(kind) }
            return .auto
        }
        let starts = try parseStarts(start.joined(separator: ","))
        do {
            let f = try Formula(formula, parameters: starts.map(\.0))
            return .formula(f, start: starts.map(\.1))
        } catch {
            var text = error.description.hasPrefix("formula") ? "--" + error.description : "--formula: \(error.description)"
            // The --x column named in a formula that does not use x (`a*year`): the formula calls the predictor x.
            let names = formula.split { !($0.isLetter || $0.isNumber || $0 == "_") }
            if error.message.hasPrefix("parameter '\(x)' has no start value"), !names.contains("x") {
                text += "; the formula writes the predictor, column '\(x)', as x"
            }
            throw Failure.usage(text)
        }
    }

    /// The parameters `--fix` fixes, for the adoption model `kind`, for every series and for one series
    /// (`SERIES:NAME=VALUE`, whose value takes the place of one for every series): each of its
    /// parameters, at a value in its domain (on its lower limit only where the model there is another
    /// curve: q = 0, ν = 0); every parameter fixed, the curve is evaluated, not fitted.
    func fixedParameters(_ kind: ModelKind) throws
        -> (all: [(name: String, value: Double)], bySeries: [String: [(name: String, value: Double)]]) {
        guard !fix.isEmpty else { return ([], [:]) }
        // A series named on some values of one --fix and not on others (DE:m=5000,p=0.03): whether p is DE's
        // or every series' cannot be told.
        for value in fix {
            let items = Self.fixItems(value)
            let named = items.filter { $0.split(separator: "=", maxSplits: 1).first?.contains(":") == true }
            if let first = named.first, named.count < items.count, let other = items.first(where: { !named.contains($0) }) {
                let key = first.split(separator: "=", maxSplits: 1)[0]
                let series = key.lastIndex(of: ":").map { key[..<$0] } ?? key
                throw Failure.usage("--fix '\(value)': '\(other)' names no series where others do; give each value its series "
                                    + "(\(series):\(other)) or put the values for every series in a --fix of their own")
            }
        }
        let curve = kind.curve, names = curve.parameterNames
        var all: [(name: String, value: Double)] = []
        var bySeries: [String: [(name: String, value: Double)]] = [:]
        for (key, value) in try parsePairs(fix.flatMap(Self.fixItems), option: "--fix") {
            // The series is what comes before the last colon: parameter names have none.
            guard let colon = key.lastIndex(of: ":") else { all.append((name: key, value: value)); continue }
            let series = String(key[..<colon]), name = String(key[key.index(after: colon)...])
            if series.isEmpty { throw Failure.usage("--fix: '\(key)' names no series before its colon") }
            bySeries[series, default: []].append((name: name, value: value))
        }
        for (name, value) in all + bySeries.values.flatMap({ $0 }) {
            guard let j = names.firstIndex(of: name) else {
                throw Failure.usage("--fix: '\(name)' is no parameter of \(kind.rawValue) (\(names.joined(separator: ", ")))")
            }
            let limit = curve.lowerLimits[j]
            if value < limit || (value == limit && curve.limitingCurve(atLowerLimitOf: j) == nil) {
                throw Failure.usage("--fix: \(name) = \(shortText(value)) is outside \(kind.rawValue)'s domain: \(name) must be "
                                    + (curve.limitingCurve(atLowerLimitOf: j) == nil ? "above" : "at least") + " \(shortText(limit))")
            }
        }
        return (all, bySeries)
    }

    /// Every series an `option` value names (`--fix SERIES:NAME=VALUE`, `--launch SERIES:PERIOD`) is one of the file's.
    func checkNamedSeries(_ named: [String], option: String, in set: ObservationSet) throws {
        guard series != nil else {
            throw Failure.usage("\(option) \(named.sorted()[0]):…: a series' own value needs --series, the column naming the series")
        }
        // A series set aside for bad data (--skip-invalid) is the file's too: its value goes unused.
        let names = set.series.compactMap(\.name) + set.invalidSeries.map(\.name)
        for name in named.sorted() where !names.contains(name) {
            // A near name for a misspelt one; the names themselves where there are few.
            let near = name.count > 2 ? EditDistance.closest(to: name, among: names).map { ": did you mean '\($0)'?" } : nil
            let listed = names.count <= 5 ? "; the series are " + names.map { DataError.quote($0) }.joined(separator: ", ") : ""
            throw Failure.usage("\(option): no series \(DataError.quote(name)) in \(DataError.quote(set.source))" + (near ?? listed))
        }
    }

    /// The items of one `--fix` value, split at its commas, where a series' name may hold one: a part with
    /// no `=` is joined to the next (`DE,x:m=1000` is one item, for the series `DE,x`).
    static func fixItems(_ value: String) -> [Substring] {
        var items: [Substring] = []
        var pending: Substring? = nil
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            let item = pending.map { value[$0.startIndex..<part.endIndex] } ?? part
            if item.contains("=") { items.append(item); pending = nil } else { pending = item }
        }
        if let pending { items.append(pending) }
        return items
    }

    /// Parses `b1=700,b2=5.2` into ordered (name, value) pairs.
    func parseStarts(_ text: String, option: String = "--start") throws -> [(String, Double)] {
        try parsePairs(text.split(separator: ",", omittingEmptySubsequences: false), option: option)
    }

    /// Parses `name=value` items into ordered (name, value) pairs.
    func parsePairs(_ items: [Substring], option: String) throws -> [(String, Double)] {
        var out: [(String, Double)] = []
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw Failure.usage("\(option): expected name=value, found '\(item)'")
            }
            // Read as the data's cells and the other number options are: `0x7D4` is refused, not 2004.
            guard let value = try? NumberParsing.parseDouble(parts[1]) else {
                throw Failure.usage("\(option): '\(parts[1])' for '\(parts[0])' is not a finite decimal number")
            }
            if out.contains(where: { $0.0 == parts[0] }) { throw Failure.usage("\(option): '\(parts[0])' is given twice") }
            out.append((parts[0], value))
        }
        return out
    }

    /// The adopters column when --y is not given: the only named column besides x and series
    /// (a trailing comma in a spreadsheet export makes an unnamed one).
    func inferY(_ columnNames: [String], in source: String, headerLine: Int? = nil) throws -> String {
        func trimmed(_ name: String) -> Substring { name.withoutBlanksAround() }
        // A file of the periods alone is short of data, not of an option.
        if columnNames.count == 1, trimmed(columnNames[0]) == trimmed(x) {
            throw DataError(kind: .badData, file: source, line: headerLine, field: nil,
                            message: "the header names one column, \(DataError.quote(columnNames[0])) (the periods, --x): "
                                + "the file has no column of adopters")
        }
        let candidates = columnNames.filter {
            trimmed($0) != trimmed(x) && trimmed($0) != series.map(trimmed) && !$0.allSatisfy(\.isWhitespace)
        }
        guard candidates.count == 1 else {
            let columns = columnNames.map { "'\($0)'" }.joined(separator: ", ")
            if candidates.isEmpty, let series {
                throw Failure.usage("\(source): give --y: --x and --series ('\(series)') take every named column (\(columns)), "
                                    + "and none is left for the adopters")
            }
            throw Failure.usage("\(source): give --y: the columns are " + columns)
        }
        return candidates[0]
    }
}

/// Holds what a finished command produced until the process exits.
final class FinalResults: @unchecked Sendable {
    private var kept: [Any] = []
    func keep(_ values: Any...) { kept.append(contentsOf: values) }
}

let finalResults = FinalResults()

/// A number option read as the data's cells are (`NumberParsing`): a finite decimal number, so
/// that `0x7A0` (a hexadecimal float to `Double`'s parser, 1952), `inf` or `nan` is refused.
func decimalNumber(_ text: String) throws -> Double {
    try decimalNumber(text, option: nil, orPeriod: false)
}

/// As `decimalNumber`, for an option named in the message (one that `orPeriod` may also be a period label),
/// with examples of the numbers it takes.
func decimalNumber(_ text: String, option: String?, orPeriod: Bool, examples: String = "0.95, 2007 or 1.5e3") throws -> Double {
    do {
        return try NumberParsing.parseDouble(text)
    } catch {
        let quoted = DataError.quote(text)
        let why = switch error {
        case .empty: "the value is empty"
        case .notANumber: "\(quoted) is not a decimal number"
        case .notFinite: "\(quoted) is not a finite number"
        case .outOfRange: "\(quoted) is out of range for a double"
        case .tooSmall: "\(quoted) is too small for a double (it would read as 0)"
        }
        throw ValidationError((option.map { "\($0): " } ?? "") + why + "; give a decimal number, such as \(examples)"
                              + (orPeriod ? ", or a period where x holds them, such as 2015Q4 or 2015-03" : ""))
    }
}

extension FitCommand {
    /// Each series' first and last x.
    static func ends(_ set: ObservationSet) -> (firsts: [Double], lasts: [Double]) {
        (set.series.compactMap { $0.observations.first?.x }, set.series.compactMap { $0.observations.last?.x })
    }

    /// Why `--launch` cannot be `launch` for series whose first x are `firsts` (more than
    /// `maximumLaunchPeriods` before one), as a usage message; nil where it can. `named` names an x.
    func launchProblem(_ launch: Double, text: String, firsts: [Double], named: (Double) -> String) -> String? {
        guard let first = firsts.max(), first - launch > Double(Self.maximumLaunchPeriods) else { return nil }
        return "--launch \(DataError.singleLine(text)) is more than \(Self.maximumLaunchPeriods) periods before the data (\(named(first)))"
    }

    /// Why `--horizon` cannot be `horizon` for series whose last x are `lasts`, as a usage message; nil
    /// where it can. `named` names an x.
    func horizonProblem(_ horizon: Double, lasts: [Double], named: (Double) -> String) -> String? {
        // The curve is extended at last + 1, last + 2, … up to the horizon.
        if let latest = lasts.max(), let earliest = lasts.min(), horizon < earliest + 1 - 1e-9 {
            let last = lasts.count == 1 ? "the last observation is at \(named(latest))"
                : "every series' last observation is at \(named(earliest)) or later"
            // A count of periods given as a horizon (`--horizon 5` for five years past the data).
            let count = horizon.rounded() == horizon && horizon >= 1 && horizon <= Double(Self.maximumHorizonPeriods)
                && !(horizonText ?? "").hasPrefix("+") ? "; to extend each curve \(Int(horizon)) periods past its data, give --horizon +\(Int(horizon))" : ""
            return "--horizon \(horizonText ?? "") extends no curve: \(last)\(count)"
        }
        // The curve is extended period by period: a horizon between two periods would end it at
        // the earlier one unsaid.
        // To rounding: 20.1 is 13 periods after 7.1, though 20.1 − 7.1 is 13.000000000000002.
        if let last = lasts.first(where: { abs(($0 - horizon).rounded() - ($0 - horizon)) > 1e-9 }) {
            let before = last + (horizon - last).rounded(.down)
            return "--horizon \(horizonText ?? "") is not a whole number of periods after the data (an observation "
                + "is at \(named(last))): give \(named(before)) or \(named(before + 1))"
        }
        if let last = lasts.min(), horizon - last > Double(Self.maximumHorizonPeriods) {
            return "--horizon \(horizonText ?? "") is more than \(Self.maximumHorizonPeriods) periods after the data (\(named(last)))"
        }
        return nil
    }

    /// Refuses a text `option` takes as an x that is neither a number nor a period, before the file is read:
    /// one naming an impossible period (`2030-13`) says why, any other what to give. `shown` is the value as
    /// given, where the text is part of it (a series' own launch, `DE:2030-13`).
    func checkXText(_ text: String, option: String, shown: String? = nil) throws {
        guard (try? NumberParsing.parseDouble(text)) == nil, !PeriodCalendar.isPeriod(text) else { return }
        if let why = PeriodCalendar.impossiblePeriod(text) {
            throw ValidationError("\(option): \(DataError.quote(shown ?? text)) names no period: \(why)")
        }
        _ = try decimalNumber(text, option: option, orPeriod: true)
    }

    /// `--horizon` or `--launch` where x holds labels that are no periods (`wave A`): nothing to name.
    func labelsAreNoPeriods(option: String) -> Failure {
        Failure.usage("\(option) needs numeric x or periods (quarters, months, …); column '\(x)' holds labels that are no periods"
                      + (option == "--launch" ? ", and each series' first is its launch period" : "")
                      + ": number the periods (1, 2, …) to give one")
    }

    /// The x `--horizon` or `--launch` names: a number for numeric x, a period of the column's kind
    /// for dated period labels (`Q4 '14`, `2015Q4`, `2015-03`), in any form the column reads.
    /// One series' launch (`--launch DE:2015`) passes `series`: messages then quote the whole value, and
    /// suggest a period by that series' first observation.
    func resolvedX(_ text: String, option: String, _ set: ObservationSet, series: Series? = nil) throws -> Double {
        let number = try? NumberParsing.parseDouble(text)
        // The value as the user gave it, in messages, and the series' part of a period suggested.
        let prefix = series.flatMap(\.name).map { "\($0):" } ?? ""
        let shown = prefix + text
        guard set.usesPeriodLabels else {
            if let number { return number }
            throw Failure.usage("\(option) '\(shown)' is a period, and column '\(x)' holds numbers: give a number, as the column does")
        }
        guard let calendar = set.periodCalendar, let last = set.xLabels?.count else { throw labelsAreNoPeriods(option: option) }
        // For a launch, the period before the first (the series', or the file's).
        let before = (series?.observations.first?.x).map { $0 - 1 } ?? 0
        var example = set.label(forX: option == "--launch" ? before : Double(last + 1)) ?? set.label(forX: Double(last)) ?? ""
        if let number {
            // A year (`--horizon 2015`): its last period as the column names it (its first for --launch), where
            // the option would take it.
            if number == number.rounded(), (1000...2999).contains(number), let periods = calendar.periods(inYear: Int(number)) {
                let ends = series.map { one in (firsts: [one.observations[0].x], lasts: [one.observations[one.observations.count - 1].x]) }
                    ?? Self.ends(set)
                let candidate = Double(option == "--launch" ? periods.lowerBound : periods.upperBound)
                // A launch after a series' first observation is `FitStudy.check`'s data error.
                let takes = option == "--launch"
                    ? candidate <= (ends.firsts.min() ?? -.infinity) && launchProblem(candidate, text: text, firsts: ends.firsts, named: shortText) == nil
                    : horizonProblem(candidate, lasts: ends.lasts, named: shortText) == nil
                if takes, let label = set.label(forX: candidate) { example = label }
            }
            throw Failure.usage("\(option) \(shown): column '\(x)' holds periods, so name one as they do ('\(prefix)\(example)')")
        }
        guard let x = calendar.x(of: text) else {
            throw Failure.usage("\(option) '\(shown)' is not a period like those of column '\(x)' ('\(prefix)\(example)')")
        }
        return x
    }
}
