import Foundation

/// A CPO study scenario: everything `adopt forecast` needs, loaded from a TOML file
/// and validated. Units are in each field's doc comment; `Data/README.md` documents
/// every key with its source.
public struct Scenario: Sendable, Equatable {
    public var study: Study
    /// Exactly two, keyed `hyperscale` and `enterprise`.
    public var segments: [SegmentID: Segment]
    /// Keyed `pluggable` (the incumbent: price and power only), `lpo`, `npo`, `cpo`.
    public var technologies: [TechnologyID: Technology]
    public var demand: Demand
    public var power: Power
    public var stages: Stages
    public var calibration: Calibration
    /// Keyed by wildcard id (e.g. `small_models`), in file order.
    public var wildcards: [Wildcard]
    /// The scenario file's path as given, for error messages and provenance.
    public var source: String
    /// Every file read (the scenario first, then the data files it names), for the report's hashes.
    public var inputFiles: [String] = []

    public init(study: Study, segments: [SegmentID: Segment], technologies: [TechnologyID: Technology],
                demand: Demand, power: Power, stages: Stages, calibration: Calibration,
                wildcards: [Wildcard], source: String) {
        self.study = study
        self.segments = segments
        self.technologies = technologies
        self.demand = demand
        self.power = power
        self.stages = stages
        self.calibration = calibration
        self.wildcards = wildcards
        self.source = source
    }
}

public enum SegmentID: String, Sendable, CaseIterable, Codable, Comparable {
    case hyperscale, enterprise
    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
    var order: Int { self == .hyperscale ? 0 : 1 }
}

public enum TechnologyID: String, Sendable, CaseIterable, Codable, Comparable {
    case pluggable, lpo, npo, cpo
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// `[study]`
public struct Study: Sendable, Equatable {
    /// Short id used in report file names, e.g. `cpo-baseline`.
    public var name: String
    public var title: String
    /// First and last forecast years (inclusive), e.g. 2026 and 2035.
    public var firstYear: Int
    public var lastYear: Int
    /// Seed of the Monte Carlo draws for the bands; written into every report.
    public var seed: UInt64
    /// Parameter draws from the calibrated covariance for 5–95 % bands (0 = no bands).
    public var draws: Int
    public init(name: String, title: String, firstYear: Int, lastYear: Int, seed: UInt64, draws: Int) {
        self.name = name; self.title = title; self.firstYear = firstYear; self.lastYear = lastYear
        self.seed = seed; self.draws = draws
    }
}

/// `[segments.hyperscale]`, `[segments.enterprise]`: the operators' adoption of CPO
/// (Van den Bulte & Joshi 2007 two-segment model; hyperscale = influentials).
public struct Segment: Sendable, Equatable {
    /// The largest innovation and imitation coefficients a scenario may give (per year); a calibration
    /// whose mode lies beyond them is outside the scenario's domain.
    public static let maximumP = 1.0
    public static let maximumQ = 5.0

    /// Innovation coefficient p (per year), the starting value (and prior centre if `prior = "scenario"`).
    public var p: Double
    /// Imitation coefficient q (per year).
    public var q: Double
    /// Enterprise only: weight w of hyperscale adoption in the imitators' social contagion, in [0, 1].
    public var influenceWeight: Double?
    /// Ceiling: the largest fraction of the segment's optical ports CPO can take (copper and
    /// pluggables keep the rest), in (0, 1].
    public var ceiling: Double
    /// Fraction of CPO ports that use external laser sources (ELSFP), in [0, 1].
    public var elsfpShare: Double
    public init(p: Double, q: Double, influenceWeight: Double?, ceiling: Double, elsfpShare: Double) {
        self.p = p; self.q = q; self.influenceWeight = influenceWeight; self.ceiling = ceiling
        self.elsfpShare = elsfpShare
    }
}

/// `[technologies.lpo]`, `[technologies.npo]`, `[technologies.cpo]`: successive generations
/// replacing pluggable DSP optics (Norton & Bass 1987).
public struct Technology: Sendable, Equatable {
    /// Year of introduction (adoption starts at the beginning of this year); −∞ for pluggable.
    public var introductionYear: Double
    /// Bridge technologies: Bass p and q (per year) and ceiling share, per segment.
    /// CPO's own diffusion comes from the segments; its entries here are unused (nil).
    public var p: [SegmentID: Double]
    public var q: [SegmentID: Double]
    public var ceiling: [SegmentID: Double]
    /// Average selling price per port (USD) in `aspYear`, and its yearly decline (fraction).
    public var aspUSD: Double
    public var aspDecline: Double
    /// The year `aspUSD` is quoted for (`asp_year`; the study's first year when the file leaves it out).
    public var aspYear: Int
    /// Power per 800G-equivalent port (W): low, central, high.
    public var wattsPerPort: ClosedRangeWithCentre
    public init(introductionYear: Double, p: [SegmentID: Double], q: [SegmentID: Double],
                ceiling: [SegmentID: Double], aspUSD: Double, aspDecline: Double, aspYear: Int,
                wattsPerPort: ClosedRangeWithCentre) {
        self.introductionYear = introductionYear; self.p = p; self.q = q; self.ceiling = ceiling
        self.aspUSD = aspUSD; self.aspDecline = aspDecline; self.aspYear = aspYear
        self.wattsPerPort = wattsPerPort
    }

    /// Average selling price per port (USD) at time `year` (calendar years; a whole year for a
    /// year's figure), declining by `aspDecline` a year from `aspUSD` in `aspYear`.
    public func asp(at year: Double) -> Double {
        aspUSD * pow(1 - aspDecline, year - Double(aspYear))
    }
}

/// A figure with a range: `[low, central, high]` in the file.
public struct ClosedRangeWithCentre: Sendable, Equatable {
    public var low: Double
    public var central: Double
    public var high: Double
    public init(low: Double, central: Double, high: Double) {
        self.low = low; self.central = central; self.high = high
    }
}

/// A value by year, linearly interpolated between points and held flat outside them.
public struct YearSeries: Sendable, Equatable {
    public var years: [Double]
    public var values: [Double]
    public init(years: [Double], values: [Double]) { self.years = years; self.values = values }

    public func value(at year: Double) -> Double {
        guard let first = years.first, let last = years.last else { return .nan }
        if year <= first { return values[0] }
        if year >= last { return values[values.count - 1] }
        var k = 1
        while years[k] < year { k += 1 }
        let w = (year - years[k - 1]) / (years[k] - years[k - 1])
        return values[k - 1] + w * (values[k] - values[k - 1])
    }
}

/// `[demand]`: high-speed optical ports shipped into AI data centers.
public struct Demand: Sendable, Equatable {
    /// Ports shipped per year (millions of 800G-equivalent ports), data points by year
    /// (from `ports_file`, a CSV relative to the scenario file, columns `year,value`).
    public var ports: YearSeries
    /// The file the ports came from, and its SHA-256 is reported.
    public var portsFile: String
    /// Yearly growth applied after the last data year, falling linearly to `longRunGrowth` by
    /// `longRunYear` (`long_run_year`; the study's last year when the file leaves it out).
    public var growthAfterData: Double
    public var longRunGrowth: Double
    public var longRunYear: Int
    /// Hyperscale share of the ports by year (enterprise and colocation take the rest).
    public var hyperscaleShare: YearSeries
    /// Service life of an installed port (years): the installed base is the sum of the last N years' shipments.
    public var portLifetimeYears: Int
    /// Switch ASIC generations: year of volume shipment and capacity (Tb/s), e.g. 51.2 → 102.4 → 204.8.
    public var switchGenerations: [SwitchGeneration]
    public init(ports: YearSeries, portsFile: String, growthAfterData: Double, longRunGrowth: Double,
                longRunYear: Int, hyperscaleShare: YearSeries, portLifetimeYears: Int,
                switchGenerations: [SwitchGeneration]) {
        self.ports = ports; self.portsFile = portsFile; self.growthAfterData = growthAfterData
        self.longRunGrowth = longRunGrowth; self.longRunYear = longRunYear; self.hyperscaleShare = hyperscaleShare
        self.portLifetimeYears = portLifetimeYears; self.switchGenerations = switchGenerations
    }
}

public struct SwitchGeneration: Sendable, Equatable {
    public var year: Double
    public var capacityTbps: Double
    public init(year: Double, capacityTbps: Double) { self.year = year; self.capacityTbps = capacityTbps }
}

/// `[power]`: turning ports into energy and money, and the brief's claims to check.
public struct Power: Sendable, Equatable {
    /// Power usage effectiveness (facility energy / IT energy), e.g. 1.3.
    public var pue: Double
    /// Electricity price (USD per MWh).
    public var priceUSDPerMWh: Double
    /// The brief's claims, reported beside the model's figures:
    /// watts saved per 800G port, watts saved per switch, and the fraction of interconnect power saved.
    public var claimedWattsPerPort: ClosedRangeWithCentre
    public var claimedWattsPerSwitch: ClosedRangeWithCentre
    public var claimedFractionSaved: ClosedRangeWithCentre
    /// Field measurement: watts saved per 800G port, for comparison, and where it comes from.
    public var fieldWattsPerPort: Double
    public var fieldSource: String?
    /// Field measurements of the fraction of power saved (low, high), and where they come from.
    public var fieldFractionSaved: ClosedRange<Double>?
    public var fieldFractionSource: String?
    public init(pue: Double, priceUSDPerMWh: Double, claimedWattsPerPort: ClosedRangeWithCentre,
                claimedWattsPerSwitch: ClosedRangeWithCentre, claimedFractionSaved: ClosedRangeWithCentre,
                fieldWattsPerPort: Double, fieldSource: String? = nil, fieldFractionSaved: ClosedRange<Double>? = nil,
                fieldFractionSource: String? = nil) {
        self.fieldSource = fieldSource; self.fieldFractionSaved = fieldFractionSaved
        self.fieldFractionSource = fieldFractionSource
        self.pue = pue; self.priceUSDPerMWh = priceUSDPerMWh; self.claimedWattsPerPort = claimedWattsPerPort
        self.claimedWattsPerSwitch = claimedWattsPerSwitch; self.claimedFractionSaved = claimedFractionSaved
        self.fieldWattsPerPort = fieldWattsPerPort
    }
}

/// `[stages]`: the brief's narrative years and the share thresholds of the first rule.
public struct Stages: Sendable, Equatable {
    /// Narrative entry years into acceptance, dependency and optimization (2026, 2029, 2032).
    public var narrativeAcceptance: Int
    public var narrativeDependency: Int
    public var narrativeOptimization: Int
    /// CPO share of a segment's ports at which each stage begins (defaults 0.025, 0.16, 0.50:
    /// Rogers' innovators, + early adopters, + early majority).
    public var acceptanceShare: Double
    public var dependencyShare: Double
    public var optimizationShare: Double
    /// Model and narrative disagree when their years differ by more than this many years.
    public var toleranceYears: Double
    public init(narrativeAcceptance: Int, narrativeDependency: Int, narrativeOptimization: Int,
                acceptanceShare: Double, dependencyShare: Double, optimizationShare: Double, toleranceYears: Double) {
        self.narrativeAcceptance = narrativeAcceptance; self.narrativeDependency = narrativeDependency
        self.narrativeOptimization = narrativeOptimization; self.acceptanceShare = acceptanceShare
        self.dependencyShare = dependencyShare; self.optimizationShare = optimizationShare
        self.toleranceYears = toleranceYears
    }
}

/// `[calibration]`: anchors, analog priors and the forecast-vintage correction.
public struct Calibration: Sendable, Equatable {
    /// Fit the segment parameters to the anchors (false: use the scenario's p, q, w as given).
    public var enabled: Bool
    /// Milestone anchors (from `anchors_file`).
    public var anchors: [Anchor]
    /// Forecast vintages (from `vintages_file`).
    public var vintages: [ForecastVintage]
    /// Analog adoption ramps (from `analog_files`), fitted for the priors.
    public var analogs: [AnalogSeries]
    /// Published p, q tables (from `published_pq_file`).
    public var publishedPQ: [PublishedPQ]
    /// The segments whose priors the published tables inform (default both).
    public var publishedPQSegments: [SegmentID] = SegmentID.allCases
    /// Apply the measured forecast slip to anchors of older vintages.
    public var optimismCorrection: Bool
    /// The year the study is made (vintages are corrected to it).
    public var currentYear: Double
    /// Log-scale standard deviation of an anchor by quality label `P`, `S`, `D`, `Q`.
    public var anchorSigma: [String: Double]
    /// Extra log-scale standard deviation by metric, added in quadrature: revenue anchors
    /// carry the price assumption and differing scopes (switch only, CPO with NPO) that
    /// share anchors do not.
    public var metricSigma: [AnchorMetric: Double]
    public init(enabled: Bool, anchors: [Anchor], vintages: [ForecastVintage], analogs: [AnalogSeries],
                publishedPQ: [PublishedPQ], optimismCorrection: Bool, currentYear: Double,
                anchorSigma: [String: Double], metricSigma: [AnchorMetric: Double] = [:]) {
        self.enabled = enabled; self.anchors = anchors; self.vintages = vintages; self.analogs = analogs
        self.publishedPQ = publishedPQ; self.optimismCorrection = optimismCorrection
        self.currentYear = currentYear; self.anchorSigma = anchorSigma; self.metricSigma = metricSigma
    }

    /// An anchor's log-scale standard deviation: its quality's and its metric's, in quadrature.
    public func sigma(for anchor: Anchor) -> Double {
        let q = anchorSigma[anchor.quality] ?? 1
        let m = metricSigma[anchor.metric] ?? 0
        return (q * q + m * m).squareRoot()
    }
}

/// What an anchor measures.
public enum AnchorMetric: String, Sendable, CaseIterable, Codable {
    /// CPO share of AI data-center optical ports (a fraction; the file holds %).
    case cpoShare = "cpo_share"
    /// CPO ports shipped in the year (millions).
    case cpoPorts = "cpo_ports"
    /// CPO revenue in the year (USD bn).
    case cpoRevenue = "cpo_revenue"
    /// CPO and NPO revenue together in the year (USD bn): a figure whose scope takes in near-packaged
    /// optics, met by the model's CPO and NPO revenue, not by CPO's alone.
    case cpoNpoRevenue = "cpo_npo_revenue"
    /// Hyperscalers' fraction of the CPO ports (or revenue) in the year (a fraction; the file holds %):
    /// the one kind of anchor that tells the segments apart.
    case hyperscaleFraction = "hyperscale_fraction"

    /// A revenue figure, met through the technologies' prices: CPO's alone, or CPO's and NPO's.
    public var isRevenue: Bool { self == .cpoRevenue || self == .cpoNpoRevenue }
}

/// One cited milestone: an analyst's figure for a year, made in a given year (its vintage).
public struct Anchor: Sendable, Equatable {
    public var year: Double
    public var metric: AnchorMetric
    /// nil for the whole market.
    public var segment: SegmentID?
    /// In the metric's unit: share as a fraction, ports in millions, revenue in USD bn.
    public var value: Double
    /// The year the forecast was made.
    public var vintage: Double
    /// Whether the figure was a forecast when it was made: published before its year ended (an
    /// estimate of a year already over was not).
    public var wasForecast: Bool { vintage < year + 1 }
    /// `P` primary, `S` secondary, `D` derived, `Q` low quality.
    public var quality: String
    public var source: String
    /// Line in the anchors file.
    public var line: Int
    public init(year: Double, metric: AnchorMetric, segment: SegmentID?, value: Double, vintage: Double,
                quality: String, source: String, line: Int) {
        self.year = year; self.metric = metric; self.segment = segment; self.value = value
        self.vintage = vintage; self.quality = quality; self.source = source; self.line = line
    }
}

/// When a forecast of a given vintage expected CPO's volume start.
public struct ForecastVintage: Sendable, Equatable {
    public var vintage: Double
    public var predictedVolumeYear: Double
    public var quality: String
    public var source: String
    public init(vintage: Double, predictedVolumeYear: Double, quality: String, source: String) {
        self.vintage = vintage; self.predictedVolumeYear = predictedVolumeYear; self.quality = quality
        self.source = source
    }
}

/// An analog technology's adoption share by year (fractions), starting at its introduction (share 0).
public struct AnalogSeries: Sendable, Equatable {
    public var name: String
    public var file: String
    public var years: [Double]
    public var shares: [Double]
    /// The segment whose prior it informs; nil when it informs both.
    public var segment: SegmentID?
    public init(name: String, file: String, years: [Double], shares: [Double], segment: SegmentID? = nil) {
        self.name = name; self.file = file; self.years = years; self.shares = shares; self.segment = segment
    }
}

/// A row of a published Bass p, q table.
public struct PublishedPQ: Sendable, Equatable {
    public var source: String
    public var category: String
    public var product: String
    public var p: Double
    public var q: Double
    public var confidence: String
    public init(source: String, category: String, product: String, p: Double, q: Double, confidence: String) {
        self.source = source; self.category = category; self.product = product; self.p = p; self.q = q
        self.confidence = confidence
    }
}

/// What a wildcard changes when it strikes.
public enum WildcardTarget: String, Sendable, CaseIterable, Codable {
    /// Multiplies the segments' innovation p.
    case p
    /// Multiplies the segments' imitation q.
    case q
    /// Multiplies the segments' CPO ceiling (the market potential m).
    case m
    /// Shifts CPO's introduction year by `shift_years`.
    case introductionYear = "introduction_year"
    /// Multiplies port demand.
    case demand
}

/// `[[wildcards]]`
public struct Wildcard: Sendable, Equatable {
    /// Id, e.g. `small_models`, `copper_in_rack`, `laser_reliability`, `elsfp_serviceability`,
    /// `standards`, `vendor_lock_in`.
    public var id: String
    public var description: String
    /// Probability that it happens within the window, in [0, 1].
    public var probability: Double
    /// Years over which the effect ramps in linearly (full from the window's end).
    public var windowStart: Double
    public var windowEnd: Double
    /// Switched on in this scenario's central forecast.
    public var enabled: Bool
    public var target: WildcardTarget
    /// Segments affected.
    public var segments: [SegmentID]
    /// Multiplier for p, q, m or demand (1 = no effect); ignored for introduction_year.
    public var multiplier: Double
    /// Years added to the introduction year (introduction_year only).
    public var shiftYears: Double
    /// The direction the documented effect moves the CPO share: +1 raises it, −1 lowers it.
    public var expectedDirection: Int
    /// The scenario line of its `multiplier` (or `shift_years`), for messages about its effect.
    public var effectLine: Int? = nil
    public init(id: String, description: String, probability: Double, windowStart: Double, windowEnd: Double,
                enabled: Bool, target: WildcardTarget, segments: [SegmentID], multiplier: Double,
                shiftYears: Double, expectedDirection: Int) {
        self.id = id; self.description = description; self.probability = probability
        self.windowStart = windowStart; self.windowEnd = windowEnd; self.enabled = enabled
        self.target = target; self.segments = segments; self.multiplier = multiplier
        self.shiftYears = shiftYears; self.expectedDirection = expectedDirection
    }
}
