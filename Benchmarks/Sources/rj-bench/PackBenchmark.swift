import CaseFiles
import CommonMark
import Dispatch
import Documents
import Foundation
import Templating

/// Information packs for 1,000 generated cases, every participant, to HTML:
/// documents per second and peak memory, against cmark alone rendering the
/// same documents' Markdown in the same run.
enum PackBenchmark {
    static func run() {
        let checkout = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let examples = checkout.appendingPathComponent("Examples/cases")
        guard let base = try? String(contentsOf: examples.appendingPathComponent("burglary-adult.yml"), encoding: .utf8),
              let service = try? Service.load(path: examples.appendingPathComponent("service.yml").path),
              let renderer = try? DocumentRenderer(service: service, settings: .init(today: CalendarDate(year: 2026, month: 3, day: 20)!),
                                                  shippedTemplates: checkout.appendingPathComponent("Templates"))
        else { fatalError("cannot read the example case, service or templates") }

        // 1,000 cases: the example with its reference, names and dates varied.
        let parseStart = ContinuousClock.now
        let cases: [Case] = (0..<1000).map { index in
            let text = base.replacingOccurrences(of: "NRJ-2026-0142", with: "GEN-\(10000 + index)")
                .replacingOccurrences(of: "Margaret Ellis", with: "Margaret Ellis-\(index)")
                .replacingOccurrences(of: "Daniel Price", with: "Daniel Price \(index)")
                .replacingOccurrences(of: "2026-04-11", with: "2026-04-\(10 + index % 19)")
            return try! Case.parse(text, file: "generated-\(index).yml")
        }
        let parseSeconds = seconds(ContinuousClock.now - parseStart)

        // One core.
        let start = ContinuousClock.now
        let (documents, sample) = renderAll(cases[...], renderer)
        let oneCore = seconds(ContinuousClock.now - start)

        // Both cores: the cases split in two.
        let parallelStart = ContinuousClock.now
        let halves = [cases[..<500], cases[500...]]
        let counts = Counts()
        DispatchQueue.concurrentPerform(iterations: 2) { index in counts.add(renderAll(halves[index], renderer).documents) }
        let twoCores = seconds(ContinuousClock.now - parallelStart)
        precondition(counts.total == documents)

        // The peer: cmark alone turning the same kind of Markdown into HTML.
        let cmarkTimes = documents / sample.count + 1
        let cmarkStart = ContinuousClock.now
        var sink = 0
        for _ in 0..<cmarkTimes { for text in sample { sink &+= Document.render(markdown: text, as: .html).utf8.count } }
        let cmarkSeconds = seconds(ContinuousClock.now - cmarkStart) * Double(documents) / Double(cmarkTimes * sample.count)
        precondition(sink > 0)

        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let peakMB = Double(usage.ru_maxrss) / 1024

        let rate = Double(documents) / oneCore
        print("## Packs: 1,000 generated cases, 3 participants each, 6 documents per pack, to HTML")
        var table = Table()
        table.add("step", "documents/s", "seconds")
        table.add("parse 1,000 case files (YAML)", format(1000 / parseSeconds, 0) + " cases/s", format(parseSeconds, 2))
        table.add("packs to HTML, one core", format(rate, 0), format(oneCore, 2))
        table.add("packs to HTML, two cores", format(Double(documents) / twoCores, 0), format(twoCores, 2))
        table.add("cmark alone on the same Markdown", format(Double(documents) / cmarkSeconds, 0), format(cmarkSeconds, 2))
        table.print()
        print("documents: \(documents); peak memory: \(format(peakMB, 0)) MB")
        print("packs-vs-cmark-alone: \(format(cmarkSeconds / oneCore, 2)) (the whole pipeline's speed as a share of cmark's step alone)")
        print("")
    }

    @Sendable static func renderAll(_ cases: ArraySlice<Case>, _ renderer: DocumentRenderer)
        -> (documents: Int, markdown: [String])
    {
        var documents = 0
        var markdown: [String] = []
        for loaded in cases {
            for participant in loaded.participants {
                let pack = try! renderer.pack(of: loaded, for: participant.id)
                documents += pack.documents.count
                if markdown.count < 600 { markdown += pack.documents.map(\.markdown) }
            }
        }
        return (documents, markdown)
    }

    /// Document counts added from several threads.
    final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add(_ count: Int) { lock.lock(); value += count; lock.unlock() }
        var total: Int { lock.lock(); defer { lock.unlock() }; return value }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
