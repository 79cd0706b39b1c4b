import AdoptStudies

/// Tidy CSV: one row per series × model × parameter, with the fit's summary repeated
/// on each row so that any row stands alone in pandas, R or a spreadsheet.
public enum FitCSVWriter {
    static let header = ["series", "model", "data", "status", "converged", "parameter", "estimate", "std_error",
                         "ci_low", "ci_high", "n", "dof", "rss", "sigma", "r_squared", "aic", "aicc", "bic",
                         "rank", "takeoff", "peak", "saturation_onset"]

    public static func render(_ report: FitReport) -> String {
        var lines = ["# adopt fit; confidence level \(NumberFormat.exact(report.confidenceLevel))"]
        for input in report.inputs { lines.append("# input \(input.path) sha256 \(input.sha256)") }
        lines.append(header.joined(separator: ","))
        for fit in report.fits {
            for p in fit.parameters {
                let fields: [String] = [
                    field(fit.series ?? ""), field(fit.formula.map { "formula: \($0)" } ?? fit.model), fit.data,
                    fit.status, fit.converged ? "true" : "false", field(p.name),
                    NumberFormat.exact(p.estimate), NumberFormat.exact(p.stdError),
                    NumberFormat.exact(p.ciLow), NumberFormat.exact(p.ciHigh),
                    String(fit.n), String(fit.dof), NumberFormat.exact(fit.rss), NumberFormat.exact(fit.sigma),
                    NumberFormat.exact(fit.rSquared), NumberFormat.exact(fit.aic), NumberFormat.exact(fit.aicc),
                    NumberFormat.exact(fit.bic), fit.rank.map(String.init) ?? "",
                    NumberFormat.exact(fit.milestones?.takeoff), NumberFormat.exact(fit.milestones?.peak),
                    NumberFormat.exact(fit.milestones?.saturationOnset),
                ]
                lines.append(fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quotes a field when it holds a comma, quote or line break (RFC 4180).
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
