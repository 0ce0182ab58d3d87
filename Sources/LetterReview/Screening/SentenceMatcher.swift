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
        /// Words that cancel a match when they come in the three words before a matched part, or within it.
        var unless: Set<String>
        /// How many sentences in a row the parts may be spread over (1 or 2).
        var window: Int
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
            return Compiled(rule: index, groups: groups, unless: Set(rule.unlessBefore), window: rule.window)
        }
    }

    var isEmpty: Bool { compiled.isEmpty }

    /// Each rule's matches, one a sentence at most (or a pair of sentences,
    /// for a rule whose parts may be spread over two): the rule, and the
    /// tokens from the first matched word to the last. A part with a
    /// negating word in the three words before it, or within it ("I would
    /// never ask you to tell the police"), does not count.
    func matches(in text: ScannedText) -> [(rule: Int, first: Int, last: Int)] {
        var results: [(rule: Int, first: Int, last: Int)] = []
        let sentences = Self.sentences(text)
        for (number, sentence) in sentences.enumerated() {
            for rule in compiled {
                var spans = [sentence]
                if rule.window > 1, number + 1 < sentences.count { spans.append(sentence.lowerBound..<sentences[number + 1].upperBound) }
                for span in spans {
                    if let match = Self.match(rule, in: text.tokens, span) {
                        results.append((rule.rule, match.first, match.last))
                        break
                    }
                }
            }
        }
        return results
    }

    private static func match(_ rule: Compiled, in tokens: [ScannedText.Token], _ span: Range<Int>) -> (first: Int, last: Int)? {
        var first = Int.max, last = -1
        for group in rule.groups {
            guard let found = find(group, in: tokens, span, unless: rule.unless) else { return nil }
            first = min(first, found.lowerBound)
            last = max(last, found.upperBound - 1)
        }
        return (first, last)
    }

    /// The first place in the sentence where one of the group's alternatives
    /// stands with no negating word just before it or within it.
    private static func find(_ group: Group, in tokens: [ScannedText.Token], _ sentence: Range<Int>,
                             unless: Set<String>) -> Range<Int>? {
        func negated(_ range: Range<Int>) -> Bool {
            guard !unless.isEmpty else { return false }
            return tokens[max(sentence.lowerBound, range.lowerBound - 3)..<range.upperBound].contains { token in
                unless.contains(token.word) || (unless.contains("n't") && token.word.hasSuffix("n't"))
            }
        }
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
                for alternative in exact where fits(alternative, at: start) {
                    let range = start..<(start + alternative.words.count)
                    if !negated(range) { return range }
                }
            }
            for alternative in group.byPrefix where word.hasPrefix(alternative.words[0].text) && fits(alternative, at: start) {
                let range = start..<(start + alternative.words.count)
                if !negated(range) { return range }
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
