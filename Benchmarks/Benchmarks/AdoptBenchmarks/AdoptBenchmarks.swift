// Benchmarks of the Bass fit on synthetic series (peers/gen_series.py, default seed);
// the CPO study benchmarks are in CPOBenchmarks.swift.
//
// Data: $ADOPT_BENCH_SERIES if set, else Benchmarks/.work/series-1000.csv, which is
// generated on first use with `python3 peers/gen_series.py --n 1000` (needs numpy).

import AdoptionModels
import Benchmark
import Fitting
import Foundation

/// One series of the tidy CSV `series_id,year,adopters`, ready to fit.
struct BenchSeries: Sendable {
    var id: String
    var data: CurveData
}

enum BenchData {
    /// The Benchmarks/ package folder (this file is Benchmarks/Benchmarks/AdoptBenchmarks/AdoptBenchmarks.swift).
    static let packageDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func seriesFile(count: Int) throws -> String {
        if let path = ProcessInfo.processInfo.environment["ADOPT_BENCH_SERIES"], !path.isEmpty { return path }
        let work = packageDirectory.appendingPathComponent(".work")
        let file = work.appendingPathComponent("series-\(count).csv").path
        if FileManager.default.fileExists(atPath: file) { return file }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let generator = packageDirectory.appendingPathComponent("peers/gen_series.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", generator, "--n", String(count), "--out", file,
                             "--truth", work.appendingPathComponent("truth-\(count).csv").path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: file) else {
            throw BenchError("could not generate \(file) with \(generator) (is python3 with numpy installed?)")
        }
        return file
    }

    /// Reads `series_id,year,adopters` into series in first-appearance order, each sorted by year,
    /// with t = year − first year + 1 and per-period adopters (as `adopt fit` and fit_scipy.py do).
    static func load(_ path: String) throws -> [BenchSeries] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var order: [String] = []
        var rows: [String: [(Double, Double)]] = [:]
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() where n > 0 && !line.isEmpty {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f.count == 3, let year = Double(f[1]), let y = Double(f[2]) else {
                throw BenchError("\(path):\(n + 1): expected series_id,year,adopters")
            }
            let id = String(f[0])
            if rows[id] == nil { order.append(id); rows[id] = [] }
            rows[id]!.append((year, y))
        }
        return order.map { id in
            let obs = rows[id]!.sorted { $0.0 < $1.0 }
            let firstYear = obs[0].0
            return BenchSeries(id: id, data: CurveData(t: obs.map { $0.0 - firstYear + 1 }, y: obs.map(\.1), form: .perPeriod))
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Fits per second over one pass through all series (a custom metric; larger is better).
let fitsPerSecond = BenchmarkMetric.custom("Fits (#/s)", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.maxDuration = .seconds(10)

    // 1. Every series of the 1000-series file, fitted one after the other on one thread.
    Benchmark(
        "Bass fit, 1000 series",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, fitsPerSecond],
            warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 20
        )
    ) { (benchmark: Benchmark, series: [BenchSeries]) in
        let fitter = AdoptionFitter()
        let clock = ContinuousClock()
        var converged = 0
        let start = clock.now
        benchmark.startMeasurement()
        for s in series {
            let r = fitter.fit(.bass, to: s.data)
            if r.converged { converged += 1 }
            blackHole(r.estimates)
        }
        benchmark.stopMeasurement()
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(fitsPerSecond, Int((Double(series.count) / seconds).rounded()))
        blackHole(converged)
    } setup: {
        let series = try BenchData.load(BenchData.seriesFile(count: 1000))
        guard !series.isEmpty else { throw BenchError("no series in the data file") }
        return series
    }

    // 2. One series (the file's first), fitted many times: the per-fit cost, allocations included.
    Benchmark(
        "Bass fit, one series",
        configuration: .init(
            metrics: [.wallClock, .throughput, .mallocCountTotal],
            warmupIterations: 10, maxDuration: .seconds(5), maxIterations: 10_000
        )
    ) { (benchmark: Benchmark, one: BenchSeries) in
        let r = AdoptionFitter().fit(.bass, to: one.data)
        blackHole(r.estimates)
    } setup: {
        let series = try BenchData.load(BenchData.seriesFile(count: 1000))
        guard let first = series.first else { throw BenchError("no series in the data file") }
        return first
    }

    // 3–4. The CPO study on the baseline scenario (CPOBenchmarks.swift).
    cpoBenchmarks()
}
