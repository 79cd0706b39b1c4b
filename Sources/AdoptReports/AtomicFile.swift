#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes report files so that a failed run never leaves a half-written file.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write the report: \(reason)" }
    }

    /// Writes `text` to a new temporary file beside `path`, then renames it over `path`:
    /// readers see the old file or the whole new one, never a part. On any failure the
    /// temporary file is removed and `path` is left as it was.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: reason(errno)) }
        var text = text
        let failure: Int32? = text.withUTF8 { writeAll(fd, $0) }
        if close(fd) != 0 && failure == nil {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, reason: reason(code))
        }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: reason(failure))
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, reason: reason(code))
        }
    }

    /// `dir/.name.tmp-PID` beside the target, so the rename stays within one file system.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return directory + "." + name + ".tmp-\(getpid())"
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such directory"
        case EACCES: "permission denied"
        case EISDIR: "is a directory"
        case ENOSPC: "no space left on the device"
        default: String(cString: strerror(code))
        }
    }
}

/// Writes every byte, retrying after interruptions; returns the errno of a failure.
private func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
        let written = write(fd, base + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        offset += written
    }
    return nil
}
