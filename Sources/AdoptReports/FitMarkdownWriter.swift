import AdoptStudies

/// A Markdown report of fits: provenance, then per series the parameter table,
/// goodness of fit, milestones, and the fitted (and extended) curve.
public enum FitMarkdownWriter {
    /// Series per chunk: a chunk's sections are rendered on one core.
    static let seriesPerChunk = 64

    /// The report as chunks of series, rendered in parallel and joined in order (`ChunkedText`):
    /// the preamble, with two series or more the summary table, then each series' sections, without
    /// the whole text in memory.
    public static func chunks(_ report: FitReport) -> ChunkedText {
        let series = bySeries(report)
        let sections = max(1, (series.count + seriesPerChunk - 1) / seriesPerChunk)
        // With two series or more, chunks of rows of the summary table come first.
        let summaries = series.count >= 2 ? (series.count + summaryRowsPerChunk - 1) / summaryRowsPerChunk : 0
        return ChunkedText(count: summaries + sections) { k, out in
            func append(_ lines: [String]) { for line in lines { out.append(line); out.append(UInt8(ascii: "\n")) } }
            if k == 0 {
                append(preamble(report))
                if summaries > 0 { append(summaryHead(report)) }
            }
            if k < summaries {
                let rows = (k * summaryRowsPerChunk)..<min(series.count, (k + 1) * summaryRowsPerChunk)
                for group in series[rows] {
                    appendSummaryRow(group, holdout: report.holdout != nil, into: &out)
                    out.append(UInt8(ascii: "\n"))
                }
                return
            }
            let j = k - summaries
            for group in series[(j * seriesPerChunk)..<min(series.count, (j + 1) * seriesPerChunk)] { appendSeries(group, report, into: &out) }
        }
    }

    /// Rows of the summary table per chunk.
    static let summaryRowsPerChunk = 2048

    /// The heading of the table that gives each series' fit in a row, before the sections.
    static func summaryHead(_ report: FitReport) -> [String] {
        ["", "## All series", "",
         (report.ranked ? "Each series' best-ranked model (rank 1 by AICc; the first fitted where none is ranked)"
            : "Each series' fit") + ": its status, estimates with their standard errors in parentheses, the peak "
            + "(as in the milestones; \"past the periods fitted\" where it lies after them) and R²" + (report.holdout != nil ? ", the back-test's RMSE and MAPE on the held-out observations" : "")
            + ", and how many notes its section gives (warnings the status does not carry); the sections below give everything else.",
         "", "| series | model | status | estimates (std. error) | peak | R² |" + (report.holdout != nil ? " held-out RMSE | held-out MAPE |" : "") + " notes |",
         "|---|---|---|---|---|---|" + (report.holdout != nil ? "---|---|" : "") + "---|"]
    }

    /// One series' row of the summary table.
    static func summaryRow(_ group: (series: String?, fits: [FitRecord]), holdout: Bool = false) -> String {
        var out = ByteBuffer()
        appendSummaryRow(group, holdout: holdout, into: &out)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// `summaryRow`'s text, without its line feed. A cell's `|` is escaped (`MarkdownText.cell`) piece
    /// by piece: the numbers have none. With `holdout`, the back-test's RMSE and MAPE (the ranking's columns); last, the
    /// count of the fit's notes.
    static func appendSummaryRow(_ group: (series: String?, fits: [FitRecord]), holdout: Bool = false, into out: inout ByteBuffer) {
        guard let fit = group.fits.first(where: { $0.rank == 1 }) ?? group.fits.first(where: \.wasFitted) ?? group.fits.first
        else { return }
        out.append("| ")
        out.append(MarkdownText.cell(group.series.map(MarkdownText.codeSpan) ?? ""))
        out.append(" | \(modelName(fit)) | \(fit.status) | ")
        for (k, p) in fit.parameters.enumerated() {
            if k > 0 { out.append(", ") }
            out.append(MarkdownText.cell(MarkdownText.plain(p.name)))
            out.append(UInt8(ascii: " "))
            out.appendReadable(p.estimate)
            if let se = p.stdError {
                out.append(" (")
                out.appendReadable(se)
                out.append(UInt8(ascii: ")"))
            }
        }
        out.append(" | ")
        out.append(NumberFormat.timeCut(fit.converged ? fit.milestones?.peak : nil))
        let past = fit.converged && fit.milestones?.peakPastData == true
        if fit.converged, let period = fit.milestones?.periods?.peak {
            out.append(MarkdownText.cell(" (\(MarkdownText.plain(period))" + (past ? "; past the periods fitted)" : ")")))
        } else if past {
            out.append(" (past the periods fitted)")
        }
        out.append(" | ")
        out.appendReadable(fit.rSquared, significant: NumberFormat.rSquaredDigits(fit.rSquared))
        out.append(" |")
        if holdout {
            out.append(" ")
            out.appendReadable(fit.holdout?.rootMeanSquaredError)
            out.append(" | \(NumberFormat.percent(fit.holdout?.meanAbsolutePercentageError)) |")
        }
        out.append(fit.notes.isEmpty ? " – |" : " \(fit.notes.count) |")
    }

    /// The fits grouped by series, in input order.
    static func bySeries(_ report: FitReport) -> [(series: String?, fits: [FitRecord])] {
        var order: [String?] = []
        var grouped: [String: [FitRecord]] = [:]
        for fit in report.fits {
            let key = fit.series ?? ""
            if grouped[key] == nil { order.append(fit.series) }
            grouped[key, default: []].append(fit)
        }
        return order.map { ($0, grouped[$0 ?? ""]!) }
    }

    /// One series' heading, ranking and fits, as lines.
    static func lines(_ group: (series: String?, fits: [FitRecord]), _ report: FitReport) -> [String] {
        var out = ByteBuffer()
        appendSeries(group, report, into: &out)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }.split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }

    /// One series' heading, ranking and fits, each line ended by a line feed.
    static func appendSeries(_ group: (series: String?, fits: [FitRecord]), _ report: FitReport, into out: inout ByteBuffer) {
        let level = NumberFormat.readable(report.confidenceLevel * 100, significant: 10)
        out.appendLine("")
        out.appendLine("## " + (group.series.map { "Series \(MarkdownText.codeSpan($0))" }
                                ?? "Series in \(MarkdownText.codeSpan(report.inputs.first?.path ?? ""))"))
        // A series set aside for bad data (--skip-invalid) with --model auto: its problem once, not once a model.
        if group.fits.count > 1, let first = group.fits.first,
           group.fits.allSatisfy({ $0.status == FitRecord.invalidData && $0.message == first.message }) {
            out.appendLine("")
            out.appendLine(statusLine(first.status, message: first.message) + " None of the \(group.fits.count) models is fitted.")
            return
        }
        if report.ranked { for line in ranking(group.fits, holdout: report.holdout != nil) { out.appendLine(line) } }
        for fit in group.fits { appendSection(fit, level: level, nested: report.ranked, profileAsked: report.profile, into: &out) }
    }

    /// The title, provenance and the notes on how to read the report.
    static func preamble(_ report: FitReport) -> [String] {
        var out: [String] = []
        out.append("# Adoption curve fits")
        out.append("")
        out.append("Made by \(MarkdownText.codeSpan(report.command)).")
        out.append("")
        out.append("| input | SHA-256 |")
        out.append("|---|---|")
        for input in report.inputs { out.append("| \(MarkdownText.cell(MarkdownText.codeSpan(input.path))) | `\(input.sha256)` |") }
        out.append("")
        if !report.commentLines.isEmpty {
            out.append("Skipped as comments after the header: \(NumberFormat.lineList(report.commentLines)) (a line starting "
                       + "with # is a comment; quote a value that begins with #).")
            out.append("")
        }
        let level = NumberFormat.readable(report.confidenceLevel * 100, significant: 10)
        let predictionIntervals = "A prediction interval is where one period's observed value would fall with that probability: the "
            + "curve's own uncertainty and "
            + (report.predictionErrors == .proportional
               ? "an error that is a share τ of the fitted value, ŷ ± t·√(se² + τ²·ŷ²) (`--errors proportional`), "
                 + "τ² = RSS / Σ (1 − hᵢ)·ŷᵢ² over the periods fitted, hᵢ their leverages (unbiased for the linearization, as σ² is "
                 + "for errors of one size); it takes the errors to grow with the sales and to be independent of one another."
               : "the residuals' σ, which takes the errors to be of one size in every period and independent of one another.")
        let formulasOnly = report.fits.allSatisfy { $0.formula != nil }
        let labelled = report.fits.contains { $0.curve.first?.label != nil }
        // A formula's curve is no adoption curve: its intervals are not truncated, and it has no milestones.
        out.append(formulasOnly
                   ? "The estimates' and fitted values' units follow the formula and the data. Intervals are \(level) %: t-based for "
                     + "parameters (none for a fit that is not identified); delta-method and pointwise for the curve"
                     + (labelled ? "; where x holds labels, they are numbered from 1 (the earliest period in the file, or the first label "
                                   + "to appear)." : ".") + " " + predictionIntervals
                   : "The market potential m and the fitted values are in the units of the data. "
                     + "Intervals are \(level) %: t-based for parameters (none for a fit that is not identified); delta-method and pointwise for the curve, with the lower "
                     + "limits of adoption curves truncated at zero. \(predictionIntervals) For per-period data the curve's cumulative column is its running total m·F(t) at "
                     + "the period's end, with a confidence interval but no prediction interval, and the share of m is F(t)"
                     + (report.fits.contains { $0.data != "cumulative" && ["logistic", "gompertz", "richards"].contains($0.model) }
                        ? " (the logistic's, Gompertz's and Richards's count the adopters these curves place before the launch too, "
                          + "so that the first period's running total exceeds its fitted value). " : ". ")
                     + (report.fits.contains { $0.data == "cumulative" }
                        ? "For cumulative data the per-period column is the curve's rise over the period, m·[F(t) − F(t−1)], the "
                          + "adopters it implies, with a confidence interval. " : "")
                     + "Milestones are calendar times from the start "
                     + "of the launch period (2016.6 is 60 % through 2016), cut, not rounded, to a tenth so that they stay in their period"
                     + (labelled
                        ? "; where x holds labels, they are numbered from 1 (the earliest period in the file, or the first label to appear), and a milestone "
                          + "names the period it falls in (5.7 is 70 % through the fifth)." : ".")
                     + " The takeoff and the saturation onset are where the adoption rate rises and falls fastest (Mahajan, Muller & "
                     + "Srivastava 1990), and the peak is where it is highest. Their intervals are delta-method and t-based, as the "
                     + "parameters' are, their ends cut to a tenth too (to more decimals where tenths would read alike): symmetric (but "
                     + "for the peak rate's, truncated at zero), they are "
                     + "only as good as the linearization, and hold the model and the launch as given. Where the data do not bound "
                     + "the peak (it lies past them, in their last period, or its interval reaches past them; a note says which), the "
                     + "peak and its rate have none, and another milestone has one only where it does not reach past their end.")
        if let weights = robustWeights[report.covarianceEstimator.rawValue],
           report.fits.contains(where: { $0.parameters.contains { !$0.fixed } }) {
            out.append("")
            let label = report.covarianceEstimator.label
            out.append("Standard errors are \(label), heteroskedasticity-consistent (White 1980; MacKinnon & "
                       + "White 1985): the sandwich (JᵀJ)⁻¹·Jᵀ·diag(ωᵢ)·J·(JᵀJ)⁻¹ of the fit's linearization J, as statsmodels' "
                       + "`cov_type` computes it for a linear regression, with \(weights) for residual eᵢ"
                       + "\(weights.contains("hᵢ") ? " and leverage hᵢ" : ""), which lets the errors differ in size from period to period. "
                       + "The parameters', milestones' and curve's intervals follow them, t-based on n − k degrees of freedom as the "
                       + "classical ones are (statsmodels' `use_t=True`). The statuses and their messages rest on the classical errors, "
                       + "the profile intervals on the likelihood"
                       + (report.predictionErrors == .proportional ? "."
                          : ", and a prediction interval's σ still takes the errors to be of one size (`--errors proportional` does not).")
                       + (report.fits.contains { $0.bassOLS != nil }
                          ? " The Bass (1969) OLS's standard errors are its regression's sandwich, and those of the m, p and q it implies "
                            + "follow them." : "")
                       + (report.fits.contains { $0.data == "cumulative" }
                          ? " Running totals carry each period's error into every later one, which no estimator here allows for: "
                            + "their intervals stay too narrow; fit the per-period values where you have them." : ""))
        }
        if report.profile {
            out.append("")
            out.append("Profile intervals are \(level) % profile-likelihood intervals (R's `confint` for `nls`; Bates & "
                       + "Watts 1988, §6.1): the values of a parameter for which, with the others refitted, the residual "
                       + "sum of squares rises by less than s²·t². Unlike the t-based intervals they follow the model's "
                       + "curvature. Every refit keeps the parameters in their domains and a market potential within "
                       + "10⁴ × the observed total. \"(limit)\": still inside at the edge of the parameter's domain; "
                       + "\"open\": still inside where the market potential reaches 10⁴ × the observed total, or "
                       + "10¹² t-based half-widths out; "
                       + "\"(m capped)\": the profile crosses there only with the market potential held at 10⁴ × the "
                       + "observed total, so the end is the capped model's; without the cap that side may reach further or "
                       + "have no end (a small p before the peak is matched by an ever larger m); "
                       + "\"failed\": refits along the profile did not converge.")
        }
        if let holdout = report.holdout {
            let last = holdout == 1 ? "last observation of each series is" : "last \(holdout) observations of each series are"
            out.append("")
            out.append("Back-test: the \(last) held out of its fits. There the fitted curve is a "
                       + "forecast, and each fit reports its errors on them (observed − forecast): mean error, MAE, "
                       + "RMSE, MAPE, and the share inside the \(level) % prediction intervals."
                       // With --horizon, the curve past the data is the back-test's too.
                       + (report.fits.contains { $0.curve.contains { $0.observed == nil } }
                          ? " The curve past the data is these fits' too, made without the held-out observations: "
                            + "for a forecast from every observation, run again without --holdout." : ""))
        }
        return out
    }

    static func modelName(_ fit: FitRecord) -> String {
        if let f = fit.formula { return "formula `\(f)`" }
        return fit.modelName
    }

    static func ranking(_ fits: [FitRecord], holdout: Bool) -> [String] {
        var out = ["", "Models ranked by AICc (lower is better; only converged fits are ranked). ΔAICc is the "
                   + "difference from the best; the Akaike weight exp(−ΔAICc/2)/Σ is a model's relative support "
                   + "among the weighted ones (Burnham & Anderson 2002); a ranked model without a weight is weighted "
                   + "under another that is the same model (its section says which).", "",
                   "| rank | model | status | AICc | ΔAICc | weight | BIC | RSS | R² |"
                   + (holdout ? " held-out RMSE | held-out MAPE |" : ""),
                   "|---|---|---|---|---|---|---|---|---|" + (holdout ? "---|---|" : "")]
        // ΔAICc to three decimals: digits beyond carry no information.
        for f in fits {
            var row = "| \(f.rank.map(String.init) ?? "–") | \(modelName(f)) | \(f.status) | "
                + "\(NumberFormat.readable(f.aicc)) | \(NumberFormat.fixed(f.deltaAicc, decimals: 3)) | "
                + "\(NumberFormat.readable(f.aiccWeight, significant: 3)) | \(NumberFormat.readable(f.bic)) | "
                + "\(NumberFormat.readable(f.rss)) | \(NumberFormat.readable(f.rSquared, significant: NumberFormat.rSquaredDigits(f.rSquared))) |"
            if holdout {
                row += " \(NumberFormat.readable(f.holdout?.rootMeanSquaredError)) | "
                    + "\(NumberFormat.percent(f.holdout?.meanAbsolutePercentageError)) |"
            }
            out.append(row)
        }
        if fits.allSatisfy({ $0.rank == nil }), fits.contains(where: \.converged), let n = fits.first?.n {
            out += ["", "No fit is ranked: AICc needs at least three observations more than a model's parameters, "
                    + "and this series has \(n) to fit."]
        }
        let runs = FitStudy.tiedRuns(fits)
        if !runs.isEmpty {
            let names = runs.map { run in
                run.dropLast().map(modelName).joined(separator: ", ") + " and " + modelName(run.last!)
            }
            let add = runs.allSatisfy { $0.count == 2 } ? "add the two" : "add them"
            out += ["", names.joined(separator: "; ") + " fit equally well (the same AICc) and split their weight: \(add)."]
        }
        return out
    }

    /// The line above a fit that did not converge: its status in bold, then its message. A fit on a
    /// bound reached its minimum there, and one not identified may have reached a point: neither is
    /// called a failure to converge. The status is said once (`**Not identified** — 'm' ran away…`).
    static func statusLine(_ status: String, message: String) -> String {
        let lead = switch status {
        case FitRecord.tooFewObservations, FitRecord.invalidData: "Not fitted"
        case "at_bound": "On a bound"
        case "not_identified": "Not identified"
        case "not_a_minimum": "Not a minimum"
        default: "Not converged"
        }
        var message = message
        if message.lowercased().hasPrefix(lead.lowercased() + ": ") { message.removeFirst(lead.count + 2) }
        return "**\(lead)** — \(message)."
    }

    /// The weights ωᵢ of each heteroskedasticity-consistent estimator, as the Markdown states them.
    static let robustWeights = ["hc0": "ωᵢ = eᵢ²", "hc1": "ωᵢ = eᵢ²·n/(n − k) (k counting a parameter held on a bound, as σ² does)",
                                "hc2": "ωᵢ = eᵢ²/(1 − hᵢ)", "hc3": "ωᵢ = eᵢ²/(1 − hᵢ)²"]

    /// One fit's section, each line ended by a line feed: its numbers are written straight into `out`
    /// (`ByteBuffer.appendReadable`), the most of a report of many fits.
    static func appendSection(_ fit: FitRecord, level: String, nested: Bool, profileAsked: Bool, into out: inout ByteBuffer) {
        func lineFeed() { out.append(UInt8(ascii: "\n")) }
        func text(_ s: String) { out.append(s) }
        func number(_ x: Double?, _ significant: Int = 6) { out.appendReadable(x, significant: significant) }
        lineFeed()
        out.appendLine("### \(modelName(fit)), \(String(fit.data.map { $0 == "_" ? "-" : $0 })) data: \(fit.status)")
        lineFeed()
        if !fit.converged {
            out.appendLine(statusLine(fit.status, message: fit.message))
            lineFeed()
        }
        for note in fit.notes {
            out.appendLine("Note: \(MarkdownText.prose(note)).")
            lineFeed()
        }
        let profiled = fit.parameters.contains { $0.profile != nil }
        out.appendLine("| parameter | estimate | std. error | \(level) % CI low | \(level) % CI high |"
                       + (profiled ? " profile low | profile high |" : ""))
        out.appendLine("|---|---|---|---|---|" + (profiled ? "---|---|" : ""))
        for p in fit.parameters {
            text("| "); text(p.name); text(" | ")
            number(p.estimate); text(p.fixed ? " (fixed) | " : " | ")
            number(p.stdError); text(" | ")
            number(p.ciLow); text(" | ")
            number(p.ciHigh); text(" |")
            if profiled {
                text(" \(profileEnd(p.profile?.low, p.profile?.lowEnd)) | \(profileEnd(p.profile?.high, p.profile?.highEnd)) |")
            }
            lineFeed()
        }
        if fit.status == "not_identified" && fit.parameters.contains(where: { $0.stdError != nil }) {
            lineFeed()
            out.appendLine("The standard errors are the linearization's at the estimates and show how little the data "
                           + "hold the parameters; a fit that is not identified gets no t-based intervals. "
                           + (profiled ? "The profile intervals show which values the data exclude."
                              : profileAsked || fit.ranAway ? "The fit stopped short of a minimum, so it has no profile intervals either."
                              : "`--profile` gives profile-likelihood intervals, as the fit stopped at a minimum."))
        }
        lineFeed()
        text("n = "); out.appendInteger(fit.n)
        text(", RSS = "); number(fit.rss)
        text(", σ = "); number(fit.sigma)
        if let tau = fit.relativeSigma { text(", τ = "); number(tau, 4) }
        text(", R² = "); number(fit.rSquared, NumberFormat.rSquaredDigits(fit.rSquared))
        text(", AIC = "); number(fit.aic)
        text(", AICc = "); number(fit.aicc)
        text(", BIC = "); number(fit.bic)
        if !fit.wasFitted {
            text(".")
        } else if !fit.parameters.isEmpty && fit.parameters.allSatisfy(\.fixed) {
            // Every parameter given (--fix): nothing was solved for.
            text("; the curve evaluated at the fixed values, not fitted.")
        } else if fit.rss == nil {
            // No start reached a finite curve: no solver statistics to give.
            text(fit.startsTried == 1 ? "; the start gave no finite curve." : "; none of the \(fit.startsTried) starts gave a finite curve.")
        } else {
            text("; scaled condition number "); number(fit.conditionNumber, 3)
            text(", "); out.appendInteger(fit.evaluations); text(fit.evaluations == 1 ? " evaluation, " : " evaluations, ")
            out.appendInteger(fit.startsTried); text(fit.startsTried == 1 ? " start." : " starts.")
        }
        lineFeed()
        if let correlations = correlations(fit) {
            lineFeed()
            out.appendLine(correlations)
        }
        if let ols = fit.bassOLS {
            lineFeed()
            // The nonlinear fit's own m, where fitted, beside which the regression's m is read.
            let m = fit.parameters.first { $0.name == "m" && !$0.fixed }?.estimate
            out.appendLine(bassRegression(ols, level: level, fittedMarket: fit.converged ? m : nil))
        }
        if let m = fit.milestones, fit.converged {
            // With period labels, a milestone also names the period it falls in.
            func time(_ t: Double?, _ period: String?) -> String {
                // Cut, not rounded, so that the value printed stays in its period (4.96 reads 4.9, in the fourth).
                let text = NumberFormat.timeCut(t)
                guard let period else { return text }
                return "\(text) (\(MarkdownText.plain(period)))"
            }
            let p = m.periods
            lineFeed()
            // A curve whose rate falls from launch on (exponential saturation, Bass with q ≤ p) peaks there.
            let peak = (m.peak != nil && m.peak == fit.launch ? "at launch, " : "") + time(m.peak, p?.peak)
            text("Milestones: takeoff \(time(m.takeoff, p?.takeoff)), peak \(peak) (")
            number(m.peakRate)
            text(" per period), saturation onset \(time(m.saturationOnset, p?.saturationOnset)); "
                 + "10 % / 50 % / 90 % of the potential reached at \(time(m.fraction10, p?.fraction10)) / "
                 + "\(time(m.fraction50, p?.fraction50)) / \(time(m.fraction90, p?.fraction90)).")
            // Every interval's place, "–" where a milestone has none (the notes say why).
            if let bands = m.intervals {
                // With period labels, the periods the ends fall in.
                func span(_ band: MilestoneInterval?) -> String {
                    guard let band else { return "–" }
                    let times = NumberFormat.timeInterval(band.ciLow, band.ciHigh)
                    guard let low = band.ciLowPeriod, let high = band.ciHighPeriod else { return times }
                    return "\(times) (\(MarkdownText.plain(low))–\(MarkdownText.plain(high)))"
                }
                // With parameters fixed, the intervals take their values as known.
                let fixed = fit.parameters.filter(\.fixed).map(\.name)
                text(" Their \(level) % intervals" + (fixed.isEmpty ? "" : ", given the fixed \(fixed.joined(separator: ", "))")
                     + ": takeoff \(span(bands.takeoff)), peak \(span(bands.peak))")
                if let rate = bands.peakRate {
                    text(" (")
                    number(rate.ciLow)
                    text("–")
                    number(rate.ciHigh)
                    text(" per period)")
                }
                text(", saturation onset \(span(bands.saturationOnset)); 10 % / 50 % / 90 % at \(span(bands.fraction10)) / "
                     + "\(span(bands.fraction50)) / \(span(bands.fraction90)).")
            }
            // t0 is model time, counted from the launch period's start; the milestones are in x.
            if let launch = fit.launch, let t0 = fit.parameters.first(where: { $0.name == "t0" })?.estimate {
                text(" t0 counts periods from the start of the launch period, " + (p == nil ? "" : "period "))
                number(launch, 10)
                // With period labels, the launch's and (at the peak, which t0 is) t0's periods.
                if p != nil, let label = fit.curve.first(where: { $0.x == launch })?.label { text(" (\(MarkdownText.plain(label)))") }
                text(": t0 = ")
                number(t0)
                text(" is " + time(launch + t0, m.peak == launch + t0 ? p?.peak : nil) + ".")
            }
            // Per-period values fix Bass's curve up to where its time starts (it is a logistic's in other
            // parameters), and exponential saturation's m alike: those parameters are the launch's.
            // With a parameter fixed, another launch need not fit as well.
            if fit.data == "per_period", let launch = fit.launch, !fit.parameters.contains(where: \.fixed),
               let (which, curve) = fit.model == "bass" ? ("p, q and m follow (p + q does not)", "a logistic's")
                : fit.model == "exponential" ? ("m follows", "an exponential decay's") : nil {
                text(" On per-period data this curve is \(curve) in other parameters, and \(which) from where its time starts: "
                     + "the start of the launch period, " + (p == nil ? "" : "period "))
                number(launch, 10)
                if let label = fit.launchPeriod { text(" (\(MarkdownText.plain(label)))") }
                text("; another launch fits the data as well, with another \(fit.model == "bass" ? "p, q and m" : "m").")
            }
            lineFeed()
        }
        if let h = fit.holdout {
            lineFeed()
            out.appendLine(backTest(h, level: level, status: fit.wasFitted ? fit.status : nil))
        }
        // A fit not made (too few observations) has no curve.
        if (!nested || fit.rank == 1) && !fit.curve.isEmpty {
            lineFeed()
            // Per-period data: the curve's running totals beside; any model: the share of m reached.
            let totals = fit.data != "cumulative" && fit.curve.contains { $0.cumulative != nil }
            // Running totals: the adopters of each period beside.
            let increments = fit.data == "cumulative" && fit.curve.contains { $0.perPeriod != nil }
            let shares = fit.curve.contains { $0.share != nil }
            out.appendLine("| x | observed | fitted | \(level) % CI | \(level) % prediction interval |"
                           + (totals ? " cumulative | cumulative \(level) % CI |" : "")
                           + (increments ? " per period | per period \(level) % CI |" : "") + (shares ? " share of m |" : ""))
            out.appendLine("|---|---|---|---|---|" + (totals || increments ? "---|---|" : "") + (shares ? "---|" : ""))
            for c in fit.curve {
                text("| ")
                if let label = c.label { text(MarkdownText.plain(label)) } else { out.appendExact(c.x) }
                if c.heldOut { text(" (held out)") }
                text(" | "); number(c.observed)
                text(" | "); number(c.fitted)
                text(" | "); appendInterval(c.ciLow, c.ciHigh, into: &out)
                text(" | "); appendInterval(c.piLow, c.piHigh, into: &out)
                if totals {
                    text(" | "); number(c.cumulative)
                    text(" | "); appendInterval(c.cumulativeCiLow, c.cumulativeCiHigh, into: &out)
                }
                if increments {
                    text(" | "); number(c.perPeriod)
                    text(" | "); appendInterval(c.perPeriodCiLow, c.perPeriodCiHigh, into: &out)
                }
                if shares { text(" | "); text(NumberFormat.percent(c.share.map { $0 * 100 })) }
                text(" |")
                lineFeed()
            }
        }
    }

    /// `interval`'s text, written into `out`.
    static func appendInterval(_ low: Double?, _ high: Double?, into out: inout ByteBuffer) {
        if low == nil && high == nil {
            out.append("–")
            return
        }
        out.appendReadable(low)
        out.append(" – ")
        out.appendReadable(high)
    }

    /// An interval as "low – high", or a single "–" where it has no ends.
    static func interval(_ low: Double?, _ high: Double?) -> String {
        var out = ByteBuffer(capacity: 64)
        appendInterval(low, high, into: &out)
        return out.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// A Bass fit's Bass (1969) OLS regression, in a sentence: the estimates much of the literature gives,
    /// with what they cannot be taken for.
    /// `fittedMarket`: the converged nonlinear fit's m, where fitted: the sentence says where the
    /// regression's m interval leaves it out (which alone shows no bias: the nonlinear m has its error too).
    static func bassRegression(_ r: BassRegressionRecord, level: String, fittedMarket: Double? = nil) -> String {
        func estimate(_ name: String, _ value: Double, _ se: Double?) -> String {
            "\(name) = \(NumberFormat.readable(value)) (\(NumberFormat.readable(se)))"
        }
        var implied: String
        if let m = r.m, let p = r.p, let q = r.q {
            implied = "\(estimate("m", m, r.mStdError)), and \(estimate("p", p, r.pStdError)) and \(estimate("q", q, r.qStdError)) per period"
                + (p > 0 ? "" : " (p ≤ 0: no Bass curve)")
                + (r.mStdError == nil
                    ? ", with no standard errors, and with the discrete regression's time-interval bias (Srinivasan & Mason 1986)"
                    : ", with the discrete regression's time-interval bias (Srinivasan & Mason 1986), which their standard errors (by the "
                        + "delta method: sampling error only) leave out")
            if let fitted = fittedMarket, let low = r.mCiLow, let high = r.mCiHigh, fitted < low || fitted > high {
                implied += "; m's \(level) % interval, \(NumberFormat.readable(low)) to \(NumberFormat.readable(high)), leaves out the "
                    + "nonlinear fit's m, \(NumberFormat.readable(fitted))"
            }
            if m < r.adoptersObserved {
                implied += "; m is below the \(NumberFormat.readable(r.adoptersObserved)) adopters of the periods regressed"
            }
        } else {
            implied = r.c >= 0 ? "no diffusion curve (c ≥ 0: q = −c·m would not be positive)"
                : "no diffusion curve (b² < 4ac: no m solves a + b·m + c·m² = 0)"
        }
        if let low = r.cCiLow, let high = r.cCiHigh, low <= 0, high >= 0 {
            implied += "; c's \(level) % interval, \(NumberFormat.readable(low)) to \(NumberFormat.readable(high)), "
                + "includes 0: the regression does not determine m"
        }
        return "Bass (1969) OLS, as published estimates often are: y = a + b·Y + c·Y², Y the running total before the period, "
            + [estimate("a", r.a, r.aStdError), estimate("b", r.b, r.bStdError), estimate("c", r.c, r.cStdError)].joined(separator: ", ")
            + ", R² = \(NumberFormat.readable(r.rSquared, significant: 4)), residual standard error "
            + "\(NumberFormat.readable(r.residualStandardError)) on \(r.dof) df; these give \(implied)."
    }

    /// The correlations of the estimates, in a sentence.
    static func correlations(_ fit: FitRecord) -> String? {
        let pairs = fit.correlations.map { "\($0.a)–\($0.b) \(NumberFormat.fixed($0.r, decimals: 3))" }
        return pairs.isEmpty ? nil : "Correlations of the estimates: " + pairs.joined(separator: ", ") + "."
    }

    /// One end of a profile-likelihood interval: a number, a domain limit, open or failed.
    static func profileEnd(_ value: Double?, _ end: ProfileIntervalRecord.End?) -> String {
        switch end {
        case .crossing?: NumberFormat.readable(value)
        case .domainLimit?: NumberFormat.readable(value) + " (limit)"
        case .capped?: NumberFormat.readable(value) + " (m capped)"
        case .open?: "open"
        case .failed?: "failed"
        case nil: "–"
        }
    }

    /// The forecast errors on the held-out observations, in a sentence; `status` is the fit's, nil
    /// for a model not fitted.
    static func backTest(_ h: HoldoutRecord, level: String, status: String?) -> String {
        let what = h.n == 1 ? "the held-out observation" : "the \(h.n) held-out observations"
        guard let mae = h.meanAbsoluteError else {
            return "Back-test: no forecast of \(what) (" + (status.map { "the fit is \($0); only converged fits are back-tested" }
                                                            ?? "the model was not fitted") + ")."
        }
        var text = "Back-test on \(what): mean error \(NumberFormat.readable(h.meanError)), "
            + "MAE \(NumberFormat.readable(mae)), RMSE \(NumberFormat.readable(h.rootMeanSquaredError)), "
            + "MAPE \(NumberFormat.percent(h.meanAbsolutePercentageError))"
        // The percentage errors leave out observations of 0.
        if let counted = h.meanAbsolutePercentageErrorN, counted < h.n {
            text += counted == 0 ? " (every held-out observation is 0)" : " (over \(counted) of \(h.n): the others are 0)"
        }
        if let inside = h.insideCount {
            text += "; \(inside) of \(h.n) inside the \(level) % prediction intervals"
        }
        return text + "."
    }

}
