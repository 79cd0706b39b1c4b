import RealModule
import Synchronization

/// Student's t distribution: the quantiles behind confidence and prediction intervals.
public enum StudentT {
    /// The cumulative distribution function P(T ≤ t) with ν degrees of freedom.
    ///
    ///     P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½)   for t ≥ 0
    ///
    /// where I is the regularized incomplete beta function.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0, "degrees of freedom must be positive")
        if t.isNaN { return .nan }
        if t.isInfinite { return t > 0 ? 1 : 0 }
        // x = ν/(ν+t²) and 1 − x = t²/(ν+t²), each formed without cancellation.
        let t2 = t * t
        let logX = -Double.log(onePlus: t2 / nu)
        let logY = Double.log(t2) - Double.log(nu + t2)
        let tail = 0.5 * regularizedIncompleteBeta(x: nu / (nu + t2), y: t2 / (nu + t2), logX: logX, logY: logY,
                                                   a: nu / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// The density of the t distribution.
    public static func pdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let logC = Double.logGamma((nu + 1) / 2) - Double.logGamma(nu / 2) - 0.5 * Double.log(nu * .pi)
        return Double.exp(logC - (nu + 1) / 2 * Double.log(onePlus: t * t / nu))
    }

    /// The quantile t such that P(T ≤ t) = probability, 0 < probability < 1.
    ///
    /// Newton's method on the CDF from a bracketing bisection start; accurate to a
    /// few ulps of the CDF, checked against scipy.stats.t.ppf.
    public static func quantile(_ probability: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(probability > 0 && probability < 1, "probability must be in (0, 1)")
        precondition(nu > 0, "degrees of freedom must be positive")
        // Fits ask for the same few (probability, ν) pairs thousands of times.
        let key = Key(probability: probability, nu: nu)
        if let known = cache.withLock({ $0[key] }) { return known }
        let q = solveQuantile(probability, nu)
        cache.withLock { if $0.count < 4096 { $0[key] = q } }
        return q
    }

    private struct Key: Hashable {
        var probability: Double
        var nu: Double
    }

    private static let cache = Mutex<[Key: Double]>([:])

    private static func solveQuantile(_ probability: Double, _ nu: Double) -> Double {
        if probability == 0.5 { return 0 }
        if probability < 0.5 { return -solveQuantile(1 - probability, nu) }
        // Upper tail: bracket [0, hi] with cdf(hi) ≥ probability.
        var lo = 0.0, hi = 1.0
        while cdf(hi, degreesOfFreedom: nu) < probability { lo = hi; hi *= 2; if hi > 1e300 { return .infinity } }
        var t = 0.5 * (lo + hi)
        for _ in 0..<200 {
            let f = cdf(t, degreesOfFreedom: nu) - probability
            if f > 0 { hi = t } else { lo = t }
            let d = pdf(t, degreesOfFreedom: nu)
            var next = t - f / d
            if !(next > lo && next < hi) || d == 0 { next = 0.5 * (lo + hi) }
            if abs(next - t) <= 4 * Double.ulpOfOne * abs(next) { return next }
            t = next
        }
        return t
    }

    /// The regularized incomplete beta function I_x(a, b) by Lentz's continued fraction.
    ///
    /// Press et al. (2007), *Numerical Recipes*, 3rd ed., §6.4.
    ///
    /// `x` and `y = 1 − x` and their logarithms are passed separately so callers can
    /// form each without cancellation.
    static func regularizedIncompleteBeta(x: Double, y: Double, logX: Double, logY: Double,
                                          a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        let logFront = logGammaRatio(a, b) + a * logX + b * logY
        if x < (a + 1) / (a + b + 2) {
            return Double.exp(logFront) * continuedFraction(x, a, b) / a
        }
        return 1 - Double.exp(logFront) * continuedFraction(y, b, a) / b
    }

    /// ln Γ(a+b) − ln Γ(a) − ln Γ(b). For b = ½ and large a the difference of two
    /// large log-gammas cancels, so it is formed from Stirling's series instead:
    ///
    ///     ln Γ(a+½) − ln Γ(a) = a·ln(1 + 1/(2a)) + ½·ln a − ½ + S(a+½) − S(a)
    ///     S(z) = 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + 1/(1188z⁹)
    ///
    /// (Abramowitz & Stegun 6.1.40), whose truncation error is below 1e-17 for a ≥ 10.
    static func logGammaRatio(_ a: Double, _ b: Double) -> Double {
        if b == 0.5 && a >= 10 {
            func series(_ z: Double) -> Double {
                let z2 = z * z
                return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1 / (1188 * z2)) / z2) / z2) / z2) / z
            }
            let difference = a * Double.log(onePlus: 1 / (2 * a)) + 0.5 * Double.log(a) - 0.5
                + (series(a + 0.5) - series(a))
            return difference - Double.logGamma(0.5)
        }
        return Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b)
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let mm = Double(m)
            var aa = mm * (b - mm) * x / ((a + 2 * mm - 1) * (a + 2 * mm))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + mm) * (a + b + mm) * x / ((a + 2 * mm) * (a + 2 * mm + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 1e-16 { break }
        }
        return h
    }
}
