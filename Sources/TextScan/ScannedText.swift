import Foundation

/// A letter as Unicode scalars, with its lines and its words, so that every
/// detector works on offsets that map back to lines and columns.
package struct ScannedText {
    package let scalars: [Unicode.Scalar]
    package let lineStarts: [Int]
    package let tokens: [Token]

    package struct Token {
        /// Lower-cased, curly apostrophes made straight.
        package var word: String
        /// The word as rules spell it: ``word`` with a texting spelling made
        /// standard ("u" is "you", "didnt" is "didn't"); detectors read ``word``.
        package var plain: String
        package var start: Int
        package var end: Int
        package var isCapitalised: Bool
    }

    package init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        self.scalars = scalars
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            guard Self.isWordScalar(scalars[index]) else { index += 1; continue }
            let start = index
            var word = ""
            while index < scalars.count {
                let scalar = scalars[index]
                if Self.isWordScalar(scalar) {
                    if scalar.value < 0x80 {
                        word.unicodeScalars.append(scalar.isFastUppercase ? Unicode.Scalar(scalar.value + 32)! : scalar)
                    } else {
                        word.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                    }
                } else if (scalar == "'" || scalar == "\u{2019}"), index + 1 < scalars.count,
                          Self.isWordScalar(scalars[index + 1]), !word.isEmpty {
                    word.unicodeScalars.append("'")
                } else {
                    break
                }
                index += 1
            }
            let first = scalars[start]
            tokens.append(Token(word: word, plain: Self.standard(word), start: start, end: index,
                                isCapitalised: first.isFastUppercase))
        }
        self.tokens = tokens
    }

    package static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool { scalar.isFastLetter || scalar.isFastDigit }

    /// Words as texting writes them, and as rules are written: "u" is "you",
    /// "didnt" is "didn't", "cos" is "because". Only spellings that mean one
    /// thing are here ("wont", "ill", "id" and "its" could be either).
    package static let standardSpellings: [String: String] = [
        "u": "you", "ya": "you", "yu": "you", "ur": "your", "yr": "your", "youre": "you're", "youve": "you've",
        "youll": "you'll", "youd": "you'd", "im": "i'm", "ive": "i've", "dont": "don't", "didnt": "didn't",
        "doesnt": "doesn't", "cant": "can't", "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't",
        "wasnt": "wasn't", "werent": "weren't", "isnt": "isn't", "arent": "aren't", "havent": "haven't",
        "hasnt": "hasn't", "hadnt": "hadn't", "aint": "ain't", "thats": "that's", "whats": "what's",
        "theres": "there's", "hes": "he's", "shes": "she's", "theyre": "they're", "cos": "because",
        "coz": "because", "cuz": "because", "wat": "what", "wot": "what", "tho": "though", "thru": "through",
        "pls": "please", "plz": "please", "ppl": "people", "shud": "should", "wud": "would", "cud": "could",
    ]

    /// Whether a word, as the rules spell it, is a negative contraction: "don't",
    /// "can't", and "wont" as texting writes "won't" (the old noun for a habit
    /// is rare enough in a letter to read it so).
    package static func isNegative(_ plain: String) -> Bool { plain.hasSuffix("n't") || plain == "wont" }

    /// A word as the rules spell it.
    package static func standard(_ word: String) -> String { standardSpellings[word] ?? word }

    /// 1-based line and column of a scalar offset.
    package func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    package func text(_ range: Range<Int>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[max(0, range.lowerBound)..<min(scalars.count, range.upperBound)])
        return result
    }

    /// The line holding an offset, without its line break.
    package func lineText(_ line: Int) -> String {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : scalars.count
        if end > start && scalars[end - 1] == "\r" { end -= 1 }
        return text(start..<max(start, end))
    }
}
