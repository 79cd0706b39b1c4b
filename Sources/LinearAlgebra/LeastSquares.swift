/// The solution of an overdetermined system `min ‖A·x − b‖₂`, with its numerical rank.
public struct LeastSquaresSolution: Sendable, Equatable {
    /// The minimizer; for a rank-deficient `A`, the basic (QR) or minimum-norm (SVD) one.
    public let solution: [Double]
    /// Numerical rank of `A` at the tolerance used.
    public let rank: Int
    /// Residual sum of squares ‖A·x − b‖².
    public let residualSumOfSquares: Double
    /// Singular values of `A`, largest first (SVD solver only; empty for QR).
    public let singularValues: [Double]
}

/// Linear least squares by pivoted QR and by SVD.
public enum LeastSquares {
    /// Default relative tolerance for rank decisions: n·ε scaled by the largest value.
    public static func defaultRankTolerance(rows: Int, columns: Int) -> Double {
        Double(max(rows, columns)) * Double.ulpOfOne
    }

    /// Solves `min ‖A·x − b‖₂` by QR with column pivoting (`dgeqp3`).
    ///
    /// The rank is the number of diagonal entries of R with
    /// `|Rₖₖ| > tolerance · |R₁₁|`; columns beyond it get a zero coefficient
    /// (the basic solution).
    ///
    /// - Parameters:
    ///   - a: the `m × n` design matrix, `m ≥ n`.
    ///   - b: the `m` observations.
    ///   - tolerance: relative rank tolerance; defaults to `max(m, n)·ε`.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` when shapes disagree.
    ///
    /// Golub & Van Loan (2013), *Matrix Computations*, §5.4.
    public static func qr(_ a: Matrix, _ b: [Double], tolerance: Double? = nil) throws(LinearAlgebraError)
        -> LeastSquaresSolution
    {
        guard a.rows == b.count else { throw .dimensionMismatch("A has \(a.rows) rows, b has \(b.count)") }
        guard a.rows >= a.columns else { throw .dimensionMismatch("QR least squares needs rows ≥ columns") }
        let n = a.columns
        if n == 0 { return LeastSquaresSolution(solution: [], rank: 0, residualSumOfSquares: sumOfSquares(b), singularValues: []) }
        let tol = tolerance ?? defaultRankTolerance(rows: a.rows, columns: n)
        let (packed, tau, perm) = try LAPACK.pivotedQR(a)
        let qtb = try LAPACK.applyQTranspose(packed: packed, tau: tau, to: Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
        let r11 = abs(packed[0, 0])
        var rank = 0
        while rank < n && abs(packed[rank, rank]) > tol * r11 { rank += 1 }
        // Back substitution on the leading rank × rank block of R.
        var z = [Double](repeating: 0, count: n)
        for i in stride(from: rank - 1, through: 0, by: -1) {
            var s = qtb[i]
            for j in (i + 1)..<rank { s -= packed[i, j] * z[j] }
            z[i] = s / packed[i, i]
        }
        var x = [Double](repeating: 0, count: n)
        for k in 0..<n { x[perm[k]] = z[k] }
        let r = zip(a * x, b).map { $0 - $1 }
        return LeastSquaresSolution(solution: x, rank: rank, residualSumOfSquares: sumOfSquares(r), singularValues: [])
    }

    /// Solves `min ‖A·x − b‖₂` by the SVD, giving the minimum-norm solution.
    ///
    /// Singular values below `rcond · σ₁` are treated as zero, which sets the rank.
    ///
    /// - Parameters:
    ///   - a: the `m × n` design matrix (any shape).
    ///   - b: the `m` observations.
    ///   - rcond: relative cut-off; defaults to `max(m, n)·ε`.
    /// - Throws: `LinearAlgebraError` if the SVD fails or shapes disagree.
    public static func svd(_ a: Matrix, _ b: [Double], rcond: Double? = nil) throws(LinearAlgebraError)
        -> LeastSquaresSolution
    {
        guard a.rows == b.count else { throw .dimensionMismatch("A has \(a.rows) rows, b has \(b.count)") }
        let cut = rcond ?? defaultRankTolerance(rows: a.rows, columns: a.columns)
        let d = try LAPACK.svd(a, vectors: true)
        guard let s1 = d.s.first else {
            return LeastSquaresSolution(solution: [Double](repeating: 0, count: a.columns), rank: 0,
                                        residualSumOfSquares: sumOfSquares(b), singularValues: [])
        }
        var x = [Double](repeating: 0, count: a.columns)
        var rank = 0
        for k in 0..<d.s.count where d.s[k] > cut * s1 {
            rank += 1
            var utb = 0.0
            for i in 0..<a.rows { utb += d.u[i, k] * b[i] }
            let c = utb / d.s[k]
            for j in 0..<a.columns { x[j] += c * d.vt[k, j] }
        }
        let r = zip(a * x, b).map { $0 - $1 }
        return LeastSquaresSolution(solution: x, rank: rank, residualSumOfSquares: sumOfSquares(r), singularValues: d.s)
    }

    static func sumOfSquares(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 } }
}
