import AdoptStudies

/// The forecast as a tidy CSV: one row per segment × technology × year.
public enum ForecastCSVWriter {
    static let header = ["scenario", "segment", "technology", "year", "share", "share_p05", "share_p95", "ports_m",
                         "revenue_usd_bn", "power_saved_mw", "power_saved_low_mw", "power_saved_high_mw",
                         "energy_saved_gwh", "cost_saved_usd_m", "elsfp_share"]

    public static func render(_ report: ForecastReport) -> String {
        var lines = provenance(report)
        lines.append(header.joined(separator: ","))
        for r in report.forecast {
            lines.append([
                report.scenario, r.segment, r.technology, String(r.year), NumberFormat.exact(r.share),
                NumberFormat.exact(r.shareLow), NumberFormat.exact(r.shareHigh), NumberFormat.exact(r.ports),
                NumberFormat.exact(r.revenue), NumberFormat.exact(r.powerSavedMW), NumberFormat.exact(r.powerSavedLowMW),
                NumberFormat.exact(r.powerSavedHighMW), NumberFormat.exact(r.energySavedGWh),
                NumberFormat.exact(r.costSavedUSDm), NumberFormat.exact(r.elsfpShare),
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The stage table as tidy CSV.
    public static func renderStages(_ report: ForecastReport) -> String {
        var lines = provenance(report)
        lines.append("scenario,segment,stage,rule,criterion,year,horizon_year,time,narrative_year,disagrees,note")
        for s in report.stages {
            lines.append([report.scenario, s.segment, s.stage, s.rule, FitCSVWriter.field(s.criterion),
                          s.year.map(String.init) ?? "", String(s.horizonYear), NumberFormat.exact(s.time),
                          String(s.narrativeYear),
                          s.disagrees.map { $0 ? "true" : "false" } ?? "", FitCSVWriter.field(s.note ?? "")].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The yearly totals over both segments (the JSON `totals`), as tidy CSV: one row per year, for
    /// sweeps that collect one figure per run.
    public static func renderTotals(_ report: ForecastReport) -> String {
        var lines = provenance(report)
        lines.append("scenario,year,cpo_share,cpo_share_hyperscale,cpo_share_enterprise,cpo_ports_m,cpo_ports_hyperscale_m,"
                     + "cpo_revenue_usd_bn,power_saved_mw,power_saved_low_mw,power_saved_high_mw,energy_saved_gwh,"
                     + "cost_saved_usd_m,wildcards_expected_change,cpo_share_p05,cpo_share_p95,cpo_ports_p05_m,cpo_ports_p95_m")
        func optional(_ x: Double?) -> String { x.map(NumberFormat.exact) ?? "" }
        for t in report.totals {
            lines.append([
                report.scenario, String(t.year), optional(t.cpoShare), optional(t.cpoShareHyperscale),
                optional(t.cpoShareEnterprise), NumberFormat.exact(t.cpoPorts), NumberFormat.exact(t.cpoPortsHyperscale),
                NumberFormat.exact(t.cpoRevenue), NumberFormat.exact(t.powerSavedMW), NumberFormat.exact(t.powerSavedLowMW),
                NumberFormat.exact(t.powerSavedHighMW), NumberFormat.exact(t.energySavedGWh),
                NumberFormat.exact(t.costSavedUSDm), NumberFormat.exact(t.wildcardsExpectedChange),
                optional(t.cpoShareLow), optional(t.cpoShareHigh), optional(t.cpoPortsLow), optional(t.cpoPortsHigh),
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The comment lines that open every table: how the run was made, and the inputs' SHA-256.
    static func provenance(_ report: ForecastReport) -> [String] {
        let wildcards = report.enabledWildcards.isEmpty ? "none" : report.enabledWildcards.joined(separator: " ")
        var lines = [
            "# made by: \(MarkdownText.oneLine(report.command))",
            "# scenario \(report.scenario); seed \(report.seed); draws \(report.draws); wildcards on: \(wildcards); "
                + "calibration: \(report.calibrated ? report.calibrationStatus : "off")",
        ]
        for input in report.inputs { lines.append("# input \(MarkdownText.oneLine(input.path)) sha256 \(input.sha256)") }
        return lines
    }
}
