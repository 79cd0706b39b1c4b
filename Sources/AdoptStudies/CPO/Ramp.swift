import AdoptScenario

/// A multiplier that moves linearly from 1 at `start` to `factor` at `end` (calendar years)
/// and stays there: how a wildcard's effect comes in over its window.
struct CalendarRamp: Sendable, Equatable {
    var start: Double
    var end: Double
    var factor: Double

    func multiplier(at year: Double) -> Double {
        if year <= start { return 1 }
        if year >= end || end == start { return factor }
        return 1 + (factor - 1) * (year - start) / (end - start)
    }
}

extension Array where Element == CalendarRamp {
    /// The product of every ramp's multiplier.
    func multiplier(at year: Double) -> Double { reduce(1) { $0 * $1.multiplier(at: year) } }
}

extension Wildcard {
    /// The wildcard's multiplier as it acts over time: 1 before its window, rising or falling
    /// linearly across it, its full factor from the window's end on.
    var ramp: CalendarRamp { CalendarRamp(start: windowStart, end: windowEnd, factor: multiplier) }
}
