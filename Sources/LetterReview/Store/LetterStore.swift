import Foundation
import GRDB

/// The one owner of the letter store: it opens the database (a SQLite file,
/// or PostgreSQL for a service with several offices), runs or checks the
/// migrations, holds the service key, and runs every read and change through
/// a ``StoreTransaction``. All SQL lives behind these two types, so the
/// workflow never touches the database itself.
final class LetterStore: Sendable {
    enum Backend: Sendable {
        case sqlite(any DatabaseWriter)
        case postgres(PostgresPool)
    }

    let backend: Backend
    let key: ServiceKey
    /// What the store is, for messages: its path, or its URL without a password.
    let location: String

    var dialect: SQLDialect {
        if case .postgres = backend { return .postgres }
        return .sqlite
    }

    /// Whether `location` names a PostgreSQL store rather than a SQLite file.
    static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Opens the store at `location`: a SQLite file (made, readable by its
    /// owner only, only when `create`), or a `postgres://` URL, whose tables
    /// `rj store migrate` made. Its key file is `keyFile`, else, for a file,
    /// `PATH.key` beside it. A new store makes a new key, readable by its
    /// owner only; a store whose key is missing or is not the one it was made
    /// with will not open.
    init(location: String, keyFile: String?, create: Bool) throws(LetterError) {
        if Self.isPostgres(location) {
            guard let keyFile else { throw .keyFileRequired(PostgresConnection.redacted(location)) }
            self.location = PostgresConnection.redacted(location)
            let pool = PostgresPool(url: location)
            try PostgresSchema.check(pool, location: self.location)
            backend = .postgres(pool)
            key = try Self.adoptKey(backend, path: keyFile)
            return
        }
        let path = location
        self.location = path
        let keyPath = keyFile ?? path + ".key"
        let isNew = !FileManager.default.fileExists(atPath: path)
        if isNew && !create { throw .noStore(path) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        do {
            let writer = try DatabasePool(path: path, configuration: configuration)
            if isNew { for suffix in ["", "-wal", "-shm"] { chmod(path + suffix, 0o600) } }
            try Schema.migrator.migrate(writer)
            backend = .sqlite(writer)
        } catch let error as LetterError {
            throw error
        } catch {
            throw .store("\(path): cannot open the letter store: \(error)")
        }
        key = try Self.adoptKey(backend, path: keyPath)
    }

    /// An in-memory store, for tests and benchmarks.
    init(key: ServiceKey = .random()) throws(LetterError) {
        do {
            let writer = try DatabaseQueue()
            try Schema.migrator.migrate(writer)
            backend = .sqlite(writer)
        } catch {
            throw .store("\(error)")
        }
        location = "(in memory)"
        self.key = key
        try Self.transaction(backend, key: key, write: true) { tx in try Self.recordFingerprint(tx, key) }
    }

    /// The key named for this store: read it, or make it for a new store.
    private static func adoptKey(_ backend: Backend, path: String) throws(LetterError) -> ServiceKey {
        let placeholder = ServiceKey.random()
        let (recorded, entries) = try transaction(backend, key: placeholder, write: false) { tx in
            // Staff, or entries (counted, or left in the table), mean the store is in use.
            (try tx.connection.one("SELECT value FROM storeInfo WHERE name = 'keyFingerprint'")?[0].string,
             try tx.entriesWritten() + Int64(try tx.staffCount())
                + (try tx.connection.one("SELECT COUNT(*) FROM auditEntry")?[0].int64 ?? 0))
        }
        let key: ServiceKey
        // A store with a trail, or one that remembers its key, never gets a new key.
        if FileManager.default.fileExists(atPath: path) || recorded != nil || entries > 0 {
            key = try ServiceKey.read(path: path)
            if let recorded, recorded != key.fingerprint { throw .keyFile(path, .notThisStore) }
        } else {
            key = try ServiceKey.create(path: path)
        }
        if recorded == nil {
            try transaction(backend, key: key, write: true) { tx in try recordFingerprint(tx, key) }
        }
        return key
    }

    private static func recordFingerprint(_ tx: StoreTransaction, _ key: ServiceKey) throws {
        try tx.connection.execute("INSERT INTO storeInfo (name, value) VALUES ('keyFingerprint', ?) ON CONFLICT (name) DO NOTHING",
                                  [.text(key.fingerprint)])
    }

    /// Reads from one snapshot of the store.
    func read<T>(_ body: (StoreTransaction) throws -> T) throws(LetterError) -> T {
        try Self.transaction(backend, key: key, write: false, body)
    }

    /// Runs `body` in one write transaction: all of it is written, or
    /// nothing (a refusal thrown from `body` changes nothing). Writes are
    /// one at a time, on either database, so that what a change checked is
    /// still true when it is written.
    func write<T>(_ body: (StoreTransaction) throws -> T) throws(LetterError) -> T {
        try Self.transaction(backend, key: key, write: true, body)
    }

    private static func transaction<T>(_ backend: Backend, key: ServiceKey, write: Bool,
                                       _ body: (StoreTransaction) throws -> T) throws(LetterError) -> T {
        do {
            switch backend {
            case .sqlite(let writer):
                return write ? try writer.write { db in try body(StoreTransaction(SQLiteConnection(db: db), key: key)) }
                    : try writer.read { db in try body(StoreTransaction(SQLiteConnection(db: db), key: key)) }
            case .postgres(let pool):
                return try pool.transaction(write: write) { connection in try body(StoreTransaction(connection, key: key)) }
            }
        } catch let error as LetterError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }
}
