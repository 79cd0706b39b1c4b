extension Power {
    /// The keys of `[power]`.
    static let keys = ["pue", "price_usd_per_mwh", "claimed_watts_per_port", "claimed_watts_per_switch",
                       "claimed_fraction_saved", "field_watts_per_port", "field_source", "field_fraction_saved",
                       "field_fraction_source"]

    /// Reads and checks `[power]`.
    init(reading table: TableReader) throws(ScenarioError) {
        try table.checkKeys(Power.keys)
        let fraction = try table.optionalField("field_fraction_saved")?.interval(.unit)
        self.init(
            pue: try table.field("pue").number(.closed(1, 10)),
            priceUSDPerMWh: try table.field("price_usd_per_mwh").number(.nonNegative),
            claimedWattsPerPort: try table.field("claimed_watts_per_port").rangeWithCentre(.nonNegative),
            claimedWattsPerSwitch: try table.field("claimed_watts_per_switch").rangeWithCentre(.nonNegative),
            claimedFractionSaved: try table.field("claimed_fraction_saved").rangeWithCentre(.unit),
            fieldWattsPerPort: try table.field("field_watts_per_port").number(.nonNegative),
            fieldSource: try table.optionalField("field_source")?.string(nonEmpty: true),
            fieldFractionSaved: fraction.map { $0.start...$0.end },
            fieldFractionSource: try table.optionalField("field_fraction_source")?.string(nonEmpty: true))
    }
}
