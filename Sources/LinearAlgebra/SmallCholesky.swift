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
