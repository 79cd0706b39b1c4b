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

    /// The most parts a dotted key or table header may have. The scenario schema goes 4 deep;
    /// toml++ recurses once per part (it limits nested arrays and inline tables itself, at 256),
    /// so a key of thousands of parts would exhaust the stack.
    static let maximumDepth = 32

    /// Rejects a dotted key or table header of more than `maximumDepth` parts before toml++ sees
    /// it. Dots are counted only in keys: outside strings (basic, literal and their multi-line
    /// forms, with escapes) and comments, and before a line's `=`.
    static func checkDepth(_ text: String, file: String) throws(ScenarioError) {
        enum State { case code, basic, literal, multiBasic, multiLiteral, comment }
        let bytes = Array(text.utf8)
        let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
        var state = State.code
        var line = 1, dots = 0, inKey = true
        var k = 0
        func starts(_ q: UInt8, at k: Int) -> Bool { k + 2 < bytes.count && bytes[k] == q && bytes[k + 1] == q && bytes[k + 2] == q }
        while k < bytes.count {
            let b = bytes[k]
            if b == UInt8(ascii: "\n") {
                line += 1
                if state == .comment || state == .basic || state == .literal { state = .code }
                if state == .code { dots = 0; inKey = true }
                k += 1
                continue
            }
            switch state {
            case .comment:
                k += 1
            case .basic, .multiBasic:
                if b == backslash { k += 2; continue }  // an escape: the next byte is taken as it is
                if state == .multiBasic, starts(quote, at: k) { state = .code; k += 3; continue }
                if state == .basic, b == quote { state = .code }
                k += 1
            case .literal, .multiLiteral:
                if state == .multiLiteral, starts(apostrophe, at: k) { state = .code; k += 3; continue }
                if state == .literal, b == apostrophe { state = .code }
                k += 1
            case .code:
                if starts(quote, at: k) { state = .multiBasic; k += 3; continue }
                if starts(apostrophe, at: k) { state = .multiLiteral; k += 3; continue }
                switch b {
                case quote: state = .basic
                case apostrophe: state = .literal
                case UInt8(ascii: "#"): state = .comment
                case UInt8(ascii: "="): inKey = false
                case UInt8(ascii: "{"), UInt8(ascii: ","): inKey = true; dots = 0
                case UInt8(ascii: "."):
                    if inKey {
                        dots += 1
                        if dots >= maximumDepth {
                            throw ScenarioError(file: file, line: line, message: "a key of more than \(maximumDepth) dotted "
                                + "parts; a scenario's keys have at most 4")
                        }
                    }
                default: break
                }
                k += 1
            }
        }
    }
}
