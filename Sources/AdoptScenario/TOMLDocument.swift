import TOMLKit

/// Parsing scenario text with TOMLKit (toml++), syntax errors reported as `ScenarioError`s.
enum TOMLDocument {
    /// The root table of `text`.
    ///
    /// - Throws: `ScenarioError` naming `file` and the line toml++ reports for the first
    ///   syntax error, including a key defined twice and a table redefined.
    static func parse(_ text: String, file: String) throws(ScenarioError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let begin = error.source.begin
            let line = begin.line > 0 ? begin.line : nil
            let column = begin.column > 0 ? " at column \(begin.column)" : ""
            throw ScenarioError(file: file, line: line, message: "TOML syntax error\(column): \(error.description)")
        } catch {
            throw ScenarioError(file: file, line: nil, message: "TOML syntax error: \(error)")
        }
    }
}
