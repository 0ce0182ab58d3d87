import CaseFiles
import CommonMark
import Crypto
import Foundation
import Templating

/// Output formats for a document.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case html, md, latex
    /// The HTML page, printed by ``PrintEngine`` (the caller prints it).
    case pdf
}

/// A document ready to write: its Markdown, the rendering in the chosen format,
/// and the fingerprint of its Markdown.
public struct RenderedDocument: Sendable {
    public var kind: DocumentKind
    public var title: String
    public var markdown: String
    public var output: String
    /// SHA-256 of the Markdown, in hex: what a signed paper copy can be checked against.
    public var fingerprint: String
    /// Guidance findings that concern this document (all warnings, or errors under `--draft`).
    public var findings: [Finding]
}

/// Renders a case's documents from templates: a service's own folder first,
/// then the shipped ones. Compiles each template once; renders from any thread.
public struct DocumentRenderer: Sendable {
    public struct Settings: Sendable {
        /// Print "[withheld]" for values the reader may not see, instead of failing.
        public var redact: Bool
        /// Render despite guidance errors, marked DRAFT.
        public var draft: Bool
        /// The date documents are made on (in the footer and letters).
        public var today: CalendarDate
        /// For a reader of Welsh: the Welsh and the English side by side, Welsh first.
        public var bilingual: Bool

        public init(redact: Bool = false, draft: Bool = false, today: CalendarDate, bilingual: Bool = false) {
            self.redact = redact
            self.draft = draft
            self.today = today
            self.bilingual = bilingual
        }
    }

    public let service: Service
    public let settings: Settings
    private let templates: [String: Template]
    /// Where the templates came from, to compile them again with other settings.
    private let folders: (service: URL?, shipped: URL)

    /// - Parameters:
    ///   - serviceTemplates: a service's own templates; any it lacks come from the shipped ones.
    /// - Throws: ``DocumentError/template(_:)`` when a template does not compile.
    public init(service: Service, settings: Settings, serviceTemplates: URL? = nil,
                shippedTemplates: URL = ShippedTemplates.folder) throws(DocumentError) {
        self.service = service
        self.settings = settings
        self.folders = (serviceTemplates, shippedTemplates)
        let folders = [serviceTemplates, shippedTemplates].compactMap { $0 }
        let partials = LayeredPartials(folders.map { DirectoryPartials(folder: $0.appendingPathComponent("partials")) })
        let options = TemplateOptions(escaping: .markdown, strict: true,
                                      withheldPlaceholder: settings.redact ? "[withheld]" : nil)
        var compiled: [String: Template] = [:]
        let names = Set(DocumentKind.allCases.flatMap { kind in
            [nil, Participant.Role.harmed, .responsible, .parentCarer, .supporter].map { kind.templateName(for: $0) }
        })
        for name in names.sorted() {
            guard let url = folders.map({ $0.appendingPathComponent(name + ".md") })
                .first(where: { FileManager.default.fileExists(atPath: $0.path) })
            else { throw .missingTemplate(name) }
            do {
                compiled[name] = try Template(contentsOf: url, options: options, escaping: .markdown, partials: partials)
            } catch {
                throw .template(error)
            }
        }
        // Easy-read and Welsh versions where a folder has them (Welsh with Welsh dates);
        // a reader who needs one and has none gets the plain English one.
        var welsh = options
        welsh.locale = .cyGB
        for (name, options) in DocumentKind.allCases.compactMap({ $0.easyReadName.map { ($0, options) } })
            + DocumentKind.allCases.compactMap({ $0.welshName.map { ($0, welsh) } }) {
            guard let url = folders.map({ $0.appendingPathComponent(name + ".md") })
                .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else { continue }
            do {
                compiled[name] = try Template(contentsOf: url, options: options, escaping: .markdown, partials: partials)
            } catch {
                throw .template(error)
            }
        }
        templates = compiled
    }

    /// The template for `kind` read by `reader`: Welsh for a reader of Welsh,
    /// else the easy-read one when they need easy read and it exists.
    private func template(_ kind: DocumentKind, for reader: Participant?) -> Template {
        if let reader, Languages.isWelsh(reader.language), let name = kind.welshName, let welsh = templates[name] { return welsh }
        if reader?.accessNeeds.contains(.easyRead) == true, let name = kind.easyReadName, let easy = templates[name] { return easy }
        return templates[kind.templateName(for: reader?.role)]!
    }

    /// Renders one document for an audience.
    /// - Throws: ``DocumentError``: checks that fail (unless drafting), values
    ///   the audience may not see (unless redacting), an internal document for
    ///   a participant.
    /// - Parameter appendix: Markdown printed after the document, outside
    ///   the text its fingerprint covers (a signing record); escape every
    ///   value in it.
    public func render(_ kind: DocumentKind, of case: Case, for audience: Audience,
                       format: DocumentFormat = .html, appendix: String? = nil) throws(DocumentError) -> RenderedDocument {
        let reader = try reader(of: `case`, for: audience, kind: kind)
        let context = `case`.templateContext(for: audience, service: service, today: settings.today, redactingNames: settings.redact)
        try Self.checkDisclosures(kind.isInternal ? [] : GuidanceChecks.disclosures(`case`), kind.label)
        return try render(kind, of: `case`, reader: reader, audience: audience, context: context, format: format,
                          appendix: appendix).document
    }

    /// Each document that could not be made for its reader because it would
    /// show a name kept from them (RJ-NAM-001, BPG 2011 §3d.4, footnote 15),
    /// named before anyone tries to render it: the outcome agreement for all
    /// parties, and every document each participant is sent.
    public func withheldNames(_ case: Case) -> [Finding] {
        guard `case`.participants.contains(where: { $0.nameSharedWith != nil }) else { return [] }
        // Strict, so that a kept name fails; a draft, so that other checks do not stop it first.
        let strict: DocumentRenderer
        do {
            strict = try DocumentRenderer(service: service, settings: .init(redact: false, draft: true, today: settings.today),
                                          serviceTemplates: folders.service, shippedTemplates: folders.shipped)
        } catch {
            return []
        }
        var targets: [(DocumentKind, Audience)] = `case`.agreement == nil ? [] : [(.outcomeAgreement, .allParties)]
        for participant in `case`.participants {
            for kind in DocumentKind.pack + (`case`.closure == nil ? [] : [.closingLetter]) {
                targets.append((kind, .participant(participant.id)))
            }
        }
        var findings: [Finding] = []
        for (kind, audience) in targets {
            do {
                _ = try strict.render(kind, of: `case`, for: audience, format: .md)
            } catch {
                guard case .withheldFromReader(_, _, _, let names) = error else { continue }
                let reader = audience == .allParties ? "all parties" : audience.description
                findings.append(Finding(
                    code: "RJ-NAM-001", severity: .warning,
                    message: "the \(kind.label) for \(reader) would show \(names.joined(separator: "; ")): render it with --redact (it prints [withheld] in its place), or widen name_shared_with",
                    reference: "BPG 2011 §3d.4", area: .disclosure, file: `case`.file,
                    location: `case`.namesWithheld(from: audience).first?.location ?? SourceLocation(line: 0, column: 0)))
            }
        }
        return findings
    }

    /// "margaret" or "margaret and the service": who a name is shared with.
    static func describe(_ audiences: [Audience]) -> String {
        let names = audiences.map { $0 == .internal ? "the service" : $0 == .allParties ? "all parties" : $0.description }
        guard names.count > 1 else { return names.first ?? "the service" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// Refuses a document for anyone outside the service while the case's
    /// free text would pass on a contact detail, drafts too: fails closed.
    static func checkDisclosures(_ findings: [Finding], _ document: String) throws(DocumentError) {
        let errors = findings.filter { $0.severity == .error }
        if !errors.isEmpty { throw .wouldDisclose(document, errors) }
    }

    /// Renders with a context already built; also returns the HTML body, for print files.
    private func render(_ kind: DocumentKind, of case: Case, reader: Participant?, audience: Audience, context: TemplateValue,
                        format: DocumentFormat, appendix: String? = nil) throws(DocumentError) -> (document: RenderedDocument, body: String) {
        if kind == .outcomeAgreement && `case`.agreement == nil { throw .noAgreement(`case`.file) }
        if kind == .closingLetter && `case`.closure == nil { throw .notClosed(`case`.file) }
        let findings = kind.blockingAreas.isEmpty
            ? [] : GuidanceChecks.run(`case`).filter { kind.blockingAreas.contains($0.area) }
        let errors = findings.filter { $0.severity == .error }
        if !errors.isEmpty && !settings.draft { throw .checksFailed(kind, errors) }

        let template = template(kind, for: reader)
        var markdown = try fill(template, with: context, kind: kind, of: `case`, for: audience)
        // Welsh and English side by side, Welsh first, when asked for a reader of Welsh.
        var pair: (welsh: String, english: String)?
        if settings.bilingual, let reader, Languages.isWelsh(reader.language), let name = kind.welshName, templates[name] != nil {
            let plain = try fill(templates[kind.templateName(for: reader.role)]!, with: context, kind: kind, of: `case`, for: audience)
            pair = (markdown, plain)
            // The Markdown (and its fingerprint) holds both, the Welsh first, a rule between.
            markdown += "\n\n---\n\n" + plain
        }
        let title = template.frontMatter.title ?? kind.rawValue
        let fingerprint = Self.fingerprint(markdown)
        let output: String
        var body = ""
        switch format {
        case .md:
            output = markdown
        case .latex:
            output = Document.render(markdown: markdown, as: .latex)
        case .html, .pdf:
            if let pair {
                body = "<div class=\"bilingual\">\n<div class=\"language\" lang=\"cy-GB\">\n" + Document.render(markdown: pair.welsh, as: .html)
                    + "</div>\n<div class=\"language\" lang=\"en-GB\">\n" + Document.render(markdown: pair.english, as: .html) + "</div>\n</div>\n"
            } else {
                body = Document.render(markdown: markdown, as: .html)
            }
            let extra = appendix.map { "<section class=\"signing-record\">\n" + Document.render(markdown: $0, as: .html) + "</section>\n" } ?? ""
            output = page(for: `case`, reader: reader, title: title, draft: !errors.isEmpty)
                .render(body: body, fingerprint: fingerprint, appendix: extra)
        }
        let document = RenderedDocument(kind: kind, title: title, markdown: markdown, output: output,
                                        fingerprint: fingerprint, findings: findings)
        return (document, body)
    }

    /// The template filled in, or the reason it cannot be: a value kept from
    /// this reader names whose names, and what to do, besides the template's lines.
    private func fill(_ template: Template, with context: TemplateValue, kind: DocumentKind, of case: Case,
                      for audience: Audience) throws(DocumentError) -> String {
        do {
            return try template.render(context)
        } catch {
            let hidden = `case`.namesWithheld(from: audience)
            if !hidden.isEmpty, error.errors.contains(where: { if case .withheld = $0.reason { true } else if case .filterFailed = $0.reason { true } else { false } }) {
                throw .withheldFromReader(error, document: kind.label, reader: audience == .allParties ? "all parties" : audience.description,
                                          names: hidden.map { "\($0.id)'s name (shared with \(Self.describe($0.nameSharedWith ?? [])) only)" })
            }
            throw .template(error)
        }
    }

    /// A participant's information pack: one HTML page per document, an index,
    /// and one print file with each document on new pages. Large print when the
    /// participant's access needs say so.
    public func pack(of case: Case, for id: String) throws(DocumentError) -> InformationPack {
        let audience = Audience.participant(id)
        guard let participant = `case`.participant(id) else {
            throw .unknownParticipant(id, suggestion: Suggestions.closest(to: id, in: `case`.participants.map(\.id)))
        }
        let context = `case`.templateContext(for: audience, service: service, today: settings.today, redactingNames: settings.redact)
        try Self.checkDisclosures(GuidanceChecks.disclosures(`case`), "information pack for \(id)")
        var documents: [RenderedDocument] = []
        var sections: [(title: String, body: String, fingerprint: String)] = []
        for kind in DocumentKind.pack {
            let (document, body) = try render(kind, of: `case`, reader: participant, audience: audience, context: context, format: .html)
            documents.append(document)
            sections.append((document.title, body, document.fingerprint))
        }
        let page = page(for: `case`, reader: participant, title: "Information pack", draft: false)
        let print = page.render(sections: sections)
        let welsh = Languages.isWelsh(participant.language)
        var index = welsh ? "# Eich pecyn gwybodaeth\n\nAr gyfer \(Escaping.markdown.escape(participant.addressAs)).\n\n"
            : "# Your information pack\n\nFor \(Escaping.markdown.escape(participant.addressAs)).\n\n"
        for (number, document) in documents.enumerated() {
            index += "\(number + 1). [\(Escaping.markdown.escape(document.title))](\(InformationPack.fileName(number, document.kind)))\n"
        }
        index += welsh ? "\n[Popeth mewn un ffeil, i'w argraffu](print.html)\n" : "\n[Everything in one file, for printing](print.html)\n"
        let indexHTML = page.render(body: Document.render(markdown: index, as: .html), fingerprint: Self.fingerprint(index))
        return InformationPack(participant: id, documents: documents, index: indexHTML, print: print)
    }

    private func reader(of case: Case, for audience: Audience, kind: DocumentKind) throws(DocumentError) -> Participant? {
        if kind.isInternal && audience != .internal { throw .internalOnly(kind, audience) }
        guard case .participant(let id) = audience else {
            if kind.needsReader { throw .needsParticipant(kind) }
            return nil
        }
        guard let participant = `case`.participant(id) else {
            throw .unknownParticipant(id, suggestion: Suggestions.closest(to: id, in: `case`.participants.map(\.id)))
        }
        return participant
    }

    private func page(for case: Case, reader: Participant?, title: String, draft: Bool) -> HTMLPage {
        HTMLPage(title: title, language: Self.htmlLanguage(reader?.language ?? "en"), serviceName: service.name,
                 caseReference: `case`.reference, generated: settings.today,
                 largePrint: reader?.needsLargePrint ?? false, welsh: reader.map { Languages.isWelsh($0.language) } ?? false,
                 easyRead: (reader?.accessNeeds.contains(.easyRead) ?? false) && !(reader.map { Languages.isWelsh($0.language) } ?? false),
                 draft: draft)
    }

    /// The page's language is the language it is written in: English, whatever
    /// the reader's, until rj has templates in theirs (a screen reader would
    /// otherwise read English with another language's voice).
    static func htmlLanguage(_ code: String) -> String {
        Languages.isWelsh(code) ? "cy-GB" : "en-GB"
    }

    static func fingerprint(_ markdown: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(markdown.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// The documents of one participant's pack, as HTML pages.
public struct InformationPack: Sendable {
    public var participant: String
    public var documents: [RenderedDocument]
    public var index: String
    public var print: String

    /// `01-cover-letter.html`, `02-information-sheet.html`, …
    public static func fileName(_ number: Int, _ kind: DocumentKind) -> String {
        (number < 9 ? "0" : "") + "\(number + 1)-\(kind.rawValue).html"
    }

    /// Every file of the pack, by name, in order.
    public var files: [(name: String, contents: String)] {
        [("index.html", index)]
            + documents.enumerated().map { (Self.fileName($0.offset, $0.element.kind), $0.element.output) }
            + [("print.html", print)]
    }
}
