import Fitting
import AdoptionModels

/// One parameter of one fit, as a tidy row.
public struct ParameterRecord: Sendable, Codable, Equatable {
    public var name: String
    @Nullable public var estimate: Double?
    @Nullable public var stdError: Double?
    @Nullable public var ciLow: Double?
    @Nullable public var ciHigh: Double?
    /// The profile-likelihood interval (`--profile`).
    @OutOfLine public var profile: ProfileIntervalRecord? = nil
    /// Fixed at a known value (`--fix`), not fitted: it has no standard error or interval.
    public var fixed = false
}

/// A profile-likelihood interval: where the profile t statistic of a parameter, with the
/// others refitted, stays within the t quantile (R's `confint` for `nls`).
public struct ProfileIntervalRecord: Sendable, Codable, Equatable {
    /// How an end was found.
    public enum End: String, Sendable, Codable {
        /// The profile crosses the threshold there.
        case crossing
        /// The profile is still inside at the parameter's domain limit, which is the end.
        case domainLimit = "domain_limit"
        /// No end: the profile is still inside where a market potential reaches 10⁴ × the
        /// observed total (the limit every refit keeps it within), or after 10¹² t-based
        /// half-widths.
        case open
        /// Refits along the profile did not converge, even nearer the last inside point.
        case failed
        /// The profile crosses the threshold there with the market potential held at 10⁴ × the
        /// observed total: the end is the capped model's, and without the cap the side may reach
        /// further or have no end (a small p before the peak, matched by an ever larger m).
        case capped
    }

    @Nullable public var low: Double?
    @Nullable public var high: Double?
    public var lowEnd: End
    public var highEnd: End
}

/// A point on the fitted or extended curve, in the data's own x units.
public struct CurvePointRecord: Sendable, Codable, Equatable {
    /// The x value (a year, or a period index when x holds labels).
    public var x: Double
    /// The period label when x holds labels.
    @Nullable public var label: String?
    @Nullable public var observed: Double?
    @Nullable public var fitted: Double?
    @Nullable public var ciLow: Double?
    @Nullable public var ciHigh: Double?
    @Nullable public var piLow: Double?
    @Nullable public var piHigh: Double?
    /// True for an observation held out of the fit (`--holdout`): `fitted` is then a forecast.
    public var heldOut = false
    /// The curve's cumulative adopters N(t) = m·F(t) at the end of the period (what `fitted` is for
    /// `--cumulative` data; for per-period data the fitted values' running total since launch, plus
    /// N(0) for the curves that start above zero there), and its confidence interval; nil for a formula.
    @Nullable public var cumulative: Double? = nil
    @Nullable public var cumulativeCiLow: Double? = nil
    @Nullable public var cumulativeCiHigh: Double? = nil
    /// F(t) = N(t)/m: the share of the market potential reached by the end of the period.
    @Nullable public var share: Double? = nil
    /// The curve's adopters in the period, m·[F(t) − F(t − 1)] (what `fitted` is for per-period data; for
    /// `--cumulative` data the new adopters the running totals imply), and its confidence interval; nil
    /// for a formula.
    @Nullable public var perPeriod: Double? = nil
    @Nullable public var perPeriodCiLow: Double? = nil
    @Nullable public var perPeriodCiHigh: Double? = nil
}

/// How well a fit forecasts the observations held out of it (`--holdout`), with the errors
/// taken as observed − forecast (Hyndman & Athanasopoulos, *Forecasting: Principles and
/// Practice*, 3rd ed., §5.8). The measures are nil when the fit did not converge: its
/// forecast is not one.
public struct HoldoutRecord: Sendable, Codable, Equatable {
    /// Observations held out.
    public var n: Int
    /// Mean error: positive when the forecast ran below what was observed.
    @Nullable public var meanError: Double?
    @Nullable public var meanAbsoluteError: Double?
    @Nullable public var rootMeanSquaredError: Double?
    /// Mean of |error| / |observed| in percent, over the held-out observations that are not zero.
    @Nullable public var meanAbsolutePercentageError: Double?
    /// How many held-out observations are not zero: those the percentage error is over.
    @Nullable public var meanAbsolutePercentageErrorN: Int?
    /// Share of the held-out observations inside their prediction intervals.
    @Nullable public var predictionIntervalCoverage: Double?

    /// How many held-out observations are inside their prediction intervals.
    public var insideCount: Int? { predictionIntervalCoverage.map { Int(($0 * Double(n)).rounded()) } }

    /// The measures from the held-out observations and their forecasts with prediction
    /// limits (`forecasts` empty: no forecast, the measures nil; NaN limits: no coverage).
    public init(observed: [Double], forecasts: [Double], low: [Double], high: [Double]) {
        n = observed.count
        guard forecasts.count == observed.count, n > 0, forecasts.allSatisfy(\.isFinite) else { return }
        let errors = zip(observed, forecasts).map { $0 - $1 }
        let count = Double(n)
        // Plain sums, and where a sum overflows though the errors do not (errors of 1e200, whose RMSE
        // is 1e200), terms divided by n first and squares scaled by the largest error.
        func mean(_ terms: [Double]) -> Double? {
            let plain = terms.reduce(0, +) / Double(terms.count)
            return plain.isFinite ? plain : finite(terms.reduce(0) { $0 + $1 / Double(terms.count) })
        }
        meanError = mean(errors)
        meanAbsoluteError = mean(errors.map(abs))
        let plain = (errors.reduce(0) { $0 + $1 * $1 } / count).squareRoot()
        if plain.isFinite {
            rootMeanSquaredError = plain
        } else {
            let largest = errors.reduce(0) { max($0, abs($1)) }
            rootMeanSquaredError = finite(largest * errors.reduce(0) { $0 + ($1 / largest) * ($1 / largest) / count }.squareRoot())
        }
        let relative = zip(errors, observed).filter { $0.1 != 0 }.map { abs($0.0 / $0.1) }
        meanAbsolutePercentageErrorN = relative.count
        if !relative.isEmpty {
            let plain = 100 * relative.reduce(0, +) / Double(relative.count)
            meanAbsolutePercentageError = plain.isFinite ? plain : mean(relative).flatMap { finite(100 * $0) }
        }
        if low.allSatisfy({ !$0.isNaN }) && high.allSatisfy({ !$0.isNaN }) {
            let inside = observed.indices.filter { low[$0] <= observed[$0] && observed[$0] <= high[$0] }.count
            predictionIntervalCoverage = Double(inside) / count
        }
    }
}

/// The Bass (1969) OLS regression of a series observed from its launch period on, whole periods with
/// none missing, per period or as running totals (their rises): y_t = a + b·Y_{t−1} + c·Y_{t−1}², Y the
/// running total before period t,
/// with classical standard errors, and the m, p and q it implies (m the root of c·m² + b·m + a = 0
/// above 0, p = a/m, q = −c·m; null where c ≥ 0 or no root is positive), with their delta-method
/// standard errors and t intervals from the covariance of (a, b, c). The estimates much of the
/// published literature gives, beside the nonlinear fit's; the discrete regression stands for the
/// continuous model with a time-interval bias (Srinivasan & Mason 1986).
public struct BassRegressionRecord: Sendable, Codable, Equatable {
    public var a: Double
    @Nullable public var aStdError: Double?
    /// The t-based interval of a at the report's level (as the parameters' are).
    @Nullable public var aCiLow: Double?
    @Nullable public var aCiHigh: Double?
    /// The adopters in the periods regressed (their sum), beside which the implied m is read.
    public var adoptersObserved: Double
    public var b: Double
    @Nullable public var bStdError: Double?
    @Nullable public var bCiLow: Double?
    @Nullable public var bCiHigh: Double?
    public var c: Double
    @Nullable public var cStdError: Double?
    @Nullable public var cCiLow: Double?
    @Nullable public var cCiHigh: Double?
    /// The regression's residual standard error, on `dof` degrees of freedom (n − 3).
    public var residualStandardError: Double
    public var dof: Int
    /// The regression's R², about the mean of the per-period values (as R's `summary.lm` gives it).
    @Nullable public var rSquared: Double?
    @Nullable public var m: Double?
    /// The delta-method standard error of m and its t interval (as a's); null where m is, or where
    /// the variance is not finite.
    @Nullable public var mStdError: Double?
    @Nullable public var mCiLow: Double?
    @Nullable public var mCiHigh: Double?
    @Nullable public var p: Double?
    @Nullable public var pStdError: Double?
    @Nullable public var pCiLow: Double?
    @Nullable public var pCiHigh: Double?
    @Nullable public var q: Double?
    @Nullable public var qStdError: Double?
    @Nullable public var qCiLow: Double?
    @Nullable public var qCiHigh: Double?

    /// `r` of the values `y`, with intervals at `level`.
    public init(_ r: StartingValues.BassRegression, y: [Double], level: Double) {
        let t = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: Double(r.degreesOfFreedom))
        func interval(_ estimate: Double, _ se: Double) -> (Double?, Double?) {
            se.isFinite ? (finite(estimate - t * se), finite(estimate + t * se)) : (nil, nil)
        }
        a = r.a
        b = r.b
        c = r.c
        aStdError = finite(r.standardErrors[0])
        bStdError = finite(r.standardErrors[1])
        cStdError = finite(r.standardErrors[2])
        (aCiLow, aCiHigh) = interval(r.a, r.standardErrors[0])
        (bCiLow, bCiHigh) = interval(r.b, r.standardErrors[1])
        (cCiLow, cCiHigh) = interval(r.c, r.standardErrors[2])
        residualStandardError = r.residualStandardError
        dof = r.degreesOfFreedom
        adoptersObserved = y.reduce(0, +)
        let mean = adoptersObserved / Double(y.count)
        let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        rSquared = total > 0 ? finite(1 - r.residualStandardError * r.residualStandardError * Double(r.degreesOfFreedom) / total) : nil
        let implied = r.bassParameters
        m = implied?.m
        p = implied?.p
        q = implied?.q
        if let implied, let errors = r.bassStandardErrors {
            mStdError = finite(errors.m)
            pStdError = finite(errors.p)
            qStdError = finite(errors.q)
            (mCiLow, mCiHigh) = interval(implied.m, errors.m)
            (pCiLow, pCiHigh) = interval(implied.p, errors.p)
            (qCiLow, qCiHigh) = interval(implied.q, errors.q)
        }
    }
}

/// Takeoff, peak and saturation onset in calendar x units (2016.6 is 60 % through 2016).
public struct MilestoneRecord: Sendable, Codable, Equatable {
    @Nullable public var takeoff: Double?
    @Nullable public var peak: Double?
    @Nullable public var saturationOnset: Double?
    @Nullable public var peakRate: Double?
    /// Whether the peak lies past the end of the periods fitted (not seen in the data fitted: a forecast,
    /// unless fixed parameters set it); a peak at the end of the last period counts as within them. Nil
    /// without a peak.
    @Nullable public var peakPastData: Bool? = nil
    /// When 10 %, 50 % and 90 % of the market potential have adopted.
    @Nullable public var fraction10: Double?
    @Nullable public var fraction50: Double?
    @Nullable public var fraction90: Double?
    /// Where x holds dated periods, the label of the period each milestone falls in (past the data
    /// too); nil for numeric x and for labels that are no periods.
    @OutOfLine public var periods: MilestonePeriods? = nil
    /// Each milestone's delta-method standard error and t-based interval, where the report holds the
    /// curve (Markdown and JSON; not computed for the tidy CSV); nil there and for a fit without them.
    @OutOfLine public var intervals: MilestoneIntervals? = nil
    /// Beside `intervals`, why a milestone that has a value has no interval (`MilestoneIntervalGaps`); nil
    /// where `intervals` is.
    @OutOfLine public var intervalsWithheld: MilestoneIntervalGaps? = nil
}

/// One value for each milestone (`MilestoneIntervals`, `MilestoneIntervalGaps`).
public struct MilestoneValues<Value: Sendable & Equatable & Codable>: Sendable, Equatable, Codable {
    @Nullable public var takeoff: Value?
    @Nullable public var peak: Value?
    @Nullable public var saturationOnset: Value?
    @Nullable public var peakRate: Value?
    @Nullable public var fraction10: Value?
    @Nullable public var fraction50: Value?
    @Nullable public var fraction90: Value?
}

extension MilestoneValues {
    /// The values in the order `FitStudy.milestones` computes them: takeoff, peak, saturation onset, peak
    /// rate, and the times 10 %, 50 % and 90 % of m have adopted.
    init(_ values: [Value?]) {
        precondition(values.count == 7, "one value for each of the seven milestones")
        self.init(takeoff: values[0], peak: values[1], saturationOnset: values[2], peakRate: values[3],
                  fraction10: values[4], fraction50: values[5], fraction90: values[6])
    }
}

/// Why a milestone has no interval, for each milestone with a value and none (null where it has one, or no
/// value). The codes:
/// - `peak_past_data`, `peak_in_last_period`, `peak_interval_past_data`: the data do not bound the peak (it
///   lies past them, in their last period, or its interval reaches past them), so neither it nor its rate
///   has an interval;
/// - `reaches_past_data`: where the data do not bound the peak, another milestone whose interval would
///   reach past them;
/// - `peak_at_launch`: the curve peaks at the launch, which is given;
/// - `fixed_parameters`: the parameters fitted do not move it (those it depends on are fixed);
/// - `not_differentiable`: a step from the estimates moves it to another branch or leaves it undefined,
///   so the delta method has no gradient;
/// - `not_finite`: its interval's ends overflow.
public typealias MilestoneIntervalGaps = MilestoneValues<String>

/// A milestone's delta-method standard error and its t-based interval at the report's level, as the
/// parameters' are: value ± t·std_error (the peak rate's lower end truncated at zero, as the curve's
/// are). The interval is symmetric: a linearization, which says little where the data hardly fix a
/// parameter the milestone depends on (m before the peak).
public struct MilestoneInterval: Sendable, Codable, Equatable {
    public var stdError: Double
    public var ciLow: Double
    public var ciHigh: Double
    /// Where x holds dated periods, the labels of the periods the ends of a time's interval fall in
    /// (as `MilestonePeriods` labels the milestones); nil for numeric x and for the peak rate.
    @Nullable public var ciLowPeriod: String? = nil
    @Nullable public var ciHighPeriod: String? = nil

    public init(stdError: Double, ciLow: Double, ciHigh: Double, ciLowPeriod: String? = nil, ciHighPeriod: String? = nil) {
        self.stdError = stdError
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.ciLowPeriod = ciLowPeriod
        self.ciHighPeriod = ciHighPeriod
    }
}

/// The milestones' intervals, by milestone; nil for a milestone the fit has none of (a takeoff
/// before launch, a peak at launch), whose standard error the fit does not give or is 0 (a milestone the
/// free parameters do not move), or that lies past the data on a curve whose peak the data do not bound:
/// a peak past them, in their last period, or whose interval reaches past them (then the peak and its
/// rate have none either; a peak a fixed t0 sets is the user's, and the rule is not for it).
public typealias MilestoneIntervals = MilestoneValues<MilestoneInterval>

/// The periods the milestones fall in (x = k covers [k, k + 1)), labelled as the data label theirs:
/// `Q3 '12` for a takeoff at 21.7 in a column whose 21st period is Q3 '12.
public struct MilestonePeriods: Sendable, Codable, Equatable {
    @Nullable public var takeoff: String?
    @Nullable public var peak: String?
    @Nullable public var saturationOnset: String?
    @Nullable public var fraction10: String?
    @Nullable public var fraction50: String?
    @Nullable public var fraction90: String?
}

/// Everything reported about one fit: the tidy results a writer reads.
///
/// The fit JSON writes these records' encoding straight into bytes (`PrettyJSON` in AdoptReports):
/// a key added here, or to a record inside, is added there too, where `FitJSONWriterTests` checks
/// it against `JSONEncoder`'s text.
public struct FitRecord: Sendable, Codable, Equatable {
    @Nullable public var series: String?
    public var model: String
    @Nullable public var formula: String?
    public var data: String
    public var converged: Bool
    public var status: String
    public var message: String
    public var parameters: [ParameterRecord]
    public var n: Int
    public var dof: Int
    @Nullable public var rss: Double?
    @Nullable public var sigma: Double?
    /// With `--errors proportional`: τ = √(RSS / Σ (1 − hᵢ)·ŷᵢ²), hᵢ the leverages, the share of the fitted value that a new
    /// observation's error is taken to be in a prediction interval; nil otherwise.
    @Nullable public var relativeSigma: Double? = nil
    @Nullable public var rSquared: Double?
    @Nullable public var aic: Double?
    @Nullable public var aicc: Double?
    @Nullable public var bic: Double?
    @Nullable public var conditionNumber: Double?
    public var evaluations: Int
    public var startsTried: Int
    /// Rank by AICc among the models fitted to this series (1 = best), for `--model auto`.
    @Nullable public var rank: Int?
    /// For a ranked fit: AICc minus the best-ranked fit's (0 for the best).
    @Nullable public var deltaAicc: Double? = nil
    /// For a ranked fit: its Akaike weight exp(−ΔAICc/2) / Σ exp(−ΔAICc/2) over the ranked fits,
    /// the relative support of the data for it among them (Burnham & Anderson 2002, §2.9).
    @Nullable public var aiccWeight: Double? = nil
    @Nullable public var launch: Double?
    /// Where x holds dated periods, the label of the launch period (`launch` is its number).
    @Nullable public var launchPeriod: String? = nil
    @Nullable public var milestones: MilestoneRecord?
    /// A Bass fit's Bass (1969) OLS regression, where the series is per period from its launch with no
    /// period missing (and the report holds the curve: not the tidy CSV of parameters); else nil.
    @OutOfLine public var bassOLS: BassRegressionRecord? = nil
    /// The estimates' covariance σ²(JᵀJ)⁻¹, rows and columns in parameter order; nil when it
    /// is not available (a parameter not identified), nil entries for a parameter held on a
    /// bound. Not computed for the tidy CSV.
    @Nullable public var covariance: [[Double?]]? = nil
    public var curve: [CurvePointRecord]
    /// Forecast accuracy on the held-out observations (`--holdout`).
    @OutOfLine public var holdout: HoldoutRecord? = nil
    /// Warnings about the data that a status does not carry (a series that starts at its peak).
    public var notes: [String] = []

    /// The model's name as reports write it ("Bass", "Exponential saturation"); a formula's is "formula".
    public var modelName: String { ModelKind(rawValue: model)?.name ?? model }

    /// A fit not identified because a parameter ran past its runaway limit: it stopped short of
    /// any minimum, so it has no profile intervals.
    public var ranAway: Bool { status == FitStatus.notIdentified.rawValue && message.contains(NonlinearLeastSquares.ranAwayPhrase) }

    /// The correlations of the estimates, pair by pair in parameter order, from their covariance
    /// (pairs with a parameter held on a bound or without variance left out): near ±1, the data
    /// fix a combination of the two better than either.
    public var correlations: [(a: String, b: String, r: Double)] {
        guard let cov = covariance, cov.count >= 2, cov.count == parameters.count else { return [] }
        var pairs: [(a: String, b: String, r: Double)] = []
        for a in cov.indices {
            for b in (a + 1)..<cov.count {
                guard let ab = cov[a][b], let aa = cov[a][a], let bb = cov[b][b], aa > 0, bb > 0 else { continue }
                pairs.append((parameters[a].name, parameters[b].name, ab / (aa * bb).squareRoot()))
            }
        }
        return pairs
    }

    /// The status of a model that `--model auto` did not fit: more parameters than observations.
    public static let tooFewObservations = "too_few_observations"
    /// The status of a series not fitted for bad data of its own (`--skip-invalid`).
    public static let invalidData = "invalid_data"
    /// False for a model that was not fitted at all (`tooFewObservations`, `invalidData`).
    public var wasFitted: Bool { status != Self.tooFewObservations && status != Self.invalidData }
}

/// The whole output of `adopt fit`: inputs' provenance and one record per fit.
public struct FitReport: Sendable, Codable, Equatable {
    public var tool: String
    public var command: String
    public var inputs: [InputRecord]
    public var confidenceLevel: Double
    /// How the estimates' covariance was estimated (`--covariance`): `classical`, or `hc0` to `hc3`.
    public var covarianceEstimator: CovarianceEstimator = .classical
    /// How a prediction interval sizes a new observation's error (`--errors`): `constant` (σ) or
    /// `proportional` (τ·ŷ).
    public var predictionErrors: ObservationErrors = .constant
    /// Observations held out of the end of each series (`--holdout`), if any.
    @Nullable public var holdout: Int?
    /// Whether the parameters carry profile-likelihood intervals (`--profile`).
    public var profile: Bool
    /// Whether the fits are ranked by AICc (`--model auto`): every record then has a rank, ΔAICc and
    /// Akaike weight, absent (JSON `null`) for a fit that is not ranked.
    public var ranked: Bool
    /// The input's lines after its header skipped as comments (starting with `#`): a data row whose
    /// first value begins with `#` unquoted is one.
    public var commentLines: [Int] = []
    public var fits: [FitRecord]

    public init(tool: String, command: String, inputs: [InputRecord], confidenceLevel: Double,
                holdout: Int? = nil, profile: Bool = false, ranked: Bool = false, fits: [FitRecord]) {
        self.tool = tool
        self.command = command
        self.inputs = inputs
        self.confidenceLevel = confidenceLevel
        self.holdout = holdout
        self.profile = profile
        self.ranked = ranked
        self.fits = fits
    }
}

/// An input file and its SHA-256, so a report names exactly what it was made from.
public struct InputRecord: Sendable, Codable, Equatable {
    public var path: String
    public var sha256: String
}
