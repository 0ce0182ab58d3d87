import Dispatch
import Foundation

/// Small writes that many callers make at once, written together: each
/// caller waits until its item is committed, but the items that arrive while
/// one transaction is being written all go into the next. Fifty staff
/// reading letters at the same moment then cost a few transactions, not
/// fifty, and nobody's read is acknowledged before it is on disk.
///
/// One transaction is written at a time, on a queue of its own, so that no
/// caller's thread waits on another's transaction.
final class GroupCommit<Item: Sendable>: @unchecked Sendable {
    /// Writes a batch in one transaction. It returns, for each item in
    /// order, the refusal that kept it out (nil when written); a thrown
    /// error means the transaction was not written and every item fails with it.
    typealias Writer = @Sendable ([Item]) throws(LetterError) -> [LetterError?]

    private struct Waiting {
        var item: Item
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let lock = NSLock()
    private var waiting: [Waiting] = []
    private var writing = false
    private let queue: DispatchQueue
    private let writer: Writer

    init(label: String, writer: @escaping Writer) {
        queue = DispatchQueue(label: label)
        self.writer = writer
    }

    /// Returns once `item` is written, or throws why it was not.
    func add(_ item: Item) async throws(LetterError) {
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                lock.lock()
                waiting.append(Waiting(item: item, continuation: continuation))
                let start = !writing
                writing = true
                lock.unlock()
                if start { queue.async { self.drain() } }
            }
        } catch let error as LetterError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }

    /// Writes what is waiting, batch after batch, until nothing is.
    private func drain() {
        while true {
            lock.lock()
            let batch = waiting
            waiting = []
            if batch.isEmpty { writing = false }
            lock.unlock()
            guard !batch.isEmpty else { return }
            do throws(LetterError) {
                let refusals = try writer(batch.map(\.item))
                for (index, waiter) in batch.enumerated() {
                    if index < refusals.count, let refusal = refusals[index] {
                        waiter.continuation.resume(throwing: refusal)
                    } else {
                        waiter.continuation.resume()
                    }
                }
            } catch {
                for waiter in batch { waiter.continuation.resume(throwing: error) }
            }
        }
    }
}
