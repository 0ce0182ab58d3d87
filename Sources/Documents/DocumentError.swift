import CaseFiles
import Templating

/// Why a document was not produced.
public enum DocumentError: Error, Sendable, CustomStringConvertible {
    /// The template or its data failed: missing names, withheld values shown.
    case template(TemplateErrors)
    /// The template shows a value its reader may not see: a name kept from them.
    case withheldFromReader(TemplateErrors, document: String, reader: String, names: [String])
    /// Guidance checks found errors; `--draft` renders it marked DRAFT instead.
    case checksFailed(DocumentKind, [Finding])
    /// The document would pass a contact detail to someone outside the
    /// service; `--draft` does not change that.
    case wouldDisclose(String, [Finding])
    /// An internal document asked for a participant or all parties.
    case internalOnly(DocumentKind, Audience)
    /// A pack document needs one participant to write to.
    case needsParticipant(DocumentKind)
    case unknownParticipant(String, suggestion: String?)
    case missingTemplate(String)
    /// An outcome agreement asked of a case that records none.
    case noAgreement(String)
    /// A closing letter asked of a case that is not closed.
    case notClosed(String)
    /// PDF could not be made: the print engine is missing or failed.
    case printEngine(String)

    public var description: String {
        switch self {
        case .template(let errors):
            return errors.description
        case .withheldFromReader(let errors, let document, let reader, let names):
            return errors.description
                + "\nerror: the \(document) for \(reader) would show what \(reader == "all parties" ? "some of them" : reader) may not know: \(names.joined(separator: "; ")); "
                + "render it with --redact to print [withheld] in its place, or widen name_shared_with in the case file"
        case .checksFailed(let kind, let findings):
            return findings.map(\.description).joined(separator: "\n")
                + "\nerror: the \(kind.label) is not ready: fix the errors above, or render it with --draft"
        case .wouldDisclose(let document, let findings):
            return findings.map(\.description).joined(separator: "\n")
                + "\nerror: the \(document) would pass on what the errors above name; take it out of the case file (--draft does not change this)"
        case .internalOnly(let kind, let audience):
            return "error: the \(kind.label) is for the service only (BPG 2011 §3d.4); it cannot be rendered for \(audience)"
        case .needsParticipant(let kind):
            return "error: the \(kind.label) is written to one participant; name them with --for ID"
        case .unknownParticipant(let id, let suggestion):
            return "error: no participant has the id '\(id)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case .notClosed(let file):
            return "\(file): error: the case is not closed, so it has no closing letter yet; add closure: with its date and reason (completed, partly-completed, not-completed, withdrawn, not-suitable or declined)"
        case .noAgreement(let file):
            return "\(file): error: the case has no agreement yet; add agreement: with its actions to the case file"
        case .printEngine(let message):
            return "error: \(message)"
        case .missingTemplate(let name):
            return "error: no template named '\(name).md' in the service's templates or the shipped ones"
        }
    }
}
