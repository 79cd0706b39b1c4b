import AdoptData

/// An error found while loading a scenario: TOML syntax, an unknown, missing or
/// invalid key, or a problem in one of the data files the scenario names.
///
/// It points at the exact spot — the scenario file (or data file) and the 1-based
/// line of the offending key or row — and renders as one line:
///
///     Data/scenarios/x.toml:19: unknown key 'qq' in [segments.hyperscale]; did you mean 'q'?
///
/// `exitCode` is a BSD `sysexits.h` status: 66 (`EX_NOINPUT`) when a file cannot be
/// read, 65 (`EX_DATAERR`) for everything else.
public struct ScenarioError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file the problem is in: the scenario, or a data file it names. For a data
    /// file that cannot be read, the scenario (whose key names it).
    public var file: String
    /// The 1-based line of the problem; nil when there is none (an unreadable file,
    /// or a table missing from the whole file).
    public var line: Int?
    /// A one-line explanation.
    public var message: String
    /// 65 (bad content) or 66 (a file cannot be read).
    public var exitCode: Int32

    /// Creates an error from its parts; `exitCode` defaults to 65 (`EX_DATAERR`).
    public init(file: String, line: Int?, message: String, exitCode: Int32 = 65) {
        self.file = file
        self.line = line
        self.message = message
        self.exitCode = exitCode
    }

    /// Wraps an error of the data layer, keeping its file, line, field and exit status.
    public init(_ error: DataError) {
        var message = ""
        if let field = error.field { message += "field '\(field)': " }
        message += error.message
        self.init(file: error.file, line: error.line, message: message, exitCode: error.exitCode)
    }

    /// `FILE:LINE: message` (or `FILE: message` without a line), always on one line.
    public var description: String {
        var text = DataError.singleLine(file)
        if let line { text += ":\(line)" }
        return text + ": " + DataError.singleLine(message)
    }
}
