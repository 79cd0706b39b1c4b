@testable import AdoptReports
import Foundation
import TestSupport

/// What `NumberFormat.exact` printed before it could write bytes: an integer for whole numbers
/// below 10^15, otherwise Swift's shortest round-trip `description`.
func referenceExact(_ x: Double?) -> String {
    x.map(exactText) ?? ""
}

/// The text `ByteBuffer.appendExact` writes for `x`.
func appendedExact(_ x: Double?) -> String {
    var buffer = ByteBuffer(capacity: 8)
    buffer.appendExact(x)
    return buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
}

/// The names in `dir`, sorted (to notice files a write left behind).
func listing(_ dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
}
