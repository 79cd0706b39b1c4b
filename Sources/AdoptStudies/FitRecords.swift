import Fitting

/// One parameter of one fit, as a tidy row.
public struct ParameterRecord: Sendable, Codable, Equatable {
    public var name: String
    public var estimate: Double?
    public var stdError: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
    /// The profile-likelihood interval (`--profile`).
    @OutOfLine public var profile: ProfileIntervalRecord? = nil
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
    }

    public var low: Double?
    public var high: Double?
    public var lowEnd: End
    public var highEnd: End
}

/// A point on the fitted or extended curve, in the data's own x units.
public struct CurvePointRecord: Sendable, Codable, Equatable {
    /// The x value (a year, or a period index when x holds labels).
    public var x: Double
    /// The period label when x holds labels.
    public var label: String?
    public var observed: Double?
    public var fitted: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
    public var piLow: Double?
    public var piHigh: Double?
    /// True for an observation held out of the fit (`--holdout`): `fitted` is then a forecast.
    public var heldOut: Bool? = nil
}

/// How well a fit forecasts the observations held out of it (`--holdout`), with the errors
/// taken as observed − forecast (Hyndman & Athanasopoulos, *Forecasting: Principles and
/// Practice*, 3rd ed., §5.8). The measures are nil when the fit did not converge: its
/// forecast is not one.
public struct HoldoutRecord: Sendable, Codable, Equatable {
    /// Observations held out.
    public var n: Int
    /// Mean error: positive when the forecast ran below what was observed.
    public var meanError: Double?
    public var meanAbsoluteError: Double?
    public var rootMeanSquaredError: Double?
    /// Mean of |error| / |observed| in percent, over the held-out observations that are not zero.
    public var meanAbsolutePercentageError: Double?
    /// Share of the held-out observations inside their prediction intervals.
    public var predictionIntervalCoverage: Double?

    /// How many held-out observations are inside their prediction intervals.
    public var insideCount: Int? { predictionIntervalCoverage.map { Int(($0 * Double(n)).rounded()) } }

    /// The measures from the held-out observations and their forecasts with prediction
    /// limits (`forecasts` empty: no forecast, the measures nil; NaN limits: no coverage).
    public init(observed: [Double], forecasts: [Double], low: [Double], high: [Double]) {
        n = observed.count
        guard forecasts.count == observed.count, n > 0, forecasts.allSatisfy(\.isFinite) else { return }
        let errors = zip(observed, forecasts).map { $0 - $1 }
        let count = Double(n)
        meanError = errors.reduce(0, +) / count
        meanAbsoluteError = errors.reduce(0) { $0 + abs($1) } / count
        rootMeanSquaredError = (errors.reduce(0) { $0 + $1 * $1 } / count).squareRoot()
        let relative = zip(errors, observed).filter { $0.1 != 0 }.map { abs($0.0 / $0.1) }
        if !relative.isEmpty { meanAbsolutePercentageError = 100 * relative.reduce(0, +) / Double(relative.count) }
        if low.allSatisfy({ !$0.isNaN }) && high.allSatisfy({ !$0.isNaN }) {
            let inside = observed.indices.filter { low[$0] <= observed[$0] && observed[$0] <= high[$0] }.count
            predictionIntervalCoverage = Double(inside) / count
        }
    }
}

/// Takeoff, peak and saturation onset in calendar x units (2016.6 is 60 % through 2016).
public struct MilestoneRecord: Sendable, Codable, Equatable {
    public var takeoff: Double?
    public var peak: Double?
    public var saturationOnset: Double?
    public var peakRate: Double?
    /// When 10 %, 50 % and 90 % of the market potential have adopted.
    public var fraction10: Double?
    public var fraction50: Double?
    public var fraction90: Double?
}

/// Everything reported about one fit: the tidy results a writer reads.
public struct FitRecord: Sendable, Codable, Equatable {
    public var series: String?
    public var model: String
    public var formula: String?
    public var data: String
    public var converged: Bool
    public var status: String
    public var message: String
    public var parameters: [ParameterRecord]
    public var n: Int
    public var dof: Int
    public var rss: Double?
    public var sigma: Double?
    public var rSquared: Double?
    public var aic: Double?
    public var aicc: Double?
    public var bic: Double?
    public var conditionNumber: Double?
    public var evaluations: Int
    public var startsTried: Int
    /// Rank by AICc among the models fitted to this series (1 = best), for `--model auto`.
    public var rank: Int?
    /// For a ranked fit: AICc minus the best-ranked fit's (0 for the best).
    public var deltaAicc: Double? = nil
    /// For a ranked fit: its Akaike weight exp(−ΔAICc/2) / Σ exp(−ΔAICc/2) over the ranked fits,
    /// the relative support of the data for it among them (Burnham & Anderson 2002, §2.9).
    public var aiccWeight: Double? = nil
    public var launch: Double?
    public var milestones: MilestoneRecord?
    /// The estimates' covariance σ²(JᵀJ)⁻¹, rows and columns in parameter order; nil when it
    /// is not available (a parameter not identified), nil entries for a parameter held on a
    /// bound. Not computed for the tidy CSV.
    public var covariance: [[Double?]]? = nil
    public var curve: [CurvePointRecord]
    /// Forecast accuracy on the held-out observations (`--holdout`).
    @OutOfLine public var holdout: HoldoutRecord? = nil

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
    /// False for a model that was not fitted at all (`tooFewObservations`).
    public var wasFitted: Bool { status != Self.tooFewObservations }
}

/// The whole output of `adopt fit`: inputs' provenance and one record per fit.
public struct FitReport: Sendable, Codable, Equatable {
    public var tool: String
    public var command: String
    public var inputs: [InputRecord]
    public var confidenceLevel: Double
    /// Observations held out of the end of each series (`--holdout`), if any.
    public var holdout: Int?
    /// Whether the parameters carry profile-likelihood intervals (`--profile`).
    public var profile: Bool
    /// Whether the fits are ranked by AICc (`--model auto`): every record then has a rank, ΔAICc and
    /// Akaike weight, absent (JSON `null`) for a fit that is not ranked.
    public var ranked: Bool
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

/// An optional value kept out of line: it costs a record one pointer instead of the value's size
/// (a report holds a record per series, and 100,000 series are a common run).
@propertyWrapper
public struct OutOfLine<Value: Sendable & Equatable>: Sendable, Equatable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box?

    public init(wrappedValue: Value?) {
        box = wrappedValue.map(Box.init)
    }

    public var wrappedValue: Value? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }

    public static func == (a: Self, b: Self) -> Bool { a.wrappedValue == b.wrappedValue }
}

extension OutOfLine: Codable where Value: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        self.init(wrappedValue: c.decodeNil() ? nil : try c.decode(Value.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let value = wrappedValue { try c.encode(value) } else { try c.encodeNil() }
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as an absent value, as it does for a plain optional.
    public func decode<Value: Codable>(_ type: OutOfLine<Value>.Type, forKey key: Key) throws -> OutOfLine<Value> {
        OutOfLine(wrappedValue: try decodeIfPresent(Value.self, forKey: key))
    }
}

/// Non-finite numbers become nil: JSON has no NaN, and a missing value is the honest report.
@inline(__always)
func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }

// Missing values are written as null, not left out: a pipeline reading
// `std_error` should find the key whether or not the parameter is identified.
extension ParameterRecord {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(estimate, forKey: .estimate)
        try c.encode(stdError, forKey: .stdError)
        try c.encode(ciLow, forKey: .ciLow)
        try c.encode(ciHigh, forKey: .ciHigh)
        try c.encodeIfPresent(profile, forKey: .profile)
    }
}

extension ProfileIntervalRecord {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(low, forKey: .low)
        try c.encode(high, forKey: .high)
        try c.encode(lowEnd, forKey: .lowEnd)
        try c.encode(highEnd, forKey: .highEnd)
    }
}

extension FitReport {
    /// The synthesized encoding, except that the fits of a ranked run are encoded as such.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(tool, forKey: .tool)
        try c.encode(command, forKey: .command)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(confidenceLevel, forKey: .confidenceLevel)
        try c.encodeIfPresent(holdout, forKey: .holdout)
        try c.encode(profile, forKey: .profile)
        try c.encode(ranked, forKey: .ranked)
        guard ranked else { return try c.encode(fits, forKey: .fits) }
        var list = c.nestedUnkeyedContainer(forKey: .fits)
        for fit in fits { try list.encode(FitRecord.InRankedRun(record: fit)) }
    }
}

extension FitRecord {
    /// A record of a ranked run (`FitReport.ranked`): it writes `rank`, `delta_aicc` and
    /// `aicc_weight` even when absent, as null. The records of other runs have no ranks and
    /// leave the keys out.
    struct InRankedRun: Encodable {
        let record: FitRecord
        func encode(to encoder: any Encoder) throws { try record.encode(to: encoder, ranked: true) }
    }

    public func encode(to encoder: any Encoder) throws { try encode(to: encoder, ranked: false) }

    func encode(to encoder: any Encoder, ranked: Bool) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(series, forKey: .series)
        try c.encode(model, forKey: .model)
        try c.encodeIfPresent(formula, forKey: .formula)
        try c.encode(data, forKey: .data)
        try c.encode(converged, forKey: .converged)
        try c.encode(status, forKey: .status)
        try c.encode(message, forKey: .message)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(n, forKey: .n)
        try c.encode(dof, forKey: .dof)
        try c.encode(rss, forKey: .rss)
        try c.encode(sigma, forKey: .sigma)
        try c.encode(rSquared, forKey: .rSquared)
        try c.encode(aic, forKey: .aic)
        try c.encode(aicc, forKey: .aicc)
        try c.encode(bic, forKey: .bic)
        try c.encode(conditionNumber, forKey: .conditionNumber)
        try c.encode(evaluations, forKey: .evaluations)
        try c.encode(startsTried, forKey: .startsTried)
        if ranked {
            try c.encode(rank, forKey: .rank)
            try c.encode(deltaAicc, forKey: .deltaAicc)
            try c.encode(aiccWeight, forKey: .aiccWeight)
        } else {
            try c.encodeIfPresent(rank, forKey: .rank)
            try c.encodeIfPresent(deltaAicc, forKey: .deltaAicc)
            try c.encodeIfPresent(aiccWeight, forKey: .aiccWeight)
        }
        try c.encodeIfPresent(launch, forKey: .launch)
        try c.encodeIfPresent(milestones, forKey: .milestones)
        try c.encode(covariance, forKey: .covariance)
        try c.encode(curve, forKey: .curve)
        try c.encodeIfPresent(holdout, forKey: .holdout)
    }
}

extension HoldoutRecord {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(n, forKey: .n)
        try c.encode(meanError, forKey: .meanError)
        try c.encode(meanAbsoluteError, forKey: .meanAbsoluteError)
        try c.encode(rootMeanSquaredError, forKey: .rootMeanSquaredError)
        try c.encode(meanAbsolutePercentageError, forKey: .meanAbsolutePercentageError)
        try c.encode(predictionIntervalCoverage, forKey: .predictionIntervalCoverage)
    }
}
