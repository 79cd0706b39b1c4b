import AdoptData
import Crypto
import Dispatch
import Foundation

/// Where a report's inputs came from: each file's path and SHA-256.
public enum Provenance {
    /// The toolkit's version, printed by `adopt --version` and carried in the fit and forecast JSON's `tool`.
    public static let version = "0.1.0"

    /// The SHA-256 of a file's bytes, in lower-case hex.
    ///
    /// - Throws: `DataError` (missing input, exit 66) when the file cannot be read.
    public static func input(_ path: String) throws(DataError) -> InputRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(kind: .missingInput, file: path, message: "cannot read the file")
        }
        return InputRecord(path: path, sha256: sha256(data))
    }

    /// Starts computing the record of a file on another thread, hashing its bytes as
    /// `reader.read()` brings them in; `PendingInputRecord.value` waits for the end. Not
    /// `concurrently`, the bytes are hashed when `value` is first asked for, on the thread that
    /// asks, after reading them if `reader.read()` has not (it reads once; a failed read hashes
    /// what it read).
    public static func hashing(_ path: String, reader: FileReader, concurrently: Bool = true) -> PendingInputRecord {
        PendingInputRecord(concurrently: concurrently) {
            if !concurrently { _ = try? reader.read() }
            var hasher = SHA256()
            reader.forEachPiece { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            return InputRecord(path: path, sha256: hex(hasher.finalize()))
        }
    }

    public static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// An `InputRecord` being computed on a thread of its own, or to be computed when first asked for.
public final class PendingInputRecord: @unchecked Sendable {
    // On its own thread: `record` is written once, before the group is left, and read only after
    // waiting for it. Deferred: `record` is computed and read under `lock`.
    private var record: InputRecord?
    private let done: DispatchGroup?
    private var deferred: (@Sendable () -> InputRecord)?
    private let lock = NSLock()

    init(concurrently: Bool, _ compute: @escaping @Sendable () -> InputRecord) {
        guard concurrently else {
            done = nil
            deferred = compute
            return
        }
        let group = DispatchGroup()
        done = group
        group.enter()
        let thread = Thread { [self] in
            record = compute()
            group.leave()
        }
        thread.start()
    }

    /// The record, once computed (every reader waits for it).
    public var value: InputRecord {
        if let done {
            done.wait()
            return record!
        }
        lock.lock()
        defer { lock.unlock() }
        if let compute = deferred {
            record = compute()
            deferred = nil
        }
        return record!
    }
}
