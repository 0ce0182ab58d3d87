import Templating
import Testing

/// Each error names the file, line and column, says what is wrong and what to do.
struct TemplateErrorTests {
    func compileErrors(_ source: String, partials: [String: String] = [:]) -> [String] {
        do {
            _ = try Template(source: source, name: "agreement.md", partials: InMemoryPartials(partials))
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    func renderErrors(_ source: String, _ data: TemplateValue, options: TemplateOptions = TemplateOptions()) throws -> [String] {
        let template = try Template(source: source, name: "agreement.md", options: options)
        do {
            _ = try template.render(data)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func missingNameSuggestsTheClosest() throws {
        let source = """
            # Outcome agreement

            Dear {{participant.prefered_name}},
            """
        let errors = try renderErrors(source, ["participant": ["preferred_name": "Sam", "name": "Sam Jones"]])
        #expect(errors == [
            "agreement.md:3:8: error: no value named 'participant.prefered_name' (did you mean 'preferred_name'?)"
        ])
    }

    @Test func missingTopLevelNameAndNoSuggestion() throws {
        let errors = try renderErrors("Hi {{ recipient }}, from {{zzz}}", ["recipients": "x"])
        #expect(errors == [
            "agreement.md:1:7: error: no value named 'recipient' (did you mean 'recipients'?)",
            "agreement.md:1:28: error: no value named 'zzz'",
        ])
    }

    @Test func aMissingNameInALoopIsReportedOnce() throws {
        let errors = try renderErrors("{{#actions}}\n- {{descripton}}\n{{/actions}}\n",
                                      ["actions": [["description": "a"], ["description": "b"]]])
        #expect(errors == ["agreement.md:2:5: error: no value named 'descripton' (did you mean 'description'?)"])
    }

    @Test func nullAndFalseSectionsRenderNothing() throws {
        let template = try Template(source: "{{#support}}Support: {{support}}{{/support}}{{^support}}None{{/support}}",
                                    name: "a.md")
        #expect(try template.render(["support": nil]) == "None")
        #expect(try template.render(["support": false]) == "None")
        #expect(try template.render(["support": "Jo"]) == "Support: Jo")
    }

    @Test func lenientRendersMissingNamesAsNothing() throws {
        let template = try Template(source: "Hi {{name}}!", name: "a.md", options: TemplateOptions(strict: false))
        #expect(try template.render([:]) == "Hi !")
    }

    @Test func sectionErrorsAreAllCollected() {
        let errors = compileErrors("""
            {{#actions}}
            {{#support}}
            text
            {{/actions}}
            {{/nothing}}
            {{#open}}
            """)
        #expect(errors == [
            "agreement.md:4:4: error: {{/actions}} closes 'actions' but the open section is 'support'; close it with {{/support}}",
            "agreement.md:5:4: error: {{/nothing}} closes a section that was never opened",
            "agreement.md:6:4: error: section 'open' is never closed; add {{/open}}",
        ])
    }

    @Test func unclosedTag() {
        #expect(compileErrors("Line one\nDear {{name,\n") == [
            "agreement.md:2:6: error: tag is never closed; add '}}'"
        ])
    }

    @Test func badDelimiters() {
        #expect(compileErrors("{{=<%=}}") == [
            "agreement.md:1:1: error: '{{=<%=}}' does not set delimiters; write two delimiters separated by a space, like {{=<% %>=}}"
        ])
    }

    @Test func unknownPartialSuggestsAName() {
        #expect(compileErrors("Signed:\n  {{> signatur}}\n", partials: ["signature": "___"]) == [
            "agreement.md:2:7: error: no partial named 'signatur' (did you mean 'signature'?)"
        ])
    }

    @Test func errorsInsidePartialsNameThePartial() {
        #expect(compileErrors("{{> signature}}", partials: ["signature": "Name: {{#name}}"]) == [
            "signature:1:10: error: section 'name' is never closed; add {{/name}}"
        ])
    }

    @Test func partialRecursionStopsAtTheLimit() throws {
        let template = try Template(source: "{{> loop}}", name: "a.md", partials: InMemoryPartials(["loop": "x{{> loop}}"]))
        #expect(throws: TemplateErrors.self) { try template.render([:]) }
        do {
            _ = try template.render([:])
        } catch {
            #expect(error.description == "loop:1:6: error: partial 'loop' includes partials more than 32 deep; does it include itself?")
        }
    }

    @Test func unknownFilterAndBadArguments() {
        #expect(compileErrors("Due {{ due | dat }}") == [
            "agreement.md:1:14: error: no filter named 'dat' (did you mean 'date'?)"
        ])
        #expect(compileErrors("Due {{ due | date: \"shortish\" }}") == [
            "agreement.md:1:14: error: filter 'date': 'shortish' is not a date style; use one of long, short, iso, full, month"
        ])
        #expect(compileErrors("{{ actions | plural }}") == [
            "agreement.md:1:14: error: filter 'plural': needs the word in quotes, like plural: \"action\" (or plural: \"person\", \"people\")"
        ])
        #expect(compileErrors("{{ x | default: soon }}") == [
            "agreement.md:1:17: error: filter 'default': 'soon' is not an argument; write text in quotes, like default: \"short\""
        ])
        #expect(compileErrors("{{#actions | count}}{{/actions | count}}").first
            == "agreement.md:1:4: error: filter 'actions | count': filters apply to values; a section takes a name alone")
    }

    @Test func filterFailuresHaveAPosition() throws {
        let errors = try renderErrors("Due: {{ due | date }}", ["due": "next week"])
        #expect(errors == [
            "agreement.md:1:15: error: filter 'date' cannot read text as a date; write dates as YYYY-MM-DD"
        ])
    }

    @Test func listsAreNotText() throws {
        let errors = try renderErrors("{{actions}}", ["actions": ["a", "b"]])
        #expect(errors == [
            "agreement.md:1:3: error: 'actions' is a list, not text; use a section {{#actions}}…{{/actions}} or a filter such as join"
        ])
    }

    @Test func frontMatterErrorsPointIntoTheYAML() {
        #expect(compileErrors("---\ntitle: Agreement\nkind: [unclosed\n---\nBody") == [
            "agreement.md:3:7: error: front matter: not valid YAML or JSON: while parsing a flow sequence, did not find expected ',' or ']'"
        ])
    }

    @Test func withheldValues() throws {
        let data: TemplateValue = ["statement": .withheld, "name": "Sam"]
        let strict = try renderErrors("{{name}}: {{statement}}", data)
        #expect(strict == ["agreement.md:1:13: error: 'statement' may not be shown to the reader of this document"])
        let redacted = try Template(source: "{{name}}: {{statement}}{{#statement}}yes{{/statement}}{{^statement}}no{{/statement}}",
                                    name: "a.md", options: TemplateOptions(withheldPlaceholder: "[withheld]"))
        #expect(try redacted.render(data) == "Sam: \\[withheld\\]")
    }

    @Test func requiredNamesFromFrontMatter() throws {
        let source = "---\nrequires: [case.reference, actions]\n---\n{{case.reference}}"
        let errors = try renderErrors(source, ["case": ["reference": "NRJ-1"]])
        #expect(errors == ["agreement.md:1:1: error: the template requires a value named 'actions' and the data has none"])
    }
}
