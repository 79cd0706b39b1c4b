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
        // A tall matrix is first reduced to its n × n triangular factor R (A = QR has A's
        // singular values and right vectors): the rotations then work on n rows, not m,
        // and converge in fewer sweeps (Drmač & Veselić 2008, "New fast and accurate
        // Jacobi SVD algorithm I", SIAM J. Matrix Anal. Appl. 29(4), 1322–1342).
        let m = min(a.rows, a.columns), n = a.columns
        var u = a.rows > a.columns ? triangularFactor(a) : a.storage
        var v = [Double](repeating: 0, count: n * n)
        for j in 0..<n { v[j + j * n] = 1 }
        let tolerance = Double(max(a.rows, 1)) * Double.ulpOfOne
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

    /// The upper-triangular factor R (n × n, column-major) of a tall matrix by Householder
    /// reflections; Q is not formed.
    static func triangularFactor(_ a: Matrix) -> [Double] {
        let m = a.rows, n = a.columns
        var w = a.storage
        var r = [Double](repeating: 0, count: n * n)
        w.withUnsafeMutableBufferPointer { w in
            let w = w.baseAddress!
            for j in 0..<n {
                let cj = w + j * m
                var norm2 = 0.0
                for i in j..<m { norm2 += cj[i] * cj[i] }
                var norm = norm2.squareRoot()
                if norm != 0 {
                    if cj[j] < 0 { norm = -norm }
                    // v = x / norm + e₁, H = I − v·vᵀ / v₁ maps x to −norm·e₁.
                    let scale = 1 / norm
                    for i in j..<m { cj[i] *= scale }
                    cj[j] += 1
                    for k in (j + 1)..<max(j + 1, n) {
                        let ck = w + k * m
                        var dot = 0.0
                        for i in j..<m { dot += cj[i] * ck[i] }
                        let t = dot / cj[j]
                        for i in j..<m { ck[i] -= t * cj[i] }
                    }
                }
                r[j + j * n] = -norm
                for k in (j + 1)..<max(j + 1, n) { r[j + k * n] = w[j + k * m] }
            }
        }
        return r
    }
}
