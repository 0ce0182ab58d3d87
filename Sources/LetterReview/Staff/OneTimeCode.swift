import Crypto
import Foundation

/// Time-based one-time codes (RFC 6238, as authenticator apps make them: HMAC-SHA-1,
/// six digits, a new code every 30 seconds), the second factor a service may
/// ask of its staff at the review desk.
public struct OneTimeCode: Sendable, Equatable {
    /// The shared secret: 20 random bytes (RFC 4226 §4 asks for at least 16).
    let secret: [UInt8]

    static let step: TimeInterval = 30
    static let digits = 6

    init(secret: [UInt8]) { self.secret = secret }

    /// A new random secret.
    static func random() -> OneTimeCode {
        var generator = SystemRandomNumberGenerator()
        return OneTimeCode(secret: (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The time step a moment falls in.
    static func counter(at date: Date) -> UInt64 { UInt64(max(0, date.timeIntervalSince1970) / step) }

    /// The code an authenticator app shows at `date`.
    public func code(at date: Date) -> String { code(counter: Self.counter(at: date)) }

    /// The code for one time step (RFC 4226 §5.3: dynamic truncation of the HMAC).
    func code(counter: UInt64) -> String {
        let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let number = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let text = String(number % 1_000_000)
        return String(repeating: "0", count: Self.digits - text.count) + text
    }

    /// The time step whose code `typed` is, allowing one step either side
    /// for a phone's clock; nil when it is none of them.
    func step(matching typed: String, at date: Date) -> UInt64? {
        let digits = typed.filter { !$0.isWhitespace }
        guard digits.count == Self.digits else { return nil }
        let now = Self.counter(at: date)
        for counter in [now, now &- 1, now + 1] where Self.same(code(counter: counter), digits) { return counter }
        return nil
    }

    /// Compares two codes in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The secret in base 32 (RFC 4648), as authenticator apps take it typed in.
    public var base32: String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var text = "", buffer: UInt32 = 0, bits = 0
        for byte in secret {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                text.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { text.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return text
    }

    /// The `otpauth://` address an authenticator app reads from a QR code or a link.
    public func address(staff id: String, service: String) -> String {
        let issuer = service.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "rj"
        return "otpauth://totp/\(issuer):\(id)?secret=\(base32)&issuer=\(issuer)&algorithm=SHA1&digits=6&period=30"
    }
}

extension ServiceKey {
    /// A one-time code's secret as the store keeps it: sealed (AES-GCM) under
    /// a key derived from the service key, so that reading the database is not
    /// enough to make codes.
    func sealSecret(_ code: OneTimeCode, for staff: String) throws -> String {
        let box = try AES.GCM.seal(code.secret, using: secretKey, authenticating: Data(staff.utf8))
        guard let combined = box.combined else { throw LetterError.store("cannot seal a one-time code's secret") }
        return combined.base64EncodedString()
    }

    /// The secret back; nil when it cannot be opened (altered, or another store's), which refuses the sign-in.
    func openSecret(_ text: String, for staff: String) -> OneTimeCode? {
        guard let data = Data(base64Encoded: text), let box = try? AES.GCM.SealedBox(combined: data),
              let bytes = try? AES.GCM.open(box, using: secretKey, authenticating: Data(staff.utf8)) else { return nil }
        return OneTimeCode(secret: Array(bytes))
    }
}
