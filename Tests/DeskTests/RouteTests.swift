import Foundation
import GRDB
import Hummingbird
import LetterReview
import Testing

/// Every page and action of the desk, and every refusal: not signed in, the
/// wrong role, a missing or wrong CSRF token, a participant of the case, a
/// disabled account.
struct RouteTests {
    @Test func nobodySignedInSeesOrDoesAnything() async throws {
        let fixture = try DeskFixture()
        let id = try fixture.submit()
        try await fixture.test { browser in
            for path in ["/", "/letters/\(id)", "/letters/\(id)/handover", "/cases", "/staff", "/cases/NRJ-2026-0142/risk-assessment"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location == "/login")
            }
            let post = try await browser.post("/letters/\(id)/approve", csrf: "anything")
            #expect(post.status == .unauthorized)
            #expect(post.body.contains("You are not signed in"))
        }
        #expect(try fixture.queue.letter(id, by: Actor(staffId: "kturner", account: "t")).details.approvals.isEmpty)
    }

    @Test func signingInNeedsTheRightPasswordAndTheFormsOwnToken() async throws {
        let fixture = try DeskFixture()
        try await fixture.test { browser in
            let wrong = try await browser.signIn("kturner", password: "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("That staff id and password do not match."))
            #expect(browser.cookies["rj_session"] == nil)
            // A sign-in posted from elsewhere carries no token of the desk's.
            browser.cookies = [:]
            let forged = try await browser.post("/login", [("username", "kturner"), ("password", DeskFixture.password)], csrf: .some(nil))
            #expect(forged.status == .forbidden)
            let right = try await browser.signIn("kturner")
            #expect(right.status == .seeOther)
            let cookie = try #require(right.headers[values: .setCookie].first { $0.hasPrefix("rj_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"))
            let queue = try await browser.get("/")
            #expect(queue.status == .ok)
            #expect(queue.body.contains("Signed in as Karen Turner (kturner)"))
            let out = try await browser.post("/logout")
            #expect(out.location == "/login")
            #expect(try await browser.get("/").location == "/login")
        }
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let fixture = try DeskFixture()
        let id = try fixture.submit()
        try await fixture.test { browser in
            _ = try await browser.signIn("kturner")
            for path in ["/login", "/", "/letters/\(id)", "/cases", "/static/desk.css"] {
                let page = try await browser.get(path)
                let policy = page.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("frame-ancestors 'none'"), "\(path)")
                #expect(!policy.contains("script-src 'unsafe-inline'"), "\(path)")
                #expect(page.headers[values: .init("Referrer-Policy")!].first == "no-referrer", "\(path)")
            }
            let letter = try await browser.get("/letters/\(id)")
            #expect(!letter.body.contains("<script>"))
            #expect(!letter.body.contains(" style="))
            #expect(letter.headers[.cacheControl] == "no-store")
        }
    }

    @Test func aFormWithoutTheSessionsTokenChangesNothing() async throws {
        let fixture = try DeskFixture()
        let id = try fixture.submit("Dear Mrs Ellis,\nI am sorry.\nDaniel\n")
        try await fixture.test { browser in
            _ = try await browser.signIn("kturner")
            _ = try await browser.get("/letters/\(id)")
            for token in [String?.none, "0123", String(repeating: "a", count: 64)] {
                let page = try await browser.post("/letters/\(id)/approve", csrf: .some(token))
                #expect(page.status == .forbidden)
                #expect(page.body.contains("This form has expired or did not come from the desk."))
            }
        }
        #expect(try fixture.queue.letter(id, by: Actor(staffId: "kturner", account: "t")).details.approvals.isEmpty)
    }

    @Test func theWrongRoleIsRefusedOnTheServer() async throws {
        let fixture = try DeskFixture()
        let id = try fixture.submit("Dear Mrs Ellis,\nI am sorry.\nDaniel\n")
        try await fixture.test { browser in
            _ = try await browser.signIn("manager")
            let letter = try await browser.get("/letters/\(id)")
            #expect(letter.status == .ok)
            #expect(!letter.body.contains("Approve as facilitator"))
            // The form is not shown, and posting it anyway is refused.
            let complete = [("reason", "x"), ("feedback", "x"), ("text", "sorry"), ("answer", "agreed"), ("date", "2026-03-20"),
                            ("method", "in-person"), ("until", "2026-04-01")]
            for action in ["approve", "cosign", "release", "consent", "reject", "redact", "return", "hold"] {
                let page = try await browser.post("/letters/\(id)/\(action)", complete)
                #expect(page.status == .forbidden, "\(action)")
                #expect(page.body.contains("manager may not"), "\(action)")
            }
            #expect(try await browser.get("/staff").status == .forbidden)
            _ = try await browser.post("/logout")
            _ = try await browser.signIn("admin")
            let queue = try await browser.get("/")
            #expect(queue.status == .forbidden)
            #expect(queue.body.contains("admin may not read"))
            #expect(try await browser.get("/letters/\(id)").status == .forbidden)
        }
        // Nothing but reading: each refusal showed the letter again.
        #expect(Set(try fixture.queue.log(letter: id, by: Actor(staffId: "kturner", account: "t")).map(\.action)) == ["submit", "view"])
    }

    @Test func aParticipantOfTheCaseSeesNothingOfIt() async throws {
        let fixture = try DeskFixture()
        let id = try fixture.submit()
        try await fixture.test { browser in
            _ = try await browser.signIn("margaret")
            let queue = try await browser.get("/")
            #expect(!queue.body.contains("/letters/\(id)\""))
            let letter = try await browser.get("/letters/\(id)")
            #expect(letter.status == .forbidden)
            #expect(!letter.body.contains("07700"))
            let approve = try await browser.post("/letters/\(id)/approve", [("override", "x")])
            #expect(approve.status == .forbidden)
            let cases = try await browser.get("/cases")
            #expect(!cases.body.contains("NRJ-2026-0142"))
            #expect(try await browser.get("/cases/NRJ-2026-0142/risk-assessment").status == .notFound)
        }
    }

    @Test func anotherOfficesLetterIsNotThereAtTheDesk() async throws {
        let fixture = try DeskFixture()
        let admin = Actor(staffId: "admin", account: "test")
        try fixture.queue.addStaff(id: "lfac", name: "Lena Leeds", roles: [.facilitator], office: "leeds", by: admin)
        try fixture.queue.setPassword("lfac", to: DeskFixture.password, by: admin)
        let leeds = try fixture.queue.submit(letter: "Dear Mrs Ellis,\nI am sorry.\nDaniel\n", case: DeskFixture.burglary,
                                             from: "daniel", to: "margaret", by: Actor(staffId: "lfac", account: "test")).id
        let main = try fixture.submit("Dear Mrs Ellis,\nI am sorry for it all.\nDaniel\n")
        try await fixture.test { browser in
            _ = try await browser.signIn("kturner")
            let queue = try await browser.get("/")
            #expect(queue.body.contains("/letters/\(main)\""))
            #expect(!queue.body.contains("/letters/\(leeds)\""))
            #expect(try await browser.get("/letters/\(leeds)").status == .notFound)
            for action in ["approve", "consent", "release", "hold"] {
                let page = try await browser.post("/letters/\(leeds)/\(action)", [("answer", "agreed"), ("date", "2026-03-20"),
                                                                                 ("method", "in-person"), ("until", "2026-04-01")])
                #expect(page.status == .notFound, "\(action)")
            }
            _ = try await browser.post("/logout")
            _ = try await browser.signIn("lfac")
            #expect(try await browser.get("/").body.contains("/letters/\(leeds)\""))
            #expect(try await browser.get("/letters/\(main)").status == .notFound)
        }
        // York's attempts left nothing on Leeds's trail.
        #expect(try fixture.queue.log(letter: leeds, by: Actor(staffId: "lfac", account: "t")).map(\.action) == ["submit"])
    }

    @Test func anAccountWithOneTimeCodesSignsInWithTheCodeOnly() async throws {
        let fixture = try DeskFixture()
        let code = try #require(try fixture.queue.setOneTimeCodes("jcarter", on: true, by: Actor(staffId: "jcarter", account: "t")))
        try await fixture.test { browser in
            let login = try await browser.get("/login")
            #expect(login.body.contains("autocomplete=\"one-time-code\""))
            #expect(try await browser.signIn("jcarter").status == .unauthorized)
            let page = try await browser.get("/login")
            let token = Browser.field("login", in: page.body) ?? ""
            let signedIn = try await browser.post("/login", [("login", token), ("username", "jcarter"), ("password", DeskFixture.password),
                                                              ("code", code.code(at: Date()))], csrf: .some(nil))
            #expect(signedIn.status == .seeOther)
            #expect(try await browser.get("/").status == .ok)
        }
    }

    @Test func aDisabledAccountCannotSignInAndItsSessionEnds() async throws {
        let fixture = try DeskFixture()
        try await fixture.test { browser in
            _ = try await browser.signIn("jcarter")
            #expect(try await browser.get("/").status == .ok)
            try fixture.queue.disableStaff("jcarter", by: Actor(staffId: "admin", account: "t"))
            #expect(try await browser.get("/").location == "/login")
            let again = try await browser.signIn("jcarter")
            #expect(again.status == .unauthorized)
        }
    }

    @Test func aLetterGoesFromSubmitToReleaseThroughTheDesk() async throws {
        let fixture = try DeskFixture()
        let id = try fixture.submitSensitive()
        let blocked = try fixture.submit()
        try await fixture.test { browser in
            _ = try await browser.signIn("kturner")
            var page = try await browser.get("/letters/\(blocked)")
            #expect(page.body.contains("■ Block:] </span>07700 900123<sup"))
            #expect(page.body.contains("Not ready to release:"))
            // Approving with a block finding needs its redaction, or a reason.
            page = try await browser.post("/letters/\(blocked)/approve")
            #expect(page.status == .conflict)
            #expect(page.body.contains("neither redacted nor approved with a written reason"))
            page = try await browser.post("/letters/\(blocked)/redact", [("text", "07700 900123"), ("reason", "a phone number")])
            #expect(page.location == "/letters/\(blocked)?done=redact")
            page = try await browser.get(page.location!)
            #expect(page.body.contains("Redacted. The letter needs approving again."))
            #expect(page.body.contains("<del class=\"redacted\""))
            #expect(page.body.contains("Ring me on [redacted]."))
            // The sensitive letter: facilitator, then case supervisor.
            #expect(try await browser.post("/letters/\(id)/approve").location == "/letters/\(id)?done=approve")
            page = try await browser.get("/letters/\(id)")
            #expect(page.body.contains("Facilitator: given by Karen Turner"))
            #expect(page.body.contains("Case supervisor: still needed"))
            #expect(try await browser.post("/letters/\(id)/cosign").status == .forbidden)
            _ = try await browser.post("/logout")
            _ = try await browser.signIn("nokafor")
            _ = try await browser.get("/letters/\(id)")
            #expect(try await browser.post("/letters/\(id)/cosign").location == "/letters/\(id)?done=cosign")
            let consent = try await browser.post("/letters/\(id)/consent", [("answer", "agreed"), ("date", "2026-03-20")])
            #expect(consent.status == .seeOther)
            let future = try await browser.post("/letters/\(id)/hold", [("until", "2026-03-01")])
            #expect(future.status == .badRequest)
            page = try await browser.post("/letters/\(id)/release", [("method", "in-person")])
            #expect(page.location == "/letters/\(id)?done=release")
            let copy = try await browser.get("/letters/\(id)/handover")
            #expect(copy.status == .ok)
            #expect(copy.body.contains("Checked and approved by Karen Turner (facilitator) and Nadia Okafor (case supervisor)."))
            #expect(copy.body.contains("Handed over unsealed by Nadia Okafor (in-person)"))
            let twice = try await browser.post("/letters/\(id)/release", [("method", "in-person")])
            #expect(twice.status == .conflict)
            page = try await browser.get("/letters/\(id)")
            #expect(page.body.contains("Nadia Okafor (nokafor) released version 1 for handover in-person, unsealed."))
            #expect(page.body.contains("Nadia Okafor (nokafor) read the letter."))
            #expect(page.body.contains("(<code>rj letters log \(id)</code> lists them all)"))
        }
        #expect(try fixture.queue.verify(by: Actor(staffId: "admin", account: "t")).isIntact)
        let releases = try fixture.queue.log(letter: id, by: Actor(staffId: "manager", account: "t")).filter { $0.kind == .release }
        #expect(releases.map(\.account).allSatisfy { $0.hasPrefix("desk session ") })
    }

    @Test func theQueueFiltersAndCounts() async throws {
        let fixture = try DeskFixture()
        let plain = try fixture.submit("Dear Mrs Ellis,\nI am sorry.\nDaniel\n")
        let sensitive = try fixture.submitSensitive()
        try fixture.queue.hold(plain, until: "2026-04-01", today: "2026-03-21", by: Actor(staffId: "kturner", account: "t"))
        try await fixture.test { browser in
            _ = try await browser.signIn("kturner")
            let all = try await browser.get("/")
            #expect(all.body.contains("All (2)") && all.body.contains("Sensitive and complex (1)") && all.body.contains("Held (1)"))
            let held = try await browser.get("/?show=held")
            #expect(held.body.contains("/letters/\(plain)\"") && !held.body.contains("/letters/\(sensitive)\""))
            #expect(held.body.contains("held until 2026-04-01"))
            let mine = try await browser.get("/?show=mine")
            #expect(mine.body.contains("/letters/\(sensitive)\"") && !mine.body.contains("/letters/\(plain)\""))
        }
    }

    @Test func casesAndTheirDocuments() async throws {
        // After the burglary case closed, and after a neighbour's action fell due.
        let fixture = try DeskFixture(today: "2026-08-01")
        try await fixture.test { browser in
            _ = try await browser.signIn("kturner")
            let cases = try await browser.get("/cases")
            #expect(cases.body.contains("NRJ-2026-0142"))
            #expect(cases.body.contains("Guidance checks: no problems found"))
            #expect(cases.body.contains("<p>Closed on 2026-07-03: completed</p>"))
            #expect(cases.body.contains("<strong>Action 3: done on 2026-06-24</strong>"))
            // The action overdue is at the top of its case, marked, and the check says so too.
            #expect(cases.body.contains("<h3>Agreed actions: 1 to chase now</h3>"))
            #expect(cases.body.contains("<li class=\"chase\"><strong>Action 2: overdue by 93 days (due 2026-04-30)</strong>"))
            #expect(cases.body.contains("RJ-ACT-001 action 2 was due on 2026-04-30"))
            let risk = try await browser.get("/cases/NRJ-2026-0142/risk-assessment")
            #expect(risk.status == .ok)
            #expect(risk.body.contains("<html"))
            let pack = try await browser.get("/cases/NRJ-2026-0142/pack/1")
            #expect(pack.status == .ok)
            #expect(pack.body.contains("Mrs Ellis"))
            #expect(!cases.body.contains("?for="))
            #expect(try await browser.get("/cases/NRJ-2026-0142/pack/9").status == .notFound)
            #expect(try await browser.get("/cases/NRJ-2026-0142/nonsense").status == .notFound)
        }
    }

    @Test func anAdminKeepsTheStaffListInTheDesk() async throws {
        let fixture = try DeskFixture()
        try await fixture.test { browser in
            _ = try await browser.signIn("admin")
            _ = try await browser.get("/staff")
            var page = try await browser.post("/staff", [("id", "pshah"), ("name", "Priya Shah"), ("role", "supervisor"),
                                                         ("role", "facilitator"), ("password", "priya's long password")])
            #expect(page.status == .ok)
            #expect(page.body.contains("Added pshah."))
            page = try await browser.post("/staff/jcarter/disable")
            #expect(page.body.contains("disabled"))
            page = try await browser.post("/staff/admin/disable")
            #expect(page.status == .conflict)
            #expect(page.body.contains("admin is the last admin able to act"))
        }
        #expect(try fixture.queue.signIn("pshah", password: "priya's long password").member.roleSet == [.facilitator, .supervisor])
    }

    /// A letter's text is built once for the page, and never again served
    /// from that once the records no longer match their trail: a direct edit
    /// shows the alert and the text as it now stands.
    @Test func aDirectEditIsShownNotTheTextAsFirstBuilt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rj-desk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("letters.sqlite").path
        let fixture = try DeskFixture(path: path)
        let id = try fixture.submit("Dear Mrs Ellis,\nI am sorry.\nDaniel\n")
        try await fixture.test { browser in
            _ = try await browser.signIn("kturner")
            var page = try await browser.get("/letters/\(id)")
            #expect(page.body.contains("I am sorry."))
            // Read again: the text now comes from what was built the first time.
            #expect(try await browser.get("/letters/\(id)").body.contains("I am sorry."))
            let database = try DatabaseQueue(path: path)
            try await database.write { db in try db.execute(sql: "UPDATE letterVersion SET text = 'Dear Mrs Ellis, ring 07700 900999' WHERE letterId = ?", arguments: [id]) }
            try database.close()
            page = try await browser.get("/letters/\(id)")
            #expect(page.body.contains("Records differ from the audit trail"))
            #expect(page.body.contains("ring 07700 900999"))
            #expect(!page.body.contains("I am sorry."))
        }
    }
}
