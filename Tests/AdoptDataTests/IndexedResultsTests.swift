import Foundation
import Testing
@testable import AdoptData

/// The calling thread's identity.
private func threadID() -> ObjectIdentifier { ObjectIdentifier(Thread.current) }

/// The indices a run visited, in the order it visited them.
private final class Visits: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var indices: [Int] = []

    func record(_ i: Int) {
        lock.lock()
        indices.append(i)
        lock.unlock()
    }

    var visited: [Int] { lock.lock(); defer { lock.unlock() }; return indices }
}

@Suite("IndexedResults: every index once, results in index order, whatever the workers")
struct IndexedResultsTests {
    @Test(arguments: [nil, 1, 2, 3, 1_000] as [Int?])
    func resultsInIndexOrder(_ workers: Int?) {
        for count in [0, 1, 2, 5, 257] {
            let visits = Visits()
            let squares = IndexedResults.collect(count, workers: workers) { i in
                visits.record(i)
                return i * i
            }
            #expect(squares == (0..<count).map { $0 * $0 }, "\(count) indices")
            #expect(visits.visited.sorted() == Array(0..<count), "\(count) indices: each once")
        }
    }

    @Test("one worker visits the indices in order on the calling thread")
    func oneWorker() {
        let visits = Visits()
        let caller = threadID()
        let onCaller = IndexedResults.collect(100, workers: 1) { i in
            visits.record(i)
            return threadID() == caller
        }
        #expect(visits.visited == Array(0..<100))
        #expect(onCaller.allSatisfy { $0 })
    }
}
