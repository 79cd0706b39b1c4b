/// A problem with a custom formula or with the parameter names given for it.
///
/// `column` is 1-based and counts characters of the formula text, so a caller can
/// point at the offending place. Problems with the parameter list itself — a start
/// value for a name the formula never uses, a parameter called `x` — have no place
/// in the text and carry column 0.
public struct FormulaError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The 1-based column in the formula text, or 0 when the problem is in the parameter list.
    public let column: Int
    /// What is wrong, in one line.
    public let message: String

    /// Creates an error at `column` of the formula text.
    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// `formula column N: message`, or `formula: message` for parameter-list problems.
    public var description: String {
        column > 0 ? "formula column \(column): \(message)" : "formula: \(message)"
    }
}
