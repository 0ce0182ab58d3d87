/// The YAML block at the top of a template, between `---` lines: what the
/// document is, who reads it, and which names its data must have.
///
/// ```
/// ---
/// title: Outcome agreement
/// kind: outcome-agreement
/// audience: [all-parties]
/// requires: [case.reference, actions]
/// ---
/// ```
public struct FrontMatter: Sendable, Equatable {
    public var values: [String: TemplateValue]

    public init(values: [String: TemplateValue] = [:]) { self.values = values }

    public var title: String? { string("title") }
    public var kind: String? { string("kind") }
    /// Who the document is written for (a word or a list of words).
    public var audience: [String] { strings("audience") }
    /// Dotted names the data must have before the template renders.
    public var requires: [String] { strings("requires") }

    private func string(_ key: String) -> String? {
        if case .string(let text)? = values[key] { return text }
        return nil
    }

    private func strings(_ key: String) -> [String] {
        switch values[key] {
        case .string(let text)?: return [text]
        case .list(let items)?:
            return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
        default: return []
        }
    }
}

extension FrontMatter {
    /// Splits front matter from a template's text: the YAML and the byte
    /// offset where the body starts, or nil when the text has no front matter.
    static func split(_ bytes: [UInt8]) -> (yaml: String, bodyStart: Int)? {
        func isFence(_ line: ArraySlice<UInt8>, _ fence: String) -> Bool {
            var line = line
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            return line.elementsEqual(fence.utf8)
        }
        guard bytes.starts(with: Array("---".utf8)) else { return nil }
        var lineStart = 0
        var index = 0
        var first = true
        while index <= bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
                let line = bytes[lineStart..<index]
                if first {
                    guard isFence(line, "---") else { return nil }
                    first = false
                    lineStart = index + 1
                } else if isFence(line, "---") || isFence(line, "...") {
                    let yamlStart = 4 + (bytes.count > 3 && bytes[3] == UInt8(ascii: "\r") ? 1 : 0)
                    let yaml = String(decoding: bytes[min(yamlStart, lineStart)..<lineStart], as: UTF8.self)
                    return (yaml, min(index + 1, bytes.count))
                } else {
                    lineStart = index + 1
                }
            }
            index += 1
        }
        return nil
    }
}
