import CmarkBaseline
import CommonMark

/// The CommonMark wrapper against one C call per document, on the same ~200 KB input.
enum CommonMarkBenchmark {
    static func run() {
        let markdown = generatedDocument(targetBytes: 200_000)
        let bytes = markdown.utf8.count
        let times = 60
        var swiftOutput = 0, cOutput = 0

        // Warm up both, then alternate so that neither gets a quieter machine.
        _ = Document.render(markdown: markdown, as: .html)
        var cBest = Double.infinity, swiftBest = Double.infinity
        for _ in 0..<3 {
            swiftBest = min(swiftBest, Stopwatch.best(rounds: 2) {
                swiftOutput = 0
                for _ in 0..<times {
                    swiftOutput += Document.render(markdown: markdown, as: .html).utf8.count
                }
            })
            cBest = min(cBest, Stopwatch.best(rounds: 2) {
                var copy = markdown
                cOutput = copy.withUTF8 { buffer in
                    buffer.withMemoryRebound(to: CChar.self) {
                        cmark_baseline_render_html($0.baseAddress, $0.count, 0, Int32(times))
                    }
                }
            })
        }
        precondition(swiftOutput == cOutput, "the wrapper and cmark disagree on the HTML")

        let megabytes = Double(bytes * times) / 1_000_000
        let cRate = megabytes / cBest, swiftRate = megabytes / swiftBest
        print("## CommonMark: \(bytes / 1000) KB of Markdown to HTML, \(times) times per round")
        var table = Table()
        table.add("renderer", "MB/s", "documents/s")
        table.add("cmark C call (cmark_markdown_to_html)", format(cRate), format(Double(times) / cBest))
        table.add("rj CommonMark (Document.render)", format(swiftRate), format(Double(times) / swiftBest))
        table.print()
        let overhead = (cRate / swiftRate - 1) * 100
        print("commonmark-wrapper-vs-c: \(format(swiftRate / cRate, 3)) (wrapper overhead \(format(overhead))%)")
        print("")
    }

    /// A long document of the kinds of blocks rj renders: headings, numbered
    /// actions, emphasis, links, quotes, code and lists.
    static func generatedDocument(targetBytes: Int) -> String {
        var text = ""
        var section = 0
        while text.utf8.count < targetBytes {
            section += 1
            text += """
                # Case \(section): outcome agreement

                This agreement was made on **\(section % 28 + 1) March 2026** between *the person harmed* \
                and *the person responsible*, with [the service](https://example.org/service/\(section)) \
                as facilitator. Everyone agreed to the actions below freely -- and can say "no" at any time.

                ## Actions

                1. Write a letter of apology, checked by the facilitator before it is handed over.
                2. Repair the garden fence by 30 April 2026; monitored by `Jo Smith` (youth worker).
                3. Attend *four* sessions of the victim-awareness course.

                > "I want them to understand what it did to my family."
                > — the person harmed

                - Support: the facilitator, by phone, weekdays
                - Copies: each signatory, the referring officer

                ```
                Signed ______________________   Date ___________
                ```

                ***


                """
        }
        return text
    }
}
