/// What a guidance check found: a stable code, how serious, what is wrong in
/// plain English, and the paragraph of guidance that asks for it.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var severity: Severity
    public var message: String
    /// The guidance paragraph: "BPG 2011 §3b.4".
    public var reference: String
    public var area: Area
    public var file: String
    public var location: SourceLocation

    public init(code: String, severity: Severity, message: String, reference: String, area: Area, file: String,
                location: SourceLocation) {
        self.code = code
        self.severity = severity
        self.message = message
        self.reference = reference
        self.area = area
        self.file = file
        self.location = location
    }

    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    /// Which document a finding holds back: an agreement is not ready to sign
    /// with agreement or consent errors; a risk assessment with risk errors.
    /// `disclosure`: what a document would pass to someone who may not have it; it holds back every document for anyone outside the service.
    public enum Area: String, Sendable { case agreement, risk, consent, process, disclosure }

    /// `case.yml:41:7: error: RJ-AGR-004 action 2 has no monitor (BPG 2011 §3b.4)`
    public var description: String {
        let place = location.line > 0 ? "\(file):\(location.line):\(location.column)" : file
        return "\(place): \(severity.rawValue): \(code) \(message) (\(reference))"
    }
}
