/// Factorizations and derived quantities: Cholesky, SVD, inverses and condition numbers.
public enum Decompositions {
    /// The thin singular value decomposition `A = U·diag(s)·Vᵀ`, singular values largest first.
    ///
    /// - Throws: `LinearAlgebraError.svdDidNotConverge` in the rare case LAPACK's iteration fails.
    public static func svd(_ a: Matrix) throws(LinearAlgebraError) -> (u: Matrix, s: [Double], vt: Matrix) {
        try LAPACK.svd(a, vectors: true)
    }

    /// Singular values (largest first) and the right singular vectors as the rows of Vᵀ:
    /// what a covariance (JᵀJ)⁻¹ = V·diag(1/s²)·Vᵀ needs, without the cost of U.
    public static func singularValuesAndRightVectors(_ a: Matrix) throws(LinearAlgebraError) -> (s: [Double], vt: Matrix) {
        let d = try LAPACK.svd(a, left: false, right: true)
        return (d.s, d.vt)
    }

    /// Singular values only, largest first.
    public static func singularValues(_ a: Matrix) throws(LinearAlgebraError) -> [Double] {
        try LAPACK.svd(a, vectors: false).s
    }

    /// The upper-triangular Cholesky factor R of a symmetric positive-definite `A = RᵀR`.
    ///
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` naming the failing minor.
    public static func cholesky(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard a.rows == a.columns else { throw .dimensionMismatch("Cholesky needs a square matrix") }
        return try LAPACK.cholesky(a)
    }

    /// The inverse of a symmetric positive-definite matrix through its Cholesky factor.
    ///
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` when `A` is singular or indefinite.
    public static func choleskyInverse(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
        try LAPACK.choleskyInverse(upper: cholesky(a))
    }

    /// The Moore–Penrose pseudo-inverse `A⁺ = V·diag(1/sᵢ)·Uᵀ`, dropping `sᵢ ≤ rcond·s₁`.
    ///
    /// - Returns: `A⁺` (`n × m`) and the rank used.
    public static func pseudoInverse(_ a: Matrix, rcond: Double? = nil) throws(LinearAlgebraError)
        -> (inverse: Matrix, rank: Int)
    {
        let cut = rcond ?? LeastSquares.defaultRankTolerance(rows: a.rows, columns: a.columns)
        let d = try LAPACK.svd(a, vectors: true)
        var out = Matrix(rows: a.columns, columns: a.rows)
        guard let s1 = d.s.first, s1 > 0 else { return (out, 0) }
        var rank = 0
        for k in 0..<d.s.count where d.s[k] > cut * s1 {
            rank += 1
            let inv = 1 / d.s[k]
            for i in 0..<a.rows {
                let uik = d.u[i, k] * inv
                for j in 0..<a.columns { out[j, i] += d.vt[k, j] * uik }
            }
        }
        return (out, rank)
    }

    /// The 2-norm condition number `s_max / s_min` (infinite when `A` is rank-deficient).
    public static func conditionNumber(_ a: Matrix) throws(LinearAlgebraError) -> Double {
        let s = try singularValues(a)
        guard let first = s.first, let last = s.last else { return 0 }
        if a.rows < a.columns { return .infinity }
        return last == 0 ? .infinity : first / last
    }

    /// Sets the BLAS to one thread; call once before running many small solves in parallel.
    public static func useSingleThreadedBLAS() { LAPACK.useSingleThreadedBLAS() }
}
