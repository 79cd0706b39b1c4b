/// Parses formula tokens into a syntax tree, resolving names against the parameter list.
///
/// Grammar, loosest binding first (as in R):
///
///     sum     := product (('+' | '-') product)*
///     product := unary (('*' | '/') unary)*
///     unary   := ('-' | '+') unary | power
///     power   := primary (('^' | '**') unary)?
///     primary := number | name | name '(' arguments ')' | '(' sum ')'
///
/// So `^` is right-associative and binds tighter than unary minus: `-x^2` is
/// `-(x^2)`, while `2^-1` is `2^(-1)`. Errors come in text order: the first
/// problem met while reading left to right is the one reported.
struct FormulaParser {
    private let tokens: [FormulaToken]
    private var position = 0
    private let parameterIndex: [String: Int]
    /// Which parameters the formula mentions, by index in the parameter list.
    private var usedParameters: [Bool]
    /// How many `parseUnary` calls are open: the nesting depth.
    private var depth = 0
    /// The deepest nesting accepted.
    ///
    /// Far beyond any real model, and shallow enough that the recursive parser and
    /// compiler stay well within a thread's stack.
    static let maximumDepth = 200

    /// Parses `source`, whose parameters are `parameters` (already validated as names).
    ///
    /// Returns the tree and, per parameter, whether the formula uses it.
    static func parse(
        _ source: String, parameters: [String]
    ) throws(FormulaError) -> (tree: FormulaNode, used: [Bool]) {
        let tokens = try FormulaLexer.tokenize(source)
        if tokens.count == 1 {
            throw FormulaError(column: 1, message: "empty formula")
        }
        var parser = FormulaParser(tokens: tokens, parameters: parameters)
        let tree = try parser.parseSum()
        let next = parser.current
        switch next.kind {
        case .end:
            break
        case .rightParenthesis:
            throw FormulaError(column: next.column, message: "unexpected ')' with no matching '('")
        case .number, .identifier, .leftParenthesis:
            throw FormulaError(
                column: next.column,
                message: "unexpected \(next.quoted) after a complete expression (missing an operator such as '*'?)")
        default:
            throw FormulaError(
                column: next.column, message: "unexpected \(next.quoted) after a complete expression")
        }
        return (tree, parser.usedParameters)
    }

    private init(tokens: [FormulaToken], parameters: [String]) {
        self.tokens = tokens
        var index: [String: Int] = [:]
        for (i, name) in parameters.enumerated() { index[name] = i }
        self.parameterIndex = index
        self.usedParameters = Array(repeating: false, count: parameters.count)
    }

    private var current: FormulaToken { tokens[position] }

    private mutating func advance() { position += 1 }

    private mutating func parseSum() throws(FormulaError) -> FormulaNode {
        var left = try parseProduct()
        while true {
            let op: FormulaBinaryOperator
            switch current.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            advance()
            left = .binary(op, left, try parseProduct())
        }
    }

    private mutating func parseProduct() throws(FormulaError) -> FormulaNode {
        var left = try parseUnary()
        while true {
            let op: FormulaBinaryOperator
            switch current.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            default: return left
            }
            advance()
            left = .binary(op, left, try parseUnary())
        }
    }

    private mutating func parseUnary() throws(FormulaError) -> FormulaNode {
        // Every nesting (parentheses, arguments, exponents, signs) passes here.
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw FormulaError(
                column: current.column, message: "formula nests deeper than \(Self.maximumDepth) levels")
        }
        switch current.kind {
        case .minus:
            advance()
            return .negate(try parseUnary())
        case .plus:
            advance()
            return try parseUnary()
        default:
            return try parsePower()
        }
    }

    private mutating func parsePower() throws(FormulaError) -> FormulaNode {
        let base = try parsePrimary()
        guard current.kind == .power else { return base }
        advance()
        return .binary(.power, base, try parseUnary())
    }

    private mutating func parsePrimary() throws(FormulaError) -> FormulaNode {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return .constant(value)
        case .leftParenthesis:
            advance()
            let inner = try parseSum()
            try expectClosing(openedAt: token.column)
            return inner
        case .identifier(let name):
            advance()
            if current.kind == .leftParenthesis {
                return try parseCall(name: name, at: token.column)
            }
            return try resolve(name: name, at: token.column)
        case .end:
            throw FormulaError(
                column: token.column,
                message: "expected a number, name or '(' but the formula ends here")
        default:
            throw FormulaError(
                column: token.column,
                message: "unexpected \(token.quoted); expected a number, name or '('")
        }
    }

    /// Parses `name(arguments)` with the current token at the `(`.
    private mutating func parseCall(name: String, at column: Int) throws(FormulaError) -> FormulaNode {
        guard let function = FormulaFunction(rawValue: name) else {
            throw FormulaError(
                column: column,
                message: "unknown function '\(name)' (known functions: \(FormulaFunction.namesList))")
        }
        let open = current.column
        advance()
        var arguments: [FormulaNode] = []
        if current.kind != .rightParenthesis {
            arguments.append(try parseSum())
            while current.kind == .comma {
                advance()
                arguments.append(try parseSum())
            }
        }
        try expectClosing(openedAt: open)
        guard arguments.count == 1 else {
            throw FormulaError(
                column: column,
                message: "function '\(name)' takes 1 argument, got \(arguments.count)")
        }
        return .call(function, arguments[0])
    }

    private mutating func expectClosing(openedAt column: Int) throws(FormulaError) {
        guard current.kind == .rightParenthesis else {
            throw FormulaError(
                column: current.column,
                message: "missing ')' to close the '(' at column \(column), found \(current.quoted)")
        }
        advance()
    }

    /// Resolves a name that is not called: the predictor, `pi`, or a parameter.
    private mutating func resolve(name: String, at column: Int) throws(FormulaError) -> FormulaNode {
        if name == "x" { return .predictor }
        if name == "pi" { return .constant(Double.pi) }
        if let index = parameterIndex[name] {
            usedParameters[index] = true
            return .parameter(index)
        }
        if FormulaFunction(rawValue: name) != nil {
            throw FormulaError(
                column: column,
                message: "function '\(name)' needs its argument in parentheses, as in \(name)(x)")
        }
        throw FormulaError(
            column: column, message: "parameter '\(name)' has no start value (give it in --start)")
    }
}
