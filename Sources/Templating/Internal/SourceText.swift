/// A template's text as UTF-8 bytes, with where each line starts, so that any
/// byte offset turns into a line and column for messages.
struct SourceText: Sendable {
    let bytes: [UInt8]
    let file: String
    private let lineStarts: [Int]

    init(_ text: String, file: String) {
        bytes = Array(text.utf8)
        self.file = file
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// The 1-based line and column (counted in Unicode scalars) of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        // The last line start at or before the offset.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var index = lineStarts[low]
        while index < offset && index < bytes.count {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }

    func error(at offset: Int, _ reason: TemplateError.Reason) -> TemplateError {
        let (line, column) = position(of: offset)
        return TemplateError(file: file, line: line, column: column, reason: reason)
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The offset of the first occurrence of `needle` at or after `start`.
    func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, !needle.isEmpty else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = true
                for k in 1..<needle.count where bytes[index + k] != needle[k] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// The range without spaces, tabs and line breaks at either end.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && bytes[lower].isTemplateWhitespace { lower += 1 }
        while upper > lower && bytes[upper - 1].isTemplateWhitespace { upper -= 1 }
        return lower..<upper
    }
}

extension UInt8 {
    var isTemplateWhitespace: Bool {
        self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") || self == UInt8(ascii: "\n") || self == UInt8(ascii: "\r")
    }
    /// A space or tab, or the carriage return of a CRLF line ending.
    var isLineWhitespace: Bool {
        self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") || self == UInt8(ascii: "\r")
    }
}
