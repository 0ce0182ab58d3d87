/// The organisation running the service: what every document's header,
/// privacy notice, support and complaints sections draw on.
public struct Service: Sendable {
    public var name: String
    public var phone: String?
    public var email: String?
    public var address: String?
    /// How long records are kept, in words ("six years") (2004 §2b.1; §G.7).
    public var retention: String
    /// How many years after a case closes its records are deleted (§G.7):
    /// what `rj retention` counts by; nil when the service has not said.
    public var retentionYears: Int?
    /// How to complain (§G complaints).
    public var complaints: String
    public var supportServices: [SupportService]

    public struct SupportService: Sendable {
        public var name: String
        public var phone: String?
        public var website: String?
        public var description: String?
    }
}
