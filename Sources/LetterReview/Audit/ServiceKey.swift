import Crypto
import Foundation

/// The service's audit key: the audit trail is sealed with HMAC-SHA-256 under
/// it, so someone who can write the database but cannot read this key cannot
/// rewrite an entry or rebuild the chain. It lives outside the database, in a
/// file only its owner can read (mode 0600).
public struct ServiceKey: Sendable {
    private let bytes: [UInt8]
    /// A short fingerprint the store keeps, so that a different key is noticed.
    public let fingerprint: String

    init(bytes: [UInt8]) {
        self.bytes = bytes
        fingerprint = String(Digest.hex(SHA256.hash(data: bytes)).prefix(16))
    }

    /// A new random key, for a new store or a test.
    public static func random() -> ServiceKey {
        ServiceKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// A key for sealing secrets, derived from the service key (HKDF-SHA-256), never the key itself.
    var secretKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: bytes), info: Data("rj one-time code secrets".utf8),
                               outputByteCount: 32)
    }

    /// The seal of `text`: HMAC-SHA-256 under the key, in hex.
    func seal(_ text: String) -> String {
        Digest.hex(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: bytes)))
    }

    /// Whether `seal` is the seal of `text`. A text already found sealed is
    /// remembered with its seal, so that a record read again and again (a
    /// letter on a busy desk, a member of staff at every request) is compared
    /// with what was verified instead of hashed afresh; any other text is
    /// checked in full.
    func isSeal(_ seal: String, of text: String) -> Bool {
        let memo = fingerprint + seal
        if Self.verified[memo] == text { return true }
        guard self.seal(text) == seal else { return false }
        Self.verified[memo] = text
        return true
    }

    private static let verified = RevisionCache<String>(limit: 2048)

    /// Reads the key file at `path`.
    /// - Throws: ``LetterError/keyFile(_:_:)`` when it is missing, unreadable,
    ///   malformed, or readable by other accounts.
    static func read(path: String) throws(LetterError) -> ServiceKey {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .keyFile(path, .missing) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .keyFile(path, .malformed) }
        guard info.st_mode & 0o077 == 0 else { throw .keyFile(path, .readableByOthers) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .keyFile(path, .unreadable) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Digest.bytes(hex: text), bytes.count == 32 else { throw .keyFile(path, .malformed) }
        return ServiceKey(bytes: bytes)
    }

    /// Makes a new key file at `path`, readable by its owner only; never
    /// replaces an existing file.
    static func create(path: String) throws(LetterError) -> ServiceKey {
        let key = random()
        if let problem = OwnerFile.create(path, Array((Digest.hex(key.bytes) + "\n").utf8)) {
            throw .keyFile(path, .cannotCreate(problem))
        }
        return key
    }
}

/// A new file for a secret: made with `mode` (by default readable by its
/// owner only) from the first byte, never over an existing file, and
/// synced before it counts as written.
public enum OwnerFile {
    /// Writes `bytes` to a new file at `path`; returns why it could not, or nil once written.
    public static func create(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o600) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0 else {
            unlink(path)
            return "it could not be written in full"
        }
        return nil
    }
}

/// Hex for digests and keys, for every target that writes or reads them.
public enum Digest {
    static let digits = Array("0123456789abcdef".utf8)

    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    public static func sha256(_ text: String) -> String { hex(SHA256.hash(data: Data(text.utf8))) }

    public static func bytes(hex text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
