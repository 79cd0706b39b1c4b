#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole input file into memory, with failures reported as `DataError`s.
public enum FileInput {
    /// Reads every byte of the file at `path`.
    ///
    /// Works for regular files and for streams (pipes, `/dev/stdin`) alike.
    ///
    /// - Throws: `DataError` of kind `.missingInput` when the file does not exist,
    ///   cannot be opened or read, or is a directory.
    public static func readAll(path: String) throws(DataError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw missing(path, errno: errno) }
        defer { close(fd) }

        var info = stat()
        guard fstat(fd, &info) == 0 else { throw missing(path, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw missing(path, errno: EISDIR) }

        // One byte more than the reported size, so a single extra read confirms EOF.
        var buffer = [UInt8](repeating: 0, count: max(Int(info.st_size) + 1, 1 << 16))
        var count = 0
        while true {
            if count == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let got = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress! + count, raw.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw missing(path, errno: errno)
            }
            if got == 0 { break }
            count += got
        }
        buffer.removeLast(buffer.count - count)
        return buffer
    }

    private static func missing(_ path: String, errno code: Int32) -> DataError {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES: reason = "permission denied"
        case EISDIR: reason = "is a directory, not a file"
        default: reason = String(cString: strerror(code))
        }
        return DataError(kind: .missingInput, file: path, message: "cannot read input: \(reason)")
    }
}
