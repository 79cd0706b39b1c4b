extension Demand {
    /// The keys of `[demand]`.
    static let keys = ["ports_file", "growth_after_data", "long_run_growth", "long_run_year",
                       "port_lifetime_years", "hyperscale_share", "switch_generations"]
    /// Yearly growth rates: above −100 %, at most +100 % (doubling every year for the 300 years a
    /// study may span stays within double precision, at most 1e6 million ports to start).
    static let growthBounds = Bounds(lower: -1, lowerInclusive: false, upper: 1)

    /// Reads and checks `[demand]`, reading the ports file it names. `long_run_year` is the
    /// study's last year when left out.
    init(reading table: TableReader, study: Study, files: inout DataFiles) throws(ScenarioError) {
        try table.checkKeys(Demand.keys)
        let (ports, portsFile) = try files.read(table.field("ports_file"), as: PortsFile.parse)
        let growth = try table.field("growth_after_data").number(Demand.growthBounds)
        let longRun = try table.field("long_run_growth").number(Demand.growthBounds)
        let longRunYear = try table.optionalField("long_run_year")?.integer(.year) ?? study.lastYear
        let lifetime = try table.field("port_lifetime_years").integer(.closed(1, 50))
        let share = try table.field("hyperscale_share").yearSeries(values: .unit)
        let generations = try SwitchGeneration.readAll(table.field("switch_generations"))
        self.init(ports: ports, portsFile: portsFile, growthAfterData: growth, longRunGrowth: longRun,
                  longRunYear: longRunYear, hyperscaleShare: share, portLifetimeYears: lifetime, switchGenerations: generations)
    }
}

extension SwitchGeneration {
    /// `[{ year = …, capacity_tbps = … }, …]`: at least one, years strictly increasing, capacities at
    /// least 0.8 Tb/s (one 800G port) and not decreasing.
    static func readAll(_ field: Field) throws(ScenarioError) -> [SwitchGeneration] {
        let items = try field.array()
        guard !items.isEmpty else { throw field.invalid("must list at least one switch generation") }
        var generations: [SwitchGeneration] = []
        for (k, item) in items.enumerated() {
            let table = try item.table()
            try table.checkKeys(["year", "capacity_tbps"])
            let yearField = try table.field("year")
            let year = try yearField.number(.year)
            if let previous = generations.last, year <= previous.year {
                throw yearField.invalid("must be after the year of item \(k) (\(formatNumber(previous.year))): generations must be in year order, found \(formatNumber(year))")
            }
            // At least one 800G port's worth; and no generation smaller than the one before it.
            let capacityField = try table.field("capacity_tbps")
            let capacity = try capacityField.number(.atLeast(0.8))
            if let previous = generations.last, capacity < previous.capacityTbps {
                throw capacityField.invalid("must not be below the capacity of item \(k) (\(formatNumber(previous.capacityTbps))): "
                    + "a generation is no smaller than the one before it, found \(formatNumber(capacity))")
            }
            generations.append(SwitchGeneration(year: year, capacityTbps: capacity))
        }
        return generations
    }
}
