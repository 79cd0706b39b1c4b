// The building blocks of MINPACK's lmder, each testable on its own:
// enorm, qrfac, qrsolv and lmpar. Matrices are column-major with leading
// dimension `ld`. Translated from the Fortran of Moré, Garbow & Hillstrom
// (1980), "User guide for MINPACK-1", Argonne ANL-80-74.

import LinearAlgebra

enum MINPACK {
    static let epsilon = Double.ulpOfOne
    static let dwarf = Double.leastNormalMagnitude

    /// The Euclidean norm of `x`, guarded against overflow and underflow.
    ///
    /// The plain sum of squares is used when it is finite and above 1e-290: no term can then
    /// have overflowed, and terms lost to underflow weigh less than 1e-18 of it. Otherwise
    /// (MINPACK's concern: a very large or very small vector) the sum is taken scaled by the
    /// largest magnitude. A vector holding a NaN has norm NaN.
    static func enorm(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard let base = x.baseAddress, x.count > 0 else { return 0 }
        return enorm(base, x.count)
    }

    @inline(__always)
    static func enorm(_ x: UnsafePointer<Double>, _ count: Int) -> Double {
        let s = Reductions.sumOfSquares(x, count)
        if s.isFinite && s > 1e-290 { return s.squareRoot() }
        // Squares are never negative: the sum is NaN exactly when an element is.
        if s.isNaN { return s }
        return scaledNorm(x, count)
    }

    static func scaledNorm(_ x: UnsafePointer<Double>, _ count: Int) -> Double {
        var largest = 0.0
        for i in 0..<count { largest = max(largest, abs(x[i])) }
        if largest == 0 || !largest.isFinite { return largest }
        var scaled = 0.0
        for i in 0..<count { let r = x[i] / largest; scaled += r * r }
        return largest * scaled.squareRoot()
    }

    /// Householder QR with column pivoting: `A·P = Q·R`.
    ///
    /// On return the upper triangle of `a` holds R without its diagonal, which
    /// is in `rdiag`; the lower trapezoid holds the Householder vectors; column
    /// j of R is original column `ipvt[j]`; `acnorm` holds A's column norms.
    static func qrfac(m: Int, n: Int, a: UnsafeMutablePointer<Double>, ld: Int,
                      ipvt: UnsafeMutablePointer<Int>, rdiag: UnsafeMutablePointer<Double>,
                      acnorm: UnsafeMutablePointer<Double>, wa: UnsafeMutablePointer<Double>) {
        // Loops run over column pointers: pointer offsets need no overflow checks.
        func column(_ j: Int) -> UnsafeMutablePointer<Double> { a + j * ld }
        func columnNorm(_ j: Int, from i0: Int) -> Double {
            enorm(UnsafePointer(column(j) + i0), m - i0)
        }
        for j in 0..<n {
            acnorm[j] = columnNorm(j, from: 0)
            rdiag[j] = acnorm[j]
            wa[j] = rdiag[j]
            ipvt[j] = j
        }
        for j in 0..<min(m, n) {
            let aj = column(j)
            // Bring the column of largest remaining norm into the pivot position.
            var kmax = j
            for k in j..<n where rdiag[k] > rdiag[kmax] { kmax = k }
            if kmax != j {
                swapColumns(aj, column(kmax), m)
                rdiag[kmax] = rdiag[j]
                wa[kmax] = wa[j]
                let p = ipvt[j]; ipvt[j] = ipvt[kmax]; ipvt[kmax] = p
            }
            var ajnorm = columnNorm(j, from: j)
            if ajnorm != 0 {
                if aj[j] < 0 { ajnorm = -ajnorm }
                // One division, then products (as LAPACK's dlarfg scales a reflector).
                let scale = 1 / ajnorm
                for i in j..<m { aj[i] *= scale }
                aj[j] += 1
                // Apply the transformation to the remaining columns and update their norms.
                var k = j + 1
                while k < n {
                    let ak = column(k)
                    let sum = Reductions.dot(aj + j, ak + j, m - j)
                    let temp = sum / aj[j]
                    for i in j..<m { ak[i] -= temp * aj[i] }
                    if rdiag[k] != 0 {
                        let r = ak[j] / rdiag[k]
                        rdiag[k] *= max(0, 1 - r * r).squareRoot()
                        let ratio = rdiag[k] / wa[k]
                        if 0.05 * ratio * ratio <= epsilon {
                            rdiag[k] = j + 1 < m ? columnNorm(k, from: j + 1) : 0
                            wa[k] = rdiag[k]
                        }
                    }
                    k += 1
                }
            }
            rdiag[j] = -ajnorm
        }
    }

    /// Exchanges `count` elements of two distinct columns, two at a time (the loop of single
    /// elements does not vectorize: the compiler cannot tell that the columns do not overlap).
    @inline(__always)
    static func swapColumns(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) {
        let rx = UnsafeMutableRawPointer(x), ry = UnsafeMutableRawPointer(y)
        var i = 0
        while i &+ 2 <= count {
            let offset = i &* MemoryLayout<Double>.stride
            let u = rx.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
            let v = ry.loadUnaligned(fromByteOffset: offset, as: SIMD2<Double>.self)
            rx.storeBytes(of: v, toByteOffset: offset, as: SIMD2<Double>.self)
            ry.storeBytes(of: u, toByteOffset: offset, as: SIMD2<Double>.self)
            i &+= 2
        }
        if i < count { let t = x[i]; x[i] = y[i]; y[i] = t }
    }

    /// Overwrites `b` (length m) with Qᵀ·b, Q the product of the reflectors `qrfac` left in
    /// the lower trapezoid of `a` (before R's diagonal is put back there).
    static func applyQTranspose(m: Int, n: Int, a: UnsafePointer<Double>, ld: Int, to b: UnsafeMutablePointer<Double>) {
        for j in 0..<min(m, n) {
            let aj = a + j * ld
            guard aj[j] != 0 else { continue }
            let sum = Reductions.dot(aj + j, b + j, m - j)
            let temp = -sum / aj[j]
            for i in j..<m { b[i] += aj[i] * temp }
        }
    }

    /// Solves `min ‖[R; D]·z − [Qᵀb; 0]‖` for a diagonal D by Givens rotations.
    ///
    /// `r` holds the full upper triangle of R on entry (n × n, leading dimension ld);
    /// its strict lower triangle receives Sᵀ and `sdiag` the diagonal of S,
    /// where `PᵀAᵀA P + PᵀDDP = SᵀS`.
    static func qrsolv(n: Int, r: UnsafeMutablePointer<Double>, ld: Int, ipvt: UnsafePointer<Int>,
                       diag: UnsafePointer<Double>, qtb: UnsafePointer<Double>,
                       x: UnsafeMutablePointer<Double>, sdiag: UnsafeMutablePointer<Double>,
                       wa: UnsafeMutablePointer<Double>) {
        for j in 0..<n {
            for i in j..<n { r[i + j * ld] = r[j + i * ld] }
            x[j] = r[j + j * ld]
            wa[j] = qtb[j]
        }
        for j in 0..<n {
            let l = ipvt[j]
            if diag[l] != 0 {
                for k in j..<n { sdiag[k] = 0 }
                sdiag[j] = diag[l]
                var qtbpj = 0.0
                for k in j..<n where sdiag[k] != 0 {
                    let rkk = r[k + k * ld]
                    let c: Double, s: Double
                    if abs(rkk) < abs(sdiag[k]) {
                        let cotan = rkk / sdiag[k]
                        s = 0.5 / (0.25 + 0.25 * cotan * cotan).squareRoot()
                        c = s * cotan
                    } else {
                        let tan = sdiag[k] / rkk
                        c = 0.5 / (0.25 + 0.25 * tan * tan).squareRoot()
                        s = c * tan
                    }
                    r[k + k * ld] = c * rkk + s * sdiag[k]
                    let temp = c * wa[k] + s * qtbpj
                    qtbpj = -s * wa[k] + c * qtbpj
                    wa[k] = temp
                    for i in (k + 1)..<max(k + 1, n) {
                        let t = c * r[i + k * ld] + s * sdiag[i]
                        sdiag[i] = -s * r[i + k * ld] + c * sdiag[i]
                        r[i + k * ld] = t
                    }
                }
            }
            sdiag[j] = r[j + j * ld]
            r[j + j * ld] = x[j]
        }
        // Solve the triangular system; a singular S gives a least-squares solution.
        var nsing = n
        for j in 0..<n {
            if sdiag[j] == 0 && nsing == n { nsing = j }
            if nsing < n { wa[j] = 0 }
        }
        var j = nsing - 1
        while j >= 0 {
            var sum = 0.0
            for i in (j + 1)..<max(j + 1, nsing) { sum += r[i + j * ld] * wa[i] }
            wa[j] = (wa[j] - sum) / sdiag[j]
            j -= 1
        }
        for j in 0..<n { x[ipvt[j]] = wa[j] }
    }

    /// The Levenberg–Marquardt parameter: finds `par ≥ 0` such that the step
    /// `x` solving `(JᵀJ + par·DᵀD)·x = −Jᵀr` has `‖D·x‖` within 10 % of `delta`
    /// (or `par = 0` if the Gauss–Newton step is already inside).
    static func lmpar(n: Int, r: UnsafeMutablePointer<Double>, ld: Int, ipvt: UnsafePointer<Int>,
                      diag: UnsafePointer<Double>, qtb: UnsafePointer<Double>, delta: Double,
                      par: inout Double, x: UnsafeMutablePointer<Double>,
                      sdiag: UnsafeMutablePointer<Double>, wa1: UnsafeMutablePointer<Double>,
                      wa2: UnsafeMutablePointer<Double>) {
        // Gauss–Newton direction (least squares if R is singular).
        var nsing = n
        for j in 0..<n {
            wa1[j] = qtb[j]
            if r[j + j * ld] == 0 && nsing == n { nsing = j }
            if nsing < n { wa1[j] = 0 }
        }
        var j = nsing - 1
        while j >= 0 {
            wa1[j] /= r[j + j * ld]
            let temp = wa1[j]
            for i in 0..<j { wa1[i] -= r[i + j * ld] * temp }
            j -= 1
        }
        for j in 0..<n { x[ipvt[j]] = wa1[j] }

        for j in 0..<n { wa2[j] = diag[j] * x[j] }
        var dxnorm = enorm(UnsafePointer(wa2), n)
        var fp = dxnorm - delta
        if fp <= 0.1 * delta {
            par = 0
            return
        }
        // Lower bound parl from the Newton step (only when the Jacobian has full rank).
        var parl = 0.0
        if nsing >= n {
            for j in 0..<n { let l = ipvt[j]; wa1[j] = diag[l] * (wa2[l] / dxnorm) }
            for j in 0..<n {
                var sum = 0.0
                for i in 0..<j { sum += r[i + j * ld] * wa1[i] }
                wa1[j] = (wa1[j] - sum) / r[j + j * ld]
            }
            let temp = enorm(UnsafePointer(wa1), n)
            parl = ((fp / delta) / temp) / temp
        }
        // Upper bound paru.
        for j in 0..<n {
            var sum = 0.0
            for i in 0...j { sum += r[i + j * ld] * qtb[i] }
            wa1[j] = sum / diag[ipvt[j]]
        }
        let gnorm = enorm(UnsafePointer(wa1), n)
        var paru = gnorm / delta
        if paru == 0 { paru = dwarf / min(delta, 0.1) }

        par = max(par, parl)
        par = min(par, paru)
        if par == 0 { par = gnorm / dxnorm }

        var iteration = 0
        while true {
            iteration += 1
            if par == 0 { par = max(dwarf, 0.001 * paru) }
            let sp = par.squareRoot()
            for j in 0..<n { wa1[j] = sp * diag[j] }
            qrsolv(n: n, r: r, ld: ld, ipvt: ipvt, diag: wa1, qtb: qtb, x: x, sdiag: sdiag, wa: wa2)
            for j in 0..<n { wa2[j] = diag[j] * x[j] }
            dxnorm = enorm(UnsafePointer(wa2), n)
            let previous = fp
            fp = dxnorm - delta
            if abs(fp) <= 0.1 * delta || (parl == 0 && fp <= previous && previous < 0) || iteration == 10 {
                return
            }
            // Newton correction.
            for j in 0..<n { let l = ipvt[j]; wa1[j] = diag[l] * (wa2[l] / dxnorm) }
            for j in 0..<n {
                wa1[j] /= sdiag[j]
                let temp = wa1[j]
                for i in (j + 1)..<max(j + 1, n) { wa1[i] -= r[i + j * ld] * temp }
            }
            let temp = enorm(UnsafePointer(wa1), n)
            let parc = ((fp / delta) / temp) / temp
            if fp > 0 { parl = max(parl, par) }
            if fp < 0 { paru = min(paru, par) }
            par = max(parl, par + parc)
        }
    }
}
