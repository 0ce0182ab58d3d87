import Foundation
@testable import LetterReview
import Testing

/// Several offices in one store: each sees and acts on its own letters; the
/// partnership lead sees every office and acts on none. The same tests on
/// SQLite (the store type applies the rule) and PostgreSQL (the database
/// does too, with row-level security).
struct OfficeTests {
    let refusal = Service.refusal

    /// York and Leeds, one letter each: York's by yfac, Leeds's by lfac.
    struct Offices {
        let service: Service
        let york: Int64
        let leeds: Int64
        var queue: ReviewQueue { service.queue }

        init(_ backend: Backend) throws {
            service = try Service(on: backend)
            let admin = Service.as("admin")
            try service.queue.addStaff(id: "yfac", name: "Yasmin York", roles: [.facilitator], office: "york", by: admin)
            try service.queue.addStaff(id: "ysup", name: "Yusuf York", roles: [.supervisor], office: "york", by: admin)
            try service.queue.addStaff(id: "lfac", name: "Lena Leeds", roles: [.facilitator], office: "leeds", by: admin)
            try service.queue.addStaff(id: "lead", name: "Pat Lead", roles: [.lead], office: "york", by: admin)
            try service.queue.addStaff(id: "leadfac", name: "Lou Lead", roles: [.lead, .facilitator], office: "leeds", by: admin)
            york = try service.queue.submit(letter: Service.clean, case: Service.burglary, from: "daniel", to: "margaret",
                                            by: Service.as("yfac")).id
            leeds = try service.queue.submit(letter: Service.clean, case: Service.burglary, from: "daniel", to: "margaret",
                                             by: Service.as("lfac")).id
        }
    }

    /// The desk's letter page checks its session in the same transaction as
    /// the reading: a session not open is refused as a page's is, and an open
    /// session's reader is refused what they may not read, office by office.
    @Test(arguments: Backend.available)
    func aReadingWithItsSessionIsRefusedAsEachAloneIs(_ backend: Backend) async throws {
        let offices = try Offices(backend)
        let queue = offices.queue, admin = Service.as("admin"), start = Date()
        for id in ["yfac", "lead", "admin"] { try queue.setPassword(id, to: "a long enough one", by: admin) }
        func session(_ id: String) throws -> String { try queue.signIn(id, password: "a long enough one", now: start).token }
        func read(_ letter: Int64, _ token: String) async throws -> Result<LetterReading, LetterError> {
            try await queue.reading(letter, session: token, today: "2026-03-21", now: start).reading
        }
        let yfac = try session("yfac"), lead = try session("lead"), noReader = try session("admin")
        #expect(try await read(offices.york, yfac).get().view.details.letter.office == "york")
        #expect(try await read(offices.york, yfac).get().names["lfac"] == "Lena Leeds")
        guard case .failure(.notFound(offices.leeds)) = try await read(offices.leeds, yfac) else {
            Issue.record("a York facilitator read Leeds's letter")
            return
        }
        // The lead reads every office; the admin reads none.
        #expect(try await read(offices.leeds, lead).get().view.details.letter.office == "leeds")
        guard case .failure(.lacksRole(staff: "admin", action: .read, needs: _)) = try await read(offices.york, noReader) else {
            Issue.record("the admin read a letter")
            return
        }
        // A session not open, or whose member was disabled, is no session.
        await #expect(throws: LetterError.notSignedIn) { _ = try await read(offices.york, "not a token") }
        try queue.disableStaff("yfac", by: admin)
        await #expect(throws: LetterError.notSignedIn) { _ = try await read(offices.york, yfac) }
        await #expect(throws: LetterError.notSignedIn) { _ = try queue.session(yfac, now: start) }
        // Each reading given is on the trail; no refused one is.
        let reads = try queue.log(letter: offices.york, by: Service.as("ysup")).filter { $0.action == "view" }
        #expect(reads.map(\.actor) == ["yfac", "yfac"])
        #expect(try queue.log(letter: offices.leeds, by: Service.as("lfac")).filter { $0.action == "view" }.map(\.actor) == ["lead"])
    }

    @Test(arguments: Backend.available)
    func anOfficesSignaturesAreItsOwn(_ backend: Backend) throws {
        let offices = try Offices(backend)
        let queue = offices.queue, text = AgreementSigningTests.text
        try queue.sign(SignatureRequest(signatory: "margaret", method: .typed, typedName: "Margaret Ellis"),
                       agreement: text, case: Service.burglary, today: "2026-03-14", by: Service.as("yfac"))
        #expect(try queue.agreementStatus(agreement: text, case: Service.burglary, by: Service.as("yfac")).signed.keys.sorted() == ["margaret"])
        // Leeds sees no York signature, and its own signature of the same text is its own record.
        #expect(try queue.agreementStatus(agreement: text, case: Service.burglary, by: Service.as("lfac")).history.isEmpty)
        let leeds = try queue.sign(SignatureRequest(signatory: "margaret", method: .typed, typedName: "Margaret Ellis"),
                                   agreement: text, case: Service.burglary, today: "2026-03-14", by: Service.as("lfac"))
        #expect(leeds.office == "leeds")
        // The partnership lead reads both offices and witnesses neither.
        #expect(try queue.agreementStatus(agreement: text, case: Service.burglary, by: Service.as("lead")).history.map(\.office).sorted() == ["leeds", "york"])
        #expect(refusal { try queue.sign(SignatureRequest(signatory: "daniel", method: .wet, paperHeldAt: "file"),
                                         agreement: text, case: Service.burglary, today: "2026-03-14", by: Service.as("lead")) }
                == .lacksRole(staff: "lead", action: .witnessSignature, needs: [.facilitator, .supervisor]))
        #expect(try queue.verify(by: Service.as("admin")).isIntact)
    }

    @Test(arguments: Backend.available)
    func aFacilitatorSeesAndActsOnTheirOwnOfficeOnly(_ backend: Backend) throws {
        let offices = try Offices(backend)
        let queue = offices.queue, yfac = Service.as("yfac")
        #expect(try queue.letter(offices.york, by: yfac).details.letter.office == "york")
        #expect(try queue.queue(by: yfac).map(\.id) == [offices.york])
        #expect(try queue.queue(by: Service.as("lfac")).map(\.id) == [offices.leeds])
        // Leeds's letter is not there for York: not read, approved, held, consented, released or logged.
        let leeds = offices.leeds
        #expect(refusal { _ = try queue.letter(leeds, by: yfac) } == .notFound(leeds))
        #expect(refusal { _ = try queue.view(leeds, by: yfac) } == .notFound(leeds))
        #expect(refusal { try queue.approve(leeds, by: yfac) } == .notFound(leeds))
        #expect(refusal { try queue.approve(leeds, by: Service.as("ysup"), as: .supervisor) } == .notFound(leeds))
        #expect(refusal { try queue.recordConsent(leeds, .agreed, on: "2026-03-20", today: "2026-03-21", by: yfac) } == .notFound(leeds))
        #expect(refusal { _ = try queue.release(leeds, by: yfac, method: .inPerson, today: "2026-03-21") } == .notFound(leeds))
        #expect(refusal { _ = try queue.log(letter: leeds, by: yfac) } == .notFound(leeds))
        #expect(try queue.log(by: yfac).allSatisfy { $0.letterId != leeds })
        // Its own goes through.
        try queue.approve(offices.york, by: yfac)
        try queue.recordConsent(offices.york, .agreed, on: "2026-03-20", today: "2026-03-21", by: yfac)
        _ = try queue.release(offices.york, by: yfac, method: .inPerson, today: "2026-03-21")
        // And each office's trail verifies on its own, as does the whole store.
        #expect(try queue.verify(by: yfac).isIntact)
        #expect(try queue.verify(by: Service.as("lfac")).isIntact)
        let whole = try queue.verify(by: Service.as("admin"))
        #expect(whole.isIntact)
        #expect(whole.entries > (try queue.verify(by: yfac).entries))
    }

    @Test(arguments: Backend.available)
    func theLeadSeesEveryOfficeAndActsOnNoneButTheirOwnAsFacilitator(_ backend: Backend) throws {
        let offices = try Offices(backend)
        let queue = offices.queue, lead = Service.as("lead"), leadfac = Service.as("leadfac")
        #expect(Set(try queue.queue(by: lead).map(\.id)) == [offices.york, offices.leeds])
        #expect(try queue.view(offices.leeds, by: lead).details.letter.office == "leeds")
        #expect(try queue.verify(by: lead).isIntact)
        #expect(refusal { try queue.approve(offices.york, by: lead) }
            == .lacksRole(staff: "lead", action: .approve, needs: [.facilitator]))
        // A lead who is also a facilitator acts in their own office (Leeds), and only there.
        try queue.approve(offices.leeds, by: leadfac)
        #expect(refusal { try queue.approve(offices.york, by: leadfac) } == .notFound(offices.york))
        // What the lead read is on the right office's trail.
        #expect(try queue.log(letter: offices.leeds, by: Service.as("lfac")).map(\.action).contains("view"))
    }

    @Test(arguments: Backend.available)
    func officeNamesAreChecked(_ backend: Backend) throws {
        let service = try Service(on: backend)
        for name in ["", "York", "a,b", "x y", String(repeating: "a", count: 33)] {
            #expect(refusal { try service.queue.addStaff(id: "someone", name: "Some One", roles: [.facilitator], office: name,
                                                          by: Service.as("admin")) } == .invalidOffice(name))
        }
    }

    @Test(arguments: Backend.available)
    func anEntryRemovedFromOneOfficeIsFoundByTheWholeStore(_ backend: Backend) throws {
        guard backend == .postgres else { return }  // SQLite's direct edits are in IntegrityTests
        let offices = try Offices(backend)
        let database = try #require(offices.service.database)
        let last = try offices.queue.log(letter: offices.leeds, by: Service.as("lfac")).last!.sequence
        try database.edit("DELETE FROM auditEntry WHERE sequence = ?", [.integer(last)])
        let report = try offices.queue.verify(by: Service.as("admin"))
        #expect(!report.isIntact)
        #expect(report.discrepancies.contains { $0.subject == .letter(offices.leeds) } || report.chainBreak != nil)
        #expect(try offices.queue.verify(by: Service.as("yfac")).isIntact)
    }

    @Test(arguments: Backend.available)
    func aStoreWithNoOneInTheMainOfficeStillVerifiesAfterAStrangerTriesToSignIn(_ backend: Backend) throws {
        let database = backend == .postgres ? try TestDatabase() : nil
        let queue = try database.map { try ReviewQueue(path: $0.appURL, keyFile: $0.keyPath, screener: Service.screener, passwordCost: 4) }
            ?? ReviewQueue(screener: Service.screener, passwordCost: 4)
        try queue.addStaff(id: "admin", name: "Ada Admin", roles: [.admin], office: "york", by: nil)
        #expect(refusal { _ = try queue.signIn("stranger", password: "not a password at all") } == .signInRefused(retryAfter: nil))
        let report = try queue.verify(by: Service.as("admin"))
        #expect(report.isIntact)
        #expect(report.entries == 2)
        #expect(report.offices == ["main", "york"])
    }

    // MARK: The database enforces it too

    @Test func postgresShowsTheAppRoleNoRowOfAnOfficeNotSet() throws {
        guard Backend.available.contains(.postgres) else {
            print("skipped: PostgreSQL isolation (set RJ_TEST_POSTGRES, or run Tests/postgres/cluster.sh make test)")
            return
        }
        let offices = try Offices(.postgres)
        let database = try #require(offices.service.database)
        let app = try PostgresConnection(url: database.appURL)
        func count(_ table: String) throws -> Int64 { try app.one("SELECT COUNT(*) FROM \(table)")![0].int64! }
        // Every table with an office's records is under forced row-level security.
        let secured = try app.rows("""
            SELECT relname FROM pg_class WHERE relrowsecurity AND relforcerowsecurity AND relkind = 'r' ORDER BY relname
            """, []).compactMap { $0[0].string }
        #expect(secured == ["agreementrecord", "agreementversion", "auditentry", "letter", "letterversion", "party", "redaction", "review"])
        try offices.queue.sign(SignatureRequest(signatory: "margaret", method: .typed, typedName: "Margaret Ellis"),
                               agreement: AgreementSigningTests.text, case: Service.burglary, today: "2026-03-14", by: Service.as("yfac"))
        // No office set: nothing at all.
        for table in ["letter", "letterVersion", "party", "auditEntry", "agreementRecord", "agreementVersion"] { #expect(try count(table) == 0) }
        try app.execute("SELECT set_config('app.offices', 'york', false)")
        #expect(try app.rows("SELECT id FROM letter", []).map { $0[0].int64 } == [offices.york])
        #expect(try count("letterVersion") == 1)
        #expect(try app.rows("SELECT DISTINCT office FROM auditEntry", []).map { $0[0].string } == ["york"])
        // Plain SQL cannot reach Leeds's rows, nor write into Leeds.
        #expect(try app.rows("SELECT id FROM letter WHERE id = ?", [.integer(offices.leeds)]).isEmpty)
        try app.execute("UPDATE letter SET status = 'released' WHERE id = ?", [.integer(offices.leeds)])
        #expect(throws: PostgresError.self) {
            try app.execute("INSERT INTO party (letterId, participant, name) VALUES (?, 'x', 'X')", [.integer(offices.leeds)])
        }
        // The app role adds audit entries and never changes or removes one, nor alters a table.
        #expect(throws: PostgresError.self) { try app.execute("UPDATE auditEntry SET actor = 'x'") }
        #expect(throws: PostgresError.self) { try app.execute("DELETE FROM auditEntry") }
        #expect(try count("agreementRecord") == 1)
        #expect(throws: PostgresError.self) { try app.execute("UPDATE agreementRecord SET person = 'daniel'") }
        #expect(throws: PostgresError.self) { try app.execute("DELETE FROM agreementVersion") }
        // Records go only through the owner's retention functions, and only after their sealed entry.
        #expect(throws: PostgresError.self) { try app.execute("DELETE FROM redaction") }
        #expect(throws: PostgresError.self) { try app.execute("DELETE FROM letter WHERE id = ?", [.integer(offices.york)]) }
        #expect(throws: PostgresError.self) { try app.execute("SELECT rj_delete_letter(?)", [.integer(offices.york)]) }
        #expect(throws: PostgresError.self) { try app.execute("SELECT rj_delete_agreement(?)", [.text(Service.burglary.reference)]) }
        #expect(throws: PostgresError.self) { try app.execute("ALTER TABLE letter DISABLE ROW LEVEL SECURITY") }
        #expect(try offices.queue.letter(offices.leeds, by: Service.as("lfac")).details.letter.status == .pending)
        #expect(try offices.queue.verify(by: Service.as("admin")).isIntact)
    }

    // MARK: Moving and keeping a store

    @Test func aSQLiteStoreIsCopiedIntoPostgresWithItsTrailAndOnlyOnce() throws {
        guard Backend.available.contains(.postgres) else {
            print("skipped: copying into PostgreSQL (set RJ_TEST_POSTGRES)")
            return
        }
        let file = try StoreFile()
        defer { file.remove() }
        let source = try Service(path: file.path)
        try source.queue.addStaff(id: "yfac", name: "Yasmin York", roles: [.facilitator], office: "york", by: Service.as("admin"))
        let main = try source.submit(Service.blocked)
        try source.queue.redact(main, .text("07700 900123", occurrence: nil), by: Service.as("kturner"), reason: "a phone number")
        try source.queue.approve(main, by: Service.as("kturner"))
        let york = try source.queue.submit(letter: Service.clean, case: Service.burglary, from: "daniel", to: "margaret",
                                           by: Service.as("yfac")).id
        // Signatures go with the letters, in their offices.
        let text = AgreementSigningTests.text
        try source.queue.sign(SignatureRequest(signatory: "margaret", method: .typed, typedName: "Margaret Ellis"),
                              agreement: text, case: Service.burglary, today: "2026-03-14", by: Service.as("kturner"))
        try source.queue.sign(SignatureRequest(signatory: "daniel", method: .wet, paperHeldAt: "the York file"),
                              agreement: text, case: Service.burglary, today: "2026-03-14", by: Service.as("yfac"))
        let database = try TestDatabase()
        let destination = try ReviewQueue(path: database.appURL, keyFile: file.key, screener: Service.screener)
        let rows = try source.queue.copy(into: destination, by: Service.as("admin"))
        #expect(rows > 20)
        let report = try destination.verify(by: Service.as("admin"))
        #expect(report.isIntact)
        #expect(report.entries == (try source.queue.verify(by: Service.as("admin")).entries))
        #expect(try destination.letter(main, by: Service.as("kturner")).details == (try source.queue.letter(main, by: Service.as("kturner")).details))
        #expect(try destination.queue(by: Service.as("yfac")).map(\.id) == [york])
        #expect(try destination.agreementStatus(agreement: text, case: Service.burglary, by: Service.as("yfac")).signed.keys.sorted() == ["daniel"])
        #expect(try destination.agreementStatus(agreement: text, case: Service.burglary, by: Service.as("kturner")).signed.keys.sorted() == ["margaret"])
        // New signatures follow the copied ones.
        let susan = try destination.sign(SignatureRequest(signatory: "susan", method: .onScreen, typedName: "Susan Ellis"),
                                         agreement: text, case: Service.burglary, today: "2026-03-14", by: Service.as("kturner"))
        #expect(susan.id == 3)
        // The copy goes on: new letters follow the copied ones, on the same chain.
        let next = try destination.submit(letter: Service.clean, case: Service.burglary, from: "daniel", to: "margaret",
                                          by: Service.as("kturner")).id
        #expect(next > york)
        #expect(try destination.verify(by: Service.as("admin")).isIntact)
        // Never twice into a store that holds records; never by anyone but an admin.
        #expect(refusal { _ = try source.queue.copy(into: destination, by: Service.as("admin")) } == .notEmpty(PostgresConnection.redacted(database.appURL)))
        #expect(refusal { _ = try source.queue.copy(into: destination, by: Service.as("kturner")) }
            == .lacksRole(staff: "kturner", action: .manageStore, needs: [.admin]))
    }

    @Test(arguments: Backend.available)
    func aBackupRestoresWithATrailThatVerifies(_ backend: Backend) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rj-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = StoreFileAt(folder: folder)
        let service = backend == .sqlite ? try Service(path: file.path) : try Service(on: .postgres)
        let id = try service.submit()
        try service.queue.approve(id, by: Service.as("kturner"))
        let out = folder.appendingPathComponent("backup").path
        #expect(refusal { try service.queue.backup(to: out, by: Service.as("kturner")) }
            == .lacksRole(staff: "kturner", action: .manageStore, needs: [.admin]))
        try service.queue.backup(to: out, by: Service.as("admin"))
        var info = stat()
        #expect(stat(out, &info) == 0 && info.st_mode & 0o077 == 0)
        let restored: ReviewQueue
        let holder: TestDatabase?
        if backend == .sqlite {
            holder = nil
            restored = try ReviewQueue(path: out, keyFile: file.key, screener: Service.screener)
        } else {
            let database = try #require(service.database)
            let target = try TestDatabase(empty: true)
            holder = target
            let restore = Process()
            restore.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            restore.arguments = ["pg_restore", "--no-owner", "--role=\(TestDatabase.owner)", "--dbname=\(target.ownerURL)", out]
            try restore.run()
            restore.waitUntilExit()
            #expect(restore.terminationStatus == 0)
            try target.grant()
            restored = try ReviewQueue(path: target.appURL, keyFile: database.keyPath, screener: Service.screener)
        }
        _ = holder
        let report = try restored.verify(by: Service.as("admin"))
        #expect(report.isIntact)
        #expect(report.entries == (try service.queue.verify(by: Service.as("admin")).entries))
        #expect(try restored.letter(id, by: Service.as("kturner")).details.approvals.count == 1)
    }
}

/// A store file in a given folder.
struct StoreFileAt {
    let folder: URL
    var path: String { folder.appendingPathComponent("rj.sqlite").path }
    var key: String { path + ".key" }
}
