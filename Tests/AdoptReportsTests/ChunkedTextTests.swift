@testable import AdoptReports
import Foundation
import Testing

/// Chunk `k` of the test texts: a recognizable run whose length varies, some empty and some
/// larger than a worker's first buffer.
func testChunk(_ k: Int) -> [UInt8] {
    let length = k % 7 == 3 ? 0 : (k % 11 == 5 ? 300_000 + k : 1 + (k * 7_919) % 5_000)
    return (0..<length).map { UInt8(truncatingIfNeeded: 33 + (k + $0 / 64) % 90) }
}

func testText(chunks: Int) -> ChunkedText {
    ChunkedText(count: chunks) { k, buffer in
        testChunk(k).withUnsafeBufferPointer { buffer.append($0) }
    }
}

/// What was passed on, in the order it came.
final class Arrivals: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []

    /// Appends the value for the next arrival (by default its index) and returns that index.
    @discardableResult
    func record(_ value: Int? = nil) -> Int {
        lock.lock()
        defer { lock.unlock() }
        values.append(value ?? values.count)
        return values.count - 1
    }

    var all: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}

@Suite("ChunkedText: chunks rendered in parallel, passed on in order")
struct ChunkedTextTests {
    @Test("the whole text is the chunks in order", arguments: [1, 2, 3, 64, 300] as [Int])
    func joinedInOrder(chunks: Int) throws {
        let expected = (0..<chunks).flatMap(testChunk)
        #expect(Array(try testText(chunks: chunks).string().utf8) == expected)
    }

    @Test("chunks are passed on one at a time, in index order")
    func orderOfArrival() {
        let arrivals = Arrivals()
        let failure = testText(chunks: 200).forEachChunkInOrder { bytes in
            let k = arrivals.record()
            return Array(bytes) == testChunk(k) ? nil : EINVAL
        }
        #expect(failure == nil)
        #expect(arrivals.all == Array(0..<200))
    }

    @Test("a failure stops the output at that chunk", arguments: [0, 1, 5, 150] as [Int])
    func stopsAtFailure(failing: Int) {
        let arrivals = Arrivals()
        let failure = testText(chunks: 200).forEachChunkInOrder { _ in
            let k = arrivals.record()
            return k == failing ? ENOSPC : nil
        }
        #expect(failure == .output(ENOSPC))
        #expect(arrivals.all == Array(0...failing))
    }

    @Test("with workers = 1 every chunk renders on the calling thread, in order; with more, the same text",
          arguments: [1, 2, 5, 10_000] as [Int])
    func limitedWorkers(_ workers: Int) throws {
        let caller = ObjectIdentifier(Thread.current)
        let renders = Arrivals()
        var text = ChunkedText(count: 200) { k, buffer in
            renders.record(ObjectIdentifier(Thread.current) == caller ? k : -1 - k)
            testChunk(k).withUnsafeBufferPointer { buffer.append($0) }
        }
        text.workers = workers
        #expect(Array(try text.string().utf8) == (0..<200).flatMap(testChunk))
        if workers == 1 { #expect(renders.all == Array(0..<200)) }
        #expect(renders.all.map { $0 < 0 ? -1 - $0 : $0 }.sorted() == Array(0..<200))
    }

    @Test("a rendered text is passed on whole")
    func renderedText() throws {
        let text = "α,β\n" + String(repeating: "row,1.5\n", count: 10_000)
        let chunked = ChunkedText(text)
        #expect(try chunked.string() == text)
        let arrivals = Arrivals()
        _ = chunked.forEachChunkInOrder { bytes in
            arrivals.record(bytes.count)
            return nil
        }
        #expect(arrivals.all == [text.utf8.count])
    }
}

@Suite("ChunkedText: a chunk that cannot be rendered")
struct ChunkedTextRenderFailureTests {
    struct Unrenderable: Error, CustomStringConvertible { var description: String { "chunk cannot be made" } }

    @Test("stops the output before it, after every chunk before it, in order", arguments: [0, 1, 5, 150, 199] as [Int])
    func stopsBeforeFailedChunk(failing: Int) {
        let text = ChunkedText(count: 200) { k, buffer in
            if k == failing { throw Unrenderable() }
            testChunk(k).withUnsafeBufferPointer { buffer.append($0) }
        }
        let arrivals = Arrivals()
        let failure = text.forEachChunkInOrder { bytes in
            let k = arrivals.record()
            return Array(bytes) == testChunk(k) ? nil : EINVAL
        }
        #expect(failure == .rendering("chunk cannot be made"))
        #expect(arrivals.all == Array(0..<failing))
        #expect(throws: ChunkedText.Failure.rendering("chunk cannot be made")) { try text.string() }
    }
}
