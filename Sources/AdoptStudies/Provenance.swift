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

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
