import Foundation
import TextScan
/// Screens letters for risk of further harm: the rules (`rules.yml`, plus a
/// service's own) and the detectors, run over each letter once. Never changes
/// the letter. Build once, screen many, from any thread.
public struct Screener: Sendable {
    public let rules: [Rule]
    private let phrases: PhraseMatcher
    private let lexicon: Lexicon
    private let sentences: SentenceMatcher
    /// Each rule's `unless_sentence` phrases as words, read as a letter's words are.
    private let cancels: [[[String]]]
    /// Each rule's `unless_before` words, spelled as a letter's words are read.
    private let unlessBefore: [[String]]
    /// Each rule's own pattern words: a negation a pattern spells ("it wasn't
    /// that bad") is what it says, not what cancels it.
    private let patternWords: [Set<String>]
    /// The rules by id, for telling a place once (``onePerCategoryAndPlace(_:)``).
    private let rulesById: [String: Rule]

    public init(rules: RuleSet) {
        self.rules = rules.rules
        phrases = PhraseMatcher(rules: rules.rules)
        lexicon = Lexicon(rules: rules.rules)
        sentences = SentenceMatcher(rules: rules.rules)
        cancels = rules.rules.map { rule in rule.unlessSentence.map { ScannedText($0).tokens.map(\.plain) }.filter { !$0.isEmpty } }
        unlessBefore = rules.rules.map { $0.unlessBefore.map(ScannedText.standard) }
        patternWords = rules.rules.map { rule in
            Set(rule.patterns.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "|" }) }
                .map { ScannedText.standard(String($0.trimmingCharacters(in: CharacterSet(charactersIn: "?!*")))) })
        }
        rulesById = Dictionary(rules.rules.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The shipped rules, with a service's rules file over them if given.
    public static func standard(serviceRules path: String? = nil) throws(RuleFileError) -> Screener {
        var rules = try RuleSet.shipped()
        if let path { rules = rules.overridden(by: try RuleSet.load(path: path, groups: rules.groups)) }
        return Screener(rules: rules)
    }

    public func screen(_ letter: String, context: ScreeningContext = ScreeningContext()) -> ScreeningResult {
        let text = ScannedText(letter)
        var raw: [(rule: Int, range: Range<Int>, note: String?)] = []

        // The recipient's own words told back to them ("you said \"I know where you live\"") are their
        // account, not the writer's: rules read from words read the letter without them, except for what
        // reaches the recipient whoever first said it (contact details, abuse, hidden messages). What a
        // third person is quoted as saying is read as the writer's own.
        let quoted = Self.recipientQuotes(text)
        let masked = quoted.isEmpty ? nil : Self.masking(letter, quoted)
        // A letter's sentences, found once: phrases, sentence rules and what cancels a match read them.
        let bounds = SentenceMatcher.sentences(text)
        func read(_ text: ScannedText, _ bounds: [Range<Int>], keeping keep: (Rule) -> Bool) {
            for match in phrases.matches(in: text, sentences: bounds) where keep(rules[match.rule]) {
                let rule = rules[match.rule]
                if !rule.unlessBefore.isEmpty,
                   negated(text.tokens, from: match.first, to: match.last, by: unlessBefore[match.rule],
                           except: patternWords[match.rule]) { continue }
                raw.append((match.rule, text.tokens[match.first].start..<text.tokens[match.last].end, nil))
            }
            if !lexicon.isEmpty {
                for match in lexicon.matches(in: text) where keep(rules[match.rule]) { raw.append((match.rule, match.range, nil)) }
            }
            if !sentences.isEmpty {
                for match in sentences.matches(in: text, sentences: bounds) where keep(rules[match.rule]) {
                    raw.append((match.rule, text.tokens[match.first].start..<text.tokens[match.last].end, nil))
                }
            }
        }
        if let masked {
            read(text, bounds) { Self.keptInQuotes.contains($0.category) }
            read(masked, SentenceMatcher.sentences(masked)) { !Self.keptInQuotes.contains($0.category) }
        } else {
            read(text, bounds) { _ in true }
        }
        let reading = Detectors.Reading(text, context: context)
        for (index, rule) in rules.enumerated() where rule.enabled {
            guard let detector = rule.detector else { continue }
            for hit in Detectors.run(detector, reading, words: rule.words) {
                raw.append((index, hit.range, hit.note))
            }
        }

        // A match whose sentence holds what cancels it ("but that is no excuse") is none.
        if raw.contains(where: { !cancels[$0.rule].isEmpty }) {
            let plains = text.tokens.map(\.plain)
            raw.removeAll { item in
                // The sentences the match touches, and for a rule with a window of two
                // the sentence either side ("I told myself it takes two. It isn't true.").
                guard !cancels[item.rule].isEmpty,
                      var first = bounds.firstIndex(where: { text.tokens[$0.upperBound - 1].end > item.range.lowerBound }),
                      var last = bounds.lastIndex(where: { text.tokens[$0.lowerBound].start < item.range.upperBound })
                else { return false }
                if rules[item.rule].window > 1 {
                    first = max(0, first - 1)
                    last = min(bounds.count - 1, last + 1)
                }
                let lower = bounds[first].lowerBound, upper = bounds[last].upperBound
                return cancels[item.rule].contains { phrase in
                    guard upper - lower >= phrase.count else { return false }
                    search: for start in lower...(upper - phrase.count) where plains[start] == phrase[0] {
                        for offset in 1..<phrase.count where plains[start + offset] != phrase[offset] { continue search }
                        return true
                    }
                    return false
                }
            }
        }

        // A supporter, parent or neighbour writing for the person harmed tells their account as the harmed person would.
        let writer = Side.forTheHarmed(text, sentences: bounds, role: context.writerRole) ? .harmed : context.writerRole

        // What each sentence was found to hold, for a rule that counts only beside a finding of a kind.
        let starts = bounds.map { text.tokens[$0.lowerBound].start }
        func sentence(of offset: Int) -> Int {
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] <= offset { low = middle + 1 } else { high = middle }
            }
            return max(0, low - 1)
        }
        var held: [Int: Set<Category>] = [:]
        if raw.contains(where: { !rules[$0.rule].beside.isEmpty }) {
            for item in raw where rules[item.rule].beside.isEmpty && rules[item.rule].applies(to: writer)
                && rules[item.rule].severity != .info {
                let rule = rules[item.rule]
                for index in sentence(of: item.range.lowerBound)...sentence(of: max(item.range.lowerBound, item.range.upperBound - 1)) {
                    held[index, default: []].formUnion([rule.category] + rule.also)
                }
            }
        }

        // One finding per rule per place: overlapping matches of a rule merge.
        raw.sort { ($0.range.lowerBound, $0.rule) < ($1.range.lowerBound, $1.rule) }
        var findings: [ScreeningFinding] = []
        var lastEnd: [Int: Int] = [:]
        for item in raw {
            let rule = rules[item.rule]
            guard rule.applies(to: writer) else { continue }
            if !rule.beside.isEmpty {
                let first = rule.besideInLetter ? 0 : sentence(of: item.range.lowerBound) - (rule.window - 1)
                let last = rule.besideInLetter ? bounds.count - 1
                    : sentence(of: max(item.range.lowerBound, item.range.upperBound - 1)) + (rule.window - 1)
                // Counted where a sentence in reach holds a finding of a kind it stands beside, and not where
                // one of its own kind already tells the facilitator the same.
                guard (first...last).contains(where: { !(held[$0] ?? []).isDisjoint(with: rule.beside) }),
                      !(first...last).contains(where: { held[$0]?.contains(rule.category) == true }) else { continue }
            }
            if let end = lastEnd[item.rule], item.range.lowerBound < end { continue }
            lastEnd[item.rule] = item.range.upperBound
            var severity = rule.severity
            if context.sensitive, severity == .warn,
               [.location, .thirdParty, .hiddenMessage].contains(rule.category) {
                severity = .block
            }
            let (line, column) = text.position(of: item.range.lowerBound)
            var explanation = rule.explanation
            if let note = item.note { explanation = note.prefix(1).uppercased() + note.dropFirst() + ". " + explanation }
            var finding = ScreeningFinding(
                rule: rule.id, category: rule.category, severity: severity, start: item.range.lowerBound,
                end: item.range.upperBound, line: line, column: column, excerpt: Self.excerpt(text, item.range),
                explanation: explanation, reference: rule.reference)
            finding.also = rule.also.filter { $0 != rule.category }
            findings.append(finding)
        }
        return ScreeningResult(findings: onePerCategoryAndPlace(findings))
    }

    /// Where two rules read from words mark the same place for the same
    /// category, the facilitator is told once: by the more serious, then
    /// the first; and a category a finding counts as well (`also`) is not
    /// told again beside a finding whose own category it is. What detectors
    /// find (a phone number beside an address) is each told.
    func onePerCategoryAndPlace(_ findings: [ScreeningFinding]) -> [ScreeningFinding] {
        func read(_ finding: ScreeningFinding) -> Bool { rulesById[finding.rule]?.detector == nil }
        func overlap(_ a: ScreeningFinding, _ b: ScreeningFinding) -> Bool { a.start < b.end && b.start < a.end }
        var kept: [ScreeningFinding] = []
        for finding in findings {
            guard read(finding), let index = kept.firstIndex(where: { $0.category == finding.category && $0.rule != finding.rule
                && read($0) && overlap($0, finding) }) else {
                kept.append(finding)
                continue
            }
            if finding.severity > kept[index].severity { kept[index] = finding }
        }
        let primary = kept
        for index in kept.indices where !kept[index].also.isEmpty && read(kept[index]) {
            let finding = kept[index]
            kept[index].also.removeAll { category in
                primary.contains { $0.category == category && $0.rule != finding.rule && read($0) && overlap($0, finding) }
            }
        }
        return kept
    }

    /// What is found even in the recipient's words quoted back: contact
    /// details and abuse reach the recipient whoever first said them.
    static let keptInQuotes: Set<Category> = [.contactDetails, .contactRequest, .hiddenMessage, .abusiveLanguage]
    /// Words that report what someone said.
    static let reportingWords: Set<String> = ["said", "say", "says", "shouted", "screamed", "yelled", "told", "wrote", "texted",
                                              "messaged", "posted", "called", "whispered", "threatened", "went", "kept", "saying"]

    /// The spans of the letter in quotation marks that quote the recipient:
    /// a quotation opened within four words after "you said", "you shouted
    /// at me", "u told me" and the like.
    static func recipientQuotes(_ text: ScannedText) -> [Range<Int>] {
        let s = text.scalars
        var spans: [Range<Int>] = []
        var open: Int?, openSingle: Int?
        func isLetter(_ index: Int) -> Bool { index >= 0 && index < s.count && Detectors.isLetter(s[index]) }
        for (index, scalar) in s.enumerated() {
            switch scalar {
            case "\u{201C}": open = index
            case "\u{201D}": if let start = open { spans.append(start..<index); open = nil }
            case "\"":
                if let start = open { spans.append(start..<index); open = nil } else { open = index }
            // Single quotes, where they stand as quotation marks and not inside a word ("don't").
            case "\u{2018}": openSingle = index
            case "\u{2019}", "'":
                if isLetter(index - 1) && isLetter(index + 1) { break }
                if let start = openSingle, !isLetter(index + 1) {
                    spans.append(start..<index)
                    openSingle = nil
                } else if scalar == "'", openSingle == nil, !isLetter(index - 1), isLetter(index + 1) {
                    openSingle = index
                }
            default: break
            }
        }
        return spans.filter { span in
            // The words just before the quotation: "you" or "u", then a reporting word, within four words.
            guard let next = text.tokens.firstIndex(where: { $0.start > span.lowerBound }) else { return false }
            let before = text.tokens[max(0, next - 5)..<next].map(\.plain)
            guard let verb = before.lastIndex(where: { reportingWords.contains($0) }), verb > 0 else { return false }
            return ["you", "u", "ya", "ye"].contains(before[verb - 1])
                || (verb > 1 && ["you", "u"].contains(before[verb - 2]) && ["just", "even", "then", "also", "once"].contains(before[verb - 1]))
        }
    }

    /// The letter with the spans given blanked out, scalar for scalar (a
    /// line break kept), so that every offset still points where it did.
    static func masking(_ letter: String, _ spans: [Range<Int>]) -> ScannedText {
        var scalars = Array(letter.unicodeScalars)
        for span in spans {
            for index in span where index < scalars.count && scalars[index] != "\n" { scalars[index] = " " }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return ScannedText(String(view))
    }

    /// Whether a negating word comes in the three words before a match, or within it
    /// where the pattern does not spell it (a word that `...` or `*` let in).
    private func negated(_ tokens: [ScannedText.Token], from first: Int, to last: Int, by words: [String],
                         except spelled: Set<String>) -> Bool {
        for index in max(0, first - 3)...last {
            let word = tokens[index].plain
            if index >= first && spelled.contains(word) { continue }
            if words.contains(word) || (words.contains("n't") && ScannedText.isNegative(word)) { return true }
        }
        return false
    }

    static func excerpt(_ text: ScannedText, _ range: Range<Int>) -> String {
        let limit = 60
        let upper = min(range.upperBound, range.lowerBound + limit)
        var result = text.text(range.lowerBound..<upper)
        if upper < range.upperBound { result += "…" }
        return result.replacingOccurrences(of: "\n", with: " ")
    }
}
