import Foundation

/// Connections to one PostgreSQL store, kept open between transactions.
/// Each transaction takes a connection, and gives it back once it has
/// committed or rolled back; the offices it entered end with it.
final class PostgresPool: @unchecked Sendable {
    let url: String
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    /// How many connections are kept open when idle: one for each of the
    /// store's threads and one for the writer of readings, so that a busy desk never closes a connection only
    /// to open another (a new backend on the server, and every statement
    /// prepared again) a moment later.
    private let keep = StoreThreads.count + 1

    init(url: String) { self.url = url }

    private func take() throws(LetterError) -> PostgresConnection {
        lock.lock()
        let connection = idle.popLast()
        lock.unlock()
        if let connection { return connection }
        return try PostgresConnection(url: url)
    }

    private func give(_ connection: PostgresConnection) {
        guard connection.isUsable else { return }
        lock.lock()
        if idle.count < keep { idle.append(connection) }
        lock.unlock()
    }

    /// Runs `body` in a transaction. A write takes the store's write lock
    /// first, so that writes are one at a time, as on SQLite; a read sees one
    /// snapshot. A transaction that fails on a deadlock or serialization
    /// conflict is run again, up to five times.
    func transaction<T>(write: Bool, _ body: (PostgresConnection) throws -> T) throws -> T {
        var connection = try take()
        defer { give(connection) }
        var attempt = 0
        while true {
            attempt += 1
            if !connection.isConnected {
                // A pooled connection the server dropped (say, on a restart): a new one.
                connection = try PostgresConnection(url: url)
            }
            do {
                // Sent with the transaction's first question, in its round trip.
                if write {
                    connection.begin(["BEGIN ISOLATION LEVEL READ COMMITTED", "SELECT pg_advisory_xact_lock(\(Self.writeLock))"])
                } else {
                    connection.begin(["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"])
                }
                let result = try body(connection)
                try connection.end("COMMIT", waiting: write)
                return result
            } catch {
                _ = try? connection.end("ROLLBACK")
                if let failure = error as? PostgresError, failure.mayRetry || !connection.isConnected, attempt < 5 { continue }
                throw error
            }
        }
    }

    /// The advisory lock every write holds: "rj" and a version, as a number.
    static let writeLock: Int64 = 0x726A_0001
}
