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
