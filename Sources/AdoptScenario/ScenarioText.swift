#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading the scenario file's text, with failures reported as `ScenarioError`s.
enum ScenarioText {
    /// The whole file at `path` as UTF-8 text.
    ///
    /// - Throws: `ScenarioError` with exit code 66 when the file cannot be read, or 65
    ///   (naming the line) when it is not valid UTF-8 or holds a NUL byte.
    static func contents(ofFile path: String) throws(ScenarioError) -> String {
        let bytes = try readBytes(path: path)
        if let nul = bytes.firstIndex(of: 0) {
            throw ScenarioError(file: path, line: line(of: nul, in: bytes),
                                message: "the file contains a NUL byte; a TOML file is text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ScenarioError(file: path, line: line(of: firstInvalidUTF8(bytes), in: bytes),
                                message: "the file is not valid UTF-8")
        }
        return text
    }

    /// Every byte of the file at `path`.
    static func readBytes(path: String) throws(ScenarioError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw missing(path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw missing(path, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw missing(path, errno: EISDIR) }

        var buffer = [UInt8](repeating: 0, count: max(Int(info.st_size) + 1, 1 << 12))
        var count = 0
        while true {
            if count == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
            let got = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + count, raw.count - count) }
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

    private static func missing(_ path: String, errno code: Int32) -> ScenarioError {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file"
        case EACCES: reason = "permission denied"
        case EISDIR: reason = "is a directory, not a file"
        default: reason = String(cString: strerror(code))
        }
        return ScenarioError(file: path, line: nil, message: "cannot read the scenario: \(reason)", exitCode: 66)
    }

    /// The 1-based line holding byte `offset`.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence.
    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while case .valid(let encoded) = parser.parseScalar(from: &iterator) {
            offset += encoded.count
        }
        return min(offset, max(bytes.count - 1, 0))
    }
}
