import CLAPACK

/// Thin, checked wrappers over the LAPACK routines the toolkit uses.
///
/// Everything here works on copies: LAPACK overwrites its inputs. Integer
/// arguments are `Int32` (LP64 OpenBLAS); character arguments carry their
/// hidden gfortran length at the end of the call.
enum LAPACK {
    /// Singular values and, on request, vectors: `A = U · diag(s) · Vᵀ` (thin), by `dgesvd`.
    /// Vectors not requested come back as empty matrices.
    static func svd(_ a: Matrix, left: Bool, right: Bool) throws(LinearAlgebraError)
        -> (u: Matrix, s: [Double], vt: Matrix)
    {
        var m = Int32(a.rows), n = Int32(a.columns)
        let k = Int32(min(a.rows, a.columns))
        if k == 0 { return (Matrix(rows: a.rows, columns: 0), [], Matrix(rows: 0, columns: a.columns)) }
        var work = a.storage
        var s = [Double](repeating: 0, count: Int(k))
        var u = [Double](repeating: 0, count: left ? Int(m * k) : 1)
        var vt = [Double](repeating: 0, count: right ? Int(k * n) : 1)
        var jobu: CChar = left ? 83 /* S */ : 78 /* N */
        var jobvt: CChar = right ? 83 : 78
        var lda = max(1, m), ldu = left ? max(1, m) : 1, ldvt = right ? max(1, k) : 1
        var info: Int32 = 0
        var lwork: Int32 = -1
        var query = 0.0
        dgesvd_(&jobu, &jobvt, &m, &n, &work, &lda, &s, &u, &ldu, &vt, &ldvt, &query, &lwork, &info, 1, 1)
        lwork = Int32(query)
        var scratch = [Double](repeating: 0, count: Int(max(1, lwork)))
        dgesvd_(&jobu, &jobvt, &m, &n, &work, &lda, &s, &u, &ldu, &vt, &ldvt, &scratch, &lwork, &info, 1, 1)
        if info < 0 { throw .illegalArgument(routine: "dgesvd", position: Int(-info)) }
        if info > 0 { throw .svdDidNotConverge }
        let uM = left ? Matrix(rows: a.rows, columns: Int(k), columnMajor: u) : Matrix(rows: 0, columns: 0)
        let vtM = right ? Matrix(rows: Int(k), columns: a.columns, columnMajor: vt) : Matrix(rows: 0, columns: 0)
        return (uM, s, vtM)
    }

    static func svd(_ a: Matrix, vectors: Bool) throws(LinearAlgebraError) -> (u: Matrix, s: [Double], vt: Matrix) {
        try svd(a, left: vectors, right: vectors)
    }

    /// QR with column pivoting, `A·P = Q·R`, by `dgeqp3`. Returns the packed factor,
    /// the Householder scalars and the 0-based permutation.
    static func pivotedQR(_ a: Matrix) throws(LinearAlgebraError)
        -> (packed: Matrix, tau: [Double], permutation: [Int])
    {
        var m = Int32(a.rows), n = Int32(a.columns)
        var packed = a.storage
        var lda = max(1, m)
        var jpvt = [Int32](repeating: 0, count: a.columns)
        var tau = [Double](repeating: 0, count: max(1, min(a.rows, a.columns)))
        var info: Int32 = 0
        var lwork: Int32 = -1
        var query = 0.0
        dgeqp3_(&m, &n, &packed, &lda, &jpvt, &tau, &query, &lwork, &info)
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: Int(max(1, lwork)))
        dgeqp3_(&m, &n, &packed, &lda, &jpvt, &tau, &work, &lwork, &info)
        if info < 0 { throw .illegalArgument(routine: "dgeqp3", position: Int(-info)) }
        return (Matrix(rows: a.rows, columns: a.columns, columnMajor: packed), tau, jpvt.map { Int($0) - 1 })
    }

    /// `Qᵀ·C` for the Q of a packed QR factor, by `dormqr`.
    static func applyQTranspose(packed: Matrix, tau: [Double], to c: Matrix) throws(LinearAlgebraError) -> Matrix {
        var side: CChar = 76 /* L */, trans: CChar = 84 /* T */
        var m = Int32(c.rows), n = Int32(c.columns), k = Int32(min(packed.rows, packed.columns))
        var lda = max(1, Int32(packed.rows)), ldc = max(1, m)
        var out = c.storage
        var info: Int32 = 0
        var lwork: Int32 = -1
        var query = 0.0
        let a = packed.storage
        dormqr_(&side, &trans, &m, &n, &k, a, &lda, tau, &out, &ldc, &query, &lwork, &info, 1, 1)
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: Int(max(1, lwork)))
        dormqr_(&side, &trans, &m, &n, &k, a, &lda, tau, &out, &ldc, &work, &lwork, &info, 1, 1)
        if info < 0 { throw .illegalArgument(routine: "dormqr", position: Int(-info)) }
        return Matrix(rows: c.rows, columns: c.columns, columnMajor: out)
    }

    /// Cholesky factor (upper) of a symmetric positive-definite matrix, by `dpotrf`.
    static func cholesky(_ a: Matrix) throws(LinearAlgebraError) -> Matrix {
        var uplo: CChar = 85 /* U */
        var n = Int32(a.rows), lda = max(1, Int32(a.rows))
        var f = a.storage
        var info: Int32 = 0
        dpotrf_(&uplo, &n, &f, &lda, &info, 1)
        if info < 0 { throw .illegalArgument(routine: "dpotrf", position: Int(-info)) }
        if info > 0 { throw .notPositiveDefinite(order: Int(info)) }
        var r = Matrix(rows: a.rows, columns: a.columns, columnMajor: f)
        for j in 0..<a.columns { for i in (j + 1)..<max(j + 1, a.rows) { r[i, j] = 0 } }
        return r
    }

    /// Inverse from an upper Cholesky factor, by `dpotri`, symmetrized.
    static func choleskyInverse(upper r: Matrix) throws(LinearAlgebraError) -> Matrix {
        var uplo: CChar = 85
        var n = Int32(r.rows), lda = max(1, Int32(r.rows))
        var f = r.storage
        var info: Int32 = 0
        dpotri_(&uplo, &n, &f, &lda, &info, 1)
        if info < 0 { throw .illegalArgument(routine: "dpotri", position: Int(-info)) }
        if info > 0 { throw .notPositiveDefinite(order: Int(info)) }
        var inv = Matrix(rows: r.rows, columns: r.columns, columnMajor: f)
        for j in 0..<r.columns { for i in (j + 1)..<max(j + 1, r.rows) { inv[i, j] = inv[j, i] } }
        return inv
    }

    /// Sets OpenBLAS to one thread: the toolkit's solves are small and run in parallel tasks.
    static func useSingleThreadedBLAS() {
        openblas_set_num_threads(1)
        // The workers started at load time would otherwise spin beside the toolkit's own threads.
        _ = blas_thread_shutdown_()
    }
}
