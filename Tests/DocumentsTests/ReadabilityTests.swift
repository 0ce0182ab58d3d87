import Documents
import Foundation
import Testing

struct ReadabilityTests {
    @Test func plainTextScoresHighAndDenseTextLow() throws {
        let plain = try #require(Readability.score(text: "The cat sat on the mat. It was warm. We went home."))
        #expect(plain.words == 12)
        #expect(plain.sentences == 3)
        #expect(plain.fleschReadingEase > 100)
        let dense = try #require(Readability.score(text:
            "Notwithstanding the aforementioned considerations, participation necessitates comprehensive institutional authorisation."))
        #expect(dense.sentences == 1)
        #expect(dense.fleschReadingEase < 0)
    }

    @Test(arguments: ["cat": 1, "table": 2, "made": 1, "people": 2, "restorative": 4, "agreement": 3])
    func syllables(word: String, expected: Int) throws {
        let score = try #require(Readability.score(text: word + "."))
        #expect(score.syllables == expected)
    }

    @Test func tagsAreNotWords() throws {
        let score = try #require(Readability.score(template: "---\ntitle: X\n---\nDear {{reader.address_as}}, {{#a}}hi{{/a}}."))
        #expect(score.words == 3)
    }

    /// Every template a participant reads is in plain English (BPG 2011 §2b.2).
    @Test func shippedParticipantTemplatesReadEasily() throws {
        let folder = Fixtures.checkout.appendingPathComponent("Templates")
        var files = try FileManager.default.contentsOfDirectory(atPath: folder.path).map { folder.appendingPathComponent($0) }
        files += try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("partials").path)
            .map { folder.appendingPathComponent("partials").appendingPathComponent($0) }
        var scored = 0
        for file in files where file.pathExtension == "md" && file.lastPathComponent != "README.md" {
            let source = try String(contentsOf: file, encoding: .utf8)
            if source.contains("audience: internal") { continue }
            let score = try #require(Readability.score(template: source))
            #expect(score.fleschReadingEase >= 60, "\(file.lastPathComponent): \(score.fleschReadingEase)")
            scored += 1
        }
        #expect(scored >= 15)
    }
}

/// Easy read (BPG 2011 §2b.2: "in a form they can understand").
struct EasyReadTests {
    @Test func everyEasyReadTemplateScoresEightyOrMore() throws {
        let folder = Fixtures.checkout.appendingPathComponent("Templates/easy-read")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        #expect(files.count == 7)
        for file in files {
            let score = try #require(Readability.score(template: try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)))
            #expect(score.fleschReadingEase >= 80, "\(file): \(score.fleschReadingEase)")
        }
    }

    @Test func aReaderWhoNeedsEasyReadGetsItAt16PointOrMore() throws {
        let youth = try Fixtures.example("criminal-damage-youth")
        let kai = try Fixtures.renderer().pack(of: youth, for: "kai")
        #expect(kai.documents.map(\.markdown).joined().contains("**You choose if you take part.**"))
        #expect(kai.documents[0].output.contains("<body class=\"easy-read\">"))
        #expect(kai.print.contains("body.easy-read { font-size: 16pt;"))
        // Every pack document has its easy-read version; his parent gets the standard pack.
        #expect(kai.documents.allSatisfy { $0.markdown.contains("##") || $0.kind == .consentForm })
        let lisa = try Fixtures.renderer().pack(of: youth, for: "lisa")
        #expect(!lisa.documents.map(\.markdown).joined().contains("**You choose if you take part.**"))
        // Kai is 15: his easy-read consent form has his mother's line.
        #expect(kai.documents.last?.markdown.contains("Parent or carer (Lisa Morgan): ______________________") == true)
    }
}
