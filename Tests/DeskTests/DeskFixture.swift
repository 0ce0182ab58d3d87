import CaseFiles
import Desk
import Foundation
import Hummingbird
import HummingbirdTesting
import LetterReview
import TestSupport

/// A desk over an in-memory store with staff who have passwords, the
/// example cases, and a browser-like client that keeps its cookies.
struct DeskFixture {
    static let screener = try! Screener.standard()
    static let burglary = try! Case.load(path: Checkout.path("Examples/cases/burglary-adult.yml").path)
    static let assault = try! Case.load(path: Checkout.path("Examples/cases/assault-letters-sensitive.yml").path)
    static let password = "a long enough password"

    let queue: ReviewQueue
    let desk: Desk

    /// - Parameter today: the desk's day, for dates checked against it.
    /// - Parameter path: a store file to keep the records in, for tests that edit it directly.
    init(today: String = "2026-03-21", path: String? = nil) throws {
        queue = try path.map { try ReviewQueue(path: $0, create: true, screener: Self.screener, passwordCost: 4) }
            ?? ReviewQueue(screener: Self.screener, passwordCost: 4)
        let admin = Actor(staffId: "admin", account: "test")
        try queue.addStaff(id: "admin", name: "Ada Admin", roles: [.admin], by: nil)
        for (id, name, roles, cleared) in [
            ("kturner", "Karen Turner", [StaffRole.facilitator], true),
            ("jcarter", "Joe Carter", [.facilitator], false),
            ("nokafor", "Nadia Okafor", [.supervisor], true),
            ("manager", "Morag Manager", [.manager], false),
            ("margaret", "Margaret Ellis", [.facilitator], true),
        ] {
            try queue.addStaff(id: id, name: name, roles: Set(roles), sensitiveComplex: cleared, by: admin)
        }
        for id in ["admin", "kturner", "jcarter", "nokafor", "manager", "margaret"] {
            try queue.setPassword(id, to: Self.password, by: admin)
        }
        desk = try Desk(queue: queue, settings: .init(cases: Checkout.path("Examples/cases"), today: today))
    }

    func submit(_ letter: String = "Dear Mrs Ellis,\nRing me on 07700 900123.\nDaniel\n") throws -> Int64 {
        try queue.submit(letter: letter, case: Self.burglary, from: "daniel", to: "margaret",
                         by: Actor(staffId: "kturner", account: "test")).id
    }

    func submitSensitive() throws -> Int64 {
        try queue.submit(letter: "Dear Chris,\nI am sorry for what I did.\nRyan\n", case: Self.assault, from: "ryan",
                         to: "chris", by: Actor(staffId: "kturner", account: "test")).id
    }

    /// Runs `body` with the desk's router.
    func test(_ body: @Sendable (Browser) async throws -> Void) async throws {
        let app = Application(router: desk.router())
        try await app.test(.router) { client in try await body(Browser(client: client)) }
    }
}

/// A client that keeps cookies as a browser would, and reads forms' tokens.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    /// The CSRF token of the last page read.
    var csrf = ""

    init(client: any TestClientProtocol) { self.client = client }

    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        var location: String? { headers[.location] }
    }

    @discardableResult
    func get(_ uri: String) async throws -> Page {
        let page = try await send(uri, method: .get, body: nil)
        if let token = Self.field("csrf", in: page.body), !token.isEmpty { csrf = token }
        return page
    }

    /// Posts a form; the session's CSRF token is added unless `csrf` is given (nil leaves it out).
    @discardableResult
    func post(_ uri: String, _ form: [(String, String)] = [], csrf: String?? = .none) async throws -> Page {
        var fields = form
        switch csrf {
        case .none: fields.append(("csrf", self.csrf))
        case .some(.some(let token)): fields.append(("csrf", token))
        case .some(.none): break
        }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: body)
    }

    func signIn(_ id: String, password: String = DeskFixture.password) async throws -> Page {
        let login = try await get("/login")
        let token = Self.field("login", in: login.body) ?? ""
        let page = try await post("/login", [("login", token), ("username", id), ("password", password)], csrf: .some(nil))
        if page.status == .seeOther { try await get("/") }
        return page
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers,
                                                body: body.map { ByteBuffer(string: $0) })
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            if value.contains("Max-Age=0") { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
