import Foundation
import GRDB
@testable import LetterReview
import Testing

/// Records that cannot change unseen: each direct edit of the database is
/// named by `verify`, and refused by the next change.
struct IntegrityTests {
    let refusal = Service.refusal
    let kturner = Service.as("kturner")
    let manager = Service.as("manager")

    /// A store file with one approved, consented letter, ready to release.
    func readyStore() throws -> (StoreFile, Int64) {
        let file = try StoreFile()
        let service = try Service(path: file.path)
        let id = try service.submit(Service.blocked)
        try service.queue.redact(id, .text("07700 900123", occurrence: nil), by: kturner, reason: "a phone number")
        try service.queue.approve(id, by: kturner)
        try service.queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: kturner)
        #expect(try service.queue.verify(by: manager).isIntact)
        return (file, id)
    }

    func reopen(_ file: StoreFile) throws -> ReviewQueue { try ReviewQueue(path: file.path, screener: Service.screener) }

    /// Each direct edit, and the part of the record it changes.
    static let edits: [(sql: String, subject: String, parts: [String])] = [
        ("UPDATE letter SET status = 'pending' WHERE id = 1", "letter 1", ["status"]),
        ("UPDATE letter SET consent = 'declined' WHERE id = 1", "letter 1", ["consent"]),
        ("UPDATE letterVersion SET text = 'Dear Mrs Ellis, ring 07700 900999' WHERE letterId = 1", "letter 1", ["text"]),
        ("UPDATE letterVersion SET findings = '[]', verdict = 'clear' WHERE letterId = 1", "letter 1", ["findings"]),
        ("INSERT INTO review (letterId, version, reviewer, reviewerName, capacity, decision, createdAt) VALUES (1, 1, 'jcarter', 'Joe Carter', 'supervisor', 'approve', 'x')", "letter 1", ["reviews"]),
        ("UPDATE review SET reviewer = 'nokafor' WHERE letterId = 1", "letter 1", ["reviews"]),
        ("DELETE FROM redaction WHERE letterId = 1", "letter 1", ["redactions"]),
        ("UPDATE letter SET holdUntil = NULL, writer = 'susan' WHERE id = 1", "letter 1", ["letter"]),
        ("DELETE FROM party WHERE letterId = 1 AND participant = 'susan'", "letter 1", ["participants"]),
        ("UPDATE staff SET roles = 'facilitator,supervisor' WHERE id = 'kturner'", "staff member kturner", ["roles"]),
        ("UPDATE staff SET sensitiveComplex = 1 WHERE id = 'jcarter'", "staff member jcarter", ["sensitive-complex clearance"]),
        ("UPDATE staff SET disabled = 1 WHERE id = 'pshah'", "staff member pshah", ["disabled"]),
    ]

    /// The same, on PostgreSQL: edited by the tables' owner with plain SQL, as with psql.
    func readyDatabase() throws -> (Service, TestDatabase, Int64) {
        let service = try Service(on: .postgres)
        let id = try service.submit(Service.blocked)
        try service.queue.redact(id, .text("07700 900123", occurrence: nil), by: kturner, reason: "a phone number")
        try service.queue.approve(id, by: kturner)
        try service.queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: kturner)
        #expect(try service.queue.verify(by: manager).isIntact)
        return (service, service.database!, id)
    }

    @Test(arguments: Backend.available, edits.indices)
    func verifyNamesEachDirectEditAndTheNextChangeIsRefused(_ backend: Backend, _ index: Int) throws {
        let edit = Self.edits[index]
        let queue: ReviewQueue, id: Int64
        var kept: Service?, file: StoreFile?
        if backend == .sqlite {
            let (made, ready) = try readyStore()
            file = made
            try made.edit(edit.sql)
            (queue, id) = (try reopen(made), ready)
        } else {
            let (service, database, ready) = try readyDatabase()
            kept = service
            try database.edit(edit.sql)
            (queue, id) = (try ReviewQueue(path: database.appURL, keyFile: database.keyPath, screener: Service.screener), ready)
        }
        defer {
            file?.remove()
            withExtendedLifetime(kept) {}
        }
        let report = try queue.verify(by: manager)
        #expect(report.chainBreak == nil)
        #expect(report.discrepancies.count == 1)
        let found = try #require(report.discrepancies.first)
        #expect(found.subject.description == edit.subject)
        guard case .changed(let parts, _) = found.kind else {
            Issue.record("\(edit.sql): \(found)")
            return
        }
        #expect(parts == edit.parts)
        if edit.subject.hasPrefix("letter") {
            // A letter edited behind rj's back is never handed over.
            guard case .recordsAltered(let found) = refusal({ _ = try queue.release(id, by: kturner, method: .inPerson, today: "2026-03-21") }) else {
                Issue.record("released a letter edited outside rj: \(edit.sql)")
                return
            }
            #expect(found == report.discrepancies)
            #expect(try queue.letter(id, by: manager).discrepancies == report.discrepancies)
        } else {
            let staff = String(edit.subject.split(separator: " ").last!)
            #expect(refusal { _ = try queue.queue(by: Service.as(staff)) } == .recordsAltered(report.discrepancies))
        }
    }

    @Test func theIssuesScenarioAStatusSetByHandIsNotReleased() throws {
        let file = try StoreFile()
        defer { file.remove() }
        let service = try Service(path: file.path)
        let id = try service.submit(Service.blocked)
        try file.edit("UPDATE letter SET status = 'approved', consent = 'agreed', consentDate = '2026-03-20' WHERE id = ?", [id])
        let queue = try reopen(file)
        #expect(refusal { _ = try queue.release(id, by: kturner, method: .inPerson, today: "2026-03-21") }
            == .recordsAltered([Discrepancy(subject: .letter(id), kind: .changed(parts: ["consent", "status"], since: 8))]))
        #expect(try queue.letter(id, by: kturner).details.letter.status == .approved)
    }

    @Test func lettersWrittenOrRemovedOutsideRjAreNamed() throws {
        let (file, id) = try readyStore()
        defer { file.remove() }
        try file.edit("""
            INSERT INTO letter (caseReference, writer, recipient, sensitive, status, currentVersion, verdict, blockCount,
                                warnCount, receivedAt, recordedBy)
            VALUES ('NRJ-1', 'daniel', 'margaret', 0, 'approved', 1, 'clear', 0, 0, 'x', 'kturner')
            """)
        var report = try reopen(file).verify(by: manager)
        #expect(report.discrepancies == [Discrepancy(subject: .letter(id + 1), kind: .noEntry)])
        try file.edit("DELETE FROM letter WHERE id = ?", [id + 1])
        try file.edit("DELETE FROM letterVersion WHERE letterId = ?", [id])
        try file.edit("DELETE FROM letter WHERE id = ?", [id])
        report = try reopen(file).verify(by: manager)
        guard case .removed = report.discrepancies.first?.kind else {
            Issue.record("a removed letter was not named: \(report.discrepancies)")
            return
        }
        #expect(report.discrepancies.map(\.subject) == [.letter(id)])
    }

    @Test func anEntryAlteredOrRemovedBreaksTheChain() throws {
        let (file, _) = try readyStore()
        defer { file.remove() }
        try file.edit("UPDATE auditEntry SET actor = 'jcarter' WHERE sequence = 10")
        var report = try reopen(file).verify(by: manager)
        #expect(report.chainBreak?.sequence == 10)
        #expect(report.chainBreak?.reason.hasPrefix("altered after it was written") == true)
        // The letter's last entry is no longer sealed either.
        try file.edit("DELETE FROM auditEntry WHERE sequence = 9")
        report = try reopen(file).verify(by: manager)
        #expect(report.chainBreak == .init(sequence: 9, reason: "removed (the next entry is 10)"))
    }

    /// Someone who can write the database but not read the key rebuilds the
    /// whole chain, as the plain SHA-256 chain of rj 0.1 allowed.
    @Test func aChainRebuiltWithoutTheKeyDoesNotVerify() throws {
        let (file, id) = try readyStore()
        defer { file.remove() }
        try file.edit("UPDATE letter SET status = 'approved', consent = 'agreed' WHERE id = ?", [id])
        // Rewrite every entry's seal: with a key of the forger's own, and as
        // a plain SHA-256 chain.
        for seal in [{ (text: String) in ServiceKey.random().seal(text) }, { Digest.sha256($0) }] {
            let database = try DatabaseQueue(path: file.path)
            try database.write { db in
                let connection = SQLiteConnection(db: db)
                var previous = AuditEntry.genesis
                for var entry in try connection.fetch(AuditEntry.self, "SELECT * FROM auditEntry ORDER BY sequence") {
                    entry.previousSeal = previous
                    entry.seal = seal(entry.canonical)
                    try connection.update(entry, in: "auditEntry", key: "sequence")
                    previous = entry.seal
                }
            }
        }
        let report = try reopen(file).verify(by: manager)
        #expect(report.chainBreak?.sequence == 1)
        #expect(report.chainBreak?.reason.contains("sealed without this service's key") == true)
        #expect(refusal { _ = try reopen(file).release(id, by: kturner, method: .inPerson, today: "2026-03-21") } != nil)
    }

    @Test func theKeyLivesOutsideTheDatabaseAndItsLossIsAnError() throws {
        let (file, _) = try readyStore()
        defer { file.remove() }
        var info = stat()
        #expect(stat(file.key, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        // Losing the key: a clear error, never a new key and a silent reset.
        let saved = try Data(contentsOf: URL(fileURLWithPath: file.key))
        try FileManager.default.removeItem(atPath: file.key)
        #expect(refusal { _ = try reopen(file) } == .keyFile(file.key, .missing))
        #expect(!FileManager.default.fileExists(atPath: file.key))
        // Another store's key.
        let other = try StoreFile()
        defer { other.remove() }
        _ = try Service(path: other.path)
        try FileManager.default.copyItem(atPath: other.key, toPath: file.key)
        #expect(refusal { _ = try reopen(file) } == .keyFile(file.key, .notThisStore))
        // The right key, readable by others.
        try FileManager.default.removeItem(atPath: file.key)
        try saved.write(to: URL(fileURLWithPath: file.key))
        chmod(file.key, 0o644)
        #expect(refusal { _ = try reopen(file) } == .keyFile(file.key, .readableByOthers))
        chmod(file.key, 0o600)
        #expect(try reopen(file).verify(by: manager).isIntact)
        // A key kept elsewhere is named.
        let moved = other.folder.appendingPathComponent("kept-elsewhere.key").path
        try FileManager.default.moveItem(atPath: file.key, toPath: moved)
        #expect(try ReviewQueue(path: file.path, keyFile: moved, screener: Service.screener).verify(by: manager).isIntact)
    }

    @Test func findingsThatCannotBeReadCountAsBlocked() throws {
        let service = try Service()
        let id = try service.submit()
        var details = try service.queue.letter(id, by: kturner).details
        #expect(details.openBlocks == [])
        try service.queue.approve(id, by: kturner)
        try service.queue.recordConsent(id, .agreed, on: "2026-03-20", today: "2026-03-21", by: kturner)
        details = try service.queue.letter(id, by: kturner).details
        #expect(ReleasePolicy.obstacles(details, today: "2026-03-21") == [])
        details.versions[0].findings = "not json"
        #expect(details.openBlocks == nil)
        #expect(ReleasePolicy.obstacles(details, today: "2026-03-21") == [.findingsUnreadable(version: 1)])
    }
}

extension IntegrityTests {
    @Test func aStoreWithATrailNeverGetsANewKey() throws {
        let (file, _) = try readyStore()
        defer { file.remove() }
        try FileManager.default.removeItem(atPath: file.key)
        try file.edit("DELETE FROM storeInfo")
        #expect(refusal { _ = try reopen(file) } == .keyFile(file.key, .missing))
        #expect(!FileManager.default.fileExists(atPath: file.key))
    }

    @Test func aStoreOfTheFirstVersionIsRefusedNotRewritten() throws {
        let file = try StoreFile()
        defer { file.remove() }
        let database = try DatabaseQueue(path: file.path)
        try Schema.migrator.migrate(database, upTo: "v1")
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO auditEntry (sequence, action, actor, detail, at, previousHash, hash)
                VALUES (1, 'submit', 'daniel', '{}', 'x', '0', '1')
                """)
        }
        guard case .store(let message) = refusal({ _ = try reopen(file) }) else {
            Issue.record("a store of the first version was opened")
            return
        }
        #expect(message.contains("this store was made by rj 0.1"))
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEntry") } == 1)
    }
}

extension IntegrityTests {
    @Test func aStoreIsMadeOnlyWhenAskedAndReadableByItsOwnerOnly() throws {
        let file = try StoreFile()
        defer { file.remove() }
        #expect(refusal { _ = try ReviewQueue(path: file.path, screener: Service.screener) } == .noStore(file.path))
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(!FileManager.default.fileExists(atPath: file.key))
        _ = try Service(path: file.path)
        var info = stat()
        #expect(stat(file.path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        // A folder where the key should be is no key.
        let other = try StoreFile()
        defer { other.remove() }
        try FileManager.default.createDirectory(atPath: other.key, withIntermediateDirectories: true)
        #expect(refusal { _ = try ReviewQueue(path: other.path, create: true, screener: Service.screener) }
            == .keyFile(other.key, .malformed))
    }

    @Test func theStaffListIsRefusedToAMemberWhoseRecordWasChanged() throws {
        let (file, _) = try readyStore()
        defer { file.remove() }
        try file.edit("UPDATE staff SET disabled = 0, roles = 'admin' WHERE id = 'manager'")
        let queue = try reopen(file)
        guard case .recordsAltered = refusal({ _ = try queue.staff(by: manager) }) else {
            Issue.record("the staff list was shown to a member whose record was changed")
            return
        }
        #expect(try queue.verify(by: manager).isIntact == false)
    }
}
