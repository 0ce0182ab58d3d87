import Foundation
@testable import LetterReview
import Testing

/// Passwords, sign-in and sessions for the review desk, and reading a letter
/// on the audit trail.
struct SignInTests {
    let refusal = Service.refusal
    let admin = Service.as("admin")

    @Test func passwordsAreSetByTheirOwnerOrAnAdminAndAudited() throws {
        let service = try Service()
        let queue = service.queue
        #expect(refusal { try queue.setPassword("kturner", to: "short", by: self.admin) } == .passwordTooShort(10))
        try queue.setPassword("kturner", to: "a long enough one", by: admin)
        try queue.setPassword("jcarter", to: "joe's own password", by: Service.as("jcarter"))
        #expect(refusal { try queue.setPassword("jcarter", to: "someone else's", by: Service.as("kturner")) }
            == .lacksRole(staff: "kturner", action: .manageStaff, needs: [.admin]))
        let entries = try queue.log(by: Service.as("manager")).filter { $0.kind == .staffPassword }
        #expect(entries.map(\.staffMember) == ["kturner", "jcarter"])
        #expect(entries.map { $0.sentence(names: [:]) } == ["admin set a password for kturner.", "jcarter set their own password."])
        #expect(try queue.staff(by: admin).first { $0.id == "kturner" }?.passwordHash?.hasPrefix("$2") == true)
        #expect(try queue.verify(by: admin).isIntact)
    }

    @Test func signingInAndOut() throws {
        let service = try Service()
        let queue = service.queue
        try queue.setPassword("kturner", to: "a long enough one", by: admin)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let session = try queue.signIn("kturner", password: "a long enough one", now: start)
        #expect(session.member.id == "kturner")
        #expect(session.token != session.csrf)
        #expect(try queue.session(session.token, now: start.addingTimeInterval(60)).member.id == "kturner")
        #expect(session.actor.account.hasPrefix("desk session "))
        // Idle too long, or open too long: signed out.
        let idle = try queue.signIn("kturner", password: "a long enough one", now: start)
        #expect(refusal { _ = try queue.session(idle.token, now: start.addingTimeInterval(ReviewQueue.idleTimeout + 1)) } == .notSignedIn)
        var busy = start
        while busy.timeIntervalSince(start) < ReviewQueue.sessionLifetime - 600 {
            busy.addTimeInterval(600)
            _ = try queue.session(session.token, now: busy)
        }
        #expect(refusal { _ = try queue.session(session.token, now: busy.addingTimeInterval(1200)) } == .notSignedIn)
        // Signing out ends a session.
        let other = try queue.signIn("kturner", password: "a long enough one", now: start)
        try queue.signOut(other.token)
        #expect(refusal { _ = try queue.session(other.token, now: start) } == .notSignedIn)
        #expect(refusal { _ = try queue.session("made-up", now: start) } == .notSignedIn)
        let actions = try queue.log(by: Service.as("manager")).compactMap(\.kind)
        #expect(actions.filter { $0 == .signIn }.count == 3)
        #expect(actions.filter { $0 == .signOut }.count == 1)
    }

    @Test func wrongPasswordsUnknownIdsAndDisabledStaffAreRefusedAlikeAndSlowDown() throws {
        let service = try Service()
        let queue = service.queue
        try queue.setPassword("kturner", to: "a long enough one", by: admin)
        try queue.setPassword("jcarter", to: "joe's own password", by: admin)
        try queue.disableStaff("jcarter", by: admin)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let wrong = LetterError.signInRefused(retryAfter: nil)
        #expect(refusal { _ = try queue.signIn("jcarter", password: "joe's own password", now: start) } == wrong)
        #expect(refusal { _ = try queue.signIn("nobody", password: "a long enough one", now: start) } == wrong)
        #expect(refusal { _ = try queue.signIn("manager", password: "", now: start) } == wrong)  // no password set
        for _ in 0..<3 {
            #expect(refusal { _ = try queue.signIn("kturner", password: "guess", now: start) } == wrong)
        }
        // The fourth try waits a second, even with the right password; then it works.
        #expect(refusal { _ = try queue.signIn("kturner", password: "a long enough one", now: start) }
            == .signInRefused(retryAfter: 1))
        _ = try queue.signIn("kturner", password: "a long enough one", now: start.addingTimeInterval(2))
        let failures = try queue.log(by: Service.as("manager")).filter { $0.kind == .signInFailed }
        #expect(failures.count == 6)
        #expect(failures.last?.details["failures"] == "3")
        #expect(failures.map { $0.details["staff"] ?? "" }.contains("jcarter"))
        // A session of someone disabled since ends.
        let session = try queue.signIn("kturner", password: "a long enough one", now: start.addingTimeInterval(3))
        try queue.disableStaff("kturner", by: admin)
        #expect(refusal { _ = try queue.session(session.token, now: start.addingTimeInterval(4)) } == .notSignedIn)
    }

    @Test func aSessionOrPasswordWrittenIntoTheDatabaseIsNotTrusted() throws {
        let file = try StoreFile()
        defer { file.remove() }
        let service = try Service(path: file.path)
        try service.queue.setPassword("kturner", to: "a long enough one", by: admin)
        let session = try service.queue.signIn("kturner", password: "a long enough one")
        // Someone with the database but not the key makes the session an admin's.
        try file.edit("UPDATE session SET staffId = 'admin'")
        let reopened = try ReviewQueue(path: file.path, screener: Service.screener)
        #expect(refusal { _ = try reopened.session(session.token) } == .notSignedIn)
        // Or copies a known password hash onto the admin.
        try file.edit("UPDATE staff SET passwordHash = (SELECT passwordHash FROM staff WHERE id = 'kturner') WHERE id = 'admin'")
        #expect(refusal { _ = try reopened.signIn("admin", password: "a long enough one") } == .signInRefused(retryAfter: nil))
        let report = try reopened.verify(by: Service.as("manager"))
        #expect(report.discrepancies.map(\.description)
            == ["staff member admin: changed outside rj since audit entry 1, its last (password)"])
    }

    @Test func readingALetterIsAuditedAndLaundersNothing() throws {
        let file = try StoreFile()
        defer { file.remove() }
        let service = try Service(path: file.path)
        let id = try service.submit()
        _ = try service.queue.view(id, by: Service.as("manager"))
        let entry = try #require(try service.queue.log(letter: id, by: Service.as("manager")).last)
        #expect(entry.kind == .view)
        #expect(entry.sentence(names: ["manager": "Morag Manager"]) == "Morag Manager (manager) read the letter.")
        #expect(try service.queue.verify(by: admin).isIntact)
        try file.edit("UPDATE letter SET consent = 'agreed' WHERE id = ?", [id])
        let reopened = try ReviewQueue(path: file.path, screener: Service.screener)
        _ = try reopened.view(id, by: Service.as("manager"))
        #expect(try reopened.verify(by: admin).discrepancies.count == 1)
    }
}

/// One-time codes at sign-in, for a service that wants two factors.
struct OneTimeCodeTests {
    let refusal = Service.refusal
    let admin = Service.as("admin")

    @Test func codesAreRFC6238s() {
        // RFC 6238 Appendix B, SHA-1: the last six digits of each eight-digit code.
        let code = OneTimeCodeProbe.rfcSecret
        for (time, expected) in [(59.0, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"),
                                 (1_234_567_890, "005924"), (2_000_000_000, "279037"), (20_000_000_000, "353130")] {
            #expect(code.code(counter: OneTimeCode.counter(at: Date(timeIntervalSince1970: time))) == expected, "\(time)")
        }
        #expect(code.base32 == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    }

    @Test(arguments: Backend.available)
    func aCodeIsAskedForOnceTurnedOnAndEachSignsInOnce(_ backend: Backend) throws {
        let service = try Service(on: backend)
        let queue = service.queue
        try queue.setPassword("kturner", to: "a long enough one", by: admin)
        #expect(refusal { _ = try queue.setOneTimeCodes("kturner", on: true, by: Service.as("jcarter")) }
            == .lacksRole(staff: "jcarter", action: .manageStaff, needs: [.admin]))
        let code = try #require(try queue.setOneTimeCodes("kturner", on: true, by: Service.as("kturner")))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let current = code.code(counter: OneTimeCode.counter(at: now))
        // The password alone, a wrong code, and a code from long ago are refused alike.
        for typed in [nil, "000000", code.code(counter: OneTimeCode.counter(at: now) - 10)] where typed != current {
            #expect(refusal { _ = try queue.signIn("kturner", password: "a long enough one", code: typed, now: now) }
                == .signInRefused(retryAfter: nil))
        }
        // The right code signs in, once: the same code again is refused.
        let later = now.addingTimeInterval(1)
        _ = try queue.signIn("kturner", password: "a long enough one", code: current, now: later)
        #expect(refusal { _ = try queue.signIn("kturner", password: "a long enough one", code: current, now: later) }
            == .signInRefused(retryAfter: nil))
        // A phone a step behind still works for the next code; a wrong password with the right code does not.
        let next = now.addingTimeInterval(31)
        #expect(refusal { _ = try queue.signIn("kturner", password: "wrong password", code: code.code(counter: OneTimeCode.counter(at: next)), now: next) }
            == .signInRefused(retryAfter: nil))
        _ = try queue.signIn("kturner", password: "a long enough one", code: code.code(counter: OneTimeCode.counter(at: next)), now: next.addingTimeInterval(25))
        // The secret is sealed: the store does not hold it as an app would take it.
        let stored = try #require(try queue.staff(by: admin).first { $0.id == "kturner" }?.oneTimeSecret)
        #expect(!stored.contains(code.base32))
        // Off again: the password is enough; each change is audited and verifies.
        try queue.setOneTimeCodes("kturner", on: false, by: admin)
        _ = try queue.signIn("kturner", password: "a long enough one", now: next.addingTimeInterval(60))
        let entries = try queue.log(by: Service.as("manager")).filter { $0.kind == .staffOneTimeCode }
        #expect(entries.map { $0.sentence(names: [:]) } == ["kturner turned on one-time codes at sign-in for their own account (a new secret).",
                                                            "admin turned off one-time codes at sign-in for kturner's account."])
        #expect(try queue.verify(by: admin).isIntact)
    }
}
