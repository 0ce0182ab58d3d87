/// The organisation running the service: what every document's header,
/// privacy notice, support and complaints sections draw on.
public struct Service: Sendable {
    public var name: String
    public var phone: String?
    public var email: String?
    public var address: String?
    /// How long records are kept, in words ("six years") (2004 §2b.1; §G.7).
    public var retention: String
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
