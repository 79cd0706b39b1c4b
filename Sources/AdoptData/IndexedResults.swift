import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parallel iterations that each produce one result, collected in index order.
///
/// Each iteration initializes its own slot of the result array in place, so concurrent
/// writes touch no shared Swift property (whose exclusivity is checked at run time) and no
/// result is copied or moved afterwards; `DispatchQueue.concurrentPerform` returning is the
/// barrier before the array is read. The order is the index order, so the output is the same
/// whatever the number of threads.
public enum IndexedResults {
    /// Runs `body` for 0..<count and returns the results in index order: on all cores, or with
    /// `workers`, on at most that many threads (and at most the cores: `concurrentPerform` runs no
    /// more at once), each taking the next index not yet taken; with one worker, on the calling
    /// thread in index order.
    public static func collect<T>(_ count: Int, workers: Int? = nil, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let width = workers.map { min(max($0, 1), count) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress!)
            switch width {
            case nil:
                DispatchQueue.concurrentPerform(iterations: count) { i in (slots.base + i).initialize(to: body(i)) }
            case 1?:
                for i in 0..<count { (slots.base + i).initialize(to: body(i)) }
            case let width?:
                let next = NextIndex(count: count)
                DispatchQueue.concurrentPerform(iterations: width) { _ in
                    while let i = next.take() { (slots.base + i).initialize(to: body(i)) }
                }
            }
            initialized = count
        }
    }
}

/// The result array's storage, handed to the iterations: each writes only its own index.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// Hands out 0..<count, each index once, to whichever worker asks next.
private final class NextIndex: @unchecked Sendable {  // `next` is guarded by `lock`
    private let count: Int
    private var next = 0
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init(count: Int) {
        self.count = count
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    func take() -> Int? {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}
