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

        // The queue with 10,000 letters.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rj-bench-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try! ReviewQueue(path: path)
        let sample = letters[0]
        let screening = screener.screen(sample)
        let fillStart = ContinuousClock.now
        for index in 0..<10_000 {
            try! queue.submit(text: sample, caseReference: "NRJ-\(index % 300)", writer: "w\(index)", writerName: nil,
                              recipient: "r\(index)", sensitive: index % 5 == 0, responseWish: nil, screening: screening)
        }
        let fill = Stopwatch.seconds(ContinuousClock.now - fillStart)
        var listed = 0
        let listTime = Stopwatch.best(rounds: 5) { listed = try! queue.queue().count }
        var counted = 0
        let countTime = Stopwatch.best(rounds: 5) { counted = try! queue.log().count }
        precondition(listed == 10_000 && counted == 10_000)
        print("## Queue: 10,000 letters stored (\(format(10_000 / fill, 0)) submits/s, each one transaction with its audit entry)")
        var queueTable = Table()
        queueTable.add("step", "ms")
        queueTable.add("rj letters queue: list all 10,000 awaiting action", format(listTime * 1000, 1))
        queueTable.add("read all 10,000 audit entries (peer: a plain table scan)", format(countTime * 1000, 1))
        queueTable.print()
        print("queue-list-ms: \(format(listTime * 1000, 1)) (target under 100)")
        print("")
    }
}
