#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// Operation codes of compiled formula code, with their values and derivatives.
///
/// Unary operations read only their first operand. Everything is IEEE double
/// arithmetic and the C library's functions: `log` of a negative number is NaN,
/// power is C's `pow`, so `(-2)^3` is −8 and `(-2)^0.5` NaN.
enum FormulaOpcode: UInt8, Equatable, Sendable {
    case add, subtract, multiply, divide, power
    case negate, exp, log, sqrt, sin, cos, tan, atan, abs

    /// Whether the operation reads its second operand.
    var isBinary: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .power: true
        default: false
        }
    }

    /// The operation's value.
    ///
    /// The compiler folds constants with this too, so folded and run-time results
    /// agree bit for bit.
    @inline(__always)
    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        case .power: formulaPow(a, b)
        case .negate: -a
        case .exp: formulaExp(a)
        case .log: formulaLog(a)
        case .sqrt: a.squareRoot()
        case .sin: formulaSin(a)
        case .cos: formulaCos(a)
        case .tan: formulaTan(a)
        case .atan: formulaAtan(a)
        case .abs: Swift.abs(a)
        }
    }

    /// The value with its partial derivatives ∂/∂a and ∂/∂b.
    ///
    /// `active` says which partials are wanted (bit 0: ∂/∂a, bit 1: ∂/∂b); the value
    /// is the same as `apply`'s. Partials not wanted may come back as anything where
    /// computing them would cost a library call; the others are exact, with
    /// ∂|a|/∂a = sign(a) (0 at 0), and for a^b: ∂/∂a = b·a^(b−1), which `pow` gets
    /// right for a ≤ 0 with integer b, and 0 when b = 0; ∂/∂b = a^b·ln a for a > 0,
    /// 0 at a = 0 with b > 0 (a^b is 0 there), NaN elsewhere.
    @inline(__always)
    func applyWithPartials(_ a: Double, _ b: Double, active: UInt8) -> (value: Double, da: Double, db: Double) {
        switch self {
        case .add:
            return (a + b, 1, 1)
        case .subtract:
            return (a - b, 1, -1)
        case .multiply:
            return (a * b, b, a)
        case .divide:
            let r = a / b
            let da = 1 / b
            return (r, da, -r * da)
        case .power:
            let r = formulaPow(a, b)
            var da = 0.0, db = 0.0
            if active & 1 != 0 { da = b == 0 ? 0 : b * formulaPow(a, b - 1) }
            if active & 2 != 0 { db = a > 0 ? r * formulaLog(a) : a == 0 && b > 0 ? 0 : .nan }
            return (r, da, db)
        case .negate:
            return (-a, -1, 0)
        case .exp:
            let r = formulaExp(a)
            return (r, r, 0)
        case .log:
            return (formulaLog(a), 1 / a, 0)
        case .sqrt:
            let r = a.squareRoot()
            return (r, 0.5 / r, 0)
        case .sin:
            return (formulaSin(a), formulaCos(a), 0)
        case .cos:
            return (formulaCos(a), -formulaSin(a), 0)
        case .tan:
            let r = formulaTan(a)
            return (r, 1 + r * r, 0)
        case .atan:
            return (formulaAtan(a), 1 / (1 + a * a), 0)
        case .abs:
            let sign: Double = a > 0 ? 1 : a < 0 ? -1 : a == 0 ? 0 : .nan
            return (Swift.abs(a), sign, 0)
        }
    }
}

// The C library's functions, under names that the opcode cases don't shadow.
@inline(__always) private func formulaPow(_ a: Double, _ b: Double) -> Double { pow(a, b) }
@inline(__always) private func formulaExp(_ a: Double) -> Double { exp(a) }
@inline(__always) private func formulaLog(_ a: Double) -> Double { log(a) }
@inline(__always) private func formulaSin(_ a: Double) -> Double { sin(a) }
@inline(__always) private func formulaCos(_ a: Double) -> Double { cos(a) }
@inline(__always) private func formulaTan(_ a: Double) -> Double { tan(a) }
@inline(__always) private func formulaAtan(_ a: Double) -> Double { atan(a) }

/// One instruction of compiled formula code: `slot[next] = opcode(slot[a], slot[b])`.
///
/// Instruction `i` writes value slot `FormulaProgram.resultBase + i`; unary
/// instructions have `b == a`. Derivative rows are numbered apart from value slots:
/// only parameter-dependent instructions have one, and a parameter's row, its unit
/// vector, is named by a negative number (`unitRow(ofParameter:)`).
struct FormulaInstruction: Equatable, Sendable {
    var opcode: FormulaOpcode
    /// Bit 0 set when operand `a` depends on a parameter, bit 1 when `b` does.
    var activeOperands: UInt8
    var a: Int32
    var b: Int32
    /// The derivative rows of operands `a` and `b`; read only when they are active.
    var rowA: Int32
    var rowB: Int32
    /// This instruction's derivative row, or `noRow` when it depends on no parameter.
    var row: Int32

    /// The row of something that depends on no parameter.
    static let noRow = Int32.min

    /// The row number standing for parameter `index`'s unit vector.
    static func unitRow(ofParameter index: Int) -> Int32 { -1 - Int32(index) }
}
