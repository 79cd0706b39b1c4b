import AdoptStudies

/// Tidy CSV: one row per series × model × parameter, with the fit's summary repeated
/// on each row so that any row stands alone in pandas, R or a spreadsheet. The columns are the
/// same whatever the options: those of `--profile` and `--holdout` are empty without them.
public enum FitCSVWriter {
    /// `model` is the model's name (`formula` for a formula, whose text is in `formula`); after the
    /// t-based interval, a parameter's profile-likelihood interval (`--profile`: the ends, empty
    /// where open or failed, and how each was found); the status's message and the fit's notes
    /// (joined by `noteSeparator`); then the forecast measures on held-out observations (`--holdout`), the
    /// count of those the MAPE is over after them (held-out values of 0 have no percentage error); last, the
    /// confidence level of every interval in the row (also the curve table's last column), so that tables
    /// made at different levels and joined keep it.
    /// The milestones are model or calendar times, as in the JSON; where x holds dated periods
    /// (quarters, months), `takeoff_period`, `peak_period` and `saturation_onset_period` name the
    /// period each falls in (empty otherwise); `peak_past_data` whether the peak lies after the periods fitted (a
    /// forecast; empty without a peak); then the peak rate, the times at which 10, 50 and 90 %
    /// of the potential have adopted with their periods, and the launch (the time origin, the JSON's `launch`, and where x holds periods, its label).
    static let header = ["series", "model", "formula", "data", "status", "converged", "parameter", "estimate",
                         "std_error", "ci_low", "ci_high", "profile_low", "profile_high", "profile_low_end",
                         "profile_high_end", "fixed", "n", "dof", "rss", "sigma", "relative_sigma", "r_squared", "aic", "aicc", "bic",
                         "rank", "takeoff", "peak", "saturation_onset", "takeoff_period", "peak_period",
                         "saturation_onset_period", "peak_past_data", "peak_rate", "fraction10", "fraction50", "fraction90",
                         "fraction10_period", "fraction50_period", "fraction90_period", "launch", "launch_period", "delta_aicc", "aicc_weight",
                         "message", "notes", "holdout_n", "holdout_mean_error", "holdout_mae", "holdout_rmse", "holdout_mape",
                         "holdout_pi_coverage", "holdout_mape_n", "level"]

    /// Between two notes in the `notes` column: notes hold "; " themselves, never " | ".
    static let noteSeparator = " | "

    /// Fits per chunk: few enough that a chunk's bytes stay in a core's cache until written.
    static let fitsPerChunk = 256

    /// The whole text at once (tests, small reports); the chunks never fail to render.
    public static func render(_ report: FitReport) throws(ChunkedText.Failure) -> String {
        try chunks(report).string()
    }

    /// The report as chunks of fits, rendered in parallel and joined in order: the text is
    /// the same whatever the number of threads.
    public static func chunks(_ report: FitReport) -> ChunkedText {
        let fits = report.fits
        let count = max(1, (fits.count + fitsPerChunk - 1) / fitsPerChunk)
        return ChunkedText(count: count) { k, out in
            if k == 0 { preamble(report, into: &out) }
            let range = (k * fitsPerChunk)..<min(fits.count, (k + 1) * fitsPerChunk)
            let level = NumberFormat.exact(report.confidenceLevel)
            fits.withUnsafeBufferPointer { fits in
                guard let first = fits.baseAddress else { return }
                for i in range { rows(first + i, level: level, into: &out) }
            }
        }
    }

    /// The fitted curves as tidy CSV (`--table curve`): one row per series × model × x, the observed
    /// value (empty beyond the data), the fitted one and its confidence and prediction intervals, and
    /// whether the point was held out of the fit (`--holdout`, where `fitted` is a forecast), then the
    /// curve's cumulative adopters with their confidence interval and the share of m they are (empty
    /// for a formula), and last the curve's adopters in the period with their confidence interval (the
    /// fitted values for per-period data, the running totals' increments for cumulative data; empty for a
    /// formula). A fit without estimates has no rows.
    static let curveHeader = ["series", "model", "status", "x", "label", "observed", "fitted", "ci_low", "ci_high",
                              "pi_low", "pi_high", "held_out", "cumulative", "cumulative_ci_low", "cumulative_ci_high", "share",
                              "per_period", "per_period_ci_low", "per_period_ci_high", "level"]

    public static func curveChunks(_ report: FitReport) -> ChunkedText {
        let fits = report.fits
        let count = max(1, (fits.count + fitsPerChunk - 1) / fitsPerChunk)
        return ChunkedText(count: count) { k, out in
            if k == 0 { preamble(report, header: curveHeader, into: &out) }
            let level = "," + NumberFormat.exact(report.confidenceLevel) + "\n"
            for record in fits[(k * fitsPerChunk)..<min(fits.count, (k + 1) * fitsPerChunk)] {
                var head = ByteBuffer()
                appendField(record.series ?? "", into: &head)
                head.append(UInt8(ascii: ","))
                appendField(record.model, into: &head)
                head.append(UInt8(ascii: ","))
                head.append(record.status)
                // A fit with no curve (not fitted, or no finite curve) has one row, x and every value empty:
                // no series or model of the report is missing from the table.
                if record.curve.isEmpty {
                    head.withUnsafeBytes { out.append($0) }
                    out.append(",,,,,,,,,,,,,,,,")
                    out.append(level)
                }
                for point in record.curve {
                    head.withUnsafeBytes { out.append($0) }
                    out.append(UInt8(ascii: ","))
                    out.appendExact(point.x)
                    out.append(UInt8(ascii: ","))
                    if let label = point.label { appendField(label, into: &out) }
                    for value in [point.observed, point.fitted, point.ciLow, point.ciHigh, point.piLow, point.piHigh] {
                        summaryColumn(value, into: &out)
                    }
                    out.append(point.heldOut ? ",true" : ",false")
                    for value in [point.cumulative, point.cumulativeCiLow, point.cumulativeCiHigh, point.share,
                                  point.perPeriod, point.perPeriodCiLow, point.perPeriodCiHigh] {
                        summaryColumn(value, into: &out)
                    }
                    out.append(level)
                }
            }
        }
    }

    /// The provenance comments (the level, the covariance estimator, the errors where proportional, the command, the inputs' SHA-256) and the header row.
    static func preamble(_ report: FitReport, header: [String] = header, into out: inout ByteBuffer) {
        var text = "# adopt fit; confidence level \(NumberFormat.exact(report.confidenceLevel)); covariance \(report.covarianceEstimator.rawValue)"
        if report.predictionErrors != .constant { text += "; errors \(report.predictionErrors.rawValue)" }
        if let holdout = report.holdout { text += "; holdout \(holdout)" }
        text += "\n# made by: \(MarkdownText.oneLine(report.command))\n"
        for input in report.inputs { text += "# input \(MarkdownText.oneLine(input.path)) sha256 \(input.sha256)\n" }
        if !report.commentLines.isEmpty { text += "# skipped as comments after the header: \(NumberFormat.lineList(report.commentLines))\n" }
        text += header.joined(separator: ",") + "\n"
        out.append(text)
    }

    /// One row per parameter, the fit's summary repeated on each: the columns before the
    /// parameter and the summary after it are rendered once, on the first row, and copied.
    /// The record is read in place, field by field, rather than copied whole.
    static func rows(_ record: UnsafePointer<FitRecord>, level: String, into out: inout ByteBuffer) {
        let parameters = record.pointee.parameters
        guard let first = parameters.first else { return }
        let headStart = out.count
        appendField(record.pointee.series ?? "", into: &out)
        out.append(UInt8(ascii: ","))
        appendField(record.pointee.model, into: &out)
        out.append(UInt8(ascii: ","))
        if let formula = record.pointee.formula { appendField(formula, into: &out) }
        out.append(UInt8(ascii: ","))
        out.append(record.pointee.data)
        out.append(UInt8(ascii: ","))
        out.append(record.pointee.status)
        out.append(UInt8(ascii: ","))
        out.append(record.pointee.converged ? "true," : "false,")
        let head = headStart..<out.count

        parameterColumns(first, into: &out)
        let tailStart = out.count
        let milestones = record.pointee.milestones
        summaryColumn(Double(record.pointee.n), into: &out)
        summaryColumn(Double(record.pointee.dof), into: &out)
        summaryColumn(record.pointee.rss, into: &out)
        summaryColumn(record.pointee.sigma, into: &out)
        summaryColumn(record.pointee.relativeSigma, into: &out)
        summaryColumn(record.pointee.rSquared, into: &out)
        summaryColumn(record.pointee.aic, into: &out)
        summaryColumn(record.pointee.aicc, into: &out)
        summaryColumn(record.pointee.bic, into: &out)
        out.append(UInt8(ascii: ","))
        if let rank = record.pointee.rank { out.appendInteger(rank) }
        summaryColumn(milestones?.takeoff, into: &out)
        summaryColumn(milestones?.peak, into: &out)
        summaryColumn(milestones?.saturationOnset, into: &out)
        // Where x holds dated periods, the label of the period each milestone falls in.
        labelColumns(milestones?.periods.map { ($0.takeoff, $0.peak, $0.saturationOnset) }, into: &out)
        out.append(UInt8(ascii: ","))
        if let past = milestones?.peakPastData { out.append(past ? "true" : "false") }
        summaryColumn(milestones?.peakRate, into: &out)
        summaryColumn(milestones?.fraction10, into: &out)
        summaryColumn(milestones?.fraction50, into: &out)
        summaryColumn(milestones?.fraction90, into: &out)
        labelColumns(milestones?.periods.map { ($0.fraction10, $0.fraction50, $0.fraction90) }, into: &out)
        summaryColumn(record.pointee.launch, into: &out)
        labelColumn(record.pointee.launchPeriod, into: &out)
        summaryColumn(record.pointee.deltaAicc, into: &out)
        summaryColumn(record.pointee.aiccWeight, into: &out)
        out.append(UInt8(ascii: ","))
        appendField(record.pointee.message, into: &out)
        out.append(UInt8(ascii: ","))
        if !record.pointee.notes.isEmpty { appendField(record.pointee.notes.joined(separator: Self.noteSeparator), into: &out) }
        let measures = record.pointee.holdout
        summaryColumn(measures.map { Double($0.n) }, into: &out)
        summaryColumn(measures?.meanError, into: &out)
        summaryColumn(measures?.meanAbsoluteError, into: &out)
        summaryColumn(measures?.rootMeanSquaredError, into: &out)
        summaryColumn(measures?.meanAbsolutePercentageError, into: &out)
        summaryColumn(measures?.predictionIntervalCoverage, into: &out)
        out.append(UInt8(ascii: ","))
        if let n = measures?.meanAbsolutePercentageErrorN { out.appendInteger(n) }
        out.append(UInt8(ascii: ","))
        out.append(level)
        out.append(UInt8(ascii: "\n"))
        let tail = tailStart..<out.count

        for p in parameters.dropFirst() {
            out.appendCopy(of: head)
            parameterColumns(p, into: &out)
            out.appendCopy(of: tail)
        }
    }

    /// Three columns of period labels, empty where x holds no dated periods.
    @inline(__always)
    static func labelColumns(_ labels: (String?, String?, String?)?, into out: inout ByteBuffer) {
        guard let labels else { return out.append(",,,") }
        labelColumn(labels.0, into: &out)
        labelColumn(labels.1, into: &out)
        labelColumn(labels.2, into: &out)
    }

    @inline(__always)
    static func labelColumn(_ label: String?, into out: inout ByteBuffer) {
        out.append(UInt8(ascii: ","))
        if let label { appendField(label, into: &out) }
    }

    @inline(__always)
    static func summaryColumn(_ value: Double?, into out: inout ByteBuffer) {
        out.append(UInt8(ascii: ","))
        out.appendExact(value)
    }

    /// `name,estimate,std_error,ci_low,ci_high`, the profile interval's four columns and `fixed` of one parameter.
    @inline(__always)
    static func parameterColumns(_ p: ParameterRecord, into out: inout ByteBuffer) {
        appendField(p.name, into: &out)
        out.append(UInt8(ascii: ","))
        out.appendExact(p.estimate)
        out.append(UInt8(ascii: ","))
        out.appendExact(p.stdError)
        out.append(UInt8(ascii: ","))
        out.appendExact(p.ciLow)
        out.append(UInt8(ascii: ","))
        out.appendExact(p.ciHigh)
        out.append(UInt8(ascii: ","))
        out.appendExact(p.profile?.low)
        out.append(UInt8(ascii: ","))
        out.appendExact(p.profile?.high)
        out.append(UInt8(ascii: ","))
        if let end = p.profile?.lowEnd { out.append(end.rawValue) }
        out.append(UInt8(ascii: ","))
        if let end = p.profile?.highEnd { out.append(end.rawValue) }
        out.append(p.fixed ? ",true" : ",false")
    }

    /// A field's bytes, quoted when it holds a comma, quote or line break (RFC 4180), or a '#' (readers
    /// that skip the report's '#' comment lines, as pandas with `comment='#'`, cut a line there unless
    /// it is quoted), its quotes doubled. A CSV reader sees Unicode scalars, and "\r\n", or a comma or
    /// quote followed by a combining mark, is one Swift character equal to none of these; in UTF-8 these
    /// scalars are those bytes and nothing else (every byte of a longer scalar is 0x80 or above), so the
    /// field is read and written by byte.
    static func appendField(_ s: String, into out: inout ByteBuffer) {
        var s = s
        s.makeContiguousUTF8()
        let quote = UInt8(ascii: "\"")
        _ = s.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == quote || $0 == UInt8(ascii: "\n")
                || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "#") })
            else { return out.append(bytes) }
            out.append(quote)
            var from = 0
            for i in bytes.indices where bytes[i] == quote {
                out.append(UnsafeBufferPointer(rebasing: bytes[from...i]))
                out.append(quote)
                from = i + 1
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[from...]))
            out.append(quote)
        }
    }

    /// A field as `appendField` writes it, as text.
    static func field(_ s: String) -> String {
        var out = ByteBuffer(capacity: s.utf8.count + 2)
        appendField(s, into: &out)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }
}
