import Testing
@testable import LinearAlgebra

// Every expected value below is worked by hand in the comment beside it.

@Suite("Least squares")
struct LeastSquaresTests {
    // Fit y = a + b·x through (0,1), (1,3), (2,4), (3,4):
    // normal equations [4 6; 6 14]·[a b]ᵀ = [12 23]ᵀ → b = (4·23 − 6·12)/(4·14 − 36) = 20/20 = 1,
    // a = (12 − 6)/4 = 1.5; residuals −0.5, 0.5, 0.5, −0.5 → RSS = 1.
    static let design = Matrix([[1, 0], [1, 1], [1, 2], [1, 3]])
    static let observations: [Double] = [1, 3, 4, 4]

    @Test("QR and SVD give the hand-computed line", arguments: ["qr", "svd"])
    func line(method: String) throws {
        let s = method == "qr"
            ? try LeastSquares.qr(Self.design, Self.observations)
            : try LeastSquares.svd(Self.design, Self.observations)
        #expect(abs(s.solution[0] - 1.5) < 1e-14)
        #expect(abs(s.solution[1] - 1.0) < 1e-14)
        #expect(abs(s.residualSumOfSquares - 1.0) < 1e-13)
        #expect(s.rank == 2)
    }

    // Third column = first + second: rank 2. The minimum-norm solution of
    // [1 0 1; 0 1 1; 1 1 2]·x = [1, 1, 2] is x = A⁺b = (1/3, 1/3, 2/3):
    // the row space is spanned by (1,0,1), (0,1,1); x = α(1,0,1) + β(0,1,1) with
    // 2α + β = 1, α + 2β = 1 → α = β = 1/3.
    @Test("rank deficiency is detected and the SVD solution has minimum norm")
    func rankDeficient() throws {
        let a = Matrix([[1, 0, 1], [0, 1, 1], [1, 1, 2]])
        let b: [Double] = [1, 1, 2]
        let svd = try LeastSquares.svd(a, b)
        #expect(svd.rank == 2)
        for (x, e) in zip(svd.solution, [1.0 / 3, 1.0 / 3, 2.0 / 3]) { #expect(abs(x - e) < 1e-14) }
        let qr = try LeastSquares.qr(a, b)
        #expect(qr.rank == 2)
        #expect(qr.residualSumOfSquares < 1e-26)
    }

    // Rank does not depend on the scale of A: the thresholds are relative to its largest
    // singular value (or |R₁₁|), not absolute.
    @Test("rank deficiency is detected at any scale of A", arguments: [1e-20, 1e-8, 1e8, 1e20])
    func rankDeficientScaled(scale: Double) throws {
        let a = Matrix([[1, 0, 1], [0, 1, 1], [1, 1, 2]].map { $0.map { $0 * scale } })
        let b = [1.0, 1, 2].map { $0 * scale }
        #expect(try LeastSquares.qr(a, b).rank == 2)
        #expect(try LeastSquares.svd(a, b).rank == 2)
    }

    @Test("shape mismatch is an error, not a trap")
    func mismatch() {
        #expect(throws: LinearAlgebraError.self) { try LeastSquares.qr(Self.design, [1, 2]) }
    }
}

@Suite("Decompositions")
struct DecompositionTests {
    // A = [4 2; 2 3] = RᵀR with R = [2 1; 0 √2]; A⁻¹ = (1/8)·[3 −2; −2 4].
    @Test("Cholesky factor and inverse")
    func cholesky() throws {
        let a = Matrix([[4, 2], [2, 3]])
        let r = try Decompositions.cholesky(a)
        #expect(abs(r[0, 0] - 2) < 1e-15 && abs(r[0, 1] - 1) < 1e-15)
        #expect(abs(r[1, 1] - 2.0.squareRoot()) < 1e-15 && r[1, 0] == 0)
        let inv = try Decompositions.choleskyInverse(a)
        let expected = [[0.375, -0.25], [-0.25, 0.5]]
        for i in 0..<2 { for j in 0..<2 { #expect(abs(inv[i, j] - expected[i][j]) < 1e-15) } }
    }

    // The same hand-computed A, and a 3 × 3 one: A = RᵀR with R = [2 1 1; 0 2 1; 0 0 3], so
    // A = [4 2 2; 2 5 3; 2 3 11], det A = (2·2·3)² = 144, A⁻¹ = adj(A)/144.
    @Test("pure-Swift Cholesky factor and inverse of small matrices",
          arguments: [(Matrix([[4, 2], [2, 3]]), Matrix([[2, 1], [0, 2.0.squareRoot()]]),
                       Matrix([[0.375, -0.25], [-0.25, 0.5]])),
                      (Matrix([[4, 2, 2], [2, 5, 3], [2, 3, 11]]), Matrix([[2, 1, 1], [0, 2, 1], [0, 0, 3]]),
                       Matrix([[46, -16, -4], [-16, 40, -8], [-4, -8, 16]].map { $0.map { $0 / 144 } }))])
    func smallCholesky(_ a: Matrix, _ r: Matrix, _ inverse: Matrix) throws {
        let factor = try #require(Decompositions.smallCholesky(a))
        let inv = try #require(Decompositions.smallCholeskyInverse(a))
        for i in 0..<a.rows {
            for j in 0..<a.columns {
                #expect(abs(factor[i, j] - r[i, j]) < 1e-15, "R[\(i), \(j)]")
                #expect(abs(inv[i, j] - inverse[i, j]) < 1e-15, "A⁻¹[\(i), \(j)]")
                #expect(inv[i, j] == inv[j, i])
            }
        }
        // Not positive definite: nil, as LAPACK's throws.
        #expect(Decompositions.smallCholesky(Matrix([[1, 2], [2, 1]])) == nil)
        #expect(Decompositions.smallCholeskyInverse(Matrix([[1, 2], [2, 1]])) == nil)
        #expect(Decompositions.smallCholesky(Matrix([[1, 0], [0, .nan]])) == nil)
        #expect(Decompositions.smallCholeskyInverse(Matrix([[1, 0], [0, .nan]])) == nil)
    }

    @Test("pure-Swift Cholesky at the edges: 1 × 1, 0 × 0, not square")
    func smallCholeskyEdges() throws {
        #expect(try #require(Decompositions.smallCholesky(Matrix([[9]])))[0, 0] == 3)
        #expect(try #require(Decompositions.smallCholeskyInverse(Matrix([[4]])))[0, 0] == 0.25)
        #expect(Decompositions.smallCholesky(Matrix([[0]])) == nil)
        let empty = Matrix(rows: 0, columns: 0)
        #expect(Decompositions.smallCholesky(empty) == empty && Decompositions.smallCholeskyInverse(empty) == empty)
        #expect(Decompositions.smallCholesky(Matrix([[1, 0, 0], [0, 1, 0]])) == nil)
        #expect(Decompositions.smallCholeskyInverse(Matrix([[1, 0, 0], [0, 1, 0]])) == nil)
    }

    @Test("an indefinite matrix names its failing minor")
    func indefinite() {
        // [1 2; 2 1] has determinant −3: the second leading minor fails.
        #expect(throws: LinearAlgebraError.notPositiveDefinite(order: 2)) {
            try Decompositions.cholesky(Matrix([[1, 2], [2, 1]]))
        }
    }

    // A = [3 0; 4 5]: AᵀA = [25 20; 20 25], eigenvalues 45 and 5,
    // so s = (√45, √5) = (3√5, √5) and cond₂ = 3.
    @Test("singular values and condition number")
    func singular() throws {
        let a = Matrix([[3, 0], [4, 5]])
        let s = try Decompositions.singularValues(a)
        #expect(abs(s[0] - 3 * 5.0.squareRoot()) < 1e-14)
        #expect(abs(s[1] - 5.0.squareRoot()) < 1e-14)
        #expect(abs(try Decompositions.conditionNumber(a) - 3) < 1e-14)
        #expect(try Decompositions.conditionNumber(Matrix([[1, 1], [1, 1]])) > 1e15)
    }

    // [1 2; 2 4] = 5·u·vᵀ with u = v = (1,2)/√5, so A⁺ = A/25.
    @Test("pseudo-inverse of a rank-one matrix")
    func pseudoInverse() throws {
        let a = Matrix([[1, 2], [2, 4]])
        let (p, rank) = try Decompositions.pseudoInverse(a)
        #expect(rank == 1)
        for i in 0..<2 { for j in 0..<2 { #expect(abs(p[i, j] - a[i, j] / 25) < 1e-15) } }
    }

    @Test("SVD reconstructs its matrix")
    func reconstruct() throws {
        let a = Matrix([[2, -1, 0], [-1, 2, -1], [0, -1, 2], [1, 1, 1]])
        let (u, s, vt) = try Decompositions.svd(a)
        var us = u
        for k in 0..<s.count { for i in 0..<u.rows { us[i, k] *= s[k] } }
        let back = us * vt
        for (x, y) in zip(back.storage, a.storage) { #expect(abs(x - y) < 1e-14) }
    }
}

@Suite("Right singular vectors")
struct RightVectorTests {
    // The right-vectors-only SVD gives the same s and Vᵀ as the full one (up to sign of each row).
    @Test("match the full decomposition")
    func rightOnly() throws {
        let a = Matrix([[2, -1, 0], [-1, 2, -1], [0, -1, 2], [1, 1, 1]])
        let full = try Decompositions.svd(a)
        let right = try Decompositions.singularValuesAndRightVectors(a)
        for (x, y) in zip(full.s, right.s) { #expect(abs(x - y) < 1e-14) }
        for k in 0..<3 {
            let sign = (full.vt[k, 0] * right.vt[k, 0]) < 0 ? -1.0 : 1.0
            for j in 0..<3 { #expect(abs(full.vt[k, j] - sign * right.vt[k, j]) < 1e-13) }
        }
    }
}

@Suite("One-sided Jacobi SVD")
struct JacobiSVDTests {
    // A = [3 0; 4 5]: AᵀA = [25 20; 20 25] has eigenvalues 45 and 5 with eigenvectors
    // (1, 1)/√2 and (1, −1)/√2, so s = (3√5, √5) and the rows of Vᵀ are those vectors.
    @Test("hand-computed 2 × 2")
    func handComputed() {
        let d = Decompositions.jacobiSingularValuesAndRightVectors(Matrix([[3, 0], [4, 5]]))
        #expect(abs(d.s[0] - 3 * 5.0.squareRoot()) < 1e-14)
        #expect(abs(d.s[1] - 5.0.squareRoot()) < 1e-14)
        let r = 0.5.squareRoot()
        #expect(abs(abs(d.vt[0, 0]) - r) < 1e-15 && abs(abs(d.vt[0, 1]) - r) < 1e-15)
        #expect(d.vt[0, 0] * d.vt[0, 1] > 0)
        #expect(d.vt[1, 0] * d.vt[1, 1] < 0)
    }

    static let matrices: [(String, Matrix)] = [
        ("symmetric tridiagonal plus a row", Matrix([[2, -1, 0], [-1, 2, -1], [0, -1, 2], [1, 1, 1]])),
        // A curve-fit Jacobian's shape: columns of very different size, nearly collinear.
        ("graded, nearly collinear", Matrix((1...12).map { i -> [Double] in
            let t = Double(i)
            return [1e5 * t, 1e5 * (t + 1e-4 * t * t), 1e-3 * t * t]
        })),
        ("zero column", Matrix([[1, 0, 2], [3, 0, 4], [5, 0, 6], [7, 0, 9]])),
        ("single column", Matrix([[3], [4]])),
    ]

    // The reference is LAPACK's dgesvd (the library's own SVD, checked against hand-computed
    // singular values in "singular values and condition number").
    @Test("agrees with LAPACK's SVD", arguments: matrices.indices)
    func matchesLAPACK(_ index: Int) throws {
        let a = Self.matrices[index].1
        let lapack = try Decompositions.singularValuesAndRightVectors(a)
        let jacobi = Decompositions.jacobiSingularValuesAndRightVectors(a)
        let s1 = lapack.s[0]
        for (x, y) in zip(lapack.s, jacobi.s) { #expect(abs(x - y) <= 1e-13 * s1) }
        // Vectors of distinct, non-zero singular values agree up to sign.
        for k in 0..<a.columns where jacobi.s[k] > 1e-8 * s1
            && (k == 0 || jacobi.s[k - 1] - jacobi.s[k] > 1e-6 * s1) {
            let j = (0..<a.columns).max { abs(lapack.vt[k, $0]) < abs(lapack.vt[k, $1]) }!
            let sign = lapack.vt[k, j] * jacobi.vt[k, j] < 0 ? -1.0 : 1.0
            for i in 0..<a.columns { #expect(abs(lapack.vt[k, i] - sign * jacobi.vt[k, i]) < 1e-9) }
        }
        // Vᵀ is orthogonal.
        for k in 0..<a.columns {
            for l in 0..<a.columns {
                let dot = (0..<a.columns).reduce(0.0) { $0 + jacobi.vt[k, $1] * jacobi.vt[l, $1] }
                #expect(abs(dot - (k == l ? 1 : 0)) < 1e-14)
            }
        }
    }
}
