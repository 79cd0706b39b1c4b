import Dispatch
import Foundation

/// A report's text as chunks that render independently and join in index order.
///
/// Writing renders the chunks on all cores (or on at most `workers` threads) into reused buffers
/// and hands them to the output strictly in index order as they complete, so rendering overlaps
/// writing and, while the output keeps up, only a few chunks are in memory at once. The bytes are
/// the same whatever the number of threads.
public struct ChunkedText: Sendable {
    /// Why the output stopped: the errno of a failed write, or a chunk that could not be rendered
    /// (a text that has not been passed on: the chunks before it have).
    public enum Failure: Error, Equatable, Sendable {
        case output(Int32)
        case rendering(String)
    }

    private enum Source: Sendable {
        case rendered(String)
        case chunks(count: Int, render: @Sendable (Int, inout ByteBuffer) throws -> Void)
    }

    private let source: Source

    /// At most this many threads render the chunks (and at most the cores); nil: all cores.
    public var workers: Int?

    /// A text of `count` chunks; `render(k, &buffer)` appends chunk `k` to `buffer`, or throws,
    /// which stops the output before that chunk.
    init(count: Int, render: @escaping @Sendable (Int, inout ByteBuffer) throws -> Void) {
        precondition(count >= 1)
        source = .chunks(count: count, render: render)
    }

    /// A text already rendered, as one chunk.
    public init(_ text: String) {
        source = .rendered(text)
    }

    /// The whole text.
    public func string() throws(Failure) -> String {
        if case .rendered(let text) = source { return text }
        let whole = Accumulator()
        if let failure = forEachChunkInOrder({ bytes in
            whole.buffer.append(bytes)
            return nil
        }) {
            throw failure
        }
        return whole.buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Renders every chunk and passes its bytes to `consume`, one chunk at a time in index
    /// order (never concurrently, though possibly from different threads). `consume` returns
    /// an errno to stop: no later chunk is passed on, and `.output(errno)` is returned. A chunk
    /// that fails to render stops the output before it, with `.rendering`.
    func forEachChunkInOrder(_ consume: @Sendable (UnsafeBufferPointer<UInt8>) -> Int32?) -> Failure? {
        let count: Int
        let render: @Sendable (Int, inout ByteBuffer) throws -> Void
        switch source {
        case .rendered(var text):
            return text.withUTF8(consume).map(Failure.output)
        case .chunks(let n, let r):
            count = n
            render = r
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = min(count, max(1, min(self.workers ?? cores, cores)))
        if workers <= 1 {
            var buffer = ByteBuffer(capacity: Self.initialCapacity)
            for k in 0..<count {
                buffer.removeAll()
                do { try render(k, &buffer) } catch { return .rendering("\(error)") }
                if let failure = buffer.withUnsafeBytes(consume) { return .output(failure) }
            }
            return nil
        }
        let order = ChunkOrder(count: count, maxParked: 4 * workers)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var chunk = order.spareChunk()
            while let k = order.claim() {
                chunk.bytes.removeAll()
                do {
                    try render(k, &chunk.bytes)
                } catch {
                    order.failedToRender(k, "\(error)")
                    break
                }
                chunk = order.finished(k, chunk, consume)
            }
        }
        return order.failure
    }

    static let initialCapacity = 1 << 18
}

/// A rendered chunk waiting for its turn to be written, or a spare one to render into.
private final class Chunk {
    var bytes = ByteBuffer(capacity: ChunkedText.initialCapacity)
}

/// Hands out chunk indices in increasing order and passes the rendered chunks on in the same
/// order. A finished chunk that is not next in line is parked, and whichever worker is passing
/// chunks on takes it when its turn comes, while the one that rendered it goes on to render the
/// next — unless `maxParked` chunks are already waiting: rendering faster than the output takes
/// the text then waits for it, so that memory holds a few chunks rather than the rest of the report
/// (the JSON of 100,000 fits: 624 MB at its peak without the wait, 433 MB with it).
private final class ChunkOrder: @unchecked Sendable {
    /// Locks the state; signalled whenever a chunk has been passed on or the output stopped.
    private let lock = NSCondition()
    private let count: Int
    private let maxParked: Int
    private var parkedCount = 0
    private var next = 0
    /// The next chunk to pass on.
    private var turn = 0
    /// Whether a worker is passing chunks on.
    private var passing = false
    private var parked: [Chunk?]
    private var spares: [Chunk] = []
    private var stopped: ChunkedText.Failure?
    /// The first chunk that failed to render and why: no chunk from it on is passed on.
    private var unrendered: (index: Int, reason: String)?

    init(count: Int, maxParked: Int) {
        self.count = count
        self.maxParked = maxParked
        parked = Array(repeating: nil, count: count)
    }

    func spareChunk() -> Chunk {
        lock.lock()
        defer { lock.unlock() }
        return spares.popLast() ?? Chunk()
    }

    /// The next chunk to render, or nil when all are claimed or the output failed.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard stopped == nil, next < count, unrendered == nil else { return nil }
        next += 1
        return next - 1
    }

    /// Chunk `k` could not be rendered: the chunks before it are still passed on (by whichever
    /// worker is passing them), none from it on.
    func failedToRender(_ k: Int, _ reason: String) {
        lock.lock()
        defer { lock.unlock() }
        if unrendered == nil || k < unrendered!.index { unrendered = (k, reason) }
    }

    /// Parks chunk `k`; unless another worker is passing chunks on, passes on every parked
    /// chunk that is next in line. Returns a chunk to render the next one into.
    func finished(_ k: Int, _ chunk: Chunk, _ consume: (UnsafeBufferPointer<UInt8>) -> Int32?) -> Chunk {
        lock.lock()
        parked[k] = chunk
        parkedCount += 1
        guard !passing else {
            // Another worker passes chunks on, and takes this one in its turn. The chunks before
            // it that are not parked are being rendered by workers that do not wait here, so the
            // output moves on.
            while passing && parkedCount > maxParked && stopped == nil { lock.wait() }
            defer { lock.unlock() }
            return spares.popLast() ?? Chunk()
        }
        passing = true
        while stopped == nil, turn < count, let ready = parked[turn] {
            parked[turn] = nil
            parkedCount -= 1
            lock.unlock()
            let failure = ready.bytes.withUnsafeBytes(consume)
            lock.lock()
            if let failure { stopped = .output(failure) }
            turn += 1
            spares.append(ready)
            lock.broadcast()
        }
        passing = false
        lock.broadcast()
        defer { lock.unlock() }
        return spares.popLast() ?? Chunk()
    }

    /// Once every worker is done: the output's failure, else a chunk's that did not render (the
    /// chunks before it have all been passed on: each was claimed before it and finished).
    var failure: ChunkedText.Failure? {
        lock.lock()
        defer { lock.unlock() }
        return stopped ?? unrendered.map { .rendering($0.reason) }
    }
}

/// The whole text, appended chunk by chunk in order (one chunk at a time).
private final class Accumulator: @unchecked Sendable {
    var buffer = ByteBuffer(capacity: 1 << 16)
}
