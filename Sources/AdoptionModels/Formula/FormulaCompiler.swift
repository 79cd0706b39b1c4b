/// Compiles a formula's syntax tree into flat register code.
///
/// Along the way it folds operations on constants (`2*pi/12` becomes one number,
/// computed by the same code the evaluator runs), turns `u^2` into `u*u`, and shares
/// repeated subexpressions, so `exp(-b2*x)` written twice is computed once. It never
/// simplifies across non-constants: `0*b1` stays a multiplication, so NaN and
/// infinity propagate as IEEE arithmetic says.
struct FormulaCompiler {
    /// Where an instruction's operand comes from, before slots are numbered.
    private enum Operand: Hashable {
        case parameter(Int)
        case predictor
        case constant(Int)
        case result(Int)
    }

    /// An emitted instruction, used to recognise a repeated one.
    private struct Emitted: Hashable {
        let opcode: FormulaOpcode
        let a: Operand
        let b: Operand
    }

    private let parameterCount: Int
    private var constants: [Double] = []
    private var constantIndex: [UInt64: Int] = [:]
    private var code: [Emitted] = []
    private var codeIndex: [Emitted: Int] = [:]
    private var resultIsActive: [Bool] = []

    /// Compiles `tree`, whose parameter indices are below `parameterCount`.
    static func compile(_ tree: FormulaNode, parameterCount: Int) -> FormulaProgram {
        var compiler = FormulaCompiler(parameterCount: parameterCount)
        let result = compiler.compile(tree)
        return compiler.program(result: result)
    }

    private init(parameterCount: Int) {
        self.parameterCount = parameterCount
    }

    private mutating func compile(_ node: FormulaNode) -> Operand {
        switch node {
        case .constant(let value):
            return constant(value)
        case .predictor:
            return .predictor
        case .parameter(let index):
            return .parameter(index)
        case .negate(let operand):
            let a = compile(operand)
            return emit(.negate, a, a)
        case .binary(let op, let left, let right):
            let a = compile(left)
            let b = compile(right)
            switch op {
            case .add: return emit(.add, a, b)
            case .subtract: return emit(.subtract, a, b)
            case .multiply: return emit(.multiply, a, b)
            case .divide: return emit(.divide, a, b)
            case .power:
                // pow(u, 2) and u*u are both correctly rounded, so they agree exactly.
                if case .constant(let k) = b, constants[k] == 2 { return emit(.multiply, a, a) }
                return emit(.power, a, b)
            }
        case .call(let function, let argument):
            let a = compile(argument)
            return emit(Self.opcode(of: function), a, a)
        }
    }

    private static func opcode(of function: FormulaFunction) -> FormulaOpcode {
        switch function {
        case .exp: .exp
        case .log: .log
        case .sqrt: .sqrt
        case .sin: .sin
        case .cos: .cos
        case .tan: .tan
        case .atan: .atan
        case .abs: .abs
        }
    }

    private mutating func constant(_ value: Double) -> Operand {
        if let index = constantIndex[value.bitPattern] { return .constant(index) }
        constants.append(value)
        constantIndex[value.bitPattern] = constants.count - 1
        return .constant(constants.count - 1)
    }

    private func isActive(_ operand: Operand) -> Bool {
        switch operand {
        case .parameter: true
        case .predictor, .constant: false
        case .result(let index): resultIsActive[index]
        }
    }

    /// Emits `opcode(a, b)` and returns where its result is.
    ///
    /// Folds it instead when both operands are constants, and reuses an identical
    /// earlier instruction.
    private mutating func emit(_ opcode: FormulaOpcode, _ a: Operand, _ b: Operand) -> Operand {
        if case .constant(let i) = a, case .constant(let j) = b {
            return constant(opcode.apply(constants[i], constants[j]))
        }
        let instruction = Emitted(opcode: opcode, a: a, b: b)
        if let index = codeIndex[instruction] { return .result(index) }
        code.append(instruction)
        resultIsActive.append(isActive(a) || isActive(b))
        codeIndex[instruction] = code.count - 1
        return .result(code.count - 1)
    }

    /// Numbers the value slots and derivative rows and lays out the final program.
    private func program(result: Operand) -> FormulaProgram {
        let constantBase = parameterCount + 1
        let resultBase = constantBase + constants.count
        func slot(_ operand: Operand) -> Int32 {
            switch operand {
            case .parameter(let index): Int32(index)
            case .predictor: Int32(parameterCount)
            case .constant(let index): Int32(constantBase + index)
            case .result(let index): Int32(resultBase + index)
            }
        }
        // Each parameter-dependent instruction gets a derivative row, in order.
        var rowOfResult: [Int32] = []
        var rowCount: Int32 = 0
        for active in resultIsActive {
            rowOfResult.append(active ? rowCount : FormulaInstruction.noRow)
            if active { rowCount += 1 }
        }
        func row(_ operand: Operand) -> Int32 {
            switch operand {
            case .parameter(let index): FormulaInstruction.unitRow(ofParameter: index)
            case .result(let index): rowOfResult[index]
            case .predictor, .constant: FormulaInstruction.noRow
            }
        }
        let instructions = code.enumerated().map { index, emitted in
            let activeA: UInt8 = isActive(emitted.a) ? 1 : 0
            let activeB: UInt8 = emitted.opcode.isBinary && isActive(emitted.b) ? 2 : 0
            return FormulaInstruction(
                opcode: emitted.opcode, activeOperands: activeA | activeB,
                a: slot(emitted.a), b: slot(emitted.b),
                rowA: row(emitted.a), rowB: row(emitted.b), row: rowOfResult[index])
        }
        return FormulaProgram(
            parameterCount: parameterCount, constants: constants, instructions: instructions,
            rowCount: Int(rowCount), resultSlot: Int(slot(result)), resultRow: row(result))
    }
}
