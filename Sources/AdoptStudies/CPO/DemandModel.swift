import AdoptScenario

/// Optical ports shipped per year into AI data centers, by segment.
///
/// Within the data's years the cited figures are interpolated linearly; after the last
/// data year ports grow at `growth_after_data`, a rate that falls linearly to
/// `long_run_growth` by the study's last year; before the first data year they are
/// held at the first figure. The hyperscale share splits the total.
struct DemandModel: Sendable {
    let demand: Demand
    let lastYear: Double

    init(_ demand: Demand, lastYear: Int) {
        self.demand = demand
        self.lastYear = Double(lastYear)
    }

    /// Growth applied in the step from `year − 1` to `year`, after the data.
    func growth(in year: Double) -> Double {
        guard let lastData = demand.ports.years.last else { return 0 }
        let span = max(1, lastYear - lastData)
        let w = min(1, max(0, (year - lastData - 1) / span))
        return demand.growthAfterData + (demand.longRunGrowth - demand.growthAfterData) * w
    }

    /// All segments' ports shipped in calendar year `year` (millions of 800G-equivalent ports).
    func totalPorts(in year: Int) -> Double {
        let y = Double(year)
        guard let lastData = demand.ports.years.last else { return .nan }
        if y <= lastData { return demand.ports.value(at: y) }
        var ports = demand.ports.value(at: lastData)
        var k = lastData + 1
        while k <= y {
            ports *= 1 + growth(in: k)
            k += 1
        }
        return ports
    }

    func segmentShare(_ segment: SegmentID, in year: Int) -> Double {
        let h = demand.hyperscaleShare.value(at: Double(year))
        return segment == .hyperscale ? h : 1 - h
    }

    /// Ports per switch at the generation shipping in `year`, counting 800G ports.
    func portsPerSwitch(in year: Double) -> (capacityTbps: Double, ports: Double)? {
        guard let generation = demand.switchGenerations.last(where: { $0.year <= year })
            ?? demand.switchGenerations.first else { return nil }
        return (generation.capacityTbps, generation.capacityTbps / 0.8)
    }
}
