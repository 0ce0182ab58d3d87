// rj-load: many reviewers at once on one store, for the load test.
//
//   rj-load setup STORE KEY           staff in two offices: york-1…york-10 and leeds-1…leeds-10
//   rj-load work STORE KEY STAFF SECONDS SEED
//                                     submits, approves, records consent and releases at random
//                                     until SECONDS pass; prints what succeeded, as JSON
//   rj-load check STORE KEY           what a service would ask afterwards, as JSON: letters
//                                     released twice or without approval and consent, entries
//                                     by action, and whether the trail verifies
import CaseFiles
import Foundation
import LetterReview

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: rj-load setup|work|check STORE KEY ...\n".utf8))
    exit(2)
}
let (command, store, key) = (arguments[0], arguments[1], arguments[2])
let screener = try Screener.standard()
let admin = Actor(staffId: "admin", account: "rj-load")
let offices = ["york", "leeds"]

func open(create: Bool = false) throws -> ReviewQueue {
    try ReviewQueue(path: store, keyFile: key, create: create, screener: screener, passwordCost: 4)
}

func printJSON(_ value: [String: Any]) {
    let data = try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

switch command {
case "setup":
    let queue = try open(create: true)
    try queue.addStaff(id: "admin", name: "Load Admin", roles: [.admin], by: nil)
    for office in offices {
        for number in 1...10 {
            try queue.addStaff(id: "\(office)-\(number)", name: "Reviewer \(number) of \(office.capitalized)",
                               roles: [.facilitator], sensitiveComplex: true, office: office, by: admin)
        }
    }
    print("staff in \(offices.joined(separator: " and ")): 10 facilitators each")

case "work":
    guard arguments.count == 6, let seconds = Double(arguments[4]), let seed = UInt64(arguments[5]) else { exit(2) }
    let queue = try open()
    let actor = Actor(staffId: arguments[3], account: "rj-load")
    let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let loaded = try Case.load(path: checkout.appendingPathComponent("Examples/cases/burglary-adult.yml").path)
    let text = "Dear Mrs Ellis,\n\nI am sorry for breaking into your home. It was wrong and it was my fault.\n\nDaniel\n"
    var random = SplitMix(seed: seed)
    var done: [String: Int] = ["submit": 0, "approve": 0, "consent": 0, "release": 0, "refused": 0, "failed": 0]
    let today = "2026-03-21"
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        let roll = random.next() % 100
        do throws(LetterError) {
            if roll < 30 {
                _ = try queue.submit(letter: text, case: loaded, from: "daniel", to: "margaret", by: actor)
                done["submit", default: 0] += 1
                continue
            }
            let waiting = try queue.queue(by: actor)
            guard !waiting.isEmpty else { continue }
            let letter = waiting[Int(random.next() % UInt64(waiting.count))]
            if roll < 55 {
                try queue.approve(letter.id!, by: actor)
                done["approve", default: 0] += 1
            } else if roll < 80 {
                try queue.recordConsent(letter.id!, .agreed, on: today, today: today, by: actor)
                done["consent", default: 0] += 1
            } else {
                _ = try queue.release(letter.id!, by: actor, method: .inPerson, today: today)
                done["release", default: 0] += 1
            }
        } catch {
            // Refusals are the workflow's rules (already approved, not yet approved, taken by another reviewer).
            if case .store = error { done["failed", default: 0] += 1 } else { done["refused", default: 0] += 1 }
        }
    }
    printJSON(done)

case "check":
    let queue = try open()
    let report = try queue.verify(by: admin)
    var entries: [String: Int] = [:]
    var releases: [Int64: Int] = [:]
    var badReleases = 0
    var letters = 0
    for office in offices {
        // A reader in each office: the lead role sees every office, so one lead would do; a
        // facilitator per office also checks that each sees its own.
        let reader = Actor(staffId: "\(office)-1", account: "rj-load")
        let log = try queue.log(by: reader)
        for entry in log where entry.office == office {
            entries[entry.action, default: 0] += 1
            if entry.action == "release", let id = entry.letterId { releases[id, default: 0] += 1 }
        }
        for (id, _) in releases {
            guard let view = try? queue.letter(id, by: reader), view.details.letter.office == office else { continue }
            let details = view.details
            if details.approvals.isEmpty || details.letter.consent != .agreed || details.letter.status != .released { badReleases += 1 }
        }
        letters += log.filter { $0.action == "submit" && $0.office == office }.count
    }
    printJSON([
        "intact": report.isIntact, "entries": report.entries, "letters": letters,
        "releasedTwice": releases.values.filter { $0 > 1 }.count, "releasedWithoutApprovalOrConsent": badReleases,
        "byAction": entries,
    ])

default:
    exit(2)
}

/// A small seeded generator, so that a run can be repeated.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
