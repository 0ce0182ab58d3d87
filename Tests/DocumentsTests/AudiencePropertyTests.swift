import CaseFiles
import Documents
import Foundation
import Reports
import Testing

/// Many generated cases, every document for every audience: nothing a reader
/// may not see ever appears in what is rendered for them, whether the render
/// redacts or fails.
struct AudiencePropertyTests {
    /// A generated case file, and for each secret token in it, who may see it.
    struct GeneratedCase {
        var yaml: String
        var secrets: [(token: String, visibility: Visibility)]
        var participants: [String]
        /// The closure note, for the service only: no participant's document shows it, nor the risk assessment.
        var closureNote: String?
    }

    struct Generator {
        var state: UInt64
        var counter = 0

        mutating func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }

        mutating func token() -> String {
            counter += 1
            return "zq\(counter)x\(random(1000))"
        }

        mutating func generate() -> GeneratedCase {
            var secrets: [(String, Visibility)] = []
            let roles = ["harmed", "responsible", "supporter", "parent-carer", "community"]
            let count = 2 + random(4)
            let ids = (0..<count).map { "p\($0)" }
            var yaml = "reference: GEN-\(counter)\n"
            let referral = token(), summary = token(), riskNote = token(), measure = token()
            secrets += [(referral, .serviceOnly), (summary, .serviceOnly), (riskNote, .serviceOnly), (measure, .serviceOnly)]
            yaml += "referral:\n  source: Source \(referral)\n  date: 2026-01-02\n"
            yaml += "incident:\n  kind: Theft\n  date: 2026-01-01\n  summary: What happened \(summary)\n"
            yaml += "participants:\n"
            var names: [String: String] = [:]
            for (index, id) in ids.enumerated() {
                let name = token(), contact = token()
                names[id] = name
                let role = index == 0 ? "harmed" : index == 1 ? "responsible" : roles[random(roles.count)]
                yaml += "  - id: \(id)\n    role: \(role)\n    name: Name \(name)\n    contact: Phone \(contact)\n"
                yaml += "    consent: { given: true, date: 2026-01-05 }\n"
                if random(2) == 0 { yaml += "    access_needs: [large-print]\n" }
                var nameVisibility = Visibility.everyone
                switch random(3) {
                case 0:
                    yaml += "    name_shared_with: [internal]\n"
                    nameVisibility = .only([id])
                case 1:
                    let other = ids[random(ids.count)]
                    yaml += "    name_shared_with: [\(other)]\n"
                    nameVisibility = .only([id, other])
                default:
                    break
                }
                secrets += [(name, nameVisibility), (contact, .only([id]))]
            }
            yaml += "facilitators:\n  - name: Facilitator One\n    role: lead\n"
            yaml += "process:\n  kind: \(["face-to-face", "shuttle", "letters"][random(3)])\n  steps:\n"
            for _ in 0..<(1 + random(3)) {
                let step = token()
                let with = Set((0..<(1 + random(2))).map { _ in ids[random(ids.count)] })
                yaml += "    - what: Visit \(step)\n      date: 2026-01-10\n      with: [\(with.sorted().joined(separator: ", "))]\n"
                secrets.append((step, .only(with)))
            }
            yaml += "  meeting:\n    date: 2026-02-01\n    place: The hall\n"
            yaml += "risk:\n  date: 2026-01-20\n  decision: proceed-direct\n  measures: [Measure \(measure)]\n  factors:\n"
            yaml += "    intimidation: { rating: low, notes: Notes \(riskNote) }\n"
            yaml += "agreement:\n  date: 2026-02-01\n  binding: voluntary\n  consequences: Talk again.\n  actions:\n"
            for _ in 0..<(1 + random(3)) {
                let recipient = ids[random(ids.count)]
                // Free text names people too: a name kept from a reader must not reach them this way either.
                yaml += "    - description: Do the work for Name \(names[recipient]!)'s garden.\n      responsible: \(ids[1])\n      recipient: \(recipient)\n"
                yaml += "      recipient_agreed: true\n      due: 2026-03-01\n      monitor: Facilitator One\n"
            }
            yaml += "  money:\n    - amount: 20\n      payer: \(ids[1])\n      payee: \(ids[0])\n      method: cash\n      witness: F\n"
            yaml += "  signatories: [\(ids.joined(separator: ", "))]\n  copies: [\(ids.joined(separator: ", "))]\n"
            yaml += "information:\n"
            for index in 0..<(1 + random(4)) {
                let text = token()
                let about = ids[random(ids.count)]
                let sharedWith: [String] = switch random(3) {
                case 0: ["all-parties"]
                case 1: [ids[random(ids.count)]]
                default: []
                }
                yaml += "  - id: item\(index)\n    about: \(about)\n    text: Item \(text), said by Name \(names[about]!).\n    shared_with: [\(sharedWith.joined(separator: ", "))]\n"
                secrets.append((text, Visibility(sharedWith: sharedWith.map(Audience.init), plus: [about])))
            }
            // Half the cases are closed, with a note for the service only.
            var closureNote: String?
            if random(2) == 0 {
                let note = token()
                closureNote = note
                yaml += "closure:\n  date: 2026-04-01\n  reason: completed\n  note: Note \(note)\n"
                secrets.append((note, .serviceOnly))
            }
            return GeneratedCase(yaml: yaml, secrets: secrets, participants: ids, closureNote: closureNote)
        }
    }

    @Test func noDocumentShowsWhatItsReaderMayNotSee() throws {
        let redacting = try Fixtures.renderer(redact: true, draft: true)
        let strict = try Fixtures.renderer(draft: true)
        var generator = Generator(state: 20_260_320)
        let service = try Fixtures.service()
        var rendered = 0, refused = 0, exports = 0, leaks: [String] = []
        for _ in 0..<150 {
            let generated = generator.generate()
            let loaded = try Case.parse(generated.yaml, file: "generated.yml")
            let audiences = [Audience.internal, .allParties] + generated.participants.map(Audience.participant)
            for audience in audiences {
                for kind in DocumentKind.allCases {
                    if kind.isInternal && audience != .internal { continue }
                    if kind.needsReader, case .participant = audience {} else if kind.needsReader { continue }
                    // A closing letter is for a closed case only.
                    if kind == .closingLetter && loaded.closure == nil { continue }
                    for renderer in [redacting, strict] {
                        let document: RenderedDocument
                        do {
                            document = try renderer.render(kind, of: loaded, for: audience)
                        } catch {
                            // Failing is allowed only for the strict renderer, and must not quote a secret.
                            #expect(renderer.settings.redact == false, "\(kind) for \(audience): \(error)")
                            for secret in generated.secrets where "\(error)".contains(secret.token) {
                                leaks.append("error text for \(audience) shows \(secret.token)")
                            }
                            refused += 1
                            continue
                        }
                        rendered += 1
                        for secret in generated.secrets where !secret.visibility.allows(audience) {
                            if document.output.contains(secret.token) || document.markdown.contains(secret.token) {
                                leaks.append("\(kind) for \(audience) shows \(secret.token)")
                            }
                        }
                    }
                }
                // A copy of what the service holds about a participant, for their subject access request.
                if case .participant(let id) = audience {
                    let copy = try SubjectAccess(case: loaded, participant: id, service: service, records: nil, today: Fixtures.today)
                    let html = copy.html(service: service.name), json = copy.json
                    exports += 1
                    for secret in generated.secrets where !secret.visibility.allows(audience) {
                        if html.contains(secret.token) || json.contains(secret.token) {
                            leaks.append("subject access for \(id) shows \(secret.token)")
                        }
                    }
                }
            }
        }
        #expect(leaks.isEmpty, "\(leaks.prefix(5))")
        #expect(rendered > 2000)
        #expect(refused > 0, "the strict renderer should refuse some documents that would show withheld names")
        #expect(exports > 300)
        print("audience property: \(rendered) documents rendered, \(refused) refused, \(exports) subject access copies, \(leaks.count) leaks")
    }

    @Test func theServiceSeesEverything() throws {
        var generator = Generator(state: 7)
        let generated = generator.generate()
        let loaded = try Case.parse(generated.yaml, file: "generated.yml")
        let risk = try Fixtures.renderer(draft: true).render(.riskAssessment, of: loaded, for: .internal, format: .md)
        for secret in generated.secrets where secret.visibility == .serviceOnly && secret.token != generated.closureNote {
            #expect(risk.markdown.contains(secret.token))
        }
    }
}
