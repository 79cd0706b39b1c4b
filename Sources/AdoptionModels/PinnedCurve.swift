/// A curve with some of its parameters held at given values: a curve of the others alone.
///
/// What a researcher fits when a parameter is known from elsewhere: the market potential m from a
/// market sizing, p and q from an analogous product. The value and gradient are the base curve's at
/// the full vector (the held values put in their places), the gradient and second derivatives
/// those of the free parameters only; `full` gives the vector a fit of the free ones stands for.
public struct PinnedCurve: ParametricCurve {
    public let base: any AdoptionCurve
    /// The held parameters' indices in the base curve, ascending, and their values.
    public let pinnedIndices: [Int]
    public let pinnedValues: [Double]
    /// The free parameters' indices in the base curve, ascending.
    public let freeIndices: [Int]

    /// Holds `base`'s parameters named in `values`; nil if a name is none of its parameters or is
    /// named twice. Every parameter may be held: the curve then has none, and is evaluated, not fitted.
    public init?(_ base: any AdoptionCurve, holding values: [(name: String, value: Double)]) {
        var held: [Int: Double] = [:]
        for (name, value) in values {
            guard let j = base.parameterNames.firstIndex(of: name), held[j] == nil else { return nil }
            held[j] = value
        }
        self.base = base
        pinnedIndices = held.keys.sorted()
        pinnedValues = pinnedIndices.map { held[$0]! }
        freeIndices = base.parameterNames.indices.filter { held[$0] == nil }
    }

    public var parameterNames: [String] { freeIndices.map { base.parameterNames[$0] } }

    /// The base curve's parameter vector for the free parameters `θ`.
    public func full(_ θ: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: base.parameterNames.count)
        for (k, j) in freeIndices.enumerated() { out[j] = θ[k] }
        for (k, j) in pinnedIndices.enumerated() { out[j] = pinnedValues[k] }
        return out
    }

    /// The free parameters of a base vector.
    public func free(_ θ: [Double]) -> [Double] { freeIndices.map { θ[$0] } }

    public var vanishingTime: Double? { base.vanishingTime }

    public func value(at t: Double, parameters θ: [Double]) -> Double {
        base.value(at: t, parameters: full(θ))
    }

    public func value(at t: Double, parameters θ: [Double], gradient: inout [Double]) -> Double {
        var g = [Double](repeating: 0, count: base.parameterNames.count)
        let v = base.value(at: t, parameters: full(θ), gradient: &g)
        for (k, j) in freeIndices.enumerated() { gradient[k] = g[j] }
        return v
    }

    public func values(at t: UnsafeBufferPointer<Double>, parameters θ: [Double], into values: UnsafeMutablePointer<Double>) {
        base.values(at: t, parameters: full(θ), into: values)
    }

    public func gradients(at t: UnsafeBufferPointer<Double>, parameters θ: [Double],
                          into jacobian: UnsafeMutablePointer<Double>, ld: Int) {
        let n = base.parameterNames.count
        var all = [Double](repeating: 0, count: ld * n)
        all.withUnsafeMutableBufferPointer { base.gradients(at: t, parameters: full(θ), into: $0.baseAddress!, ld: ld) }
        for (k, j) in freeIndices.enumerated() {
            for i in t.indices { jacobian[i + k * ld] = all[i + j * ld] }
        }
    }

    public func addWeightedHessians(at t: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
                                    parameters θ: [Double], into hessian: UnsafeMutablePointer<Double>) -> Bool {
        let n = base.parameterNames.count, f = freeIndices.count
        var all = [Double](repeating: 0, count: n * n)
        let exact = all.withUnsafeMutableBufferPointer {
            base.addWeightedHessians(at: t, weights: w, parameters: full(θ), into: $0.baseAddress!)
        }
        guard exact else { return false }
        for (a, j) in freeIndices.enumerated() {
            for (b, k) in freeIndices.enumerated() { hessian[a + b * f] += all[j + k * n] }
        }
        return true
    }
}
