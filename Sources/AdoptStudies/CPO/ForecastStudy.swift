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
    public var command: String

    public init(wildcardOverrides: [String: Bool] = [:], calibrate: Bool? = nil, draws: Int? = nil, command: String = "") {
        self.wildcardOverrides = wildcardOverrides
        self.calibrate = calibrate
        self.draws = draws
        self.command = command
    }
}

/// Scenario → calibration → forecast tables: the whole CPO study.
public enum ForecastStudy {
    public static func run(_ input: Scenario, settings: ForecastSettings, inputs: [InputRecord]) -> ForecastReport {
        var scenario = input
        if let c = settings.calibrate { scenario.calibration.enabled = c }
        if let d = settings.draws { scenario.study.draws = d }
        for i in scenario.wildcards.indices {
            if let on = settings.wildcardOverrides[scenario.wildcards[i].id] { scenario.wildcards[i].enabled = on }
        }
        let engine = CPOEngine(scenario)
        let enabled = scenario.wildcards.filter(\.enabled)
        let effects = Effects(applying: enabled)
        let calibration = CPOCalibration.calibrate(engine, effects: effects)
        let θ = calibration.θ
        let study = scenario.study
        let lifetime = scenario.demand.portLifetimeYears
        let historyStart = min(study.firstYear - lifetime + 1, study.firstYear)
        let states = engine.run(θ, effects: effects, years: historyStart...study.lastYear)
        var forecast = ForecastTables.rows(engine: engine, states: states)
        if study.draws > 0, let cov = calibration.covariance {
            ForecastTables.addBands(&forecast, engine: engine, effects: effects, u: calibration.u, covariance: cov,
                                    draws: study.draws, seed: study.seed)
        }
        let stages = StageRules.rows(engine: engine, θ: θ, effects: effects, states: states)
        let wildcards = WildcardAnalysis.rows(engine: engine, θ: θ, scenario: scenario, baseline: states)
        var notes = calibration.notes
        if !calibration.status.hasPrefix("converged") && calibration.status != "not calibrated" {
            notes.insert("calibration status: \(calibration.status) — read the parameters with care", at: 0)
        }
        return ForecastReport(
            scenario: study.name, title: study.title, command: settings.command, seed: study.seed, draws: study.draws,
            inputs: inputs, calibrated: scenario.calibration.enabled, calibrationStatus: calibration.status,
            forecast: forecast, stages: stages, parameters: parameterRows(calibration),
            pulls: calibration.pulls, wildcards: wildcards, enabledWildcards: enabled.map(\.id),
            claims: ClaimChecks.rows(engine: engine), vintageSlip: calibration.slip, notes: notes)
    }

    static func parameterRows(_ c: CalibrationOutcome) -> [ParameterRow] {
        let names = ["p", "q", "p", "q", "w"]
        let segments: [SegmentID] = [.hyperscale, .hyperscale, .enterprise, .enterprise, .enterprise]
        let dθ = CPOCalibration.jacobianOfTransform(c.θ)
        return (0..<5).map { j in
            var row = ParameterRow(name: names[j], segment: segments[j].rawValue, estimate: c.θ[j], stdError: nil,
                                   ciLow: nil, ciHigh: nil, priorMean: nil, priorSD: nil)
            if let cov = c.covariance {
                let sdU = max(0, cov[j * 5 + j]).squareRoot()
                row.stdError = dθ[j] * sdU
                let lo = c.u[j] - 1.959963984540054 * sdU, hi = c.u[j] + 1.959963984540054 * sdU
                row.ciLow = CPOCalibration.untransform(replacing(c.u, j, lo))[j]
                row.ciHigh = CPOCalibration.untransform(replacing(c.u, j, hi))[j]
            }
            if j < c.priors.count {
                // Priors are on ln p, ln q, logit w: report their centre on the parameter's own scale.
                let centre = CPOCalibration.untransform(replacing(c.u, j, c.priors[j].mean))[j]
                row.priorMean = centre
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
