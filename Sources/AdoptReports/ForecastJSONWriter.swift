import AdoptStudies

/// The forecast report as JSON: `{"forecast": [...], "stages": [...], ...}`, snake_case keys, sorted.
/// A number that does not exist as a double (a cost that overflows with an extreme scenario) is
/// `null`, as in the fit report: never a string where a number belongs (`JSONText`).
public enum ForecastJSONWriter {
    public static func render(_ report: ForecastReport) throws -> String {
        try JSONText.text(report)
    }
}
