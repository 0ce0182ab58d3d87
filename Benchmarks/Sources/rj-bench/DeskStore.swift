import CaseFiles
import Foundation
import LetterReview

/// `rj-bench desk-store PATH`: a store of 10,000 letters and one member of
/// staff (`bench`, password `bench-password`), for loading the review desk.
enum DeskStore {
    static func make(at path: String) {
        let screener = try! Screener.standard()
        let queue = try! ReviewQueue(path: path, create: true, screener: screener)
        let staff = Actor(staffId: "bench", account: "bench")
        try! queue.addStaff(id: "bench", name: "Bench Facilitator", roles: [.admin, .facilitator, .manager],
                            sensitiveComplex: true, by: staff)
        try! queue.setPassword("bench", to: "bench-password", by: staff)
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let loaded = try! Case.load(path: checkout.appendingPathComponent("Examples/cases/burglary-adult.yml").path)
        let letters = (0..<50).map(LetterBenchmark.letter)
        for index in 0..<10_000 {
            _ = try! queue.submit(letter: letters[index % letters.count], case: loaded, from: "daniel", to: "margaret", by: staff)
        }
        print("desk-store: 10,000 letters in \(path)")
    }
}
