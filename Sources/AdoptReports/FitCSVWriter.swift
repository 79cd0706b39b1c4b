import AdoptStudies
import Dispatch

/// Tidy CSV: one row per series × model × parameter, with the fit's summary repeated
/// on each row so that any row stands alone in pandas, R or a spreadsheet.
public enum FitCSVWriter {
    static let header = ["series", "model", "data", "status", "converged", "parameter", "estimate", "std_error",
                         "ci_low", "ci_high", "n", "dof", "rss", "sigma", "r_squared", "aic", "aicc", "bic",
                         "rank", "takeoff", "peak", "saturation_onset"]

    public static func render(_ report: FitReport) -> String {
        var out = "# adopt fit; confidence level \(NumberFormat.exact(report.confidenceLevel))\n"
        for input in report.inputs { out += "# input \(input.path) sha256 \(input.sha256)\n" }
        out += header.joined(separator: ",") + "\n"
        // Chunks of fits are rendered in parallel and joined in order: the text is the same
        // whatever the number of threads.
        let fits = report.fits
        let chunkSize = 256
        let chunks = (fits.count + chunkSize - 1) / chunkSize
        let parts = IndexedResults<String>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            let range = (k * chunkSize)..<min(fits.count, (k + 1) * chunkSize)
            var text = ""
            text.reserveCapacity(range.count * 3 * 240)
            for fit in fits[range] { rows(fit, into: &text) }
            parts[k] = text
        }
        for part in parts.values { out += part }
        return out
    }

    /// One row per parameter, the fit's summary repeated on each.
    static func rows(_ fit: FitRecord, into out: inout String) {
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

    /// Quotes a field when it holds a comma, quote or line break (RFC 4180).
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
