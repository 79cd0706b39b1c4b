import Foundation
import Testing
@testable import AdoptStudies

/// Akaike weights, w = exp(−Δ/2) / Σ exp(−Δ/2) (Burnham & Anderson 2002, §2.9), against values
/// worked out from that formula by hand (Python's math.exp): e.g. Δ = (0, 2) gives
/// 1/(1 + e⁻¹) = 0.7310585786300049 and e⁻¹/(1 + e⁻¹) = 0.2689414213699951.
@Suite("Akaike weights")
struct ModelRankingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let aicc: [Double]
        let weights: [Double]
        var testDescription: String { "AICc \(aicc)" }
    }

    static let cases = [
        Case(aicc: [100, 102], weights: [0.7310585786300049, 0.2689414213699951]),
        Case(aicc: [-7, -5, -3], weights: [0.6652409557748218, 0.24472847105479764, 0.09003057317038046]),
        // Two equal fits (the per-period Bass and logistic) share their weight.
        Case(aicc: [182.181, 182.181, 183.681], weights: [0.4044707686614429, 0.4044707686614429, 0.1910584626771142]),
        // Only the differences count: an offset of 1e6 changes nothing.
        Case(aicc: [1e6 + 2, 1e6], weights: [0.2689414213699951, 0.7310585786300049]),
    ]

    @Test("weights from AICc values", arguments: cases)
    func weights(_ c: Case) {
        let w = FitStudy.akaikeWeights(c.aicc)
        #expect(w.count == c.weights.count)
        for (a, b) in zip(w, c.weights) { #expect(abs(a - b) <= 1e-9 * b, "\(w)") }
        #expect(abs(w.reduce(0, +) - 1) <= 1e-15)
    }
}
