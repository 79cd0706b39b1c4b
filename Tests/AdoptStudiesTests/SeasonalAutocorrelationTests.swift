import Foundation
import Testing
@testable import AdoptStudies
import TestSupport

/// The residuals' correlation a number of periods apart, paired by their times.
@Suite("Residual autocorrelation by period")
struct SeasonalAutocorrelationTests {
    // Reference: Tests/Fixtures/scipy/seasonal_residuals.py (statsmodels acf, missing='conservative').
    static let reference: SimpleCSV? = try? SimpleCSV(url: Fixtures.url("scipy/seasonal_acf_gaps.csv"))
    static let values: [Double?] = [1.5, -0.2, 0.7, -1.1, nil, -0.4, 0.9, -1.3, 1.2, nil, 0.6, -0.9, 1.4, -0.3, 0.8, -1.2]

    @Test("with two periods missing, each lag's correlation is statsmodels' with missing='conservative'", arguments: 1...4)
    func gaps(lag: Int) throws {
        let reference = try #require(Self.reference)
        let expected = try #require(reference.rows.indices.first { reference.column("lag")[$0] == "\(lag)" }.map { reference.doubles("acf")[$0] })
        let present = Self.values.enumerated().compactMap { i, v in v.map { (t: Double(i + 1), e: $0) } }
        let r = try #require(FitStudy.autocorrelation(present.map(\.e), at: present.map(\.t), lag: Double(lag)))
        #expect(abs(r - expected) < 1e-14, "\(r) against \(expected)")
    }

    @Test("no pair that far apart, or residuals all equal: none")
    func none() {
        #expect(FitStudy.autocorrelation([1, 2, 3], at: [1, 2, 3], lag: 4) == nil)
        #expect(FitStudy.autocorrelation([2, 2, 2, 2, 2], at: [1, 2, 3, 4, 5], lag: 1) == nil)
    }
}
