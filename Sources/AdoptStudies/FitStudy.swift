import AdoptData
import AdoptionModels
import Fitting
import LinearAlgebra

/// Which curve `adopt fit` fits.
public enum ModelChoice: Sendable {
    case model(ModelKind)
    /// Every adoption model, ranked by AICc.
    case auto
    /// A user formula `y = f(x; b)` with starting values for its parameters.
    case formula(Formula, start: [Double])
}

/// What to fit and how to report it.
public struct FitSettings: Sendable {
    public var model: ModelChoice
    /// How y relates to the cumulative curve (ignored by formulas, which give y directly).
    public var form: DataForm
    /// The launch period (its start is t = 0); defaults to each series' first x.
    public var launch: Double?
    /// Extend the fitted curve to this x with prediction intervals.
    public var horizon: Double?
    /// Extend each series' curve this many periods past its own last x (`--horizon +N`), where
    /// `horizon` is nil.
    public var periodsAhead: Int? = nil
    /// Launch periods of single series (`--launch DE:2015`), in place of `launch` for them.
    public var launchBySeries: [String: Double] = [:]
    /// The earliest first x of the file's series (`run` sets it): a series that starts after it shares
    /// a --launch with one that starts earlier.
    var earliestFirstX: Double? = nil
    /// Confidence level of every interval (0.95 gives 95 % intervals).
    public var level: Double
    /// How the estimates' covariance, and so every standard error and interval, is estimated
    /// (`--covariance`): classical, or a heteroskedasticity-consistent sandwich.
    public var covariance: CovarianceEstimator = .classical
    /// How large a new observation's error is in a prediction interval (`--errors`): σ in every
    /// period, or a share τ of the fitted value.
    public var errors: ObservationErrors = .constant
    /// Hold the last `holdout` observations of each series out of the fit and measure the
    /// forecast against them.
    public var holdout: Int?
    /// Add profile-likelihood intervals to the parameters (each end found by refits of the others).
    public var profile: Bool
    /// Report a series with fewer observations to fit than parameters as not fitted (status
    /// `too_few_observations`) and fit the others, instead of failing the run (`--skip-short`).
    public var skipsShortSeries = false
    /// Report a series whose data break a rule of their own (a period that is no whole step after the
    /// one before, a running total that falls, …) as not fitted (status `invalid_data`) and fit the
    /// others, instead of failing the run (`--skip-invalid`). The series the reading set aside
    /// (`ObservationSet.invalidSeries`) are reported so too, in their places.
    public var skipsInvalidSeries = false
    /// Compute the fitted curve with its intervals and the estimates' covariance (the Markdown
    /// and JSON reports show them; the tidy CSV of parameters does not need them).
    public var includeCurve: Bool
    /// At most this many threads check and fit the series (and at most the cores); nil: all cores.
    /// The records are the same whatever the number.
    public var workers: Int?
    /// Parameters of the model fixed at known values (`--fix m=17000`): the others are fitted.
    public var fixed: [(name: String, value: Double)] = []
    /// Values fixed for one series (`--fix DE:m=5000`), in place of `fixed`'s for the same parameter.
    public var fixedBySeries: [String: [(name: String, value: Double)]] = [:]

    /// Whether `--fix` fixes any parameter, of every series or of one.
    public var fixesParameters: Bool { !fixed.isEmpty || !fixedBySeries.isEmpty }

    /// The values fixed for the series named `series`: its own, then those for every series that it
    /// does not give.
    public func fixedValues(for series: String?) -> [(name: String, value: Double)] {
        let own = series.flatMap { fixedBySeries[$0] } ?? []
        return own + fixed.filter { all in !own.contains { $0.name == all.name } }
    }

    public init(model: ModelChoice, form: DataForm = .perPeriod, launch: Double? = nil,
                horizon: Double? = nil, level: Double = 0.95, holdout: Int? = nil, profile: Bool = false,
                includeCurve: Bool = true, workers: Int? = nil) {
        self.model = model
        self.form = form
        self.launch = launch
        self.horizon = horizon
        self.level = level
        self.holdout = holdout
        self.profile = profile
        self.includeCurve = includeCurve
        self.workers = workers
    }

    /// Whether every model is fitted and the fits ranked by AICc (`--model auto`).
    public var isRanked: Bool {
        if case .auto = model { return true }
        return false
    }
}

/// Keeps the BLAS to one thread for the whole run. The toolkit's solves are tiny and run in
/// parallel tasks; OpenBLAS's own worker threads would only spin beside them.
public func useSingleThreadedBLAS() {
    Decompositions.useSingleThreadedBLAS()
}

/// Series → fits → tidy records. Every series is fitted independently, in parallel,
/// and the records come back in input order, identical whatever the thread count.
public enum FitStudy {
    public static func run(_ input: ObservationSet, settings given: FitSettings) throws(DataError) -> [FitRecord] {
        // Periods of 0 before a series' launch (--launch) are no adoption, and left out of its fit.
        let (set, zerosBeforeLaunch) = { () -> (ObservationSet, [ZerosBeforeLaunch?]) in
            var set = input
            var zeros = [ZerosBeforeLaunch?](repeating: nil, count: set.series.count)
            if case .formula = given.model { return (set, zeros) }
            guard given.launch != nil || !given.launchBySeries.isEmpty else { return (set, zeros) }
            for i in set.series.indices {
                let series = set.series[i], launch = launchTime(of: series, in: set, given)
                let before = series.observations.prefix { $0.x < launch }
                guard !before.isEmpty, before.count < series.count, before.allSatisfy({ $0.y == 0 }) else { continue }
                zeros[i] = ZerosBeforeLaunch(count: before.count, first: before.first!.x, last: before.last!.x)
                set.series[i].observations.removeFirst(before.count)
            }
            return (set, zeros)
        }()
        let settings = {
            var settings = given
            // Among the series the launch for every series holds for (those without their own); only its note reads it.
            if given.launch != nil {
                settings.earliestFirstX = set.series.lazy.filter { ownLaunch(of: $0, given) == nil }
                    .compactMap { $0.observations.first?.x }.min()
            }
            return settings
        }()
        // Check everything before any fitting, so bad input fails fast and whole: the first
        // failure in input order is the one reported, and the other series that fail are named
        // with it, so that one run finds them all. The checks look at a series' size, its first
        // observation and its first adopters, and its x steps (per-period data) or running totals
        // (--cumulative); each fitting task then prepares its own series, whose arrays live only as
        // long as its fit.
        let needed = parameterCount(settings)
        let workers = settings.workers
        @Sendable func needs(_ series: Series) -> (Int, String) {
            settings.fixesParameters ? parameterCount(settings, for: series) : needed
        }
        // --skip-short: a series too short to fit is not fitted (its other checks still apply), where another is.
        let skipsShort = settings.skipsShortSeries && set.series.contains { !isShort($0, settings, needs: needs($0)) }
        let checked = IndexedResults.collect(set.series.count, workers: workers) { i -> CheckFailure? in
            let series = set.series[i], needs = needs(series)
            let checksSize = !(skipsShort && isShort(series, settings, needs: needs))
            do throws(CheckFailure) {
                try check(series, in: set, settings, needs: needs, checksSize: checksSize, zerosLeftOut: zerosBeforeLaunch[i]?.count)
            } catch { return error }
            return nil
        }
        // --skip-invalid reports a series' own bad data in its place; the other failures stop the run.
        let invalid = checked.map { settings.skipsInvalidSeries && $0?.kind == .own ? $0?.error : nil }
        let failures = set.series.indices.compactMap { i in
            invalid[i] == nil ? checked[i].map { (series: set.series[i], error: $0.error, kind: $0.kind) } : nil
        }
        if var first = failures.first?.error {
            let others = failures.dropFirst()
            if !others.isEmpty {
                let named = others.prefix(5).map { f in
                    (f.series.name.map { "'\($0)'" } ?? "a series") + (f.error.line.map { " (line \($0))" } ?? "")
                }
                first.message += "; \(others.count) more series cannot be fitted either: " + named.joined(separator: ", ")
                    + (others.count > 5 ? ", …" : "")
            }
            // Where every failure is one an option not given skips, and other series are left: that option.
            // The series that would be fitted: no failure, and not too short where --skip-short skips them.
            let left = set.series.indices.filter { checked[$0] == nil && !(skipsShort && isShort(set.series[$0], settings, needs: needs(set.series[$0]))) }.count
            let sizes = failures.contains { $0.kind == .size }, owns = failures.contains { $0.kind == .own }
            if settings.skipsShortSeries && !skipsShort {
                first.message += " (no series of the file has enough observations to fit)"
            } else if left > 0, !failures.contains(where: { $0.kind == .launch }),
                      !(owns && (settings.skipsInvalidSeries || set.seriesColumn == nil)) {
                if !owns {
                    first.message += " (--skip-short fits the other series and reports \(failures.count == 1 ? "it" : "these") as not fitted)"
                } else if !sizes {
                    first = ObservationSet.withSkipHint(first, setAside: failures.count, left: left)
                } else {
                    first.message += " (--skip-short and --skip-invalid report this series" + (failures.count > 1 ? " and \(failures.count - 1) more" : "")
                        + " as not fitted, and go on with the other \(left))"
                }
            }
            throw first
        }
        // Every series set aside or too short to fit: nothing is fitted, and the file's first problem stops the run.
        let problems = invalid.compactMap { $0 } + set.invalidSeries.map(\.problem)
        if !problems.isEmpty,
           set.series.indices.allSatisfy({ invalid[$0] != nil || (skipsShort && isShort(set.series[$0], settings, needs: needs(set.series[$0]))) }) {
            var error = problems.min { ($0.line ?? 0) < ($1.line ?? 0) }!
            let count = set.series.count + set.invalidSeries.count
            error.message += " (no series of the file is left to fit: each of its \(count) has bad data"
                + (problems.count < count ? " or too few observations)" : ")")
            throw error
        }
        // The records of a series not fitted for bad data of its own: one for each model fitted.
        @Sendable func invalidRecords(_ name: String?, _ problem: DataError, moreLines: [Int] = []) -> [FitRecord] {
            switch settings.model {
            case .model(let kind):
                [invalidData(kind.rawValue, formula: nil, names: kind.curve.parameterNames, name, problem, settings, moreLines: moreLines)]
            case .auto:
                ModelKind.allCases.map {
                    invalidData($0.rawValue, formula: nil, names: $0.curve.parameterNames, name, problem, settings, moreLines: moreLines)
                }
            case .formula(let formula, _):
                [invalidData("formula", formula: formula.source, names: formula.parameterNames, name, problem, settings, moreLines: moreLines)]
            }
        }
        Decompositions.useSingleThreadedBLAS()
        let count = set.series.count
        switch settings.model {
        case .model(let kind):
            return placed(IndexedResults.collect(count, workers: workers) { i in
                if let problem = invalid[i] { return invalidRecords(set.series[i].name, problem)[0] }
                if skipsShort, case let series = set.series[i], case let needs = needs(series), isShort(series, settings, needs: needs) {
                    return notFitted(kind.rawValue, formula: nil, names: kind.curve.parameterNames, series,
                                     launch: launchTime(of: series, in: set, settings), settings, needs: needs, periods: set.periodNames,
                                     zeros: zerosBeforeLaunch[i])
                }
                let fixed = settings.fixesParameters ? settings.fixedValues(for: set.series[i].name) : []
                return fixed.isEmpty ? fitModel(kind, prepare(set.series[i], in: set, settings, zeros: zerosBeforeLaunch[i]), settings)
                    : fitFixed(kind, prepare(set.series[i], in: set, settings, zeros: zerosBeforeLaunch[i]), settings, fixed: fixed)
            }, set) { invalidRecords($0.name, $0.problem, moreLines: $0.moreLines)[0] }
        case .auto:
            return placed(IndexedResults.collect(count, workers: workers) { i in
                if let problem = invalid[i] { return invalidRecords(set.series[i].name, problem) }
                if skipsShort, isShort(set.series[i], settings, needs: needed) {
                    let launch = launchTime(of: set.series[i], in: set, settings)
                    return ModelKind.allCases.map {
                        notFitted($0.rawValue, formula: nil, names: $0.curve.parameterNames, set.series[i], launch: launch, settings,
                                  needs: ($0.curve.parameterNames.count, $0.rawValue), periods: set.periodNames, zeros: zerosBeforeLaunch[i])
                    }
                }
                return rankedFits(prepare(set.series[i], in: set, settings, zeros: zerosBeforeLaunch[i]), settings)
            }, set) { invalidRecords($0.name, $0.problem, moreLines: $0.moreLines) }.flatMap { $0 }
        case .formula(let formula, let start):
            return placed(IndexedResults.collect(count, workers: workers) { i in
                if let problem = invalid[i] { return invalidRecords(set.series[i].name, problem)[0] }
                if skipsShort, isShort(set.series[i], settings, needs: needed) {
                    return notFitted("formula", formula: formula.source, names: formula.parameterNames, set.series[i], launch: nil, settings,
                                     needs: needed)
                }
                return fitFormula(formula, start: start, prepare(set.series[i], in: set, settings, zeros: zerosBeforeLaunch[i]), settings)
            }, set) { invalidRecords($0.name, $0.problem, moreLines: $0.moreLines)[0] }
        }
    }

    /// The records of `set.series` (`records[i]` that of series i) with those of the series the
    /// reading set aside (`set.invalidSeries`, made by `record`) in their places: in input order.
    static func placed<Record>(_ records: [Record], _ set: ObservationSet, _ record: (InvalidSeries) -> Record) -> [Record] {
        guard !set.invalidSeries.isEmpty else { return records }
        var out: [Record] = []
        out.reserveCapacity(records.count + set.invalidSeries.count)
        var next = records.makeIterator()
        var aside = set.invalidSeries.makeIterator(), pending = aside.next()
        for position in 0..<(records.count + set.invalidSeries.count) {
            if let invalid = pending, invalid.position == position {
                out.append(record(invalid))
                pending = aside.next()
            } else if let record = next.next() {
                out.append(record)
            }
        }
        precondition(pending == nil && next.next() == nil, "every record placed once")
        return out
    }

    /// The record of a model not fitted for bad data of the series' own (`--skip-invalid`): its first
    /// problem, and the lines of the others (the first five).
    static func invalidData(_ model: String, formula: String?, names: [String], _ series: String?, _ problem: DataError,
                            _ settings: FitSettings, moreLines: [Int] = []) -> FitRecord {
        var at = problem.line.map { "line \($0)" } ?? ""
        if let field = problem.field { at += (at.isEmpty ? "" : ", ") + "field \(DataError.quote(field))" }
        let more = moreLines.isEmpty ? ""
            : " (and \(moreLines.count) more: line\(moreLines.count == 1 ? "" : "s") "
                + moreLines.prefix(5).map(String.init).joined(separator: ", ") + (moreLines.count > 5 ? ", …" : "") + ")"
        return FitRecord(
            series: series, model: model, formula: formula, data: formula == nil ? settings.form.rawValue : "direct",
            converged: false, status: FitRecord.invalidData,
            message: "not fitted: bad data" + (at.isEmpty ? "" : " on \(at)") + ": " + problem.message + more,
            parameters: names.map { ParameterRecord(name: $0, estimate: nil, stdError: nil, ciLow: nil, ciHigh: nil) },
            n: 0, dof: 0, rss: nil, sigma: nil, rSquared: nil, aic: nil, aicc: nil, bic: nil,
            conditionNumber: nil, evaluations: 0, startsTried: 0, rank: nil,
            launch: nil, milestones: formula == nil ? MilestoneRecord() : nil, curve: [], holdout: nil)
    }

    struct Prepared: Sendable {
        var series: Series
        /// The observations fitted (all of them, or those before the held-out ones).
        var data: CurveData
        var launch: Double
        /// The series' x values when the fitted curve is reported (its points are placed at
        /// them), else empty.
        var xs: [Double]
        /// The labels of the periods, past the data too for dated ones: they name the points of the
        /// curve, over the data and past it, and the periods the milestones fall in. Nil for numeric x.
        var periods: PeriodNames? = nil
        /// The held-out observations in model time (empty without `--holdout`).
        var heldOut = HeldOut(t: [], y: [])
        /// The periods of 0 before the launch, left out of the fit.
        var zerosBeforeLaunch: ZerosBeforeLaunch? = nil

        /// An x as the data name it: its period's label, quoted, where x holds them.
        func named(_ x: Double) -> String { xText(x, periods: periods) }

        /// The calendar time the periods fitted end at, launch + the last t (nil without observations).
        var dataEnd: Double? { data.t.last.map { launch + $0 } }
    }

    /// The last observations of a series, kept out of the fit to test its forecast.
    struct HeldOut: Sendable {
        var t: [Double]
        var y: [Double]
    }

    static func parameterCount(_ settings: FitSettings) -> (Int, String) {
        switch settings.model {
        case .model(let kind): (kind.curve.parameterNames.count, kind.rawValue)
        case .auto: (ModelKind.allCases.map { $0.curve.parameterNames.count }.min()!, "every model")
        case .formula(let f, _): (f.parameterNames.count, "the formula")
        }
    }

    /// The parameters a series' fit estimates, where `--fix` fixes some: the model's others ("bass with m
    /// fixed").
    static func parameterCount(_ settings: FitSettings, for series: Series) -> (Int, String) {
        guard case .model(let kind) = settings.model else { return parameterCount(settings) }
        let fixed = settings.fixedValues(for: series.name).map(\.name)
        let names = kind.curve.parameterNames.filter { !fixed.contains($0) }
        guard names.count < kind.curve.parameterNames.count else { return parameterCount(settings) }
        return (names.count, "\(kind.rawValue) with \(fixed.joined(separator: ", ")) fixed")
    }

    /// Whether a series has fewer observations to fit (those not held out) than the parameters `needs`
    /// counts, or none.
    static func isShort(_ series: Series, _ settings: FitSettings, needs: (Int, String)) -> Bool {
        series.count - (settings.holdout ?? 0) < max(1, needs.0)
    }

    /// The record of a model not fitted for too few observations: a series too short to fit
    /// (`--skip-short`), or a model with more parameters than the series has (`--model auto`, which fits
    /// what it can), with the count of observations it has to fit; `launch` nil for a formula; `zeros`, the
    /// periods of 0 before the launch left out of the series, which its note names.
    static func notFitted(_ model: String, formula: String?, names: [String], _ series: Series, launch: Double?,
                          _ settings: FitSettings, needs: (Int, String), periods: PeriodNames? = nil,
                          zeros: ZerosBeforeLaunch? = nil) -> FitRecord {
        let held = settings.holdout ?? 0, n = max(0, series.count - held)
        let (k, what) = needs
        // Worded as `--model auto` words a model it cannot fit; with --fix, what the count is of.
        var record = FitRecord(
            series: series.name, model: model, formula: formula, data: formula == nil ? settings.form.rawValue : "direct",
            converged: false, status: FitRecord.tooFewObservations,
            message: n == 0 ? "not fitted: no observation to fit"
                : "not fitted: \(n) observation\(n == 1 ? "" : "s") to fit, fewer than its \(k) parameters"
                    + (what == model || formula != nil ? "" : " (\(what))"),
            parameters: names.map { ParameterRecord(name: $0, estimate: nil, stdError: nil, ciLow: nil, ciHigh: nil) },
            n: n, dof: 0, rss: nil, sigma: nil, rSquared: nil, aic: nil, aicc: nil, bic: nil,
            conditionNumber: nil, evaluations: 0, startsTried: 0, rank: nil,
            launch: launch, milestones: formula == nil ? MilestoneRecord() : nil,
            curve: [], holdout: held > 0 ? HoldoutRecord(observed: Array(series.ys.suffix(held)), forecasts: [], low: [], high: []) : nil)
        record.launchPeriod = launch.flatMap { periods?.label(forX: $0) }
        if let zeros, let launch { record.notes.append(zeros.note(launch: launch, periods: periods)) }
        return record
    }

    /// Periods beyond which an observation at an end of its series, far from the others, is refused as
    /// no period of the series (the reach of `--launch` and `--horizon`).
    static let maximumDistantPeriods = 1000

    /// A series' failure in `check`, and what it is: too few observations (`--skip-short`'s), an observation
    /// before the launch (the option's conflict with the data, which no option skips), or bad data of the
    /// series' own (`--skip-invalid`'s).
    struct CheckFailure: Error {
        enum Kind { case size, launch, own }
        var error: DataError
        var kind: Kind
    }

    /// Checks that a series can be fitted as `settings` ask; `needs` is `parameterCount(settings)`. A failure
    /// says what it is: too few observations, a start before the launch, or the series' own bad data.
    /// `zerosLeftOut`: the periods of 0 before the launch left out of the series (`run`), which its sizes
    /// are counted without.
    static func check(_ series: Series, in set: ObservationSet, _ settings: FitSettings,
                      needs: (Int, String), checksSize: Bool = true, zerosLeftOut: Int? = nil) throws(CheckFailure) {
        // The name is spelled out only for a message.
        var name: String { series.name.map { "series '\($0)'" } ?? "the series" }
        var fromLaunch: String { zerosLeftOut.map { " (from the launch: the \($0) periods of 0 before it are left out)" } ?? "" }
        let (k, what) = needs
        let held = settings.holdout ?? 0
        // The size (`checksSize` false: a series --skip-short reports as not fitted).
        if checksSize {
            do throws(DataError) {
                if series.count < k {
                    throw DataError(kind: .badData, file: set.source, line: series.lines.last, field: set.yColumn,
                                    message: "\(name) has \(series.count) observation\(series.count == 1 ? "" : "s"), "
                                        + "fewer than the \(k) parameters of \(what)" + fromLaunch)
                }
                if held > 0 && series.count - held < 1 {
                    throw DataError(kind: .badData, file: set.source, line: series.lines.last, field: set.yColumn,
                                    message: "\(name) has \(series.count) observation\(series.count == 1 ? "" : "s"): with --holdout \(held), "
                                        + "none is left to fit" + fromLaunch)
                }
                if held > 0 && series.count - held < k {
                    throw DataError(kind: .badData, file: set.source, line: series.lines.last, field: set.yColumn,
                                    message: "\(name) has \(series.count) observations: with --holdout \(held), "
                                        + "the \(max(0, series.count - held)) left to fit are fewer than the \(k) parameters of \(what)" + fromLaunch)
                }
            } catch {
                throw CheckFailure(error: error, kind: .size)
            }
        }
        if case .formula = settings.model { return }
        // The observations are sorted by x (as both readers leave them): the first is the earliest.
        let first = series.observations[0], launch = launchTime(of: series, in: set, settings)
        assert(series.observations.allSatisfy { $0.x >= first.x }, "a series' observations are sorted by x")
        // An x as the data name it: its period's label where x holds them.
        func named(_ x: Double) -> String { xText(x, periods: set.periodNames) }
        if first.x < launch {
            // Periods of 0 before the launch are left out (`run`): the first other value is named.
            let shown = series.observations.first { $0.x < launch && $0.y != 0 } ?? first
            throw CheckFailure(error: DataError(
                kind: .badData, file: set.source, line: shown.line, field: set.xColumn,
                message: "\(name) has an observation at \(named(shown.x)), before the launch \(named(launch))"
                    + (launch < shown.x + 1 ? " (within that period: a launch is at or before the start of the period it "
                           + "counts from, here \(named(shown.x)))"
                       : shown.line != first.line ? " (periods of 0 before the launch would be left out of the fit; this one is \(shortText(shown.y)))"
                       : "")), kind: .launch)
        }
        // The series' own data.
        do throws(DataError) {
            // One pass over consecutive observations. Each value is the adopters of one whole period
            // of x (model time (t − 1, t]), or the running total at its end, so x steps by whole
            // periods (quarters as 2024.25 would make the periods overlap, or put a running total a
            // year after its quarter). Cumulative data: running totals never fall (a fall means
            // adopters per period, or a stock that also loses members).
            let checksSteps = set.xLabels == nil
            let observations = series.observations
            // Months written as numbers, YYYYMM (202011, 202012, 202101), or quarters, YYYYQ (20193, 20194,
            // 20201): the new year opens a gap of 88 or 6 periods, in the data or in a horizon or launch past
            // them (202001 … 202006 to 202103), so such x are refused even within one year.
            for code in [(kind: "months", form: "YYYYMM", range: 190001.0...220012.0, base: 100, last: 12, label: "2020-08"),
                         (kind: "quarters", form: "YYYYQ", range: 19001.0...22004.0, base: 10, last: 4, label: "2019Q1")]
            where checksSteps && observations.count >= 2
                && observations.allSatisfy({ $0.x == $0.x.rounded() && code.range.contains($0.x) && (1...code.last).contains(Int($0.x) % code.base) }) {
                let gap = code.base - code.last
                let jump = zip(observations, observations.dropFirst()).first(where: { Int($1.x) / code.base != Int($0.x) / code.base })?.1
                let shown = jump ?? observations.last!
                throw DataError(kind: .badData, file: set.source, line: shown.line, field: set.xColumn,
                                message: "\(name) has x like \(code.kind) written \(code.form) (\(shortText(first.x)), …, \(shortText(shown.x))), "
                                    + (jump != nil ? "so a new year opens a gap of \(gap) periods" : "which a new year would break with a gap of \(gap) periods")
                                    + ": give the \(code.kind) as labels (\(code.label)) or number the periods")
            }
            // One x far from the rest that is a neighbour mistyped: a digit too many, too few or wrong
            // (1959 typed 19590 or 195, 2020 typed 2920), or two swapped. It stands at an end, more than
            // 100 periods and ten times what the other observations span away from them. A series with
            // one distant observation of its own (a launch figure years before the rest) is fitted as it is.
            if checksSteps, observations.count >= 3,
               let (before, at) = zip(observations, observations.dropFirst()).max(by: { $0.1.x - $0.0.x < $1.1.x - $1.0.x }) {
                let gap = at.x - before.x, rest = observations.last!.x - first.x - gap
                let atLast = at.line == observations.last!.line
                let odd = atLast ? at : before
                // More than 1,000 periods away (99999 for 1999, 1e300), as far as --launch and --horizon may reach,
                // is no adoption period of the series, mistyped or not.
                if gap > 100 && gap > 10 * max(rest, 1) && (atLast || before.line == first.line),
                   gap > Double(maximumDistantPeriods) || Self.looksMistyped(odd.x, as: observations.filter { $0.line != odd.line }.map(\.x)) {
                    throw DataError(kind: .badData, file: set.source, line: odd.line, field: set.xColumn,
                                    message: "\(name) jumps from \(shortText(before.x)) (line \(before.line)) to \(shortText(at.x)) "
                                        + "(line \(at.line)), \(shortText(gap)) periods, where its other observations span "
                                        + "\(shortText(rest)): a typing slip? Correct the x, or leave the row out")
                }
            }
            // Months and years written MM.YYYY (11.1990, as German spreadsheets write them) read as decimals.
            var monthDotYear: Bool { observations.allSatisfy { o in
                let month = o.x.rounded(.down), year = (o.x - month) * 10000
                return (1...12).contains(month) && abs(year - year.rounded()) < 1e-6 && (1000...2999).contains(year.rounded())
            } }
            // The same within one year (01.2021 … 12.2021) steps by whole periods: told apart from decimals by
            // a year of 1900–2100 that is no whole century (x = 1.2, 2.2, … reads as the year 2000).
            if checksSteps, observations.count >= 3, monthDotYear, let x = observations.first?.x,
               case let year = ((x - x.rounded(.down)) * 10000).rounded(), (1900...2100).contains(year), year.truncatingRemainder(dividingBy: 100) != 0,
               observations.allSatisfy({ abs((($0.x - $0.x.rounded(.down)) * 10000).rounded() - year) < 0.5 }) {
                let month = Int(x.rounded(.down))
                throw DataError(kind: .badData, file: set.source, line: observations[0].line, field: set.xColumn,
                                message: "\(name) has x from \(shortText(x)) to \(shortText(observations.last!.x)), which read like months written MM.YYYY "
                                    + "(\(month < 10 ? "0" : "")\(month).\(Int(year)) as \(shortText(x))): write them as \(Int(year))-\(month < 10 ? "0" : "")\(month), "
                                    + "or number the periods (1, 2, …)")
            }
            for i in observations.indices.dropFirst() {
                let (before, at) = (observations[i - 1], observations[i])
                if checksSteps {
                    let step = at.x - before.x
                    // Whole to rounding: a few units in the last place of the x values, at least 1e-9.
                    if abs(step - step.rounded()) > max(1e-9, 4 * max(at.x.ulp, before.x.ulp)) {
                        let what = settings.form == .cumulative
                            ? "each running total is the total at the end of one whole period of x"
                            : "each value of per-period data covers one whole period of x"
                        throw DataError(kind: .badData, file: set.source, line: at.line, field: set.xColumn,
                                        message: "\(name) steps from \(shortText(before.x)) (line \(before.line)) "
                                            + "to \(shortText(at.x)): \(what); number the periods (1, 2, …) or give them "
                                            + "as labels (2024Q1)" + (monthDotYear ? "; the values read like months written "
                                            + "MM.YYYY (11.1990 as 11.199): write them as 1990-11" : ""))
                    }
                }
                if settings.form == .cumulative, at.y < before.y {
                    throw DataError(kind: .badData, file: set.source, line: at.line, field: set.yColumn,
                                    message: "\(name) falls from \(shortText(before.y)) (line \(before.line)) "
                                        + "to \(shortText(at.y)): --cumulative needs running totals of adopters; "
                                        + "without it the values are adopters per period")
                }
            }
            let closest = zip(observations, observations.dropFirst()).min { $0.1.x - $0.0.x < $1.1.x - $1.0.x }
            // Whole numbers 3000–80000 at least 28 apart are days, as Excel's date serials count them
            // (43466 is 2019-01-01, 3000 is 1908-03-18): read as periods, a year would be 365 of them.
            // Years are below 3000, and a series of years 28 or more apart is not a run of days; nor is
            // one whose steps are all whole weeks (weekly data: 43466, 43473, …).
            var weekly: Bool {
                zip(observations, observations.dropFirst()).allSatisfy { b, a in
                    let step = a.x - b.x
                    return step >= 7 && step.truncatingRemainder(dividingBy: 7) == 0
                }
            }
            if checksSteps, let (before, at) = closest,
               observations.allSatisfy({ $0.x == $0.x.rounded() && (3_000...80_000).contains($0.x) }),
               at.x - before.x >= 28 || weekly {
                throw DataError(kind: .badData, file: set.source, line: at.line, field: set.xColumn,
                                message: "\(name) has x like day numbers, as Excel's date serials are (43466 is 2019-01-01): "
                                    + "\(shortText(before.x)) (line \(before.line)) and \(shortText(at.x)) would be "
                                    + "\(shortText(at.x - before.x)) periods apart; write the years, or the dates (2019-01-01)")
            }
            // (A series --skip-short reports as not fitted may have none left to fit: nothing to check.)
            if series.count > held, !observations[..<(series.count - held)].contains(where: { $0.y > 0 }) {
                let which = held > 0 ? "every value left to fit with --holdout \(held)" : "every value"
                throw DataError(kind: .badData, file: set.source, line: first.line, field: set.yColumn,
                                message: "\(name) has no adopters (\(which) is 0): no adoption curve can be fitted to it")
            }
        } catch {
            throw CheckFailure(error: error, kind: .own)
        }
    }

    /// Whether `x` reads as a whole number of the span of `others` (or one period beside it) mistyped:
    /// with a digit too many, too few or wrong, or two neighbouring digits swapped (Damerau's single
    /// edits), or as ten times or a tenth of one.
    static func looksMistyped(_ x: Double, as others: [Double]) -> Bool {
        guard let low = others.min(), let high = others.max() else { return false }
        func near(_ v: Double) -> Bool { v >= low - 1 && v <= high + 1 }
        if near(x * 10) || near(x / 10) { return true }
        func digits(_ v: Double) -> [UInt8]? {
            v == v.rounded() && abs(v) < 1e15 ? Array(String(Int64(v)).utf8) : nil
        }
        guard let mine = digits(x) else { return false }
        // Every whole number the series spans, or over a long span its observations and their neighbours.
        let candidates: [Double] = high - low <= 2000
            ? Array(stride(from: (low - 1).rounded(.down), through: (high + 1).rounded(.up), by: 1))
            : others.flatMap { [$0 - 1, $0, $0 + 1] }
        // Numbers of one or two digits are a single edit from too much (any 3-digit number is one
        // from some 2-digit one): edits count for numbers of three digits or more.
        return candidates.contains { c in digits(c).map { $0.count >= 3 && oneEditApart(mine, $0) } ?? false }
    }

    /// Whether `a` becomes `b` by inserting, deleting or replacing one character, or swapping two
    /// neighbouring ones.
    static func oneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a.count == b.count {
            let differ = a.indices.filter { a[$0] != b[$0] }
            if differ.count <= 1 { return true }
            return differ.count == 2 && differ[1] == differ[0] + 1 && a[differ[0]] == b[differ[1]] && a[differ[1]] == b[differ[0]]
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        guard long.count == short.count + 1 else { return false }
        let i = short.indices.first { short[$0] != long[$0] } ?? short.count
        return short[i...].elementsEqual(long[(i + 1)...])
    }

    /// A series' own launch (`--launch DE:2015`), if given; the look-up only where some series has one
    /// (most runs give none).
    static func ownLaunch(of series: Series, _ settings: FitSettings) -> Double? {
        settings.launchBySeries.isEmpty ? nil : series.name.flatMap { settings.launchBySeries[$0] }
    }

    /// Whether `--launch` places this series' launch (its own, or the one for every series), rather than
    /// its first x.
    static func launchIsGiven(for series: Series, _ settings: FitSettings) -> Bool {
        settings.launch != nil || ownLaunch(of: series, settings) != nil
    }

    /// The time origin of a series fitted with an adoption model: its own `--launch`, else the one for
    /// every series, else its first x (its first labelled period, for labels).
    static func launchTime(of series: Series, in set: ObservationSet, _ settings: FitSettings) -> Double {
        ownLaunch(of: series, settings) ?? settings.launch ?? series.observations[0].x
    }

    /// Periods of 0 before a series' launch, left out of its fit: how many, and the first and last x.
    struct ZerosBeforeLaunch: Sendable {
        var count: Int
        var first: Double
        var last: Double

        /// The note that says so, on every record of the series, fitted or not.
        func note(launch: Double, periods: PeriodNames?) -> String {
            "the \(Self.span(count, first, last, periods: periods)) before the launch \(xText(launch, periods: periods)) (--launch) are "
                + "left out of the fit: no adoption before launch"
        }

        /// "4 periods of 0 (2019 to 2022)": a run of periods of 0 as the notes name it.
        static func span(_ count: Int, _ first: Double, _ last: Double, periods: PeriodNames?) -> String {
            "\(count) periods of 0 (\(xText(first, periods: periods)) to \(xText(last, periods: periods)))"
        }
    }

    /// A series that passed `check`, in model time; `zeros`, the periods of 0 before its launch left out of it.
    static func prepare(_ series: Series, in set: ObservationSet, _ settings: FitSettings, zeros: ZerosBeforeLaunch? = nil) -> Prepared {
        let held = settings.holdout ?? 0
        let xs = series.xs
        let kept = settings.includeCurve ? xs : []
        let t: [Double]
        let form: DataForm
        let launch: Double
        if case .formula = settings.model {
            (t, form, launch) = (xs, .cumulative, 0)
        } else {
            launch = launchTime(of: series, in: set, settings)
            (t, form) = (xs.map { $0 - launch + 1 }, settings.form)
        }
        let y = series.ys
        let periods = set.periodNames
        guard held > 0 else {
            return Prepared(series: series, data: CurveData(t: t, y: y, form: form), launch: launch, xs: kept, periods: periods,
                            zerosBeforeLaunch: zeros)
        }
        let fitted = series.count - held
        return Prepared(series: series, data: CurveData(t: Array(t[..<fitted]), y: Array(y[..<fitted]), form: form),
                        launch: launch, xs: kept, periods: periods,
                        heldOut: HeldOut(t: Array(t[fitted...]), y: Array(y[fitted...])), zerosBeforeLaunch: zeros)
    }

    /// The fit of a user formula, from its starting values (and the multi-start points around them).
    static func fitFormula(_ formula: Formula, start: [Double], _ p: Prepared, _ settings: FitSettings) -> FitRecord {
        let problem = CurveFitProblem(curve: formula, data: p.data)
        var solver = NonlinearLeastSquares()
        solver.probesGaussNewtonStep = true
        var result = solver.fit(problem, names: formula.parameterNames, observed: p.data.y,
                                                 starts: MultiStart.starts(around: start))
        if result.status == .nonFinite, let i = p.data.t.indices.first(where: { !formula.value(at: p.data.t[$0], parameters: start).isFinite }) {
            // Say where: the first observation at which the formula is not finite from the start.
            result.message = "the formula is not finite at x = \(shortText(p.data.t[i])) (line \(p.series.observations[i].line)) "
                + "with the --start values"
        }
        let gap: String?
        (result, gap) = covariance(result, curve: formula, market: nil, p, settings)
        var fit = record(result, curve: formula, model: "formula", formula: formula.source, p, settings, market: nil,
                         milestones: nil, domain: nil)
        if let gap { fit.notes.append(gap) }
        return fit
    }

    /// Every adoption model fitted to a series, ranked by AICc (converged fits first, then the
    /// rest in model order).
    static func rankedFits(_ p: Prepared, _ settings: FitSettings) -> [FitRecord] {
        // Richards is checked against the Gompertz and logistic fits, Bass (and, on per-period data, the
        // logistic, Gompertz and Richards fits) against exponential saturation: each fit is made once, when
        // a check or its own record first asks for it (`SeriesFits`).
        let fits = SeriesFits(AdoptionFitter(), data: p.data)
        var records = ModelKind.allCases.map { kind -> FitRecord in
            guard kind.curve.parameterNames.count <= p.data.t.count else {
                return notFitted(kind.rawValue, formula: nil, names: kind.curve.parameterNames, p.series, launch: p.launch, settings,
                                 needs: (kind.curve.parameterNames.count, kind.rawValue), periods: p.periods, zeros: p.zerosBeforeLaunch)
            }
            return fitModel(kind, p, settings, fitted: fits.fit(kind))
        }
        var order = records.indices.filter { records[$0].converged && records[$0].aicc != nil }
            .sorted { records[$0].aicc! < records[$1].aicc! }
        // Models whose AICc are equal to rounding keep the model order among them (Bass first).
        for i in order.indices.dropFirst() {
            var k = i
            while k > 0, aiccTied(records[order[k - 1]].aicc!, records[order[k]].aicc!), order[k] < order[k - 1] {
                order.swapAt(k, k - 1)
                k -= 1
            }
        }
        let aiccs = order.map { records[$0].aicc! }
        // On per-period data the Bass and logistic curves are one model in two parameterizations
        // (every logistic's increments are a Bass curve's, and back): counted twice, the pair would
        // take weight from every other model (Burnham & Anderson 2002, §2.9, on redundant
        // candidates). The better ranked of the two carries the pair's weight (Bass, ranked first,
        // where their AICc are equal to rounding, as they are at a shared minimum).
        var twin: Int? = nil
        if p.data.form == .perPeriod,
           let b = order.firstIndex(where: { records[$0].model == ModelKind.bass.rawValue }),
           let l = order.firstIndex(where: { records[$0].model == ModelKind.logistic.rawValue }) {
            let bassCarries = b < l
            twin = bassCarries ? l : b
            records[order[twin!]].notes.append(
                bassCarries ? "on per-period data the logistic is the Bass model in other parameters (its increments are "
                        + "Bass's times 1 + p/q, with k = p + q): the two are one model, weighted once, under Bass"
                      : "on per-period data Bass is the logistic in other parameters (the logistic's increments are "
                        + "Bass's times 1 + p/q, with k = p + q): the two are one model, weighted once, under the logistic")
        }
        let weighted = order.indices.filter { $0 != twin }
        let weights = akaikeWeights(weighted.map { aiccs[$0] })
        for (rank, i) in order.enumerated() {
            records[i].rank = rank + 1
            // From the best-ranked fit's AICc, and 0 where equal to it to rounding: the fit ranked first
            // has 0, not a rounding's difference from a tied fit ranked after it.
            records[i].deltaAicc = aiccTied(aiccs[rank], aiccs[0]) ? 0 : aiccs[rank] - aiccs[0]
            records[i].aiccWeight = weighted.firstIndex(of: rank).map { weights[$0] }
        }
        // Weighted fits within 2 of the best's AICc, not equal to it: the data support them about as well
        // (Burnham & Anderson 2002, §2.6), and a table that shows the best alone would not say so.
        if let best = order.first {
            let close = weighted.dropFirst().map { order[$0] }.filter {
                records[$0].deltaAicc! < 2 && !aiccTied(records[$0].aicc!, records[best].aicc!)
            }
            if !close.isEmpty {
                func market(_ r: FitRecord) -> String {
                    r.parameters.first { $0.name == "m" }?.estimate.map { ", m = \(significantText($0))" } ?? ""
                }
                let parts = close.map { j in
                    "\(records[j].modelName) (ΔAICc \(significantText(records[j].deltaAicc!, digits: 3)), weight "
                        + "\(significantText(records[j].aiccWeight!, digits: 3))\(market(records[j])))"
                }
                records[best].notes.append(
                    parts.joined(separator: ", ") + " \(close.count == 1 ? "is" : "are") within 2 of this fit's AICc "
                        + "(weight \(significantText(records[best].aiccWeight!, digits: 3))\(market(records[best]))): the data "
                        + "support \(close.count == 1 ? "both" : "them") about as well (ΔAICc below 2), and their curves can forecast "
                        + "differently: compare them before choosing one")
            }
        }
        // A fit left out of the ranking (not converged, not identified, on a bound) whose AICc is well below
        // the best ranked one's: the weights say nothing of it, so the best says so (pre-peak data whose
        // Gompertz fit, m undetermined, fits far closer than Bass). Closer in its residuals too: a model with fewer
        // parameters can have the lower AICc on a short series for its smaller penalty alone, with a flat curve.
        if let best = order.first, let bestAICc = records[best].aicc, let bestRSS = records[best].rss,
           let lower = records.indices.filter({
               records[$0].rank == nil && (records[$0].aicc ?? .infinity) < bestAICc - 2 && (records[$0].rss ?? .infinity) < bestRSS
           })
               .min(by: { records[$0].aicc! < records[$1].aicc! }) {
            let other = records[lower]
            records[best].notes.append(
                "\(other.modelName) fits closer (AICc \(significantText(other.aicc!)) against \(significantText(bestAICc))) but is not "
                    + "ranked, as its status is \(other.status.replacingOccurrences(of: "_", with: " ")): the ranking and its weights are "
                    + "among the converged fits only, and the data may follow a curve they do not determine")
        }
        return records.enumerated().sorted { a, b in
            (a.element.rank ?? Int.max, a.offset) < (b.element.rank ?? Int.max, b.offset)
        }.map(\.element)
    }

    /// Akaike weights of models with these AICc values: exp(−Δᵢ/2) / Σⱼ exp(−Δⱼ/2), Δ the
    /// difference from the smallest (Burnham & Anderson 2002, *Model Selection and Multimodel
    /// Inference*, §2.9).
    public static func akaikeWeights(_ aicc: [Double]) -> [Double] {
        guard let best = aicc.min() else { return [] }
        let likelihoods = aicc.map { Double.exp(-($0 - best) / 2) }
        let total = likelihoods.reduce(0, +)
        return likelihoods.map { $0 / total }
    }

    /// Whether two AICc values are equal to rounding (relative 1e-6): models that fit equally well.
    public static func aiccTied(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-6 * max(1, abs(a))
    }

    /// The runs of weighted fits, given in rank order, whose AICc are equal to rounding (relative
    /// 1e-6): models that fit equally well and split their Akaike weight. Runs of one fit are left
    /// out.
    public static func tiedRuns(_ fits: [FitRecord]) -> [[FitRecord]] {
        var runs: [[FitRecord]] = []
        var run: [FitRecord] = []
        for fit in fits {
            guard fit.rank != nil, fit.aiccWeight != nil, let aicc = fit.aicc else { continue }
            if let last = run.last?.aicc, aiccTied(last, aicc) {
                run.append(fit)
            } else {
                if run.count > 1 { runs.append(run) }
                run = [fit]
            }
        }
        if run.count > 1 { runs.append(run) }
        return runs
    }

    /// The record of `kind` fitted to the series (`fitted`, when the caller has fitted it already).
    static func fitModel(_ kind: ModelKind, _ p: Prepared, _ settings: FitSettings, fitted: FitResult? = nil) -> FitRecord {
        let fitter = AdoptionFitter()
        var result = fitted ?? fitter.fit(kind, to: p.data)
        let curve = kind.curve
        // A parameter held on its lower limit is reported as that limit (ν = 0, not 3e-15): the
        // solver's transformed coordinate only approaches it.
        // Only where the curve at the limit is a curve of its own (Richards at ν = 0 is the Gompertz):
        // elsewhere the limit may be no curve at all (Bass at p = 0 adopts nothing).
        for j in result.heldAtBound where curve.limitingCurve(atLowerLimitOf: j) != nil {
            let limit = curve.lowerLimits[j]
            if limit.isFinite, abs(result.estimates[j] - limit) <= 1e-8 * max(1, abs(limit)) { result.estimates[j] = limit }
        }
        let gap: String?
        (result, gap) = covariance(result, curve: curve, market: curve.marketIndex, p, settings)
        // Profiles stay in the model's domain, and follow a market potential no further than
        // the fitter's runaway limit (the limits are made only when profiles are asked for).
        let domain = settings.profile
            ? (curve.lowerLimits, fitter.runawayLimits(curve, observedTotal: p.data.observedTotal)) : nil
        // A fit that did not converge has no milestones to speak of: the record's are all null.
        let (points, unboundedPeak) = result.converged
            ? milestones(curve, result: result, launch: p.launch, periods: p.periods, dataEnd: p.dataEnd,
                         intervals: (result, nil, settings.level, settings.includeCurve))
            : (MilestoneRecord(), nil)
        var fit = record(result, curve: curve, model: kind.rawValue, formula: nil, p, settings,
                         market: result.estimates[curve.marketIndex],
                         milestones: points, domain: domain)
        if let gap { fit.notes.append(gap) }
        fit.notes += domainAndMarketNotes(fit, result, lower: curve.lowerLimits, market: result.estimates[curve.marketIndex], p, settings)
        if kind == .exponential, !result.converged, let note = risingForExponentialNote(p) { fit.notes.append(note) }
        if let note = boundProfileNote(curve, result, settings) { fit.notes.append(note) }
        if result.converged, let note = fittedRatesNote(curve.parameterNames, result.estimates, p) { fit.notes.append(note) }
        if let note = peakPastDataNote(kind, points, fit.parameters, p, level: settings.level, profileAsked: settings.profile,
                                       twinPeak: { logisticPeakProfile(result, p, settings, fitter: fitter) }) {
            fit.notes.append(note)
        }
        if let note = adoptersBeforeDataNote(curve, result, p) { fit.notes.append(note) }
        if let high = unboundedPeak { fit.notes.append(unboundedPeakNote(points, high, p, level: settings.level)) }
        if let note = milestoneBeforeLaunchNote(curve, points, p, level: settings.level) { fit.notes.append(note) }
        addBassRegression(kind, p, settings, to: &fit)
        return fit
    }

    /// The fit with the covariance `--covariance` asks for (`FitResult.withCovariance`), and a note
    /// where it has none (an observation the fit passes through whatever its error), or where it
    /// leaves the market potential (`market`, its index among the fit's parameters) with a standard error
    /// at least m itself, which the status, judged on the classical errors, does not say.
    static func covariance<C: ParametricCurve>(_ result: FitResult, curve: C, market: Int?, _ p: Prepared,
                                               _ settings: FitSettings) -> (FitResult, String?) {
        guard settings.covariance != .classical else { return (result, nil) }
        let (robust, gap) = result.withCovariance(settings.covariance, problem: CurveFitProblem(curve: curve, data: p.data))
        guard case .fullLeverage(let i)? = gap else {
            guard let j = market, robust.converged, robust.estimates[j] > 0 else { return (robust, nil) }
            let se = robust.standardError(j), classical = result.standardError(j)
            guard se >= robust.estimates[j], classical < robust.estimates[j] else { return (robust, nil) }
            let label = settings.covariance.label
            return (robust, "m's \(label) standard error, \(significantText(se)), is at least m itself, \(significantText(robust.estimates[j])): "
                    + "with errors of varying size the data do not determine the market potential; the status rests on the classical "
                    + "errors (m's \(significantText(classical)))")
        }
        let x = p.series.xs[i]
        return (robust, "no \(settings.covariance.label) standard errors or intervals, for the parameters, the milestones or the curve: "
                + "the observation at \(xText(x, periods: p.periods)) (line \(p.series.observations[i].line)) has leverage 1 (the curve "
                + "passes through it whatever its error), and \(settings.covariance.label) divides its squared residual by 1 − 1 = 0; "
                + "the classical errors (--covariance classical) give them, taking the errors to be of one size (HC0 and HC1 would "
                + "give that observation's residual, 0, no weight, and understate them)")
    }

    /// A calendar time in a note, cut (not rounded) to a tenth as the milestones are, "2019.5", with the
    /// period it falls in where x holds labels, "17.7 (Q1 '24)".
    static func tenthText(_ x: Double, period: String?) -> String {
        String(format: "%.1f", (x * 10).rounded(.down) / 10) + (period.map { " (\($0))" } ?? "")
    }

    /// The note on a peak fitted within the periods, but in the last of them (the data do not yet show the
    /// fall after it) or with a t interval that reaches past them (to `high`: the data bound it loosely): it
    /// and its rate have no interval, nor has a milestone whose interval would reach past the data, as for a
    /// peak past the data (`peakPastDataNote`).
    static func unboundedPeakNote(_ milestones: MilestoneRecord, _ high: Double, _ p: Prepared, level: Double) -> String {
        func time(_ x: Double) -> String { tenthText(x, period: p.periods?.label(forX: x.rounded(.down))) }
        let end = p.dataEnd ?? p.launch
        let peak = milestones.peak ?? end
        let why = peak > end - 1
            ? "but in the last of them, with no period after it: the data do not yet show the fall after it"
            : "but its \(percentText(level)) t interval reaches past them, to \(time(high)): the data bound it loosely"
        return "the peak, at \(time(peak)), lies within the periods fitted, which end with \(p.named(end - 1)), \(why), and no "
            + "interval is given for it or its rate, nor for a milestone whose interval would reach past the data"
    }

    /// A note when a milestone's t interval reaches before the launch on a curve that starts there (Bass,
    /// exponential saturation), where the curve has no adopters and none of its milestones can be: the
    /// linearization is lopsided there, as a parameter's interval below its domain is
    /// (`intervalsOutsideDomainNote`): a takeoff 0.4 periods after launch, ± 1.
    static func milestoneBeforeLaunchNote(_ curve: any AdoptionCurve, _ milestones: MilestoneRecord, _ p: Prepared,
                                          level: Double) -> String? {
        guard curve.launchTime == 0, let bands = milestones.intervals else { return nil }
        let named: [(String, MilestoneInterval?)] = [
            ("takeoff", bands.takeoff), ("peak", bands.peak), ("saturation onset", bands.saturationOnset),
            ("10 % of m reached", bands.fraction10), ("50 % of m reached", bands.fraction50), ("90 % of m reached", bands.fraction90),
        ]
        let parts = named.compactMap { name, band in
            band.flatMap {
                $0.ciLow < p.launch ? "the \(name) (\(tenthText($0.ciLow, period: $0.ciLowPeriod)) to \(tenthText($0.ciHigh, period: $0.ciHighPeriod)))" : nil
            }
        }
        guard !parts.isEmpty else { return nil }
        return "the \(percentText(level)) t interval of " + parts.joined(separator: " and of ") + " reaches before the launch, "
            + "\(p.named(p.launch)), where the curve has no adopters: the linearization is lopsided there, and the interval "
            + "claims a coverage it does not have"
    }

    /// Sets `fit.bassOLS` to a Bass fit's Bass (1969) OLS regression, where the report holds the curve (not the tidy CSV of
    /// parameters) and the data are observed from the launch period on with every period there (model
    /// times 1, 2, …, n: the running total before each period is then known); nil otherwise, or where the
    /// regression has no solution (fewer than four periods, a singular design). Running totals
    /// (`--cumulative`) need no launch in the data: each period after the first is regressed, its rise on the
    /// total observed before it, so that nothing is assumed of the adopters before the data (a first total of
    /// a car stock decades old is no period's sales). With `--fix` too: the regression fixes nothing, and
    /// gives the free estimates a published one would.
    static func addBassRegression(_ kind: ModelKind, _ p: Prepared, _ settings: FitSettings, to fit: inout FitRecord) {
        let (ols, note) = bassRegression(kind, p, settings)
        fit.bassOLS = ols
        if let note { fit.notes.append(note) }
    }

    /// `addBassRegression`'s record, and its note where a row of leverage 1 leaves HC2 or HC3 no errors.
    static func bassRegression(_ kind: ModelKind, _ p: Prepared, _ settings: FitSettings) -> (BassRegressionRecord?, String?) {
        let data = p.data
        // Every period from the first, none missing.
        guard kind == .bass, settings.includeCurve, let first = data.t.first,
              data.t.enumerated().allSatisfy({ $0.element == first + Double($0.offset) }) else { return (nil, nil) }
        let regression: StartingValues.BassRegression?, y: [Double], row: Int
        switch data.form {
        case .perPeriod:
            // From the launch period too, so that the running total before each period is known.
            guard first == 1 else { return (nil, nil) }
            (regression, y, row) = (StartingValues.bassRegression(perPeriod: data.y, covariance: settings.covariance), data.y, 0)
        case .cumulative:
            // Each period's rise after the first, on the total before it: regression row i is data row i + 1.
            let before = Array(data.y.dropLast())
            let rises = data.y.indices.dropFirst().map { data.y[$0] - data.y[$0 - 1] }
            (regression, y, row) = (StartingValues.bassRegression(perPeriod: rises, totalsBefore: before, covariance: settings.covariance),
                                    rises, 1)
        }
        guard let regression else { return (nil, nil) }
        let note = regression.fullLeverage.map { i -> String in
            let label = settings.covariance.label, at = i + row
            return "no \(label) standard errors for the Bass (1969) OLS: its row for \(xText(p.series.xs[at], periods: p.periods)) "
                + "(line \(p.series.observations[at].line)) has leverage 1 in the regression, and \(label) divides its squared residual "
                + "by 1 − 1 = 0; the classical errors (--covariance classical) give them"
        }
        return (BassRegressionRecord(regression, y: y, level: settings.level), note)
    }

    /// A note when a per-period series' launch lies whole periods before its first observation: the curve's
    /// running totals count the adopters it places in those periods, which no row gives, so that the first
    /// running total stands above its period's value. Colour TV launched in 1954 (its data from 1963), by
    /// Bass: 2,182 against 997, 1,185 of them before 1963.
    static func adoptersBeforeDataNote(_ curve: any AdoptionCurve, _ result: FitResult, _ p: Prepared) -> String? {
        guard result.converged, p.data.form == .perPeriod, let t1 = p.data.t.first, t1 >= 2,
              let first = p.series.observations.first?.x else { return nil }
        // From the launch on: the S-curves' running totals also count adopters before it, which the report's
        // introduction names.
        var totals = [0.0, 0.0]
        [0, t1 - 1].withUnsafeBufferPointer { t in totals.withUnsafeMutableBufferPointer {
            curve.values(at: t, parameters: result.estimates, into: $0.baseAddress!)
        } }
        let before = totals[1] - totals[0]
        guard before.isFinite, before > 0 else { return nil }
        let periods = t1 - 1
        return "the launch, \(p.named(p.launch)), is \(shortText(periods)) period\(periods == 1 ? "" : "s") before the first observation, "
            + "\(p.named(first)): the curve's running totals count the \(significantText(before)) adopters it places in "
            + "\(periods == 1 ? "that period" : "those periods"), which no row gives"
    }

    /// A note when a fit's peak lies past the periods fitted: a forecast, which the milestones print to a
    /// tenth of a period with no interval, and which the data bound only loosely and lopsidedly. The
    /// iPhone's 23 quarters in `Data/series` peak five quarters past them: the delta method's 95 % interval,
    /// 14.2 to 43.9, reaches back eight quarters into sales still rising, where the profile likelihood
    /// excludes any peak before 22.4 and sets no later end. So the note gives no t interval. For the
    /// logistic, Gompertz and Richards curves the peak is t0, and with `--profile` the note gives t0's profile
    /// interval as times (`Tests/Fixtures/scipy/profile_intervals.py`); without it, it points there. Per-period
    /// Bass is the logistic's curve, whose t0 is its peak.
    /// `fixed`: whether some parameters are held (`--fix`), which the logistic twin would not hold alike.
    /// `twinPeak`: for per-period Bass with `--profile`, the profile of its peak, the t0 of the logistic fit
    /// of the same curve.
    /// `milestones`: the fit's, whose peak (a calendar time; none for a fit that did not converge, the launch
    /// for a curve that peaks there) the note is on.
    static func peakPastDataNote(_ kind: ModelKind, _ milestones: MilestoneRecord, _ parameters: [ParameterRecord], _ p: Prepared,
                                 level: Double, profileAsked: Bool, fixed: Bool = false,
                                 twinPeak: () -> ProfileIntervalRecord? = { nil }) -> String? {
        let peakIsT0 = [.logistic, .gompertz, .richards].contains(kind)
        let t0 = parameters.first { $0.name == "t0" }
        // A peak set by a fixed t0 (or Bass's fixed p and q) is the user's, not a forecast of the fit's.
        func isFixed(_ name: String) -> Bool { parameters.first { $0.name == name }?.fixed == true }
        let peakFixed = peakIsT0 ? t0?.fixed == true : kind == .bass && isFixed("p") && isFixed("q")
        guard !peakFixed, let peak = milestones.peak, milestones.peakPastData == true, let end = p.dataEnd else { return nil }
        // Calendar times as the milestones give them: cut to a tenth, with the period each falls in; a
        // profile's ends are model times.
        func time(_ x: Double) -> String { tenthText(x, period: p.periods?.label(forX: x.rounded(.down))) }
        let head = "the peak, at \(time(peak)), lies past the periods fitted, which end with \(p.named(end - 1)): it is a "
            + "forecast, "
        let twin = peakIsT0 || fixed ? nil : twinPeak()
        if let profile = peakIsT0 ? t0?.profile : twin {
            // An end's time; a capped end is the profile's with m held at its cap, and without the cap it
            // may lie further out. Nil for no end (open, or still inside at the domain's limit) or one not found.
            func bound(_ end: ProfileIntervalRecord.End, _ value: Double?, _ further: String) -> String? {
                switch end {
                case .crossing: value.map { time(p.launch + $0) }
                case .capped: value.map { "\(time(p.launch + $0)) or \(further) (m capped)" }
                case .domainLimit, .open, .failed: nil
                }
            }
            let low = bound(profile.lowEnd, profile.low, "earlier"), high = bound(profile.highEnd, profile.high, "later")
            let runs = switch (low, high) {
            case let (low?, high?): "runs from \(low) to \(high)"
            case let (low?, nil): "runs from \(low)" + (profile.highEnd == .failed ? "; its upper end was not found" : ", with no upper end")
            case let (nil, high?): (profile.lowEnd == .failed ? "has a lower end not found" : "has no lower end") + " and runs to \(high)"
            case (nil, nil): "has no end found either way"
            }
            return head + "and its \(percentText(level)) profile interval ("
                + (peakIsT0 ? "that of t0, the peak" : "that of t0 in the logistic's parameters, the same curve on per-period data")
                + ") " + runs
        }
        let loosely = "and its likelihood is lopsided there, which a t interval, symmetric about it, is not: none is given"
        if peakIsT0 {
            return head + loosely + (profileAsked ? "" : "; the profile interval of t0 (--profile), the peak, says how early and late it may be")
        }
        if kind == .bass, p.data.form == .perPeriod, !fixed, !profileAsked {
            return head + loosely + "; on per-period data this curve is the logistic's, whose t0 is the peak: --profile gives the "
                + "profile interval of that t0"
        }
        return head + loosely
    }

    /// For a per-period Bass fit with `--profile`, the profile interval of its peak: the t0 of the logistic, the
    /// same curve on per-period data (k = p + q, t0 = ln(q/p)/(p + q), m(1 + p/q)), fitted from that point.
    /// Nil where the curve peaks at launch, where that fit does not converge, or with no profile asked for.
    static func logisticPeakProfile(_ result: FitResult, _ p: Prepared, _ settings: FitSettings,
                                    fitter: AdoptionFitter) -> ProfileIntervalRecord? {
        guard settings.profile, p.data.form == .perPeriod, result.converged, result.estimates.count == 3 else { return nil }
        let (m, rate, q) = (result.estimates[0], result.estimates[1], result.estimates[2])
        guard rate > 0, q > rate else { return nil }
        let k = rate + q
        let twin = fitter.fit(.logistic, to: p.data, starts: [[m * (1 + rate / q), k, Double.log(q / rate) / k]])
        guard twin.converged else { return nil }
        let logistic = LogisticModel()
        let intervals = ProfileLikelihood.intervals(CurveFitProblem(curve: logistic, data: p.data), result: twin, level: settings.level,
                                                    lower: logistic.lowerLimits,
                                                    upper: fitter.runawayLimits(logistic, observedTotal: p.data.observedTotal))
        guard intervals.count == 3, let interval = intervals[2] else { return nil }
        return ProfileIntervalRecord(interval)
    }

    /// The note of a fit on a bound asked for profile intervals (`--profile`), which it has none of, and the
    /// report would otherwise leave unexplained: a profile needs a minimum inside the model's domain. Where
    /// the curve on the bound is another model (Bass at q = 0, exponential saturation; Richards at ν = 0, the
    /// Gompertz curve), that model's fit has them.
    static func boundProfileNote(_ curve: any ParametricCurve, _ result: FitResult, _ settings: FitSettings) -> String? {
        guard settings.profile, result.status == .atBound else { return nil }
        // With values fixed (--fix), the bound's parameter among the base curve's.
        let pinned = curve as? PinnedCurve
        let adoption = pinned?.base ?? curve as? any AdoptionCurve
        let held = result.heldAtBound.map { pinned?.freeIndices[$0] ?? $0 }
        let on = held.map { j in adoption?.limitingCurve(atLowerLimitOf: j) ?? "\(adoption?.parameterNames[j] ?? curve.parameterNames[j]) on its limit" }
        let models = held.compactMap { adoption?.limitingModel(atLowerLimitOf: $0) }
        return "no profile intervals: the fit is on a bound (\(on.joined(separator: "; "))), and a profile needs a minimum inside "
            + "the model's domain" + (models.count == 1 ? "; fit the curve it becomes there (--model \(models[0].rawValue)) for intervals" : "")
    }

    /// A note on exponential saturation that did not converge on per-period values that rise to a peak
    /// well above their first: its per-period values fall from launch on, so it cannot follow them, and
    /// its m runs away as it flattens towards a line (the clothes dryers rise from 106 to 1,523).
    static func risingForExponentialNote(_ p: Prepared) -> String? {
        let y = p.data.y
        guard p.data.form == .perPeriod, let first = y.first, let peak = y.indices.max(by: { y[$0] < y[$1] }), peak > 0,
              y[peak] >= 2 * first else { return nil }
        let xs = p.series.xs
        return "exponential saturation's values per period fall from launch on, and these rise from \(significantText(first)) to "
            + "\(significantText(y[peak])) in \(p.named(xs[peak])): it cannot follow them; a model that rises to a peak (Bass, logistic, "
            + "Gompertz, Richards) can"
    }

    /// A model fitted with some parameters fixed at known values (`fixed`): the free ones from
    /// the model's own fit and starts around it, in the model's domain. The fixed parameters are
    /// reported at their values, with no standard error or interval; the others' are conditional
    /// on them, and only the free ones count in the degrees of freedom and the criteria.
    static func fitFixed(_ kind: ModelKind, _ p: Prepared, _ settings: FitSettings,
                         fixed: [(name: String, value: Double)]) -> FitRecord {
        let base = kind.curve
        guard let curve = PinnedCurve(base, holding: fixed) else {
            preconditionFailure("--fix names parameters of the model, each once (FitCommand checks)")
        }
        if curve.freeIndices.isEmpty { return evaluateFixed(kind, curve, p, settings) }
        let fitter = AdoptionFitter()
        // The model's own fit, where the series has an observation for each of its parameters.
        let own = p.data.t.count >= base.parameterNames.count ? fitter.fit(kind, to: p.data).estimates : nil
        // The model's own estimates where it has them; else the market potential at one and a half times the
        // adopters observed, another parameter near its lower limit (1 for an unlimited one).
        let start = curve.freeIndices.map { j in
            let estimate = own?[j] ?? .nan
            return estimate.isFinite && estimate > base.lowerLimits[j] ? estimate
                : j == base.marketIndex ? 1.5 * max(1, p.data.observedTotal)
                : base.lowerLimits[j].isFinite ? base.lowerLimits[j] + 0.1 : 1
        }
        let bounds = curve.freeIndices.map { j in
            base.lowerLimits[j].isFinite ? ParameterBounds(lower: base.lowerLimits[j]) : .unbounded
        }
        var solver = NonlinearLeastSquares()
        solver.probesGaussNewtonStep = true
        // The starts inside the domain (`start` itself is: each of its values is above its limit).
        let starts = MultiStart.starts(around: start).filter { s in zip(s, bounds).allSatisfy { $0 > $1.lower } }
        var result = solver.fit(CurveFitProblem(curve: curve, data: p.data), names: curve.parameterNames, observed: p.data.y,
                                starts: starts.isEmpty ? [start] : starts, bounds: bounds)
        // As many observations as free parameters (an early market and its sizing), met to within 1e-20 of
        // their sum of squares: the curve passes through every point, and a probe's lower point is the
        // rounding of the curve's own evaluation.
        let squares = p.data.y.reduce(0) { $0 + $1 * $1 }
        if result.status == .notAMinimum, result.degreesOfFreedom == 0, result.residualSumOfSquares <= 1e-20 * squares {
            result.status = .converged
            result.message = "converged"
        }
        // A free parameter held on its lower limit is reported as that limit where the model there is a curve
        // of its own (q = 0: exponential saturation), as `fitModel` reports it.
        for k in result.heldAtBound where base.limitingCurve(atLowerLimitOf: curve.freeIndices[k]) != nil {
            let limit = base.lowerLimits[curve.freeIndices[k]]
            if limit.isFinite, abs(result.estimates[k] - limit) <= 1e-8 * max(1, abs(limit)) { result.estimates[k] = limit }
        }
        result = judgeFixed(result, curve, kind: kind, observedTotal: p.data.observedTotal, fitter: fitter)
        let gap: String?
        (result, gap) = covariance(result, curve: curve, market: curve.freeIndices.firstIndex(of: base.marketIndex), p, settings)
        var whole = result
        whole.estimates = curve.full(result.estimates)
        let (points, unboundedPeak) = result.converged
            ? milestones(base, result: whole, launch: p.launch, periods: p.periods, dataEnd: p.dataEnd,
                         intervals: (result, curve.freeIndices, settings.level, settings.includeCurve))
            : (MilestoneRecord(), nil)
        let domain = settings.profile
            ? (curve.free(base.lowerLimits), curve.free(fitter.runawayLimits(base, observedTotal: p.data.observedTotal))) : nil
        var fit = record(result, curve: curve, model: kind.rawValue, formula: nil, p, settings,
                         market: whole.estimates[base.marketIndex], milestones: points, domain: domain)
        // The fixed parameters in their places, at their values.
        for (k, j) in curve.pinnedIndices.enumerated() {
            fit.parameters.insert(ParameterRecord(name: base.parameterNames[j], estimate: curve.pinnedValues[k], stdError: nil,
                                                  ciLow: nil, ciHigh: nil, fixed: true), at: j)
        }
        if let c = fit.covariance {
            let free = curve.freeIndices
            fit.covariance = base.parameterNames.indices.map { a in
                base.parameterNames.indices.map { b in
                    guard let fa = free.firstIndex(of: a), let fb = free.firstIndex(of: b) else { return nil }
                    return c[fa][fb]
                }
            }
        }
        let named = zip(curve.pinnedIndices, curve.pinnedValues).map { "\(base.parameterNames[$0]) = \(shortText($1))" }
        fit.notes.insert("fixed at \(named.joined(separator: ", ")) (--fix): \(named.count == 1 ? "it has" : "they have") no standard "
                         + "error or interval, and the other estimates' are conditional on \(named.count == 1 ? "it" : "them")", at: 0)
        if let note = fixedRatesNote(fixed.map(\.name), p) { fit.notes.insert(note, at: 1) }
        if let note = calendarMidpointNote(fixed, p) { fit.notes.insert(note, at: 1) }
        if let gap { fit.notes.append(gap) }
        if let note = boundProfileNote(curve, result, settings) { fit.notes.append(note) }
        if result.converged, let note = fittedRatesNote(curve.parameterNames, result.estimates, p) { fit.notes.append(note) }
        if let note = peakPastDataNote(kind, points, fit.parameters, p, level: settings.level, profileAsked: settings.profile, fixed: true) {
            fit.notes.append(note)
        }
        if let high = unboundedPeak { fit.notes.append(unboundedPeakNote(points, high, p, level: settings.level)) }
        if let note = milestoneBeforeLaunchNote(base, points, p, level: settings.level) { fit.notes.append(note) }
        let pinnedMarket = curve.pinnedIndices.firstIndex(of: base.marketIndex)
        fit.notes += domainAndMarketNotes(fit, result, lower: base.lowerLimits, market: whole.estimates[base.marketIndex], p, settings,
                                          marketFixed: pinnedMarket != nil)
        // A fixed market potential far above the adopters observed (past the fitter's runaway factor, at
        // which a fitted one is suspect): within the data the curve hardly leaves launch. One below them:
        // no curve that ends at it reaches what the series counts, whatever the free parameters (m = 100 for
        // the clothes dryers' 12,554 left p at 1e-15), and so is said whatever the fit's status.
        let total = p.data.observedTotal
        if let k = pinnedMarket, total > 0, curve.pinnedValues[k] > fitter.runawayFactor * total {
            fit.notes.append("the fixed market potential m = \(significantText(curve.pinnedValues[k])) is "
                             + "\(significantText(curve.pinnedValues[k] / total)) times the \(significantText(total)) adopters observed: "
                             + "the data see the curve's first steps only, and the free parameters are fitted to them")
        } else if let k = pinnedMarket, total > 0, curve.pinnedValues[k] < total {
            fit.notes.append("the fixed market potential m = \(significantText(curve.pinnedValues[k])) is below the "
                             + "\(significantText(total)) adopters the series holds: the curve's running total stays below what the "
                             + "series already counts, whatever the free parameters")
        }
        addBassRegression(kind, p, settings, to: &fit)
        return fit
    }

    /// A model with every parameter fixed (a published curve, an analyst's own): evaluated against the
    /// series, not fitted. Its residuals give σ (over n degrees of freedom), R² and the criteria (σ the
    /// only parameter they count); its curve has no confidence band, and its prediction intervals carry
    /// σ alone.
    static func evaluateFixed(_ kind: ModelKind, _ curve: PinnedCurve, _ p: Prepared, _ settings: FitSettings) -> FitRecord {
        let base = curve.base
        var result = FitResult.evaluated(CurveFitProblem(curve: curve, data: p.data), observed: p.data.y)
        // A curve that explains less than the mean is no curve of the data, as for a fit with some values fixed
        // (`judgeFixed`): no milestones, no forecast measures.
        if result.converged, result.rSquared < 0 {
            result.status = .notAMinimum
            result.message = "the given curve explains less than the series' mean (R² = \(significantText(result.rSquared))): "
                + "it does not follow these data"
        }
        var whole = result
        whole.estimates = curve.full([])
        // No parameter is fitted: the milestones have no intervals, an object of nulls, as in every report that
        // holds the curve.
        let points = result.converged
            ? milestones(base, result: whole, launch: p.launch, periods: p.periods, dataEnd: p.dataEnd,
                         intervals: settings.includeCurve ? (result, [], settings.level, true) : nil).record
            : MilestoneRecord()
        var fit = record(result, curve: curve, model: kind.rawValue, formula: nil, p, settings,
                         market: whole.estimates[base.marketIndex], milestones: points, domain: nil)
        fit.parameters = base.parameterNames.indices.map { j in
            ParameterRecord(name: base.parameterNames[j], estimate: curve.pinnedValues[j], stdError: nil,
                            ciLow: nil, ciHigh: nil, fixed: true)
        }
        fit.covariance = nil
        // No parameter is uncertain, so the curve has no confidence band (it would have no width).
        for i in fit.curve.indices {
            fit.curve[i].ciLow = nil
            fit.curve[i].ciHigh = nil
            fit.curve[i].cumulativeCiLow = nil
            fit.curve[i].cumulativeCiHigh = nil
            fit.curve[i].perPeriodCiLow = nil
            fit.curve[i].perPeriodCiHigh = nil
        }
        let named = base.parameterNames.indices.map { "\(base.parameterNames[$0]) = \(shortText(curve.pinnedValues[$0]))" }
        if result.converged { fit.message = "evaluated: every parameter is fixed" }
        fit.notes.insert("every parameter fixed at \(named.joined(separator: ", ")) (--fix): the curve is evaluated against the "
                         + "data, not fitted; σ, R² and the criteria are its residuals', and its prediction intervals carry σ alone", at: 0)
        if let note = fixedRatesNote(base.parameterNames, p) { fit.notes.insert(note, at: 1) }
        if let note = calendarMidpointNote(zip(base.parameterNames, curve.pinnedValues).map { ($0, $1) }, p) { fit.notes.insert(note, at: 1) }
        // Values estimated on these same data (a published fit of this series) are parameters all the same:
        // σ and the criteria that count them, so that the curve is not favoured over a refit for having none.
        let k = base.parameterNames.count, n = result.observationCount
        if result.converged || result.status == .notAMinimum {
            let aicc = result.aicc(curveParameters: k)
            fit.notes.append("σ and the criteria count no parameter of the curve, as for values from elsewhere (an analogous "
                             + "product, a market sizing); if they were estimated on these data, count its \(k): "
                             + (n > k ? "σ = \(significantText((result.residualSumOfSquares / Double(n - k)).squareRoot()))" : "no σ")
                             + (aicc.isFinite ? ", AICc = \(significantText(aicc))" : ", no AICc (too few observations)")
                             + ", to compare with a refit")
        }
        if result.converged, let note = marketBelowObservedNote(whole.estimates[base.marketIndex], observedTotal: p.data.observedTotal) {
            fit.notes.append(note)
        }
        addBassRegression(kind, p, settings, to: &fit)
        return fit
    }

    /// A note when a fixed midpoint t0, which counts periods from the start of the launch period, reads as a
    /// calendar x of the data instead (`--fix t0=1958` for clothes dryers launched in 1949, meant as t0 = 9):
    /// as a count it lies more than ten times the data's span past them, as an x within a span of them.
    static func calendarMidpointNote(_ fixed: [(name: String, value: Double)], _ p: Prepared) -> String? {
        guard p.periods == nil, let t0 = fixed.first(where: { $0.name == "t0" })?.value,
              let first = p.series.observations.first?.x, let last = p.series.observations.last?.x else { return nil }
        let span = last - first + 1
        guard p.launch + t0 > last + 10 * span, t0 >= first - span, t0 <= last + span else { return nil }
        return "t0 counts periods from the start of the launch period, \(shortText(p.launch)): t0 = \(shortText(t0)) places the "
            + "midpoint at \(shortText(p.launch + t0)), far past the data; a midpoint at \(shortText(t0)) is t0 = \(shortText(t0 - p.launch))"
    }

    /// The rates (Bass's p and q, an S-curve's k) among `names`, and the periods of the data where they are
    /// shorter than a year and a whole number of them make one: the period's name and how many make a year.
    private static func subyearRates(_ names: [String], _ p: Prepared) -> (rates: [String], period: String, perYear: Int)? {
        guard let months = p.periods?.calendar?.monthsPerPeriod, months < 12, 12 % months == 0 else { return nil }
        let rates = names.filter { ["p", "q", "k"].contains($0) }
        guard !rates.isEmpty else { return nil }
        let period = months == 1 ? "month" : months == 3 ? "quarter" : months == 6 ? "half-year" : "\(months) months"
        return (rates, period, 12 / months)
    }

    /// "p, q and k" for a list of names.
    private static func listed(_ names: [String]) -> String {
        names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// A note when a rate (Bass's p and q, an S-curve's k) is fixed on data whose periods are shorter than a
    /// year: the rates are per period, and values per year, as published tables give them, are too large.
    static func fixedRatesNote(_ names: [String], _ p: Prepared) -> String? {
        guard let (rates, period, perYear) = subyearRates(names, p) else { return nil }
        return "\(listed(rates)) \(rates.count == 1 ? "is a rate" : "are rates") per period, here a \(period): values per year, as "
            + "published tables give them, are \(perYear) times too large (divide them by \(perYear))"
    }

    /// A note on a fit's rates (Bass's p and q, an S-curve's k) on data whose periods are shorter than a year:
    /// they are per period, and published tables give them per year. The curves run in continuous time, so
    /// a rate per year is exactly the rate per period times the periods in a year (Bass's F(t) depends on
    /// t through (p + q)·t and q/p alone).
    static func fittedRatesNote(_ names: [String], _ estimates: [Double], _ p: Prepared) -> String? {
        guard let (rates, period, perYear) = subyearRates(names, p) else { return nil }
        let perYearValues = rates.map { name in
            "\(name) = \(significantText(estimates[names.firstIndex(of: name)!] * Double(perYear)))"
        }
        return "\(listed(rates)) \(rates.count == 1 ? "is a rate" : "are rates") per \(period): per year, as published tables give "
            + "\(rates.count == 1 ? "it" : "them"), \(rates.count == 1 ? "it is" : "they are") \(perYear) times as large "
            + "(\(perYearValues.joined(separator: ", ")))"
    }

    /// The adoption fitter's checks on the market potential (`AdoptionFitter.flagRunawayMarket`,
    /// `isUndetermined`, `flagUndeterminedOnBound`), on a fit with parameters held: a free m past the
    /// runaway limit, or above 20 times the adopters observed with a standard error of at least half
    /// of it, or one with a standard error at least itself (on a bound, the standard error the curve
    /// it became gives it) is not identified; a curve that explains less than the series' mean is not
    /// a minimum.
    static func judgeFixed(_ result: FitResult, _ curve: PinnedCurve, kind: ModelKind, observedTotal total: Double,
                           fitter: AdoptionFitter) -> FitResult {
        var result = result
        guard result.converged || result.status == .atBound else { return result }
        if let k = curve.freeIndices.firstIndex(of: curve.base.marketIndex), !result.heldAtBound.contains(k), total > 0 {
            let m = result.estimates[k]
            let se = result.status == .atBound ? AdoptionFitter.standardErrorOnBound(result, k) : result.standardError(k)
            let runaway = m > fitter.runawayLimitFactor * total || fitter.runsAway(m, standardError: se, observedTotal: total)
            if runaway || (result.rSquared >= 0 && AdoptionFitter.isUndetermined(m, standardError: se)) {
                result.status = .notIdentified
                result.message = "not identified: market potential m = \(significantText(m)) ("
                    + "\(significantText(m / total)) times the adopters observed, "
                    + (se.isFinite ? "standard error \(significantText(se))" : "no standard error")
                    + "): with the fixed values, the data do not determine it"
                return result
            }
        }
        // A free rate not determined (`AdoptionFitter.flagUndeterminedRate`), its gradient on the free parameters.
        if let (name, rate, se) = AdoptionFitter.undeterminedRate(result, kind: kind, estimates: curve.full(result.estimates),
                                                                  free: curve.freeIndices) {
            let onBound = result.status == .atBound
            result.status = .notIdentified
            result.message = "not identified: the curve's rate \(name) = \(significantText(rate)) (standard error "
                + "\(significantText(se)), at least the rate itself): with the fixed values, the data do not determine it"
                + (onBound ? "; " + result.message : "")
            return result
        }
        if result.rSquared < 0 {
            result.status = .notAMinimum
            result.message = "the curve explains less than the series' mean (R² = \(significantText(result.rSquared))): with the "
                + "fixed values no adoption curve of this model follows the data"
        }
        return result
    }

    /// The notes an adoption model's record gets after its fit: t intervals reaching outside the domain
    /// (`lower`, the model's limits), and a market potential below the adopters observed.
    static func domainAndMarketNotes(_ fit: FitRecord, _ result: FitResult, lower: [Double], market: Double,
                                     _ p: Prepared, _ settings: FitSettings, marketFixed: Bool = false) -> [String] {
        var notes: [String] = []
        // A fit on a bound has no profile intervals to point to (its own note says why).
        let profile: Bool? = result.status == .atBound ? nil : settings.profile
        if let note = intervalsOutsideDomainNote(fit.parameters, lower: lower, level: settings.level, profile: profile) { notes.append(note) }
        // A fixed m below the adopters has a note of its own (`fitFixed`).
        if result.converged || result.status == .atBound, !marketFixed,
           let note = marketBelowObservedNote(market, observedTotal: p.data.observedTotal) {
            notes.append(note)
        }
        if result.converged, let m = fit.parameters.first(where: { $0.name == "m" }),
           let note = marketIntervalBelowObservedNote(m, observedTotal: p.data.observedTotal, settings) {
            notes.append(note)
        }
        return notes
    }

    /// A note when the t interval of a market potential well above the adopters observed (the curve short of
    /// four fifths of it) reaches below them, where m cannot be: six years of dryer sales before their peak
    /// (3,179 sold) give m = 6,052 from 1,443 to 10,662, where the likelihood puts m from 3,875 up with no
    /// upper end. Where m is near the adopters observed (a saturated series), an interval around it reaches
    /// below them by noise alone, and says nothing of the linearization. An interval reaching below 0 has
    /// its own note.
    static func marketIntervalBelowObservedNote(_ m: ParameterRecord, observedTotal total: Double,
                                                _ settings: FitSettings) -> String? {
        guard total > 0, let estimate = m.estimate, estimate > total / 0.8, let low = m.ciLow, let high = m.ciHigh, low >= 0, low < total else { return nil }
        return "the \(percentText(settings.level)) t interval of 'm' (\(significantText(low)) to \(significantText(high))) reaches below "
            + "the \(significantText(total)) adopters the series holds, where m cannot be: the series is short of its market, "
            + "the linearization is lopsided, and its upper end is no more to be trusted; "
            + (settings.profile ? "the profile interval follows the likelihood" : "a profile interval (--profile) follows the likelihood")
    }

    /// A note when the lower end of the running total's interval falls, past the data (the curve's points after
    /// the `fitted` first), below its value at the data's last period: no running total falls, so an interval
    /// for a later one need reach no lower, and one that does is the delta method's symmetric interval of a
    /// curve that the data hold loosely (seven years of sales before their peak, extended eight years: 2,698
    /// in the last, below the 2,759 of the data's end and the 2,982 sold). Nil where none does.
    static func runningTotalFallsNote(_ curve: [CurvePointRecord], fitted: Int, _ p: Prepared, _ settings: FitSettings) -> String? {
        guard fitted > 0, curve.count > fitted, let floor = curve[fitted - 1].cumulativeCiLow else { return nil }
        let below = curve[fitted...].filter { ($0.cumulativeCiLow ?? .infinity) < floor }
        guard let first = below.first, let last = below.last,
              let lowest = below.min(by: { $0.cumulativeCiLow! < $1.cumulativeCiLow! }) else { return nil }
        let deepest = "\(significantText(lowest.cumulativeCiLow!)) at \(p.named(lowest.x))"
        let span = below.count == 1 ? deepest : "\(below.count) periods, \(p.named(first.x)) to \(p.named(last.x)), down to \(deepest)"
        return "the lower end of the running total's \(percentText(settings.level)) interval falls past the data below its "
            + "\(significantText(floor)) at \(p.named(curve[fitted - 1].x)), the last period fitted, though no running total falls "
            + "(\(span)): symmetric, the delta method's interval is lopsided where the data hold the curve loosely, and those lower "
            + "ends are no bound"
    }

    /// A note when a fit's market potential is below four fifths of the adopters the series already
    /// holds: the curve follows part of the series (a wave, a launch spike), not its market (daily sales
    /// fitted at m = 115,000 with 467,000 sold, R² = 0.22). Noise in a saturated tail leaves m a few
    /// per cent below the total (mammography: 111 against 119), which is no such sign.
    static func marketBelowObservedNote(_ m: Double, observedTotal total: Double) -> String? {
        guard total > 0, m < 0.8 * total else { return nil }
        return "the market potential m = \(significantText(m)) is \(percentText((m / total * 1000).rounded() / 1000)) of the "
            + "\(significantText(total)) adopters the series holds: the curve follows part of the series (a wave, a launch "
            + "spike), not its whole market"
    }

    /// The fit's milestones as calendar times from `launch`, with the periods they fall in where x holds
    /// period labels, and whether the peak lies past `dataEnd`, the calendar time the periods fitted end
    /// (nil: not said). `intervals`: the fit whose covariance gives the milestones' delta-method intervals
    /// at `level`, where its parameters sit in `result`'s (nil: all of them, in order), and whether the
    /// intervals are wanted (the report holds the curve) or only the peak's, for the rule below (the tidy
    /// CSV: the record's `intervals` stay nil); nil: none.
    ///
    /// Where the data do not bound the peak, the peak and its rate have no interval, and another milestone
    /// has one only where it does not reach past their end. The data do not bound a peak past them: there the
    /// likelihood is lopsided, as the note on such a peak says (`peakPastDataNote`), and a t interval,
    /// symmetric, covers less than it claims (the iPhone's quarters: the peak's would reach back eight
    /// quarters into sales still rising). Nor one in their last period, with no period after it to show the
    /// fall (a peak fitted in the last period of sales still rising), or one whose interval reaches past
    /// them. For those two, inside the data, the peak's interval's upper end is returned, for the note that
    /// says so (`unboundedPeakNote`); nil otherwise. A peak the free parameters do not move (t0, or Bass's p
    /// and q, fixed) is the user's, and the rule is not for it.
    static func milestones(_ curve: any AdoptionCurve, result: FitResult, launch: Double,
                           periods: PeriodNames? = nil, dataEnd end: Double? = nil,
                           intervals: (fit: FitResult, free: [Int]?, level: Double, bands: Bool)? = nil)
        -> (record: MilestoneRecord, unboundedPeak: Double?) {
        let θ = result.estimates
        // The milestones in model time (the peak rate in adopters a period), in the order of `MilestoneIntervals`'s
        // members: takeoff, peak, saturation onset, peak rate, 10 %, 50 % and 90 % of m reached.
        // A curve whose rate falls from launch on (exponential saturation, Bass with q ≤ p) peaks at launch:
        // its peak is the launch, in every format, rather than none.
        func points(_ θ: [Double]) -> (values: [Double?], peakAtLaunch: Bool) {
            let points = curve.characteristicPoints(parameters: θ)
            return ([points.takeoff, points.peakAtLaunch ? 0 : points.peak, points.saturationOnset, points.peakRate,
                     curve.time(toFraction: 0.1, parameters: θ), curve.time(toFraction: 0.5, parameters: θ),
                     curve.time(toFraction: 0.9, parameters: θ)], points.peakAtLaunch)
        }
        let (values, peakAtLaunch) = points(θ)
        func calendar(_ t: Double?) -> Double? { t.flatMap { finite(launch + $0) } }
        var record = MilestoneRecord(
            takeoff: calendar(values[0]), peak: calendar(values[1]), saturationOnset: calendar(values[2]),
            peakRate: values[3].flatMap(finite), fraction10: calendar(values[4]), fraction50: calendar(values[5]),
            fraction90: calendar(values[6]))
        if let periods {
            // The period a milestone falls in: x = k covers [k, k + 1).
            func period(_ x: Double?) -> String? { x.flatMap { periods.label(forX: $0.rounded(.down)) } }
            record.periods = MilestonePeriods(
                takeoff: period(record.takeoff), peak: period(record.peak), saturationOnset: period(record.saturationOnset),
                fraction10: period(record.fraction10), fraction50: period(record.fraction50), fraction90: period(record.fraction90))
        }
        record.peakPastData = record.peak.flatMap { peak in end.map { peak > $0 } }
        var unboundedPeak: Double? = nil
        if let (fit, free, level, bandsWanted) = intervals {
            // A milestone is varied only on its own branch: a peak at launch has no interval (the launch is
            // given), and where a step moves the peak off the launch, or onto it, the peak and its rate (m·p at
            // launch) are taken from the other side; the times to fractions and the saturation onset are smooth
            // across (Bass with q = p). Without the bands (the tidy CSV), the peak's alone, for the rule below, and
            // only for a peak within the data: past them the rule needs none.
            let peakWithinData = !peakAtLaunch && (record.peak.flatMap { peak in end.map { peak <= $0 } } ?? false)
            let errors: [Double?] = bandsWanted
                ? fit.deltaStandardErrors(count: values.count, at: θ, free: free) { θ in
                    var (values, atLaunch) = points(θ)
                    if atLaunch != peakAtLaunch { values[1] = nil; values[3] = nil }
                    return values
                }
                : [nil, !peakWithinData ? nil : fit.deltaStandardError(at: θ, free: free) { θ in
                    let points = curve.characteristicPoints(parameters: θ)
                    return points.peakAtLaunch == peakAtLaunch ? points.peak : nil
                }, nil, nil, nil, nil, nil]
            let tq = errors[1] == nil && !bandsWanted ? .nan : fit.tQuantile(level: level)
            let shown = [record.takeoff, record.peak, record.saturationOnset, record.peakRate,
                         record.fraction10, record.fraction50, record.fraction90]
            // Whether the data bound the peak: not where it lies past them, in their last period (no whole period
            // follows it), or where its interval reaches past them. A peak the free parameters do not move (t0, or
            // Bass's p and q, fixed) is the user's: the rule is not for it.
            let peakHigh = errors[1].flatMap { se in record.peak.map { $0 + tq * se } }
            // Why the data do not bound the peak (`MilestoneIntervalGaps`'s codes); nil where they do.
            var unbounded: String? = nil
            if let end, let peak = record.peak, !peakAtLaunch, errors[1] != 0 {
                if peak > end {
                    unbounded = "peak_past_data"
                } else if let high = peakHigh, high > end || peak > end - 1 {
                    unbounded = peak > end - 1 ? "peak_in_last_period" : "peak_interval_past_data"
                    unboundedPeak = high
                }
            }
            if bandsWanted {
                var withheld = [String?](repeating: nil, count: shown.count)
                let bands: [MilestoneInterval?] = shown.indices.map { i in
                    guard let value = shown[i] else { return nil }
                    if i == 1 && peakAtLaunch { withheld[i] = "peak_at_launch"; return nil }
                    // A milestone the free parameters do not move (the times, with p and q fixed) has none either.
                    guard let se = errors[i] else { withheld[i] = "not_differentiable"; return nil }
                    guard se > 0 else { withheld[i] = "fixed_parameters"; return nil }
                    let low = value - tq * se, high = value + tq * se
                    guard low.isFinite, high.isFinite else { withheld[i] = "not_finite"; return nil }
                    // Where the data do not bound the peak, a milestone has an interval only where it does not
                    // reach past their end; the peak and its rate have none.
                    if let unbounded, let end, i == 1 || i == 3 || high > end {
                        withheld[i] = i == 1 || i == 3 ? unbounded : "reaches_past_data"
                        return nil
                    }
                    // The peak rate's lower end is truncated at zero, as the curve's are: adoption is never negative.
                    var band = MilestoneInterval(stdError: se, ciLow: i == 3 ? max(0, low) : low, ciHigh: high)
                    // Where x holds period labels, the periods the ends of a time's interval fall in.
                    if let periods, i != 3 {
                        band.ciLowPeriod = periods.label(forX: low.rounded(.down))
                        band.ciHighPeriod = periods.label(forX: high.rounded(.down))
                    }
                    return band
                }
                record.intervals = MilestoneIntervals(bands)
                record.intervalsWithheld = MilestoneIntervalGaps(withheld)
            }
        }
        return (record, unboundedPeak)
    }

    /// A note when a t interval reaches where its parameter cannot be, below the model's lower limit
    /// (a market potential or p below 0: the iPhone's 23 quarters in `Data/series` give m from −711 to
    /// 2,980 with 318 sold). The linearization is lopsided there; the profile intervals follow the likelihood
    /// and stay inside the domain.
    /// `profile`: whether profile intervals were asked for (nil: the fit has none to point to).
    static func intervalsOutsideDomainNote(_ parameters: [ParameterRecord], lower: [Double], level: Double,
                                           profile: Bool?) -> String? {
        var parts: [String] = []
        for (j, parameter) in parameters.enumerated() where j < lower.count && lower[j].isFinite {
            guard let low = parameter.ciLow, let high = parameter.ciHigh, low < lower[j] else { continue }
            parts.append("'\(parameter.name)' (\(significantText(low)) to \(significantText(high))) reaches below "
                         + "\(shortText(lower[j])), where \(parameter.name) cannot be")
        }
        guard !parts.isEmpty else { return nil }
        return "the \(percentText(level)) t interval of " + parts.joined(separator: "; of ")
            + ": the linearization is lopsided there, and the interval claims a coverage it does not have"
            + (profile.map { $0 ? "; the profile intervals follow the likelihood and stay inside"
                                : "; profile intervals (--profile) follow the likelihood and stay inside" } ?? "")
    }

    /// `market`: the fit's market potential, the curve's share is of (nil for a formula).
    static func record<C: ParametricCurve>(_ result: FitResult, curve: C, model: String, formula: String?,
                                           _ p: Prepared, _ settings: FitSettings, market m: Double?,
                                           milestones: MilestoneRecord?,
                                           domain: (lower: [Double], upper: [Double])?) -> FitRecord {
        let isFormula = formula != nil
        let form: DataForm = isFormula ? .cumulative : p.data.form
        // Adopters cannot be negative: the normal-theory lower limits of adoption
        // curves are truncated at zero. A formula's y may be anything, so its are not.
        let floor = isFormula ? -Double.infinity : 0
        func truncated(_ low: Double) -> Double { low.isNaN ? low : max(floor, low) }
        let fitted = p.data.t.count, held = fitted..<(fitted + p.heldOut.t.count)
        let notIdentified = result.status == .notIdentified
        var curvePoints: [CurvePointRecord] = []
        // The held-out observations' forecasts: the curve's points there, or made for them alone.
        var heldPredictions: [PredictionPoint] = []
        // A fit that never reached a finite residual sum of squares (a formula not finite from any
        // start) has no estimates and no curve: the numbers it holds are its start's, which a reader
        // would take for them.
        let reached = result.residualSumOfSquares.isFinite
        // τ² where a new observation's error is proportional to the curve (NaN: not estimated, and no prediction
        // intervals); nil for errors of one size.
        let relative = settings.errors == .proportional ? result.relativeScale(problem: CurveFitProblem(curve: curve, data: p.data)) : nil
        let tau2 = settings.errors == .proportional ? relative ?? .nan : nil
        if settings.includeCurve {
            var times = p.data.t + p.heldOut.t
            let observed = p.data.y + p.heldOut.y
            var xs = p.xs
            if let last = xs.last, let horizon = settings.horizon ?? settings.periodsAhead.map({ last + Double($0) }), horizon > last {
                // last + k, and where the data's x have at most nine decimals, the double nearest to it
                // with as many: 4.1 + 16 is 20.099999999999998, which the report would print so.
                let decimal = last.magnitude < 1e6 && (last * 1e9).rounded() / 1e9 == last
                var k = 1.0
                while last + k <= horizon + 1e-9 {
                    let x = decimal ? ((last + k) * 1e9).rounded() / 1e9 : last + k
                    xs.append(x)
                    times.append(isFormula ? x : x - p.launch + 1)
                    k += 1
                }
            }
            let predictions = result.predictions(curve, form: form, at: times, level: settings.level, relativeScale: tau2)
            heldPredictions = Array(predictions[held])
            // The running totals and the adopters of each period: the curve itself and its increments, whatever
            // the form of the data (none for a formula).
            let totals = isFormula ? [] : form == .cumulative ? predictions
                : result.predictions(curve, form: .cumulative, at: times, level: settings.level)
            let increments = isFormula ? [] : form == .perPeriod ? predictions
                : result.predictions(curve, form: .perPeriod, at: times, level: settings.level)
            let n = observed.count
            // Past the data, a fit that is not identified has no intervals: its linearization says
            // nothing about where the curve goes (the market potential is what the data leave open).
            curvePoints = predictions.enumerated().map { i, pr in
                let bare = (notIdentified && i >= fitted) || !reached
                let total = totals.isEmpty || !reached ? nil : totals[i], increment = increments.isEmpty || !reached ? nil : increments[i]
                return CurvePointRecord(x: xs[i], label: p.periods?.label(forX: xs[i]),
                                        observed: i < n ? finite(observed[i]) : nil, fitted: reached ? finite(pr.value) : nil,
                                        ciLow: bare ? nil : finite(pr.confidenceLow).map(truncated),
                                        ciHigh: bare ? nil : finite(pr.confidenceHigh),
                                        piLow: bare ? nil : finite(pr.predictionLow).map(truncated),
                                        piHigh: bare ? nil : finite(pr.predictionHigh),
                                        heldOut: held.contains(i),
                                        cumulative: total.flatMap { finite($0.value) },
                                        cumulativeCiLow: bare ? nil : total.flatMap { finite($0.confidenceLow) }.map(truncated),
                                        cumulativeCiHigh: bare ? nil : total.flatMap { finite($0.confidenceHigh) },
                                        // No share of an m the data do not determine.
                                        share: notIdentified ? nil : total.flatMap { t in m.flatMap { $0 > 0 ? finite(t.value / $0) : nil } },
                                        perPeriod: increment.flatMap { finite($0.value) },
                                        perPeriodCiLow: bare ? nil : increment.flatMap { finite($0.confidenceLow) }.map(truncated),
                                        perPeriodCiHigh: bare ? nil : increment.flatMap { finite($0.confidenceHigh) })
            }
        } else if !held.isEmpty && result.converged {
            heldPredictions = result.predictions(curve, form: form, at: p.heldOut.t, level: settings.level, relativeScale: tau2)
        }
        var holdout: HoldoutRecord? = nil
        if !held.isEmpty {
            let forecasts = result.converged ? heldPredictions : []
            holdout = HoldoutRecord(observed: p.heldOut.y, forecasts: forecasts.map(\.value),
                                    low: forecasts.map { truncated($0.predictionLow) }, high: forecasts.map(\.predictionHigh))
        }
        var covariance: [[Double?]]? = nil
        if settings.includeCurve, let c = result.covariance {
            let k = result.parameterCount
            covariance = (0..<k).map { a in
                (0..<k).map { b in
                    result.heldAtBound.contains(a) || result.heldAtBound.contains(b) ? nil : finite(c[a * k + b])
                }
            }
        }
        // A fit that is not identified has a linearization (its standard errors show how little
        // the data hold a parameter) but no t-based intervals: they would claim a coverage that a
        // likelihood as flat as this one does not have (a market potential's reaching below zero).
        var parameters = result.parameters(level: settings.level).map {
            ParameterRecord(name: $0.name, estimate: reached ? finite($0.estimate) : nil, stdError: finite($0.standardError),
                            ciLow: notIdentified ? nil : finite($0.confidenceLow), ciHigh: notIdentified ? nil : finite($0.confidenceHigh))
        }
        if settings.profile {
            let intervals = ProfileLikelihood.intervals(CurveFitProblem(curve: curve, data: p.data), result: result,
                                                        level: settings.level, lower: domain?.lower, upper: domain?.upper)
            for (j, interval) in intervals.enumerated() {
                if let interval { parameters[j].profile = ProfileIntervalRecord(interval) }
            }
        }
        var record = FitRecord(
            series: p.series.name, model: model, formula: formula,
            data: isFormula ? "direct" : p.data.form.rawValue,
            converged: result.converged, status: result.status.rawValue, message: result.message,
            parameters: parameters, n: result.observationCount, dof: result.degreesOfFreedom,
            rss: finite(result.residualSumOfSquares), sigma: finite(result.sigma), rSquared: finite(result.rSquared),
            // With as many observations as parameters the RSS is rounding, and so are AIC and BIC.
            aic: result.degreesOfFreedom > 0 ? finite(result.aic) : nil, aicc: finite(result.aicc),
            bic: result.degreesOfFreedom > 0 ? finite(result.bic) : nil,
            conditionNumber: finite(result.conditionNumber), evaluations: result.evaluations,
            startsTried: result.startsTried, rank: nil, launch: isFormula ? nil : p.launch,
            milestones: milestones, covariance: covariance, curve: curvePoints, holdout: holdout)
        record.launchPeriod = isFormula ? nil : p.periods?.label(forX: p.launch)
        if reached { record.relativeSigma = relative.map { $0.squareRoot() } }
        record.notes = dataNotes(p, settings, isFormula: isFormula)
        if notIdentified, curvePoints.count > fitted, curvePoints[fitted...].contains(where: { $0.fitted != nil }) {
            record.notes.append("the curve past the periods fitted has no intervals: the fit is not identified, and its linearization "
                                + "says nothing of where the curve goes; its values there are the point where the fit stopped")
        }
        if !isFormula, !notIdentified, let note = runningTotalFallsNote(record.curve, fitted: fitted, p, settings) {
            record.notes.append(note)
        }
        if ["bass", "exponential"].contains(model), let note = stockBeforeDataNote(p, settings) { record.notes.append(note) }
        // One --launch for every series, long before this one's data (more periods than the data span), and another
        // series starts long before it too (as long): likely the other's launch, not this one's.
        if !isFormula, settings.launch != nil, ownLaunch(of: p.series, settings) == nil, let first = p.series.observations.first?.x,
           let last = p.series.observations.last?.x,
           case let span = last - first + 1, first - p.launch > span, let earliest = settings.earliestFirstX, first - earliest > span {
            record.notes.append("the launch \(p.named(p.launch)) (--launch) is \(shortText(first - p.launch)) periods before this series' "
                                + "first x, \(p.named(first)), more than its data span: the curve is fitted as if adoption began then; "
                                + "if that is another series' launch, give this one its own (--launch SERIES:PERIOD)")
        }
        // A horizon that other series of the file reach past, but not this one.
        if settings.includeCurve, let horizon = settings.horizon, let last = p.series.observations.last?.x, horizon <= last {
            record.notes.append("--horizon \(p.named(horizon)) is not after this series' last x, \(p.named(last)): its curve ends with its data")
        }
        // Points where a reached curve is not finite (a formula's exponential past the data overflows): blank
        // in every format, and said so.
        if reached, case let blank = record.curve.lazy.filter({ $0.fitted == nil }).map(\.x), let first = blank.first, let last = blank.last {
            record.notes.append("the curve is not finite at \(blank.count == 1 ? p.named(first) : "\(blank.count) points, \(p.named(first)) to \(p.named(last))")"
                                + ": its values overflow there, and are left blank")
        }
        // A curve with no parameter to fit (every one fixed) was given, not estimated.
        let given = result.parameterCount == 0
        if result.converged, let note = autocorrelationNote(result.residuals, form: isFormula ? nil : p.data.form, given: given) {
            record.notes.append(note)
        }
        if !isFormula, result.converged, let note = seasonalNote(result.residuals, p) { record.notes.append(note) }
        if !isFormula, result.converged, result.degreesOfFreedom > 0, case let floor = p.data.roundingLevelRSS,
           result.residualSumOfSquares <= floor {
            record.notes.append("the curve meets the data to rounding (RSS \(shortNumber(result.residualSumOfSquares)), below the "
                                + "\(shortNumber(floor)) that rounding alone leaves): the data are a curve's exact "
                                + "values, not observations; \(given ? "its prediction intervals" : "standard errors and intervals") "
                                + "measure rounding, and so do the "
                                + "differences in RSS, AICc and BIC between fits that meet the data too")
        }
        if result.converged && result.degreesOfFreedom == 0 {
            record.notes.append("as many observations as parameters: the curve passes through every point, and with no "
                                + "residual degrees of freedom there are no standard errors or intervals")
        }
        return record
    }

    /// The Durbin–Watson statistic d = Σ(eₜ − eₜ₋₁)² / Σeₜ² of residuals in time order (Durbin &
    /// Watson 1950): about 2 for independent errors, 2(1 − r) for a lag-one correlation r. Nil with
    /// fewer than three residuals or all of them zero.
    public static func durbinWatson(_ e: [Double]) -> Double? {
        guard e.count >= 3 else { return nil }
        let ss = e.reduce(0) { $0 + $1 * $1 }
        guard ss > 0 else { return nil }
        return zip(e.dropFirst(), e).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / ss
    }

    /// The correlation of residuals `lag` periods apart, by their times `t` (pairs whose times differ by
    /// `lag`, so that a missing period breaks no pair), about their mean and over the sum of squares of
    /// them all: statsmodels' `acf` (unadjusted), and with periods missing its `missing='conservative'`. Nil with no such pair or
    /// residuals all equal.
    static func autocorrelation(_ e: [Double], at t: [Double], lag: Double) -> Double? {
        precondition(e.count == t.count, "one time a residual")
        let mean = e.reduce(0, +) / Double(max(1, e.count))
        let ss = e.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard ss > 0 else { return nil }
        var sum = 0.0, pairs = 0
        var j = 0
        for i in e.indices {
            while j < e.count && t[j] < t[i] + lag - 1e-9 { j += 1 }
            if j < e.count && abs(t[j] - (t[i] + lag)) <= 1e-9 {
                sum += (e[i] - mean) * (e[j] - mean)
                pairs += 1
            }
        }
        return pairs > 0 ? sum / ss : nil
    }

    /// A note when per-period residuals of quarters or months repeat with the seasons: those a year apart
    /// correlated at ½ or more, and more than neighbours, over three years or more. The curve has no
    /// seasons: its prediction intervals miss in some and are loose in others, and the standard errors,
    /// which take the errors to be independent, may be off either way (quarter effects that cancel over a
    /// year inflate σ and hardly move the estimates). The iPhone's 46 quarters (`Data/series/apple_iphone_quarterly_sales.csv`) fitted by Bass give
    /// 0.72 four quarters apart and −0.02 one apart (`Tests/Fixtures/scipy/seasonal_residuals.py`), with a Durbin–Watson d
    /// near 2, which the note on stretches does not see.
    static func seasonalNote(_ residuals: [Double], _ p: Prepared) -> String? {
        guard p.data.form == .perPeriod, let months = p.periods?.calendar?.monthsPerPeriod, months == 1 || months == 3 else { return nil }
        let lag = 12 / months
        guard residuals.count >= 3 * lag, residuals.count == p.data.t.count,
              let seasonal = autocorrelation(residuals, at: p.data.t, lag: Double(lag)), seasonal >= 0.5 else { return nil }
        let neighbours = autocorrelation(residuals, at: p.data.t, lag: 1)
        guard seasonal > neighbours ?? -1 else { return nil }
        let period = months == 3 ? "quarters" : "months"
        func r(_ x: Double) -> String { shortText((x * 100).rounded() / 100) }
        return "the residuals repeat with the seasons: those \(lag) \(period) apart are correlated (r = \(r(seasonal)))"
            + (neighbours.map { ", more than neighbours (r = \(r($0)))" } ?? "") + "; the curve has no seasons: its prediction "
            + "intervals miss in some \(period) and are loose in others, and the standard errors, which take the errors to be "
            + "independent and of one size, may be off"
    }

    /// A note when the residuals run in long stretches (d < 1, a lag-one correlation above ½, with
    /// eight residuals or more): the standard errors and intervals assume independent errors and are
    /// then too narrow (a `given` curve's, every parameter fixed: its prediction intervals, and the curve
    /// runs off the data). Running totals carry each period's error into every later one.
    static func autocorrelationNote(_ residuals: [Double], form: DataForm?, given: Bool = false) -> String? {
        guard residuals.count >= 8, let d = durbinWatson(residuals), d < 1 else { return nil }
        return "the residuals run in long stretches (Durbin–Watson d = \(shortText((d * 100).rounded() / 100)), about 2 for "
            + "independent errors): "
            + (given ? "the given curve runs above or below the data for stretches, and its prediction intervals, which assume "
                + "independent errors, are too narrow"
               : "the standard errors and intervals assume independent errors and are too narrow")
            + (form == .cumulative ? "; running totals carry each period's error into the later ones: fit the per-period "
               + "values if you have them" : "")
    }

    /// Warnings about the data that no status carries: per-period values with no two consecutive
    /// periods, or with periods inside the series that no row gives, and a series that starts at its peak.
    static func dataNotes(_ p: Prepared, _ settings: FitSettings, isFormula: Bool) -> [String] {
        var notes: [String] = []
        // Per-period values with no two consecutive periods (sales in selected years, every fourth
        // quarter): each is fitted as its own period's adopters, which totals since the observation
        // before would not be.
        let t = p.data.t
        if !isFormula, p.data.form == .perPeriod, t.count >= 2,
           let closest = zip(t, t.dropFirst()).lazy.map({ $1 - $0 }).min(), closest >= 2 - 1e-9 {
            notes.append("no two observations are consecutive periods (the closest are \(shortText(closest)) apart): each value "
                         + "is fitted as the adopters of its own period alone; if the values are totals since the observation "
                         + "before, give running totals with --cumulative")
        }
        // Values that never fall over many periods read as running totals (an installed base,
        // subscribers): fitted per period, 38 years of US cable TV subscribers gave m = 1.9e9, 40 times
        // the last count. So do values that fall once, by less than 1 % (a revision, subscribers lost):
        // the same series with one year 0.3 % below the year before gave m = 2.0e9.
        let y = p.data.y
        // The fall, relative to the value before: none, one (its size), or more (nil).
        func onlyFall() -> Double?? {
            var fall: Double? = nil
            for i in y.indices.dropFirst() where y[i] < y[i - 1] {
                if fall != nil { return nil }
                fall = (y[i - 1] - y[i]) / y[i - 1]
            }
            return .some(fall)
        }
        if !isFormula, p.data.form == .perPeriod, y.count >= Self.neverFallingPeriods, let first = y.first, let last = y.last,
           last > first, let falls = onlyFall(), (falls ?? 0) < 0.01 {
            // Two significant digits, cut: a fall under 1 % never reads as 1 %, nor a small one as 0.
            let fall = falls.map { f in
                let scale = Double.pow(10, 1 - Double.log10(100 * f).rounded(.down))
                return significantText((100 * f * scale).rounded(.down) / scale, digits: 2) + " %"
            }
            notes.append((fall.map { "the values fall only once in \(y.count) periods, by \($0) of the value before" }
                             ?? "the values never fall in \(y.count) periods")
                         + ", as running totals do: if they are running totals (an "
                         + "installed base, subscribers), give --cumulative; as they are, each is fitted as its own period's adopters")
        }
        if let note = missingPeriodsNote(p, isFormula: isFormula) { notes.append(note) }
        if !isFormula { notes += zerosNotes(p, settings) }
        return notes + peakAtLaunchNotes(p, settings, isFormula: isFormula)
    }

    /// A note on running totals that start far above what one period adds: a stock built up before the
    /// data (a car stock from 1965), which a Bass or exponential curve, at 0 at the start of the launch
    /// period, can only reach by a first period of adoption far above any other (the car stock's Bass fit
    /// lands on q = 0, with an RSS 11 times that with --launch 1950). Nil where --launch places the
    /// launch, where the first total is at most twice the largest rise a period, or where the rises
    /// fall away (their median below half the largest): a curve that starts at launch with a burst,
    /// exponential saturation at p > ln 2, has a first total above its later rises too.
    static func stockBeforeDataNote(_ p: Prepared, _ settings: FitSettings) -> String? {
        let (t, y) = (p.data.t, p.data.y)
        guard p.data.form == .cumulative, !launchIsGiven(for: p.series, settings), y.count >= 3, let first = y.first, first > 0 else { return nil }
        let rises = zip(zip(t, y), zip(t, y).dropFirst()).map { a, b in (b.1 - a.1) / max(1, b.0 - a.0) }.sorted()
        guard let rise = rises.last, rise > 0, first > 2 * rise, rises[rises.count / 2] >= rise / 2 else { return nil }
        return "the first running total (\(shortText(first))) is \(shortText((first / rise * 10).rounded() / 10)) times the largest rise in "
            + "a period (\(shortText(rise))): adoption began before the data, and the curve starts from 0 at the start of the first "
            + "period; give the start of adoption with --launch"
    }

    /// Periods named in a note on the ones a per-period series has no row for, at the most.
    static let listedMissingPeriods = 5

    /// A note on the periods inside a per-period series that no row gives (a year left out of an
    /// export): the fit leaves them out, and its curve counts their adopters all the same; their
    /// values are in neither the residuals nor the observed total. Nil where the observations fitted
    /// (those before any held out) have no such gap, where their x values are not whole periods
    /// apart, or where no two are consecutive (a note of its own says so).
    static func missingPeriodsNote(_ p: Prepared, isFormula: Bool) -> String? {
        guard !isFormula, p.data.form == .perPeriod else { return nil }
        // The observations fitted: those before the held-out ones.
        let points = p.series.observations.prefix(p.data.t.count)
        guard points.count >= 2, let first = points.first, let last = points.last,
              max(abs(first.x), abs(last.x)) < 1e15 else { return nil }
        var missing = 0.0, gapCount = 0, consecutive = false
        var gaps: [(first: Double, last: Double)] = []
        for i in points.indices.dropFirst() {
            let step = points[i].x - points[i - 1].x
            guard step == step.rounded(), step >= 1 else { return nil }
            if step == 1 { consecutive = true; continue }
            missing += step - 1
            gapCount += 1
            if gaps.count < listedMissingPeriods { gaps.append((points[i - 1].x + 1, points[i].x - 1)) }
        }
        guard consecutive, missing > 0 else { return nil }
        func name(_ x: Double) -> String { p.periods?.label(forX: x).map(DataError.quote) ?? shortText(x) }
        let listed = gaps.map { $0.first == $0.last ? name($0.first) : "\(name($0.first))–\(name($0.last))" }
        let more = gapCount > gaps.count ? ", …" : ""
        let one = missing == 1
        return (one ? "one period inside the series has no row (\(listed[0]))"
                    : "\(shortText(missing)) periods inside the series have no row (\(listed.joined(separator: ", "))\(more))")
            + ": the fit leaves \(one ? "it" : "them") out, and the curve counts \(one ? "its" : "their") adopters all the same "
            + "(in m and in the running totals after \(one ? "it" : "them"), not in the observed total; the curve's table lists "
            + "the periods observed); if \(one ? "its value is" : "their values are") known, add the " + (one ? "row" : "rows")
    }

    /// The notes on periods of 0 at a series' ends: those before its launch, left out of the fit; three or
    /// more that open a series fitted from its first x (a curve adopts from its first period, so 24 months of
    /// 0 before sales took Bass's p from 0.0061 to 0.00037: rows of a rectangular export before the launch);
    /// and three or more that close a series after values of a tenth of its largest or more (periods not yet
    /// reported, written as 0, halved m).
    static func zerosNotes(_ p: Prepared, _ settings: FitSettings) -> [String] {
        var notes: [String] = []
        let observations = p.series.observations
        let opening = observations.prefix { $0.y == 0 }
        if let zeros = p.zerosBeforeLaunch {
            notes.append(zeros.note(launch: p.launch, periods: p.periods))
        } else if !launchIsGiven(for: p.series, settings), opening.count >= 3, opening.count < observations.count {
            // In a file of many series, the launch of this one alone.
            let next = observations[opening.count].x
            let period = p.periods?.label(forX: next) ?? shortText(next)
            let option = DataError.optionText("--launch", p.series.name.map { "\($0):\(period)" } ?? period)
            notes.append("the series opens with \(ZerosBeforeLaunch.span(opening.count, opening.first!.x, opening.last!.x, periods: p.periods)): "
                         + "the curve adopts from "
                         + "its first period on, and is fitted so; if adoption began later, give \(option) (the zeros before it "
                         + "are then left out)")
        }
        let fitted = observations.prefix(p.data.y.count)
        let closing = fitted.reversed().prefix { $0.y == 0 }
        if p.data.form == .perPeriod, closing.count >= 3, closing.count < fitted.count,
           case let before = fitted[fitted.count - closing.count - 1].y, let largest = fitted.map(\.y).max(), before >= 0.1 * largest {
            notes.append("the series closes with \(ZerosBeforeLaunch.span(closing.count, closing.last!.x, closing.first!.x, periods: p.periods)) after "
                         + "\(significantText(before)): if these periods are not yet reported, leave them out; as they are, the "
                         + "curve is fitted to fall to 0")
        }
        return notes
    }

    /// Periods of values that never fall from which a per-period series gets the running-totals note.
    static let neverFallingPeriods = 10

    /// A per-period series whose first value is its largest, fitted from its first period as the
    /// launch, is fitted as a curve that peaks at launch: right for a market that started there,
    /// badly wrong (a far too small m) for data that begin after the peak.
    static func peakAtLaunchNotes(_ p: Prepared, _ settings: FitSettings, isFormula: Bool) -> [String] {
        let y = p.data.y
        guard !isFormula, p.data.form == .perPeriod, !launchIsGiven(for: p.series, settings), y.count >= 3,
              let first = y.first, let last = y.last, first > last, y.dropFirst().allSatisfy({ $0 < first }) else { return [] }
        // --launch names a period as the column does where x holds dated periods (quarters, months), and
        // needs numbers where it holds other labels.
        let how = switch p.periods {
        case nil: "--launch YEAR"
        case let names? where names.calendar != nil:
            "--launch and its period" + (p.series.observations.first.flatMap { names.label(forX: $0.x - 4) }.map { ", such as \($0)" } ?? "")
        default: "--launch (number the periods first: labels that are no periods name no launch)"
        }
        return ["the series is highest in its first period, which is taken as the launch: the curve is fitted as a "
                + "market that peaked at once; if adoption began earlier, give its start with \(how)"]
    }
}

extension ProfileIntervalRecord {
    /// The record of a profile interval's two ends (`ProfileLikelihood.intervals`).
    init(_ interval: (low: ProfileLikelihood.Limit, high: ProfileLikelihood.Limit)) {
        self.init(low: interval.low.value.flatMap(finite), high: interval.high.value.flatMap(finite),
                  lowEnd: End(interval.low), highEnd: End(interval.high))
    }
}

extension ProfileIntervalRecord.End {
    init(_ limit: ProfileLikelihood.Limit) {
        switch limit {
        case .crossing: self = .crossing
        case .domainLimit: self = .domainLimit
        case .open: self = .open
        case .failed: self = .failed
        case .capped: self = .capped
        }
    }
}
