import TOMLKit

/// Parsing scenario text with TOMLKit (toml++), syntax errors reported as `ScenarioError`s.
enum TOMLDocument {
    /// The root table of `text`.
    ///
    /// - Throws: `ScenarioError` naming `file` and the line toml++ reports for the first
    ///   syntax error, including a key defined twice and a table redefined.
    static func parse(_ text: String, file: String) throws(ScenarioError) -> TOMLTable {
        try checkDepth(text, file: file)
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

    /// The deepest key (its dotted parts) or nesting of arrays and inline tables allowed. The
    /// scenario schema goes 4 deep; toml++ recurses once per level, so a key of thousands of parts
    /// would exhaust the stack.
    static let maximumDepth = 32

    /// Rejects a dotted key or a nesting of brackets and braces deeper than `maximumDepth`,
    /// outside strings and comments, before toml++ sees it.
    static func checkDepth(_ text: String, file: String) throws(ScenarioError) {
        var line = 1, dots = 0, nesting = 0
        var quote: UInt8? = nil, comment = false
        var bytes = text.utf8.makeIterator()
        var previous: UInt8 = 0
        while let b = bytes.next() {
            defer { previous = b }
            if b == UInt8(ascii: "\n") {
                line += 1; dots = 0; comment = false
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") { quote = nil }
                continue
            }
            if comment { continue }
            if let q = quote {
                if b == q && !(q == UInt8(ascii: "\"") && previous == UInt8(ascii: "\\")) { quote = nil }
                continue
            }
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = b
            case UInt8(ascii: "#"): comment = true
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: "{"): dots = 0
            default: break
            }
            if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { nesting += 1 }
            if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { nesting = max(0, nesting - 1) }
            if dots >= maximumDepth || nesting > maximumDepth {
                throw ScenarioError(file: file, line: line, message: "keys or values nested more than \(maximumDepth) "
                    + "deep; a scenario's keys go at most 4 deep")
            }
        }
    }
}
