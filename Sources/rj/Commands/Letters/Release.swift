import ArgumentParser
import Foundation
import LetterReview

extension RJ.Letters {
    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Release an approved letter for handover, and write the handover copy.",
            discussion: """
                Only when it is approved (by a facilitator and a case supervisor in a sensitive \
                and complex case), no block finding is left unredacted or unexplained, the \
                recipient agreed to receive it, it is not held, and its records are as the \
                audit trail left them. The copy is never sealed (BPG 2011 §3d.12-13).
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Option(help: ArgumentHelp("in-person, read-aloud or via-supporter.", valueName: "method")) var method: ReleaseMethod
        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the handover copy (default: letter-ID.html).", valueName: "file"))
        var out: String?

        func run() throws {
            try reportingFailures {
                let today = Today.iso
                let path = out ?? "letter-\(id).html"
                // Released only where its copy can be written.
                try AtomicFile.checkWritable(path)
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open()
                let handover = try attempt { () throws(LetterError) in try queue.release(id, by: actor, method: method, today: today) }
                do {
                    try AtomicFile.write(Data(handover.html(recipientName: nil, today: today).utf8), to: path)
                } catch let failure as CommandFailure {
                    Terminal.error(failure.description)
                    throw CommandFailure(message: "letter \(id) is released, and its copy was not written",
                                         hint: "write it again with rj letters show \(id) --handover --out FILE")
                }
                print("letter \(id) released (\(method.rawValue), by \(handover.releasedBy?.name ?? actor.staffId)); handover copy: \(path)")
                if let wish = handover.letter.responseWish {
                    print("follow up: the writer would like \(wish) (mark it done with rj letters followed-up \(id))")
                }
            }
        }
    }
}

extension ReleaseMethod: ExpressibleByArgument {}
