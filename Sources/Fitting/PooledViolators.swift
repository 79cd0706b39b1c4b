/// Pooling adjacent violators (isotonic regression), one value at a time: the least sum of squares
/// of the values taken so far minus a sequence that never falls. Runs of values that fall are
/// replaced by their mean until none does; pooling blocks of sizes a and b whose means differ by d
/// raises the sum by a·b/(a + b)·d², so it only grows as values are taken in.
enum PooledViolators {
    /// Takes `sign`·yᵢ in turn (−1: the least sum for a sequence that never rises) and after each
    /// calls `stop(i, rss)`, rss the least sum over the values 0…i; returns that sum where `stop`
    /// says true, else the sum over all of them.
    static func rss(of y: [Double], sign: Double = 1, stop: (Int, Double) -> Bool = { _, _ in false }) -> Double {
        // The pooled blocks, as a stack: their means (never falling from block to block) and sizes.
        withUnsafeTemporaryAllocation(of: (mean: Double, size: Double).self, capacity: max(y.count, 1)) { blocks in
            var top = 0, rss = 0.0
            for (i, value) in y.enumerated() {
                var mean = sign * value, size = 1.0
                while top > 0, blocks[top - 1].mean > mean {
                    top -= 1
                    let (m, n) = blocks[top]
                    let d = mean - m
                    rss += n * size / (n + size) * d * d
                    mean = (m * n + mean * size) / (n + size)
                    size += n
                }
                blocks[top] = (mean, size)
                top += 1
                if stop(i, rss) { return rss }
            }
            return rss
        }
    }
}
