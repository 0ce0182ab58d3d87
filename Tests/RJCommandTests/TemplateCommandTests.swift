import Foundation
import Testing

struct TemplateCommandTests {
    /// A folder with a template, a partial and data, removed afterwards.
    func withFolder(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try body(folder)
    }

    let files = [
        "letter.md": "---\ntitle: Letter\n---\n# Dear {{name}}\n\n{{#actions}}\n{{@number}}. {{what}} by {{due | date}}\n{{/actions}}\n{{> signature}}\n",
        "partials/signature.md": "Signed: {{facilitator}}\n",
        "case.yml": "name: \"*Sam* <b>\"\nfacilitator: Jo Smith\nactions:\n  - what: Repair the fence\n    due: 2026-04-01\n",
    ]

    @Test func rendersWithPartialsBesideTheTemplate() throws {
        try withFolder(files) { folder in
            let result = try RJRunner.run(["template", "render", "letter.md", "--data", "case.yml"], in: folder)
            #expect(result.stderr == "")
            #expect(result.status == 0)
            #expect(result.stdout == "# Dear \\*Sam\\* \\<b\\>\n\n1. Repair the fence by 1 April 2026\nSigned: Jo Smith\n")
        }
    }

    @Test func htmlEscapingOnRequest() throws {
        try withFolder(files) { folder in
            let result = try RJRunner.run(["template", "render", "letter.md", "--data", "case.yml", "--escape", "html"],
                                          in: folder)
            #expect(result.stdout.hasPrefix("# Dear *Sam* &lt;b&gt;\n"))
        }
    }

    @Test func missingNamesFailWithPositionsUnlessLenient() throws {
        var broken = files
        broken["letter.md"] = "Dear {{nmae}},\n{{#actions}}{{wat}}{{/actions}}\n"
        try withFolder(broken) { folder in
            let strict = try RJRunner.run(["template", "render", "letter.md", "--data", "case.yml"], in: folder)
            #expect(strict.status == 1)
            #expect(strict.stdout == "")
            #expect(strict.stderr == """
                letter.md:1:8: error: no value named 'nmae' (did you mean 'name'?)
                letter.md:2:15: error: no value named 'wat' (did you mean 'what'?)

                """)
            let lenient = try RJRunner.run(["template", "render", "letter.md", "--data", "case.yml", "--lenient"], in: folder)
            #expect(lenient.status == 0)
            #expect(lenient.stdout == "Dear ,\n\n")
        }
    }

    @Test func badDataNamesItsPosition() throws {
        var broken = files
        broken["case.yml"] = "name: [Sam\n"
        try withFolder(broken) { folder in
            let result = try RJRunner.run(["template", "render", "letter.md", "--data", "case.yml"], in: folder)
            #expect(result.status == 2)
            #expect(result.stderr == "case.yml:1:7: error: not valid YAML or JSON: while parsing a flow sequence, did not find expected ',' or ']'\n")
        }
    }

    @Test func checkReportsEveryTemplate() throws {
        var broken = files
        broken["notice.md"] = "{{#open}}\n{{> nowhere}}\n"
        try withFolder(broken) { folder in
            let result = try RJRunner.run(["template", "check", "."], in: folder)
            #expect(result.status == 1)
            #expect(result.stdout == "ok     letter.md  Letter  (reading ease 119)\nerror  notice.md\nok     partials/signature.md  (reading ease 78)\n2 of 3 templates ok\n")
            #expect(result.stderr == """
                notice.md:1:4: error: section 'open' is never closed; add {{/open}}
                notice.md:2:5: error: no partial named 'nowhere'

                """)
        }
    }

    @Test func checkPassesOnTheShippedTemplates() throws {
        let result = try RJRunner.run(["template", "check", "Templates"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("templates ok\n"))
    }
}

/// The README's template example, run as the README shows it.
struct ReadmeTemplateExampleTests {
    @Test func welcomeLetterRendersAsRecorded() throws {
        let result = try RJRunner.run(["template", "render", "Examples/templates/welcome-letter.md",
                                       "--data", "Examples/templates/welcome-letter.yml"])
        #expect(result.status == 0)
        let expected = try String(contentsOf: RJRunner.checkout.appendingPathComponent(
            "Examples/templates/expected/welcome-letter.md"), encoding: .utf8)
        #expect(result.stdout == expected)
    }
}
