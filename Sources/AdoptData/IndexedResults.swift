import Dispatch

/// A fixed-size buffer that parallel iterations fill by index, each index written once.
///
/// The storage is allocated once, so concurrent writes to distinct indices touch no shared
/// Swift property (whose exclusivity is checked at run time); the caller's
/// `DispatchQueue.concurrentPerform` returning is the barrier before reading. Results come
/// back in index order, so the output is the same whatever the number of threads.
public final class IndexedResults<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    public init(count: Int) {
        buffer = .allocate(capacity: max(1, count))
        buffer.initialize(repeating: nil)
        self.count = count
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    public let count: Int

    public subscript(i: Int) -> T? {
        get { buffer[i] }
        set { buffer[i] = newValue }
    }

    /// Every result in index order; each index must have been written.
    public var values: [T] { (0..<count).map { buffer[$0]! } }

    /// Every result in index order, moved out (no copies); the buffer is left empty.
    public func takeValues() -> [T] {
        let base = buffer.baseAddress!
        let taken = [T](unsafeUninitializedCapacity: count) { out, initialized in
            for i in 0..<count { (out.baseAddress! + i).initialize(to: (base + i).move()!) }
            initialized = count
        }
        base.initialize(repeating: nil, count: count)
        return taken
    }

    /// Runs `body` for 0..<count on all cores and returns the results in index order.
    public static func collect(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        if count == 1 { return [body(0)] }
        let results = IndexedResults(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in results[i] = body(i) }
        return results.takeValues()
    }
}
