import Testing
import AdoptionModels
@testable import Fitting
import TestSupport

/// One series of a fixture CSV of `case,period,adopters` rows, per period.
func fixtureSeries(_ path: String, _ series: String) throws -> CurveData {
    let rows = try #require(try SimpleCSV(url: Fixtures.url(path)).groups(by: ["case"]).first { $0.key == [series] }).records
    return CurveData(t: rows.map { Double($0["period"]!)! }, y: rows.map { Double($0["adopters"]!)! }, form: .perPeriod)
}

/// A fixture series and the model fitted to it: a test's argument, shown as "series model".
struct SeriesModel: Sendable, CustomTestStringConvertible {
    let series: String
    let model: ModelKind
    var testDescription: String { "\(series) \(model)" }
}
