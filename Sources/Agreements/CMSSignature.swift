import Crypto
import Foundation

/// A detached CMS signature (RFC 5652) in the CAdES form PAdES B-B asks of
/// a PDF signature (ETSI EN 319 142-1): SignedData over no content, its
/// signer named by issuer and serial number, and signed attributes holding
/// the content type, the SHA-256 of the signed bytes and the signing
/// certificate's hash (ESS signing-certificate-v2). The time of signing is
/// the PDF signature's own (`/M`), as PAdES B-B wants.
enum CMSSignature {
    static let signedData = "1.2.840.113549.1.7.2", data = "1.2.840.113549.1.7.1"
    static let sha256 = "2.16.840.1.101.3.4.2.1", ecdsaWithSHA256 = "1.2.840.10045.4.3.2"
    static let contentType = "1.2.840.113549.1.9.3", messageDigest = "1.2.840.113549.1.9.4"
    static let signingCertificateV2 = "1.2.840.113549.1.9.16.2.47"

    /// Signs the SHA-256 digest of the PDF's signed bytes.
    static func sign(digest: [UInt8], with key: SealKey) throws(AgreementError) -> [UInt8] {
        typealias D = DERBytes
        let certificate = key.certificate.der
        let certificateHash = Array(SHA256.hash(data: certificate))
        let attributes = [
            D.sequence(D.oid(contentType), D.set([D.oid(data)])),
            D.sequence(D.oid(messageDigest), D.set([D.octets(digest)])),
            // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; SHA-256 is the default hash.
            D.sequence(D.oid(signingCertificateV2), D.set([D.sequence(D.sequence(D.sequence(D.octets(certificateHash))))])),
        ]
        // The signature covers the attributes as a SET OF; the SignerInfo holds them as [0].
        let signedSet = D.set(attributes)
        let signature = try key.sign(signedSet)
        let (issuer, serial) = try issuerAndSerial(of: certificate)
        let signerInfo = D.sequence(
            D.integer(1),
            D.sequence(issuer, serial),
            D.sequence(D.oid(sha256)),
            [D.context(0)] + signedSet.dropFirst(),
            D.sequence(D.oid(ecdsaWithSHA256)),
            D.octets(signature))
        let content = D.sequence(
            D.integer(1),
            D.set([D.sequence(D.oid(sha256))]),
            D.sequence(D.oid(data)),
            D.value(D.context(0), certificate),
            D.set([signerInfo]))
        return D.sequence(D.oid(signedData), D.value(D.context(0), content))
    }

    /// A signature read back, and what it says.
    struct Parsed {
        /// The certificate it carries (DER).
        var certificate: [UInt8]
        /// The digest of the signed bytes, as its attributes hold it.
        var messageDigest: [UInt8]
        /// Whether the signature over its attributes is valid under the carried certificate's key.
        var signatureValid: Bool
        /// Whether its signing-certificate attribute names the carried certificate.
        var namesItsCertificate: Bool
    }

    /// Reads a signature (the PDF's `/Contents`, with the zeros after it).
    static func parse(_ bytes: [UInt8]) throws(AgreementError) -> Parsed {
        do {
            return try read(bytes)
        } catch {
            throw .notSealed("its signature is not a CMS signature rj can read")
        }
    }

    private static func read(_ bytes: [UInt8]) throws -> Parsed {
        let top = try DERBytes.Node.parse(bytes).children()
        guard top.count == 2, Array(top[0].encoded) == DERBytes.oid(signedData), top[1].tag == DERBytes.context(0) else {
            throw DERError()
        }
        let fields = try top[1].children().first.map { try $0.children() } ?? []
        guard let certificates = fields.first(where: { $0.tag == DERBytes.context(0) }),
              let certificate = try certificates.children().first,
              let signerInfos = fields.last, signerInfos.tag == DERBytes.set,
              let signerInfo = try signerInfos.children().first
        else { throw DERError() }
        let info = try signerInfo.children()
        guard let attributes = info.first(where: { $0.tag == DERBytes.context(0) }),
              let signature = info.last, signature.tag == DERBytes.octetString
        else { throw DERError() }
        var digest: [UInt8] = []
        var namesCertificate = false
        let certificateHash = Array(SHA256.hash(data: Array(certificate.encoded)))
        for attribute in try attributes.children() {
            let parts = try attribute.children()
            guard parts.count == 2 else { continue }
            let type = Array(parts[0].encoded)
            if type == DERBytes.oid(messageDigest), let value = try parts[1].children().first {
                digest = Array(value.content)
            } else if type == DERBytes.oid(signingCertificateV2) {
                // SET { SEQUENCE { SEQUENCE OF { SEQUENCE { [hashAlgorithm] certHash ... } } } }
                let ids = try parts[1].children().first?.children().first?.children() ?? []
                for id in ids {
                    let fields = try id.children()
                    guard let hash = fields.first(where: { $0.tag == DERBytes.octetString }),
                          Array(hash.content) == certificateHash else { continue }
                    // The hash algorithm, when named, must be SHA-256 (the default).
                    if let algorithm = fields.first(where: { $0.tag == DERBytes.sequence }),
                       try algorithm.children().first.map({ Array($0.encoded) }) != DERBytes.oid(sha256) { continue }
                    namesCertificate = true
                }
            }
        }
        let signed = [DERBytes.set] + Array(attributes.encoded.dropFirst())
        let sealCertificate = try SealCertificate(der: Array(certificate.encoded))
        let valid = (try? P256.Signing.ECDSASignature(derRepresentation: Array(signature.content)))
            .map { sealCertificate.publicKey.isValidSignature($0, for: signed) } ?? false
        return Parsed(certificate: Array(certificate.encoded), messageDigest: digest, signatureValid: valid,
                      namesItsCertificate: namesCertificate)
    }

    /// The certificate's issuer name and serial number, as its DER holds them.
    private static func issuerAndSerial(of certificate: [UInt8]) throws(AgreementError) -> ([UInt8], [UInt8]) {
        do {
            let tbs = try DERBytes.Node.parse(certificate).children()[0].children()
            // TBSCertificate: [0] version, serialNumber, signature, issuer, …
            let offset = tbs[0].tag == DERBytes.context(0) ? 1 : 0
            return (Array(tbs[offset + 2].encoded), Array(tbs[offset].encoded))
        } catch {
            throw .sealFailed("the seal certificate cannot be read")
        }
    }
}
