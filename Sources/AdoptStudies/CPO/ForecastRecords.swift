import AdoptScenario

/// One segment × technology × year of the forecast, the tidy table the writers read.
public struct ForecastRow: Sendable, Codable, Equatable {
    public var segment: String
    public var technology: String
    public var year: Int
    /// Share of the segment's ports shipped that year (0–1).
    public var share: Double
    /// 5 % and 95 % of the share over the parameter draws (nil without draws).
    @Nullable public var shareLow: Double?
    @Nullable public var shareHigh: Double?
    /// Ports shipped that year (millions of 800G-equivalent ports).
    public var ports: Double
    /// Revenue that year (USD bn).
    public var revenue: Double
    /// Power saved against pluggable DSP optics by the installed base at the year's end (MW): low,
    /// central, high.
    public var powerSavedMW: Double
    public var powerSavedLowMW: Double
    public var powerSavedHighMW: Double
    /// Facility energy saved over the year (GWh, with PUE; the installed base averaged between the
    /// year's start and end) and its cost (USD m), central.
    public var energySavedGWh: Double
    public var costSavedUSDm: Double
    /// CPO only: share of the CPO ports using external lasers (ELSFP).
    @Nullable public var elsfpShare: Double?
}

/// A stage's entry year for one segment by one rule.
public struct StageRow: Sendable, Codable, Equatable {
    public var segment: String
    /// `acceptance`, `dependency` or `optimization`.
    public var stage: String
    /// `share_threshold` or `bass_characteristic_point`.
    public var rule: String
    /// What the rule measured, e.g. "CPO share ≥ 2.5 %" or "takeoff".
    public var criterion: String
    /// The entry year (nil when not reached by `horizonYear`).
    @Nullable public var year: Int?
    /// The last year the rule searched in full: the report's last year for a share threshold, 20
    /// years past it (at least 19 after CPO's introduction) for a characteristic point.
    public var horizonYear: Int
    /// The exact time (calendar years) where the rule has one.
    @Nullable public var time: Double?
    public var narrativeYear: Int
    /// True when model and narrative differ by more than the scenario's tolerance; nil (not
    /// compared) for a characteristic point that a wildcard's window, not the curve, puts where it is.
    @Nullable public var disagrees: Bool?
    /// Why a characteristic point is where it is, when that needs saying (at the introduction).
    @Nullable public var note: String? = nil
}

/// A calibrated (or given) parameter.
public struct ParameterRow: Sendable, Codable, Equatable {
    public var name: String
    @Nullable public var segment: String?
    public var estimate: Double
    @Nullable public var stdError: Double?
    @Nullable public var ciLow: Double?
    @Nullable public var ciHigh: Double?
    @Nullable public var priorMean: Double?
    @Nullable public var priorSD: Double?
}

/// How much one anchor or prior pulls on the calibration.
public struct PullRow: Sendable, Codable, Equatable {
    /// `anchor` or `prior`.
    public var kind: String
    public var name: String
    @Nullable public var year: Double?
    @Nullable public var vintage: Double?
    /// Year after the optimism correction.
    @Nullable public var correctedYear: Double?
    @Nullable public var quality: String?
    @Nullable public var observed: Double?
    @Nullable public var fitted: Double?
    /// (log fitted − log observed)/σ for anchors, (θ − μ)/σ for priors.
    public var standardizedResidual: Double
    /// Its share of the penalized objective (the pull), 0–1.
    public var objectiveShare: Double
    /// Leverage: the diagonal of the hat matrix (the rows' leverages add up to the parameter count);
    /// null when the calibration has no covariance (not identified).
    @Nullable public var leverage: Double?
    @Nullable public var source: String?
}

/// A wildcard as the scenario defines it, and whether this run switched it on: what a what-if report
/// changed, written into the report itself.
public struct WildcardDefinition: Sendable, Codable, Equatable {
    public var id: String
    public var description: String
    /// On in this run's forecast (the scenario's `enabled`, or `--wildcard`).
    public var enabled: Bool
    /// What it moves: p, q, m (the CPO ceiling), demand or introduction_year.
    public var target: String
    public var segments: [String]
    /// The factor on the target, full from the window's end (nil for introduction_year).
    @Nullable public var multiplier: Double?
    /// Years added to CPO's introduction year (introduction_year only).
    @Nullable public var shiftYears: Double?
    /// The years over which the effect ramps in.
    public var windowStart: Double
    public var windowEnd: Double
    public var probability: Double

    public init(_ w: Wildcard) {
        id = w.id
        description = w.description
        enabled = w.enabled
        target = w.target.rawValue
        segments = w.segments.map(\.rawValue)
        multiplier = w.target == .introductionYear ? nil : w.multiplier
        shiftYears = w.target == .introductionYear ? w.shiftYears : nil
        windowStart = w.windowStart
        windowEnd = w.windowEnd
        probability = w.probability
    }
}

/// One year's difference made by switching a wildcard.
public struct WildcardRow: Sendable, Codable, Equatable {
    public var wildcard: String
    public var year: Int
    public var probability: Double
    /// `on` when the difference is (with − without).
    public var switched: String
    public var cpoShareDifference: Double
    public var cpoPortsDifference: Double
    public var powerSavedDifferenceMW: Double
    /// Probability-weighted contribution to the expected CPO share.
    public var expectedShareContribution: Double
    /// Probability-weighted contribution to the expected CPO ports shipped (millions): a demand
    /// wildcard's, which leaves the shares as they are, shows here.
    public var expectedPortsContribution: Double
    public var expectedDirection: Int
    /// False when the last year's difference is rounding only (the wildcard changes nothing).
    public var hasEffect: Bool
    /// A share difference below this (1e-9 percentage points) is rounding in the two runs compared.
    public static let roundingShare = 1e-11
    /// True when the difference at the last year moves the way the scenario documents.
    public var directionHolds: Bool
}

/// A claim of the brief against the model's inputs and field data.
public struct ClaimRow: Sendable, Codable, Equatable {
    public var claim: String
    public var brief: String
    public var model: String
    @Nullable public var field: String?
    public var verdict: String
}

/// Measured slip of CPO forecasts between vintages.
public struct VintageSlip: Sendable, Codable, Equatable {
    /// Years the predicted volume year moves later per year of forecast vintage.
    public var slipPerYear: Double
    @Nullable public var stdError: Double?
    public var forecasts: Int
    public var applied: Bool

    /// Whether the slip is positive and at least two standard errors from none (it has one only
    /// from three forecasts on): the condition for applying it.
    public var standsOut: Bool { stdError.map { slipPerYear > 0 && slipPerYear >= 2 * $0 } ?? false }
}

/// The χ² of a calibration's standardized residuals (anchors and priors) at its mode, against its
/// degrees of freedom (rows less the parameters estimated). Around the degrees of freedom, the
/// anchors scatter as their σ allow; far above, they disagree by more, and the bands, which take the
/// σ as given, are too narrow.
public struct GoodnessOfFit: Sendable, Codable, Equatable {
    public var chiSquare: Double
    public var degreesOfFreedom: Int
    /// √(χ²/dof) (Birge 1932): the factor by which the σ would have to grow for χ² to equal its
    /// degrees of freedom.
    public var birgeRatio: Double

    /// χ² more than two of its standard deviations (√(2·dof)) above its mean (dof): the model misses the
    /// anchors and priors by more than their σ allow.
    public var beyondSigma: Bool { chiSquare > Double(degreesOfFreedom) + 2 * (2 * Double(degreesOfFreedom)).squareRoot() }

    public init(chiSquare: Double, degreesOfFreedom: Int) {
        self.chiSquare = chiSquare
        self.degreesOfFreedom = degreesOfFreedom
        birgeRatio = (chiSquare / Double(degreesOfFreedom)).squareRoot()
    }
}

/// One year of CPO across both segments: the forecast rows summed, for the report's headline tables.
public struct YearTotal: Sendable, Codable, Equatable {
    public var year: Int
    /// CPO's share of all ports shipped that year, and of each segment's (nil where there are none).
    @Nullable public var cpoShare: Double?
    @Nullable public var cpoShareHyperscale: Double?
    @Nullable public var cpoShareEnterprise: Double?
    /// CPO ports shipped (millions), all and the hyperscalers'.
    public var cpoPorts: Double
    public var cpoPortsHyperscale: Double
    /// CPO revenue (USD bn).
    public var cpoRevenue: Double
    /// Power saved by the CPO ports in service at the year's end (IT power, MW): central, low, high.
    public var powerSavedMW: Double
    public var powerSavedLowMW: Double
    public var powerSavedHighMW: Double
    public var energySavedGWh: Double
    public var costSavedUSDm: Double
    /// The wildcards' expected changes of CPO's share of all ports that year, summed (a first-order sum).
    public var wildcardsExpectedChange: Double
    /// 5 % and 95 % of CPO's share of all ports and of its ports shipped over the parameter draws (nil
    /// without draws), as the forecast rows' bands are of each segment's share.
    @Nullable public var cpoShareLow: Double? = nil
    @Nullable public var cpoShareHigh: Double? = nil
    @Nullable public var cpoPortsLow: Double? = nil
    @Nullable public var cpoPortsHigh: Double? = nil
}

/// The 5–95 % bands of a year's CPO totals over the parameter draws.
public struct TotalBand: Sendable, Equatable {
    public var shareLow: Double, shareHigh: Double, portsLow: Double, portsHigh: Double
}

/// A value the forecast takes from the scenario as given (not calibrated), with the key it comes from.
public struct AssumptionRow: Sendable, Codable, Equatable {
    /// The scenario key, e.g. `power.pue` or `technologies.cpo.watts_per_port`.
    public var key: String
    public var value: Double
    /// The low and high of a value given as a range (nil otherwise).
    @Nullable public var low: Double?
    @Nullable public var high: Double?
    public var unit: String
    /// What it does in the forecast.
    public var role: String

    /// The keys of the values the report's text quotes besides the table.
    public static let portLifetimeKey = "demand.port_lifetime_years"
    public static let pueKey = "power.pue"
    public static let electricityPriceKey = "power.price_usd_per_mwh"

    public init(key: String, value: Double, low: Double? = nil, high: Double? = nil, unit: String, role: String) {
        (self.key, self.value, self.low, self.high, self.unit, self.role) = (key, value, low, high, unit, role)
    }
}

/// Everything `adopt forecast` reports.
public struct ForecastReport: Sendable, Codable, Equatable {
    /// The tool and its version, as the fit JSON's `tool`.
    public var tool = "adopt \(Provenance.version)"
    public var scenario: String
    public var title: String
    public var command: String
    public var seed: UInt64
    public var draws: Int
    public var inputs: [InputRecord]
    public var calibrated: Bool
    public var calibrationStatus: String
    public var forecast: [ForecastRow]
    /// CPO across both segments, year by year (the forecast rows summed).
    public var totals: [YearTotal] = []
    public var stages: [StageRow]
    public var parameters: [ParameterRow]
    public var pulls: [PullRow]
    public var wildcards: [WildcardRow]
    public var enabledWildcards: [String]
    /// Every wildcard of the scenario, as defined, and whether this run switched it on.
    public var wildcardDefinitions: [WildcardDefinition] = []
    public var claims: [ClaimRow]
    /// The scenario's values that turn shares into ports, revenue, power, energy and cost, and cap them.
    public var assumptions: [AssumptionRow] = []
    @Nullable public var vintageSlip: VintageSlip?
    /// How well the calibration's mode fits its anchors and priors (nil without a calibration).
    @Nullable public var calibrationFit: GoodnessOfFit? = nil
    public var notes: [String]

    /// How the note that explains missing bands begins.
    public static let noBandsNote = "no 5–95 % bands"

    /// The assumption of that scenario key (the first, where a key has a row per year).
    public func assumption(_ key: String) -> AssumptionRow? { assumptions.first { $0.key == key } }

    /// Draws were asked for but dropped (no covariance to draw from); a note says why.
    public var bandsDropped: Bool { notes.contains { $0.hasPrefix(Self.noBandsNote) } }
}

// The totals' keys carry their units as the forecast rows' do.
extension YearTotal {
    enum CodingKeys: String, CodingKey {
        case year
        case cpoShare = "cpo_share", cpoShareHyperscale = "cpo_share_hyperscale", cpoShareEnterprise = "cpo_share_enterprise"
        case cpoPorts = "cpo_ports_m", cpoPortsHyperscale = "cpo_ports_hyperscale_m", cpoRevenue = "cpo_revenue_usd_bn"
        case powerSavedMW = "power_saved_mw", powerSavedLowMW = "power_saved_low_mw"
        case powerSavedHighMW = "power_saved_high_mw"
        case energySavedGWh = "energy_saved_gwh", costSavedUSDm = "cost_saved_usd_m"
        case wildcardsExpectedChange = "wildcards_expected_change"
        case cpoShareLow = "cpo_share_p05", cpoShareHigh = "cpo_share_p95"
        case cpoPortsLow = "cpo_ports_p05_m", cpoPortsHigh = "cpo_ports_p95_m"
    }
}

// JSON keys match the CSV columns; the optional ones are `@Nullable`, so every row carries every key.
extension ForecastRow {
    enum CodingKeys: String, CodingKey {
        case segment, technology, year, share
        case shareLow = "share_p05", shareHigh = "share_p95"
        case ports = "ports_m", revenue = "revenue_usd_bn"
        case powerSavedMW = "power_saved_mw", powerSavedLowMW = "power_saved_low_mw"
        case powerSavedHighMW = "power_saved_high_mw"
        case energySavedGWh = "energy_saved_gwh", costSavedUSDm = "cost_saved_usd_m"
        case elsfpShare = "elsfp_share"
    }
}

