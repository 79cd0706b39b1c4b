import AdoptStudies

/// Tidy CSV: one row per series × model × parameter, with the fit's summary repeated
/// on each row so that any row stands alone in pandas, R or a spreadsheet.
public enum FitCSVWriter {
    static let header = ["series", "model", "data", "status", "converged", "parameter", "estimate", "std_error",
                         "ci_low", "ci_high", "n", "dof", "rss", "sigma", "r_squared", "aic", "aicc", "bic",
                         "rank", "takeoff", "peak", "saturation_onset"]

    public static func render(_ report: FitReport) -> String {
        // One string grown in place: the table can have millions of cells.
        var out = "# adopt fit; confidence level \(NumberFormat.exact(report.confidenceLevel))\n"
        for input in report.inputs { out += "# input \(input.path) sha256 \(input.sha256)\n" }
        out += header.joined(separator: ",") + "\n"
        out.reserveCapacity(out.utf8.count + report.fits.count * 3 * 240)
        for fit in report.fits {
            // The fit's summary, shared by its parameter rows.
            var tail = ","
            for (i, value) in [NumberFormat.exact(Double(fit.n)), NumberFormat.exact(Double(fit.dof)),
                               NumberFormat.exact(fit.rss), NumberFormat.exact(fit.sigma),
                               NumberFormat.exact(fit.rSquared), NumberFormat.exact(fit.aic), NumberFormat.exact(fit.aicc),
                               NumberFormat.exact(fit.bic), fit.rank.map(String.init) ?? "",
                               NumberFormat.exact(fit.milestones?.takeoff), NumberFormat.exact(fit.milestones?.peak),
                               NumberFormat.exact(fit.milestones?.saturationOnset)].enumerated() {
                if i > 0 { tail += "," }
                tail += value
            }
            let head = field(fit.series ?? "") + "," + field(fit.formula.map { "formula: \($0)" } ?? fit.model) + ","
                + fit.data + "," + fit.status + "," + (fit.converged ? "true" : "false") + ","
            for p in fit.parameters {
                out += head
                out += field(p.name)
                out += ","
                out += NumberFormat.exact(p.estimate)
                out += ","
                out += NumberFormat.exact(p.stdError)
                out += ","
                out += NumberFormat.exact(p.ciLow)
                out += ","
                out += NumberFormat.exact(p.ciHigh)
                out += tail
                out += "\n"
            }
        }
        return out
    }

    /// Quotes a field when it holds a comma, quote or line break (RFC 4180).
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
