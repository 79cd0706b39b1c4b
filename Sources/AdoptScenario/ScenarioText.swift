import AdoptData
import Foundation

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

    /// Every byte of the file at `path`, read by the data layer; a failure names the scenario.
    static func readBytes(path: String) throws(ScenarioError) -> [UInt8] {
        do {
            return try FileInput.readAll(path: path)
        } catch {
            let reason = error.message.replacingOccurrences(of: "cannot read input: ", with: "")
            throw ScenarioError(file: path, line: nil, message: "cannot read the scenario: \(reason)", exitCode: 66)
        }
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
