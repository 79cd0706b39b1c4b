import AdoptScenario

/// The brief's power claims set against the scenario's per-port figures and field data.
/// Where they disagree the report says so rather than choosing one.
enum ClaimChecks {
    static func rows(engine: CPOEngine) -> [ClaimRow] {
        let s = engine.scenario
        let power = s.power
        let pluggable = s.technologies[.pluggable]!.wattsPerPort
        let cpo = s.technologies[.cpo]!.wattsPerPort
        let saved = (low: pluggable.low - cpo.high, central: pluggable.central - cpo.central, high: pluggable.high - cpo.low)
        var rows: [ClaimRow] = []
        let perPort = power.claimedWattsPerPort
        let inRange = saved.central >= perPort.low && saved.central <= perPort.high
        rows.append(ClaimRow(
            claim: "watts saved per 800G port",
            brief: "\(w(perPort.low))–\(w(perPort.high)) W",
            model: "\(w(saved.central)) W (\(span(w(saved.low), w(saved.high), negative: saved.low < 0)) W: pluggable \(w(pluggable.central)) W vs CPO \(w(cpo.central)) W)",
            field: power.fieldWattsPerPort > 0 ? "\(w(power.fieldWattsPerPort)) W" + (power.fieldSource.map { " (\($0))" } ?? "") : nil,
            verdict: (inRange ? "model within the brief's range" : "model outside the brief's range")
                + (power.fieldWattsPerPort > 0 && power.fieldWattsPerPort > perPort.high ? "; field data above it" : "")))
        for generation in s.demand.switchGenerations {
            let ports = generation.capacityTbps / 0.8
            let perSwitch = (low: ports * perPort.low, high: ports * perPort.high)
            let claim = power.claimedWattsPerSwitch
            let model = ports * saved.central
            let modelVerdict = model > claim.high ? "model above the brief's per-switch range"
                : model < claim.low ? "model below the brief's per-switch range" : "model within the brief's per-switch range"
            let verdict: String
            if perSwitch.low >= claim.low && perSwitch.high <= claim.high {
                verdict = modelVerdict + "; the brief's per-port range is consistent with it"
            } else if perSwitch.low <= claim.high && perSwitch.high >= claim.low {
                verdict = modelVerdict + "; the brief's figures are only partly consistent: \(w(perPort.low))–\(w(perPort.high)) W per port gives "
                    + "\(w(perSwitch.low))–\(w(perSwitch.high)) W here"
            } else {
                verdict = modelVerdict + "; the brief's per-switch and per-port figures disagree: \(w(claim.low))–\(w(claim.high)) W per switch "
                    + "cannot hold with \(w(perPort.low))–\(w(perPort.high)) W per port at \(Int(ports)) ports"
            }
            rows.append(ClaimRow(
                claim: "watts saved per switch at \(tb(generation.capacityTbps))T (\(Int(ports)) × 800G ports)",
                brief: "\(w(claim.low))–\(w(claim.high)) W per switch",
                model: "\(w(model)) W; the brief's own per-port range gives \(w(perSwitch.low))–\(w(perSwitch.high)) W",
                field: power.fieldWattsPerPort > 0 ? "\(Int((ports * power.fieldWattsPerPort).rounded())) W (the field figure per port × \(Int(ports)) ports)" : nil,
                verdict: verdict))
        }
        // 1 − CPO/pluggable watts, each end from the ends of both ranges that make it (the
        // smallest with the most CPO watts over the fewest pluggable ones): never above 100 %.
        let fraction = saved.central / pluggable.central
        let fractionRange = (low: 1 - cpo.high / pluggable.low, high: 1 - cpo.low / pluggable.high)
        let claimed = power.claimedFractionSaved
        rows.append(ClaimRow(
            claim: "fraction of interconnect power saved",
            brief: "\(pct(claimed.low))–\(pct(claimed.high))",
            model: "\(pct(fraction)) of optics power (\(span(pct(fractionRange.low), pct(fractionRange.high), negative: fractionRange.low < 0)))",
            field: power.fieldFractionSaved.map { "\(pct($0.lowerBound))–\(pct($0.upperBound))" + (power.fieldFractionSource.map { " (\($0))" } ?? "") },
            verdict: fraction > claimed.high
                ? "optics-only saving exceeds the brief's range"
                    + (power.fieldFractionSaved.map { $0.overlaps(claimed.low...claimed.high) ? "; the field figures overlap it" : "" } ?? "")
                : (fraction < claimed.low ? "below the brief's range" : "consistent")))
        return rows
    }

    /// "low–high", or "low to high" where the low end is negative (an en dash beside a minus sign
    /// reads as a double minus).
    static func span(_ low: String, _ high: String, negative: Bool) -> String {
        negative ? "\(low) to \(high)" : "\(low)–\(high)"
    }

    static func w(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? "\(Int(r))" : "\(r)"
    }
    static func tb(_ x: Double) -> String { w(x) }
    static func pct(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }
}
