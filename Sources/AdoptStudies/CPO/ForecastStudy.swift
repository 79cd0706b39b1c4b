import AdoptScenario
import Dispatch
import LinearAlgebra
import RealModule

/// Switches for one run of `adopt forecast`.
public struct ForecastSettings: Sendable {
    /// Wildcards forced on or off, overriding the scenario's `enabled`.
    public var wildcardOverrides: [String: Bool]
    /// Calibrate to the anchors (nil: as the scenario says).
    public var calibrate: Bool?
    /// Parameter draws for the bands (nil: as the scenario says).
    public var draws: Int?
    /// Move older anchors by the measured forecast slip (nil: as the scenario says).
    public var optimismCorrection: Bool?
    public var command: String

    public init(wildcardOverrides: [String: Bool] = [:], calibrate: Bool? = nil, draws: Int? = nil,
                optimismCorrection: Bool? = nil, command: String = "") {
        self.wildcardOverrides = wildcardOverrides
        self.calibrate = calibrate
        self.draws = draws
        self.optimismCorrection = optimismCorrection
        self.command = command
    }
}

/// Scenario → calibration → forecast tables: the whole CPO study.
public enum ForecastStudy {
    public static func run(_ input: Scenario, settings: ForecastSettings, inputs: [InputRecord]) -> ForecastReport {
        var scenario = input
        if let c = settings.calibrate { scenario.calibration.enabled = c }
        if let d = settings.draws { scenario.study.draws = d }
        if let o = settings.optimismCorrection { scenario.calibration.optimismCorrection = o }
        for i in scenario.wildcards.indices {
            if let on = settings.wildcardOverrides[scenario.wildcards[i].id] { scenario.wildcards[i].enabled = on }
        }
        let engine = CPOEngine(scenario)
        let enabled = scenario.wildcards.filter(\.enabled)
        let effects = Effects(applying: enabled)
        // The anchors describe the analysts' expected world, in which no wildcard has struck:
        // calibrate without wildcards, then let the switched-on ones move the forecast.
        let calibration = CPOCalibration.calibrate(engine, effects: .none)
        let θ = calibration.θ
        let study = scenario.study
        let lifetime = scenario.demand.portLifetimeYears
        // From CPO's introduction at the latest: the stage rules look for the first year a share
        // threshold is crossed, which may be before the report's window and its installed base.
        let introduced = Int((engine.cpoIntroduction + effects.introductionShift).rounded(.down))
        let historyStart = min(study.firstYear - lifetime + 1, study.firstYear, introduced)
        let states = engine.run(θ, effects: effects, years: historyStart...study.lastYear)
        var forecast = ForecastTables.rows(engine: engine, states: states)
        var draws = study.draws
        var bandNote: String? = nil
        if draws > 0 {
            if let cov = calibration.covariance {
                ForecastTables.addBands(&forecast, engine: engine, effects: effects, u: calibration.u, covariance: cov,
                                        draws: draws, seed: study.seed)
            } else {
                bandNote = "no 5–95 % bands: they come from the calibration's covariance, and there is none ("
                    + (!scenario.calibration.enabled ? "calibration is off"
                       : calibration.status == "no usable anchors" ? "no anchor was usable"
                       : "the calibration did not identify every parameter") + ")"
                draws = 0
            }
        }
        let stages = StageRules.rows(engine: engine, θ: θ, effects: effects, states: states)
        let wildcards = WildcardAnalysis.rows(engine: engine, θ: θ, scenario: scenario, baseline: states)
        var notes = calibration.notes
        if let bandNote { notes.insert(bandNote, at: 0) }
        if !calibration.status.hasPrefix("converged") && calibration.status != "not calibrated" {
            notes.insert("calibration status: \(calibration.status) — read the parameters with care", at: 0)
        }
        return ForecastReport(
            scenario: study.name, title: study.title, command: settings.command, seed: study.seed, draws: draws,
            inputs: inputs, calibrated: scenario.calibration.enabled, calibrationStatus: calibration.status,
            forecast: forecast, stages: stages, parameters: parameterRows(calibration, seed: study.seed),
            pulls: calibration.pulls, wildcards: wildcards, enabledWildcards: enabled.map(\.id),
            claims: ClaimChecks.rows(engine: engine), vintageSlip: calibration.slip, notes: notes)
    }

    /// Estimates with delta-method standard errors and 95 % intervals formed on the log
    /// scale (logit for w), so they stay positive (inside (0, 1) for w).
    /// Draws of the calibration's normal approximation behind the parameters' 95 % intervals.
    static let intervalDraws = 100_000

    /// The parameters' 2.5 % and 97.5 % quantiles under the calibration's normal approximation in
    /// its own coordinates u (nil without a positive-definite covariance). Hyperscale p and q and w
    /// are each one coordinate's monotone image (e^{u₀}, e^{u₁}, logistic(u₄)): their quantiles are
    /// that image of the coordinate's, in closed form. Enterprise p and q, p₁·logistic(u₂) and
    /// q₁·logistic(u₃), depend on two coordinates: theirs come from `intervalDraws` seeded draws
    /// of u, every one of which keeps them at most the hyperscalers', so the intervals keep that
    /// order too. Intervals made on each parameter's own log scale from its delta-method standard
    /// error do not (an enterprise q up to 3.2 beside a hyperscale q up to 0.47).
    static func parameterIntervals(u: [Double], covariance: [Double], seed: UInt64) -> [(low: Double, high: Double)]? {
        let n = u.count
        var c = Matrix(rows: n, columns: n)
        for a in 0..<n { for b in 0..<n { c[a, b] = covariance[a * n + b] } }
        guard let r = try? Decompositions.cholesky(c) else { return nil }
        let z = 1.959963984540054
        func closed(_ j: Int, _ image: (Double) -> Double) -> (low: Double, high: Double) {
            let sd = max(0, covariance[j * n + j]).squareRoot()
            return (image(u[j] - z * sd), image(u[j] + z * sd))
        }
        // A stream of its own, apart from the bands' draws (streams 0, 1, …).
        var rng = SplitMix64(seed: seed ^ 0x5041_5241_4D45_5445)
        var samples = [[Double]](repeating: [], count: n)
        for j in 2...3 { samples[j].reserveCapacity(intervalDraws) }
        var normals = [Double](repeating: 0, count: n)
        for _ in 0..<intervalDraws {
            for a in 0..<n { normals[a] = rng.normal() }
            var draw = u
            for a in 0..<n { for b in 0...a { draw[a] += r[b, a] * normals[b] } }
            let θ = CPOCalibration.untransform(draw)
            for j in 2...3 { samples[j].append(θ[j]) }
        }
        func drawn(_ j: Int) -> (low: Double, high: Double) {
            let sorted = samples[j].sorted()
            return (ForecastTables.quantile(sorted, 0.025), ForecastTables.quantile(sorted, 0.975))
        }
        return [closed(0, Double.exp), closed(1, Double.exp), drawn(2), drawn(3), closed(4, CPOCalibration.logistic)]
    }

    static func parameterRows(_ c: CalibrationOutcome, seed: UInt64) -> [ParameterRow] {
        let dθ = CPOCalibration.jacobianOfTransform(c.u)
        let centres = c.priors.count == 5 ? c.priors.map(\.mean) : nil
        let intervals = c.covariance.flatMap { parameterIntervals(u: c.u, covariance: $0, seed: seed) }
        return (0..<5).map { j in
            let θ = c.θ[j]
            var row = ParameterRow(name: CPOCalibration.names[j], segment: CPOCalibration.segments[j].rawValue,
                                   estimate: θ, stdError: nil,
                                   ciLow: nil, ciHigh: nil, priorMean: nil, priorSD: nil)
            if let cov = c.covariance {
                var variance = 0.0
                for a in 0..<5 { for b in 0..<5 { variance += dθ[j * 5 + a] * cov[a * 5 + b] * dθ[j * 5 + b] } }
                row.stdError = max(0, variance).squareRoot()
                row.ciLow = intervals?[j].low
                row.ciHigh = intervals?[j].high
            }
            if let centres {
                // Priors are on ln p, ln q and logit w: their centres on the parameter's own scale.
                row.priorMean = j == 4 ? CPOCalibration.logistic(centres[j]) : Double.exp(centres[j])
                row.priorSD = c.priors[j].sd
            }
            return row
        }
    }

    static func replacing(_ v: [Double], _ j: Int, _ x: Double) -> [Double] {
        var w = v
        w[j] = x
        return w
    }
}
