@testable import AdoptReports
import Testing
import TestSupport

/// A named group of doubles that must print exactly as before.
struct NumberCase: Sendable, CustomTestStringConvertible {
    let name: String
    let values: [Double]
    var testDescription: String { name }
}

@Suite("Exact numbers written as bytes print as NumberFormat.exact always has")
struct ExactNumberTests {
    static func withNeighbours(_ xs: [Double]) -> [Double] {
        xs.flatMap { x in [x, x.nextUp, x.nextDown, -x, -x.nextUp, -x.nextDown] }
    }

    static let cases: [NumberCase] = [
        NumberCase(name: "zeros and small integers", values: [0, -0.0, 1, -1, 2, 10, 42, -7, 100, 65536]),
        NumberCase(name: "subnormals", values: withNeighbours(
            (1...64).map { Double.leastNonzeroMagnitude * Double($0) }
                + [Double.leastNormalMagnitude.nextDown, Double.leastNormalMagnitude,
                   Double(bitPattern: 0x000F_FFFF_FFFF_FFFF), Double(bitPattern: 0x0008_0000_0000_0000)])),
        NumberCase(name: "extremes", values: withNeighbours([.greatestFiniteMagnitude.nextDown, .ulpOfOne, 1.0.nextUp])
            + [.greatestFiniteMagnitude, -.greatestFiniteMagnitude]),
        NumberCase(name: "powers of ten", values: withNeighbours((-323...308).compactMap { Double("1e\($0)") })),
        NumberCase(name: "powers of two", values: withNeighbours((-1074...1023).map { Double(sign: .plus, exponent: $0, significand: 1) })),
        NumberCase(name: "whole numbers near 10^15", values: withNeighbours(
            (-3...3).map { 1e15 + Double($0) } + [999_999_999_999_999.9, 999_999_999_999_999.5, 1e15 - 0.5, 1e15 + 0.5])),
        NumberCase(name: "near 2^53 and 2^54", values: withNeighbours(
            (-4...4).map { 9_007_199_254_740_992 + Double($0) } + [18_014_398_509_481_984, 1e16, 1e17, 123_456_789_012_345_680])),
        NumberCase(name: "where the text switches to exponents", values: withNeighbours(
            [1e-4, 1e-5, 0.000123, 0.0000999, 9.999999999999999e-5, 0.00010000000000000002])),
        NumberCase(name: "fractions", values: withNeighbours(
            [0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 0.5, 0.25, 0.125, 1.5, 2.5, 0.95, 0.975, 1e-2, 3.14159, 2.718281828459045])),
        NumberCase(name: "values of a fit report", values: withNeighbours(
            [552_656.2300877201, 17_549.42223088989, 0.011834987869912867, 0.9824009972609398,
             438_728_274.8065627, 2013.6679309458798, 384.06374915036696, 5236.4603670237175])),
        NumberCase(name: "not finite", values: [.nan, -.nan, .infinity, -.infinity, .signalingNaN,
                                                 Double(nan: 5, signaling: false), Double(nan: 77, signaling: true)]),
    ]

    @Test(arguments: cases)
    func edgeCases(_ group: NumberCase) {
        for x in group.values {
            #expect(appendedExact(x) == referenceExact(x), "bit pattern \(x.bitPattern)")
            #expect(NumberFormat.exact(x) == referenceExact(x), "bit pattern \(x.bitPattern)")
        }
    }

    @Test func nilPrintsNothing() {
        #expect(appendedExact(nil) == "")
        #expect(NumberFormat.exact(nil) == "")
    }

    @Test("random bit patterns", arguments: [1, 2, 3, 4] as [UInt64])
    func randomBitPatterns(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var mismatches: [UInt64] = []
        for _ in 0..<100_000 {
            let x = Double(bitPattern: generator.next())
            if appendedExact(x) != referenceExact(x) { mismatches.append(x.bitPattern) }
        }
        #expect(mismatches.isEmpty, "bit patterns \(mismatches.prefix(10))")
    }

    @Test("random values of ordinary magnitudes", arguments: [-8, -4, 0, 4, 8, 12, 15, 16] as [Int])
    func randomMagnitudes(decade: Int) {
        var generator = SplitMix64(seed: UInt64(bitPattern: Int64(decade)) &+ 100)
        var mismatches: [UInt64] = []
        for _ in 0..<50_000 {
            let x = Double.random(in: 1..<10, using: &generator) * Double("1e\(decade)")!
            let rounded = x.rounded()
            for value in [x, -x, rounded, rounded + 0.5, -rounded] where appendedExact(value) != referenceExact(value) {
                mismatches.append(value.bitPattern)
            }
        }
        #expect(mismatches.isEmpty, "bit patterns \(mismatches.prefix(10))")
    }

    @Test("integers print as String(Int) prints them",
          arguments: [0, 1, -1, 9, 10, -10, 99, 100, 12_345, -987_654_321, 999_999_999_999_999, -999_999_999_999_999,
                      1_000_000_000_000_000, Int.max, Int.min, Int.max - 1, Int.min + 1] as [Int])
    func integers(_ n: Int) {
        var buffer = ByteBuffer(capacity: 1)
        buffer.appendInteger(n)
        #expect(buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } == String(n))
    }

    @Test func manyNumbersInOneGrowingBuffer() {
        var generator = SplitMix64(seed: 99)
        var buffer = ByteBuffer(capacity: 64)
        var expected = ""
        for i in 0..<20_000 {
            let x = Double(bitPattern: generator.next() >> (i % 3 == 0 ? 2 : 1))
            buffer.appendExact(x)
            buffer.append(UInt8(ascii: ","))
            buffer.appendInteger(i)
            buffer.append(";")
            expected += referenceExact(x) + "," + String(i) + ";"
        }
        #expect(buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) } == expected)
    }
}
