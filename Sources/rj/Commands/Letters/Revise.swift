import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Revise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store the writer's new version of a letter, screened again.",
            discussion: "Earlier versions are kept, and approvals start again.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter's number.") var id: Int64
        @Argument(help: "The new version (a text file), or - for standard input.") var file: String
        @Option(name: .customLong("case"), help: ArgumentHelp("The letter's case file.", valueName: "file"))
        var caseFile: String
        @Option(help: ArgumentHelp("A service's own rules file.", valueName: "file")) var rules: String?

        func run() throws {
            try reportingFailures {
                let text = try InputFile(path: file).text()
                let loaded = try CaseOptions.loadCase(caseFile)
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open(rules: rules)
                let screening = try attempt { () throws(LetterError) in try queue.revise(id, text: text, case: loaded, by: actor) }
                let version = try attempt { () throws(LetterError) in try queue.letter(id, by: actor).details.letter.currentVersion }
                print("letter \(id) version \(version) stored: \(screening.verdict.words) (\(screening.count(.block)) block, \(screening.count(.warn)) warn); it needs approving again")
            }
        }
    }
}
