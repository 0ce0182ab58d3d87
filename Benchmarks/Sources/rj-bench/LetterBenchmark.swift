import CaseFiles
import CommonMark
import Foundation
import LetterReview

/// Screening throughput on generated 2 KB letters, and listing the queue with
/// 10,000 letters stored, each against a simpler peer in the same run.
enum LetterBenchmark {
    static let sentences = [
        "I am writing to say sorry for what I did to you and your family.",
        "There is no excuse for it, and I know it was my fault.",
        "I think about that night every day and wish I could take it back.",
        "I have started a course to understand why I was so angry.",
        "You did nothing to deserve it.",
        "I will repair the window on the days we agreed.",
        "If you want to know anything else, the service can pass on your questions.",
        "I am sorry if you were upset.",
        "I was drunk and my mates dared me.",
        "You can ring me on 07700 900123 any time.",
        "It was only a bit of fun really.",
        "Say hello to your daughter Sophie from me.",
        "I know where you live now.",
        "This has been a f***ing nightmare for me too.",
    ]

    static func letter(_ seed: Int) -> String {
        var text = "Dear Mrs Ellis,\n\n"
        var index = seed
        while text.utf8.count < 2000 {
            index = (index &* 1_103_515_245 &+ 12345) & 0x7fff_ffff
            text += sentences[index % sentences.count] + (index % 4 == 0 ? "\n\n" : " ")
        }
        return text + "\n\nDaniel\n"
    }

    static func run() {
        let screener = try! Screener.standard()
        let letters = (0..<2000).map(letter)
        let bytes = letters.reduce(0) { $0 + $1.utf8.count }
        var findings = 0
        let screenTime = Stopwatch.best(rounds: 3) {
            findings = 0
            for text in letters { findings += screener.screen(text).findings.count }
        }
        // The peer: cmark reading the same letters (parse and render to HTML), a C library's pass over the text.
        var rendered = 0
        let cmarkTime = Stopwatch.best(rounds: 3) {
            rendered = 0
            for text in letters { rendered += Document.render(markdown: text, as: .html).utf8.count }
        }
        precondition(findings > 0 && rendered > 0)
        let rate = Double(letters.count) / screenTime
        print("## Letters: screening \(letters.count) generated letters of about 2 KB (\(screener.rules.count) rules)")
        var table = Table()
        table.add("step", "letters/s", "MB/s")
        table.add("rj screen (every rule and detector)", format(rate, 0), format(Double(bytes) / screenTime / 1e6, 1))
        table.add("cmark: the same letters to HTML", format(Double(letters.count) / cmarkTime, 0),
                  format(Double(bytes) / cmarkTime / 1e6, 1))
        table.print()
        print("screening-vs-cmark: \(format(cmarkTime / screenTime, 3)) (screening speed as a share of cmark's)")

        // The queue with 10,000 letters, each stored through the workflow:
        // screened against its case, checked, and sealed in the audit trail.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rj-bench-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let queue = try! ReviewQueue(path: folder.appendingPathComponent("rj.sqlite").path, create: true, screener: screener)
        let staff = Actor(staffId: "bench", account: "bench")
        try! queue.addStaff(id: "bench", name: "Bench Facilitator", roles: [.admin, .facilitator, .manager], by: staff)
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let loaded = try! Case.load(path: checkout.appendingPathComponent("Examples/cases/burglary-adult.yml").path)
        let sample = letters[0]
        let screenOne = Stopwatch.best(rounds: 3) { for _ in 0..<200 { _ = screener.screen(sample) } } / 200
        let fillStart = ContinuousClock.now
        for _ in 0..<10_000 {
            _ = try! queue.submit(letter: sample, case: loaded, from: "daniel", to: "margaret", by: staff)
        }
        let fill = Stopwatch.seconds(ContinuousClock.now - fillStart)
        let storeOne = fill / 10_000 - screenOne
        var listed = 0
        let listTime = Stopwatch.best(rounds: 5) { listed = try! queue.queue(by: staff).count }
        var counted = 0
        let countTime = Stopwatch.best(rounds: 5) { counted = try! queue.log(by: staff).count }
        var intact = false
        let verifyTime = Stopwatch.best(rounds: 2) { intact = try! queue.verify(by: staff).isIntact }
        precondition(listed == 10_000 && counted == 10_001 && intact)
        print("## Queue: 10,000 letters stored through the workflow")
        var queueTable = Table()
        queueTable.add("step", "per second", "ms")
        queueTable.add("rj letters submit: screen, check, store, seal (one transaction)", format(10_000 / fill, 0), format(fill / 10, 3))
        queueTable.add("  of which screening the letter", format(1 / screenOne, 0), format(screenOne * 1000, 3))
        queueTable.add("  of which storing it with its sealed audit entry", format(1 / storeOne, 0), format(storeOne * 1000, 3))
        queueTable.add("rj letters queue: list all 10,000 awaiting action", "", format(listTime * 1000, 1))
        queueTable.add("rj letters log: all 10,001 audit entries (peer)", "", format(countTime * 1000, 1))
        queueTable.add("rj letters verify-log: every seal, then every record against it", "", format(verifyTime * 1000, 1))
        queueTable.print()
        print("queue-list-ms: \(format(listTime * 1000, 1)) (target under 100)")
        print("store-submits-per-second: \(format(1 / storeOne, 0)) (storing alone, screening excluded)")
        print("")
    }
}
