import ArgumentParser
import LetterReview

extension RJ.Letters {
    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a letter between two participants, screened against its case.",
            discussion: """
                The case file gives the screen its protected names and places, the names \
                the writer may not know, and whether the case is sensitive and complex \
                (then a facilitator and a case supervisor, two people cleared for such \
                work, must both approve).

                Example:
                  rj letters submit Examples/letters/apology-burglary.txt \\
                    --case Examples/cases/burglary-adult.yml --from daniel --to margaret --as kturner
                """)
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: "The letter (a text file), or - for standard input.") var file: String
        @Option(name: .customLong("case"), help: ArgumentHelp("The case file (YAML or JSON).", valueName: "file"))
        var caseFile: String
        @Option(help: ArgumentHelp("The writer's participant id.", valueName: "id")) var from: String
        @Option(help: ArgumentHelp("The recipient's participant id.", valueName: "id")) var to: String
        @Option(help: ArgumentHelp("What response or feedback the writer would like (BPG 2011 §3d.11-12).", valueName: "text"))
        var responseWish: String?
        @Option(help: ArgumentHelp("A service's own rules file, over the shipped rules.", valueName: "file")) var rules: String?

        func run() throws {
            try reportingFailures {
                let letter = try InputFile(path: file).text()
                let loaded = try CaseOptions.loadCase(caseFile)
                let actor = try storeOptions.actor()
                let queue = try storeOptions.open(rules: rules)
                let stored = try attempt { () throws(LetterError) in
                    try queue.submit(letter: letter, case: loaded, from: from, to: to, by: actor, responseWish: responseWish)
                }
                let screening = stored.screening
                print("letter \(stored.id) stored: \(screening.verdict.words) (\(screening.count(.block)) block, \(screening.count(.warn)) warn)"
                      + (stored.sensitive ? "; sensitive and complex: a facilitator and a case supervisor, two people cleared for such work, must both approve" : ""))
                print("next: rj letters show \(stored.id)")
            }
        }
    }
}
