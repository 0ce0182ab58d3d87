import TextScan
/// Rules read from a sentence's parts rather than its wording: who is spoken
/// of, what they do or know, about whom. A rule names groups of words
/// (`sentence:` in rules.yml); a sentence that holds a word of every group,
/// in any order, matches. So "your lad's football on Sundays looked fun" and
/// "I noticed your van outside the depot" are both the recipient's life
/// known (a possessive, a part of their life, a sign of watching), and no
/// list of whole sentences is needed.
struct SentenceMatcher: Sendable {
    /// One alternative of a group: words in a row, found where its first
    /// word stands. Its words are `parts[partStart..<(partStart + partCount)]`:
    /// a word of the vocabulary, or `-(n + 1)` for the prefix `prefixes[n]` (`word*`).
    struct Alternative: Sendable {
        var slot: Int
        var partStart: Int
        var partCount: Int
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
    private let alternatives: [Alternative]
    private let parts: [Int]
    private let prefixes: [String]
    /// The alternatives that start with each word of the vocabulary: word
    /// `w`'s are `startingWith[startingAt[w]..<startingAt[w + 1]]`.
    private let startingAt: [Int]
    private let startingWith: [Int]
    /// The alternatives that start with a prefix, with it.
    private let startingWithPrefix: [(prefix: Int, alternative: Int)]
    /// The distinct sets of negating words (`unless_before`): set `n` marks a
    /// word `w` of the vocabulary at `negating[n * vocabulary.count + w]`, and
    /// `contracted[n]` says whether any word ending in "n't" negates.
    private let negating: [Bool]
    private let contracted: [Bool]
    private let negates: [Bool]
    private let slots: Int

    init(rules: [Rule]) {
        var vocabulary: [String: Int] = [:]
        var alternatives: [Alternative] = [], parts: [Int] = [], prefixes: [String] = []
        var first: [Int] = []
        var negationWords: [Set<String>] = []
        var compiled: [Compiled] = []
        var slot = 0
        func number(_ word: String) -> Int {
            if let id = vocabulary[word] { return id }
            vocabulary[word] = vocabulary.count
            return vocabulary.count - 1
        }
        for (index, rule) in rules.enumerated() where rule.enabled && !rule.sentence.isEmpty {
            let unless = Set(rule.unlessBefore.map(ScannedText.standard))
            let negation = negationWords.firstIndex(of: unless) ?? {
                negationWords.append(unless)
                for word in unless { _ = number(word) }
                return negationWords.count - 1
            }()
            compiled.append(Compiled(rule: index, firstSlot: slot, groups: rule.sentence.count, window: rule.window))
            for group in rule.sentence {
                for text in group.split(separator: "|") {
                    let start = parts.count
                    for word in text.split(separator: " ") {
                        if word.hasSuffix("*") {
                            prefixes.append(String(word.dropLast()))
                            parts.append(-prefixes.count)
                        } else {
                            parts.append(number(ScannedText.standard(String(word))))
                        }
                    }
                    guard parts.count > start else { continue }
                    alternatives.append(Alternative(slot: slot, partStart: start, partCount: parts.count - start, negation: negation))
                    first.append(parts[start])
                }
                slot += 1
            }
        }
        var startingAt = [Int](repeating: 0, count: vocabulary.count + 1)
        for word in first where word >= 0 { startingAt[word + 1] += 1 }
        for word in 0..<vocabulary.count { startingAt[word + 1] += startingAt[word] }
        var startingWith = [Int](repeating: 0, count: startingAt[vocabulary.count])
        var filled = startingAt
        var startingWithPrefix: [(prefix: Int, alternative: Int)] = []
        for (index, word) in first.enumerated() {
            if word >= 0 {
                startingWith[filled[word]] = index
                filled[word] += 1
            } else {
                startingWithPrefix.append((-word - 1, index))
            }
        }
        var negating = [Bool](repeating: false, count: negationWords.count * vocabulary.count)
        for (set, words) in negationWords.enumerated() {
            for word in words { negating[set * vocabulary.count + vocabulary[word]!] = true }
        }
        self.compiled = compiled
        self.vocabulary = vocabulary
        self.alternatives = alternatives
        self.parts = parts
        self.prefixes = prefixes
        self.startingAt = startingAt
        self.startingWith = startingWith
        self.startingWithPrefix = startingWithPrefix
        self.negating = negating
        self.contracted = negationWords.map { $0.contains("n't") }
        self.negates = negationWords.map { !$0.isEmpty }
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
        let negative = tokens.map { ScannedText.isNegative($0.plain) }
        let words = vocabulary.count
        // Per sentence, per slot, flat: where the slot's group was first found there (-1 for not found).
        var firstFound = [Int](repeating: -1, count: sentences.count * slots)
        var lastFound = [Int](repeating: -1, count: sentences.count * slots)
        for (number, sentence) in sentences.enumerated() {
            let base = number * slots
            func negated(_ start: Int, _ negation: Int) -> Bool {
                let contracted = contracted[negation]
                guard negates[negation] else { return false }
                // A sentence's first word is not a negation but a question ("Isn't it time you…").
                let earliest = max(sentence.lowerBound + 1, start - 3)
                guard earliest < start else { return false }
                for index in earliest..<start {
                    if (ids[index] >= 0 && negating[negation * words + ids[index]]) || (contracted && negative[index]) { return true }
                }
                return false
            }
            func consider(_ index: Int, at start: Int) {
                let alternative = alternatives[index]
                guard firstFound[base + alternative.slot] < 0,
                      start + alternative.partCount <= sentence.upperBound else { return }
                for offset in 0..<alternative.partCount {
                    let part = parts[alternative.partStart + offset]
                    if part >= 0 {
                        if ids[start + offset] != part { return }
                    } else if !tokens[start + offset].plain.hasPrefix(prefixes[-part - 1]) {
                        return
                    }
                }
                guard !negated(start, alternative.negation) else { return }
                firstFound[base + alternative.slot] = start
                lastFound[base + alternative.slot] = start + alternative.partCount - 1
            }
            for start in sentence {
                let id = ids[start]
                if id >= 0 {
                    for at in startingAt[id]..<startingAt[id + 1] { consider(startingWith[at], at: start) }
                }
                if !startingWithPrefix.isEmpty {
                    let word = tokens[start].plain
                    for (prefix, alternative) in startingWithPrefix where word.hasPrefix(prefixes[prefix]) {
                        consider(alternative, at: start)
                    }
                }
            }
        }
        var results: [(rule: Int, first: Int, last: Int)] = []
        for number in sentences.indices {
            for rule in compiled {
                // The sentence alone, then for a rule of two sentences the sentence and the next.
                let widest = rule.window > 1 && number + 1 < sentences.count ? number + 1 : number
                for end in number...widest {
                    var first = Int.max, last = -1, complete = true
                    for slot in rule.firstSlot..<(rule.firstSlot + rule.groups) {
                        var at = -1, to = -1
                        for sentence in number...end where firstFound[sentence * slots + slot] >= 0 {
                            at = firstFound[sentence * slots + slot]
                            to = lastFound[sentence * slots + slot]
                            break
                        }
                        guard at >= 0 else { complete = false; break }
                        first = min(first, at)
                        last = max(last, to)
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
