import Foundation
// rj's benchmarks: each section measures rj against a peer in the same run and
// prints a ratio that can be tracked from run to run.
//
//   swift run -c release --package-path Benchmarks rj-bench [section ...]
let sections: [String: () -> Void] = [
    "commonmark": CommonMarkBenchmark.run,
    "templates": TemplateBenchmark.run,
    "packs": PackBenchmark.run,
    "letters": LetterBenchmark.run,
    "report": ReportBenchmark.run,
]
let order = ["commonmark", "templates", "packs", "letters", "report"]
let chosen = CommandLine.arguments.dropFirst()
if chosen.first == "desk-store", chosen.count == 2 {
    DeskStore.make(at: chosen.last!)
    exit(0)
}
for name in chosen.isEmpty ? order[...] : chosen {
    guard let run = sections[name] else {
        print("unknown section \(name); choose from \(order.joined(separator: ", "))")
        continue
    }
    run()
}
