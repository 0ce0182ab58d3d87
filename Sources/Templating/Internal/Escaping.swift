/// Writing a value into the output so that it reads literally.
enum Escaper {
    static func append(_ text: String, to output: inout String, escaping: Escaping, singleLine: Bool) {
        switch escaping {
        case .none: output += text
        case .html: appendHTML(text, to: &output)
        case .markdown: MarkdownEscaper.append(text, to: &output, singleLine: singleLine)
        }
    }

    /// The bytes HTML escaping replaces.
    private static let htmlSpecial: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "&<>\"'".utf8 { table[Int(byte)] = true }
        return table
    }()

    static func appendHTML(_ text: String, to output: inout String) {
        var text = text
        // The table read once, not at every byte: each read of a global checks it was made.
        let special = Self.htmlSpecial
        // The bytes between the characters to replace are copied in runs, not a character at a time.
        let escaped = text.withUTF8 { bytes -> String? in
            var result: [UInt8] = []
            var start = 0
            for (index, byte) in bytes.enumerated() where special[Int(byte)] {
                if result.isEmpty { result.reserveCapacity(bytes.count + 32) }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case UInt8(ascii: "&"): result.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): result.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): result.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): result.append(contentsOf: "&quot;".utf8)
                default: result.append(contentsOf: "&#39;".utf8)
                }
                start = index + 1
            }
            guard !result.isEmpty else { return nil }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            return String(decoding: result, as: UTF8.self)
        }
        output += escaped ?? text
    }
}

/// Markdown-safe escaping: once cmark renders the document, the value's text
/// shows exactly as it was, and no emphasis, link, heading, list, code, table
/// or raw HTML can come out of it.
///
/// - ASCII punctuation that means something anywhere in a line is
///   backslash-escaped: `\ ` * _ [ ] < > & ! | ~ #`.
/// - At the start of each of the value's lines, what could open a block is
///   escaped too: `-`, `+`, `=`, and the `.` or `)` after leading digits.
/// - Spaces and tabs that CommonMark would strip (at the start or end of a
///   line) become character references, so they survive.
/// - Line breaks become hard line breaks, so the value keeps its lines without
///   ending the paragraph; in a heading, where a break would end the heading,
///   they become spaces. Line breaks at the very end are dropped, as they would
///   show nothing.
enum MarkdownEscaper {
    /// Bytes escaped wherever they appear.
    private static let everywhere: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for character in "\\`*_[]<>&!|~#".utf8 { table[Int(character)] = true }
        return table
    }()

    /// Bytes that send a value down the careful path: the escaped ones, line
    /// breaks and NUL.
    private static let special: [Bool] = {
        var table = everywhere
        for byte: UInt8 in [0x0A, 0x0D, 0x00] { table[Int(byte)] = true }
        return table
    }()

    static func append(_ text: String, to output: inout String, singleLine: Bool) {
        var text = text
        text.withUTF8 { bytes in
            if isPlain(bytes) {
                output += String(decoding: bytes, as: UTF8.self)
                return
            }
            output += escape(bytes, singleLine: singleLine)
        }
    }

    /// True when the value needs no escaping at all, which is most values.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return true }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=")
            || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
            || first == UInt8(ascii: " ") || first == UInt8(ascii: "\t")
            || last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            return false
        }
        let special = Self.special
        for byte in bytes where special[Int(byte)] { return false }
        return true
    }

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, singleLine: Bool) -> String {
        // Split into lines at LF, CRLF or CR; drop trailing line breaks.
        var lines: [Range<Int>] = []
        var start = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(start..<index)
                if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        lines.append(start..<bytes.count)
        while lines.count > 1, lines[lines.count - 1].isEmpty { lines.removeLast() }

        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        if singleLine {
            // One line, the breaks as spaces, escaped as a whole.
            var joined: [UInt8] = []
            for (number, line) in lines.enumerated() {
                if number > 0 { joined.append(UInt8(ascii: " ")) }
                joined += bytes[line]
            }
            joined.withUnsafeBufferPointer { appendLine($0, 0..<$0.count, to: &result) }
        } else {
            for (number, line) in lines.enumerated() {
                if number > 0 { result += [UInt8(ascii: "\\"), 0x0A] }
                appendLine(bytes, line, to: &result)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static func appendLine(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, to result: inout [UInt8]) {
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        func reference(_ byte: UInt8) {
            result += Array((byte == UInt8(ascii: " ") ? "&#32;" : "&#9;").utf8)
        }
        var lower = line.lowerBound, upper = line.upperBound
        while lower < upper && isBlank(bytes[lower]) { reference(bytes[lower]); lower += 1 }
        var trailing = upper
        while trailing > lower && isBlank(bytes[trailing - 1]) { trailing -= 1 }

        var index = lower
        if index < trailing {
            let first = bytes[index]
            if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "=") {
                result += [UInt8(ascii: "\\"), first]
                index += 1
            } else if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") {
                while index < trailing && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") {
                    result.append(bytes[index])
                    index += 1
                }
                if index < trailing && (bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")")) {
                    result += [UInt8(ascii: "\\"), bytes[index]]
                    index += 1
                }
            }
        }
        while index < trailing {
            let byte = bytes[index]
            if byte == 0 {
                result += [0xEF, 0xBF, 0xBD]  // U+FFFD, as cmark would show it
            } else {
                if everywhere[Int(byte)] { result.append(UInt8(ascii: "\\")) }
                result.append(byte)
            }
            index += 1
        }
        upper = max(trailing, lower)
        for position in upper..<line.upperBound { reference(bytes[position]) }
    }
}
