import Foundation
import Hummingbird
import LetterReview

extension Desk {
    func addSignIn(to router: Router<BasicRequestContext>) {
        router.get("/login") { request, _ -> Response in
            if await self.session(request) != nil { return .redirect(to: "/", type: .normal) }
            return try self.loginPage(error: nil, status: .ok)
        }
        router.post("/login") { request, _ -> Response in
            let form = try await Form(request)
            // The sign-in form carries the token its page set in a cookie, so no other site can post it.
            guard let cookie = request.cookies[Self.loginCookie]?.value, let token = form["login"], Self.same(cookie, token) else {
                return try self.loginPage(error: "The sign-in form had expired. Please try again.", status: .forbidden)
            }
            do throws(LetterError) {
                let session = try self.queue.signIn(form["username"] ?? "", password: form["password"] ?? "",
                                                    code: form.text("code"))
                var response = Response.redirect(to: "/", type: .normal)
                response.setCookie(self.cookie(Self.sessionCookie, session.token, maxAge: Int(ReviewQueue.sessionLifetime)))
                response.setCookie(self.cookie(Self.loginCookie, "", maxAge: 0))
                return response
            } catch {
                return try self.loginPage(error: error.description.prefix(1).uppercased() + error.description.dropFirst() + ".",
                                          status: .unauthorized)
            }
        }
        router.post("/logout") { request, _ -> Response in
            try await self.action(request) { session, _ in
                try self.queue.signOut(session.token)
                var response = Response.redirect(to: "/login", type: .normal)
                response.setCookie(self.cookie(Self.sessionCookie, "", maxAge: 0))
                return response
            }
        }
    }

    func loginPage(error: String?, status: HTTPResponse.Status) throws -> Response {
        let token = ReviewQueueTokens.random()
        var response = try page("login", status: status, session: nil, title: "Sign in",
                                ["login": .string(token), "error": error.map { .string($0) } ?? .null])
        response.setCookie(cookie(Self.loginCookie, token, maxAge: 3600))
        return response
    }

    /// `HttpOnly`, `SameSite=Strict`, and `Secure` behind TLS.
    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: settings.secureCookies, httpOnly: true,
               sameSite: .strict)
    }
}

/// Random tokens for forms.
enum ReviewQueueTokens {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
