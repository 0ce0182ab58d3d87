import Foundation

/// Threads of the store's own for calls that wait on the database. A
/// PostgreSQL round trip waits on the network, and the few threads that
/// run async code (one a core) must not wait with it: a server that lets
/// them would serve two requests at a time, however many are waiting.
final class StoreThreads: @unchecked Sendable {
    /// How many threads wait on the database at once.
    static let count = 16
    static let shared = StoreThreads(count: count)

    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var next = 0

    private init(count: Int) {
        for number in 0..<count {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "rj-store-\(number + 1)"
            thread.start()
        }
    }

    private func work() {
        while true {
            condition.lock()
            while next == jobs.count { condition.wait() }
            let job = jobs[next]
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            }
            condition.unlock()
            job()
        }
    }

    /// Runs `body` on one of these threads and returns what it returned.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(LetterError) -> T) async throws(LetterError) -> T {
        do {
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                condition.lock()
                jobs.append {
                    do throws(LetterError) {
                        continuation.resume(returning: try body())
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
                condition.signal()
                condition.unlock()
            }
        } catch let error as LetterError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }
}

extension ReviewQueue {
    /// Runs `body`, a call on this queue, where waiting on the database
    /// holds none of the threads async code runs on: on the store's own
    /// threads for PostgreSQL, where each query is a round trip; in place
    /// for SQLite, whose reads and writes keep the processor busy rather than wait.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws(LetterError) -> T) async throws(LetterError) -> T {
        guard case .postgres = store.backend else { return try body() }
        return try await StoreThreads.shared.run(body)
    }
}
