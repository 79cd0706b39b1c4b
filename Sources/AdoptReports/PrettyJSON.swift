import AdoptStudies

/// The fit records' JSON written straight into bytes, exactly as `JSONEncoder` writes their
/// synthesized encoding (`JSONText`: pretty-printed, keys in snake_case and sorted byte by byte,
/// slashes unescaped, every optional key present as `null` when absent): the same text at about
/// a tenth of the encoder's cost, which builds a tree of every value first (100,000 fits are
/// some 900 MB of JSON). `FitJSONWriterTests` holds it to the encoder's text.
///
/// `indent` is the indentation of the line a value starts on; an object's members and an array's
/// elements are two spaces further in, and its closing bracket back on `indent`.
enum PrettyJSON {
    /// One object's members, written in the order they are given, which is the sorted order.
    struct Members {
        private let indent: Int
        private var first = true

        /// Opens the object.
        init(indent: Int, _ out: inout ByteBuffer) {
            self.indent = indent
            out.append(UInt8(ascii: "{"))
        }

        /// Starts the member `name`: its value follows.
        mutating func key(_ name: StaticString, _ out: inout ByteBuffer) {
            out.append(first ? "\n" : ",\n")
            first = false
            out.appendSpaces(indent + 2)
            out.append(UInt8(ascii: "\""))
            out.append(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append("\" : ")
        }

        /// The indentation of the members' lines, where a member's object or array value starts.
        var memberIndent: Int { indent + 2 }

        mutating func number(_ name: StaticString, _ value: Double?, _ out: inout ByteBuffer) {
            key(name, &out)
            out.appendJSONNumber(value)
        }

        mutating func integer(_ name: StaticString, _ value: Int?, _ out: inout ByteBuffer) {
            key(name, &out)
            if let value { out.appendInteger(value) } else { out.append("null") }
        }

        mutating func string(_ name: StaticString, _ value: String?, _ out: inout ByteBuffer) {
            key(name, &out)
            if let value { out.appendJSONString(value) } else { out.append("null") }
        }

        mutating func bool(_ name: StaticString, _ value: Bool, _ out: inout ByteBuffer) {
            key(name, &out)
            out.append(value ? "true" : "false")
        }

        /// Closes the object.
        func close(_ out: inout ByteBuffer) {
            out.append(UInt8(ascii: "\n"))
            out.appendSpaces(indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An array whose elements `element(item, indent, &out)` writes, each on its own line; an
    /// empty one as the encoder writes it, with an empty line: "[\n\n  ]".
    static func array<T>(_ items: [T], indent: Int, _ out: inout ByteBuffer,
                         element: (T, Int, inout ByteBuffer) -> Void) {
        out.append(UInt8(ascii: "["))
        if items.isEmpty { out.append(UInt8(ascii: "\n")) }
        for (i, item) in items.enumerated() {
            out.append(i == 0 ? "\n" : ",\n")
            out.appendSpaces(indent + 2)
            element(item, indent + 2, &out)
        }
        out.append(UInt8(ascii: "\n"))
        out.appendSpaces(indent)
        out.append(UInt8(ascii: "]"))
    }

    static func fit(_ r: FitRecord, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        let inner = o.memberIndent
        o.number("aic", r.aic, &out)
        o.number("aicc", r.aicc, &out)
        o.number("aicc_weight", r.aiccWeight, &out)
        o.number("bic", r.bic, &out)
        o.number("condition_number", r.conditionNumber, &out)
        o.bool("converged", r.converged, &out)
        o.key("covariance", &out)
        if let covariance = r.covariance {
            array(covariance, indent: inner, &out) { row, indent, out in
                array(row, indent: indent, &out) { value, _, out in out.appendJSONNumber(value) }
            }
        } else {
            out.append("null")
        }
        o.key("curve", &out)
        array(r.curve, indent: inner, &out, element: point)
        o.string("data", r.data, &out)
        o.number("delta_aicc", r.deltaAicc, &out)
        o.integer("dof", r.dof, &out)
        o.integer("evaluations", r.evaluations, &out)
        o.string("formula", r.formula, &out)
        o.key("holdout", &out)
        if let holdout = r.holdout { self.holdout(holdout, indent: inner, &out) } else { out.append("null") }
        o.number("launch", r.launch, &out)
        o.string("message", r.message, &out)
        o.key("milestones", &out)
        if let milestones = r.milestones { self.milestones(milestones, indent: inner, &out) } else { out.append("null") }
        o.string("model", r.model, &out)
        o.integer("n", r.n, &out)
        o.key("notes", &out)
        array(r.notes, indent: inner, &out) { note, _, out in out.appendJSONString(note) }
        o.key("parameters", &out)
        array(r.parameters, indent: inner, &out, element: parameter)
        o.number("r_squared", r.rSquared, &out)
        o.integer("rank", r.rank, &out)
        o.number("rss", r.rss, &out)
        o.string("series", r.series, &out)
        o.number("sigma", r.sigma, &out)
        o.integer("starts_tried", r.startsTried, &out)
        o.string("status", r.status, &out)
        o.close(&out)
    }

    static func point(_ p: CurvePointRecord, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.number("ci_high", p.ciHigh, &out)
        o.number("ci_low", p.ciLow, &out)
        o.number("fitted", p.fitted, &out)
        o.bool("held_out", p.heldOut, &out)
        o.string("label", p.label, &out)
        o.number("observed", p.observed, &out)
        o.number("pi_high", p.piHigh, &out)
        o.number("pi_low", p.piLow, &out)
        o.number("x", p.x, &out)
        o.close(&out)
    }

    static func parameter(_ p: ParameterRecord, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.number("ci_high", p.ciHigh, &out)
        o.number("ci_low", p.ciLow, &out)
        o.number("estimate", p.estimate, &out)
        o.string("name", p.name, &out)
        o.key("profile", &out)
        if let profile = p.profile {
            var inner = Members(indent: o.memberIndent, &out)
            inner.number("high", profile.high, &out)
            inner.string("high_end", profile.highEnd.rawValue, &out)
            inner.number("low", profile.low, &out)
            inner.string("low_end", profile.lowEnd.rawValue, &out)
            inner.close(&out)
        } else {
            out.append("null")
        }
        o.number("std_error", p.stdError, &out)
        o.close(&out)
    }

    static func holdout(_ h: HoldoutRecord, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.number("mean_absolute_error", h.meanAbsoluteError, &out)
        o.number("mean_absolute_percentage_error", h.meanAbsolutePercentageError, &out)
        o.number("mean_error", h.meanError, &out)
        o.integer("n", h.n, &out)
        o.number("prediction_interval_coverage", h.predictionIntervalCoverage, &out)
        o.number("root_mean_squared_error", h.rootMeanSquaredError, &out)
        o.close(&out)
    }

    static func milestones(_ m: MilestoneRecord, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.number("fraction10", m.fraction10, &out)
        o.number("fraction50", m.fraction50, &out)
        o.number("fraction90", m.fraction90, &out)
        o.number("peak", m.peak, &out)
        o.number("peak_rate", m.peakRate, &out)
        o.key("periods", &out)
        if let periods = m.periods {
            var inner = Members(indent: o.memberIndent, &out)
            inner.string("fraction10", periods.fraction10, &out)
            inner.string("fraction50", periods.fraction50, &out)
            inner.string("fraction90", periods.fraction90, &out)
            inner.string("peak", periods.peak, &out)
            inner.string("saturation_onset", periods.saturationOnset, &out)
            inner.string("takeoff", periods.takeoff, &out)
            inner.close(&out)
        } else {
            out.append("null")
        }
        o.number("saturation_onset", m.saturationOnset, &out)
        o.number("takeoff", m.takeoff, &out)
        o.close(&out)
    }
}
