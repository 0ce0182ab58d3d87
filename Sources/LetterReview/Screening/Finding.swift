/// What a letter screen can find: the categories facilitators look for (BPG
/// 2011 §3d.10-14; §B knowledge 1-2 on further harm).
public enum Category: String, Sendable, CaseIterable, Codable {
    case contactDetails = "contact-details"
    case contactRequest = "contact-request"
    case location
    case intimidation
    case pressure
    case minimisation
    case victimBlaming = "victim-blaming"
    case excuse
    case nonApology = "non-apology"
    case thirdParty = "third-party"
    case hiddenMessage = "hidden-message"
    case abusiveLanguage = "abusive-language"
}

public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case info, warn, block
    var rank: Int { self == .info ? 0 : self == .warn ? 1 : 2 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// `block` when any finding blocks, `review` when any warns, otherwise
/// `noneFound`. No verdict says a letter is clear: the guidance has a
/// facilitator read every letter in full (BPG 2011 §3d.10), and a screen that
/// finds nothing has only not found anything.
public enum Verdict: String, Sendable, Codable {
    /// Stored as `clear`, as stores and their sealed trails have always held it.
    case noneFound = "clear"
    case review, block

    /// The machine value reported: `none-found`, `review` or `block`.
    public var reported: String { self == .noneFound ? "none-found" : rawValue }

    /// The verdict in words, for people.
    public var words: String { self == .noneFound ? "no concerns found: read it in full" : rawValue }

    /// A stored or reported value in words ("clear" and "none-found" alike).
    public static func words(_ value: String) -> String {
        (Verdict(rawValue: value) ?? (value == "none-found" ? .noneFound : nil))?.words ?? value
    }
}

/// One thing a screen found in a letter, where it is, and why it matters.
public struct ScreeningFinding: Sendable, Equatable, Codable {
    public var rule: String
    public var category: Category
    public var severity: Severity
    /// Offsets into the text, in Unicode scalars: `start..<end`.
    public var start: Int
    public var end: Int
    /// 1-based line and column (in Unicode scalars) of `start`.
    public var line: Int
    public var column: Int
    public var excerpt: String
    public var explanation: String
    public var reference: String
    /// Other categories the same words belong to ("my brothers haven't
    /// forgotten you" is intimidation and a third party alike): one finding,
    /// to redact or approve once, told under each category.
    public var also: [Category] {
        get { others ?? [] }
        set { others = newValue.isEmpty ? nil : newValue }
    }
    /// `also` as stored: left out when there is none, so that a finding of one
    /// category is written as it always was and one stored before reads as before.
    var others: [Category]? = nil

    /// The finding's category and the others it belongs to.
    public var categories: [Category] { [category] + also }

    enum CodingKeys: String, CodingKey {
        case rule, category, severity, start, end, line, column, excerpt, explanation, reference
        case others = "also"
    }
}

/// The result of screening one letter. The letter itself is never changed.
public struct ScreeningResult: Sendable, Equatable {
    public var verdict: Verdict
    public var findings: [ScreeningFinding]

    init(findings: [ScreeningFinding]) {
        self.findings = findings
        if findings.contains(where: { $0.severity == .block }) {
            verdict = .block
        } else if findings.contains(where: { $0.severity == .warn }) {
            verdict = .review
        } else {
            verdict = .noneFound
        }
    }

    /// A result from stored findings.
    public static func rebuilt(_ findings: [ScreeningFinding]) -> ScreeningResult { ScreeningResult(findings: findings) }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}
