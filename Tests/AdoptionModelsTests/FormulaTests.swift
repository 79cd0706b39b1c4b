import AdoptionModels
import Foundation
import Testing

/// A formula with parameter values, for table-driven tests.
struct FormulaCase: Sendable, CustomTestStringConvertible {
    let source: String
    let names: [String]
    let values: [Double]
    let xs: [Double]

    init(_ source: String, _ names: [String] = [], _ values: [Double] = [], at xs: [Double] = [0]) {
        self.source = source
        self.names = names
        self.values = values
        self.xs = xs
    }

    var testDescription: String { source }

    func formula() throws -> Formula { try Formula(source, parameters: names) }
}

/// A formula, its parameters and one point, with the value worked out independently.
struct ValueCase: Sendable, CustomTestStringConvertible {
    let source: String
    let names: [String]
    let values: [Double]
    let x: Double
    let expected: Double

    var testDescription: String { source }
}

/// A malformed formula or parameter list, with where and what the error must say.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    let source: String
    let names: [String]
    let column: Int
    let message: String

    var testDescription: String { "\(source) [\(names.joined(separator: ","))]" }
}

/// A formula, a point and the exact gradient there.
struct ExactGradientCase: Sendable, CustomTestStringConvertible {
    let source: String
    let names: [String]
    let values: [Double]
    let x: Double
    let expected: [Double]

    init(_ source: String, _ names: [String], _ values: [Double], x: Double = 0, expected: [Double]) {
        self.source = source
        self.names = names
        self.values = values
        self.x = x
        self.expected = expected
    }

    var testDescription: String { "\(source) at \(values), x=\(x)" }
}

/// A formula whose gradient has a closed form, derived by hand.
struct AnalyticGradientCase: Sendable, CustomTestStringConvertible {
    let source: String
    let names: [String]
    let values: [Double]
    let xs: [Double]
    let gradient: @Sendable (_ x: Double, _ b: [Double]) -> [Double]

    var testDescription: String { source }
}

/// NaN equals NaN; otherwise the values must agree to `relative` (0: exactly).
private func same(_ a: Double, _ b: Double, relative: Double = 0) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return abs(a - b) <= relative * max(abs(a), abs(b))
}

@Suite("Formula")
struct FormulaTests {
    // MARK: Values

    static let valueCases: [ValueCase] = [
        ValueCase(source: "2 + 3*x", names: [], values: [], x: 4, expected: 14),
        ValueCase(source: "1e-3*x + 1E3", names: [], values: [], x: 2000, expected: 1002),
        ValueCase(source: ".5 + 2. + 1.5e+2", names: [], values: [], x: 0, expected: 152.5),
        ValueCase(source: "pi", names: [], values: [], x: 0, expected: Double.pi),
        ValueCase(source: "b1", names: ["b1"], values: [7], x: 0, expected: 7),
        ValueCase(source: "  b_1 *\tx\n", names: ["b_1"], values: [3], x: 2, expected: 6),
        ValueCase(source: "sqrt(x)", names: [], values: [], x: 9, expected: 3),
        ValueCase(source: "abs(x)", names: [], values: [], x: -2.5, expected: 2.5),
        ValueCase(source: "atan(x)", names: [], values: [], x: 1, expected: Double.pi / 4),
        ValueCase(source: "log(exp(x))", names: [], values: [], x: 2, expected: 2),
        ValueCase(source: "sin(pi/6)", names: [], values: [], x: 0, expected: sin(Double.pi / 6)),
        ValueCase(source: "cos(x) + tan(x)", names: [], values: [], x: 0.3, expected: cos(0.3) + tan(0.3)),
        ValueCase(source: "(-2)^3", names: [], values: [], x: 0, expected: -8),
        ValueCase(source: "0^0", names: [], values: [], x: 0, expected: 1),
        ValueCase(source: "1/x", names: [], values: [], x: 0, expected: .infinity),
        ValueCase(source: "log(b1)", names: ["b1"], values: [-1], x: 0, expected: .nan),
        ValueCase(source: "x^0.5", names: [], values: [], x: -1, expected: .nan),
        ValueCase(source: "sqrt(b1*x)", names: ["b1"], values: [-1], x: 4, expected: .nan),
        ValueCase(
            source: "b1*(1-exp(-b2*x))", names: ["b1", "b2"], values: [240, 5e-4], x: 77.6,
            expected: 240 * (1 - exp(-5e-4 * 77.6))),
        ValueCase(
            source: "b1/(1+exp(b2-b3*x))", names: ["b1", "b2", "b3"], values: [100, 5, 0.5], x: 8,
            expected: 100 / (1 + exp(5 - 0.5 * 8))),
        ValueCase(
            source: "b1/((1+exp(b2-b3*x))**(1/b4))", names: ["b1", "b2", "b3", "b4"],
            values: [700, 5, 0.75, 1.3], x: 9,
            expected: 700 / pow(1 + exp(5 - 0.75 * 9), 1 / 1.3)),
        ValueCase(
            source: "b1*exp(-b2*x) + b3*exp(-(x-b4)**2 / b5**2)", names: ["b1", "b2", "b3", "b4", "b5"],
            values: [100, 0.01, 90, 110, 25], x: 120,
            expected: 100 * exp(-0.01 * 120) + 90 * exp(-(120.0 - 110) * (120 - 110) / (25 * 25))),
        ValueCase(
            source: "b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 )", names: ["b1", "b2", "b3"],
            values: [10.5, 3, 0.5], x: 5,
            expected: 10.5 + 3 * cos(2 * Double.pi * 5 / 12) + 0.5 * sin(2 * Double.pi * 5 / 12)),
    ]

    @Test("values against independently computed ones", arguments: valueCases)
    func value(_ c: ValueCase) throws {
        let f = try Formula(c.source, parameters: c.names)
        let y = f.value(at: c.x, parameters: c.values)
        #expect(same(y, c.expected, relative: 1e-15), "\(c.source) at x=\(c.x): \(y), expected \(c.expected)")
    }

    static let precedenceCases: [(String, Double)] = [
        ("-2^2", -4),
        ("-2**2", -4),
        ("-x^2", -9),
        ("2^3^2", 512),
        ("2**3**2", 512),
        ("2^3**2", 512),
        ("(2^3)^2", 64),
        ("2^-1", 0.5),
        ("2**-x", 0.125),
        ("2^-1^2", 0.5),
        ("4^.5", 2),
        ("2*3^2", 18),
        ("2^2*3", 12),
        ("8/4/2", 1),
        ("2-3-4", -5),
        ("2+3*4", 14),
        ("(2+3)*4", 20),
        ("12/2*3", 18),
        ("2*-x", -6),
        ("1 - -1", 2),
        ("--x", 3),
        ("+x", 3),
        ("-+-x", 3),
        ("-(x-1)^2", -4),
        ("exp(0)^2 + 1", 2),
    ]

    @Test("precedence and associativity (at x = 3)", arguments: precedenceCases)
    func precedence(_ source: String, _ expected: Double) throws {
        let f = try Formula(source, parameters: [])
        #expect(f.value(at: 3, parameters: []) == expected)
    }

    // MARK: Errors

    static let knownFunctions = "exp, log, sqrt, sin, cos, tan, atan, abs"

    static let errorCases: [ErrorCase] = [
        ErrorCase(source: "", names: [], column: 1, message: "empty formula"),
        ErrorCase(source: "   ", names: [], column: 1, message: "empty formula"),
        ErrorCase(
            source: "b1 +", names: ["b1"], column: 5,
            message: "expected a number, name or '(' but the formula ends here"),
        ErrorCase(
            source: "b1 ^", names: ["b1"], column: 5,
            message: "expected a number, name or '(' but the formula ends here"),
        ErrorCase(
            source: "b1 * * x", names: ["b1"], column: 6,
            message: "unexpected '*'; expected a number, name or '('"),
        ErrorCase(source: "()", names: [], column: 2, message: "unexpected ')'; expected a number, name or '('"),
        ErrorCase(
            source: "(b1 + x", names: ["b1"], column: 8,
            message: "missing ')' to close the '(' at column 1, found end of formula"),
        ErrorCase(
            source: "b1*sin(x", names: ["b1"], column: 9,
            message: "missing ')' to close the '(' at column 7, found end of formula"),
        ErrorCase(
            source: "exp((b1) b1", names: ["b1"], column: 10,
            message: "missing ')' to close the '(' at column 4, found 'b1'"),
        ErrorCase(
            source: "b1 x", names: ["b1"], column: 4,
            message: "unexpected 'x' after a complete expression (missing an operator such as '*'?)"),
        ErrorCase(
            source: "2b1", names: ["b1"], column: 2,
            message: "unexpected 'b1' after a complete expression (missing an operator such as '*'?)"),
        ErrorCase(source: "b1 + x)", names: ["b1"], column: 7, message: "unexpected ')' with no matching '('"),
        ErrorCase(source: "b1, x", names: ["b1"], column: 3, message: "unexpected ',' after a complete expression"),
        ErrorCase(
            source: "foo(x) + b1", names: ["b1"], column: 1,
            message: "unknown function 'foo' (known functions: \(knownFunctions))"),
        ErrorCase(
            source: "b1*x(2)", names: ["b1"], column: 4,
            message: "unknown function 'x' (known functions: \(knownFunctions))"),
        ErrorCase(
            source: "exp(x, b1)", names: ["b1"], column: 1, message: "function 'exp' takes 1 argument, got 2"),
        ErrorCase(source: "b1 + exp()", names: ["b1"], column: 6, message: "function 'exp' takes 1 argument, got 0"),
        ErrorCase(
            source: "exp + b1", names: ["b1"], column: 1,
            message: "function 'exp' needs its argument in parentheses, as in exp(x)"),
        ErrorCase(
            source: "b1 + b4*x", names: ["b1"], column: 6,
            message: "parameter 'b4' has no start value (give it in --start)"),
        ErrorCase(
            source: "b1*X", names: ["b1"], column: 4,
            message: "parameter 'X' has no start value (give it in --start)"),
        ErrorCase(
            source: "b1 + b4", names: ["b1", "b2"], column: 6,
            message: "parameter 'b4' has no start value (give it in --start)"),
        ErrorCase(
            source: "b1*x", names: ["b1", "b2"], column: 0,
            message: "start value given for 'b2', which the formula never uses"),
        ErrorCase(
            source: "b2", names: ["b1", "b2", "b3"], column: 0,
            message: "start values given for 'b1', 'b3', which the formula never uses"),
        ErrorCase(
            source: "b1*x", names: ["x", "b1"], column: 0,
            message: "'x' is the predictor and cannot be a parameter name"),
        ErrorCase(
            source: "b1*pi", names: ["b1", "pi"], column: 0,
            message: "'pi' is a constant and cannot be a parameter name"),
        ErrorCase(
            source: "b1*x", names: ["b1", "exp"], column: 0,
            message: "'exp' is a function and cannot be a parameter name"),
        ErrorCase(source: "b1*x", names: ["b1", "b1"], column: 0, message: "parameter 'b1' is given twice"),
        ErrorCase(source: "b1*x", names: ["b1", "2b"], column: 0, message: "'2b' is not a valid parameter name"),
        ErrorCase(source: "b1*x", names: ["b1", ""], column: 0, message: "'' is not a valid parameter name"),
        ErrorCase(source: "b1 # x", names: ["b1"], column: 4, message: "unexpected character '#'"),
        ErrorCase(source: "b1 × x", names: ["b1"], column: 4, message: "unexpected character '×'"),
        ErrorCase(source: ". + b1", names: ["b1"], column: 1, message: "unexpected character '.'"),
        ErrorCase(
            source: "1e+ * b1", names: ["b1"], column: 1,
            message: "malformed number '1e+': the exponent needs digits"),
        ErrorCase(
            source: "b1*1e400*x", names: ["b1"], column: 4,
            message: "the number '1e400' is too large for double precision"),
        ErrorCase(
            source: "y ~ b1*x", names: ["b1"], column: 3,
            message: "unexpected character '~': give only the right-hand side of the model"),
    ]

    @Test("errors name their column and cause", arguments: errorCases)
    func error(_ c: ErrorCase) {
        #expect(throws: FormulaError(column: c.column, message: c.message)) {
            try Formula(c.source, parameters: c.names)
        }
    }

    @Test("nesting is limited, generously")
    func nesting() throws {
        let deep = String(repeating: "(", count: 150) + "x" + String(repeating: ")", count: 150)
        #expect(try Formula("b1*" + deep, parameters: ["b1"]).value(at: 2, parameters: [3]) == 6)
        let tooDeep = String(repeating: "(", count: 201) + "x" + String(repeating: ")", count: 201)
        #expect(throws: FormulaError(column: 201, message: "formula nests deeper than 200 levels")) {
            try Formula(tooDeep, parameters: [])
        }
    }

    @Test("error description is one line, with the column when there is one")
    func errorDescription() {
        #expect(
            FormulaError(column: 6, message: "parameter 'b4' has no start value (give it in --start)").description
                == "formula column 6: parameter 'b4' has no start value (give it in --start)")
        #expect(FormulaError(column: 0, message: "m").description == "formula: m")
    }

    // MARK: Gradients

    /// Formulas whose gradients are checked numerically.
    ///
    /// Every function, both power spellings, each row width (1–2, 3–4, 5–8 and over 8
    /// parameters) and the NIST StRD model forms.
    static let gradientCases: [FormulaCase] = [
        FormulaCase("b1*exp(b2*x)", ["b1", "b2"], [2.5, -0.3], at: [0, 1.5, 4]),
        FormulaCase("b1*log(b2*x)", ["b1", "b2"], [1.7, 0.8], at: [0.5, 3]),
        FormulaCase("sqrt(b1*x) + b2", ["b1", "b2"], [2, 1], at: [0.25, 9]),
        FormulaCase("b1*sin(b2*x)", ["b1", "b2"], [3, 0.7], at: [-1, 2]),
        FormulaCase("b1*cos(b2*x)", ["b1", "b2"], [3, 0.7], at: [-1, 2]),
        FormulaCase("b1*tan(b2*x)", ["b1", "b2"], [1.2, 0.3], at: [0.5, 3]),
        FormulaCase("atan(b1*x) + b2", ["b1", "b2"], [0.9, -2], at: [-3, 0.4]),
        FormulaCase("b2*abs(b1 - x)", ["b1", "b2"], [1.5, 2], at: [0, 4]),
        FormulaCase("b1*x^b2", ["b1", "b2"], [2, 1.5], at: [0.5, 3]),
        FormulaCase("b1*x**b2", ["b1", "b2"], [2, -0.5], at: [0.5, 3]),
        FormulaCase("b2^b1 + b1^3", ["b1", "b2"], [1.3, 2.2], at: [0]),
        FormulaCase("(b1 + x)^2 - b1**-1", ["b1"], [-1.5], at: [0, 2]),
        FormulaCase("b1/(b2 + x) - b1*b1*b2", ["b1", "b2"], [4, 1.25], at: [0, 2]),
        FormulaCase("-b1^2 + -b2**x", ["b1", "b2"], [1.5, 2], at: [0.5, 3]),
        FormulaCase("exp(-b1*x) + exp(-b1*x)*b2", ["b1", "b2"], [0.5, 3], at: [1, 2]),
        // NIST StRD forms
        FormulaCase("b1*(1-exp(-b2*x))", ["b1", "b2"], [240, 5e-4], at: [77.6, 790.3]),
        FormulaCase("b1/(1+exp(b2-b3*x))", ["b1", "b2", "b3"], [100, 5, 0.5], at: [1, 10, 15]),
        FormulaCase("b1 * (1-exp(-b2*x))", ["b1", "b2"], [500, 1e-4], at: [10, 1000]),
        FormulaCase("b1*(x**2+x*b2) / (x**2+x*b3+b4)", ["b1", "b2", "b3", "b4"], [0.25, 0.39, 0.415, 0.39], at: [4, 0.0625]),
        FormulaCase(
            "b1/((1+exp(b2-b3*x))**(1/b4))", ["b1", "b2", "b3", "b4"], [700, 5, 0.75, 1.3], at: [1, 9, 15]),
        FormulaCase(
            "b1*exp(-b2*x) + b3*exp(-(x-b4)**2 / b5**2)", ["b1", "b2", "b3", "b4", "b5"],
            [100, 0.01, 90, 110, 25], at: [20, 110, 180]),
        FormulaCase(
            "b1*exp( -b2*x ) + b3*exp( -(x-b4)**2 / b5**2 ) + b6*exp( -(x-b7)**2 / b8**2 )",
            ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"],
            [97, 0.0095, 100, 65, 20, 70, 178, 16.5], at: [30, 150, 230]),
        FormulaCase(
            "b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 )", ["b1", "b2", "b3"], [10.5, 3, 0.5], at: [1, 5, 100]),
        FormulaCase(
            "b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 ) + b5*cos( 2*pi*x/b4 ) + b6*sin( 2*pi*x/b4 )"
                + " + b8*cos( 2*pi*x/b7 ) + b9*sin( 2*pi*x/b7 )",
            ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9"],
            [10.5, 3, 0.5, 44, -0.66, -1.5, 26.9, -0.25, 0.5], at: [1, 50, 168]),
        FormulaCase(
            "(b1+b2*x+b3*x**2+b4*x**3) / (1+b5*x+b6*x**2+b7*x**3)",
            ["b1", "b2", "b3", "b4", "b5", "b6", "b7"],
            [1.3, 1.5e-3, 1e-5, -2e-8, 1e-3, 1e-5, -1e-8], at: [20, 700]),
        FormulaCase(
            "b1 + b2*x + b3*x^2 + b4*x^3 + b5*x^4 + b6*x^5 + b7*x^6 + b8*x^7 + b9*x^8 + b10*x^9",
            ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10"],
            [1, -1, 0.5, 0.25, -0.125, 0.1, 0.01, -0.02, 0.003, 0.0004], at: [-1.5, 0.7, 2]),
    ]

    /// Checks the exact gradient against central differences.
    ///
    /// The step is h = ε^(1/3)·|bⱼ| ≈ 6e-6·|bⱼ| (6e-6 at bⱼ = 0), which balances
    /// truncation (O(h²)) against rounding (O(ε|f|/h)); with it a central difference
    /// is good to about 1e-10 of the scale max(|∂f/∂bⱼ|, |f|/|bⱼ|), and the test
    /// allows 1e-6 of that scale.
    @Test("gradient agrees with central differences", arguments: gradientCases)
    func gradientAgainstDifferences(_ c: FormulaCase) throws {
        let f = try c.formula()
        for x in c.xs {
            var gradient = [Double](repeating: .nan, count: c.names.count)
            let y = f.value(at: x, parameters: c.values, gradient: &gradient)
            #expect(y.bitPattern == f.value(at: x, parameters: c.values).bitPattern)
            for j in c.values.indices {
                let size = c.values[j] == 0 ? 1 : abs(c.values[j])
                let h = cbrt(Double.ulpOfOne) * size
                var up = c.values, down = c.values
                up[j] += h
                down[j] -= h
                let difference = (f.value(at: x, parameters: up) - f.value(at: x, parameters: down)) / (up[j] - down[j])
                let scale = max(abs(gradient[j]), abs(y) / size)
                #expect(
                    abs(gradient[j] - difference) <= 1e-6 * scale,
                    "∂/∂\(c.names[j]) at x=\(x): \(gradient[j]) vs difference \(difference)")
            }
        }
    }

    static let analyticCases: [AnalyticGradientCase] = [
        AnalyticGradientCase(
            source: "b1*(1-exp(-b2*x))", names: ["b1", "b2"], values: [240, 5e-4], xs: [77.6, 790.3]
        ) { x, b in
            [1 - exp(-b[1] * x), b[0] * x * exp(-b[1] * x)]
        },
        AnalyticGradientCase(
            source: "b1/(1+exp(b2-b3*x))", names: ["b1", "b2", "b3"], values: [100, 5, 0.5], xs: [1, 10, 15]
        ) { x, b in
            let e = exp(b[1] - b[2] * x), d = 1 + e
            return [1 / d, -b[0] * e / (d * d), b[0] * x * e / (d * d)]
        },
        AnalyticGradientCase(
            source: "b1 + b2*cos( 2*pi*x/12 ) + b3*sin( 2*pi*x/12 )", names: ["b1", "b2", "b3"],
            values: [10.5, 3, 0.5], xs: [1, 5, 100]
        ) { x, _ in
            [1, cos(2 * Double.pi * x / 12), sin(2 * Double.pi * x / 12)]
        },
        AnalyticGradientCase(
            source: "b1 + b2*x + b3*x^2 + b4*x^3 + b5*x^4 + b6*x^5 + b7*x^6 + b8*x^7 + b9*x^8 + b10*x^9",
            names: (1...10).map { "b\($0)" }, values: (1...10).map { 1 / Double($0) }, xs: [-1.5, 0.7, 2]
        ) { x, _ in
            (0..<10).map { pow(x, Double($0)) }
        },
    ]

    @Test("gradient matches the hand-derived one to rounding", arguments: analyticCases)
    func gradientAgainstClosedForm(_ c: AnalyticGradientCase) throws {
        let f = try Formula(c.source, parameters: c.names)
        for x in c.xs {
            var gradient = [Double](repeating: .nan, count: c.names.count)
            _ = f.value(at: x, parameters: c.values, gradient: &gradient)
            let expected = c.gradient(x, c.values)
            for j in expected.indices {
                #expect(
                    same(gradient[j], expected[j], relative: 1e-13),
                    "∂/∂\(c.names[j]) at x=\(x): \(gradient[j]) vs \(expected[j])")
            }
        }
    }

    /// Where the derivative rules have special cases.
    ///
    /// Powers of non-positive bases, abs at and around 0, infinite and NaN partials
    /// (which must reach only the parameters they concern, for every row width),
    /// repeated and cancelling parameters.
    static let exactGradientCases: [ExactGradientCase] = [
        ExactGradientCase("b1^2", ["b1"], [-3], expected: [-6]),
        ExactGradientCase("b1**3", ["b1"], [-2], expected: [12]),
        ExactGradientCase("b1^-1", ["b1"], [-2], expected: [-0.25]),
        ExactGradientCase("b1^0", ["b1"], [0], expected: [0]),
        ExactGradientCase("x^b1", ["b1"], [2], x: 0, expected: [0]),
        ExactGradientCase("x^b1", ["b1"], [2], x: -2, expected: [.nan]),
        ExactGradientCase("b1^b2", ["b1", "b2"], [2, 3], expected: [12, 8 * log(2.0)]),
        ExactGradientCase("b1^b2", ["b1", "b2"], [0, 2], expected: [0, 0]),
        ExactGradientCase("b1^b2 + b3", ["b1", "b2", "b3"], [-2, 2, 5], expected: [-4, .nan, 1]),
        ExactGradientCase("abs(b1)", ["b1"], [-2], expected: [-1]),
        ExactGradientCase("abs(b1)", ["b1"], [3], expected: [1]),
        ExactGradientCase("abs(b1)", ["b1"], [0], expected: [0]),
        ExactGradientCase("sqrt(b1) + b2", ["b1", "b2"], [0, 1], expected: [.infinity, 1]),
        ExactGradientCase("b2*sqrt(b1) + b3", ["b1", "b2", "b3"], [0, 2, 1], expected: [.infinity, 0, 1]),
        ExactGradientCase(
            "sqrt(b1) + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9", (1...9).map { "b\($0)" }, [0, 1, 1, 1, 1, 1, 1, 1, 1],
            expected: [.infinity, 1, 1, 1, 1, 1, 1, 1, 1]),
        ExactGradientCase("log(b1)", ["b1"], [-2], expected: [-0.5]),
        ExactGradientCase("b1*b1 + b1", ["b1"], [3], expected: [7]),
        ExactGradientCase("b1 - b1", ["b1"], [3], expected: [0]),
        ExactGradientCase("b1*x + b2", ["b1", "b2"], [3, 1], x: .infinity, expected: [.infinity, 1]),
        ExactGradientCase("b1", ["b1"], [3], expected: [1]),
    ]

    @Test("special cases of the derivative rules", arguments: exactGradientCases)
    func exactGradient(_ c: ExactGradientCase) throws {
        let f = try Formula(c.source, parameters: c.names)
        var gradient = [Double](repeating: -99, count: c.names.count)
        _ = f.value(at: c.x, parameters: c.values, gradient: &gradient)
        for j in c.expected.indices {
            #expect(same(gradient[j], c.expected[j]), "∂/∂\(c.names[j]): \(gradient[j]), expected \(c.expected[j])")
        }
    }

    // MARK: API

    @Test("gradient follows the order of the names given, not of use; a formula is a curve")
    func parameterOrder() throws {
        let f = try Formula("b2*x + b1", parameters: ["b1", "b2"])
        #expect(f.parameterNames == ["b1", "b2"])
        #expect(f.source == "b2*x + b1")
        let curve: any ParametricCurve = f
        var gradient = [0.0, 0.0, 99.0]
        #expect(curve.value(at: 3, parameters: [1, 2], gradient: &gradient) == 7)
        #expect(gradient == [1, 3, 99])
    }

    @Test("a formula without parameters")
    func noParameters() throws {
        let f = try Formula("2*pi*x", parameters: [])
        var gradient: [Double] = []
        #expect(f.value(at: 1, parameters: [], gradient: &gradient) == 2 * Double.pi)
        #expect(f.parameterNames.isEmpty)
    }

    @Test("one formula evaluated from many tasks at once")
    func concurrentUse() async throws {
        let f = try Formula("b1/(1+exp(b2-b3*x))", parameters: ["b1", "b2", "b3"])
        let parameters = [100.0, 5, 0.5]
        let expected = (0..<200).map { f.value(at: Double($0) / 10, parameters: parameters) }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var gradient = [0.0, 0, 0]
                    return (0..<200).filter {
                        f.value(at: Double($0) / 10, parameters: parameters, gradient: &gradient) != expected[$0]
                    }.count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
