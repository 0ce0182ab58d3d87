import Foundation

/// What was read at one revision of the store, kept while that revision
/// stands. A key names whose view it is and the revision it was read at, so
/// a change makes a new key and the old one is never served again; a few
/// keys are kept, and the oldest dropped beyond that.
public final class RevisionCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    /// Held while a missing value is made, so that many callers missing
    /// the same key at once make it once and the rest wait for it.
    private let making = NSLock()
    private var values: [String: Value] = [:]
    private var order: [String] = []
    public let limit: Int

    public init(limit: Int = 32) { self.limit = limit }

    public subscript(key: String) -> Value? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return values[key]
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            guard let newValue else {
                values[key] = nil
                order.removeAll { $0 == key }
                return
            }
            if values.updateValue(newValue, forKey: key) == nil { order.append(key) }
            while order.count > limit { values[order.removeFirst()] = nil }
        }
    }

    /// The value for `key`, made by `make` when there is none yet.
    public func value<Failure: Error>(_ key: String, orMake make: () throws(Failure) -> Value) throws(Failure) -> Value {
        if let value = self[key] { return value }
        making.lock()
        defer { making.unlock() }
        if let value = self[key] { return value }
        let value = try make()
        self[key] = value
        return value
    }
}
