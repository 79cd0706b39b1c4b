/// Second derivatives of the curves N = m·F(z) with z = k·(t − t₀) (the logistic and the Gompertz
/// curve), from dF/dz and d²F/dz² as functions of E = e^{−z}:
///
///     N_mk = F′·(t − t₀)     N_kk  = m·F″·(t − t₀)²
///     N_mt₀ = −F′·k          N_kt₀ = −m·(F″·k·(t − t₀) + F′)     N_t₀t₀ = m·F″·k²
enum LocationScale {
    /// Adds `Σᵢ wᵢ·∇²N(tᵢ)` for parameters `[m, k, t0]` into `hessian` (3 × 3, both triangles), with
    /// `derivatives(E)` giving (dF/dz, d²F/dz²). Returns true.
    @inline(__always)
    static func addWeightedHessians(at t: UnsafeBufferPointer<Double>, weights w: UnsafeBufferPointer<Double>,
                                    parameters θ: [Double], into hessian: UnsafeMutablePointer<Double>,
                                    derivatives: (_ e: Double) -> (first: Double, second: Double)) -> Bool {
        let m = θ[0], k = θ[1], t0 = θ[2]
        var mk = 0.0, mt = 0.0, kk = 0.0, kt = 0.0, tt = 0.0
        Decay.along(t, rate: k, origin: t0) { i, ti, e in
            let (first, second) = derivatives(e)
            let d = ti - t0, wi = w[i]
            mk += wi * first * d
            mt -= wi * first
            kk += wi * second * d * d
            kt -= wi * (second * k * d + first)
            tt += wi * second
        }
        // [m, k, t0]: N_mm = 0; the k-free sums carry their factors of k here.
        hessian[1] += mk; hessian[3] += mk
        hessian[2] += k * mt; hessian[6] += k * mt
        hessian[4] += m * kk
        hessian[5] += m * kt; hessian[7] += m * kt
        hessian[8] += m * k * k * tt
        return true
    }
}
