import CaseFiles
import CommonMark
import Crypto
import Documents
import Foundation
import Templating
import Testing

struct DocumentRendererTests {
    @Test func agreementPageIsSelfContainedAndPrintable() throws {
        let rendered = try Fixtures.renderer().render(.outcomeAgreement, of: try Fixtures.example("burglary-adult"),
                                                      for: .allParties)
        let html = rendered.output
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(html.contains("<title>Outcome agreement · NRJ-2026-0142</title>"))
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("<p class=\"service\">Northfield Restorative Justice Service</p>"))
        #expect(html.contains("<p class=\"case\">Case NRJ-2026-0142</p>"))
        #expect(html.contains("<h1>Outcome agreement</h1>"))
        #expect(html.contains("<h3>Action 2</h3>"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src="))
        let digest = SHA256.hash(data: Data(rendered.markdown.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(rendered.fingerprint == digest)
        #expect(html.contains("Printed on 20 March 2026 · SHA-256 of this document's text: <code>\(digest)</code>"))
        #expect(!html.contains("DRAFT"))
    }

    @Test func aDocumentWithGuidanceErrorsIsRefusedOrMarkedDraft() throws {
        var broken = try Fixtures.example("burglary-adult")
        broken.agreement!.actions[1].monitor = nil
        #expect {
            try Fixtures.renderer().render(.outcomeAgreement, of: broken, for: .allParties)
        } throws: { error in
            "\(error)".contains("RJ-AGR-004 action 2 has no monitor (BPG 2011 §3b.4)")
                && "\(error)".hasSuffix("error: the outcome agreement is not ready: fix the errors above, or render it with --draft")
        }
        let draft = try Fixtures.renderer(draft: true).render(.outcomeAgreement, of: broken, for: .allParties)
        #expect(draft.output.contains("<body class=\"draft\">"))
        #expect(draft.output.contains("DRAFT: not checked, not for signing"))
        #expect(draft.findings.map(\.code) == ["RJ-AGR-004"])
    }

    @Test func theRiskAssessmentIsForTheServiceOnly() throws {
        let loaded = try Fixtures.example("burglary-adult")
        for audience in [Audience.allParties, .participant("margaret")] {
            #expect(throws: DocumentError.self) { try Fixtures.renderer().render(.riskAssessment, of: loaded, for: audience) }
        }
        let serviceCopy = try Fixtures.renderer().render(.riskAssessment, of: loaded, for: .internal, format: .md)
        #expect(serviceCopy.markdown.contains("Daniel in treatment for alcohol use"))
    }

    @Test func packsUseLargePrintAndTheReadersRole() throws {
        let loaded = try Fixtures.example("burglary-adult")
        let pack = try Fixtures.renderer().pack(of: loaded, for: "margaret")
        #expect(pack.files.map(\.name) == [
            "index.html", "01-cover-letter.html", "02-information-sheet.html", "03-what-happens-next.html",
            "04-your-information.html", "05-support-and-complaints.html", "06-consent-form.html", "print.html",
        ])
        #expect(pack.documents.allSatisfy { $0.output.contains("<body class=\"large-print\">") })
        #expect(pack.documents[1].markdown.contains("This sheet is for you because you were harmed"))
        #expect(pack.print.components(separatedBy: "<article class=\"document\"").count == 7)
        #expect(pack.print.contains("article.document + article.document { break-before: page;"))
        #expect(pack.documents[0].markdown.contains("Dear Mrs Ellis,"))

        let daniel = try Fixtures.renderer().pack(of: loaded, for: "daniel")
        #expect(daniel.documents[0].output.contains("<body>"))
        #expect(daniel.documents[1].markdown.contains("because you are responsible for what happened"))
        #expect(daniel.documents[0].markdown.contains("Dear Daniel,"))
    }

    @Test func aParticipantSeesOnlyWhatIsSharedWithThem() throws {
        let loaded = try Fixtures.example("burglary-adult")
        let margaret = try Fixtures.renderer().render(.yourInformation, of: loaded, for: .participant("margaret"), format: .md)
        #expect(margaret.markdown.contains("Daniel has agreed that Mrs Ellis can be told he is in treatment"))
        #expect(margaret.markdown.contains("Mrs Ellis has agreed that Daniel can be told"))  // about herself
        let susan = try Fixtures.renderer().render(.yourInformation, of: loaded, for: .participant("susan"), format: .md)
        #expect(!susan.markdown.contains("no longer sleeps well"))
    }

    @Test func aWithheldNameIsAnErrorUnlessRedacted() throws {
        // Mr Baker's name is shared with no one; his supporter's only with him.
        let path = Fixtures.checkout.appendingPathComponent("Examples/cases/assault-letters-sensitive.yml").path
        let yaml = try String(contentsOfFile: path, encoding: .utf8) + """

            agreement:
              date: 2026-03-20
              binding: voluntary
              consequences: Talk.
              actions:
                - description: Write a letter of apology.
                  responsible: ryan
                  recipient: chris
                  recipient_agreed: true
                  due: 2026-04-01
                  monitor: Amira Hussain
              signatories: [ryan]
              copies: [ryan, chris]
            """
        let loaded = try Case.parse(yaml, file: "assault.yml")
        #expect {
            try Fixtures.renderer().render(.outcomeAgreement, of: loaded, for: .participant("ryan"), format: .md)
        } throws: { error in
            "\(error)".contains("outcome-agreement.md:24:") && "\(error)".contains("may not be shown to the reader of this document")
        }
        let redacted = try Fixtures.renderer(redact: true).render(.outcomeAgreement, of: loaded, for: .participant("ryan"), format: .md)
        // A section over a withheld value shows neither itself nor its inverse.
        #expect(!redacted.markdown.contains("Who it is for"))
        #expect(redacted.markdown.contains("Ryan Cole and \\[withheld\\]"))
        #expect(!redacted.markdown.contains("Chris Baker"))
        let forChris = try Fixtures.renderer().render(.outcomeAgreement, of: loaded, for: .participant("chris"), format: .md)
        #expect(forChris.markdown.contains("- **Who it is for:** Chris Baker"))
    }

    @Test func serviceTemplatesOverrideOneFileAndFallBackForTheRest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rj-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "## If you are not happy\n\nRing our complaints line on 0100 000 000.\n"
            .write(to: folder.appendingPathComponent("partials/complaints.md"), atomically: true, encoding: .utf8)
        let renderer = try DocumentRenderer(service: try Fixtures.service(), settings: .init(today: Fixtures.today),
                                            serviceTemplates: folder,
                                            shippedTemplates: Fixtures.checkout.appendingPathComponent("Templates"))
        let loaded = try Fixtures.example("burglary-adult")
        let sheet = try renderer.render(.supportAndComplaints, of: loaded, for: .participant("margaret"), format: .md)
        #expect(sheet.markdown.contains("Ring our complaints line on 0100 000 000."))
        #expect(sheet.markdown.contains("# Support, and how to complain"))
    }
}

/// The letter each participant gets when the case closes (DJ203 P17).
struct ClosingLetterTests {
    func render(_ loaded: Case, for id: String) throws -> RenderedDocument {
        try DocumentRenderer(service: try Fixtures.service(), settings: .init(today: CalendarDate(year: 2026, month: 8, day: 1)!),
                             shippedTemplates: Fixtures.checkout.appendingPathComponent("Templates"))
            .render(.closingLetter, of: loaded, for: .participant(id), format: .md)
    }

    @Test func itSaysWhatHappenedToEachActionAndKeepsTheNoteInternal() throws {
        let youth = try Fixtures.example("criminal-damage-youth")
        let letter = try render(youth, for: "priya").markdown
        #expect(letter.contains("Dear Priya,"))
        #expect(letter.contains("**Not everything agreed was done.**"))
        #expect(letter.contains("Done on 28 March 2026."))
        #expect(letter.contains("Not done. Kai chose not to write the piece, and the garden committee accepted that."))
        // Kai needs easy read: his letter says the same in short sentences.
        let kai = try render(youth, for: "kai").markdown
        #expect(kai.contains("Our work with you has **ended** (on 30 April 2026)."))
        #expect(kai.contains("Not done. Kai chose not to write the piece, and the garden committee accepted that."))
        // The closure note is the service's.
        #expect(!letter.contains("The painting was done well") && !kai.contains("The painting was done well"))
        let burglary = try render(try Fixtures.example("burglary-adult"), for: "margaret").markdown
        #expect(burglary.contains("**Everything agreed was done.**"))
    }

    @Test func anOpenCaseHasNoClosingLetterAndSaysWhy() throws {
        #expect { try render(try Fixtures.example("neighbour-dispute"), for: "tom") } throws: { error in
            "\(error)".contains("error: the case is not closed, so it has no closing letter yet; add closure:")
        }
    }

    @Test func whatItSaysWasDoneFollowsTheActionsNotTheReasonTyped() throws {
        var closed = try Fixtures.example("burglary-adult")
        closed.agreement!.actions[1].progress.removeLast()
        let letter = try DocumentRenderer(service: try Fixtures.service(),
                                          settings: .init(draft: true, today: CalendarDate(year: 2026, month: 8, day: 1)!),
                                          shippedTemplates: Fixtures.checkout.appendingPathComponent("Templates"))
            .render(.closingLetter, of: closed, for: .participant("margaret"), format: .md).markdown
        #expect(!letter.contains("Everything agreed was done."))
        #expect(letter.contains("Repair the kitchen window frame and repaint it, on two Saturday mornings.\\\n  Not finished when we closed the case."))
    }
}

/// Nothing in a pack that should not be (BPG 2011 §3d.4, §3d.10): free text
/// that goes to someone else is read with the letter screener's detectors.
struct DisclosureTests {
    func burglary(sharing text: String) throws -> Case {
        var loaded = try Fixtures.example("burglary-adult")
        loaded.information[0].text = "Mrs Ellis has agreed that Daniel can be told she no longer sleeps well. " + text
        return loaded
    }

    @Test(arguments: [
        ("Ring her on 07700 900 456 if he wants to.", "a phone number"),
        ("Her email is m.ellis@example.com now.", "an email address"),
        ("She has moved to 22 Elm Road, Northfield.", "a postal address"),
        ("She is on Instagram as @maggie_e.", "a social media handle"),
    ])
    func aContactDetailInSharedTextStopsEveryDocumentForOthers(text: String, kind: String) throws {
        let loaded = try burglary(sharing: text)
        let findings = GuidanceChecks.run(loaded).filter { $0.code == "RJ-INF-001" }
        #expect(findings.map(\.message) == ["information item 1 (impact) holds \(kind), and would go to daniel: take it out, or share it with the person it belongs to only"])
        #expect(findings.first?.severity == .error)
        for renderer in [try Fixtures.renderer(), try Fixtures.renderer(redact: true, draft: true)] {
            for participant in loaded.participants {
                #expect(throws: DocumentError.self) { try renderer.pack(of: loaded, for: participant.id) }
            }
            #expect { try renderer.render(.outcomeAgreement, of: loaded, for: .allParties) } throws: { error in
                "\(error)".contains("RJ-INF-001") && "\(error)".contains("--draft does not change this")
                    && !"\(error)".contains(text)
            }
        }
        // The service's own record still renders: it goes to no one else.
        #expect(try Fixtures.renderer(draft: true).render(.riskAssessment, of: loaded, for: .internal).output.contains("Risk assessment"))
    }

    @Test func aContactDetailSharedOnlyWithItsOwnerIsTheirs() throws {
        var loaded = try Fixtures.example("burglary-adult")
        loaded.information[0].text = "Her number is 07700 900 456."
        loaded.information[0].sharedWith = [.internal]
        #expect(!GuidanceChecks.run(loaded).contains { $0.code == "RJ-INF-001" })
        #expect(throws: Never.self) { try Fixtures.renderer().pack(of: loaded, for: "margaret") }
    }

    @Test func aProtectedPlaceIsAWarningThatDoesNotStopThePack() throws {
        var loaded = try Fixtures.example("burglary-adult")
        loaded.protectedPlaces = ["Millbrook"]
        loaded.agreement!.actions[1].description += " Materials from the Millbrook yard."
        let findings = GuidanceChecks.run(loaded).filter { $0.code == "RJ-INF-002" }
        #expect(findings.map(\.message) == ["action 2's description names a protected name or place (see protect:), and would go to everyone who reads the agreement: check that it should"])
        #expect(findings.first?.severity == .warning)
        #expect(throws: Never.self) { try Fixtures.renderer().pack(of: loaded, for: "daniel") }
    }
}

/// A participant whose language rj has no documents in (BPG 2011 §2b.2).
struct LanguageTests {
    @Test func theCoverLetterSaysAnInterpreterOrTranslationWillBeArranged() throws {
        var loaded = try Fixtures.example("burglary-adult")
        loaded.participants[1].language = "pl"
        loaded.participants[1].accessNeeds.append(.interpreter)
        let letter = try Fixtures.renderer().render(.coverLetter, of: loaded, for: .participant("daniel"))
        #expect(letter.markdown.contains("**We will arrange an interpreter or a translation for you**, so that you can\nread this pack in Polish"))
        #expect(letter.markdown.contains("Zapewnimy Pani/Panu tłumacza lub tłumaczenie."))
        #expect(letter.markdown.contains("An interpreter will be with you at every visit and meeting"))
        // The page is English, and says so to a screen reader.
        #expect(letter.output.contains("<html lang=\"en-GB\">"))
        #expect(GuidanceChecks.run(loaded).contains { $0.code == "RJ-ACC-001" && $0.message.hasPrefix("daniel reads Polish (pl)") })
        // The service's record lists it among what to arrange; another reader's letter says nothing of it.
        let risk = try Fixtures.renderer().render(.riskAssessment, of: loaded, for: .internal, format: .md).markdown
        #expect(risk.contains("reads Polish: **arrange an interpreter or a translation**"))
        let hers = try Fixtures.renderer().render(.coverLetter, of: loaded, for: .participant("margaret"), format: .md).markdown
        #expect(!hers.contains("interpreter or a translation for you"))
    }
}

/// Welsh, for services in Wales (the Welsh Language Standards).
struct WelshTests {
    static let youth = try! Fixtures.example("criminal-damage-youth")

    @Test func aReaderOfWelshGetsEveryDocumentInWelshWithWelshDates() throws {
        #expect(Self.youth.participant("lisa")?.language == "cy")
        // Welsh is a language rj has documents in: only Priya, who reads Punjabi, is flagged.
        #expect(GuidanceChecks.run(Self.youth).filter { $0.code == "RJ-ACC-001" }.map { $0.message.hasPrefix("priya reads Punjabi (pa)") } == [true])
        let pack = try Fixtures.renderer().pack(of: Self.youth, for: "lisa")
        let text = pack.documents.map(\.markdown).joined()
        #expect(text.contains("Annwyl Ms Morgan,"))
        #expect(text.contains("20 Mawrth 2026"))
        #expect(text.contains("Chi sy'n dewis a ydych am gymryd rhan."))
        #expect(text.contains("Rwy'n cytuno i gymryd rhan mewn cyfarfod wyneb yn wyneb."))
        #expect(!text.contains("Dear Ms Morgan"))
        #expect(pack.documents.allSatisfy { $0.output.contains("<html lang=\"cy-GB\">") && $0.output.contains("Argraffwyd ar 20 Mawrth 2026") })
        #expect(pack.index.contains("Eich pecyn gwybodaeth"))
        // Her son reads English, in easy read.
        let kai = try Fixtures.renderer().pack(of: Self.youth, for: "kai")
        #expect(kai.documents[0].output.contains("<html lang=\"en-GB\">") && kai.documents[0].markdown.contains("Dear Kai,"))
    }

    @Test func bilingualPutsTheWelshFirstAndTheEnglishBesideIt() throws {
        let renderer = try DocumentRenderer(service: try Fixtures.service(),
                                            settings: .init(today: Fixtures.today, bilingual: true),
                                            shippedTemplates: Fixtures.checkout.appendingPathComponent("Templates"))
        let letter = try renderer.render(.coverLetter, of: Self.youth, for: .participant("lisa"))
        let welsh = try #require(letter.output.range(of: "<div class=\"language\" lang=\"cy-GB\">"))
        let english = try #require(letter.output.range(of: "<div class=\"language\" lang=\"en-GB\">"))
        #expect(welsh.lowerBound < english.lowerBound)
        #expect(letter.markdown.contains("Annwyl Ms Morgan,") && letter.markdown.contains("Dear Ms Morgan,"))
        // An English reader's document is not doubled.
        let kai = try renderer.render(.coverLetter, of: Self.youth, for: .participant("kai"))
        #expect(!kai.output.contains("class=\"bilingual\""))
    }
}

extension DisclosureTests {
    @Test func aPhoneNumberReadAloudInSharedTextIsCaught() throws {
        let loaded = try burglary(sharing: "Her number is oh seven seven double oh nine hundred one two three.")
        #expect(GuidanceChecks.run(loaded).contains { $0.code == "RJ-INF-001" && $0.message.contains("a phone number written in words") })
    }

    @Test func aPhoneNumberSpreadDownTheLinesOfSharedTextIsCaught() throws {
        let loaded = try burglary(sharing: "\n07\nShe said she was sorry\n811\nand meant it\n402\nall the same\n559")
        #expect(GuidanceChecks.run(loaded).contains { $0.code == "RJ-INF-001" && $0.message.contains("a phone number written in words") })
    }
}
