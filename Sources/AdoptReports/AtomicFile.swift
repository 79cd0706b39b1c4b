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
        try write(ChunkedText(text), to: path)
    }

    /// Writes `text` as `write(_:to:)` does, rendering its chunks on all cores while the
    /// finished ones are written in order.
    public static func write(_ text: ChunkedText, to path: String) throws(WriteError) {
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: reason(errno)) }
        let file = NewFile(fd)
        var failure = text.forEachChunkInOrder { file.append($0) }
        if failure == nil { failure = file.finish() }
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

/// Writes report text to standard output.
public enum StandardOutput {
    /// Writes `text`, rendering its chunks on all cores while the finished ones are written in order.
    public static func write(_ text: ChunkedText) throws(AtomicFile.WriteError) {
        if let failure = text.forEachChunkInOrder({ writeAll(STDOUT_FILENO, $0) }) {
            throw AtomicFile.WriteError(path: "standard output", reason: AtomicFile.reason(failure))
        }
    }
}

/// A new file written front to back, its blocks reserved ahead of the data.
///
/// With the space reserved (`fallocate`, in steps that double) the file system allocates the
/// blocks at once rather than delaying allocation, which ext4 would otherwise force
/// synchronously when the file is renamed over an existing one; `finish` gives back what was
/// reserved beyond the data. Where the file system cannot reserve space, the data are simply
/// written (never zeros first, as `posix_fallocate` would emulate it).
private final class NewFile: @unchecked Sendable {
    private let fd: Int32
    private var size = 0
    private var reserved = 0
    private var reserving = true

    init(_ fd: Int32) { self.fd = fd }

    /// Appends `bytes`; returns the errno of a failure. Called by one thread at a time.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        #if canImport(Glibc)
        if reserving && size + bytes.count > reserved, let fallocate = fallocateFunction {
            let extra = max(size + bytes.count - reserved, reserved)
            if fallocate(fd, 0, off_t(reserved), off_t(extra)) == 0 {
                reserved += extra
            } else {
                reserving = false
            }
        }
        #endif
        if let failure = writeAll(fd, bytes) { return failure }
        size += bytes.count
        return nil
    }

    /// Cuts the file to the data written; returns the errno of a failure. Only needed after a
    /// reservation failed or reserved more than the data: while every reservation succeeds,
    /// `reserved` is at least `size`, and it stays 0 where none is tried.
    func finish() -> Int32? {
        guard !reserving || reserved > size else { return nil }
        return ftruncate(fd, off_t(size)) == 0 ? nil : errno
    }
}

#if canImport(Glibc)
/// `fallocate(2)`, which the Glibc module does not export; nil where the C library lacks it.
private let fallocateFunction: (@convention(c) (Int32, Int32, off_t, off_t) -> Int32)? = {
    guard let symbol = dlsym(nil, "fallocate") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32, off_t, off_t) -> Int32).self)
}()
#endif

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
