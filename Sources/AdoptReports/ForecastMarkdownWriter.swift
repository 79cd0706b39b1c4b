import AdoptStudies

/// The CPO forecast as a Markdown report: what a market researcher reads first.
public enum ForecastMarkdownWriter {
    public static func render(_ r: ForecastReport) -> String {
        var out: [String] = []
        // A heading is one line: the title's line breaks become spaces.
        out.append("# " + MarkdownText.prose(r.title))
        out.append("")
        let bands = r.draws > 0 ? "\(r.draws) parameter draws for the 5–95 % bands."
            : ForecastReport.noBandsNote + (r.bandsDropped ? " (the notes say why)." : ".")
        out.append("Scenario `\(r.scenario)`, made by \(MarkdownText.codeSpan(r.command)); seed \(r.seed), " + bands)
        let switchedOn = r.enabledWildcards.map { id in r.wildcardDefinitions.first { $0.id == id }.map {
            "\(id) (\(effect($0)), ramping in over \(NumberFormat.readable($0.windowStart))–\(NumberFormat.readable($0.windowEnd)))"
        } ?? id }
        out.append("Wildcards switched on: \(switchedOn.isEmpty ? "none" : switchedOn.joined(separator: ", ")). "
                   + "Calibration: \(r.calibrated ? r.calibrationStatus : "off (the scenario's parameters as given)").")
        out.append("")
        out.append("| input | SHA-256 |")
        out.append("|---|---|")
        for input in r.inputs { out.append("| \(MarkdownText.cell(MarkdownText.codeSpan(input.path))) | `\(input.sha256)` |") }
        out.append(contentsOf: keyFigures(r))
        out.append(contentsOf: summary(r))
        out.append(contentsOf: segments(r))
        out.append(contentsOf: stages(r))
        out.append(contentsOf: parameters(r))
        out.append(contentsOf: pulls(r))
        out.append(contentsOf: wildcards(r))
        out.append(contentsOf: claims(r))
        out.append(contentsOf: assumptions(r))
        if !r.notes.isEmpty {
            out.append("")
            out.append("## Notes")
            out.append("")
            for note in r.notes { out.append("- \(MarkdownText.prose(note))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func pct(_ x: Double?) -> String { NumberFormat.percent(x.map { $0 * 100 }) }

    /// A share's 5–95 % band after its value, ` (7.29 %–24.5 %)`; nothing without draws.
    static func shareBand(_ low: Double?, _ high: Double?) -> String { low.map { " (\(pct($0))–\(pct(high)))" } ?? "" }

    /// The figures a reader asks for first, read off the tables below.
    static func keyFigures(_ r: ForecastReport) -> [String] {
        guard let first = r.totals.first, let last = r.totals.last else { return [] }
        var out = ["", "## Key figures", ""]
        let band = last.cpoShareLow.map { "5–95 % band \(pct($0)) to \(pct(last.cpoShareHigh)); " } ?? ""
        out.append("- CPO share of all ports: \(pct(first.cpoShare)) in \(first.year), \(pct(last.cpoShare)) in \(last.year) "
                   + "(\(band)hyperscalers \(pct(last.cpoShareHyperscale)) of their ports, enterprise and colocation "
                   + "\(pct(last.cpoShareEnterprise)) of theirs).")
        if last.cpoPorts > 0 {
            let hyperscale = last.cpoPortsHyperscale / last.cpoPorts
            out.append("- Of the \(NumberFormat.readable(last.cpoPorts, significant: 4)) M CPO ports shipped in \(last.year), hyperscalers buy "
                       + "\(pct(hyperscale)), enterprise and colocation \(pct(1 - hyperscale)).")
        }
        out.append("- IT power saved by the CPO ports in service at the end of \(last.year) (before PUE): "
                   + "\(NumberFormat.readable(last.powerSavedMW, significant: 3)) MW "
                   + "(\(span(last.powerSavedLowMW, last.powerSavedHighMW)) MW by the watts per port).")
        let disagreements = r.stages.filter { $0.disagrees == true }.count
        let compared = r.stages.filter { $0.disagrees != nil }.count
        let uncompared = r.stages.count - compared
        out.append("- Stages: \(disagreements) of the \(compared) entry years compared disagree with the brief's narrative beyond the "
                   + "scenario's tolerance (the stage table)"
                   + (uncompared > 0 ? "; \(uncompared) set by a wildcard's window, not by the curve, \(uncompared == 1 ? "is" : "are") not compared." : "."))
        if r.calibrated {
            var line = "- Calibration: \(r.calibrationStatus)"
            if let fit = r.calibrationFit {
                line += "; χ² of the anchors and priors \(NumberFormat.readable(fit.chiSquare, significant: 3)) on \(fit.degreesOfFreedom) "
                    + "degrees of freedom (Birge ratio \(NumberFormat.readable(fit.birgeRatio, significant: 3)))"
                    + (fit.beyondSigma ? ": the model misses them by more than their σ allow, and the "
                       + (r.draws > 0 ? "bands" : "intervals") + ", which take the σ as given, are conditional on them" : "")
            }
            out.append(line + ".")
        }
        return out
    }

    static func summary(_ r: ForecastReport) -> [String] {
        let bands = r.totals.contains { $0.cpoShareLow != nil } ? " (5–95 %)" : ""
        var out = ["", "## CPO across both segments", "",
                   "| year | CPO share of ports\(bands) | CPO ports (M\(bands.isEmpty ? "" : ", 5–95 %")) | CPO revenue (USD bn) | "
                   + "power saved (MW, low–high) | energy saved (GWh) | cost saved (USD m) |",
                   "|---|---|---|---|---|---|---|"]
        for t in r.totals {
            let portsBand = t.cpoPortsLow.map { " (\(span($0, t.cpoPortsHigh ?? .nan)))" } ?? ""
            out.append("| \(t.year) | \(pct(t.cpoShare))\(shareBand(t.cpoShareLow, t.cpoShareHigh)) | \(NumberFormat.readable(t.cpoPorts, significant: 4))\(portsBand) | "
                       + "\(NumberFormat.readable(t.cpoRevenue, significant: 4)) | "
                       + "\(NumberFormat.readable(t.powerSavedMW, significant: 4)) (\(span(t.powerSavedLowMW, t.powerSavedHighMW))) | "
                       + "\(NumberFormat.readable(t.energySavedGWh, significant: 4)) | "
                       + "\(NumberFormat.readable(t.costSavedUSDm, significant: 4)) |")
        }
        out.append("")
        func given(_ key: String) -> String { r.assumption(key).map { NumberFormat.readable($0.value, significant: 4) } ?? "?" }
        out.append("Shares are of the ports shipped in the year (mid-year adoption). Power saved is that of the installed base "
                   + "at the year's end (the ports shipped over the last \(given(AssumptionRow.portLifetimeKey)) years) against "
                   + "pluggable DSP optics: a gross saving, not one against LPO or NPO; its range is that of the watts per port. "
                   + "Energy is over the year, from the installed base averaged between the year's start and end, × 8,760 h × "
                   + "PUE \(given(AssumptionRow.pueKey)); cost at \(given(AssumptionRow.electricityPriceKey)) USD/MWh (the assumptions below).")
        return out
    }

    static func segments(_ r: ForecastReport) -> [String] {
        var out: [String] = []
        for segment in ["hyperscale", "enterprise"] {
            out.append("")
            out.append("## \(segment == "hyperscale" ? "Hyperscalers" : "Enterprise and colocation")")
            out.append("")
            out.append("| year | pluggable | LPO | NPO | CPO\(r.draws > 0 ? " (5–95 %)" : "") | CPO ports (M) | all ports (M) | CPO revenue (USD bn) | CPO power saved (MW) |")
            out.append("|---|---|---|---|---|---|---|---|---|")
            let rows = r.forecast.filter { $0.segment == segment }
            for year in Set(rows.map(\.year)).sorted() {
                func row(_ t: String) -> ForecastRow? { rows.first { $0.year == year && $0.technology == t } }
                guard let cpo = row("cpo") else { continue }
                let total = rows.filter { $0.year == year }.reduce(0) { $0 + $1.ports }
                out.append("| \(year) | \(pct(row("pluggable")?.share)) | \(pct(row("lpo")?.share)) | \(pct(row("npo")?.share)) | "
                           + "\(pct(cpo.share))\(shareBand(cpo.shareLow, cpo.shareHigh)) | \(NumberFormat.readable(cpo.ports, significant: 4)) | "
                           + "\(NumberFormat.readable(total, significant: 4)) | \(NumberFormat.readable(cpo.revenue, significant: 4)) | "
                           + "\(NumberFormat.readable(cpo.powerSavedMW, significant: 4)) |")
            }
        }
        return out
    }

    static func stages(_ r: ForecastReport) -> [String] {
        let example = r.stages.first { $0.rule == "share_threshold" }.map { "after \($0.horizonYear)" } ?? "after its last year"
        var out = ["", "## Stages", "",
                   "Entry year into each stage by two rules, beside the brief's narrative. ⚠ marks a disagreement beyond the scenario's tolerance; a stage not reached by a rule's horizon (\"\(example)\") agrees only with a narrative after it. A Bass point marks a turn of the segment's curve (its takeoff, fastest growth, saturation onset), not a level of adoption: a setback that slows imitation can bring a turn earlier while shares fall; one that a wildcard's window puts where it is is not compared. A Bass point's time is cut, not rounded, to a tenth, so that it stays in its year (2041.98 reads 2041.9).", "",
                   "| segment | stage | narrative | share threshold | year | Bass point | year (time) |",
                   "|---|---|---|---|---|---|---|"]
        let segments = ["hyperscale", "enterprise"], stages = ["acceptance", "dependency", "optimization"]
        for segment in segments {
            for stage in stages {
                let rows = r.stages.filter { $0.segment == segment && $0.stage == stage }
                guard let share = rows.first(where: { $0.rule == "share_threshold" }),
                      let bass = rows.first(where: { $0.rule == "bass_characteristic_point" }) else { continue }
                func year(_ s: StageRow) -> String {
                    (s.year.map(String.init) ?? "after \(s.horizonYear)") + (s.disagrees == true ? " ⚠" : s.disagrees == nil ? " (not compared)" : "")
                }
                let time = bass.time.map { " (\(NumberFormat.timeCut($0)))" } ?? ""
                out.append("| \(segment) | \(stage) | \(share.narrativeYear) | \(share.criterion) | \(year(share)) | "
                           + "\(bass.criterion)\(bass.note.map { " (\($0))" } ?? "") | \(year(bass))\(time) |")
            }
        }
        return out
    }

    static func parameters(_ r: ForecastReport) -> [String] {
        var out = ["", "## Segment parameters", ""]
        if r.parameters.contains(where: { $0.ciLow != nil }) {
            out += ["Standard errors by the delta method; 95 % intervals from the normal approximation in the calibration's "
                    + "coordinates (ln p₁, ln q₁, logit p₂/p₁, logit q₂/q₁, logit w), so enterprise p and q never exceed the "
                    + "hyperscalers' (enterprise ones by integrating over the ratio's distribution).", ""]
        }
        out += ["| segment | parameter | estimate | std. error | 95 % interval | prior centre |", "|---|---|---|---|---|---|"]
        for p in r.parameters {
            let ci = p.ciLow.map { "\(NumberFormat.readable($0, significant: 4))–\(NumberFormat.readable(p.ciHigh, significant: 4))" } ?? "–"
            out.append("| \(p.segment ?? "") | \(p.name) | \(NumberFormat.readable(p.estimate, significant: 4)) | "
                       + "\(NumberFormat.readable(p.stdError, significant: 3)) | \(ci) | \(NumberFormat.readable(p.priorMean, significant: 3)) |")
        }
        if let slip = r.vintageSlip {
            out.append("")
            out.append("Forecast vintages: the predicted CPO volume year moves \(NumberFormat.readable(slip.slipPerYear, significant: 3)) "
                       + "years later per year of vintage (standard error \(NumberFormat.readable(slip.stdError, significant: 2)), "
                       + "\(slip.forecasts) forecasts); " + (slip.applied
                                                             ? "anchors that were forecasts are moved later by that slip times the "
                                                               + "years they were forecasts (from their vintage to now, `calibration.current_year` "
                                                               + "below, or to the end of their year if it has passed); estimates of years "
                                                               + "already over stay. The pulls table gives each anchor's year after the move; "
                                                               + "the model matches it at that year's middle."
                                                             : !r.calibrated ? "not applied: the parameters are not calibrated."
                                                             : slip.stdError == nil ? "not applied: two forecasts give no standard error."
                                                             : slip.slipPerYear <= 0 ? "not applied: the forecasts did not slip."
                                                             : !slip.standsOut
                                                                 ? "not applied: the slip is within two standard errors of none."
                                                             : "no optimism correction applied."))
        } else {
            out.append("")
            out.append("Forecast vintages: fewer than two vintages of the volume-year forecast; no slip is measured or applied.")
        }
        return out
    }

    static func pulls(_ r: ForecastReport) -> [String] {
        guard !r.pulls.isEmpty else { return [] }
        var out = ["", "## What pulls the calibration", "",
                   "Each anchor's and prior's standardized residual, its share of the penalized objective, and its leverage "
                   + "(the hat matrix's diagonal: the leverages add up to the parameters estimated, 5 unless one is held at a bound). "
                   + "\"Year used\" is the start of the year an anchor stands for, after the optimism correction: the model's "
                   + "adoption is taken at that year's middle (2029.6 for an anchor used for 2029.1), its ports over the "
                   + "year, and the price and the segments' split at its start.", "",
                   "| kind | item | quality | year used | observed | fitted | std. residual | share of objective | leverage |",
                   "|---|---|---|---|---|---|---|---|---|"]
        for p in r.pulls {
            out.append("| \(p.kind) | \(p.name) | \(p.quality ?? "–") | \(NumberFormat.time(p.correctedYear)) | "
                       + "\(NumberFormat.readable(p.observed, significant: 4)) | \(NumberFormat.readable(p.fitted, significant: 4)) | "
                       + "\(NumberFormat.readable(p.standardizedResidual, significant: 3)) | \(pct(p.objectiveShare)) | "
                       + "\(NumberFormat.readable(p.leverage, significant: 3)) |")
        }
        if let fit = r.calibrationFit {
            out.append("")
            out.append("Goodness of fit: χ² = \(NumberFormat.readable(fit.chiSquare, significant: 4)) on \(fit.degreesOfFreedom) "
                       + "degrees of freedom (the sum of the squared standardized residuals; the rows less the parameters "
                       + "estimated); Birge ratio √(χ²/dof) = \(NumberFormat.readable(fit.birgeRatio, significant: 3)). Near 1 the "
                       + "anchors scatter as their σ allow; well above, they disagree by more, and the bands, which take the σ "
                       + "as given, are narrower than that disagreement.")
        }
        return out
    }

    static func assumptions(_ r: ForecastReport) -> [String] {
        guard !r.assumptions.isEmpty else { return [] }
        var out = ["", "## Assumptions taken as given", "",
                   "The scenario's values that turn shares into ports in service, power, energy, cost and revenue, and cap the "
                   + "shares; none is estimated by the calibration, but "
                   + (r.calibrated ? "the calibration meets its revenue and port anchors through the demand and the CPO price "
                                     + "given here (and the anchors that count NPO with CPO through NPO's price and curve too), "
                                     + "so that editing them moves the calibrated shares. "
                                   : "with calibration on, it would meet its revenue and port anchors through the demand and the CPO "
                                     + "price given here (and the anchors that count NPO with CPO through NPO's price and curve too). ")
                   + "Where a value comes from is in the scenario file's comments; one without a source there is the scenario's judgement."
                   + (r.enabledWildcards.isEmpty ? "" : " The values are the scenario's before the wildcards switched on in this run, "
                      + "which move them as the wildcards' table says."), "",
                   "| key | value | unit | role |", "|---|---|---|---|"]
        for a in r.assumptions {
            let range = a.low.map { " (\(NumberFormat.readable($0, significant: 6))–\(NumberFormat.readable(a.high, significant: 6)))" } ?? ""
            out.append("| `\(a.key)` | \(NumberFormat.readable(a.value, significant: 6))\(range) | \(a.unit) | \(a.role) |")
        }
        return out
    }

    /// Percentage points to three significant digits; below 1e-9 pp they are rounding in the
    /// two runs compared, shown as 0.
    static func pp(_ x: Double) -> String {
        abs(x) < WildcardRow.roundingShare * 100 ? "0" : NumberFormat.readable(x, significant: 3)
    }

    /// A range of two numbers to three significant digits: `408–858`, or `-430 to 43` where an end is
    /// negative, so that the dash cannot read as a minus sign.
    static func span(_ low: Double, _ high: Double) -> String {
        let (a, b) = (NumberFormat.readable(low, significant: 3), NumberFormat.readable(high, significant: 3))
        return low < 0 || high < 0 ? "\(a) to \(b)" : "\(a)–\(b)"
    }

    /// What a wildcard changes, in a few words: `m × 0.6`, `introduction year + 1 year`.
    static func effect(_ w: WildcardDefinition) -> String {
        if let shift = w.shiftYears {
            return "introduction year \(shift < 0 ? "−" : "+") \(NumberFormat.readable(abs(shift))) year\(abs(shift) == 1 ? "" : "s")"
        }
        let what = ["m": "CPO ceiling m", "p": "p", "q": "q", "demand": "port demand"][w.target] ?? w.target
        return "\(what) × \(NumberFormat.readable(w.multiplier))"
    }

    static func wildcards(_ r: ForecastReport) -> [String] {
        guard !r.wildcards.isEmpty else { return [] }
        let years = Set(r.wildcards.map(\.year)).sorted()
        var out = ["", "## Wildcards", ""]
        if !r.wildcardDefinitions.isEmpty {
            out.append("What each wildcard of the scenario does, ramping in linearly over its window and full from its end:")
            out.append("")
            out.append("| wildcard | in this run | effect | segments | window | probability | what it stands for |")
            out.append("|---|---|---|---|---|---|---|")
            for w in r.wildcardDefinitions {
                out.append("| \(w.id) | \(w.enabled ? "on" : "off") | \(MarkdownText.cell(effect(w))) | \(w.segments.joined(separator: ", ")) | "
                           + "\(NumberFormat.readable(w.windowStart))–\(NumberFormat.readable(w.windowEnd)) | "
                           + "\(NumberFormat.readable(w.probability, significant: 2)) | \(MarkdownText.cell(MarkdownText.plain(w.description))) |")
            }
            out.append("")
        }
        out += ["The difference each wildcard makes to the CPO share of all ports, year by year, in percentage points: "
                   + "the share with the wildcard minus the share without it, whichever way it was switched from this run "
                   + "(\"switched\": on for a wildcard that is off here, off for one that is on). The last columns give the "
                   + "probability; the expected change of the last year's share from this run (probability × difference "
                   + "for a wildcard that is off here, (1 − probability) × −difference for one that is on); and whether the "
                   + "wildcard's effect goes the documented way.", "",
                   "| wildcard | switched | " + years.map(String.init).joined(separator: " | ") + " | probability | expected Δ (last year) | direction |",
                   "|---|---|" + years.map { _ in "---|" }.joined() + "---|---|---|"]
        for id in Set(r.wildcards.map(\.wildcard)).sorted() {
            let rows = r.wildcards.filter { $0.wildcard == id }.sorted { $0.year < $1.year }
            guard let last = rows.last else { continue }
            let cells = rows.map { pp($0.cpoShareDifference * 100) }
            out.append("| \(id) | \(last.switched) | " + cells.joined(separator: " | ")
                       + " | \(NumberFormat.readable(last.probability, significant: 2)) | "
                       + "\(pp(last.expectedShareContribution * 100)) pp | "
                       + "\(!last.hasEffect ? "⚠ no effect" : last.directionHolds ? "as documented" : "⚠ not as documented") |")
        }
        if let last = r.totals.last {
            out.append("")
            out.append("Summed, the wildcards' expected changes of the \(last.year) share come to \(pp(last.wildcardsExpectedChange * 100)) pp, "
                       + "from \(pct(last.cpoShare)) here: a first-order sum, as wildcards that strike together need not add up.")
        }
        out.append("")
        out.append("A demand wildcard moves ports; it leaves each segment's share unchanged, and moves the share of all "
                   + "ports only through the segments' mix when it hits one segment, so its direction is judged on CPO ports. "
                   + "The table below gives each wildcard's differences in CPO ports and power, as the JSON (`wildcards`) does.")
        out.append(contentsOf: wildcardPorts(r, years: years))
        return out
    }

    /// Each wildcard's difference in CPO ports shipped, year by year, and in the power its CPO ports in
    /// service save in the last year.
    static func wildcardPorts(_ r: ForecastReport, years: [Int]) -> [String] {
        guard let lastYear = years.last else { return [] }
        var out = ["", "The difference each wildcard makes to the CPO ports shipped, year by year, in millions of 800G-equivalent "
                   + "ports, switched as above; then the expected change of the last year's CPO ports (weighted as the shares' "
                   + "are), and the difference in the IT power the CPO ports in service save at the end of \(lastYear) (MW, "
                   + "before PUE).", "",
                   "| wildcard | " + years.map(String.init).joined(separator: " | ")
                   + " | expected Δ, \(lastYear) (M) | power saved, \(lastYear) (MW) |",
                   "|---|" + years.map { _ in "---|" }.joined() + "---|---|"]
        // A difference below 1e-12 of the largest CPO ports shipped (or power saved) is rounding in the two
        // runs compared.
        let ports = r.totals.map(\.cpoPorts).max() ?? 0, power = r.totals.map(\.powerSavedMW).max() ?? 0
        func shown(_ x: Double, against largest: Double) -> String {
            abs(x) <= 1e-12 * largest ? "0" : NumberFormat.readable(x, significant: 3)
        }
        for id in Set(r.wildcards.map(\.wildcard)).sorted() {
            let rows = r.wildcards.filter { $0.wildcard == id }.sorted { $0.year < $1.year }
            guard let last = rows.last else { continue }
            let cells = rows.map { shown($0.cpoPortsDifference, against: ports) }
            out.append("| \(id) | " + cells.joined(separator: " | ") + " | \(shown(last.expectedPortsContribution, against: ports)) | "
                       + "\(shown(last.powerSavedDifferenceMW, against: power)) |")
        }
        let expected = r.wildcards.filter { $0.year == lastYear }.reduce(0) { $0 + $1.expectedPortsContribution }
        if let total = r.totals.last(where: { $0.year == lastYear }) {
            out.append("")
            out.append("Summed, the wildcards' expected changes of the \(lastYear) CPO ports come to "
                       + "\(shown(expected, against: ports)) M, from \(NumberFormat.readable(total.cpoPorts, significant: 4)) M here.")
        }
        return out
    }

    static func claims(_ r: ForecastReport) -> [String] {
        var out = ["", "## The brief's power claims against the data", "",
                   "| claim | brief | model inputs | field and system data | verdict |", "|---|---|---|---|---|"]
        for c in r.claims {
            // The field cells quote the scenario's free text (its sources).
            out.append("| \(c.claim) | \(c.brief) | \(c.model) | \(c.field.map(MarkdownText.plain) ?? "–") | \(c.verdict) |")
        }
        return out
    }
}
