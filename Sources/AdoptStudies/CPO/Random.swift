import RealModule

/// SplitMix64 (Steele, Lea & Flood 2014): the seeded generator behind every draw.
///
/// Each Monte Carlo draw gets its own stream, seeded from the study seed and the draw's
/// index, so results are identical whatever the number of threads.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The generator for draw `index` of a study seeded with `seed`.
    init(seed: UInt64, stream index: Int) {
        var mixer = SplitMix64(seed: seed ^ (0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1)))
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in (0, 1).
    mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// A standard normal by the Box–Muller transform.
    mutating func normal() -> Double {
        let u1 = uniform(), u2 = uniform()
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
    }
}
