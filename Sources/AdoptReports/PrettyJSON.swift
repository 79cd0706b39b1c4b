import AdoptStudies

/// The fit records' JSON written straight into bytes, exactly as `JSONEncoder` writes their
/// synthesized encoding (`JSONText`: pretty-printed, keys in snake_case and sorted byte by byte,
/// slashes unescaped, every optional key present as `null` when absent): the same text without the
/// encoder's tree of every value (100,000 fits, 886 MB of JSON: 3.3 s of user time against 45.6 s).
/// `FitJSONWriterTests` holds it to the encoder's text.
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
        private mutating func key(_ name: StaticString, _ out: inout ByteBuffer) {
            out.append(first ? "\n" : ",\n")
            first = false
            out.appendSpaces(indent + 2)
            out.append(UInt8(ascii: "\""))
            out.append(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            out.append("\" : ")
        }

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

        mutating func bool(_ name: StaticString, _ value: Bool?, _ out: inout ByteBuffer) {
            key(name, &out)
            out.append(value.map { $0 ? "true" : "false" } ?? "null")
        }

        /// The member `name` whose value is absent (`null`) or written by `write(value, indent, &out)`,
        /// an object or array starting on the member's line.
        mutating func value<T>(_ name: StaticString, _ value: T?, _ out: inout ByteBuffer,
                               write: (T, Int, inout ByteBuffer) -> Void) {
            key(name, &out)
            if let value { write(value, indent + 2, &out) } else { out.append("null") }
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
        o.number("aic", r.aic, &out)
        o.number("aicc", r.aicc, &out)
        o.number("aicc_weight", r.aiccWeight, &out)
        o.value("bass_ols", r.bassOLS, &out, write: bassRegression)
        o.number("bic", r.bic, &out)
        o.number("condition_number", r.conditionNumber, &out)
        o.bool("converged", r.converged, &out)
        o.value("covariance", r.covariance, &out) { covariance, indent, out in
            array(covariance, indent: indent, &out) { row, indent, out in
                array(row, indent: indent, &out) { value, _, out in out.appendJSONNumber(value) }
            }
        }
        o.value("curve", r.curve, &out) { curve, indent, out in array(curve, indent: indent, &out, element: point) }
        o.string("data", r.data, &out)
        o.number("delta_aicc", r.deltaAicc, &out)
        o.integer("dof", r.dof, &out)
        o.integer("evaluations", r.evaluations, &out)
        o.string("formula", r.formula, &out)
        o.value("holdout", r.holdout, &out, write: holdout)
        o.number("launch", r.launch, &out)
        o.string("launch_period", r.launchPeriod, &out)
        o.string("message", r.message, &out)
        o.value("milestones", r.milestones, &out, write: milestones)
        o.string("model", r.model, &out)
        o.integer("n", r.n, &out)
        o.value("notes", r.notes, &out) { notes, indent, out in
            array(notes, indent: indent, &out) { note, _, out in out.appendJSONString(note) }
        }
        o.value("parameters", r.parameters, &out) { parameters, indent, out in
            array(parameters, indent: indent, &out, element: parameter)
        }
        o.number("r_squared", r.rSquared, &out)
        o.integer("rank", r.rank, &out)
        o.number("relative_sigma", r.relativeSigma, &out)
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
        o.number("cumulative", p.cumulative, &out)
        o.number("cumulative_ci_high", p.cumulativeCiHigh, &out)
        o.number("cumulative_ci_low", p.cumulativeCiLow, &out)
        o.number("fitted", p.fitted, &out)
        o.bool("held_out", p.heldOut, &out)
        o.string("label", p.label, &out)
        o.number("observed", p.observed, &out)
        o.number("per_period", p.perPeriod, &out)
        o.number("per_period_ci_high", p.perPeriodCiHigh, &out)
        o.number("per_period_ci_low", p.perPeriodCiLow, &out)
        o.number("pi_high", p.piHigh, &out)
        o.number("pi_low", p.piLow, &out)
        o.number("share", p.share, &out)
        o.number("x", p.x, &out)
        o.close(&out)
    }

    static func parameter(_ p: ParameterRecord, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.number("ci_high", p.ciHigh, &out)
        o.number("ci_low", p.ciLow, &out)
        o.number("estimate", p.estimate, &out)
        o.bool("fixed", p.fixed, &out)
        o.string("name", p.name, &out)
        o.value("profile", p.profile, &out, write: profile)
        o.number("std_error", p.stdError, &out)
        o.close(&out)
    }

    static func profile(_ p: ProfileIntervalRecord, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.number("high", p.high, &out)
        o.string("high_end", p.highEnd.rawValue, &out)
        o.number("low", p.low, &out)
        o.string("low_end", p.lowEnd.rawValue, &out)
        o.close(&out)
    }

    static func holdout(_ h: HoldoutRecord, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.number("mean_absolute_error", h.meanAbsoluteError, &out)
        o.number("mean_absolute_percentage_error", h.meanAbsolutePercentageError, &out)
        o.integer("mean_absolute_percentage_error_n", h.meanAbsolutePercentageErrorN, &out)
        o.number("mean_error", h.meanError, &out)
        o.integer("n", h.n, &out)
        o.number("prediction_interval_coverage", h.predictionIntervalCoverage, &out)
        o.number("root_mean_squared_error", h.rootMeanSquaredError, &out)
        o.close(&out)
    }

    static func bassRegression(_ r: BassRegressionRecord, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.number("a", r.a, &out)
        o.number("a_ci_high", r.aCiHigh, &out)
        o.number("a_ci_low", r.aCiLow, &out)
        o.number("a_std_error", r.aStdError, &out)
        o.number("adopters_observed", r.adoptersObserved, &out)
        o.number("b", r.b, &out)
        o.number("b_ci_high", r.bCiHigh, &out)
        o.number("b_ci_low", r.bCiLow, &out)
        o.number("b_std_error", r.bStdError, &out)
        o.number("c", r.c, &out)
        o.number("c_ci_high", r.cCiHigh, &out)
        o.number("c_ci_low", r.cCiLow, &out)
        o.number("c_std_error", r.cStdError, &out)
        o.integer("dof", r.dof, &out)
        o.number("m", r.m, &out)
        o.number("m_ci_high", r.mCiHigh, &out)
        o.number("m_ci_low", r.mCiLow, &out)
        o.number("m_std_error", r.mStdError, &out)
        o.number("p", r.p, &out)
        o.number("p_ci_high", r.pCiHigh, &out)
        o.number("p_ci_low", r.pCiLow, &out)
        o.number("p_std_error", r.pStdError, &out)
        o.number("q", r.q, &out)
        o.number("q_ci_high", r.qCiHigh, &out)
        o.number("q_ci_low", r.qCiLow, &out)
        o.number("q_std_error", r.qStdError, &out)
        o.number("r_squared", r.rSquared, &out)
        o.number("residual_standard_error", r.residualStandardError, &out)
        o.close(&out)
    }

    static func milestones(_ m: MilestoneRecord, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.number("fraction10", m.fraction10, &out)
        o.number("fraction50", m.fraction50, &out)
        o.number("fraction90", m.fraction90, &out)
        o.value("intervals", m.intervals, &out, write: intervals)
        o.value("intervals_withheld", m.intervalsWithheld, &out, write: intervalsWithheld)
        o.number("peak", m.peak, &out)
        o.bool("peak_past_data", m.peakPastData, &out)
        o.number("peak_rate", m.peakRate, &out)
        o.value("periods", m.periods, &out, write: periods)
        o.number("saturation_onset", m.saturationOnset, &out)
        o.number("takeoff", m.takeoff, &out)
        o.close(&out)
    }

    /// A value per milestone, its members in the JSON's sorted order, each written by `member`.
    static func milestoneValues<V>(_ m: MilestoneValues<V>, indent: Int, _ out: inout ByteBuffer,
                                   member: (inout Members, StaticString, V?, inout ByteBuffer) -> Void) {
        var o = Members(indent: indent, &out)
        let members: [(StaticString, V?)] = [("fraction10", m.fraction10), ("fraction50", m.fraction50), ("fraction90", m.fraction90),
                                             ("peak", m.peak), ("peak_rate", m.peakRate), ("saturation_onset", m.saturationOnset),
                                             ("takeoff", m.takeoff)]
        for (name, value) in members { member(&o, name, value, &out) }
        o.close(&out)
    }

    static func intervals(_ m: MilestoneIntervals, indent: Int, _ out: inout ByteBuffer) {
        milestoneValues(m, indent: indent, &out) { o, name, value, out in o.value(name, value, &out, write: interval) }
    }

    static func intervalsWithheld(_ m: MilestoneIntervalGaps, indent: Int, _ out: inout ByteBuffer) {
        milestoneValues(m, indent: indent, &out) { o, name, value, out in o.string(name, value, &out) }
    }

    static func interval(_ i: MilestoneInterval, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.number("ci_high", i.ciHigh, &out)
        o.string("ci_high_period", i.ciHighPeriod, &out)
        o.number("ci_low", i.ciLow, &out)
        o.string("ci_low_period", i.ciLowPeriod, &out)
        o.number("std_error", i.stdError, &out)
        o.close(&out)
    }

    static func periods(_ p: MilestonePeriods, indent: Int, _ out: inout ByteBuffer) {
        var o = Members(indent: indent, &out)
        o.string("fraction10", p.fraction10, &out)
        o.string("fraction50", p.fraction50, &out)
        o.string("fraction90", p.fraction90, &out)
        o.string("peak", p.peak, &out)
        o.string("saturation_onset", p.saturationOnset, &out)
        o.string("takeoff", p.takeoff, &out)
        o.close(&out)
    }
}
