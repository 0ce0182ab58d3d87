import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a letter (a case supervisor co-signs with --supervisor).",
            discussion: """
                Needs the facilitator role (or, with --supervisor, the supervisor role). \
                Nobody approves the same version twice. A sensitive and complex letter needs \
                a facilitator's and a case supervisor's approval, two people cleared for \
                such work (BPG 2011 §B). A letter with block findings needs them redacted, or \
                --override with a written reason.
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Flag(help: "Approve as the case supervisor.") var supervisor = false
        @Option(help: ArgumentHelp("Why block findings may stay: a written reason.", valueName: "reason")) var override: String?

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let complete = try attempt { () throws(LetterError) in
                    try queue.approve(id, by: actor, as: supervisor ? .supervisor : nil, override: override)
                }
                if complete {
                    print("letter \(id) approved; it can be released once the recipient agrees to receive it")
                } else {
                    let approvals = try attempt { () throws(LetterError) in try queue.letter(id, by: actor).details.approvals }
                    let missing = ReviewCapacity.allCases.filter { capacity in !approvals.contains { $0.capacity == capacity } }
                    print("letter \(id): approval recorded; a \(missing.map(\.label).joined(separator: " and a ")) must approve it too (BPG 2011 §B)")
                }
            }
        }
    }
}
