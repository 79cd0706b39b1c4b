import RealModule

/// A first-order system `y′ = f(t, y)` of twelve equations.
protocol ODESystem {
    func derivative(at t: Double, _ y: ODEState) -> ODEState
}

/// Twelve doubles in registers: an 8-lane and a 4-lane SIMD vector.
///
/// Concrete on purpose. In generic code the SIMD operators resolve to the
/// lane-by-lane protocol defaults, several times slower; and a SIMD16 would
/// spend a quarter of every operation on padding.
struct ODEState: Sendable, Equatable {
    var head: SIMD8<Double>
    var tail: SIMD4<Double>

    static var count: Int { 12 }
    static var zero: ODEState { ODEState(head: .zero, tail: .zero) }

    /// Lane `i` in 0..<12.
    subscript(i: Int) -> Double { i < 8 ? head[i] : tail[i - 8] }

    @inline(__always)
    static func + (a: ODEState, b: ODEState) -> ODEState {
        ODEState(head: a.head + b.head, tail: a.tail + b.tail)
    }

    @inline(__always)
    static func - (a: ODEState, b: ODEState) -> ODEState {
        ODEState(head: a.head - b.head, tail: a.tail - b.tail)
    }

    @inline(__always)
    static func * (s: Double, a: ODEState) -> ODEState {
        ODEState(head: s * a.head, tail: s * a.tail)
    }
}

/// The embedded Runge–Kutta pair of Dormand & Prince, order 5(4), with
/// adaptive steps, as in Hairer's DOPRI5.
///
///     y₁ = y₀ + h·Σ bᵢ·kᵢ  (order 5, the propagated solution, local extrapolation)
///     err = ‖h·Σ eᵢ·kᵢ‖,  ‖e‖ = √(1/n·Σ (eⱼ / (atol + rtol·max(|y₀ⱼ|, |y₁ⱼ|)))²)
///     h_new = h·min(10, max(0.2, 0.9·err^{−0.17}·err_prev^{0.04}))   (PI control)
///
/// The last stage is evaluated at the new point and reused as the next
/// step's first (FSAL), so an accepted step costs six evaluations. After the
/// system changes (a breakpoint of its time dependence) call ``restart()`` to
/// re-evaluate the first stage. ``advance(to:)`` lands exactly on its target,
/// and gives up — returning false — after `maxSteps` attempted steps, on a
/// step size below the resolution of `t`, or on a non-finite solution; it
/// never loops forever or traps. The state lives in fixed-size SIMD registers
/// (``ODEState``), so a step allocates nothing.
///
/// Dormand, J. R. & Prince, P. J. (1980), "A family of embedded Runge–Kutta
/// formulae", *J. Comput. Appl. Math.* 6(1), 19–26; Hairer, E., Nørsett, S. P. &
/// Wanner, G. (1993), *Solving Ordinary Differential Equations I*, 2nd ed.,
/// Springer, §II.4–II.5.
struct DormandPrince<System: ODESystem> {
    typealias State = ODEState

    var system: System
    let relativeTolerance: Double
    let absoluteTolerance: Double
    /// Cap on attempted steps (accepted + rejected) over the integrator's life.
    let maxSteps: Int

    private(set) var t: Double
    private(set) var y: State
    /// f(t, y), the first stage of the next step.
    private var k1: State
    /// Proposed next step; 0 until the first step is chosen.
    private var h: Double = 0
    /// errₚᵣₑᵥ^β of the last accepted step (errₚᵣₑᵥ ≥ 1e-4), for the PI controller.
    private var previousErrorPower: Double = Double.pow(1e-4, 0.04)
    private var lastRejected = false

    private(set) var acceptedSteps = 0
    private(set) var rejectedSteps = 0
    private(set) var evaluations = 0

    init(system: System, t: Double, y: State, relativeTolerance: Double, absoluteTolerance: Double,
         maxSteps: Int) {
        self.system = system
        self.t = t
        self.y = y
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
        self.maxSteps = maxSteps
        self.k1 = system.derivative(at: t, y)
        self.evaluations = 1
    }

    /// Re-evaluates the first stage at the current point, after `system` changed.
    mutating func restart() {
        k1 = system.derivative(at: t, y)
        evaluations += 1
    }

    // Dormand–Prince coefficients (Hairer, Nørsett & Wanner, Table II.5.2).
    private static var c2: Double { 1.0 / 5 }
    private static var c3: Double { 3.0 / 10 }
    private static var c4: Double { 4.0 / 5 }
    private static var c5: Double { 8.0 / 9 }
    private static var a21: Double { 1.0 / 5 }
    private static var a31: Double { 3.0 / 40 }
    private static var a32: Double { 9.0 / 40 }
    private static var a41: Double { 44.0 / 45 }
    private static var a42: Double { -56.0 / 15 }
    private static var a43: Double { 32.0 / 9 }
    private static var a51: Double { 19372.0 / 6561 }
    private static var a52: Double { -25360.0 / 2187 }
    private static var a53: Double { 64448.0 / 6561 }
    private static var a54: Double { -212.0 / 729 }
    private static var a61: Double { 9017.0 / 3168 }
    private static var a62: Double { -355.0 / 33 }
    private static var a63: Double { 46732.0 / 5247 }
    private static var a64: Double { 49.0 / 176 }
    private static var a65: Double { -5103.0 / 18656 }
    private static var b1: Double { 35.0 / 384 }
    private static var b3: Double { 500.0 / 1113 }
    private static var b4: Double { 125.0 / 192 }
    private static var b5: Double { -2187.0 / 6784 }
    private static var b6: Double { 11.0 / 84 }
    // Error coefficients: fifth-order minus fourth-order weights.
    private static var e1: Double { 71.0 / 57600 }
    private static var e3: Double { -71.0 / 16695 }
    private static var e4: Double { 71.0 / 1920 }
    private static var e5: Double { -17253.0 / 339200 }
    private static var e6: Double { 22.0 / 525 }
    private static var e7: Double { -1.0 / 40 }

    // Step-size control (Hairer's DOPRI5 defaults).
    private static var safety: Double { 0.9 }
    private static var beta: Double { 0.04 }
    private static var exponent: Double { 0.2 - 0.04 * 0.75 }
    private static var maxShrink: Double { 5 }    // h_new ≥ h/5
    private static var maxGrowth: Double { 10 }   // h_new ≤ 10·h
    private static var logMinError: Double { -9.210340371976184 }  // ln 1e-4

    /// The weighted RMS norm of `e`, scaled by `atol + rtol·max(|aⱼ|, |bⱼ|)`.
    @inline(__always)
    private func norm(_ e: State, _ a: State, _ b: State) -> Double {
        let a8 = magnitude(a.head), b8 = magnitude(b.head)
        let a4 = magnitude(a.tail), b4 = magnitude(b.tail)
        let r8 = e.head / (absoluteTolerance + relativeTolerance * a8.replacing(with: b8, where: b8 .> a8))
        let r4 = e.tail / (absoluteTolerance + relativeTolerance * a4.replacing(with: b4, where: b4 .> a4))
        return (((r8 * r8).sum() + (r4 * r4).sum()) / Double(State.count)).squareRoot()
    }

    /// Hairer's starting step (HINIT): an explicit Euler probe estimates the
    /// second derivative, and h⁵·max(‖f‖, ‖f′‖) ≈ 0.01.
    private mutating func initialStep(span: Double) -> Double {
        let zero = State.zero
        let nf = norm(k1, y, zero), ny = norm(y, y, zero)
        let dnf = nf * nf, dny = ny * ny
        var h0 = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : 0.01 * (dny / dnf).squareRoot()
        h0 = min(h0, span)
        let f1 = system.derivative(at: t + h0, y + h0 * k1)
        evaluations += 1
        let der2 = norm(f1 - k1, y, zero) / h0
        let der12 = max(der2, dnf.squareRoot())
        let h1 = der12 <= 1e-15 ? max(1e-6, h0 * 1e-3) : Double.pow(0.01 / der12, 0.2)
        return min(100 * h0, h1, span)
    }

    /// Integrates from `t` to exactly `target` (≥ t). Returns false, leaving
    /// the state at the last accepted point, if the step cap or the minimum
    /// step size is hit or the solution stops being finite.
    mutating func advance(to target: Double) -> Bool {
        guard target > t else { return target == t }
        if h <= 0 { h = initialStep(span: target - t) }
        typealias C = Self
        while t < target {
            guard acceptedSteps + rejectedSteps < maxSteps else { return false }
            var step = h
            var last = false
            if t + 1.01 * step >= target {
                step = target - t
                last = true
            }
            // Written to fail for a NaN step too.
            if !last && !(step > 8 * t.ulp) { return false }

            let y2 = y + (step * C.a21) * k1
            let k2 = system.derivative(at: t + C.c2 * step, y2)
            let y3 = y + step * (C.a31 * k1 + C.a32 * k2)
            let k3 = system.derivative(at: t + C.c3 * step, y3)
            let y4 = y + step * (C.a41 * k1 + C.a42 * k2 + C.a43 * k3)
            let k4 = system.derivative(at: t + C.c4 * step, y4)
            let y5 = y + step * (C.a51 * k1 + C.a52 * k2 + C.a53 * k3 + C.a54 * k4)
            let k5 = system.derivative(at: t + C.c5 * step, y5)
            let y6 = y + step * (C.a61 * k1 + C.a62 * k2 + C.a63 * k3 + C.a64 * k4 + C.a65 * k5)
            let tNew = last ? target : t + step
            let k6 = system.derivative(at: tNew, y6)
            let yNew = y + step * (C.b1 * k1 + C.b3 * k3 + C.b4 * k4 + C.b5 * k5 + C.b6 * k6)
            let k7 = system.derivative(at: tNew, yNew)
            evaluations += 6
            let e = step * (C.e1 * k1 + C.e3 * k3 + C.e4 * k4 + C.e5 * k5 + C.e6 * k6 + C.e7 * k7)
            let err = norm(e, y, yNew)

            if err <= 1 {
                // One logarithm serves both powers (pow costs as much as the right-hand side).
                let logErr = Double.log(max(err, 1e-300))
                let fac11 = Double.exp(C.exponent * logErr)
                let fac = max(1 / C.maxGrowth, min(C.maxShrink, fac11 / previousErrorPower / C.safety))
                var hNew = step / fac
                if lastRejected { hNew = min(hNew, step) }
                // A step cut short to land on the target keeps the longer proposal.
                h = last && step < h ? max(hNew, h) : hNew
                previousErrorPower = Double.exp(C.beta * max(logErr, C.logMinError))
                lastRejected = false
                acceptedSteps += 1
                t = tNew
                y = yNew
                k1 = k7
            } else {
                rejectedSteps += 1
                lastRejected = true
                if err.isFinite {
                    h = step / min(C.maxShrink, Double.pow(err, C.exponent) / C.safety)
                } else {
                    h = step / 10
                }
            }
        }
        return true
    }
}

// |x| lane-wise by clearing the sign bits: `pointwiseMax(x, -x)` and a masked
// negation both compile to lane-by-lane code, this to one AND per register.

@inline(__always)
private func magnitude(_ x: SIMD8<Double>) -> SIMD8<Double> {
    unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD8<Double>.self)
}

@inline(__always)
private func magnitude(_ x: SIMD4<Double>) -> SIMD4<Double> {
    unsafeBitCast(unsafeBitCast(x, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD4<Double>.self)
}
