extension Decompositions {
    /// Singular values (largest first) and right singular vectors (the rows of Vᵀ) of a
    /// tall matrix with few columns, by the one-sided Jacobi method, in pure Swift.
    ///
    /// Plane rotations applied to pairs of columns make them orthogonal; the column
    /// norms are then the singular values and the accumulated rotations V. The method
    /// has high relative accuracy (Demmel & Veselić 1992) and, for the handful of
    /// columns of a curve fit's Jacobian, is far cheaper than a LAPACK call with its
    /// workspace queries. Rotations stop when every pair's cosine is below m·ε, the
    /// rounding level of the inner products that measure it (a tighter test, such as
    /// LAPACK `dgesvj`'s √m·ε, can keep rotating noise), or after 60 sweeps.
    ///
    /// Hestenes (1958), "Inversion of matrices by biorthogonalization", *J. SIAM* 6(1), 51–90;
    /// Demmel & Veselić (1992), "Jacobi's method is more accurate than QR", *SIAM J. Matrix
    /// Anal. Appl.* 13(4), 1204–1245.
    public static func jacobiSingularValuesAndRightVectors(_ a: Matrix) -> (s: [Double], vt: Matrix) {
        let m = a.rows, n = a.columns
        var u = a.storage
        var v = [Double](repeating: 0, count: n * n)
        for j in 0..<n { v[j + j * n] = 1 }
        let tolerance = Double(max(m, 1)) * Double.ulpOfOne
        u.withUnsafeMutableBufferPointer { u in
            v.withUnsafeMutableBufferPointer { v in
                for _ in 0..<60 {
                    var rotated = false
                    for p in 0..<max(0, n - 1) {
                        for q in (p + 1)..<n {
                            var alpha = 0.0, beta = 0.0, gamma = 0.0
                            for i in 0..<m {
                                let x = u[i + p * m], y = u[i + q * m]
                                alpha += x * x
                                beta += y * y
                                gamma += x * y
                            }
                            guard alpha > 0, beta > 0, abs(gamma) > tolerance * (alpha * beta).squareRoot() else { continue }
                            rotated = true
                            // The rotation that zeroes the (p, q) entry of the 2 × 2 Gram matrix.
                            let zeta = (beta - alpha) / (2 * gamma)
                            let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                            let c = 1 / (1 + t * t).squareRoot()
                            let s = c * t
                            for i in 0..<m {
                                let x = u[i + p * m], y = u[i + q * m]
                                u[i + p * m] = c * x - s * y
                                u[i + q * m] = s * x + c * y
                            }
                            for i in 0..<n {
                                let x = v[i + p * n], y = v[i + q * n]
                                v[i + p * n] = c * x - s * y
                                v[i + q * n] = s * x + c * y
                            }
                        }
                    }
                    if !rotated { break }
                }
            }
        }
        var norms = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var s = 0.0
            for i in 0..<m { s += u[i + j * m] * u[i + j * m] }
            norms[j] = s.squareRoot()
        }
        let order = (0..<n).sorted { norms[$0] > norms[$1] || (norms[$0] == norms[$1] && $0 < $1) }
        var vt = Matrix(rows: n, columns: n)
        for (k, j) in order.enumerated() {
            for i in 0..<n { vt[k, i] = v[i + j * n] }
        }
        return (order.map { norms[$0] }, vt)
    }
}
