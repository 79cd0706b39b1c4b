import AdoptionModels

/// The fits of one series that a model's fit is checked against, each made once, when first asked
/// for: the fits of the curves a model contains (`AdoptionFitter.fit(_:to:starts:nested:exponentialGrowth:)`'s
/// `nested`: the Gompertz and the logistic for Richards; exponential saturation for Bass, and for the
/// logistic, Gompertz and Richards fits of per-period data, the decaying tail they approach as m grows)
/// and exponential growth through the data, which the logistic, Gompertz and Richards fits are each
/// compared with (`CappedExponential.exponential`; both in `AdoptionFitter.marketLimit`). `--model auto`
/// asks it for every model's fit; a single model's fit for what it is checked against. Under
/// `--model auto` exponential growth was 9 % of a profile's samples on the benchmark's 1,000 series when
/// each fit made its own.
///
/// A reference type: a model's fit asks for the fits it contains while its own is being made. Made
/// and used within one series' fitting, never shared between threads.
public final class SeriesFits {
    public let fitter: AdoptionFitter
    public let data: CurveData
    private var made: [ModelKind: FitResult] = [:]
    private var growth: CappedExponential?? = nil

    public init(_ fitter: AdoptionFitter, data: CurveData) {
        self.fitter = fitter
        self.data = data
    }

    /// `kind`'s fit from its own starts.
    public func fit(_ kind: ModelKind) -> FitResult {
        if let fit = made[kind] { return fit }
        let fit = fitter.fit(kind, to: data, nested: fit, exponentialGrowth: exponentialGrowth)
        made[kind] = fit
        return fit
    }

    /// Exponential growth through the data (`CappedExponential.exponential`).
    public func exponentialGrowth() -> CappedExponential? {
        if let made = growth { return made }
        let made = CappedExponential.exponential(data)
        growth = .some(made)
        return made
    }
}
