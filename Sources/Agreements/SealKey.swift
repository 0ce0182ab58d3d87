import Crypto
import Foundation
import LetterReview
import SwiftASN1
import X509

/// The service's seal: an ECDSA P-256 key and a self-signed X.509
/// certificate for it, which seal outcome agreements as PDF. The private key
/// lives outside the store in a file only its owner can read (mode 0600);
/// the certificate is public, and is all anyone needs to check a sealed copy.
/// P-256 rather than Ed25519, because PDF readers (poppler among them)
/// verify P-256 signatures and not Ed25519 ones.
public struct SealKey: Sendable {
    /// The private key's raw bytes (the key type itself is not `Sendable`).
    private let keyBytes: Data
    public let certificate: SealCertificate

    private init(privateKey: P256.Signing.PrivateKey, certificate: SealCertificate) {
        keyBytes = privateKey.rawRepresentation
        self.certificate = certificate
    }

    var privateKey: P256.Signing.PrivateKey { try! P256.Signing.PrivateKey(rawRepresentation: keyBytes) }

    /// Makes a new key and its certificate, named for the service, valid for ten years.
    public static func make(serviceName: String, now: Date = Date()) throws(AgreementError) -> SealKey {
        let key = P256.Signing.PrivateKey()
        do {
            let name = try DistinguishedName {
                CommonName("\(serviceName) agreement seal")
                OrganizationName(serviceName)
            }
            // A positive serial of 16 random bytes: DER then needs no leading zero, and the
            // number stays within the 20 bytes RFC 5280 allows (PDF readers refuse longer ones).
            var serial = (0..<16).map { _ in UInt8.random(in: 0...255) }
            serial[0] = serial[0] & 0x7F | 0x01
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(bytes: serial), publicKey: .init(key.publicKey),
                notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(60 * 60 * 24 * 3653),
                issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true, nonRepudiation: true))
                },
                issuerPrivateKey: .init(key))
            var serializer = SwiftASN1.DER.Serializer()
            try serializer.serialize(certificate)
            return SealKey(privateKey: key, certificate: try SealCertificate(der: serializer.serializedBytes))
        } catch let error as AgreementError {
            throw error
        } catch {
            throw .keyFile("(new key)", "cannot make the certificate: \(error)")
        }
    }

    /// Writes the key (mode 0600, never over an existing file) and the certificate beside it.
    public func save(keyPath: String, certificatePath: String) throws(AgreementError) {
        for path in [keyPath, certificatePath] where FileManager.default.fileExists(atPath: path) {
            throw .keyExists(path)
        }
        try Self.create(keyPath, privateKey.pemRepresentation + "\n", mode: 0o600)
        do {
            try Self.create(certificatePath, certificate.pem, mode: 0o644)
        } catch {
            unlink(keyPath)
            throw error
        }
    }

    /// Reads the key at `keyPath` and the certificate at `certificatePath`,
    /// and checks that they belong together.
    public static func read(keyPath: String, certificatePath: String) throws(AgreementError) -> SealKey {
        var info = stat()
        guard stat(keyPath, &info) == 0 else { throw .keyFile(keyPath, "the seal key is missing") }
        guard info.st_mode & 0o077 == 0 else {
            throw .keyFile(keyPath, "the seal key can be read by other accounts; make it readable by its owner only (mode 600)")
        }
        guard let text = try? String(contentsOfFile: keyPath, encoding: .utf8),
              let key = try? P256.Signing.PrivateKey(pemRepresentation: text)
        else { throw .keyFile(keyPath, "this is not a P-256 private key in PEM") }
        let certificate = try SealCertificate.read(path: certificatePath)
        guard certificate.publicKey.rawRepresentation == key.publicKey.rawRepresentation else {
            throw .keyFile(certificatePath, "this certificate is not the seal key's")
        }
        return SealKey(privateKey: key, certificate: certificate)
    }

    private static func create(_ path: String, _ text: String, mode: mode_t) throws(AgreementError) {
        if let problem = OwnerFile.create(path, Array(text.utf8), mode: mode) { throw .keyFile(path, "cannot create it: \(problem)") }
    }

    /// Signs `digest` (SHA-256) with the key: an ECDSA signature in DER.
    func sign(_ data: [UInt8]) throws(AgreementError) -> [UInt8] {
        do {
            return Array(try privateKey.signature(for: data).derRepresentation)
        } catch {
            throw .sealFailed("the key could not sign: \(error)")
        }
    }
}

/// The seal's certificate: what a sealed PDF carries and what checks it.
public struct SealCertificate: Sendable, Equatable {
    /// The certificate's DER encoding.
    public let der: [UInt8]
    private let publicKeyBytes: Data
    var publicKey: P256.Signing.PublicKey { try! P256.Signing.PublicKey(rawRepresentation: publicKeyBytes) }
    /// Who it names: "Northfield Restorative Justice Service agreement seal".
    public let subject: String
    public let notValidBefore: Date
    public let notValidAfter: Date

    /// SHA-256 of the DER, in hex: the certificate's fingerprint.
    public var fingerprint: String { Digest.hex(SHA256.hash(data: der)) }

    public var pem: String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }

    init(der: [UInt8]) throws(AgreementError) {
        do {
            let certificate = try Certificate(derEncoded: der)
            guard let key = P256.Signing.PublicKey(certificate.publicKey) else {
                throw AgreementError.notSealed("the certificate's key is not an ECDSA P-256 key")
            }
            self.der = der
            publicKeyBytes = key.rawRepresentation
            subject = certificate.subject.description
            notValidBefore = certificate.notValidBefore
            notValidAfter = certificate.notValidAfter
        } catch let error as AgreementError {
            throw error
        } catch {
            throw .notSealed("the certificate cannot be read: \(error)")
        }
    }

    /// Reads a certificate in PEM (or DER).
    public static func read(path: String) throws(AgreementError) -> SealCertificate {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyFile(path, "the seal certificate is missing")
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.contains("PRIVATE KEY") {
            throw .keyFile(path, "this is the seal's private key, not its certificate: never hand the key over; give the certificate (rj-seal.crt)")
        }
        do {
            return try parse(text: text, data: data, path: path)
        } catch {
            throw .keyFile(path, "this is not a certificate (PEM or DER); give the service's seal certificate (rj-seal.crt)")
        }
    }

    private static func parse(text: String, data: Data, path: String) throws(AgreementError) -> SealCertificate {
        if text.contains("-----BEGIN CERTIFICATE-----") {
            let body = text.components(separatedBy: "-----BEGIN CERTIFICATE-----")[1]
                .components(separatedBy: "-----END CERTIFICATE-----")[0]
                .filter { !$0.isWhitespace }
            guard let der = Data(base64Encoded: body) else { throw .keyFile(path, "this is not a certificate in PEM") }
            return try SealCertificate(der: Array(der))
        }
        return try SealCertificate(der: Array(data))
    }

    public static func == (lhs: SealCertificate, rhs: SealCertificate) -> Bool { lhs.der == rhs.der }
}
