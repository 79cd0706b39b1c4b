import RealModule

// The exponential a curve evaluates at every observation (Bass's e^{−(p+q)t}, Richards'
// E = e^{−k(t − t₀)}), stepped from one period to the next.

/// `e^{−s·(t − t₀)}` along a run of times. Unit steps multiply by `e^{−s}` (one rounding each,
/// no worse than the rounding of `s·(t − t₀)` that a fresh `exp` inherits); every 16th step, every
/// other spacing and every step from a value that is not a normal number (0, subnormal or infinite:
/// a product cannot come back from there) take a fresh `exp`, so rounding cannot build up.
struct Decay {
    let rate: Double
    let origin: Double
    let step: Double
    // As if e^{−rate·0} = 1 had just been computed at the origin, so that t = t₀ + 1 (the first
    // period of most series, for a curve from launch) is the step itself, by the multiplication below.
    var last: Double
    var value = 1.0
    var run = -1

    @inline(__always)
    init(rate: Double, origin: Double = 0) {
        self.rate = rate
        self.origin = origin
        self.step = Double.exp(-rate)
        self.last = origin
    }

    @inline(__always)
    mutating func next(_ t: Double) -> Double {
        if t - last == 1 && run < 16 && value.isNormal {
            value *= step
            run += 1
        } else {
            value = Double.exp(-rate * (t - origin))
            run = 0
        }
        last = t
        return value
    }
}

extension Decay {
    /// Calls `body(i, tᵢ, e^{−rate·(tᵢ − origin)})` for each time in turn, the exponential stepped as
    /// `next` steps it.
    @inline(__always)
    static func along(_ t: UnsafeBufferPointer<Double>, rate: Double, origin: Double = 0,
                      _ body: (_ i: Int, _ t: Double, _ e: Double) -> Void) {
        var decay = Decay(rate: rate, origin: origin)
        for i in t.indices { body(i, t[i], decay.next(t[i])) }
    }
}
