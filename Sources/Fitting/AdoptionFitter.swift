import AdoptionModels

/// Fits adoption models to a series without user-supplied starts.
///
/// The first pass is unconstrained from data-driven starts. A result outside
/// the model's natural domain (m < 0, p < 0, …) is refitted inside it. A market
/// potential that runs away on pre-peak data is reported as not identified.
public struct AdoptionFitter: Sendable {
    public var solver: NonlinearLeastSquares
    /// A market potential this many times the observed total, with a standard error
    /// of the same size as the estimate, counts as not identified.
    public var runawayFactor: Double = 20

    public init(solver: NonlinearLeastSquares = NonlinearLeastSquares()) {
        self.solver = solver
    }

    public func fit(_ kind: ModelKind, to data: CurveData, starts: [[Double]]? = nil) -> FitResult {
        let curve = kind.curve
        return fit(curve, data: data, starts: starts ?? StartingValues.starts(for: kind, data: data))
    }

    func fit<C: AdoptionCurve>(_ curve: C, data: CurveData, starts: [[Double]]) -> FitResult {
        let problem = CurveFitProblem(curve: curve, data: data)
        let names = curve.parameterNames
        var result = solver.fit(problem, names: names, observed: data.y, starts: starts)
        let limits = curve.lowerLimits
        let outside = zip(result.estimates, limits).contains { $0 < $1 }
        if outside || !result.converged {
            let bounds = limits.map { $0.isFinite ? ParameterBounds(lower: $0) : .unbounded }
            let inside = starts.map { zip($0, limits).map { x, lo in lo.isFinite ? max(x, lo + 1e-6 * max(1, abs(x))) : x } }
            var bounded = solver.fit(problem, names: names, observed: data.y, starts: inside, bounds: bounds)
            bounded.startsTried += result.startsTried
            if outside || NonlinearLeastSquares.isBetter(bounded, than: result) { result = bounded }
        }
        return flagRunawayMarket(result, curve: curve, data: data)
    }

    func flagRunawayMarket<C: AdoptionCurve>(_ result: FitResult, curve: C, data: CurveData) -> FitResult {
        guard result.status == .converged || result.status == .atBound else { return result }
        let total = max(data.cumulativeObserved.last ?? 0, data.perPeriodObserved.reduce(0, +))
        let j = curve.marketIndex
        let m = result.estimates[j]
        let se = result.standardErrors[j]
        guard total > 0, m > runawayFactor * total, !(se < 0.5 * m) else { return result }
        var flagged = result
        flagged.status = .notIdentified
        flagged.message = "not identified: market potential m runs away (\(shortNumber(m)), "
            + "\(shortNumber(m / total))× the observed total, standard error \(shortNumber(se))); the series is before its peak"
        return flagged
    }
}
