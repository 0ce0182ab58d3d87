import CaseFiles
import Foundation
import Hummingbird
import LetterReview

/// The review desk: the letter queue, letters and cases in the browser, for
/// the service's staff. Server-rendered pages from our own templates; every
/// action goes through the same ``ReviewQueue`` calls as the command line, so
/// the same rules and the same audit apply. The desk holds no rule of its own.
public struct Desk: Sendable {
    public struct Settings: Sendable {
        /// A folder of case files (YAML or JSON), with its `service.yml`, for `/cases`.
        public var cases: URL?
        /// Whether the desk is reached over TLS (a proxy in front): cookies are then `Secure`.
        public var secureCookies: Bool
        /// Today's date (YYYY-MM-DD) for holds, consent and release; nil means the real date.
        public var today: String?

        public init(cases: URL? = nil, secureCookies: Bool = false, today: String? = nil) {
            self.cases = cases
            self.secureCookies = secureCookies
            self.today = today
        }
    }

    let queue: ReviewQueue
    let settings: Settings
    let pages: Pages
    /// Each member's queue by filter, at the revision of the store it was worked out at.
    let queueModels = RevisionCache<QueueModel>()
    /// Queue pages as sent to each session, at the revision they were built at.
    let queuePages = RevisionCache<String>(limit: 64)
    /// A version's text with its findings marked, and its findings listed, as
    /// HTML: a version never changes, so it is built once for its letter,
    /// version and redactions, and only from records that match their trail.
    let letterTexts = RevisionCache<LetterText>(limit: 256)

    struct LetterText: Sendable {
        var text: String
        var findings: String
    }

    public init(queue: ReviewQueue, settings: Settings = Settings()) throws {
        self.queue = queue
        self.settings = settings
        pages = try Pages()
    }

    /// The router with every page and action, behind the security headers.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeaders())
        addSignIn(to: router)
        addLetters(to: router)
        addCases(to: router)
        addStaff(to: router)
        router.get("/static/desk.css") { _, _ in Self.asset(self.pages.css, type: "text/css; charset=utf-8") }
        router.get("/static/desk.js") { _, _ in Self.asset(self.pages.script, type: "text/javascript; charset=utf-8") }
        return router
    }

    /// The application, listening on `host` (loopback unless told otherwise) and `port`.
    public func application(host: String = "127.0.0.1", port: Int = 8080,
                            onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        // No request is logged (no LogRequestMiddleware): forms may hold participant data.
        Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) })
    }

    var today: String {
        if let today = settings.today { return today }
        return Self.days.today()
    }

    /// Today's date in UK time, worked out again once a second at most: a
    /// page asks for it several times, and many pages a second are served.
    static let days = Days()

    final class Days: @unchecked Sendable {
        private let lock = NSLock()
        private var second = -1
        private var day = ""

        func today() -> String {
            let now = Date()
            let second = Int(now.timeIntervalSince1970)
            lock.lock()
            defer { lock.unlock() }
            if second != self.second {
                let parts = Desk.london.dateComponents([.year, .month, .day], from: now)
                day = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
                self.second = second
            }
            return day
        }
    }

    /// The calendar of the service's days: UK time, summer time included.
    static let london: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar
    }()

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Headers on every response: no framing, no referrer, scripts and styles
/// from the desk itself only, and nothing cached that holds participant data.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var policy: String {
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            response = Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: "Not found")))
        }
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.policy }
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
