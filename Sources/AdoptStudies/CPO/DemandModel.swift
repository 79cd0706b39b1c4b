import AdoptScenario

/// Optical ports shipped per year into AI data centers, by segment.
///
/// Within the data's years the cited figures are interpolated linearly; after the last
/// data year ports grow at `growth_after_data`, a rate that falls linearly to
/// `long_run_growth` by `long_run_year` and stays there; before the first data year they
/// are held at the first figure. The hyperscale share splits the total. Nothing here
/// depends on the report's window, so widening it leaves the shared years unchanged.
struct DemandModel: Sendable {
    let demand: Demand

    init(_ demand: Demand) {
        self.demand = demand
    }

    /// Growth applied in the step from `year − 1` to `year`, after the data: `growth_after_data`
    /// in the first year after the data, falling linearly to `long_run_growth` in `long_run_year`
    /// and held there. With `long_run_year` not after that first year, `long_run_growth` throughout.
    func growth(in year: Double) -> Double {
        guard let lastData = demand.ports.years.last else { return 0 }
        let start = lastData + 1, end = Double(demand.longRunYear)
        guard year < end, end > start else { return demand.longRunGrowth }
        let w = max(0, (year - start) / (end - start))
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
