import Foundation
import Testing

/// `rj check`, `rj render` and `rj pack` on the example cases, as a user runs them.
struct CaseCommandTests {
    let burglary = "Examples/cases/burglary-adult.yml"
    let environment = ["RJ_TODAY": "2026-03-20"]

    /// The burglary case with one line changed, in a temporary folder beside a copy of the service file.
    func withBrokenCase(_ from: String, _ to: String, _ body: (URL) throws -> Void) throws {
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try String(contentsOf: RJRunner.checkout.appendingPathComponent(burglary), encoding: .utf8)
        #expect(source.contains(from))
        try source.replacingOccurrences(of: from, with: to)
            .write(to: folder.appendingPathComponent("case.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: RJRunner.checkout.appendingPathComponent("Examples/cases/service.yml"),
                                         to: folder.appendingPathComponent("service.yml"))
        try body(folder)
    }

    @Test func checkPassesOnTheExample() throws {
        let result = try RJRunner.run(["check", burglary])
        #expect(result.status == 0)
        #expect(result.stdout == "\(burglary): no problems found (36 checks)\n")
    }

    @Test func checkReportsFindingsLikeACompiler() throws {
        try withBrokenCase("      monitor: Joe Carter\n", "") { folder in
            let result = try RJRunner.run(["check", "case.yml"], in: folder)
            #expect(result.status == 1)
            #expect(result.stdout == """
                case.yml:109:7: error: RJ-AGR-004 action 2 has no monitor (BPG 2011 §3b.4)
                case.yml: 1 error, 0 warnings

                """)
            let json = try RJRunner.run(["check", "case.yml", "--format", "json"], in: folder)
            #expect(json.status == 1)
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let findings = object?["findings"] as? [[String: Any]]
            #expect(findings?.first?["code"] as? String == "RJ-AGR-004")
            #expect(findings?.first?["reference"] as? String == "BPG 2011 §3b.4")
            #expect(findings?.first?["line"] as? Int == 109)
        }
    }

    @Test func aMistypedKeyStopsWithItsPosition() throws {
        try withBrokenCase("      monitor: Amira Hussain", "      montior: Amira Hussain") { folder in
            let result = try RJRunner.run(["check", "case.yml"], in: folder)
            #expect(result.status == 2)
            #expect(result.stderr == "case.yml:106:7: error: unknown key 'montior' in action 1 (did you mean 'monitor'?)\n")
        }
    }

    @Test func renderWritesTheAgreementAtomically() throws {
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("agreement.html").path
        let result = try RJRunner.run(["render", burglary, "--document", "outcome-agreement", "--out", target],
                                      environment: environment)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let html = try String(contentsOfFile: target, encoding: .utf8)
        #expect(html.contains("<h1>Outcome agreement</h1>"))
        #expect(html.contains("Printed on 20 March 2026"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["agreement.html"])
    }

    @Test func renderRefusesAnAgreementThatIsNotReady() throws {
        try withBrokenCase("  binding: voluntary\n", "") { folder in
            let refused = try RJRunner.run(["render", "case.yml", "--document", "outcome-agreement", "--out", "a.html"],
                                           in: folder, environment: environment)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("RJ-AGR-007 the agreement does not say whether it is binding or voluntary"))
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("a.html").path))
            let draft = try RJRunner.run(["render", "case.yml", "--document", "outcome-agreement", "--draft"],
                                         in: folder, environment: environment)
            #expect(draft.status == 0)
            #expect(draft.stdout.contains("DRAFT: not checked, not for signing"))
            #expect(draft.stderr.contains("RJ-AGR-007"))
        }
    }

    @Test func theRiskAssessmentIsRefusedForParticipants() throws {
        let result = try RJRunner.run(["render", burglary, "--document", "risk-assessment", "--for", "margaret"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: the risk assessment is for the service only (BPG 2011 §3d.4); it cannot be rendered for margaret\n")
    }

    @Test func packWritesEveryParticipantsFolder() throws {
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try RJRunner.run(["pack", burglary, "--all", "--out", folder.path], environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("wrote ") }.count == 3)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("margaret").path).sorted()
        #expect(files == ["01-cover-letter.html", "02-information-sheet.html", "03-what-happens-next.html",
                          "04-your-information.html", "05-support-and-complaints.html", "06-consent-form.html",
                          "index.html", "print.html"])
        let wrong = try RJRunner.run(["pack", burglary, "--for", "margret", "--out", folder.path], environment: environment)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("no participant has the id 'margret' (did you mean 'margaret'?)"))
    }
}

/// A name kept from some readers: named by rj check before a render fails,
/// explained when it does, and withheld everywhere with --redact.
struct WithheldNameCommandTests {
    @Test func checkNamesTheDocumentAndTheReaderAndRedactWithholdsFreeTextToo() throws {
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = try String(contentsOf: RJRunner.checkout.appendingPathComponent("Examples/cases/burglary-adult.yml"), encoding: .utf8)
        try source.replacingOccurrences(of: "    consent: { given: true, date: 2026-02-05 }\n",
                                        with: "    consent: { given: true, date: 2026-02-05 }\n    name_shared_with: [margaret]\n")
            .write(to: folder.appendingPathComponent("case.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: RJRunner.checkout.appendingPathComponent("Examples/cases/service.yml"),
                                         to: folder.appendingPathComponent("service.yml"))
        let check = try RJRunner.run(["check", "case.yml", "--today", "2026-08-01"], in: folder)
        #expect(check.status == 0)
        #expect(check.stdout.contains("warning: RJ-NAM-001 the outcome agreement for all parties would show daniel's name (shared with margaret only): render it with --redact"))
        let strict = try RJRunner.run(["render", "case.yml", "--document", "outcome-agreement", "--out", "a.html"], in: folder)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: the outcome agreement for all parties would show what some of them may not know: daniel's name (shared with margaret only); render it with --redact"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("a.html").path))
        let redacted = try RJRunner.run(["render", "case.yml", "--document", "outcome-agreement", "--redact", "--out", "a.html"], in: folder)
        #expect(redacted.status == 0, "\(redacted.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("a.html"), encoding: .utf8)
        // Not in the signature lines, nor in the free text that named him ("Daniel's work on the window").
        #expect(!html.contains("Daniel") && !html.contains("Price"))
        #expect(html.contains("[withheld]'s work on the window"))
    }
}
