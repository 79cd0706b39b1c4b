import Foundation

/// Writing test inputs into a directory from `withTemporaryDirectory`, from strings or bytes,
/// so that no fixture files are committed.
extension URL {
    /// Writes `bytes` to `name` in this directory and returns the file's path.
    func write(bytes: [UInt8], to name: String = "input.csv") throws -> String {
        let file = appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    /// Writes `text` as UTF-8 to `name` in this directory and returns the file's path.
    func write(_ text: String, to name: String = "input.csv") throws -> String {
        try write(bytes: Array(text.utf8), to: name)
    }

    /// A path in this directory that does not exist.
    func missingPath(_ name: String = "absent.csv") -> String {
        appendingPathComponent(name).path
    }
}
