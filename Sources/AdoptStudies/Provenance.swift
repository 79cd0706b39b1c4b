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
    /// `reader.read()` brings them in; `PendingInputRecord.value` waits for the end.
    public static func hashing(_ path: String, reader: FileReader) -> PendingInputRecord {
        PendingInputRecord { digest(path, reader) }
    }

    /// The record of a file that `reader.read()` has read, hashed on the calling thread.
    public static func hashed(_ path: String, reader: FileReader) -> PendingInputRecord {
        PendingInputRecord(ready: digest(path, reader))
    }

    /// The SHA-256 of the bytes `reader` reads, taken as they are read (all at once, once read).
    private static func digest(_ path: String, _ reader: FileReader) -> InputRecord {
        var hasher = SHA256()
        reader.forEachPiece { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return InputRecord(path: path, sha256: hex(hasher.finalize()))
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

/// An `InputRecord` being computed on a thread of its own, or one computed already.
public final class PendingInputRecord: @unchecked Sendable {
    // `record` is written once, before the group is left (or before `init(ready:)` returns), and read
    // only after waiting for it.
    private var record: InputRecord?
    private let done = DispatchGroup()

    init(_ compute: @escaping @Sendable () -> InputRecord) {
        done.enter()
        let thread = Thread { [self] in
            record = compute()
            done.leave()
        }
        thread.start()
    }

    init(ready: InputRecord) {
        record = ready
    }

    /// The record, once computed (every reader waits for it).
    public var value: InputRecord {
        done.wait()
        return record!
    }
}
