// Benchmarks of the CPO study (`adopt forecast`'s in-process work) on the baseline scenario.
//
// Scenario: $ADOPT_BENCH_SCENARIO if set, else ../Data/scenarios/cpo-baseline.toml (relative to the
// Benchmarks/ package folder). It is loaded once, in setup; only ForecastStudy.run is measured.

import AdoptScenario
import AdoptStudies
import Benchmark
import Foundation

enum BenchScenario {
    static func path() -> String {
        if let path = ProcessInfo.processInfo.environment["ADOPT_BENCH_SCENARIO"], !path.isEmpty { return path }
        return BenchData.packageDirectory
            .appendingPathComponent("../Data/scenarios/cpo-baseline.toml").standardizedFileURL.path
    }

    static func load() throws -> Scenario {
        try ScenarioLoader.load(contentsOfFile: path())
    }
}

/// Registers the CPO benchmarks; called from `benchmarks` in AdoptBenchmarks.swift.
func cpoBenchmarks() {
    // 3. One scenario solved and calibrated: calibration, the central forecast, stages, wildcards, claims;
    //    draws 0, so no Monte Carlo bands. The target: well under 50 ms (after start-up).
    Benchmark(
        "CPO scenario: solve and calibrate",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal],
            timeUnits: .milliseconds,
            warmupIterations: 3, maxDuration: .seconds(10), maxIterations: 200
        )
    ) { (benchmark: Benchmark, scenario: Scenario) in
        let report = try ForecastStudy.run(scenario, settings: ForecastSettings(draws: 0), inputs: [])
        blackHole(report)
    } setup: {
        try BenchScenario.load()
    }

    // 4. The same with the scenario's own Monte Carlo draws (2000 in cpo-baseline.toml) for the 5–95 % bands:
    //    what `adopt forecast` does by default.
    Benchmark(
        "CPO scenario: with 2000 Monte Carlo draws",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal],
            timeUnits: .milliseconds,
            warmupIterations: 1, maxDuration: .seconds(15), maxIterations: 50
        )
    ) { (benchmark: Benchmark, scenario: Scenario) in
        let report = try ForecastStudy.run(scenario, settings: ForecastSettings(), inputs: [])
        blackHole(report)
    } setup: {
        let scenario = try BenchScenario.load()
        guard scenario.study.draws > 0 else {
            throw BenchError("\(BenchScenario.path()): study.draws is 0, so this benchmark would draw nothing")
        }
        return scenario
    }
}
