@testable import AdoptReports
import Foundation
import Testing
import TestSupport

@Suite("AtomicFile writes chunked reports whole, or not at all")
struct AtomicFileTests {
    static func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test("replaces a longer file with exactly the new bytes, with the usual permissions",
          arguments: [1, 10, 120] as [Int])
    func replacesWhole(chunks: Int) throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("report.csv").path
            try Data(repeating: UInt8(ascii: "x"), count: 8_000_000).write(to: URL(fileURLWithPath: path))
            try AtomicFile.write(testText(chunks: chunks), to: path)
            let written = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(written == Data((0..<chunks).flatMap(testChunk)))
            #expect(listing(dir) == ["report.csv"])

            // The permissions of a file created as `open(…, 0o644)` creates it (less the umask).
            let probe = dir.appendingPathComponent("probe").path
            let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            #expect(fd >= 0)
            close(fd)
            #expect(Self.mode(path) == Self.mode(probe))
        }
    }

    @Test("a temporary file left by a killed run of the same process number does not stop the next")
    func staleTemporary() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("fits.json").path
            // Each try names its temporary file anew: beside the process number, a random part.
            let names = Set((0..<20).map { _ in AtomicFile.temporaryPath(for: path) })
            #expect(names.count == 20)
            #expect(names.allSatisfy { $0.hasPrefix(dir.path + "/.fits.json.tmp-\(getpid())-") })
            // The old name of this process's temporary file, left behind, and one of the new names: the
            // report is written all the same, and the leftovers are not touched.
            let stale = [dir.path + "/.fits.json.tmp-\(getpid())", names.first!]
            for leftover in stale { try Data("partial".utf8).write(to: URL(fileURLWithPath: leftover)) }
            try AtomicFile.write(testText(chunks: 3), to: path)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data((0..<3).flatMap(testChunk)))
            #expect(Set(listing(dir)) == Set(["fits.json"] + stale.map { URL(fileURLWithPath: $0).lastPathComponent }))
        }
    }

    @Test("a String and the same text in chunks make the same file")
    func stringAndChunks() throws {
        try withTemporaryDirectory { dir in
            let text = String(decoding: (0..<40).flatMap(testChunk), as: UTF8.self)
            try AtomicFile.write(text, to: dir.appendingPathComponent("a").path)
            try AtomicFile.write(testText(chunks: 40), to: dir.appendingPathComponent("b").path)
            let a = try Data(contentsOf: dir.appendingPathComponent("a"))
            #expect(a == Data(text.utf8))
            #expect(a == (try Data(contentsOf: dir.appendingPathComponent("b"))))
            #expect(listing(dir) == ["a", "b"])
        }
    }

    @Test("an empty text makes an empty file")
    func empty() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("empty").path
            try AtomicFile.write("", to: path)
            try AtomicFile.write(ChunkedText(count: 3) { _, _ in }, to: path)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
            #expect(listing(dir) == ["empty"])
        }
    }

    @Test("a missing folder fails with its reason and leaves nothing")
    func missingFolder() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("no/such/report.csv").path
            let error = #expect(throws: AtomicFile.WriteError.self) {
                try AtomicFile.write(testText(chunks: 5), to: path)
            }
            #expect(error?.description == "\(path): cannot write the report: no such directory")
            #expect(listing(dir).isEmpty)
        }
    }

    @Test("a folder in the way fails, keeps the folder and leaves no temporary file")
    func folderInTheWay() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("report.csv")
            try FileManager.default.createDirectory(at: path.appendingPathComponent("inside"), withIntermediateDirectories: true)
            #expect(throws: AtomicFile.WriteError.self) {
                try AtomicFile.write(testText(chunks: 30), to: path.path)
            }
            #expect(listing(dir) == ["report.csv"])
            #expect(listing(path) == ["inside"])
        }
    }
}
