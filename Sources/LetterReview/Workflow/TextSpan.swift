/// `L:C-L:C`: from a line and column to a line and column (inclusive), 1-based,
/// columns counted in Unicode scalars.
public struct TextSpan: Sendable, Equatable, CustomStringConvertible {
    public var startLine: Int, startColumn: Int, endLine: Int, endColumn: Int

    public init?(_ text: String) {
        let ends = text.split(separator: "-")
        guard ends.count == 2 else { return nil }
        let start = ends[0].split(separator: ":").compactMap { Int($0) }
        let end = ends[1].split(separator: ":").compactMap { Int($0) }
        guard start.count == 2, end.count == 2, start.allSatisfy({ $0 >= 1 }), end.allSatisfy({ $0 >= 1 }) else { return nil }
        (startLine, startColumn, endLine, endColumn) = (start[0], start[1], end[0], end[1])
        guard (startLine, startColumn) <= (endLine, endColumn) else { return nil }
    }

    /// The span covering scalar offsets `range` of `text`.
    init(_ range: Range<Int>, in text: String) {
        var line = 1, column = 1
        var start = (1, 1), end = (1, 1)
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if offset == range.lowerBound { start = (line, column) }
            if offset == range.upperBound - 1 { end = (line, column) }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        (startLine, startColumn, endLine, endColumn) = (start.0, start.1, end.0, end.1)
    }

    public var description: String { "\(startLine):\(startColumn)-\(endLine):\(endColumn)" }

    /// The span's scalar offsets in `text`, if it lies inside it.
    func offsets(in text: String) -> Range<Int>? {
        let scalars = Array(text.unicodeScalars)
        var lineStarts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(index + 1) }
        func offset(_ line: Int, _ column: Int) -> Int? {
            guard line <= lineStarts.count else { return nil }
            let lineEnd = line < lineStarts.count ? lineStarts[line] - 1 : scalars.count
            let offset = lineStarts[line - 1] + column - 1
            return offset < lineEnd || (offset == lineEnd && column == 1) ? offset : nil
        }
        guard let start = offset(startLine, startColumn), let end = offset(endLine, endColumn) else { return nil }
        return start..<(end + 1)
    }
}

/// What to leave out of a letter: a span by position, or words quoted as
/// they stand (the `occurrence`th time they appear, counting from 1, when
/// they appear more than once).
public enum RedactionTarget: Sendable, Equatable {
    case span(TextSpan)
    case text(String, occurrence: Int?)

    func locate(in text: String, letter: Int64, version: Int) throws(LetterError) -> (Range<Int>, TextSpan) {
        switch self {
        case .span(let span):
            guard let range = span.offsets(in: text) else {
                throw .spanOutside(letter: letter, version: version, span: span.description)
            }
            return (range, span)
        case .text(let quoted, let occurrence):
            let needle = Array(quoted.unicodeScalars), haystack = Array(text.unicodeScalars)
            guard !needle.isEmpty, !quoted.allSatisfy(\.isWhitespace) else { throw .missing("the text to redact") }
            var starts: [Int] = []
            if needle.count <= haystack.count {
                for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
                    starts.append(start)
                }
            }
            guard !starts.isEmpty else { throw .textNotFound(letter: letter, version: version) }
            let index: Int
            if let occurrence {
                guard (1...starts.count).contains(occurrence) else { throw .textNotFound(letter: letter, version: version) }
                index = occurrence - 1
            } else {
                guard starts.count == 1 else { throw .textAmbiguous(letter: letter, version: version, count: starts.count) }
                index = 0
            }
            let range = starts[index]..<(starts[index] + needle.count)
            return (range, TextSpan(range, in: text))
        }
    }
}
