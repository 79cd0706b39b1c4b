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
            forecast: forecast, stages: stages, parameters: parameterRows(calibration),
            pulls: calibration.pulls, wildcards: wildcards, enabledWildcards: enabled.map(\.id),
            claims: ClaimChecks.rows(engine: engine), vintageSlip: calibration.slip, notes: notes)
    }

    /// Estimates with delta-method standard errors and 95 % intervals formed on the log
    /// scale (logit for w), so they stay positive (inside (0, 1) for w).
    static func parameterRows(_ c: CalibrationOutcome) -> [ParameterRow] {
        let dθ = CPOCalibration.jacobianOfTransform(c.u)
        let z = 1.959963984540054
        let centres = c.priors.count == 5 ? c.priors.map(\.mean) : nil
        return (0..<5).map { j in
            let θ = c.θ[j]
            var row = ParameterRow(name: CPOCalibration.names[j], segment: CPOCalibration.segments[j].rawValue,
                                   estimate: θ, stdError: nil,
                                   ciLow: nil, ciHigh: nil, priorMean: nil, priorSD: nil)
            if let cov = c.covariance {
                var variance = 0.0
                for a in 0..<5 { for b in 0..<5 { variance += dθ[j * 5 + a] * cov[a * 5 + b] * dθ[j * 5 + b] } }
                let se = max(0, variance).squareRoot()
                row.stdError = se
                if j == 4 {
                    let seLogit = se / (θ * (1 - θ))
                    row.ciLow = CPOCalibration.logistic(CPOCalibration.logit(θ) - z * seLogit)
                    row.ciHigh = CPOCalibration.logistic(CPOCalibration.logit(θ) + z * seLogit)
                } else {
                    row.ciLow = θ * Double.exp(-z * se / θ)
                    row.ciHigh = θ * Double.exp(z * se / θ)
                }
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
