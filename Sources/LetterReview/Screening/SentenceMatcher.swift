import TextScan
/// Rules read from a sentence's parts rather than its wording: who is spoken
/// of, what they do or know, about whom. A rule names groups of words
/// (`sentence:` in rules.yml); a sentence that holds a word of every group,
/// in any order, matches. So "your lad's football on Sundays looked fun" and
/// "I noticed your van outside the depot" are both the recipient's life
/// known (a possessive, a part of their life, a sign of watching), and no
/// list of whole sentences is needed.
struct SentenceMatcher: Sendable {
    /// One alternative of a group: words in a row, each exact or a prefix (`word*`).
    struct Alternative: Sendable {
        var words: [(text: String, prefix: Bool)]
    }

    /// A group's alternatives, found by their first word: exact first words
    /// in a table, first words that are prefixes in a short list.
    struct Group: Sendable {
        var byFirstWord: [String: [Alternative]] = [:]
        var byPrefix: [Alternative] = []

        init(_ alternatives: [Alternative]) {
            for alternative in alternatives {
                guard let first = alternative.words.first else { continue }
                if first.prefix { byPrefix.append(alternative) } else { byFirstWord[first.text, default: []].append(alternative) }
            }
        }
    }

    struct Compiled: Sendable {
        var rule: Int
        var groups: [Group]
        /// Words that cancel a match when the sentence holds them before its last matched word.
        var unless: Set<String>
    }

    private let compiled: [Compiled]

    init(rules: [Rule]) {
        compiled = rules.enumerated().compactMap { index, rule in
            guard rule.enabled, !rule.sentence.isEmpty else { return nil }
            let groups = rule.sentence.map { group in
                Group(group.split(separator: "|").map { alternative in
                    Alternative(words: alternative.split(separator: " ").map { word in
                        word.hasSuffix("*") ? (String(word.dropLast()), true) : (String(word), false)
                    })
                })
            }
            return Compiled(rule: index, groups: groups, unless: Set(rule.unlessBefore))
        }
    }

    var isEmpty: Bool { compiled.isEmpty }

    /// Each rule's matches, one a sentence at most: the rule, and the tokens
    /// from the first matched word to the last.
    func matches(in text: ScannedText) -> [(rule: Int, first: Int, last: Int)] {
        var results: [(rule: Int, first: Int, last: Int)] = []
        for sentence in Self.sentences(text) {
            for rule in compiled {
                var first = Int.max, last = -1, complete = true
                for group in rule.groups {
                    guard let found = Self.find(group, in: text.tokens, sentence) else { complete = false; break }
                    first = min(first, found.lowerBound)
                    last = max(last, found.upperBound - 1)
                }
                guard complete else { continue }
                let negated = text.tokens[sentence.lowerBound...last].contains { token in
                    rule.unless.contains(token.word) || (rule.unless.contains("n't") && token.word.hasSuffix("n't"))
                }
                if !negated { results.append((rule.rule, first, last)) }
            }
        }
        return results
    }

    /// The first place in the sentence where one of the group's alternatives stands.
    private static func find(_ group: Group, in tokens: [ScannedText.Token], _ sentence: Range<Int>) -> Range<Int>? {
        func fits(_ alternative: Alternative, at start: Int) -> Bool {
            guard start + alternative.words.count <= sentence.upperBound else { return false }
            for (offset, part) in alternative.words.enumerated() {
                let token = tokens[start + offset].word
                if part.prefix ? !token.hasPrefix(part.text) : token != part.text { return false }
            }
            return true
        }
        for start in sentence {
            let word = tokens[start].word
            if let exact = group.byFirstWord[word] {
                for alternative in exact where fits(alternative, at: start) { return start..<(start + alternative.words.count) }
            }
            for alternative in group.byPrefix where word.hasPrefix(alternative.words[0].text) && fits(alternative, at: start) {
                return start..<(start + alternative.words.count)
            }
        }
        return nil
    }

    /// The letter's sentences as ranges of tokens: a sentence ends at `.`,
    /// `!`, `?`, `;` or a blank line between two words.
    static func sentences(_ text: ScannedText) -> [Range<Int>] {
        let tokens = text.tokens, s = text.scalars
        guard !tokens.isEmpty else { return [] }
        var result: [Range<Int>] = []
        var start = 0
        for index in 1..<tokens.count {
            var newlines = 0, ends = false
            for scalar in s[tokens[index - 1].end..<tokens[index].start] {
                if scalar == "\n" { newlines += 1 }
                if scalar == "." || scalar == "!" || scalar == "?" || scalar == ";" { ends = true }
            }
            if ends || newlines >= 2 {
                result.append(start..<index)
                start = index
            }
        }
        result.append(start..<tokens.count)
        return result
    }
}
