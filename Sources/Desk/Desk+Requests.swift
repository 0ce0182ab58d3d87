import Foundation
import Hummingbird
import LetterReview
import Templating

/// What every page and action shares: who is signed in, the form sent, the
/// CSRF check, and turning the library's answers into pages.
extension Desk {
    static let sessionCookie = "rj_session"
    static let loginCookie = "rj_login"

    /// The session of the request, or nil when nobody is signed in.
    func session(_ request: Request) async -> DeskSession? {
        guard let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty else { return nil }
        let queue = self.queue
        return try? await queue.run { () throws(LetterError) in try queue.session(token) }
    }

    /// Runs a page for a signed-in member of staff; anyone else goes to the sign-in page.
    func signedIn(_ request: Request, _ body: (DeskSession) async throws -> Response) async throws -> Response {
        guard let session = await session(request) else {
            if request.method == .get { return .redirect(to: "/login", type: .normal) }
            return try page("message", status: .unauthorized, session: nil, title: "Not signed in",
                            ["message": "You are not signed in, or your session has ended. Sign in again."])
        }
        return try await body(session)
    }

    /// Runs an action posted from a form: signed in, with the session's CSRF token.
    func action(_ request: Request, _ body: (DeskSession, Form) async throws -> Response) async throws -> Response {
        try await signedIn(request) { session in
            let form = try await Form(request)
            guard let token = form["csrf"], Self.same(token, session.csrf) else {
                return try page("message", status: .forbidden, session: session, title: "Form expired",
                                ["message": "This form has expired or did not come from the desk. Go back, reload the page and try again."])
            }
            return try await body(session, form)
        }
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// A page in the desk's layout.
    func page(_ name: String, status: HTTPResponse.Status = .ok, session: DeskSession?, title: String,
              _ data: [String: TemplateValue]) throws -> Response {
        Self.html(try pageHTML(name, session: session, title: title, data), status: status)
    }

    /// The HTML of a page in the desk's layout.
    func pageHTML(_ name: String, session: DeskSession?, title: String, _ data: [String: TemplateValue]) throws -> String {
        var values = data
        values["title"] = .string(title)
        values["signed_in"] = session.map { .map(["name": .string($0.member.name), "id": .string($0.member.id),
                                                  "is_admin": .bool($0.member.has(.admin)),
                                                  "may_read": .bool(Permissions.allows($0.member, to: .read))]) } ?? .null
        values["csrf"] = .string(session?.csrf ?? "")
        if values["error"] == nil { values["error"] = .null }
        if values["notice"] == nil { values["notice"] = .null }
        return try pages.render(name, values)
    }

    /// A page of HTML, as sent.
    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The HTTP status for a refusal: who may not (403), what is not there (404),
    /// what cannot be used (400), or what the letter's state does not allow (409).
    static func status(for error: LetterError) -> HTTPResponse.Status {
        switch error {
        case .notSignedIn: .unauthorized
        case .unknownStaff, .staffDisabled, .lacksRole, .notCleared, .participantCannotAct: .forbidden
        case .notFound, .noSuchVersion, .noSuchStaff: .notFound
        case .missing, .invalidDate, .futureDate, .pastDate, .spanOutside, .textNotFound, .textAmbiguous, .invalidStaffId,
             .noRoles, .passwordTooShort, .unknownParticipant, .wrongCase:
            .badRequest
        case .store, .keyFile, .noStore: .internalServerError
        default: .conflict
        }
    }
}

/// A form posted as `application/x-www-form-urlencoded`.
struct Form {
    private var values: [String: [String]] = [:]

    init(_ request: Request) async throws {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        self.init(String(buffer: buffer))
    }

    init(_ text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let key = decode(parts[0])
            values[key, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    subscript(_ name: String) -> String? { values[name]?.first }

    /// The field, trimmed, or nil when empty.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    func all(_ name: String) -> [String] { values[name] ?? [] }
}
