import ArgumentParser
import CaseFiles
import Foundation
import LetterReview

extension RJ.Letters {
    struct Screen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Screen a letter without storing it.",
            discussion: """
                Looks for contact details, requests for contact, knowledge of where the \
                recipient is, threats, pressure, minimising, blaming, excuses, non-apologies, \
                people outside the process, hidden messages and abusive language. The verdict \
                is block (not to be released as it is), review (a facilitator decides) or "no concerns found: read it in full" (none-found in JSON): a facilitator reads every letter whatever it says. \
                The letter is never changed. Exits 0 whatever the verdict; 2 for bad input.

                With --batch, reads JSON lines ({"id", "text", "protect_names", \
                "protect_places", "writer_role"}) and writes one JSON line per letter, with offsets.

                Examples:
                  rj letters screen Examples/letters/apology-burglary.txt
                  rj letters screen letter.txt --case case.yml --from daniel --format json
                  rj letters screen letter.txt --writer-role harmed
                  rj letters screen --batch letters.jsonl > results.jsonl
                """
        )

        @Argument(help: "The letter (a text file), or - for standard input.")
        var file: String?

        @Option(help: ArgumentHelp("JSON lines to screen, one letter per line (- for standard input).", valueName: "file"))
        var batch: String?

        @Option(name: .customLong("case"), help: ArgumentHelp("A case file: its protected names and places, and whether it is sensitive and complex.", valueName: "file"))
        var caseFile: String?

        @Option(name: .customLong("protect-name"), help: ArgumentHelp("A name that must not appear (repeatable).", valueName: "name"))
        var protectNames: [String] = []

        @Option(name: .customLong("protect-place"), help: ArgumentHelp("A place that must not appear (repeatable).", valueName: "place"))
        var protectPlaces: [String] = []

        @Option(name: .customLong("writer-role"), help: ArgumentHelp("Who writes: harmed, responsible, supporter, parent-carer, community or agency. Minimising, blaming, excuses and non-apologies are looked for in letters by anyone but the person harmed; unknown, every rule applies.", valueName: "role"))
        var writerRole: String?

        @Option(name: .customLong("from"), help: ArgumentHelp("With --case: the writer's participant id, for their role and the names they may not know.", valueName: "id"))
        var from: String?

        @Option(help: ArgumentHelp("A service's own rules file, over the shipped rules.", valueName: "file"))
        var rules: String?

        @Option(help: ArgumentHelp("text or json.", valueName: "format"))
        var format: Style = .text

        enum Style: String, ExpressibleByArgument { case text, json }

        func validate() throws {
            guard (file == nil) != (batch == nil) else { throw ValidationError("give a letter file, or --batch FILE") }
            if let writerRole, Participant.Role(rawValue: writerRole) == nil {
                throw ValidationError("--writer-role '\(writerRole)' is not a role; use \(Participant.Role.names)")
            }
            if from != nil && caseFile == nil { throw ValidationError("--from names a participant of --case CASE; give the case too") }
        }

        func run() throws {
            try reportingFailures {
                let screener = try LetterFlags.screener(rules: rules)
                var context = ScreeningContext(protectedNames: protectNames, protectedPlaces: protectPlaces,
                                               writerRole: writerRole.flatMap(Participant.Role.init(rawValue:)))
                if let caseFile {
                    let loaded = try CaseOptions.loadCase(caseFile)
                    if let from, loaded.participant(from) == nil {
                        throw CommandFailure(file: caseFile, message: "no participant '\(from)' in case \(loaded.reference); its participants are \(loaded.participants.map(\.id).joined(separator: ", "))")
                    }
                    let fromCase = ScreeningContext(case: loaded, writer: from)
                    context.protectedNames += fromCase.protectedNames
                    context.protectedPlaces += fromCase.protectedPlaces
                    context.sensitive = fromCase.sensitive
                    context.writerRole = context.writerRole ?? fromCase.writerRole
                }
                if let batch {
                    try runBatch(batch, screener: screener, context: context)
                    return
                }
                let input = try InputFile(path: file!)
                let letter = try input.text()
                let result = screener.screen(letter, context: context)
                switch format {
                case .json: Terminal.output(ScreeningReport.json(result) + "\n")
                case .text: Terminal.output(ScreeningReport.text(result, letter: letter, name: input.name))
                }
            }
        }

        func runBatch(_ path: String, screener: Screener, context: ScreeningContext) throws {
            let input = try InputFile(path: path)
            let text = try input.text()
            let decoder = JSONDecoder()
            var output = ""
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                let item: BatchItem
                do {
                    item = try decoder.decode(BatchItem.self, from: Data(line.utf8))
                } catch {
                    throw CommandFailure(file: input.name, line: number + 1, column: 1,
                                         message: "not a letter: each line needs {\"id\": …, \"text\": …}")
                }
                var itemContext = context
                if let role = item.writerRole {
                    guard let known = Participant.Role(rawValue: role) else {
                        throw CommandFailure(file: input.name, line: number + 1, column: 1,
                                             message: "writer_role '\(role)' is not a role; use \(Participant.Role.names)")
                    }
                    itemContext.writerRole = known
                }
                itemContext.protectedNames += item.protectNames ?? []
                itemContext.protectedPlaces += item.protectPlaces ?? []
                output += ScreeningReport.json(screener.screen(item.text, context: itemContext), id: item.id, offsets: true) + "\n"
                if output.utf8.count > 1 << 16 {
                    Terminal.output(output)
                    output = ""
                }
            }
            Terminal.output(output)
        }
    }
}
