import CaseFiles
import Foundation
import LetterReview
import Templating

/// What the service holds about one participant, for their request to see
/// it (UK GDPR Art. 15; BPG 2011 §G.5, footnote 15): their own details, the
/// case as they may see it, the information about them or shared with them,
/// the agreement, their letters and the letters released to them. Built from
/// the case as its rules show it to that participant (a value they may not
/// see is never read out), so that the export discloses "a participant's own
/// information to them, without disclosing any information about the other
/// party, other than that which they have agreed may be shared".
public struct SubjectAccess: Sendable {
    public var reference: String
    public var participant: String
    public var today: CalendarDate
    public var sections: [Section]
    /// The language of the page: the participant's own.
    public var language: String

    /// One part of the export: a heading, and facts or texts under it.
    public struct Section: Sendable {
        public var id: String
        public var title: String
        public var items: [Item]
    }

    public enum Item: Sendable {
        /// A labelled fact: "Consent given: yes, on 3 February 2026".
        case fact(String, String)
        /// A text in the participant's or another's words, kept as written.
        case text(String, String)
        /// A sentence.
        case note(String)
    }

    /// - Parameters:
    ///   - records: what the letter store holds about them; nil when no store was read.
    public init(case loaded: Case, participant id: String, service: Service, records: ParticipantRecords?,
                today: CalendarDate) throws {
        guard let person = loaded.participant(id) else {
            throw SubjectAccessError.noSuchParticipant(id, known: loaded.participants.map(\.id))
        }
        reference = loaded.reference
        participant = id
        self.today = today
        language = person.language
        let context = loaded.templateContext(for: .participant(id), service: service, today: today, redactingNames: true)
        var sections: [Section] = []

        // Their own details: all of them are theirs to see.
        var about: [Item] = [.fact("Name", person.name), .fact("We address you as", person.addressAs),
                             .fact("Your part in the case", person.role.label)]
        if let pronouns = person.pronouns { about.append(.fact("Pronouns", pronouns)) }
        about.append(.fact("Language", Languages.name(person.language) ?? person.language))
        if !person.accessNeeds.isEmpty { about.append(.fact("Access needs", person.accessNeeds.map(\.rawValue).joined(separator: ", "))) }
        if let age = person.age { about.append(.fact("Age", String(age))) }
        if let contact = person.contact { about.append(.fact("How to contact you", contact)) }
        if let consent = person.consent {
            about.append(.fact("Consent to take part", (consent.given ? "given" : "declined") + (consent.date.map { ", on \(Self.day($0))" } ?? "")))
        }
        if let feedback = person.feedback {
            var said: [String] = []
            if let score = feedback.satisfaction { said.append("satisfaction \(score) out of 5") }
            if let recommend = feedback.wouldRecommend { said.append(recommend ? "would recommend it" : "would not recommend it") }
            if let safe = feedback.feltSafe { said.append(safe ? "felt safe" : "did not feel safe") }
            about.append(.fact("Your feedback" + (feedback.date.map { " (\(Self.day($0)))" } ?? ""), said.joined(separator: "; ")))
            if let comments = feedback.comments { about.append(.text("What you said", comments)) }
        }
        sections.append(Section(id: "about-you", title: "About you", items: about))

        // The case as every party sees it, and the others taking part as far as they agreed.
        var facts: [Item] = [.fact("Case reference", loaded.reference)]
        if let kind = context["incident"]?["kind"].flatMap(Self.text) {
            facts.append(.fact("What happened", kind + (context["incident"]?["date"].flatMap(Self.text).map { ", \($0)" } ?? "")))
        }
        if let process = context["process"]?["label"].flatMap(Self.text) { facts.append(.fact("How people communicated", process)) }
        for step in Self.list(context["process"]?["steps"]) {
            if let what = step["what"].flatMap(Self.text) {
                facts.append(.fact("Step" + (step["date"].flatMap(Self.text).map { " (\($0))" } ?? ""), what))
            }
        }
        let facilitators = Self.list(context["facilitators"]).compactMap { $0["name"].flatMap(Self.text) }
        if !facilitators.isEmpty { facts.append(.fact("Facilitators", facilitators.joined(separator: ", "))) }
        // Only those whose names they may know: a participant kept from them is not hinted at either.
        for other in Self.list(context["participants"]) where other["is_reader"] != .bool(true) {
            guard let name = other["name"].flatMap(Self.text) else { continue }
            facts.append(.fact("Also taking part", "\(name) (\(other["role_label"].flatMap(Self.text) ?? "participant"))"))
        }
        if let closure = context["closure"], closure != .null {
            facts.append(.fact("Case closed", [closure["date"].flatMap(Self.text), closure["reason_label"].flatMap(Self.text)]
                .compactMap { $0 }.joined(separator: ", ")))
        }
        sections.append(Section(id: "case", title: "Your case", items: facts))

        let information = Self.list(context["information"]).compactMap { item -> Item? in
            guard let text = item["text"].flatMap(Self.text) else { return nil }
            let about = item["about_reader"] == .bool(true) ? "About you" : item["about_name"].flatMap(Self.text).map { "About \($0)" } ?? "Shared with you"
            return .text(about, text)
        }
        if !information.isEmpty { sections.append(Section(id: "information", title: "Information about you, or shared with you", items: information)) }

        if let agreement = context["agreement"], agreement != .null {
            var items: [Item] = []
            if let date = agreement["date"].flatMap(Self.text) { items.append(.fact("Made on", date)) }
            for (index, action) in Self.list(agreement["actions"]).enumerated() {
                guard let description = action["description"].flatMap(Self.text) else { continue }
                var parts = [description]
                if let who = action["responsible_name"].flatMap(Self.text) { parts.append("By: \(who).") }
                if let due = action["outcome"]?["due"].flatMap(Self.text) ?? action["due"].flatMap(Self.text) { parts.append("By when: \(due).") }
                if let schedule = action["schedule"].flatMap(Self.text) { parts.append("When: \(schedule).") }
                if let standing = action["outcome"]?["standing"].flatMap(Self.text) { parts.append("Where it stands: \(standing).") }
                items.append(.text("Action \(index + 1)", parts.joined(separator: " ")))
            }
            for payment in Self.list(agreement["money"]) {
                guard let amount = payment["amount"], case .double(let value) = amount else { continue }
                let payer = payment["payer_name"].flatMap(Self.text), payee = payment["payee_name"].flatMap(Self.text)
                guard payer != nil || payee != nil else { continue }
                items.append(.fact("Money", String(format: "£%.2f", value) + (payer.map { " from \($0)" } ?? "") + (payee.map { " to \($0)" } ?? "")))
            }
            for step in records?.agreement ?? [] {
                let what = switch step.kind {
                case .signature: "You signed version \(step.version)" + (step.method.map { " (\($0))" } ?? "")
                case .copy: "You were given a copy of version \(step.version)" + (step.method.map { " (\($0))" } ?? "")
                case .seal: "The service sealed version \(step.version)"
                }
                items.append(.fact(what, CalendarDate(iso: step.on).map(Self.day) ?? step.on))
            }
            sections.append(Section(id: "agreement", title: "The outcome agreement", items: items))
        }

        if let records {
            var items: [Item] = []
            // Another participant is named only as far as this participant may know their name.
            let names = Dictionary(Self.list(context["participants"]).compactMap { other -> (String, String)? in
                guard let id = other["id"].flatMap(Self.text) else { return nil }
                return (id, other["name"].flatMap(Self.text) ?? "another participant")
            }, uniquingKeysWith: { first, _ in first })
            for letter in records.letters {
                let other = names[letter.otherParty] ?? "another participant"
                let heading = letter.wrote ? "Your letter to \(other)" : "A letter to you from \(other)"
                items.append(.note("\(heading), received by the service on \(Self.day(letter.receivedAt))"
                                   + (letter.releasedAt.map { "; handed over on \(Self.day($0))" } ?? "") + "."))
                for text in letter.texts {
                    items.append(.text(letter.wrote ? "Version \(text.version), as you wrote it" : "As it was handed to you", text.text))
                }
                for step in letter.steps { items.append(.fact(Self.day(step.at), step.what)) }
            }
            if items.isEmpty { items.append(.note("The service holds no letters written by you, or released to you.")) }
            sections.append(Section(id: "letters", title: "Letters", items: items))
        }

        sections.append(Section(id: "left-out", title: "What this copy leaves out", items: [
            .note("Records the service keeps for its own work (the referral, notes on the incident, the risk assessment and notes on closing the case), anything another participant did not agree to share with you, and letters to you that were not handed over are not in this copy. If you want to see those, ask the service: its data protection lead will decide, as the law allows, and tell you why if something is withheld."),
        ] + (records == nil ? [.note("Letters were not included in this copy.")] : [])))
        self.sections = sections
    }

    /// "3 February 2026" from a date or the start of a timestamp.
    static func day(_ text: String) -> String {
        CalendarDate(iso: text.prefix(10)).map(day) ?? text
    }

    static func day(_ date: CalendarDate) -> String { date.formatted() }

    static func text(_ value: TemplateValue) -> String? {
        switch value {
        case .string(let text): text
        case .date(let date): day(date)
        case .int(let number): String(number)
        default: nil
        }
    }

    static func list(_ value: TemplateValue?) -> [TemplateValue] {
        if case .list(let items)? = value { return items }
        return []
    }
}

public enum SubjectAccessError: Error, CustomStringConvertible {
    case noSuchParticipant(String, known: [String])

    public var description: String {
        switch self {
        case .noSuchParticipant(let id, let known):
            "the case has no participant '\(id)'; its participants are \(known.joined(separator: ", "))"
        }
    }
}

extension SubjectAccess {
    /// The export as JSON: each section's facts, texts and notes in order.
    public var json: String {
        struct Entry: Encodable {
            var kind: String
            var label: String?
            var value: String
        }
        struct Part: Encodable {
            var id: String
            var title: String
            var entries: [Entry]
        }
        struct Document: Encodable {
            var caseReference: String
            var participant: String
            var made: String
            var sections: [Part]
        }
        let document = Document(caseReference: reference, participant: participant, made: today.description, sections: sections.map { section in
            Part(id: section.id, title: section.title, entries: section.items.map { item in
                switch item {
                case .fact(let label, let value): Entry(kind: "fact", label: label, value: value)
                case .text(let label, let value): Entry(kind: "text", label: label, value: value)
                case .note(let value): Entry(kind: "note", label: nil, value: value)
                }
            })
        })
        return Report.jsonText(document)
    }

    /// The export as a page to read on screen or print: every value escaped.
    public func html(service: String) -> String {
        func e(_ text: String) -> String { HTMLText.escape(text) }
        var body = ""
        for section in sections {
            body += "<section aria-labelledby=\"\(section.id)\">\n<h2 id=\"\(section.id)\">\(e(section.title))</h2>\n"
            var facts = ""
            func flush() {
                guard !facts.isEmpty else { return }
                body += "<dl>\n\(facts)</dl>\n"
                facts = ""
            }
            for item in section.items {
                switch item {
                case .fact(let label, let value):
                    facts += "<dt>\(e(label))</dt><dd>\(e(value))</dd>\n"
                case .text(let label, let value):
                    flush()
                    body += "<h3>\(e(label))</h3>\n<blockquote>\(e(value))</blockquote>\n"
                case .note(let value):
                    flush()
                    body += "<p>\(e(value))</p>\n"
                }
            }
            flush()
            body += "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(e(language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Your information: case \(e(reference))</title>
            <style>
            body { font: 1.05rem/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
            h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #888; } h3 { font-size: 1rem; margin-bottom: .25rem; }
            dl { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: .25rem 1rem; }
            dt { font-weight: 600; } dd { margin: 0; }
            blockquote { white-space: pre-wrap; margin: 0 0 1rem; padding: .5rem 1rem; border-left: 4px solid #555; background: #f4f4f4; }
            @media print { body { margin: 0; max-width: none; } blockquote { background: none; } }
            </style>
            </head>
            <body>
            <main>
            <h1>Your information</h1>
            <p>\(e(service)) · case \(e(reference)) · made on \(e(Self.day(today)))</p>
            <p>This is a copy of the information we hold about you. If anything here is wrong, tell us and we will correct it.</p>
            \(body)</main>
            </body>
            </html>

            """
    }
}
