import Foundation
import Hummingbird
import LetterReview
import Templating

extension Desk {
    func addLetters(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ -> Response in
            try await self.signedIn(request) { session in try await self.queuePage(request, session) }
        }
        router.get("/letters/:id") { request, context -> Response in
            // The desk's busiest page checks its session in the same transaction as the reading.
            let id = try context.parameters.require("id", as: Int64.self)
            guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty,
                  let (session, reading) = try? await self.queue.reading(id, session: token, today: self.today)
            else { return .redirect(to: "/login", type: .normal) }
            let version = request.uri.queryParameters.get("version", as: Int.self)
            let done = request.uri.queryParameters.get("done")
            return try await self.letterPage(id, session: session, reading: reading, version: version,
                                             notice: done.flatMap(Self.notice), error: nil)
        }
        router.get("/letters/:id/handover") { request, context -> Response in
            try await self.signedIn(request) { session in
                let id = try context.parameters.require("id", as: Int64.self)
                do throws(LetterError) {
                    let handover = try self.queue.previewHandover(id, by: session.actor, today: self.today)
                    var response = Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                            body: .init(byteBuffer: ByteBuffer(string: handover.html(recipientName: nil, today: self.today))))
                    // The copy is a document with its own print styles and no script.
                    response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
                    return response
                } catch {
                    return try self.page("message", status: Self.status(for: error), session: session, title: "Handover copy",
                                         ["message": .string(error.description)])
                }
            }
        }
        router.post("/letters/:id/:action") { request, context -> Response in
            try await self.action(request) { session, form in
                let id = try context.parameters.require("id", as: Int64.self)
                let name = context.parameters.get("action") ?? ""
                do throws(LetterError) {
                    let queue = self.queue
                    try await queue.run { () throws(LetterError) in try self.perform(name, on: id, form: form, session: session) }
                    return .redirect(to: "/letters/\(id)?done=\(name)", type: .normal)
                } catch {
                    return try await self.letterPage(id, session: session, version: nil, notice: nil, error: error)
                }
            }
        }
    }

    /// One action on a letter, through the same library call as the command line.
    func perform(_ name: String, on id: Int64, form: Form, session: DeskSession) throws(LetterError) {
        let actor = session.actor
        switch name {
        case "approve": try queue.approve(id, by: actor, as: .facilitator, override: form.text("override"))
        case "cosign": try queue.approve(id, by: actor, as: .supervisor, override: form.text("override"))
        case "return": try queue.returnToWriter(id, by: actor, feedback: form["feedback"] ?? "")
        case "redact":
            let occurrence = form.text("occurrence").flatMap(Int.init)
            let words = form["text"] ?? ""
            let target: RedactionTarget = form.text("span").flatMap(TextSpan.init).map { .span($0) }
                ?? .text(words, occurrence: occurrence)
            try queue.redact(id, target, by: actor, reason: form["reason"] ?? "")
        case "reject": try queue.reject(id, by: actor, reason: form["reason"] ?? "")
        case "hold": try queue.hold(id, until: form.text("lift") == nil ? (form.text("until") ?? "") : nil, today: today, by: actor)
        case "consent":
            guard let answer = form.text("answer").flatMap(ConsentAnswer.init(rawValue:)) else {
                throw .missing("whether the recipient agreed")
            }
            try queue.recordConsent(id, answer, on: form.text("date") ?? today, today: today, by: actor)
        case "release":
            guard let method = form.text("method").flatMap(ReleaseMethod.init(rawValue:)) else { throw .missing("how it is handed over") }
            _ = try queue.release(id, by: actor, method: method, today: today)
        case "followed-up": try queue.markFollowedUp(id, by: actor, note: form["note"])
        default: throw .missing("a known action")
        }
    }

    static func notice(_ action: String) -> TemplateValue? {
        let text: String? = switch action {
        case "approve", "cosign": "Approval recorded."
        case "return": "Returned to the writer."
        case "redact": "Redacted. The letter needs approving again."
        case "reject": "Rejected: it will not be handed over."
        case "hold": "Hold recorded."
        case "consent": "The recipient's answer is recorded."
        case "release": "Released. Open the handover copy to print it."
        case "followed-up": "Follow-up marked done."
        default: nil
        }
        return text.map { .string($0) }
    }

    // MARK: The queue

    /// The queue as one member sees it on one day: each filter's letters,
    /// oldest first. Worked out once for each revision of the store.
    struct QueueModel: Sendable {
        var filters: [(id: String, label: String, letters: [StoredLetter])]
        /// The revision of the store it was worked out at, with the day.
        var key: String
    }

    func queueModel(_ session: DeskSession) async throws(LetterError) -> QueueModel {
        let queue = self.queue, actor = session.actor
        let snapshot = try await queue.run { () throws(LetterError) in try queue.queueSnapshot(by: actor) }
        let member = session.member
        let today = self.today
        let key = "\(member.id)\u{1F}\(today)\u{1F}\(snapshot.revision)"
        return queueModels.value(key) {
            let letters = snapshot.letters
            return QueueModel(filters: [
                ("all", "All", letters),
                ("mine", "Waiting for me", letters.filter { Self.waitsFor(member, $0, today: today) }),
                ("sensitive", "Sensitive and complex", letters.filter(\.sensitive)),
                ("held", "Held", letters.filter { $0.isHeld(on: today) }),
                ("returned", "Returned to the writer", letters.filter { $0.status == .returned }),
            ], key: key)
        }
    }

    func queuePage(_ request: Request, _ session: DeskSession) async throws -> Response {
        let model: QueueModel
        do {
            model = try await queueModel(session)
        } catch {
            return try page("message", status: Self.status(for: error), session: session, title: "Letters",
                            ["message": .string(error.description)])
        }
        let chosen = request.uri.queryParameters.get("show") ?? "all"
        let filter = model.filters.firstIndex { $0.id == chosen } ?? 0
        let pageNumber = max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1)
        // The same page for the same session at the same revision is built once.
        let key = "\(session.csrf)\u{1F}\(model.key)\u{1F}\(model.filters[filter].id)\u{1F}\(pageNumber)"
        return Self.html(try queuePages.value(key) { () throws -> String in
            try queueHTML(model, filter: filter, page: pageNumber, session: session)
        })
    }

    func queueHTML(_ model: QueueModel, filter chosen: Int, page pageNumber: Int, session: DeskSession) throws -> String {
        let today = self.today
        let filter = model.filters[chosen]
        let shown = filter.letters
        let perPage = 50
        let pageItems = shown.dropFirst((pageNumber - 1) * perPage).prefix(perPage)
        return try pageHTML("queue", session: session, title: "Letters awaiting action", [
            "filters": .list(model.filters.map { item in
                ["id": .string(item.id), "label": .string(item.label), "count": .int(item.letters.count),
                 "current": .bool(item.id == filter.id)]
            }),
            "letters": .list(pageItems.map { letter in
                [
                    "id": .int(Int(letter.id!)), "received": .string(String(letter.receivedAt.prefix(10))),
                    "case": .string(letter.caseReference), "from": .string(letter.writer), "to": .string(letter.recipient),
                    "status": .string(letter.isHeld(on: today) ? "held until \(letter.holdUntil!)" : Self.statusLabel(letter.status)),
                    "sensitive": .bool(letter.sensitive), "verdict": .string(letter.verdict.reported), "verdict_words": .string(letter.verdict.words),
                    "blocks": .int(letter.blockCount), "warns": .int(letter.warnCount),
                    "consent": .string(letter.consent?.rawValue ?? "not yet recorded"),
                ]
            }),
            "count": .int(shown.count),
            "previous": pageNumber > 1 ? .string("/?show=\(filter.id)&page=\(pageNumber - 1)") : .null,
            "next": pageNumber * perPage < shown.count ? .string("/?show=\(filter.id)&page=\(pageNumber + 1)") : .null,
        ])
    }

    /// Whether the letter waits on this member of staff: an approval they
    /// could give, or consent and release once it is approved.
    static func waitsFor(_ member: StaffMember, _ letter: StoredLetter, today: String) -> Bool {
        guard !letter.isHeld(on: today), !letter.sensitive || member.sensitiveComplex else { return false }
        switch letter.status {
        case .pending: return Permissions.allows(member, to: .approve) || (letter.sensitive && member.has(.supervisor))
        case .approved: return Permissions.allows(member, to: .release)
        default: return false
        }
    }

    static func statusLabel(_ status: LetterStatus) -> String {
        switch status {
        case .pending: "waiting for review"
        case .returned: "returned to the writer"
        case .approved: "approved"
        case .released: "released"
        case .rejected: "rejected"
        case .withdrawn: "withdrawn"
        }
    }
}
