import AdoptData
import Synchronization
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
        /// The report's text could not be made (a chunk failed to render), as opposed to written:
        /// an internal error, not the output's.
        public var isRendering = false
        /// One line: a line break in the path is written as its escape (`DataError.singleLine`).
        public var description: String { "\(DataError.singleLine(path)): cannot write the report: \(reason)" }

        init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        init(path: String, _ failure: ChunkedText.Failure) {
            self.path = path
            switch failure {
            case .output(let code): reason = AtomicFile.reason(code)
            case .rendering(let why):
                reason = "cannot render it: " + why
                isRendering = true
            }
        }
    }

    /// Writes `text` to a new temporary file beside `path`, then renames it over `path`:
    /// readers see the old file or the whole new one, never a part. On any failure the
    /// temporary file is removed and `path` is left as it was.
    public static func write(_ text: String, to path: String, inputs: [String] = []) throws(WriteError) {
        try write(ChunkedText(text), to: path, inputs: inputs)
    }

    /// Writes `text` as `write(_:to:)` does, rendering its chunks on all cores while the
    /// finished ones are written in order.
    ///
    /// - A symbolic link to a file is written through: the file it names is replaced (keeping its
    ///   permissions and, where the writer may set them, its owner), and the link stays. A link
    ///   the writer may not follow (`fs.protected_symlinks`) is an error; the file a dangling link
    ///   names is created (in its folder, which must exist), as a shell's `>` creates it.
    /// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` are written to that
    ///   descriptor, whatever it refers to (a file appended to stays as it was before the report).
    /// - A character device or a pipe is written to directly, as no file can be renamed over it;
    ///   a pipe that no process reads is an error, not a wait. Anything else that is not a
    ///   regular file (a block device, a socket) is refused.
    /// - A path that names one of `inputs` (the files the report was made from) is refused: the
    ///   report would replace its own data. So is a file with no write permission, or one this user
    ///   may not write.
    public static func write(_ text: ChunkedText, to path: String, inputs: [String] = []) throws(WriteError) {
        guard !path.isEmpty else { throw WriteError(path: "--output", reason: "the path is empty") }
        if let fd = standardDescriptor(path) { return try writeToDescriptor(text, fd, name: path) }
        var target = stat()
        var final = path
        let exists = stat(path, &target) == 0
        if exists {
            switch target.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw WriteError(path: path, reason: reason(EISDIR))
            case S_IFCHR, S_IFIFO: return try writeDirectly(text, to: path)
            default: throw WriteError(path: path, reason: "not a file, a character device or a pipe")
            }
            for input in inputs {
                var other = stat()
                if stat(input, &other) == 0, (other.st_mode & S_IFMT) == S_IFREG,
                   other.st_dev == target.st_dev, other.st_ino == target.st_ino {
                    throw WriteError(path: path, reason: "it is the input file '\(input)'; name another output")
                }
            }
            final = try resolvedLinks(path)
            // A file that may not be written is kept, though replacing it would work (the directory
            // decides): one with no write permission at all, for anyone (root included), and one this
            // user may not write (another's file), which a shell's `>` refuses too.
            if (target.st_mode & 0o222) == 0 {
                throw WriteError(path: path, reason: "the file is read-only; make it writable or name another output")
            }
            if access(final, W_OK) != 0 {
                throw WriteError(path: path, reason: "this user may not write the file; name another output")
            }
        } else if errno != ENOENT {
            // Permission denied (a link the writer may not follow), a loop of links, …
            throw WriteError(path: path, reason: reason(errno))
        } else {
            // A dangling link: the file it names is created, as a shell's `>` creates it.
            final = try resolvedLinks(path)
        }
        // A new name for each try: one left by a run that was killed (SIGKILL, the OOM killer) with the same
        // process number, as every run in a container has, must not stop this one.
        // A termination signal from before the file is created removes it on the process's way out.
        var temporary = temporaryPath(for: final)
        var guardedSignals = TemporaryFileGuard(temporary)
        var fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        for _ in 0..<8 where fd < 0 && errno == EEXIST {
            guardedSignals.end()
            temporary = temporaryPath(for: final)
            guardedSignals = TemporaryFileGuard(temporary)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        defer { guardedSignals.end() }
        guard fd >= 0 else {
            let code = errno
            // The report is written beside its path first: the directory must take a new file.
            throw WriteError(path: path, reason: code == EACCES ? "permission denied: the directory takes no new files from this user"
                                                                  : reason(code))
        }
        if exists {
            _ = fchown(fd, target.st_uid, target.st_gid)  // only where allowed; the writer's otherwise
            _ = fchmod(fd, target.st_mode & 0o7777)
        }
        let file = NewFile(fd)
        var failure = text.forEachChunkInOrder { file.append($0) }
        if failure == nil { failure = file.finish().map(ChunkedText.Failure.output) }
        if close(fd) != 0 && failure == nil {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, reason: reason(code))
        }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, failure)
        }
        guard rename(temporary, final) == 0 else {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, reason: reason(code))
        }
    }

    /// The descriptor a path names by number: `/dev/stdout` (1), `/dev/stderr` (2), `/dev/fd/N`
    /// and `/proc/self/fd/N` (N); nil for any other path.
    static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return STDOUT_FILENO
        case "/dev/stderr": return STDERR_FILENO
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            return Int32(path.dropFirst(prefix.count))
        }
        return nil
    }

    /// Writes to an open descriptor, which stays open.
    static func writeToDescriptor(_ text: ChunkedText, _ fd: Int32, name: String) throws(WriteError) {
        if let failure = text.forEachChunkInOrder({ writeAll(fd, $0) }) {
            throw WriteError(path: name, failure)
        }
    }

    /// Writes to a character device or a pipe as it is: there is no file to replace. A pipe
    /// must have a reader already.
    static func writeDirectly(_ text: ChunkedText, to path: String) throws(WriteError) {
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw WriteError(path: path, reason: errno == ENXIO ? "no process reads from the pipe" : reason(errno))
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        do {
            try writeToDescriptor(text, fd, name: path)
        } catch {
            close(fd)
            throw error
        }
        if close(fd) != 0 { throw WriteError(path: path, reason: reason(errno)) }
    }

    /// The path a chain of symbolic links ends at (the path itself when it is no link; a
    /// link's relative target is taken from the link's folder). More than 40 links is a loop,
    /// as the kernel counts.
    static func resolvedLinks(_ path: String) throws(WriteError) -> String {
        var current = path
        for _ in 0...40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return current }
            let link = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if link.hasPrefix("/") {
                current = link
            } else {
                let slash = current.lastIndex(of: "/")
                current = (slash.map { String(current[...$0]) } ?? "") + link
            }
        }
        throw WriteError(path: path, reason: reason(ELOOP))
    }

    /// `dir/.name.tmp-PID-RANDOM` beside the target, so the rename stays within one file system; the random
    /// part tells apart runs of one process number (a container's, or one that reuses a killed run's).
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        return directory + "." + name + ".tmp-\(getpid())-" + random
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such directory"
        case EACCES: "permission denied"
        case EISDIR: "is a directory"
        case ENOSPC: "no space left on the device"
        case ENOTDIR: "a part of the path is not a directory"
        case EROFS: "read-only file system"
        default: String(cString: strerror(code)).lowercasedFirst
        }
    }
}

/// Writes report text to standard output.
public enum StandardOutput {
    /// Writes `text` to the open descriptor `fd` (standard output or error), whole; the errno of a failure.
    public static func write(_ text: String, toDescriptor fd: Int32) -> Int32? {
        Array(text.utf8).withUnsafeBufferPointer { writeAll(fd, $0) }
    }

    /// Writes `text`, rendering its chunks on all cores while the finished ones are written in order.
    public static func write(_ text: ChunkedText) throws(AtomicFile.WriteError) {
        try AtomicFile.writeToDescriptor(text, STDOUT_FILENO, name: "standard output")
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

private extension String {
    /// The text with its first letter in lower case ("Not a directory" → "not a directory"), unless
    /// the first word is an acronym ("RPC struct bad").
    var lowercasedFirst: String {
        let word = prefix { $0.isLetter }
        return word.count > 1 && word.allSatisfy(\.isUppercase) ? self : prefix(1).lowercased() + dropFirst()
    }
}

/// The temporary files being written, for the signal handler: C strings (a handler may not
/// allocate) in a fixed table, a slot per write in progress.
private let temporarySlotCount = 16
nonisolated(unsafe) private let temporariesInFlight: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: temporarySlotCount)
    slots.initialize(repeating: nil, count: temporarySlotCount)
    return slots
}()

/// Removes the temporary files, then ends the process by the same signal with its usual action.
/// Only async-signal-safe calls: unlink, signal, raise.
private func removeTemporariesAndResignal(_ signo: Int32) {
    for k in 0..<temporarySlotCount {
        if let path = temporariesInFlight[k] { unlink(path) }
    }
    signal(signo, SIG_DFL)
    raise(signo)
}

/// The writes in progress and the signal actions their guard replaced.
private struct GuardState: ~Copyable {
    var active = 0
    var previous: [(signal: Int32, action: sigaction)] = []
}
private let guardState = Mutex(GuardState())

/// While a report is written to its temporary file, SIGINT, SIGTERM, SIGHUP and SIGQUIT remove that
/// file (and any other being written) before they end the process; the earlier report, never
/// touched, stays. A signal the process ignores stays ignored, and the actions in place before the
/// first write are put back, flags and all, when the last ends. SIGKILL cannot be caught, and
/// leaves the file.
struct TemporaryFileGuard {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    private let slot: Int?

    init(_ path: String) {
        slot = guardState.withLock { state -> Int? in
            guard let free = (0..<temporarySlotCount).first(where: { temporariesInFlight[$0] == nil }) else { return nil }
            temporariesInFlight[free] = strdup(path)
            if state.active == 0 {
                for s in Self.signals {
                    var current = sigaction()
                    sigaction(s, nil, &current)
                    // An ignored signal stays ignored: it ends nothing.
                    if unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                        continue
                    }
                    var action = sigaction()
                    action.__sigaction_handler.sa_handler = removeTemporariesAndResignal
                    sigfillset(&action.sa_mask)
                    sigaction(s, &action, nil)
                    state.previous.append((s, current))
                }
            }
            state.active += 1
            return free
        }
    }

    /// Forgets the path; the last write to end puts the previous actions back.
    func end() {
        guard let slot else { return }
        guardState.withLock { state in
            state.active -= 1
            if state.active == 0 {
                for (s, previous) in state.previous {
                    var action = previous
                    sigaction(s, &action, nil)
                }
                state.previous = []
            }
            let path = temporariesInFlight[slot]
            temporariesInFlight[slot] = nil
            free(path)
        }
    }
}
