import CaseFiles
import Crypto
import Documents
import Foundation
import LetterReview
import Templating

/// Why an agreement could not be signed, sealed or checked. Nothing was
/// changed, and no file was written.
public enum AgreementError: Error, Sendable, CustomStringConvertible {
    /// The seal's key or certificate file: missing, unreadable, not a key, readable by others.
    case keyFile(String, String)
    /// `keys init` never writes over a key.
    case keyExists(String)
    /// The file is not a sealed agreement (or not one rj can read).
    case notSealed(String)
    case sealFailed(String)
    case document(DocumentError)
    /// The store refused or failed.
    case store(LetterError)

    public var description: String {
        switch self {
        case .keyFile(let path, let problem): "\(path): \(problem)"
        case .keyExists(let path): "\(path) already exists; rj never writes over a seal key or its certificate"
        case .notSealed(let reason): "this is not a sealed agreement: \(reason)"
        case .sealFailed(let reason): "the agreement could not be sealed: \(reason)"
        case .document(let error): "\(error)"
        case .store(let error): error.description
        }
    }
}

/// A sealed agreement: the PDF and what the store recorded of it.
public struct SealedAgreement: Sendable {
    public var pdf: [UInt8]
    public var record: AgreementRecord
    public var sealRecord: SealRecord
}

/// Outcome agreements from text to seal: the text every signatory signs,
/// its signatures (kept in the store, ``ReviewQueue``), and the sealed PDF.
public enum Agreement {
    /// The agreement's exact text, as every party reads it: what is signed.
    public static func text(of loaded: Case, renderer: DocumentRenderer) throws(AgreementError) -> AgreementText {
        do {
            let document = try renderer.render(.outcomeAgreement, of: loaded, for: .allParties, format: .md)
            return AgreementText(caseReference: loaded.reference, markdown: document.markdown)
        } catch {
            throw .document(error)
        }
    }

    /// Prints the agreement with its signing record, seals the PDF with the
    /// service's key, and records the seal in the store (with the PDF's
    /// SHA-256, and on the audit trail). Refused unless every signatory
    /// signed the text as it is now, and the actor may seal.
    /// Sealing the same text a second time (a sealed copy lost) is asked for with `again`.
    public static func seal(_ loaded: Case, renderer: DocumentRenderer, queue: ReviewQueue, key: SealKey,
                            today: CalendarDate, now: Date = Date(), again: Bool = false,
                            by actor: Actor) throws(AgreementError) -> SealedAgreement {
        let text = try text(of: loaded, renderer: renderer)
        let status: AgreementStatus
        do {
            status = try queue.agreementStatus(agreement: text, case: loaded, for: .sealAgreement, by: actor)
        } catch {
            throw .store(error)
        }
        guard status.isFullySigned else {
            throw .store(.notFullySigned(caseReference: loaded.reference, unsigned: status.unsigned,
                                         signedEarlier: status.unsigned.filter { status.mustSignAgain[$0] != nil }))
        }
        if !again, let sealed = status.seal {
            throw .store(.alreadySealed(caseReference: loaded.reference, version: sealed.version, on: sealed.onDate))
        }
        let names = (try? queue.staffNames(by: actor)) ?? [:]
        let sealedBy = names[actor.staffId] ?? actor.staffId
        let record = SealRecord(
            service: renderer.service.name, caseReference: loaded.reference, version: status.version, textHash: text.hash,
            sealedBy: sealedBy, sealedOn: today.description,
            signatures: status.signatories.compactMap { status.signed[$0.id] }.map { signature in
                SealRecord.Signature(name: signature.personName ?? signature.person ?? "?",
                                     method: signature.signatureMethod?.label ?? signature.method ?? "?",
                                     date: signature.onDate, witness: signature.staffName)
            })
        let printed: RenderedDocument
        do {
            printed = try renderer.render(.outcomeAgreement, of: loaded, for: .allParties, format: .pdf,
                                          appendix: signingRecord(status, record: record, today: today))
        } catch {
            throw .document(error)
        }
        guard printed.fingerprint == text.hash else { throw .sealFailed("the printed text is not the text signed") }
        let pdf: [UInt8]
        do {
            pdf = try PrintEngine.pdf(fromHTML: printed.output)
        } catch {
            throw .document(error)
        }
        let sealed = try PDFSeal.seal(pdf, record: record, key: key, at: now)
        let hash = Digest.hex(SHA256.hash(data: sealed))
        do {
            let stored = try queue.recordSeal(agreement: text, case: loaded, pdfHash: hash,
                                              certificate: key.certificate.fingerprint, today: today.description,
                                              again: again, by: actor)
            return SealedAgreement(pdf: sealed, record: stored, sealRecord: record)
        } catch {
            throw .store(error)
        }
    }

    /// Checks a sealed PDF against the service's certificate (or, without
    /// one, says only whether it is unchanged since whoever sealed it).
    public static func verify(_ pdf: [UInt8], certificate: SealCertificate?) throws(AgreementError) -> SealVerification {
        try PDFSeal.verify(pdf, certificate: certificate)
    }

    /// The signing record printed after the agreement: each signature, who
    /// witnessed it, and what the seal is. Every value escaped.
    static func signingRecord(_ status: AgreementStatus, record: SealRecord, today: CalendarDate) -> String {
        let escape = { (text: String) in Escaping.markdown.escape(text) }
        var lines = ["## Signing record", ""]
        for (id, name) in status.signatories {
            guard let signature = status.signed[id] else { continue }
            var line = "- **\(escape(name))**: \(escape(signature.signatureMethod?.label ?? signature.method ?? "signed"))"
            if let typed = signature.typedName { line += " “\(escape(typed))”, agreeing: “\(escape(signature.words ?? ""))”" }
            if let paper = signature.paperHeldAt { line += " (the signed paper is kept: \(escape(paper)))" }
            line += ", on \(escape(CalendarDate(iso: signature.onDate)?.formatted() ?? signature.onDate)),"
            line += " witnessed by \(escape(signature.staffName))."
            lines.append(line)
        }
        lines += ["", "Sealed by \(escape(record.service)) on \(escape(today.formatted())) (\(escape(record.sealedBy))), "
                  + "version \(record.version) of this agreement. The seal is a digital signature inside this PDF: "
                  + "a PDF reader, or `rj agreement verify`, shows whether any part of the file has changed since.", ""]
        return lines.joined(separator: "\n")
    }
}
