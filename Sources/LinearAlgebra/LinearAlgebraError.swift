/// Why a factorization or solve could not be carried out.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The leading minor of this order is not positive definite (Cholesky).
    case notPositiveDefinite(order: Int)
    /// The SVD's QR iteration did not converge (LAPACK `info > 0`).
    case svdDidNotConverge
    /// The system's shapes do not agree.
    case dimensionMismatch(String)
    /// LAPACK rejected an argument; a programming error surfaced as a value.
    case illegalArgument(routine: String, position: Int)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let k): "matrix is not positive definite (leading minor of order \(k))"
        case .svdDidNotConverge: "singular value decomposition did not converge"
        case .dimensionMismatch(let what): "dimension mismatch: \(what)"
        case .illegalArgument(let routine, let position): "\(routine): illegal argument \(position)"
        }
    }
}
