import Foundation

/// The exact text of an outcome agreement, as its signatories read it: the
/// Markdown the agreement renders to for every party, and its SHA-256. Each
/// text signed is kept as a version of the case's agreement, so that a
/// varied agreement never loses the one signed before it.
public struct AgreementText: Sendable, Equatable {
    public var caseReference: String
    public var markdown: String
    /// SHA-256 of the Markdown, in hex: the document's fingerprint.
    public var hash: String

    public init(caseReference: String, markdown: String) {
        self.caseReference = caseReference
        self.markdown = markdown
        hash = Digest.sha256(markdown)
    }
}

/// How a signatory signed (RJC Service Provider Code; BPG 2011 §3b.9).
public enum SignatureMethod: String, Codable, Sendable, CaseIterable {
    /// In ink, on paper the service keeps.
    case wet
    /// Their name typed, with the words they agreed to (an electronic signature, Law Com No 386).
    case typed
    /// Drawn or confirmed on a screen the facilitator held, with the words they agreed to.
    case onScreen = "on-screen"

    public var label: String {
        switch self {
        case .wet: "signed on paper"
        case .typed: "typed signature"
        case .onScreen: "signed on screen"
        }
    }
}

/// One thing recorded about a case's outcome agreement.
public enum AgreementRecordKind: String, Codable, Sendable {
    /// A signatory signed a version of the text, witnessed by a facilitator.
    case signature
    /// The service sealed a version every signatory had signed, as a PDF.
    case seal
    /// Someone named in `copies` was given their copy (BPG 2011 §3b.10).
    case copy
}

/// A signature, seal or copy given, as the store keeps it. Each has a
/// sealed audit entry with its state, so that a change made outside rj is
/// found by `verify`.
public struct AgreementRecord: Codable, Sendable, Equatable {
    public var id: Int64?
    public var office: String
    public var caseReference: String
    public var kind: AgreementRecordKind
    /// The version of the agreement's text it concerns, and that text's SHA-256.
    public var version: Int
    public var textHash: String
    /// The participant who signed or was given a copy (their id in the case), and their name then.
    public var person: String?
    public var personName: String?
    /// How they signed (a signature), or how the copy was given (a copy).
    public var method: String?
    /// The day it happened, YYYY-MM-DD.
    public var onDate: String
    /// The member of staff who witnessed, sealed or gave the copy, and their name.
    public var staffId: String
    public var staffName: String
    /// A typed or on-screen signature: the name as typed and the words agreed to.
    public var typedName: String?
    public var words: String?
    /// A wet signature: where the signed paper is held.
    public var paperHeldAt: String?
    /// A seal: the SHA-256 of the sealed PDF and of the certificate that sealed it.
    public var pdfHash: String?
    public var certificate: String?
    public var recordedAt: String

    public var signatureMethod: SignatureMethod? { method.flatMap(SignatureMethod.init(rawValue:)) }
}

/// One version of a case's agreement text, kept once anyone signed it.
public struct AgreementVersion: Codable, Sendable, Equatable {
    public var id: Int64?
    public var office: String
    public var caseReference: String
    public var number: Int
    public var textHash: String
    public var markdown: String
    public var recordedAt: String
}

/// What a signatory asks to have recorded.
public struct SignatureRequest: Sendable {
    public var signatory: String
    public var method: SignatureMethod
    /// The day they signed (default: today).
    public var date: String?
    /// A typed or on-screen signature: their name as they typed it.
    public var typedName: String?
    /// The words they agreed to; the default is ``SignatureRequest/agreedWords``.
    public var words: String?
    /// A wet signature: where the signed paper is kept.
    public var paperHeldAt: String?

    /// What a signatory agrees to when they sign electronically.
    public static let agreedWords = "I have read this agreement and I agree to it"

    public init(signatory: String, method: SignatureMethod, date: String? = nil, typedName: String? = nil,
                words: String? = nil, paperHeldAt: String? = nil) {
        self.signatory = signatory
        self.method = method
        self.date = date
        self.typedName = typedName
        self.words = words
        self.paperHeldAt = paperHeldAt
    }
}

/// Where a case's agreement stands: who has signed the text as it is now,
/// who signed an earlier text and must sign again, who has not signed, and
/// whether it is sealed and copies given.
public struct AgreementStatus: Sendable {
    public var caseReference: String
    public var text: AgreementText
    /// The version number the current text has, or would have once signed.
    public var version: Int
    /// Whether the current text differs from a version someone signed.
    public var changedSinceSigned: Bool
    /// Each signatory (id, name), in the agreement's order.
    public var signatories: [(id: String, name: String)]
    /// The signatures of the current text, by signatory.
    public var signed: [String: AgreementRecord]
    /// Signatories whose only signatures are of an earlier text: they must sign again.
    public var mustSignAgain: [String: AgreementRecord]
    public var seals: [AgreementRecord]
    public var copies: [AgreementRecord]
    /// Every record of the case, every version, oldest first.
    public var history: [AgreementRecord]
    public var versions: [AgreementVersion]

    /// Signatories who have not signed the current text.
    public var unsigned: [String] { signatories.map(\.id).filter { signed[$0] == nil } }
    public var isFullySigned: Bool { !signatories.isEmpty && unsigned.isEmpty }
    /// The seal of the current text, if there is one.
    public var seal: AgreementRecord? { seals.last }
}
