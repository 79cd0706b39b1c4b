/// A model written as a formula in `x` and named parameters.
///
/// Like R's `nls` or lmfit's `ExpressionModel`. The language has numbers (`2`,
/// `.5`, `1e-3`), `+ - * /`, power as `^` or `**` (right-associative and binding
/// tighter than unary minus, so `-x^2` is `-(x^2)`), parentheses, the functions
/// `exp log sqrt sin cos tan atan abs`, the constant `pi`, the predictor `x`, and
/// parameters: every other name. The text is parsed and compiled once; evaluation
/// runs flat register code with no allocation, and the gradient with respect to
/// the parameters is exact (automatic differentiation). Arithmetic is IEEE double:
/// `log` of a negative number gives NaN rather than an error, and the fitter deals
/// with non-finite values. As a `ParametricCurve` a formula fits like any built-in
/// model, `x` playing the part of `t`.
///
///     let f = try Formula("b1/(1+exp(b2-b3*x))", parameters: ["b1", "b2", "b3"])
///     var g = [0.0, 0, 0]
///     let y = f.value(at: 10, parameters: [100, 5, 0.5], gradient: &g)
public struct Formula: ParametricCurve, Sendable {
    /// The formula text as given.
    public let source: String
    /// The parameter names, in the order given at creation; vectors follow this order.
    public let parameterNames: [String]
    let program: FormulaProgram

    /// Parses and compiles `source`, whose parameters are exactly `parameters`.
    ///
    /// `parameters` lists the names the user gave start values for. Throws when the
    /// text is malformed, calls an unknown function or a function with other than one
    /// argument, uses a name that is neither `x`, `pi` nor a parameter, or when a
    /// parameter is never used, is listed twice, is not a name, or is named `x`,
    /// `pi` or like a function.
    public init(_ source: String, parameters: [String]) throws(FormulaError) {
        try Self.validate(parameterNames: parameters)
        let (tree, used) = try FormulaParser.parse(source, parameters: parameters)
        let unused = zip(parameters, used).filter { !$0.1 }.map { "'\($0.0)'" }
        if unused.count == 1 {
            throw FormulaError(
                column: 0, message: "start value given for \(unused[0]), which the formula never uses")
        } else if unused.count > 1 {
            throw FormulaError(
                column: 0,
                message: "start values given for \(unused.joined(separator: ", ")), which the formula never uses")
        }
        self.source = source
        self.parameterNames = parameters
        self.program = FormulaCompiler.compile(tree, parameterCount: parameters.count)
    }

    /// The formula's value at `x`.
    ///
    /// `parameters` holds one value per name in `parameterNames`, in that order.
    public func value(at x: Double, parameters: [Double]) -> Double {
        precondition(
            parameters.count == parameterNames.count,
            "Formula needs \(parameterNames.count) parameter values, got \(parameters.count)")
        return parameters.withUnsafeBufferPointer { program.value(x: x, parameters: $0) }
    }

    /// The formula's value at `x` and its exact gradient with respect to the parameters.
    ///
    /// Writes ∂f/∂`parameterNames[j]` into `gradient[j]` for every parameter; `gradient`
    /// must have at least `parameterNames.count` elements, and any beyond those are
    /// left alone. Derivatives follow the usual rules, with ∂|u|/∂u = sign(u) (0 at 0)
    /// and, for `u^v`, ∂/∂u = v·u^(v−1) (right for integer `v` at `u` ≤ 0 too) and
    /// ∂/∂v = u^v·ln u for `u` > 0, 0 at `u` = 0 with `v` > 0, NaN otherwise.
    public func value(at x: Double, parameters: [Double], gradient: inout [Double]) -> Double {
        precondition(
            parameters.count == parameterNames.count,
            "Formula needs \(parameterNames.count) parameter values, got \(parameters.count)")
        precondition(
            gradient.count >= parameterNames.count,
            "gradient has \(gradient.count) elements, Formula needs \(parameterNames.count)")
        return parameters.withUnsafeBufferPointer { values in
            gradient.withUnsafeMutableBufferPointer { out in
                program.value(x: x, parameters: values, gradient: out)
            }
        }
    }

    /// Rejects unusable parameter names.
    ///
    /// A name must be an identifier, given once, and not `x`, `pi` or a function.
    private static func validate(parameterNames: [String]) throws(FormulaError) {
        var seen: Set<String> = []
        for name in parameterNames {
            guard isIdentifier(name) else {
                throw FormulaError(column: 0, message: "'\(name)' is not a valid parameter name")
            }
            if name == "x" {
                throw FormulaError(
                    column: 0, message: "'x' is the predictor and cannot be a parameter name")
            }
            if name == "pi" {
                throw FormulaError(
                    column: 0, message: "'pi' is a constant and cannot be a parameter name")
            }
            if FormulaFunction(rawValue: name) != nil {
                throw FormulaError(
                    column: 0, message: "'\(name)' is a function and cannot be a parameter name")
            }
            guard seen.insert(name).inserted else {
                throw FormulaError(column: 0, message: "parameter '\(name)' is given twice")
            }
        }
    }

    /// Whether `name` matches `[A-Za-z_][A-Za-z0-9_]*`.
    private static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        func letter(_ c: Unicode.Scalar) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
        }
        return letter(first)
            && name.unicodeScalars.allSatisfy { letter($0) || ($0 >= "0" && $0 <= "9") }
    }
}
