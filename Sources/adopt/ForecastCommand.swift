import AdoptReports
import AdoptScenario
import AdoptStudies
import ArgumentParser
import Foundation

enum TableOption: String, ExpressibleByArgument, CaseIterable {
    case forecast, stages, totals
}

struct ForecastCommand: ParsableCommand {
    /// The options that may be given more than once (every other one is refused when repeated).
    static let repeatableOptions: Set<String> = ["--wildcard"]

    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast CPO adoption by segment and technology from a scenario file.",
        discussion: """
            Reads a TOML scenario (see Data/README.md), calibrates the two-segment diffusion to the cited \
            anchors with analog priors, and prints per segment, technology and year the share, ports, \
            revenue and power saved; the stage table; the parameters and what pulls them; the wildcards' \
            differences; and the brief's claims against the data.

            Example: adopt forecast Data/scenarios/cpo-baseline.toml --format md
            """
    )

    @Argument(help: "The scenario file (TOML).")
    var scenario: String

    @Option(name: .customLong("format"),
            help: "Output format: md (Markdown report), csv (tidy table) or json (default: as --output's extension names it, .csv or .json; else md).")
    var formatOption: FormatOption?

    var format: FormatOption { formatOption ?? .implied(by: output) }

    @Option(help: "forecast (the default: the forecast rows in CSV, every table in md and json) or, with --format csv, stages (the stage table) or totals (both segments' yearly totals, the JSON totals).")
    var table: TableOption?

    @Option(name: .customLong("wildcard"), help: "Switch a wildcard: ID=on or ID=off (repeatable).")
    var wildcards: [String] = []

    @Flag(help: "Use the scenario's parameters as given, without calibrating to the anchors.")
    var noCalibration = false

    @Flag(help: "Do not move older anchors by the measured forecast slip.")
    var noOptimismCorrection = false

    @Option(parsing: .unconditional, help: "Parameter draws for the 5–95 % bands (default: the scenario's).")
    var draws: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of the draws (default: the scenario's [study] seed), for a sweep over seeds; the report records it.", valueName: "N"))
    var seed: UInt64?

    @Option(help: "Write the report to this file (atomically) instead of standard output ('-': standard output).")
    var output: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Run the parameter draws with at most N threads (and no more than the cores; default: every core). The report is the same whatever N.", valueName: "N"))
    var threads: Int?

    func validate() throws {
        if let draws, draws < 0 || draws > 1_000_000 || (1..<Study.minimumDraws).contains(draws) {
            let why = draws > 1_000_000 ? ""
                : ": with fewer draws the 5th percentile's distribution-free 95 % interval reaches below the smallest"
            throw ValidationError("--draws must be 0 (no bands) or between \(Study.minimumDraws) and 1000000 (5–95 % bands\(why)), not \(draws)")
        }
        // `--table forecast` is the default and holds with any format; the stage table alone is CSV's.
        if let table, table != .forecast, format != .csv {
            throw ValidationError("--table \(table.rawValue) applies to --format csv; the \(format.rawValue) report holds every table")
        }
        if noCalibration && noOptimismCorrection {
            throw ValidationError("--no-optimism-correction moves the calibration's anchors, and --no-calibration has none")
        }
        if scenario.isEmpty { throw ValidationError("the scenario needs a file name") }
        if output?.isEmpty == true { throw ValidationError("--output needs a file name") }
        try FormatOption.checkAgreement(formatOption, output: output)
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads)") }
        if noCalibration, let draws, draws > 0 {
            throw ValidationError("--draws samples the calibrated parameters' covariance, and --no-calibration has none")
        }
    }

    func run() throws {
        var loaded: Scenario
        do { loaded = try ScenarioLoader.load(contentsOfFile: scenario, calibrate: noCalibration ? false : nil) } catch {
            throw Failure(description: error.description, code: error.exitCode)
        }
        if let seed { loaded.study.seed = seed }
        // The same conflicts as with --no-calibration, when the scenario itself turns calibration off.
        if !loaded.calibration.enabled && !noCalibration {
            if noOptimismCorrection {
                throw Failure.usage("--no-optimism-correction moves the calibration's anchors, and the scenario turns calibration off ([calibration] enabled = false)")
            }
            if let draws, draws > 0 {
                throw Failure.usage("--draws samples the calibrated parameters' covariance, and the scenario turns calibration off ([calibration] enabled = false)")
            }
        }
        var overrides: [String: Bool] = [:]
        for item in wildcards {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["on", "off"].contains(parts[1]) else {
                throw Failure.usage("--wildcard: expected ID=on or ID=off, found '\(item)'")
            }
            guard loaded.wildcards.contains(where: { $0.id == parts[0] }) else {
                let known = loaded.wildcards.map(\.id).joined(separator: ", ")
                throw Failure.usage("--wildcard: unknown wildcard '\(parts[0])'; the scenario has \(known.isEmpty ? "none" : known)")
            }
            if overrides[parts[0]] != nil { throw Failure.usage("--wildcard: '\(parts[0])' is switched twice") }
            overrides[parts[0]] = parts[1] == "on"
        }
        var inputs: [InputRecord] = []
        for path in loaded.inputFiles {
            do { inputs.append(try Provenance.input(path)) } catch { throw Failure(description: error.description, code: error.exitCode) }
        }
        let settings = ForecastSettings(wildcardOverrides: overrides, calibrate: noCalibration ? false : nil,
                                        draws: draws, optimismCorrection: noOptimismCorrection ? false : nil,
                                        command: invocation(), workers: threads)
        let report: ForecastReport
        do { report = try ForecastStudy.run(loaded, settings: settings, inputs: inputs) } catch {
            throw Failure(description: error.description, code: error.exitCode)
        }
        let text: String
        switch format {
        case .md: text = ForecastMarkdownWriter.render(report)
        case .csv:
            switch table ?? .forecast {
            case .forecast: text = ForecastCSVWriter.render(report)
            case .stages: text = ForecastCSVWriter.renderStages(report)
            case .totals: text = ForecastCSVWriter.renderTotals(report)
            }
        case .json:
            do { text = try ForecastJSONWriter.render(report) } catch { throw Failure(description: "cannot encode JSON: \(error)", code: 70) }
        }
        do {
            if let output, output != "-" { try AtomicFile.write(text, to: output, inputs: loaded.inputFiles) } else { try StandardOutput.write(ChunkedText(text)) }
        } catch {
            throw Failure(description: error.description, code: 73)
        }
    }
}
