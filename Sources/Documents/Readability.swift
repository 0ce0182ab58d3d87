/// How easy a text is to read: the Flesch reading ease score, 0 (very hard)
/// to 100 (very easy); 60 or more is plain English most adults can follow.
public enum Readability {
    public struct Score: Sendable, Equatable {
        public var words: Int
        public var sentences: Int
        public var syllables: Int
        public var fleschReadingEase: Double
    }

    /// Scores a template's text: front matter is skipped, each value tag
    /// counts as a one-syllable word, and Markdown marks are ignored. Each
    /// heading and list item counts as a sentence.
    public static func score(template source: String) -> Score? {
        var text = source
        if text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) {
            text = String(text[end.upperBound...])
        }
        return score(text: stripTags(text))
    }

    /// Scores plain text.
    public static func score(text: String) -> Score? {
        var words = 0, syllables = 0, sentences = 0
        for line in text.split(separator: "\n") {
            var sentenceHasWords = false
            var word = ""
            func endWord() {
                guard !word.isEmpty else { return }
                words += 1
                syllables += syllableCount(word)
                sentenceHasWords = true
                word = ""
            }
            for character in line {
                if character.isLetter || character == "'" || character == "’" {
                    word.append(character)
                } else {
                    endWord()
                    if ".!?;:".contains(character) && sentenceHasWords {
                        sentences += 1
                        sentenceHasWords = false
                    }
                }
            }
            endWord()
            // A heading, a list item or a hard line break ends a sentence too; other
            // lines run on into the next line of the paragraph.
            let trimmed = line.trimmingCharacters()
            let isBlockStart = trimmed.hasPrefix("#") || trimmed.hasPrefix("- ") || trimmed.first?.isNumber == true
            if sentenceHasWords && (isBlockStart || trimmed.hasSuffix("\\")) { sentences += 1 }
        }
        if words > 0 && sentences == 0 { sentences = 1 }
        guard words > 0 else { return nil }
        let ease = 206.835 - 1.015 * (Double(words) / Double(sentences)) - 84.6 * (Double(syllables) / Double(words))
        return Score(words: words, sentences: sentences, syllables: syllables, fleschReadingEase: ease)
    }

    /// Vowel groups, less a silent final e; at least one.
    static func syllableCount(_ word: String) -> Int {
        let letters = Array(word.lowercased().filter(\.isLetter))
        guard !letters.isEmpty else { return 0 }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var count = 0
        var previousWasVowel = false
        for letter in letters {
            let isVowel = vowels.contains(letter)
            if isVowel && !previousWasVowel { count += 1 }
            previousWasVowel = isVowel
        }
        if letters.count > 2, letters.last == "e", !vowels.contains(letters[letters.count - 2]),
           !(letters[letters.count - 2] == "l" && !vowels.contains(letters[letters.count - 3])) {
            count -= 1
        }
        return max(1, count)
    }

    /// Removes Mustache tags: values become a short word, other tags vanish.
    static func stripTags(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            result += rest[..<open.lowerBound]
            guard let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) else { break }
            let tag = rest[open.upperBound..<close.lowerBound]
            if let first = tag.first, !"#^/!>$<=".contains(first) { result += "Sam" }
            rest = rest[close.upperBound...]
            if rest.first == "}" { rest = rest.dropFirst() }
        }
        return result + rest
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
