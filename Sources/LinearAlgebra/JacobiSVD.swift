extension Decompositions {
    /// Singular values (largest first) and right singular vectors (the rows of Vᵀ) of a
    /// tall matrix with few columns, by the one-sided Jacobi method, in pure Swift.
    ///
    /// Plane rotations applied to pairs of columns make them orthogonal; the column
    /// norms are then the singular values and the accumulated rotations V. The method
    /// has high relative accuracy (Demmel & Veselić 1992) and, for the handful of
    /// columns of a curve fit's Jacobian, needs none of a LAPACK call's workspace query,
    /// copies and allocations. Rotations stop when every pair's cosine is below m·ε, the
    /// rounding level of the inner products that measure it (a tighter test, such as
    /// LAPACK `dgesvj`'s √m·ε, can keep rotating noise), or after 60 sweeps.
    ///
    /// Hestenes (1958), "Inversion of matrices by biorthogonalization", *J. SIAM* 6(1), 51–90;
    /// Demmel & Veselić (1992), "Jacobi's method is more accurate than QR", *SIAM J. Matrix
    /// Anal. Appl.* 13(4), 1204–1245.
    public static func jacobiSingularValuesAndRightVectors(_ a: Matrix) -> (s: [Double], vt: Matrix) {
        let m = a.rows, n = a.columns
        var s = [Double](repeating: 0, count: n)
        var vt = Matrix(rows: n, columns: n)
        guard m > 0, n > 0 else { return (s, vt) }
        a.storage.withUnsafeBufferPointer { a in
            s.withUnsafeMutableBufferPointer { s in
                vt.storage.withUnsafeMutableBufferPointer { vt in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: jacobiWorkspace(rows: m, columns: n)) { w in
                        jacobiSingularValuesAndRightVectors(rows: m, columns: n, a.baseAddress!, s: s.baseAddress!,
                                                            vt: vt.baseAddress!, work: w.baseAddress!)
                    }
                }
            }
        }
        return (s, vt)
    }

    /// Scratch doubles `jacobiSingularValuesAndRightVectors(rows:columns:…)` needs.
    public static func jacobiWorkspace(rows m: Int, columns n: Int) -> Int { max(1, 2 * m * n + n * n + 2 * n) }

    /// The same on raw column-major storage, for callers that keep their scratch on the
    /// stack: `a` is m × n, `s` receives the n singular values (largest first), `vt` the
    /// n × n matrix Vᵀ (column-major), `work` holds `jacobiWorkspace(rows:columns:)` doubles.
    public static func jacobiSingularValuesAndRightVectors(rows: Int, columns n: Int, _ a: UnsafePointer<Double>,
                                                           s: UnsafeMutablePointer<Double>,
                                                           vt: UnsafeMutablePointer<Double>,
                                                           work: UnsafeMutablePointer<Double>) {
        // A tall matrix is first reduced to its n × n triangular factor R (A = QR has A's
        // singular values and right vectors): the rotations then work on n rows, not m,
        // and converge in fewer sweeps (Drmač & Veselić 2008, "New fast and accurate
        // Jacobi SVD algorithm I", SIAM J. Matrix Anal. Appl. 29(4), 1322–1342).
        let m = min(rows, n)
        let u = work, v = work + rows * n, norms = v + n * n, order = norms + n
        if rows > n {
            triangularFactor(rows: rows, columns: n, a, into: u, work: order + n)
        } else {
            u.initialize(from: a, count: rows * n)
        }
        v.initialize(repeating: 0, count: n * n)
        for j in 0..<n { v[j + j * n] = 1 }
        let tolerance = Double(max(rows, 1)) * Double.ulpOfOne
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
        for j in 0..<n {
            var sum = 0.0
            for i in 0..<m { sum += u[i + j * m] * u[i + j * m] }
            norms[j] = sum.squareRoot()
        }
        // Columns by decreasing norm, ties in column order (an insertion sort: n is small).
        func before(_ a: Int, _ b: Int) -> Bool { norms[a] > norms[b] || (norms[a] == norms[b] && a < b) }
        for j in 0..<n {
            var k = j
            while k > 0 && before(j, Int(order[k - 1])) {
                order[k] = order[k - 1]
                k -= 1
            }
            order[k] = Double(j)
        }
        for k in 0..<n {
            let j = Int(order[k])
            s[k] = norms[j]
            for i in 0..<n { vt[k + i * n] = v[i + j * n] }
        }
    }

    /// The upper-triangular factor R (n × n, column-major) of a tall m × n matrix by
    /// Householder reflections into `r`; Q is not formed. `work` holds m·n doubles.
    static func triangularFactor(rows m: Int, columns n: Int, _ a: UnsafePointer<Double>,
                                 into r: UnsafeMutablePointer<Double>, work w: UnsafeMutablePointer<Double>) {
        w.initialize(from: a, count: m * n)
        r.initialize(repeating: 0, count: n * n)
        for j in 0..<n {
            let cj = w + j * m
            var norm = Reductions.sumOfSquares(cj + j, m - j).squareRoot()
            if norm != 0 {
                if cj[j] < 0 { norm = -norm }
                // v = x / norm + e₁, H = I − v·vᵀ / v₁ maps x to −norm·e₁.
                let scale = 1 / norm
                for i in j..<m { cj[i] *= scale }
                cj[j] += 1
                for k in (j + 1)..<max(j + 1, n) {
                    let ck = w + k * m
                    let t = Reductions.dot(cj + j, ck + j, m - j) / cj[j]
                    for i in j..<m { ck[i] -= t * cj[i] }
                }
            }
            r[j + j * n] = -norm
            for k in (j + 1)..<max(j + 1, n) { r[j + k * n] = w[j + k * m] }
        }
    }
}
