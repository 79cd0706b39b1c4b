import Foundation

/// A fresh directory under the system's temporary folder, removed when the value is released.
///
/// Tests write their inputs here from strings or bytes, so no fixture files are committed.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("adopt-data-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `bytes` to `name` in the directory and returns the file's path.
    func write(bytes: [UInt8], to name: String = "input.csv") throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// Writes `text` as UTF-8 to `name` in the directory and returns the file's path.
    func write(_ text: String, to name: String = "input.csv") throws -> String {
        try write(bytes: Array(text.utf8), to: name)
    }

    /// A path in the directory that does not exist.
    func missingPath(_ name: String = "absent.csv") -> String {
        url.appendingPathComponent(name).path
    }
}
