/// A token of the formula language, with the column where it starts.
///
/// `text` is the token as written, for error messages.
struct FormulaToken: Equatable {
    /// The kinds of token the lexer produces.
    enum Kind: Equatable {
        case number(Double)
        case identifier(String)
        case plus, minus, star, slash, power, leftParenthesis, rightParenthesis, comma
        case end
    }

    let kind: Kind
    /// 1-based column of the token's first character.
    let column: Int
    let text: String

    /// The token quoted for a message: `'*'`, `'b1'`, or `end of formula`.
    var quoted: String {
        kind == .end ? "end of formula" : "'\(text)'"
    }
}

/// Splits formula text into tokens.
///
/// Numbers are `digits[.digits][e[±]digits]`, also `.5` and `2.`; identifiers are
/// `[A-Za-z_][A-Za-z0-9_]*`; `^` and `**` both become `.power`. Whitespace separates
/// tokens and is otherwise ignored. The token list always ends with `.end`, whose
/// column is one past the last character.
enum FormulaLexer {
    /// Tokenizes `source`, or throws at the first character that starts no token.
    static func tokenize(_ source: String) throws(FormulaError) -> [FormulaToken] {
        let characters = Array(source)
        var tokens: [FormulaToken] = []
        var index = 0

        func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }
        func isIdentifierStart(_ c: Character) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
        }
        func isIdentifierPart(_ c: Character) -> Bool { isIdentifierStart(c) || isDigit(c) }
        func peek(_ offset: Int) -> Character? {
            index + offset < characters.count ? characters[index + offset] : nil
        }

        while index < characters.count {
            let c = characters[index]
            let start = index
            let column = start + 1
            if c.isWhitespace {
                index += 1
                continue
            }
            if isDigit(c) || (c == "." && peek(1).map(isDigit) == true) {
                while let d = peek(0), isDigit(d) { index += 1 }
                if peek(0) == "." {
                    index += 1
                    while let d = peek(0), isDigit(d) { index += 1 }
                }
                if let e = peek(0), e == "e" || e == "E" {
                    index += 1
                    if let sign = peek(0), sign == "+" || sign == "-" { index += 1 }
                    guard let d = peek(0), isDigit(d) else {
                        let text = String(characters[start..<index])
                        throw FormulaError(
                            column: column,
                            message: "malformed number '\(text)': the exponent needs digits")
                    }
                    while let d = peek(0), isDigit(d) { index += 1 }
                }
                let text = String(characters[start..<index])
                guard let value = Double(text) else {
                    throw FormulaError(column: column, message: "malformed number '\(text)'")
                }
                guard value.isFinite else {
                    throw FormulaError(column: column, message: "the number '\(text)' is too large for double precision")
                }
                tokens.append(FormulaToken(kind: .number(value), column: column, text: text))
                continue
            }
            if isIdentifierStart(c) {
                while let d = peek(0), isIdentifierPart(d) { index += 1 }
                let text = String(characters[start..<index])
                tokens.append(FormulaToken(kind: .identifier(text), column: column, text: text))
                continue
            }
            let kind: FormulaToken.Kind
            switch c {
            case "+": kind = .plus
            case "-": kind = .minus
            case "*" where peek(1) == "*":
                kind = .power
                index += 1
            case "*": kind = .star
            case "/": kind = .slash
            case "^": kind = .power
            case "(": kind = .leftParenthesis
            case ")": kind = .rightParenthesis
            case ",": kind = .comma
            case "~":
                throw FormulaError(
                    column: column,
                    message: "unexpected character '~': give only the right-hand side of the model")
            default:
                throw FormulaError(column: column, message: "unexpected character '\(c)'")
            }
            index += 1
            tokens.append(FormulaToken(
                kind: kind, column: column, text: String(characters[start..<index])))
        }
        tokens.append(FormulaToken(kind: .end, column: characters.count + 1, text: ""))
        return tokens
    }
}
