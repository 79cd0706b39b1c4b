extension Decompositions {
    /// Cholesky `A = L·Lᵀ` of a small symmetric matrix in place, in pure Swift: `a` is n × n,
    /// column-major; its lower triangle is read and overwritten by L (the strict upper triangle is
    /// neither read nor written). Returns false at the first pivot (before its square root) not above
    /// `minimumPivot`, leaving `a` part-factored: the matrix is not positive definite by that margin.
    ///
    /// For the few parameters of a curve fit, in a solver's inner loop, where a LAPACK call
    /// (`cholesky(_:)`) would cost more in copies and allocations than the factorization itself.
    @inlinable
    public static func choleskyLower(n: Int, _ a: UnsafeMutablePointer<Double>, minimumPivot: Double) -> Bool {
        for j in 0..<n {
            var d = a[j + j * n]
            for k in 0..<j { d -= a[j + k * n] * a[j + k * n] }
            guard d > minimumPivot else { return false }
            let l = d.squareRoot()
            a[j + j * n] = l
            for i in (j + 1)..<n {
                var s = a[i + j * n]
                for k in 0..<j { s -= a[i + k * n] * a[j + k * n] }
                a[i + j * n] = s / l
            }
        }
        return true
    }

    /// Overwrites `b` with L⁻¹·b, L the lower factor `choleskyLower` left in `l` (n × n), and returns
    /// ‖L⁻¹·b‖², which for A = L·Lᵀ is bᵀA⁻¹b.
    @inlinable
    public static func solveLower(n: Int, _ l: UnsafePointer<Double>, _ b: UnsafeMutablePointer<Double>) -> Double {
        var squares = 0.0
        for i in 0..<n {
            var s = b[i]
            for k in 0..<i { s -= l[i + k * n] * b[k] }
            b[i] = s / l[i + i * n]
            squares += b[i] * b[i]
        }
        return squares
    }

    /// Overwrites `b` with L⁻ᵀ·b, L as for `solveLower`, and returns ‖L⁻ᵀ·b‖² (summed from the last
    /// element, the order the solution comes in).
    @inlinable
    public static func solveLowerTransposed(n: Int, _ l: UnsafePointer<Double>, _ b: UnsafeMutablePointer<Double>) -> Double {
        var squares = 0.0
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = b[i]
            for k in (i + 1)..<n { s -= l[k + i * n] * b[k] }
            b[i] = s / l[i + i * n]
            squares += b[i] * b[i]
        }
        return squares
    }
}

extension Decompositions {
    /// The upper-triangular Cholesky factor R (`A = RᵀR`) of a small symmetric positive-definite
    /// matrix, in pure Swift (`choleskyLower`); nil when A is not positive definite.
    ///
    /// Its digits are the same on every processor. LAPACK's (`cholesky(_:)`) follow the BLAS
    /// kernels OpenBLAS picks for the processor it runs on: the CPO forecast's Monte Carlo bands,
    /// drawn through this factor, moved in their last digits between processors with AVX-512 and
    /// those without, where a shipped report must be what its command writes on any of them.
    public static func smallCholesky(_ a: Matrix) -> Matrix? {
        guard a.rows == a.columns else { return nil }
        let n = a.rows
        guard n > 0 else { return a }
        var l = a.storage
        let positive = l.withUnsafeMutableBufferPointer { choleskyLower(n: n, $0.baseAddress!, minimumPivot: 0) }
        guard positive else { return nil }
        var r = Matrix(rows: n, columns: n)
        for j in 0..<n { for i in j..<n { r[j, i] = l[i + j * n] } }
        return r
    }

    /// The inverse of a small symmetric positive-definite matrix through its Cholesky factor, in
    /// pure Swift (`choleskyLower`, then `solveLower` and `solveLowerTransposed` for each column, whose
    /// digits do not depend on the processor), symmetric; nil when A is not positive definite.
    public static func smallCholeskyInverse(_ a: Matrix) -> Matrix? {
        guard a.rows == a.columns else { return nil }
        let n = a.rows
        guard n > 0 else { return a }
        var l = a.storage
        var inverse = Matrix(rows: n, columns: n)
        let positive = l.withUnsafeMutableBufferPointer { l in
            guard choleskyLower(n: n, l.baseAddress!, minimumPivot: 0) else { return false }
            // Column k of A⁻¹ = L⁻ᵀ·L⁻¹·eₖ.
            var e = [Double](repeating: 0, count: n)
            for k in 0..<n {
                for i in 0..<n { e[i] = i == k ? 1 : 0 }
                e.withUnsafeMutableBufferPointer { e in
                    _ = solveLower(n: n, l.baseAddress!, e.baseAddress!)
                    _ = solveLowerTransposed(n: n, l.baseAddress!, e.baseAddress!)
                }
                for i in 0..<n { inverse[i, k] = e[i] }
            }
            return true
        }
        guard positive else { return nil }
        // The upper triangle is kept and mirrored, as `choleskyInverse(_:)` does.
        for j in 0..<n { for i in (j + 1)..<max(j + 1, n) { inverse[i, j] = inverse[j, i] } }
        return inverse
    }
}
