extension Power {
    /// The keys of `[power]`.
    static let keys = ["pue", "price_usd_per_mwh", "claimed_watts_per_port", "claimed_watts_per_switch",
                       "claimed_fraction_saved", "field_watts_per_port"]

    /// Reads and checks `[power]`.
    init(reading table: TableReader) throws(ScenarioError) {
        try table.checkKeys(Power.keys)
        self.init(
            pue: try table.field("pue").number(.atLeast(1)),
            priceUSDPerMWh: try table.field("price_usd_per_mwh").number(.nonNegative),
            claimedWattsPerPort: try table.field("claimed_watts_per_port").rangeWithCentre(.nonNegative),
            claimedWattsPerSwitch: try table.field("claimed_watts_per_switch").rangeWithCentre(.nonNegative),
            claimedFractionSaved: try table.field("claimed_fraction_saved").rangeWithCentre(.unit),
            fieldWattsPerPort: try table.field("field_watts_per_port").number(.nonNegative))
    }
}
