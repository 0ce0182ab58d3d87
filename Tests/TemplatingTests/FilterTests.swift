import Templating
import Testing

struct FilterTests {
    func render(_ source: String, _ data: TemplateValue, locale: TemplateLocale = .enGB) throws -> String {
        try Template(source: source, name: "f.txt", options: TemplateOptions(escaping: .none, locale: locale)).render(data)
    }

    static let due = TemplateValue.date(CalendarDate(year: 2026, month: 3, day: 14)!)

    @Test(arguments: [
        ("{{ due | date }}", "14 March 2026"),
        ("{{ due | date: \"short\" }}", "14/03/2026"),
        ("{{ due | date: \"iso\" }}", "2026-03-14"),
        ("{{ due | date: \"full\" }}", "Saturday 14 March 2026"),
        ("{{ due | date: \"month\" }}", "March 2026"),
        ("{{ due }}", "14 March 2026"),
        ("{{ text | date }}", "1 February 2024"),
    ])
    func dates(source: String, expected: String) throws {
        #expect(try render(source, ["due": Self.due, "text": "2024-02-01"]) == expected)
    }

    @Test func datesInOtherLocales() throws {
        #expect(try render("{{ due | date }}", ["due": Self.due], locale: .cyGB) == "14 Mawrth 2026")
        #expect(try render("{{ due | date: \"short\" }}", ["due": Self.due], locale: .enUS) == "03/14/2026")
    }

    @Test(arguments: [
        (TemplateValue.int(150), "£150.00"),
        (.double(1250.5), "£1,250.50"),
        (.double(1234567.891), "£1,234,567.89"),
        (.double(-5), "-£5.00"),
        (.string("75"), "£75.00"),
        (.int(0), "£0.00"),
    ])
    func money(amount: TemplateValue, expected: String) throws {
        #expect(try render("{{ amount | money }}", ["amount": amount]) == expected)
    }

    @Test func moneyInAnotherCurrency() throws {
        #expect(try render("{{ amount | money: \"€\" }}", ["amount": 20]) == "€20.00")
    }

    @Test(arguments: [
        ([] as [TemplateValue], ""),
        (["Sam"], "Sam"),
        (["Sam", "Alex"], "Sam and Alex"),
        (["Sam", "Alex", "Jo"], "Sam, Alex and Jo"),
    ])
    func join(names: [TemplateValue], expected: String) throws {
        #expect(try render("{{ names | join }}", ["names": .list(names)]) == expected)
    }

    @Test func joinWithOr() throws {
        #expect(try render("{{ names | join: \"or\" }}", ["names": ["a", "b", "c"]]) == "a, b or c")
        #expect(try render("{{ names | join }}", ["names": ["a", "b"]], locale: .cyGB) == "a a b")
    }

    @Test func countAndPlural() throws {
        let data: TemplateValue = ["actions": ["a", "b", "c"], "one": ["a"], "people": 2]
        #expect(try render("{{ actions | count }}", data) == "3")
        #expect(try render("{{ actions | plural: \"action\" }}", data) == "3 actions")
        #expect(try render("{{ one | plural: \"action\" }}", data) == "1 action")
        #expect(try render("{{ people | plural: \"person\", \"people\" }}", data) == "2 people")
    }

    @Test func caseFilters() throws {
        let data: TemplateValue = ["name": "sam o'neill"]
        #expect(try render("{{ name | upper }}", data) == "SAM O'NEILL")
        #expect(try render("{{ name | capitalize }}", data) == "Sam o'neill")
        #expect(try render("{{ name | upper | lower }}", data) == "sam o'neill")
    }

    @Test func defaultCoversNullAndEmptyOnly() throws {
        let data: TemplateValue = ["none": nil, "empty": "", "set": "Jo", "zero": 0]
        #expect(try render("{{ none | default: \"not recorded\" }}", data) == "not recorded")
        #expect(try render("{{ empty | default: \"not recorded\" }}", data) == "not recorded")
        #expect(try render("{{ set | default: \"not recorded\" }}", data) == "Jo")
        #expect(try render("{{ zero | default: \"n/a\" }}", data) == "0")
        #expect(try render("{{ none | date | default: \"to be agreed\" }}", data) == "to be agreed")
    }
}

struct LoopAndSectionTests {
    @Test func loopVariables() throws {
        let template = try Template(
            source: "{{#actions}}{{@number}}. {{name}}{{#@first}} (first){{/@first}}{{^@last}}; {{/@last}}{{/actions}}",
            name: "a.md")
        let output = try template.render(["actions": [["name": "Apologise"], ["name": "Repair"], ["name": "Pay"]]])
        #expect(output == "1. Apologise (first); 2. Repair; 3. Pay")
        // @index counts from 0.
        let indexes = try Template(source: "{{#l}}{{@index}}{{/l}}", name: "a.md").render(["l": ["x", "y"]])
        #expect(indexes == "01")
    }

    @Test func loopVariablesOutsideALoopAreMissing() throws {
        let template = try Template(source: "{{@number}}", name: "a.md")
        #expect(throws: TemplateErrors.self) { try template.render([:]) }
    }

    @Test func standaloneTagsLeaveNoBlankLines() throws {
        let source = """
            ## Actions

            {{#actions}}
            {{@number}}. {{description}}
               {{#monitor}}
               Monitored by {{monitor}}.
               {{/monitor}}
            {{/actions}}

            ## Signatures

            """
        let template = try Template(source: source, name: "a.md", options: TemplateOptions(escaping: .none))
        let output = try template.render(["actions": [
            ["description": "Write a letter", "monitor": "Jo"],
            ["description": "Repair the fence", "monitor": nil],
        ]])
        #expect(output == """
            ## Actions

            1. Write a letter
               Monitored by Jo.
            2. Repair the fence

            ## Signatures

            """)
    }

    @Test func objectsPushContextAndDottedNamesReach() throws {
        let template = try Template(source: "{{#case}}{{reference}} for {{service.name}}{{/case}}", name: "a.md")
        #expect(try template.render(["case": ["reference": "NRJ-7"], "service": ["name": "Northfield"]])
            == "NRJ-7 for Northfield")
    }

    @Test func frontMatterIsReturnedAndNotRendered() throws {
        let source = """
            ---
            title: Outcome agreement
            kind: outcome-agreement
            audience: [all-parties, internal]
            requires: [reference]
            ---
            # {{reference}}
            """
        let template = try Template(source: source, name: "a.md")
        #expect(template.frontMatter.title == "Outcome agreement")
        #expect(template.frontMatter.kind == "outcome-agreement")
        #expect(template.frontMatter.audience == ["all-parties", "internal"])
        #expect(template.frontMatter.requires == ["reference"])
        #expect(try template.render(["reference": "NRJ-1"]) == "# NRJ-1")
    }

    @Test func inheritanceOverridesOneBlock() throws {
        let partials = InMemoryPartials([
            "base": "# {{title}}\n\n{{$complaints}}\nWrite to the service manager.\n{{/complaints}}\n\nThank you.\n",
        ])
        let child = "{{<base}}\n{{$complaints}}\nPhone 0100 000 0000 or write to us.\n{{/complaints}}\n{{/base}}\n"
        let template = try Template(source: child, name: "child.md", options: TemplateOptions(escaping: .none),
                                    partials: partials)
        #expect(try template.render(["title": "Complaints"])
            == "# Complaints\n\nPhone 0100 000 0000 or write to us.\n\nThank you.\n")
    }

    @Test func rendersConcurrently() async throws {
        let template = try Template(source: "{{#items}}{{name}} {{/items}}", name: "a.md")
        let expected = try template.render(["items": [["name": "a"], ["name": "b"]]])
        try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let names: [TemplateValue] = (0..<50).map { ["name": .string("n\(index)-\($0)")] }
                    _ = try template.render(["items": .list(names)])
                    return try template.render(["items": [["name": "a"], ["name": "b"]]])
                }
            }
            for try await output in group { #expect(output == expected) }
        }
    }
}
