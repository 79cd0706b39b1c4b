/// A dense real matrix stored column by column, as LAPACK expects.
///
/// Element (i, j) lives at `storage[i + j * rows]`. Sizes are small in this
/// toolkit (observations × parameters), so the type favours clarity over views.
public struct Matrix: Sendable, Equatable, CustomStringConvertible {
    public let rows: Int
    public let columns: Int
    /// Column-major elements.
    public var storage: [Double]

    /// A `rows × columns` matrix of `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix sizes are non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix from column-major elements.
    public init(rows: Int, columns: Int, columnMajor: [Double]) {
        precondition(columnMajor.count == rows * columns, "element count must be rows × columns")
        self.rows = rows
        self.columns = columns
        self.storage = columnMajor
    }

    /// A matrix from its rows, written as they read: `Matrix([[1, 2], [3, 4]])`.
    public init(_ rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "rows must have equal length")
        var s = [Double](repeating: 0, count: r * c)
        for i in 0..<r { for j in 0..<c { s[i + j * r] = rowArrays[i][j] } }
        self.init(rows: r, columns: c, columnMajor: s)
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t[j, i] = self[i, j] } }
        return t
    }

    /// The matrix product `self · other`.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.columns == rhs.rows, "inner dimensions must agree")
        var out = Matrix(rows: lhs.rows, columns: rhs.columns)
        for j in 0..<rhs.columns {
            for k in 0..<lhs.columns {
                let b = rhs[k, j]
                if b == 0 { continue }
                for i in 0..<lhs.rows { out.storage[i + j * lhs.rows] += lhs.storage[i + k * lhs.rows] * b }
            }
        }
        return out
    }

    /// The matrix–vector product `self · v`.
    public static func * (lhs: Matrix, v: [Double]) -> [Double] {
        precondition(lhs.columns == v.count, "inner dimensions must agree")
        var out = [Double](repeating: 0, count: lhs.rows)
        for k in 0..<lhs.columns {
            let b = v[k]
            for i in 0..<lhs.rows { out[i] += lhs.storage[i + k * lhs.rows] * b }
        }
        return out
    }

    public var description: String {
        (0..<rows).map { i in (0..<columns).map { j in "\(self[i, j])" }.joined(separator: "\t") }
            .joined(separator: "\n")
    }
}
