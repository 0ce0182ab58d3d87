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
            tokens.append(Token(word: word, start: start, end: index,
                                isCapitalised: first.isFastUppercase))
        }
        self.tokens = tokens
    }

    package static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool { scalar.isFastLetter || scalar.isFastDigit }

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
