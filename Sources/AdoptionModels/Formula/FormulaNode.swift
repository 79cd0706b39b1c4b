/// A node of a parsed formula's syntax tree.
///
/// Names are already resolved: `x` is `.predictor`, `pi` a `.constant`, and a
/// parameter its index in the formula's parameter list. Unary plus leaves no node.
indirect enum FormulaNode: Equatable {
    case constant(Double)
    case predictor
    case parameter(Int)
    case negate(FormulaNode)
    case binary(FormulaBinaryOperator, FormulaNode, FormulaNode)
    case call(FormulaFunction, FormulaNode)
}

/// The binary operators of the formula language.
///
/// `.power` is written `^` or `**`.
enum FormulaBinaryOperator: Equatable {
    case add, subtract, multiply, divide, power
}

/// The one-argument functions a formula can call.
///
/// The raw value is the name written in a formula.
enum FormulaFunction: String, CaseIterable, Equatable {
    case exp, log, sqrt, sin, cos, tan, atan, abs

    /// The known names, comma-separated, for messages.
    static let namesList = allCases.map(\.rawValue).joined(separator: ", ")
}
