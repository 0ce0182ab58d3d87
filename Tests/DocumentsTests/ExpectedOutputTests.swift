import CaseFiles
import Documents
import Foundation
import Testing

/// The documents of every example case, compared with the files in
/// `Expected/`. After a deliberate change, re-record them with
/// `RJ_RECORD=1 swift test --filter ExpectedOutputTests` and review the diff.
struct ExpectedOutputTests {
    static let folder = Fixtures.checkout.appendingPathComponent("Tests/DocumentsTests/Expected")
    static let recording = ProcessInfo.processInfo.environment["RJ_RECORD"] != nil

    /// (case, document, audience) for every document an example case has.
    static let documents: [(String, DocumentKind, String)] = {
        var result: [(String, DocumentKind, String)] = []
        for name in Fixtures.exampleNames {
            let loaded = try! Fixtures.example(name)
            if loaded.agreement != nil { result.append((name, .outcomeAgreement, "all-parties")) }
            result.append((name, .riskAssessment, "internal"))
            let reader = loaded.participants[0].id
            for kind in DocumentKind.pack { result.append((name, kind, reader)) }
        }
        return result
    }()

    @Test(arguments: documents.map { "\($0.0)/\($0.1.rawValue)-\($0.2)" })
    func matchesTheRecordedDocument(path: String) throws {
        let (name, kind, audience) = try #require(Self.documents.first { "\($0.0)/\($0.1.rawValue)-\($0.2)" == path })
        let rendered = try Fixtures.renderer().render(kind, of: try Fixtures.example(name), for: Audience(audience), format: .md)
        let file = Self.folder.appendingPathComponent(path + ".md")
        if Self.recording {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try rendered.markdown.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(rendered.markdown == expected, "differs from \(path).md; re-record with RJ_RECORD=1 if the change is meant")
    }
}
