import AdoptData
import Crypto
import Foundation

/// Where a report's inputs came from: each file's path and SHA-256.
public enum Provenance {
    /// The SHA-256 of a file's bytes, in lower-case hex.
    ///
    /// - Throws: `DataError` (missing input, exit 66) when the file cannot be read.
    public static func input(_ path: String) throws(DataError) -> InputRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(kind: .missingInput, file: path, message: "cannot read the file")
        }
        return InputRecord(path: path, sha256: sha256(data))
    }

    /// The record for bytes already read (the file is not read a second time).
    public static func input(_ path: String, bytes: [UInt8]) -> InputRecord {
        InputRecord(path: path, sha256: sha256(Data(bytes)))
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
