import Foundation
import Testing

/// What `--help` shows a new user must work when copied.
struct HelpTests {
    /// Every example file named in the commands' help exists in the checkout.
    @Test func examplesNamedInHelpExist() throws {
        let sources = RJRunner.checkout.appendingPathComponent("Sources/rj")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        let pattern = try Regex(#"Examples/[A-Za-z0-9_./-]+[A-Za-z0-9]"#)
        var named: Set<String> = []
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) { named.insert(String(text[match.range])) }
        }
        #expect(named.count >= 3)
        for path in named.sorted() {
            #expect(FileManager.default.fileExists(atPath: RJRunner.checkout.appendingPathComponent(path).path), "\(path)")
        }
    }
}
