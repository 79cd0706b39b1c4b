import AdoptScenario

/// What the switched-on wildcards do to one run, in calendar years.
struct Effects: Sendable, Equatable {
    var pRamps: [SegmentID: [CalendarRamp]] = [:]
    var qRamps: [SegmentID: [CalendarRamp]] = [:]
    var ceilingRamps: [SegmentID: [CalendarRamp]] = [:]
    var demandRamps: [SegmentID: [CalendarRamp]] = [:]
    /// Years added to CPO's introduction.
    var introductionShift: Double = 0

    static let none = Effects()

    /// The combined effect of every wildcard in `wildcards` (whether or not it is enabled).
    init(applying wildcards: [Wildcard]) {
        for w in wildcards {
            let ramp = w.ramp
            switch w.target {
            case .introductionYear:
                introductionShift += w.shiftYears
            case .p:
                for s in w.segments { pRamps[s, default: []].append(ramp) }
            case .q:
                for s in w.segments { qRamps[s, default: []].append(ramp) }
            case .m:
                for s in w.segments { ceilingRamps[s, default: []].append(ramp) }
            case .demand:
                for s in w.segments { demandRamps[s, default: []].append(ramp) }
            }
        }
    }

    init() {}
}
