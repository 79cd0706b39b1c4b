@testable import AdoptReports
import Foundation

/// What `NumberFormat.exact` printed before it could write bytes: an integer for whole numbers
/// below 10^15, otherwise Swift's shortest round-trip `description`.
func referenceExact(_ x: Double?) -> String {
    guard let x else { return "" }
    if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
    return "\(x)"
}

/// The text `ByteBuffer.appendExact` writes for `x`.
func appendedExact(_ x: Double?) -> String {
    var buffer = ByteBuffer(capacity: 8)
    buffer.appendExact(x)
    return buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
}

/// A small deterministic generator (SplitMix64), so every run checks the same values.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh, empty temporary folder for one test, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("adopt-reports-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try body(dir)
}

/// The names in `dir`, sorted (to notice files a write left behind).
func listing(_ dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
}
