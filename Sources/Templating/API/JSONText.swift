import Foundation

/// JSON read by JSON's own grammar (RFC 8259), so that what other tools
/// write loads: every escape JSON allows, surrogate pairs among them (what
/// Python's `json.dump` writes for emoji and many names), with errors that
/// name the line and column and say what to write instead.
///
/// A valid document is then handed to the YAML composer, of which JSON is
/// nearly a subset, with the few things YAML reads differently rewritten in
/// place: a surrogate pair becomes one `\U` escape, `\/` a plain slash, a tab
/// between tokens a space, and a colon straight after a key gains its space.
/// Lines stay where they were, so every later message keeps its line.
public enum JSONText {
    /// Whether `text` should be read as JSON: a `.json` file, or text that starts with `{` or `[`.
    public static func isJSON(_ text: String, file: String) -> Bool {
        if file.lowercased().hasSuffix(".json") { return true }
        let first = text.unicodeScalars.first { !" \t\r\n\u{FEFF}".unicodeScalars.contains($0) }
        return first == "{" || first == "["
    }

    /// The document checked as JSON and rewritten for the YAML composer.
    /// - Throws: ``DataFileError`` at the first mistake, with its line and column.
    public static func yamlCompatible(_ text: String, file: String) throws(DataFileError) -> String {
        var reader = Reader(scalars: Array(text.unicodeScalars), file: file)
        try reader.document()
        return String(reader.output)
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        let file: String
        var index = 0
        var line = 1
        var column = 1
        var output = String.UnicodeScalarView()
        var depth = 0

        init(scalars: [Unicode.Scalar], file: String) {
            self.scalars = scalars
            self.file = file
            output.reserveCapacity(scalars.count + 16)
        }

        var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        func failure(_ message: String, line: Int? = nil, column: Int? = nil) -> DataFileError {
            DataFileError(file: file, line: line ?? self.line, column: column ?? self.column, message: "not valid JSON: \(message)")
        }

        /// Moves past one scalar, copying it unless `copy` is false.
        mutating func advance(copy: Bool = true) {
            guard let scalar = current else { return }
            if copy { output.append(scalar) }
            index += 1
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }

        mutating func skipSpace() {
            while let scalar = current {
                switch scalar {
                case " ", "\n", "\r":
                    advance()
                case "\t":
                    // YAML reads a tab as indentation; a space keeps the column.
                    output.append(" ")
                    advance(copy: false)
                case "\u{FEFF}" where index == 0:
                    advance(copy: false)
                default:
                    return
                }
            }
        }

        func describe(_ scalar: Unicode.Scalar?) -> String {
            guard let scalar else { return "the end of the file" }
            switch scalar {
            case "\n", "\r": return "the end of the line"
            case "\t": return "a tab"
            default: return "'\(Character(scalar))'"
            }
        }

        mutating func document() throws(DataFileError) {
            skipSpace()
            guard current != nil else { throw failure("the file is empty; a case file in JSON starts with {") }
            try value()
            skipSpace()
            if let extra = current {
                throw failure("\(describe(extra)) after the end of the document; JSON holds one value, so remove it or wrap everything in one { }")
            }
        }

        mutating func value() throws(DataFileError) {
            guard depth < 512 else { throw failure("nested more than 512 deep") }
            switch current {
            case "{"?: try object()
            case "["?: try array()
            case "\""?: try string()
            case "'"?: throw failure("JSON strings are in double quotes (\"), not single quotes")
            case "-"?, "0"?, "1"?, "2"?, "3"?, "4"?, "5"?, "6"?, "7"?, "8"?, "9"?: try number()
            case let scalar? where scalar.properties.isAlphabetic:
                try word()
            default:
                throw failure("expected a value (text in double quotes, a number, true, false, null, { or [) but found \(describe(current))")
            }
        }

        mutating func word() throws(DataFileError) {
            let startLine = line, startColumn = column
            var word = ""
            var probe = index
            while probe < scalars.count, scalars[probe].properties.isAlphabetic || ("0"..."9").contains(scalars[probe]) {
                word.unicodeScalars.append(scalars[probe])
                probe += 1
            }
            guard ["true", "false", "null"].contains(word) else {
                let lower = word.lowercased()
                let hint = ["true", "false", "null"].contains(lower) ? "write it in lower case, \(lower)"
                    : ["yes", "no", "on", "off"].contains(lower) ? "JSON has true and false; for the word itself, write \"\(word)\""
                    : "text is written in double quotes, \"\(word)\""
                throw failure("'\(word)' is not a JSON value: \(hint)", line: startLine, column: startColumn)
            }
            for _ in word.unicodeScalars { advance() }
        }

        mutating func number() throws(DataFileError) {
            let startLine = line, startColumn = column
            func digits() -> Int {
                var count = 0
                while let scalar = current, ("0"..."9").contains(scalar) {
                    advance()
                    count += 1
                }
                return count
            }
            if current == "-" { advance() }
            if current == "0" {
                advance()
                if let scalar = current, ("0"..."9").contains(scalar) {
                    throw failure("a number does not start with 0 in JSON; write it without the leading zero, or in quotes if it is a code or a phone number",
                                  line: startLine, column: startColumn)
                }
            } else if digits() == 0 {
                throw failure("a '-' must be followed by digits", line: startLine, column: startColumn)
            }
            if current == "." {
                advance()
                guard digits() > 0 else { throw failure("a decimal point must be followed by digits") }
            }
            if current == "e" || current == "E" {
                advance()
                if current == "+" || current == "-" { advance() }
                guard digits() > 0 else { throw failure("an exponent must be followed by digits") }
            }
        }

        mutating func object() throws(DataFileError) {
            let openLine = line, openColumn = column
            depth += 1
            advance()  // {
            skipSpace()
            if current == "}" {
                advance()
                depth -= 1
                return
            }
            while true {
                skipSpace()
                guard current == "\"" else {
                    if current == "}" { throw failure("a ',' before '}': remove the last comma") }
                    if current == nil { throw failure("the '{' at line \(openLine), column \(openColumn) is never closed; add a '}'") }
                    throw failure("expected a key in double quotes but found \(describe(current))")
                }
                try string()
                skipSpace()
                guard current == ":" else {
                    throw failure("expected ':' after the key but found \(describe(current))")
                }
                advance()
                // YAML needs a space after a key's colon when a value follows at once.
                if let next = current, ![" ", "\t", "\n", "\r"].contains(next) { output.append(" ") }
                skipSpace()
                try value()
                skipSpace()
                switch current {
                case ","?:
                    advance()
                case "}"?:
                    advance()
                    depth -= 1
                    return
                case nil:
                    throw failure("the '{' at line \(openLine), column \(openColumn) is never closed; add a '}'")
                default:
                    throw failure("expected ',' or '}' after a value but found \(describe(current)); put a comma between the entries")
                }
            }
        }

        mutating func array() throws(DataFileError) {
            let openLine = line, openColumn = column
            depth += 1
            advance()  // [
            skipSpace()
            if current == "]" {
                advance()
                depth -= 1
                return
            }
            while true {
                skipSpace()
                if current == "]" { throw failure("a ',' before ']': remove the last comma") }
                if current == nil { throw failure("the '[' at line \(openLine), column \(openColumn) is never closed; add a ']'") }
                try value()
                skipSpace()
                switch current {
                case ","?:
                    advance()
                case "]"?:
                    advance()
                    depth -= 1
                    return
                case nil:
                    throw failure("the '[' at line \(openLine), column \(openColumn) is never closed; add a ']'")
                default:
                    throw failure("expected ',' or ']' after a value but found \(describe(current)); put a comma between the items")
                }
            }
        }

        /// The four hexadecimal digits at the reader, if they are there.
        func hex4() -> UInt32? {
            guard index + 4 <= scalars.count else { return nil }
            var value: UInt32 = 0
            for scalar in scalars[index..<index + 4] {
                guard let digit = UInt32(String(scalar), radix: 16) else { return nil }
                value = value * 16 + digit
            }
            return value
        }

        mutating func string() throws(DataFileError) {
            let openLine = line, openColumn = column
            advance()  // "
            while true {
                guard let scalar = current else {
                    throw failure("the text in quotes that starts at line \(openLine), column \(openColumn) is never closed; add a '\"'",
                                  line: openLine, column: openColumn)
                }
                switch scalar {
                case "\"":
                    advance()
                    return
                case "\n", "\r":
                    throw failure("a line break inside text in quotes; write \\n for a line break, or close the quotes")
                case "\\":
                    try escape()
                default:
                    if scalar.value < 0x20 {
                        throw failure("a control character (U+\(String(scalar.value, radix: 16, uppercase: true))) inside text; write it as \\u\(String(format: "%04x", scalar.value))")
                    }
                    advance()
                }
            }
        }

        mutating func escape() throws(DataFileError) {
            let startLine = line, startColumn = column
            advance(copy: false)  // the backslash, written again below
            guard let kind = current else { throw failure("the file ends inside an escape") }
            switch kind {
            case "\"", "\\", "b", "f", "n", "r", "t":
                output.append("\\")
                advance()
            case "/":
                advance()  // a plain slash: YAML has no \/ escape in every reader
            case "u":
                advance(copy: false)
                guard let first = hex4() else {
                    throw failure("\\u must be followed by four hexadecimal digits, like \\u00e9", line: startLine, column: startColumn)
                }
                for _ in 0..<4 { advance(copy: false) }
                var code = first
                if (0xD800...0xDBFF).contains(first) {
                    // A high surrogate: the low one must follow, and the pair is one character.
                    guard current == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" else {
                        throw failure("\\u\(String(format: "%04x", first)) is the first half of a surrogate pair, and no second half (\\udc00 to \\udfff) follows",
                                      line: startLine, column: startColumn)
                    }
                    advance(copy: false)
                    advance(copy: false)
                    guard let second = hex4(), (0xDC00...0xDFFF).contains(second) else {
                        throw failure("\\u\(String(format: "%04x", first)) is the first half of a surrogate pair, and no second half (\\udc00 to \\udfff) follows",
                                      line: startLine, column: startColumn)
                    }
                    for _ in 0..<4 { advance(copy: false) }
                    code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(first) {
                    throw failure("\\u\(String(format: "%04x", first)) is the second half of a surrogate pair with no first half before it",
                                  line: startLine, column: startColumn)
                }
                output.append(contentsOf: (code > 0xFFFF ? "\\U" + String(format: "%08X", code) : "\\u" + String(format: "%04X", code)).unicodeScalars)
            default:
                throw failure("\\\(Character(kind)) is not an escape JSON knows; write \\\\ for a backslash", line: startLine, column: startColumn)
            }
        }
    }
}
