import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Followups: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Released letters whose writers asked for a response or feedback, not yet followed up (BPG 2011 §3d.11-12).")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Include follow-ups already marked done.") var all = false

        func run() throws {
            try reportingFailures {
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let letters = try attempt { () throws(LetterError) in try queue.followups(by: actor, includeDone: all) }
                for letter in letters {
                    print("letter \(letter.id!)  case \(letter.caseReference)  \(letter.writer) → \(letter.recipient)  released \(letter.releasedAt?.prefix(10) ?? "")  wish: \(letter.responseWish ?? "")"
                          + (letter.followedUpAt.map { "  done \($0.prefix(10)) by \(letter.followedUpBy ?? "?")" } ?? ""))
                }
                if letters.isEmpty { print("no follow-ups") }
            }
        }
    }
}
