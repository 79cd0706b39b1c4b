import Foundation

/// Writes report files so that a failed run never leaves a half-written file.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write the report: \(reason)" }
    }

    /// Writes `text` to a temporary file beside `path`, then renames it over `path`.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw WriteError(path: path, reason: (error as NSError).localizedDescription)
        }
    }
}
