import Foundation
@testable import LetterReview
import Testing

/// A letter as a screen reads it: one snapshot, the reading on the trail
/// (many readings at once written together, each checked as its reader's
/// own), and the queue read again only when something in it changed.
struct ReadingTests {
    let refusal = Service.refusal

    @Test(arguments: Backend.available)
    func aReadingShowsTheLetterAndIsOnTheTrail(_ backend: Backend) async throws {
        let service = try Service(on: backend)
        let id = try service.submit(Service.blocked)
        let manager = Service.as("manager")
        let first = try await service.queue.reading(id, by: manager, today: "2026-03-21")
        #expect(first.view.discrepancies.isEmpty)
        #expect(first.changes.map(\.action) == ["submit"])
        #expect(first.latestReads.isEmpty)
        #expect(first.names["kturner"] == "Karen Turner")
        // The block finding stops release, and the copy is the letter as stored.
        #expect(first.handover?.obstacles.isEmpty == false)
        #expect(first.handover?.text == Service.blocked)
        let second = try await service.queue.reading(id, by: Service.as("kturner"), today: "2026-03-21")
        #expect(second.latestReads.map(\.actor) == ["manager"])
        #expect(try service.queue.log(letter: id, by: manager).map(\.action) == ["submit", "view", "view"])
        #expect(try service.queue.verify(by: Service.as("admin")).isIntact)
    }

    @Test(arguments: Backend.available)
    func manyReadingsAtOnceAreEachOnTheTrailOnce(_ backend: Backend) async throws {
        let service = try Service(on: backend)
        let id = try service.submit()
        let queue = service.queue
        let readers = ["kturner", "jcarter", "nokafor", "pshah", "both", "manager"]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<5 {
                for reader in readers {
                    group.addTask { _ = try await queue.reading(id, by: Actor(staffId: reader, account: "round \(round)"), today: "2026-03-21") }
                }
            }
            try await group.waitForAll()
        }
        let reads = try queue.log(letter: id, by: Service.as("manager")).filter { $0.action == "view" }
        #expect(reads.count == readers.count * 5)
        for reader in readers { #expect(reads.filter { $0.actor == reader }.count == 5) }
        #expect(try queue.verify(by: Service.as("admin")).isIntact)
    }

    @Test(arguments: Backend.available)
    func aReadingIsRefusedAsALetterIs(_ backend: Backend) async throws {
        let service = try Service(on: backend)
        let id = try service.submit()
        // The admin may not read letters; an unknown id is not there.
        await #expect(throws: LetterError.lacksRole(staff: "admin", action: .read, needs: Permissions.roles(for: .read))) {
            _ = try await service.queue.reading(id, by: Service.as("admin"), today: "2026-03-21")
        }
        await #expect(throws: LetterError.notFound(999)) {
            _ = try await service.queue.reading(999, by: Service.as("manager"), today: "2026-03-21")
        }
        try service.queue.disableStaff("jcarter", by: Service.as("admin"))
        await #expect(throws: LetterError.staffDisabled("jcarter")) {
            _ = try await service.queue.reading(id, by: Service.as("jcarter"), today: "2026-03-21")
        }
        // Nothing refused reached the trail.
        #expect(try service.queue.log(letter: id, by: Service.as("manager")).map(\.action) == ["submit"])
    }

    @Test(arguments: Backend.available)
    func theQueueIsReadAgainWhenAnythingInItChangesAndNotForAReading(_ backend: Backend) async throws {
        let service = try Service(on: backend)
        let queue = service.queue, kturner = Service.as("kturner")
        let id = try service.submit()
        let before = try queue.queueSnapshot(by: kturner)
        #expect(before.letters.map(\.status) == [.pending])
        _ = try await queue.reading(id, by: kturner, today: "2026-03-21")
        #expect(try queue.queueSnapshot(by: kturner).revision == before.revision)
        try queue.approve(id, by: kturner)
        let approved = try queue.queueSnapshot(by: kturner)
        #expect(approved.revision != before.revision)
        #expect(approved.letters.map(\.status) == [.approved])
        try queue.reject(id, by: kturner, reason: "The recipient no longer wishes to hear from the writer.")
        #expect(try queue.queue(by: kturner).isEmpty)
        // Each reader is still checked on every call, cached or not.
        try queue.disableStaff("kturner", by: Service.as("admin"))
        #expect(refusal { _ = try queue.queueSnapshot(by: kturner) } == .staffDisabled("kturner"))
    }
}

/// Items written together: each waits for its own transaction; a refusal
/// keeps one item out, a failed transaction fails every item in it.
struct GroupCommitTests {
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Int] = []
        private(set) var batches = 0
        func add(_ batch: [Int]) {
            lock.lock()
            items += batch
            batches += 1
            lock.unlock()
        }
        var all: [Int] { lock.lock(); defer { lock.unlock() }; return items }
    }

    @Test func everyItemIsWrittenOnceAndRefusalsAreTheirOwn() async throws {
        let written = Written()
        let commit = GroupCommit<Int>(label: "test") { batch throws(LetterError) in
            written.add(batch.filter { $0 % 7 != 0 })
            return batch.map { $0 % 7 == 0 ? LetterError.notFound(Int64($0)) : nil }
        }
        let refused = try await withThrowingTaskGroup(of: Int?.self) { group in
            for item in 1...200 {
                group.addTask {
                    do {
                        try await commit.add(item)
                        return nil
                    } catch LetterError.notFound(let id) {
                        return Int(id)
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { if let item = $1 { $0.append(item) } }
        }
        #expect(Set(written.all) == Set((1...200).filter { $0 % 7 != 0 }))
        #expect(written.all.count == Set(written.all).count)
        #expect(Set(refused) == Set((1...200).filter { $0 % 7 == 0 }))
        #expect(written.batches <= 200)
    }

    @Test func aFailedTransactionFailsEveryItemInIt() async {
        let commit = GroupCommit<Int>(label: "test") { _ throws(LetterError) in throw .store("the disk is full") }
        await #expect(throws: LetterError.store("the disk is full")) { try await commit.add(1) }
        await #expect(throws: LetterError.store("the disk is full")) { try await commit.add(2) }
    }
}
