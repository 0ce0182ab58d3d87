// Measures the letter screener on public labelled corpora nobody on the
// project wrote (shared/evaluation/screening/labelled.jsonl), and first on
// the project's own letters: the tuning set rules are written against
// (Benchmarks/Tuning/*.jsonl) and the held-apart set they never are
// (Benchmarks/HeldApart/*.jsonl).
//
//   swift run -c release --package-path Benchmarks rj-evaluate [LABELLED.jsonl] [--errors] [--letters]
//
// --letters measures the two letter sets only; --errors lists the tuning
// set's mistakes letter by letter (never the held-apart set's); --show ID...
// lists every finding on the tuning letters named; --screen ROLE screens each
// line of standard input (\n for a line break) as written by ROLE.
//
// Items fall into a fixed 20% "look" slice (by a hash of their id) and an 80%
// held-out rest. Figures are printed for both; --errors shows mistakes from the
// look slice only, so that rules are never fitted to the held-out figures.
import CaseFiles
import Foundation
import LetterReview

struct Item: Decodable {
    struct Expectation: Decodable {
        var flag: String
        var start: Int?
        var end: Int?
        var match: String?
    }
    var id: String
    var source: String
    var text: String
    var expect: [Expectation]?
    var forbid: [String]?
}

/// Which findings count for a corpus flag.
func counts(_ finding: ScreeningFinding, for flag: String) -> Bool {
    switch flag {
    case "CONTACT_PHONE": finding.rule == "contact-phone"
    case "CONTACT_EMAIL": finding.rule == "contact-email"
    case "CONTACT_URL": finding.rule == "contact-url"
    case "CONTACT_HANDLE": finding.rule == "contact-handle"
    case "CONTACT_IP": finding.rule == "contact-ip"
    case "CONTACT_ADDRESS": ["contact-address", "contact-street", "contact-postcode"].contains(finding.rule)
    case "THREAT": finding.categories.contains(.intimidation)
    case "PROFANITY", "ABUSE", "ABUSE|PROFANITY": finding.categories.contains(.abusiveLanguage)
    case "HIDDEN_ACROSTIC": finding.categories.contains(.hiddenMessage)
    default: false
    }
}

/// Whether a finding counts for an expectation: the right kind, over its span if it has one.
func covers(_ finding: ScreeningFinding, _ expectation: Item.Expectation) -> Bool {
    guard counts(finding, for: expectation.flag) else { return false }
    if let lower = expectation.start, let upper = expectation.end { return finding.start < upper && finding.end > lower }
    return true
}

func inLookSlice(_ id: String) -> Bool {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash % 5 == 0
}

struct Tally {
    var positives = 0, found = 0, negatives = 0, flagged = 0
    var recall: Double { positives == 0 ? .nan : Double(found) / Double(positives) }
    var precision: Double { found + flagged == 0 ? .nan : Double(found) / Double(found + flagged) }
    var falsePositiveRate: Double { negatives == 0 ? .nan : Double(flagged) / Double(negatives) }
    static func + (a: Tally, b: Tally) -> Tally {
        Tally(positives: a.positives + b.positives, found: a.found + b.found, negatives: a.negatives + b.negatives,
              flagged: a.flagged + b.flagged)
    }
}

/// The project's own letters, written for the kinds of harm a letter can
/// carry (and honest letters that share their words), each labelled with
/// who writes and the categories a reviewer would mark: how many letters
/// with a problem are caught, the share of the categories marked that are
/// found, and false alarms on honest letters. Of the held-apart set only
/// counts and ids are printed.
struct LabelledLetter: Decodable {
    var id: String
    var writerRole: String
    var kind: String
    var categories: [String]
    var text: String
    enum CodingKeys: String, CodingKey {
        case id, kind, categories, text
        case writerRole = "writer_role"
    }
}

/// One set's figures: letters with a problem, caught, categories marked and
/// found among them, honest letters, and false alarms on those.
struct SetFigures {
    var problems = 0, caught = 0, marked = 0, found = 0, honest = 0, alarms = 0
    var recall: String { String(format: "%.2f", Double(found) / Double(max(1, marked))) }
    static func + (a: SetFigures, b: SetFigures) -> SetFigures {
        SetFigures(problems: a.problems + b.problems, caught: a.caught + b.caught, marked: a.marked + b.marked,
                   found: a.found + b.found, honest: a.honest + b.honest, alarms: a.alarms + b.alarms)
    }
}

func letterSet(_ title: String, _ folder: String, showMistakes: Bool) {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(folder).path
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
    let sets = files.compactMap { name in (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)).map { (name, $0) } }
    guard sets.contains(where: { !$0.1.isEmpty }) else {
        print("skipped: no letters in \(path)")
        return
    }
    let file = folder
    let screener: Screener
    do { screener = try Screener.standard() } catch { print(error); exit(2) }
    var missed: [String] = [], alarmed: [String] = [], byKind: [String: (letters: Int, caught: Int)] = [:]
    var byCategory: [String: (marked: Int, found: Int)] = [:]
    var mistakes: [String] = []
    var perSet: [(name: String, figures: SetFigures)] = []
    for (name, text) in sets {
        var figures = SetFigures()
        for line in text.split(separator: "\n") where !line.isEmpty {
            guard let letter = try? JSONDecoder().decode(LabelledLetter.self, from: Data(line.utf8)) else {
                print("\(file)/\(name): a line that is not a letter"); exit(2)
            }
            let result = screener.screen(letter.text, context: ScreeningContext(writerRole: Participant.Role(rawValue: letter.writerRole)))
            let flagged = result.verdict != .noneFound
            let raised = result.findings.filter { $0.severity != .info }
            let categories = Set(raised.flatMap(\.categories).map(\.rawValue))
            if letter.categories.isEmpty {
                figures.honest += 1
                if flagged {
                    figures.alarms += 1
                    alarmed.append("\(letter.id) (\(letter.writerRole)): \(categories.sorted().joined(separator: ", "))")
                }
            } else {
                figures.problems += 1
                var tally = byKind[letter.kind] ?? (0, 0)
                tally.letters += 1
                if flagged { figures.caught += 1; tally.caught += 1 } else { missed.append("\(letter.id) (\(letter.kind))") }
                byKind[letter.kind] = tally
                figures.marked += letter.categories.count
                figures.found += letter.categories.filter(categories.contains).count
                for category in letter.categories {
                    byCategory[category, default: (0, 0)].marked += 1
                    if categories.contains(category) { byCategory[category, default: (0, 0)].found += 1 }
                }
            }
            let notFound = letter.categories.filter { !categories.contains($0) }
            let extra = raised.flatMap { finding in finding.categories.map { (finding, $0) } }
                .filter { !letter.categories.contains($0.1.rawValue) }
            if showMistakes && (!notFound.isEmpty || !extra.isEmpty) {
                var lines = ["\(letter.id) (\(letter.writerRole), \(letter.kind))"]
                if !notFound.isEmpty { lines.append("  not found: \(notFound.joined(separator: ", "))") }
                for (finding, category) in extra { lines.append("  raised \(category.rawValue) by \(finding.rule): '\(finding.excerpt)'") }
                mistakes.append(lines.joined(separator: "\n"))
            }
        }
        perSet.append((name, figures))
    }
    let total = perSet.map(\.figures).reduce(SetFigures(), +)
    print("\(title) (\(total.problems) with a problem, \(total.honest) without):")
    print("  caught \(total.caught) of \(total.problems) (target 36 of 38 on the unseen set); category recall \(total.recall) (target 0.90); false alarms \(total.alarms) of \(total.honest) (target at most 1 in 22)")
    if perSet.count > 1 {
        for (name, figures) in perSet {
            print("  \(name): caught \(figures.caught) of \(figures.problems), category recall \(figures.recall), false alarms \(figures.alarms) of \(figures.honest)")
        }
    }
    for (kind, tally) in byKind.sorted(by: { $0.key < $1.key }) { print("  \(kind): \(tally.caught) of \(tally.letters)") }
    print("  categories found of those marked: " + byCategory.sorted { $0.key < $1.key }
        .map { "\($0.key) \($0.value.found)/\($0.value.marked)" }.joined(separator: ", "))
    if !missed.isEmpty { print("  missed: " + missed.joined(separator: "; ")) }
    if !alarmed.isEmpty { print("  false alarms: " + alarmed.joined(separator: "; ")) }
    if !mistakes.isEmpty { print("  mistakes, letter by letter:\n" + mistakes.joined(separator: "\n")) }
    print("")
}

let arguments = CommandLine.arguments.dropFirst()
let showErrors = arguments.contains("--errors")

/// `--screen ROLE`: every finding on each line of standard input, written by ROLE.
if let flag = arguments.firstIndex(of: "--screen") {
    let role = arguments.indices.contains(flag + 1) ? Participant.Role(rawValue: arguments[flag + 1]) : nil
    let screener: Screener
    do { screener = try Screener.standard() } catch { print(error); exit(2) }
    while let line = readLine() {
        let text = line.replacingOccurrences(of: "\\n", with: "\n")
        print(line)
        for finding in screener.screen(text, context: ScreeningContext(writerRole: role)).findings {
            print("  \(finding.severity) \(finding.categories.map(\.rawValue).joined(separator: ", ")) by \(finding.rule): '\(finding.excerpt)'")
        }
    }
    exit(0)
}

/// `--show ID...`: every finding on the tuning letters named, to read why a rule did or did not match.
if let flag = arguments.firstIndex(of: "--show") {
    let wanted = Set(arguments[(flag + 1)...])
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tuning").path
    let screener: Screener
    do { screener = try Screener.standard() } catch { print(error); exit(2) }
    for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() where name.hasSuffix(".jsonl") {
        let text = (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            guard let letter = try? JSONDecoder().decode(LabelledLetter.self, from: Data(line.utf8)), wanted.contains(letter.id)
            else { continue }
            let result = screener.screen(letter.text, context: ScreeningContext(writerRole: Participant.Role(rawValue: letter.writerRole)))
            print("\(letter.id) (\(letter.writerRole)), marked: \(letter.categories.joined(separator: ", "))")
            for finding in result.findings {
                print("  \(finding.severity) \(finding.categories.map(\.rawValue).joined(separator: ", ")) by \(finding.rule): '\(finding.excerpt)'")
            }
        }
    }
    exit(0)
}
letterSet("Tuning letters, which the rules are written against", "Tuning", showMistakes: showErrors)
letterSet("Held-apart letters, which no rule was written against", "HeldApart", showMistakes: false)
if arguments.contains("--letters") { exit(0) }
let defaultPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/evaluation/screening/labelled.jsonl").path
let path = arguments.first { !$0.hasPrefix("--") } ?? defaultPath
guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
    print("skipped: no labelled corpus at \(path) (needs ../shared/evaluation beside the checkout)")
    exit(0)
}
let screener: Screener
do { screener = try Screener.standard() } catch { print(error); exit(2) }

var tallies: [String: [String: (look: Tally, rest: Tally)]] = [:]  // source → flag → tallies
var errors: [String] = []
/// Whole texts: does a text with contact details get flagged for them, and one without not?
var presidioItems = Tally()
/// Prose nobody labelled for contact details (HateCheck's cases, Davidson's
/// tweets) holds no addresses: each address or street found there is a false alarm.
var prose = Tally()
/// Presidio's spans found without the notes on unnumbered streets (info findings).
var presidioStrict = (all: Tally(), heldOut: Tally())
let decoder = JSONDecoder()
let start = ContinuousClock.now
var screened = 0
for line in text.split(separator: "\n") {
    guard let item = try? decoder.decode(Item.self, from: Data(line.utf8)) else { continue }
    let result = screener.screen(item.text)
    screened += 1
    let look = inLookSlice(item.id)
    var perFlag: [String: Tally] = [:]
    for expectation in item.expect ?? [] {
        let hit = result.findings.contains { covers($0, expectation) }
        if item.source.hasPrefix("presidio"), expectation.flag.hasPrefix("CONTACT") {
            let strict = result.findings.contains { $0.rule != "contact-street" && covers($0, expectation) }
            let tally = Tally(positives: 1, found: strict ? 1 : 0, negatives: 0, flagged: 0)
            presidioStrict.all = presidioStrict.all + tally
            if !look { presidioStrict.heldOut = presidioStrict.heldOut + tally }
        }
        perFlag[expectation.flag, default: Tally()].positives += 1
        if hit { perFlag[expectation.flag, default: Tally()].found += 1 }
        if !hit && look && showErrors { errors.append("missed \(expectation.flag) [\(item.id)]: \(item.text.prefix(160))") }
    }
    for flag in item.forbid ?? [] {
        perFlag[flag, default: Tally()].negatives += 1
        if let wrong = result.findings.first(where: { counts($0, for: flag) }) {
            perFlag[flag, default: Tally()].flagged += 1
            if look && showErrors { errors.append("wrongly \(flag) by \(wrong.rule) [\(item.id)] '\(wrong.excerpt)': \(item.text.prefix(160))") }
        }
    }
    if item.source.hasPrefix("hatecheck") || item.source.hasPrefix("davidson") {
        prose.negatives += 1
        if let wrong = result.findings.first(where: { counts($0, for: "CONTACT_ADDRESS") }) {
            prose.flagged += 1
            if look && showErrors { errors.insert("address in prose by \(wrong.rule) [\(item.id)] '\(wrong.excerpt)'", at: 0) }
        }
    }
    if item.source.hasPrefix("presidio") {
        let contact = result.findings.contains { $0.categories.contains(.contactDetails) && $0.rule != "contact-social" }
        let expects = (item.expect ?? []).contains { $0.flag.hasPrefix("CONTACT") }
        if expects {
            presidioItems.positives += 1
            if contact { presidioItems.found += 1 }
        } else if (item.forbid ?? []).contains(where: { $0.hasPrefix("CONTACT") }) {
            presidioItems.negatives += 1
            if contact { presidioItems.flagged += 1 }
        }
    }
    for (flag, tally) in perFlag {
        var entry = tallies[item.source, default: [:]][flag] ?? (Tally(), Tally())
        if look { entry.look = entry.look + tally } else { entry.rest = entry.rest + tally }
        tallies[item.source, default: [:]][flag] = entry
    }
}
let elapsed = ContinuousClock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

func show(_ value: Double) -> String { value.isNaN ? "  -  " : String(format: "%.3f", value) }
func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }

print("Letter screening on \(screened) labelled texts (\(String(format: "%.0f", Double(screened) / seconds)) texts/s)")
print("held-out = the 80% never looked at; look = the fixed 20% slice errors may be read from\n")
print(pad("source", 44) + pad("flag", 17) + "   pos  recall   neg  flagged  precision   | look: recall precision")
var byCategory: [String: Tally] = [:]
for source in tallies.keys.sorted() {
    for flag in tallies[source]!.keys.sorted() {
        let (look, rest) = tallies[source]![flag]!
        print(pad(source, 44) + pad(flag, 17)
              + String(format: "%6d", rest.positives) + "  " + show(rest.recall)
              + String(format: "%6d", rest.negatives) + "  " + show(rest.falsePositiveRate) + "    " + show(rest.precision)
              + "       | " + show(look.recall) + "  " + show(look.precision))
        let category = flag.hasPrefix("CONTACT") ? "contact-details" : flag == "THREAT" ? "intimidation"
            : flag == "HIDDEN_ACROSTIC" ? "hidden-message" : "abusive-language"
        byCategory[category, default: Tally()] = byCategory[category, default: Tally()] + look + rest
    }
}
print("\nper category (all sources, both slices):")
for (category, tally) in byCategory.sorted(by: { $0.key < $1.key }) {
    print("  " + pad(category, 18) + "recall " + show(tally.recall) + "  precision " + show(tally.precision)
          + "  flagged negatives " + show(tally.falsePositiveRate))
}

/// Sums tallies over sources and flags: both slices, and the held-out 80% alone.
@MainActor func total(_ sources: (String) -> Bool, _ flags: (String) -> Bool) -> (all: Tally, heldOut: Tally) {
    var all = Tally(), heldOut = Tally()
    for (source, flagsBySource) in tallies where sources(source) {
        for (flag, pair) in flagsBySource where flags(flag) {
            all = all + pair.look + pair.rest
            heldOut = heldOut + pair.rest
        }
    }
    return (all, heldOut)
}
let presidio = total({ $0.hasPrefix("presidio") }, { $0.hasPrefix("CONTACT") })
let profanity = total({ $0 == "hatecheck/profanity_h" || $0 == "hatecheck/profanity_nh" }, { $0 == "PROFANITY" })
let scunthorpe = total({ $0.hasSuffix("scunthorpe") }, { $0 == "PROFANITY" })
let threats = total({ $0.hasPrefix("hatecheck/threat") }, { $0 == "THREAT" })
print("\ntargets (all texts; held-out 80% in brackets):")
print("  contact details on Presidio's cases, each labelled span: recall \(show(presidio.all.recall)) [\(show(presidio.heldOut.recall))] (target 0.95) at precision \(show(presidio.all.precision)) [\(show(presidio.heldOut.precision))] (target 0.9)")
print("    without the notes on streets named without a number (info): recall \(show(presidioStrict.all.recall)) [\(show(presidioStrict.heldOut.recall))]")
print("  contact details on Presidio's cases, each text: recall \(show(presidioItems.recall)) at precision \(show(presidioItems.precision)) (\(presidioItems.positives) texts with, \(presidioItems.negatives) without)")
print("  addresses or streets found in prose with none (HateCheck, Davidson): \(prose.flagged) of \(prose.negatives) texts")
print("  HateCheck profanity flagged: \(show(profanity.all.recall)) [\(show(profanity.heldOut.recall))] (target 0.93); Scunthorpe lists flagged: \(show(scunthorpe.all.falsePositiveRate)) [\(show(scunthorpe.heldOut.falsePositiveRate))] (target at most 0.05)")
print("  HateCheck threats flagged as intimidation: \(show(threats.all.recall)) [\(show(threats.heldOut.recall))] (target 0.9)")
if showErrors {
    print("\nmistakes in the look slice (\(errors.count)):")
    for error in errors.prefix(200) { print("  " + error) }
}
