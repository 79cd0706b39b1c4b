import Fitting

/// One parameter of one fit, as a tidy row.
public struct ParameterRecord: Sendable, Codable, Equatable {
    public var name: String
    public var estimate: Double?
    public var stdError: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
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
    public var curve: [CurvePointRecord]
}

/// The whole output of `adopt fit`: inputs' provenance and one record per fit.
public struct FitReport: Sendable, Codable, Equatable {
    public var tool: String
    public var command: String
    public var inputs: [InputRecord]
    public var confidenceLevel: Double
    public var fits: [FitRecord]

    public init(tool: String, command: String, inputs: [InputRecord], confidenceLevel: Double, fits: [FitRecord]) {
        self.tool = tool
        self.command = command
        self.inputs = inputs
        self.confidenceLevel = confidenceLevel
        self.fits = fits
    }
}

/// An input file and its SHA-256, so a report names exactly what it was made from.
public struct InputRecord: Sendable, Codable, Equatable {
    public var path: String
    public var sha256: String
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
    }
}

extension FitRecord {
    public func encode(to encoder: any Encoder) throws {
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
        try c.encodeIfPresent(rank, forKey: .rank)
        try c.encodeIfPresent(deltaAicc, forKey: .deltaAicc)
        try c.encodeIfPresent(aiccWeight, forKey: .aiccWeight)
        try c.encodeIfPresent(launch, forKey: .launch)
        try c.encodeIfPresent(milestones, forKey: .milestones)
        try c.encode(curve, forKey: .curve)
    }
}
