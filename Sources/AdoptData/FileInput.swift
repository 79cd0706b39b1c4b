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
        try contents(path: path).bytes
    }

    /// Reads every byte of the file at `path` into a `FileContents`, without copying it again.
    ///
    /// Works for regular files and for streams (pipes, `/dev/stdin`) alike. Large files go
    /// into memory that may use transparent huge pages, so that filling it takes fewer page
    /// faults.
    ///
    /// - Throws: `DataError` of kind `.missingInput` when the file does not exist,
    ///   cannot be opened or read, or is a directory.
    public static func contents(path: String) throws(DataError) -> FileContents {
        try FileReader(path: path).read()
    }

    static func missing(_ path: String, errno code: Int32) -> DataError {
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

/// A file opened for reading into memory.
///
/// `read()` reads it to the end. Meanwhile other threads can take the bytes as they arrive
/// with `forEachPiece(_:)` — to hash a file while it is read, for example.
public final class FileReader: @unchecked Sendable {  // the shared state is guarded by `lock`
    /// The path, as given.
    public let path: String
    private let fd: Int32
    private let contents: FileContents
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Guarded by `lock`: the bytes read so far, whether reading has ended, and how many
    /// consumers are working on read bytes (the buffer must not move meanwhile).
    private var published = 0
    private var finished = false
    private var consumers = 0
    /// What `read()` gave, once it has run (and closed the file).
    private var outcome: Result<FileContents, DataError>?

    /// Bytes asked of each `read` call, so that consumers can start early.
    private static let pieceSize = 4 << 20

    /// Opens the file at `path` for reading.
    ///
    /// - Throws: `DataError` of kind `.missingInput` when the file does not exist, cannot be
    ///   opened, or is a directory.
    public init(path: String) throws(DataError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileInput.missing(path, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw FileInput.missing(path, errno: code)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FileInput.missing(path, errno: EISDIR)
        }
        // One byte more than the reported size, so a single extra read confirms EOF.
        guard let contents = FileContents(capacity: max(Int(info.st_size) + 1, 1 << 16)) else {
            close(fd)
            throw FileInput.missing(path, errno: ENOMEM)
        }
        self.path = path
        self.fd = fd
        self.contents = contents
        pthread_mutex_init(lock, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        if outcome == nil { close(fd) }
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(lock)
        changed.deallocate()
        lock.deallocate()
    }

    /// Reads the file to the end and closes it; later calls give the same outcome. Consumers
    /// in `forEachPiece(_:)` wait for it.
    ///
    /// - Throws: `DataError` of kind `.missingInput` when reading fails.
    public func read() throws(DataError) -> FileContents {
        if let outcome { return try outcome.get() }
        let result = Result { () throws(DataError) -> FileContents in try readToEnd() }
        outcome = result
        close(fd)
        pthread_mutex_lock(lock)
        finished = true
        pthread_cond_broadcast(changed)
        pthread_mutex_unlock(lock)
        return try result.get()
    }

    private func readToEnd() throws(DataError) -> FileContents {
        while true {
            if contents.count == contents.capacity {
                pthread_mutex_lock(lock)
                while consumers > 0 { pthread_cond_wait(changed, lock) }
                let grown = contents.grow(to: 2 * contents.capacity)
                pthread_mutex_unlock(lock)
                guard grown else { throw FileInput.missing(path, errno: ENOMEM) }
            }
            let wanted = min(contents.capacity - contents.count, Self.pieceSize)
            let got = systemRead(fd, contents.base + contents.count, wanted)
            if got < 0 {
                if errno == EINTR { continue }
                throw FileInput.missing(path, errno: errno)
            }
            if got == 0 { break }
            contents.count += got
            pthread_mutex_lock(lock)
            published = contents.count
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(lock)
        }
        return contents
    }

    /// Calls `body` with each stretch of bytes as it is read, in file order, until reading
    /// ends; meant to run on another thread than `read()`.
    public func forEachPiece(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var offset = 0
        pthread_mutex_lock(lock)
        while true {
            while published == offset && !finished { pthread_cond_wait(changed, lock) }
            if published == offset { break }
            let end = published
            let base = contents.base
            consumers += 1
            pthread_mutex_unlock(lock)
            body(UnsafeBufferPointer(start: base + offset, count: end - offset))
            pthread_mutex_lock(lock)
            consumers -= 1
            pthread_cond_broadcast(changed)
            offset = end
        }
        pthread_mutex_unlock(lock)
    }
}

/// The system's `read`, whose name `FileReader.read()` hides.
@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// The bytes of a file read into memory: an immutable buffer with a stable address.
///
/// The storage is a private anonymous memory mapping, released with the object. Once
/// `FileInput.contents(path:)` or `FileReader.read()` has returned it, the bytes never change,
/// so the object can be shared between threads.
public final class FileContents: @unchecked Sendable {
    /// The start of the bytes.
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// The number of bytes read (valid from `base`).
    public internal(set) var count: Int
    /// The number of bytes mapped.
    private(set) var capacity: Int

    /// Mappings at least this large are advised to use transparent huge pages.
    private static let hugePageThreshold = 4 << 20

    /// Maps `capacity` bytes (at least one page) of empty storage; `nil` when memory is exhausted.
    init?(capacity: Int) {
        guard let base = Self.map(max(capacity, 1)) else { return nil }
        self.base = base
        self.capacity = max(capacity, 1)
        self.count = 0
    }

    deinit {
        munmap(base, capacity)
    }

    /// Moves the bytes to a larger mapping of `newCapacity` bytes; false when memory is exhausted.
    func grow(to newCapacity: Int) -> Bool {
        guard let larger = Self.map(newCapacity) else { return false }
        larger.update(from: base, count: count)
        munmap(base, capacity)
        base = larger
        capacity = newCapacity
        return true
    }

    /// The bytes, copied into an array.
    public var bytes: [UInt8] {
        withUnsafeBufferPointer { Array($0) }
    }

    /// Calls `body` with the bytes, which stay valid and unchanged for the object's lifetime.
    public func withUnsafeBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R
    ) throws(E) -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    private static func map(_ size: Int) -> UnsafeMutablePointer<UInt8>? {
        guard let raw = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != UnsafeMutableRawPointer(bitPattern: -1)
        else { return nil }
        #if os(Linux)
        // Reading into huge pages takes a fraction of the page faults of 4 KiB pages.
        if size >= hugePageThreshold { _ = madvise(raw, size, MADV_HUGEPAGE) }
        #endif
        return raw.assumingMemoryBound(to: UInt8.self)
    }
}
