import TextScan
/// Rules read from a sentence's parts rather than its wording: who is spoken
/// of, what they do or know, about whom. A rule names groups of words
/// (`sentence:` in rules.yml); a sentence that holds a word of every group,
/// in any order, matches. So "your lad's football on Sundays looked fun" and
/// "I noticed your van outside the depot" are both the recipient's life
/// known (a possessive, a part of their life, a sign of watching), and no
/// list of whole sentences is needed.
struct SentenceMatcher: Sendable {
    /// One word of an alternative: a word of the vocabulary, or a prefix (`word*`).
    enum Part: Sendable {
        case word(Int)
        case prefix(String)
    }

    /// One alternative of a group: words in a row, found where its first word stands.
    struct Alternative: Sendable {
        var slot: Int
        var parts: [Part]
        /// Which set of negating words applies (an index into `negations`).
        var negation: Int
    }

    struct Compiled: Sendable {
        var rule: Int
        /// Where the rule's groups start in a sentence's slots, and how many it has.
        var firstSlot: Int
        var groups: Int
        /// How many sentences in a row the parts may be spread over (1 or 2).
        var window: Int
    }

    private let compiled: [Compiled]
    /// Every exact word the rules' groups use, numbered.
    private let vocabulary: [String: Int]
    /// The alternatives that start with each word of the vocabulary.
    private let startingWith: [[Alternative]]
    /// The alternatives that start with a prefix, with it.
    private let startingWithPrefix: [(prefix: String, alternative: Alternative)]
    /// The distinct sets of negating words (`unless_before`), each as words of the
    /// vocabulary and whether any word ending in "n't" negates.
    private let negations: [(words: Set<String>, contracted: Bool)]
    private let slots: Int

    init(rules: [Rule]) {
        var vocabulary: [String: Int] = [:]
        var startingWith: [[Alternative]] = []
        var startingWithPrefix: [(prefix: String, alternative: Alternative)] = []
        var negations: [(words: Set<String>, contracted: Bool)] = []
        var compiled: [Compiled] = []
        var slot = 0
        func number(_ word: String) -> Int {
            if let id = vocabulary[word] { return id }
            vocabulary[word] = vocabulary.count
            startingWith.append([])
            return vocabulary.count - 1
        }
        for (index, rule) in rules.enumerated() where rule.enabled && !rule.sentence.isEmpty {
            let unless = Set(rule.unlessBefore.map(ScannedText.standard))
            let negation = negations.firstIndex { $0.words == unless } ?? {
                negations.append((unless, unless.contains("n't")))
                return negations.count - 1
            }()
            compiled.append(Compiled(rule: index, firstSlot: slot, groups: rule.sentence.count, window: rule.window))
            for group in rule.sentence {
                for text in group.split(separator: "|") {
                    let parts: [Part] = text.split(separator: " ").map { word in
                        word.hasSuffix("*") ? .prefix(String(word.dropLast())) : .word(number(ScannedText.standard(String(word))))
                    }
                    let alternative = Alternative(slot: slot, parts: parts, negation: negation)
                    switch parts.first {
                    case .word(let id)?: startingWith[id].append(alternative)
                    case .prefix(let prefix)?: startingWithPrefix.append((prefix, alternative))
                    case nil: break
                    }
                }
                slot += 1
            }
        }
        self.compiled = compiled
        self.vocabulary = vocabulary
        self.startingWith = startingWith
        self.startingWithPrefix = startingWithPrefix
        self.negations = negations
        self.slots = slot
    }

    var isEmpty: Bool { compiled.isEmpty }

    /// Each rule's matches, one a sentence at most (or a pair of sentences,
    /// for a rule whose parts may be spread over two): the rule, and the
    /// tokens from the first matched word to the last. A part with a
    /// negating word in the three words before it ("I would never ask you
    /// to tell the police") does not count; a word of its own, as in
    /// "haven't forgotten", is part of what it says.
    ///
    /// Each sentence is read once, word by word: a word looks up the
    /// alternatives that start with it, and each that fits fills its group's
    /// slot with where it was first found.
    func matches(in text: ScannedText, sentences: [Range<Int>]) -> [(rule: Int, first: Int, last: Int)] {
        let tokens = text.tokens
        guard !tokens.isEmpty else { return [] }
        let ids = tokens.map { vocabulary[$0.plain] ?? -1 }
        // Per sentence, per slot: the first place the slot's group was found there.
        var found = [[Range<Int>?]](repeating: [Range<Int>?](repeating: nil, count: slots), count: sentences.count)
        for (number, sentence) in sentences.enumerated() {
            func negated(_ start: Int, _ negation: Int) -> Bool {
                let (words, contracted) = negations[negation]
                if words.isEmpty { return false }
                // A sentence's first word is not a negation but a question ("Isn't it time you…").
                let earliest = max(sentence.lowerBound + 1, start - 3)
                guard earliest < start else { return false }
                for index in earliest..<start {
                    let word = tokens[index].plain
                    if words.contains(word) || (contracted && ScannedText.isNegative(word)) { return true }
                }
                return false
            }
            func fits(_ alternative: Alternative, at start: Int) -> Bool {
                guard start + alternative.parts.count <= sentence.upperBound else { return false }
                for (offset, part) in alternative.parts.enumerated() {
                    switch part {
                    case .word(let id): if ids[start + offset] != id { return false }
                    case .prefix(let prefix): if !tokens[start + offset].plain.hasPrefix(prefix) { return false }
                    }
                }
                return true
            }
            func consider(_ alternative: Alternative, at start: Int) {
                guard found[number][alternative.slot] == nil, fits(alternative, at: start),
                      !negated(start, alternative.negation) else { return }
                found[number][alternative.slot] = start..<(start + alternative.parts.count)
            }
            for start in sentence {
                if ids[start] >= 0 { for alternative in startingWith[ids[start]] { consider(alternative, at: start) } }
                let word = tokens[start].plain
                for (prefix, alternative) in startingWithPrefix where word.hasPrefix(prefix) { consider(alternative, at: start) }
            }
        }
        var results: [(rule: Int, first: Int, last: Int)] = []
        for number in sentences.indices {
            for rule in compiled {
                var spans = [[number]]
                if rule.window > 1, number + 1 < sentences.count { spans.append([number, number + 1]) }
                for span in spans {
                    var first = Int.max, last = -1, complete = true
                    for slot in rule.firstSlot..<(rule.firstSlot + rule.groups) {
                        guard let range = span.lazy.compactMap({ found[$0][slot] }).first else { complete = false; break }
                        first = min(first, range.lowerBound)
                        last = max(last, range.upperBound - 1)
                    }
                    if complete {
                        results.append((rule.rule, first, last))
                        break
                    }
                }
            }
        }
        return results
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
