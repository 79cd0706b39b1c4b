import Foundation
import Testing
@testable import AdoptionModels
import TestSupport

/// The Richards curve's shape ratio S(u) = [ln(1+u) − u/(1+u)]/u² and its derivative, which carry ∂N/∂ν
/// and ∂²N/∂ν², against 50-digit values (`Tests/Fixtures/scipy/shape_ratio.py`) on both sides of the
/// switch from the series (|u| < 1e-2) to the closed forms, whose cancellation just above it costs some
/// 1e-12 of the value.
@Suite("Richards shape ratio")
struct ShapeRatioTests {
    static let references: [(u: Double, s: Double, ds: Double)] = {
        guard let csv = try? SimpleCSV(url: Fixtures.url("scipy/shape_ratio.csv")) else { return [] }
        return csv.records.map { (Double($0["u"]!)!, Double($0["s"]!)!, Double($0["ds"]!)!) }
    }()

    @Test("S(u) and dS/du agree with 50-digit values")
    func agree() throws {
        let curve = RichardsModel()
        try #require(Self.references.count == 10)
        for (u, s, ds) in Self.references {
            let tolerance = abs(u) < 1e-2 ? 1e-14 : 1e-11
            let ratio = curve.shapeRatio(u, logOnePlus: log1p(u))
            let derivative = curve.shapeRatioDerivative(u, ratio: ratio)
            #expect(abs(ratio - s) <= tolerance * abs(s), "u = \(u): S \(ratio) vs \(s)")
            #expect(abs(derivative - ds) <= tolerance * abs(ds), "u = \(u): dS/du \(derivative) vs \(ds)")
        }
    }
}
