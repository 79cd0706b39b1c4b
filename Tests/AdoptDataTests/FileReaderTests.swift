import Foundation
import Testing
@testable import AdoptData
import TestSupport

/// Collects the pieces `FileReader.forEachPiece` hands over, on a thread of its own.
private final class PieceCollector: @unchecked Sendable {
    // Written by the collecting thread only, read after `done` is signalled.
    private(set) var bytes: [UInt8] = []
    private(set) var pieces = 0
    private let done = DispatchSemaphore(value: 0)

    init(_ reader: FileReader) {
        Thread { [self] in
            reader.forEachPiece { piece in
                bytes.append(contentsOf: piece)
                pieces += 1
            }
            done.signal()
        }.start()
    }

    func wait() { done.wait() }
}

@Suite("File reading: whole files and progressive consumers")
struct FileReaderTests {
    @Test(arguments: [0, 1, 4095, 65_536, 65_537, 5_000_000, 9_000_001])
    func consumersSeeEveryByteInOrder(_ size: Int) throws {
        try withTemporaryDirectory { directory in
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
            let path = try directory.write(bytes: bytes)
            let reader = try FileReader(path: path)
            let collector = PieceCollector(reader)
            let contents = try reader.read()
            collector.wait()
            #expect(contents.count == size)
            #expect(contents.bytes == bytes)
            #expect(collector.bytes == bytes)
        }
    }

    @Test func aConsumerThatStartsLateGetsEverything() throws {
        try withTemporaryDirectory { directory in
            let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0) }
            let reader = try FileReader(path: directory.write(bytes: bytes))
            _ = try reader.read()
            let collector = PieceCollector(reader)
            collector.wait()
            #expect(collector.bytes == bytes)
            #expect(collector.pieces == 1)
        }
    }

    @Test func aStreamGrowsTheBufferWhileConsumersRead() throws {
        try withTemporaryDirectory { directory in
            let fifo = directory.missingPath("stream")
            #expect(mkfifo(fifo, 0o600) == 0)
            let bytes = (0..<1_500_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
            let writer = Thread {
                guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
                var offset = 0
                while offset < bytes.count {
                    let end = min(offset + 40_000, bytes.count)
                    handle.write(Data(bytes[offset..<end]))
                    offset = end
                }
                try? handle.close()
            }
            writer.start()
            let reader = try FileReader(path: fifo)  // opens once the writer has
            let collector = PieceCollector(reader)
            let contents = try reader.read()
            collector.wait()
            #expect(contents.bytes == bytes)
            #expect(collector.bytes == bytes)
        }
    }

    @Test func openingErrorsAreMissingInput() throws {
        try withTemporaryDirectory { directory in
            let missing = try #require(throws: DataError.self) { try FileReader(path: directory.missingPath()) }
            #expect(missing.kind == .missingInput)
            #expect(missing.description.hasSuffix("cannot read input: no such file"))
            let folder = try #require(throws: DataError.self) { try FileReader(path: directory.path) }
            #expect(folder.message == "cannot read input: is a directory, not a file")
        }
    }
}
