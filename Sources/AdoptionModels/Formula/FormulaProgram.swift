/// A formula compiled to straight-line register code, with its evaluator.
///
/// Value slots are laid out as `[parameters][x][constants][instruction results]`.
/// Each call works in one scratch block from `withUnsafeTemporaryAllocation`, on
/// the stack (the standard library checks the stack's room only for blocks over a
/// kilobyte), so evaluation allocates nothing.
///
/// The gradient is exact, by forward-mode automatic differentiation: alongside its
/// value, every instruction that depends on a parameter gets its row of derivatives
/// with respect to all parameters by the chain rule,
/// `row[out] = ∂out/∂a · row[a] + ∂out/∂b · row[b]`. A row is one SIMD vector of
/// two, four or eight lanes (several eight-lane chunks beyond eight parameters), so
/// each step costs a vector multiply-add whatever the parameter count, and the rows
/// are computed in the same sweep as the values.
struct FormulaProgram: Sendable {
    let parameterCount: Int
    let constants: [Double]
    let instructions: [FormulaInstruction]
    /// How many instructions depend on a parameter, so have a derivative row.
    let rowCount: Int
    /// The slot holding the formula's value.
    let resultSlot: Int
    /// The value's derivative row (a unit row when the formula is one bare parameter).
    let resultRow: Int32
    /// Parameter j's unit row, as `chunks` vectors from index `j * chunks`.
    let unitRows: UnitRows

    /// The parameters' unit rows, in vectors as wide as the parameter count calls for.
    enum UnitRows: Sendable {
        case two([SIMD2<Double>])
        case four([SIMD4<Double>])
        case eight([SIMD8<Double>])

        init(parameterCount: Int) {
            func units<Row: SIMD>(_: Row.Type) -> [Row] where Row.Scalar == Double {
                let chunks = (parameterCount + Row.scalarCount - 1) / Row.scalarCount
                var rows = [Row](repeating: .zero, count: parameterCount * chunks)
                for j in 0..<parameterCount {
                    rows[j * chunks + j / Row.scalarCount][j % Row.scalarCount] = 1
                }
                return rows
            }
            if parameterCount <= 2 {
                self = .two(units(SIMD2<Double>.self))
            } else if parameterCount <= 4 {
                self = .four(units(SIMD4<Double>.self))
            } else {
                self = .eight(units(SIMD8<Double>.self))
            }
        }
    }

    init(
        parameterCount: Int, constants: [Double], instructions: [FormulaInstruction],
        rowCount: Int, resultSlot: Int, resultRow: Int32
    ) {
        self.parameterCount = parameterCount
        self.constants = constants
        self.instructions = instructions
        self.rowCount = rowCount
        self.resultSlot = resultSlot
        self.resultRow = resultRow
        self.unitRows = UnitRows(parameterCount: parameterCount)
    }

    var predictorSlot: Int { parameterCount }
    var constantBase: Int { parameterCount + 1 }
    var resultBase: Int { parameterCount + 1 + constants.count }
    var slotCount: Int { resultBase + instructions.count }

    /// The formula's value at `x`; `parameters` has `parameterCount` elements.
    func value(x: Double, parameters: UnsafeBufferPointer<Double>) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: slotCount) { scratch in
            let slots = scratch.baseAddress!
            load(x: x, parameters: parameters, slots: slots)
            instructions.withUnsafeBufferPointer { code in
                var out = slots + resultBase
                for instruction in code {
                    out.pointee = instruction.opcode.apply(slots[Int(instruction.a)], slots[Int(instruction.b)])
                    out += 1
                }
            }
            return slots[resultSlot]
        }
    }

    /// The value at `x`, writing ∂value/∂parameter j into `gradient[j]`.
    func value(
        x: Double, parameters: UnsafeBufferPointer<Double>,
        gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        if parameterCount == 0 { return value(x: x, parameters: parameters) }
        switch unitRows {
        case .two(let units):
            return units.withUnsafeBufferPointer { units in
                value(x: x, parameters: parameters, gradient: gradient, units: units.baseAddress!)
            }
        case .four(let units):
            return units.withUnsafeBufferPointer { units in
                value(x: x, parameters: parameters, gradient: gradient, units: units.baseAddress!)
            }
        case .eight(let units):
            return units.withUnsafeBufferPointer { units in
                value(x: x, parameters: parameters, gradient: gradient, units: units.baseAddress!)
            }
        }
    }

    /// Value and gradient, with derivative rows made of `Row` vectors.
    @inline(__always)
    private func value<Row: SIMD>(
        x: Double, parameters: UnsafeBufferPointer<Double>,
        gradient: UnsafeMutableBufferPointer<Double>, units: UnsafePointer<Row>
    ) -> Double where Row.Scalar == Double {
        let width = Row.scalarCount
        let chunks = (parameterCount + width - 1) / width
        let valueVectors = (slotCount + width - 1) / width
        return withUnsafeTemporaryAllocation(
            of: Row.self, capacity: valueVectors + rowCount * chunks
        ) { scratch in
            let base = scratch.baseAddress!
            let slots = UnsafeMutableRawPointer(base).bindMemory(to: Double.self, capacity: valueVectors * width)
            let rows = base + valueVectors
            load(x: x, parameters: parameters, slots: slots)
            forward(slots: slots, rows: rows, units: units, chunks: chunks)
            let row = Self.row(resultRow, rows: rows, units: units, chunks: chunks)
            for j in 0..<parameterCount { gradient[j] = row[j / width][j % width] }
            return slots[resultSlot]
        }
    }

    /// Where row `index` is: among the scratch rows, or a parameter's unit row.
    @inline(__always)
    private static func row<Row>(
        _ index: Int32, rows: UnsafeMutablePointer<Row>, units: UnsafePointer<Row>, chunks: Int
    ) -> UnsafePointer<Row> {
        index >= 0 ? UnsafePointer(rows + Int(index) * chunks) : units + Int(-1 - index) * chunks
    }

    /// `factor · row`, but 0 wherever `row` is 0 even when `factor` is infinite or NaN.
    @inline(__always)
    private static func scaled<Row: SIMD>(_ row: Row, by factor: Double) -> Row where Row.Scalar == Double {
        (factor * row).replacing(with: 0, where: row .== Row.zero)
    }

    /// Puts the parameters, `x` and the constants in their slots.
    @inline(__always)
    private func load(x: Double, parameters: UnsafeBufferPointer<Double>, slots: UnsafeMutablePointer<Double>) {
        for j in 0..<parameterCount { slots[j] = parameters[j] }
        slots[predictorSlot] = x
        constants.withUnsafeBufferPointer { values in
            let base = slots + constantBase
            for k in 0..<values.count { base[k] = values[k] }
        }
    }

    /// Runs every instruction, with the derivative rows of parameter-dependent ones.
    ///
    /// Only the rows of parameter-dependent operands are read, so a partial with
    /// respect to an operand that depends on no parameter never enters a row, and an
    /// infinite or NaN partial (∂√a/∂a at 0, ∂a^b/∂b for a < 0) spreads only to the
    /// parameters its operand depends on, as it would by hand.
    @inline(__always)
    private func forward<Row: SIMD>(
        slots: UnsafeMutablePointer<Double>, rows: UnsafeMutablePointer<Row>,
        units: UnsafePointer<Row>, chunks: Int
    ) where Row.Scalar == Double {
        let resultBase = self.resultBase
        instructions.withUnsafeBufferPointer { code in
            for i in 0..<code.count {
                let instruction = code[i]
                let a = slots[Int(instruction.a)], b = slots[Int(instruction.b)]
                let active = instruction.activeOperands
                if active == 0 {
                    slots[resultBase + i] = instruction.opcode.apply(a, b)
                    continue
                }
                let (r, da, db) = instruction.opcode.applyWithPartials(a, b, active: active)
                slots[resultBase + i] = r
                let out = rows + Int(instruction.row) * chunks
                let rowA = Self.row(instruction.rowA, rows: rows, units: units, chunks: chunks)
                let rowB = Self.row(instruction.rowB, rows: rows, units: units, chunks: chunks)
                if da.isFinite && db.isFinite {
                    switch active {
                    case 1:
                        for c in 0..<chunks { out[c] = da * rowA[c] }
                    case 2:
                        for c in 0..<chunks { out[c] = db * rowB[c] }
                    default:
                        for c in 0..<chunks { out[c] = da * rowA[c] + db * rowB[c] }
                    }
                } else {
                    // An infinite or NaN partial must reach only the parameters the
                    // operand depends on: where a row is exactly 0, so is the product.
                    for c in 0..<chunks {
                        var sum = Row.zero
                        if active & 1 != 0 { sum += Self.scaled(rowA[c], by: da) }
                        if active & 2 != 0 { sum += Self.scaled(rowB[c], by: db) }
                        out[c] = sum
                    }
                }
            }
        }
    }
}
