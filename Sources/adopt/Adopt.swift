import AdoptData
import AdoptReports
import AdoptStudies
import ArgumentParser
import Fitting
import Foundation

@main
struct Adopt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adopt",
        abstract: "Fit and forecast technology adoption curves.",
        version: Provenance.version,
        subcommands: [FitCommand.self, ForecastCommand.self]
    )

    /// Parses, runs, and turns every failure into one line on stderr with a sysexits code:
    /// 64 usage, 65 bad data, 66 missing input, 73 cannot write the output.
    static func main() {
        useSingleThreadedBLAS()
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            // No subcommand is a usage failure, not the help with success: a script that lost its
            // arguments must not pass for a run.
            if arguments.isEmpty {
                throw Failure.usage("no subcommand given: " + useSubcommands)
            }
            // A subcommand that names none is the first thing said; then an option given twice, before
            // what its last value makes of the command, unless the option is unknown.
            if let unknown = unknownSubcommand(in: arguments) { throw unknown }
            let repeated = repeatedOption(in: arguments)
            if let unlisted = unlistedValue(in: arguments) { throw repeated ?? unlisted }
            var command: any ParsableCommand
            do {
                command = try parseAsRoot()
            } catch {
                if let repeated, !message(for: error).hasPrefix("Unknown option") { throw repeated }
                if let elsewhere = optionOfAnotherSubcommand(message(for: error), in: arguments) { throw elsewhere }
                throw error
            }
            if let repeated { throw repeated }
            try command.run()
        } catch let failure as Failure {
            fail(failure.description, code: failure.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // Help and version text: a stdout that cannot take it is an output failure.
                if let failure = StandardOutput.write(fullMessage(for: error) + "\n", toDescriptor: STDOUT_FILENO) {
                    fail("standard output: cannot write the help: \(String(cString: strerror(failure)))", code: 73)
                }
                Foundation.exit(0)
            }
            // One line: ArgumentParser's multi-line messages (a list of valid values) are joined.
            let message = message(for: error).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
            fail(message, code: code == .validationFailure || code.rawValue == 64 ? 64 : code.rawValue)
        }
    }

    /// A first argument that names no subcommand (`adopt fitt`), or a `help` topic that names none
    /// (`adopt help nope`), as a usage failure with the subcommand it is a likely typo of. ArgumentParser
    /// says "Unexpected argument" of the first, and prints the overview with success for the second.
    static func unknownSubcommand(in arguments: [String]) -> Failure? {
        guard var word = arguments.first, !word.hasPrefix("-") else { return nil }
        if word == "help" {
            guard let topic = arguments.dropFirst().first, !topic.hasPrefix("-"), topic != "help" else { return nil }
            word = topic
        }
        guard !names.contains(word) else { return nil }
        if let likely = EditDistance.closest(to: word, among: names) {
            return Failure.usage("unknown subcommand '\(word)': did you mean '\(likely)'? ('adopt --help' describes the subcommands)")
        }
        return Failure.usage("unknown subcommand '\(word)': " + useSubcommands)
    }

    /// An unknown option that another subcommand has (`adopt fit --draws 100`): said so, rather than
    /// ArgumentParser's likeliest option of this one ("Did you mean '--data'?").
    static func optionOfAnotherSubcommand(_ message: String, in arguments: [String]) -> Failure? {
        guard message.hasPrefix("Unknown option '"), let name = message.dropFirst("Unknown option '".count).split(separator: "'").first,
              let here = arguments.first, names.contains(here) else { return nil }
        for command in configuration.subcommands {
            guard let other = command.configuration.commandName, other != here else { continue }
            // The options its help lists: "  --draws <draws>   …", "  -h, --help   …".
            let listed = command.helpMessage(columns: 1000).split(separator: "\n").contains { line in
                line.hasPrefix("  ") && line.split(separator: " ").prefix(2).contains { $0 == name || $0 == name + "," }
            }
            if listed {
                return Failure.usage("\(name) is an option of 'adopt \(other)', not of 'adopt \(here)' ('adopt \(here) --help' lists its options)")
            }
        }
        return nil
    }

    /// The options of `subcommand` whose value is one of a list, with the list.
    static func choices(of subcommand: String?) -> [String: [String]] {
        switch subcommand {
        case FitCommand.configuration.commandName:
            ["--model": ModelOption.allCases.map(\.rawValue), "--format": FormatOption.allCases.map(\.rawValue),
             "--table": FitTableOption.allCases.map(\.rawValue), "--covariance": CovarianceEstimator.allCases.map(\.rawValue),
             "--errors": ObservationErrors.allCases.map(\.rawValue)]
        case ForecastCommand.configuration.commandName:
            ["--format": FormatOption.allCases.map(\.rawValue), "--table": TableOption.allCases.map(\.rawValue)]
        default: [:]
        }
    }

    /// Other names of listed values, too far from them for `EditDistance`: `--format markdown`.
    static let aliases = ["markdown": "md", "mkd": "md", "exp": "exponential", "generalized-logistic": "richards",
                          "generalised-logistic": "richards", "all": "auto", "best": "auto", "table": "csv"]

    /// A value outside its option's list (`--model bas`, `--format jsn`), as a usage failure that gives
    /// the list and the value it is a likely typo of. ArgumentParser lists the values in a bulleted block
    /// (joined into one line here) or as "one of 'parameters' and 'curve'", and suggests none.
    static func unlistedValue(in arguments: [String]) -> Failure? {
        let choices = choices(of: arguments.first)
        for option in options(in: arguments) {
            guard let allowed = choices[option.name] else { continue }
            // A missing value is ArgumentParser's to report.
            guard let value = option.inline ?? option.next, !value.hasPrefix("-"), !allowed.contains(value) else { continue }
            let listed = allowed.map { "'\($0)'" }
            let list = listed.dropLast().joined(separator: ", ") + " or " + listed.last!
            // A listed value in other letter case (`--covariance HC3`) is meant as it.
            let candidate = aliases[value.lowercased()] ?? value.lowercased()
            let meant = allowed.contains(candidate) ? candidate : nil
            let likely = (meant ?? EditDistance.closest(to: value, among: allowed)).map { ": did you mean '\($0)'?" } ?? ""
            return Failure.usage("\(option.name) \(DataError.quote(value)) is not one of \(list)\(likely)")
        }
        return nil
    }

    /// The long options after the subcommand, up to `--`, each with its value written after `=`
    /// (`inline`) and the argument that follows it (`next`, which may be the value or the next option).
    static func options(in arguments: [String]) -> [(name: String, inline: String?, next: String?)] {
        var options: [(name: String, inline: String?, next: String?)] = []
        for (k, token) in arguments.enumerated().dropFirst() {
            if token == "--" { break }
            guard token.hasPrefix("--"), token.count > 2 else { continue }
            let parts = token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            options.append((String(parts[0]), parts.count == 2 ? String(parts[1]) : nil,
                            arguments.indices.contains(k + 1) ? arguments[k + 1] : nil))
        }
        return options
    }

    /// The subcommands' names.
    static var names: [String] { configuration.subcommands.compactMap { $0.configuration.commandName } }

    /// What to type instead of a missing or unknown subcommand.
    static var useSubcommands: String {
        "use " + names.map { "'adopt \($0)'" }.joined(separator: " or ") + " ('adopt --help' describes them)"
    }

    /// An option given twice, other than the repeatable ones, as a usage failure. ArgumentParser
    /// keeps the last value, so a slip (`--x year --x value` for `--y value`) would run silently on
    /// the wrong column or file.
    static func repeatedOption(in arguments: [String]) -> Failure? {
        let repeatable: Set<String> = switch arguments.first {
        case FitCommand.configuration.commandName: FitCommand.repeatableOptions
        case ForecastCommand.configuration.commandName: ForecastCommand.repeatableOptions
        default: []
        }
        var values: [String: String?] = [:]
        for (name, inline, next) in options(in: arguments) {
            let value = inline ?? next.flatMap { $0.hasPrefix("--") ? nil : $0 }
            guard !repeatable.contains(name), name != "--help" else { continue }
            if let earlier = values[name] {
                let both = earlier.flatMap { a in value.map { b in " ('\(a)', then '\(b)')" } } ?? ""
                return Failure.usage("\(name) is given twice\(both); give it once")
            }
            values[name] = value
        }
        return nil
    }

    /// Writes the message to stderr and exits. A stderr that cannot be written (closed, or a full
    /// device) loses the message but not the exit status.
    /// A line break in the message, which only a value quoted from the command line can hold (`--model $'a\nb'`),
    /// is written as `\n` (`DataError.singleLine`), so that the message stays one line.
    static func fail(_ message: String, code: Int32) -> Never {
        let line = DataError.singleLine(message)
        _ = StandardOutput.write("adopt: \(line)\n", toDescriptor: STDERR_FILENO)
        Foundation.exit(code)
    }
}

/// A failure the command reports as one line with its exit code.
struct Failure: Error, CustomStringConvertible {
    var description: String
    var code: Int32

    static func usage(_ message: String) -> Failure { Failure(description: message, code: 64) }
}

/// The command as the user typed it, for the reports, in a form a POSIX shell reads back as the
/// same arguments (`DataError.shellWord`), without `--threads`, which changes no output: a report is
/// the same bytes whatever the thread count. (The JSON `command` is that text exactly; the Markdown
/// and CSV copies are kept on one line, so a line break inside an argument reads there as a space.)
func invocation() -> String {
    var words = ["adopt"]
    var arguments = CommandLine.arguments.dropFirst()[...]
    while let argument = arguments.popFirst() {
        // Options end at `--`; after it `--threads` would be an argument.
        if argument == "--" { words.append(argument); words.append(contentsOf: arguments); break }
        if argument == "--threads" { _ = arguments.popFirst(); continue }
        if argument.hasPrefix("--threads=") { continue }
        words.append(argument)
    }
    return words.map(DataError.shellWord).joined(separator: " ")
}
