import CommonMark
import Foundation
import TestSupport
import Testing

/// Runs the CommonMark specification's examples through the wrapper, when the
/// project's shared conformance suites sit beside the checkout.
struct SpecConformanceTests {
    static let folder = Checkout.shared?.appendingPathComponent("conformance/commonmark")

    @Test(arguments: ["spec.txt", "smart_punct.txt", "regression.txt"])
    func examplesPass(file: String) throws {
        guard let folder = Self.folder,
              let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        else {
            print("skipped: CommonMark \(file) not found (needs ../shared/conformance beside the checkout)")
            return
        }
        let examples = SpecExample.parse(text)
        #expect(!examples.isEmpty)
        if file == "spec.txt" { #expect(examples.count == 652) }
        var failures: [Int] = []
        for example in examples {
            var options: RenderOptions = .unsafe
            if file == "smart_punct.txt" { options.insert(.smartPunctuation) }
            let html = Document.render(markdown: example.markdown, as: .html, options: options)
            if html != example.html {
                failures.append(example.number)
                Issue.record("\(file) example \(example.number) (line \(example.line)): got \(html.debugDescription), expected \(example.html.debugDescription)")
            }
        }
        print("CommonMark \(file): \(examples.count - failures.count)/\(examples.count) examples pass")
    }
}

/// One example of the CommonMark spec: Markdown in, HTML out.
struct SpecExample {
    var number: Int
    var line: Int
    var markdown: String
    var html: String

    /// Reads the examples fenced by 32 backticks and `example`, with `→` standing for a tab.
    static func parse(_ spec: String) -> [SpecExample] {
        let fence = String(repeating: "`", count: 32)
        var examples: [SpecExample] = []
        var state = 0  // 0 outside, 1 markdown, 2 html
        var markdown = "", html = "", startLine = 0
        for (index, rawLine) in spec.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            switch state {
            case 0:
                if line.hasPrefix(fence + " example") {
                    state = 1
                    markdown = ""
                    html = ""
                    startLine = index + 1
                }
            case 1:
                if line == "." { state = 2 } else { markdown += line + "\n" }
            default:
                if line == fence {
                    state = 0
                    examples.append(SpecExample(
                        number: examples.count + 1, line: startLine,
                        markdown: markdown.replacingOccurrences(of: "→", with: "\t"),
                        html: html.replacingOccurrences(of: "→", with: "\t")))
                } else {
                    html += line + "\n"
                }
            }
        }
        return examples
    }
}
