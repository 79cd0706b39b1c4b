import Foundation

/// Locates the files under `Tests/Fixtures`, which the tests read from the source tree.
public enum Fixtures {
    /// The `Tests/Fixtures` folder of this checkout.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // TestSupport
        .deletingLastPathComponent()   // Tests
        .appendingPathComponent("Fixtures")

    /// The repository's top-level folder.
    public static let repositoryRoot: URL = root
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// Whether a shipped series in `Data/series/` is cumulative (the Dutch car stock, US cable
    /// TV); the others are adopters per period.
    public static func isCumulativeSeries(_ name: String) -> Bool {
        name.contains("cumulative") || name.contains("stock")
    }

    public static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }
}
