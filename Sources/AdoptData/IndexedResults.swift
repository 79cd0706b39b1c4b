import Dispatch

/// Parallel iterations that each produce one result, collected in index order.
///
/// Each iteration initializes its own slot of the result array in place, so concurrent
/// writes touch no shared Swift property (whose exclusivity is checked at run time) and no
/// result is copied or moved afterwards; `DispatchQueue.concurrentPerform` returning is the
/// barrier before the array is read. The order is the index order, so the output is the same
/// whatever the number of threads.
public enum IndexedResults {
    /// Runs `body` for 0..<count on all cores and returns the results in index order.
    public static func collect<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { i in (slots.base + i).initialize(to: body(i)) }
            initialized = count
        }
    }
}

/// The result array's storage, handed to the iterations: each writes only its own index.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
