/// Second derivatives of the curves N = m·F(z) with z = k·(t − t₀) (the logistic and the Gompertz
/// curve, and the (m, k, t₀) block of the Richards curve), from dF/dz and d²F/dz²:
///
///     N_mk = F′·(t − t₀)     N_kk  = m·F″·(t − t₀)²
///     N_mt₀ = −F′·k          N_kt₀ = −m·(F″·k·(t − t₀) + F′)     N_t₀t₀ = m·F″·k²
struct LocationScale {
    var mk = 0.0, mt = 0.0, kk = 0.0, kt = 0.0, tt = 0.0

    /// Adds one point's terms: `weight`·F′ and `weight`·F″ given as `weight` times `first` and
    /// `second`, at d = t − t₀; `k` the rate.
    @inline(__always)
    mutating func add(weight w: Double, first: Double, second: Double, d: Double, k: Double) {
        mk += w * first * d
        mt -= w * first
        kk += w * second * d * d
        kt -= w * (second * k * d + first)
        tt += w * second
    }

    /// The five sums added up: finite when each is (and they do not overflow together).
    var total: Double { mk + mt + kk + kt + tt }

    /// Adds the sums, with their factors of m and k, into the (m, k, t₀) block (parameters 0, 1, 2) of
    /// the n × n `hessian`, both triangles; N_mm = 0.
    @inline(__always)
    func write(into hessian: UnsafeMutablePointer<Double>, n: Int, m: Double, k: Double) {
        hessian[1] += mk; hessian[n] += mk
        hessian[2] += k * mt; hessian[2 * n] += k * mt
        hessian[1 + n] += m * kk
        hessian[2 + n] += m * kt; hessian[1 + 2 * n] += m * kt
        hessian[2 + 2 * n] += m * k * k * tt
    }

    /// Adds `Σᵢ wᵢ·∇²N(tᵢ)` for parameters `[m, k, t0]` into `hessian` (3 × 3, both triangles), with
    /// `derivatives(E)`, E = e^{−z}, giving (dF/dz, d²F/dz²). Returns true.
    @inline(__always)
    static func addWeightedHessians(at t: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
                                    parameters θ: [Double], into hessian: UnsafeMutablePointer<Double>,
                                    derivatives: (_ e: Double) -> (first: Double, second: Double)) -> Bool {
        let m = θ[0], k = θ[1], t0 = θ[2]
        var sums = LocationScale()
        Decay.along(t, rate: k, origin: t0) { i, ti, e in
            let (first, second) = derivatives(e)
            sums.add(weight: w[i], first: first, second: second, d: ti - t0, k: k)
        }
        sums.write(into: hessian, n: 3, m: m, k: k)
        return true
    }
}
