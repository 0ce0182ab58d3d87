import Foundation
import GRDB

/// The one owner of the letter store: it opens the database, runs the
/// migrations, holds the service key, and runs every read and change through
/// a ``StoreTransaction``. All SQL lives behind these two types, so the
/// workflow never touches the database itself.
final class LetterStore: Sendable {
    private let writer: any DatabaseWriter
    let key: ServiceKey

    /// Opens (creating if needed) the SQLite store at `path`, in WAL mode, and
    /// its key file (`keyFile`, else `PATH.key` beside it). A new store makes
    /// a new key, readable by its owner only; a store whose key is missing or
    /// is not the one it was made with will not open. Only when `create` is
    /// a missing store made, readable by its owner only (mode 0600).
    init(path: String, keyFile: String?, create: Bool) throws(LetterError) {
        let keyPath = keyFile ?? path + ".key"
        let isNew = !FileManager.default.fileExists(atPath: path)
        if isNew && !create { throw .noStore(path) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
            if isNew { for suffix in ["", "-wal", "-shm"] { chmod(path + suffix, 0o600) } }
            try Schema.migrator.migrate(writer)
        } catch let error as LetterError {
            throw error
        } catch {
            throw .store("\(path): cannot open the letter store: \(error)")
        }
        key = try Self.adoptKey(writer, path: keyPath)
    }

    /// An in-memory store, for tests and benchmarks.
    init(key: ServiceKey = .random()) throws(LetterError) {
        do {
            writer = try DatabaseQueue()
            try Schema.migrator.migrate(writer)
            try writer.write { db in try Self.recordFingerprint(db, key) }
        } catch {
            throw .store("\(error)")
        }
        self.key = key
    }

    /// The key named for this store: read it, or make it for a new store.
    private static func adoptKey(_ writer: any DatabaseWriter, path: String) throws(LetterError) -> ServiceKey {
        let recorded: String?
        let entries: Int
        do {
            (recorded, entries) = try writer.read { db in
                (try String.fetchOne(db, sql: "SELECT value FROM storeInfo WHERE name = 'keyFingerprint'"),
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEntry") ?? 0)
            }
        } catch {
            throw .store("\(error)")
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
            do {
                try writer.write { db in try recordFingerprint(db, key) }
            } catch {
                throw .store("\(error)")
            }
        }
        return key
    }

    private static func recordFingerprint(_ db: Database, _ key: ServiceKey) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO storeInfo (name, value) VALUES ('keyFingerprint', ?)",
                       arguments: [key.fingerprint])
    }

    /// Reads from one snapshot of the store.
    func read<T>(_ body: (StoreTransaction) throws -> T) throws(LetterError) -> T {
        do {
            return try writer.read { db in try body(StoreTransaction(db: db, key: key)) }
        } catch let error as LetterError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }

    /// Runs `body` in one immediate transaction: all of it is written, or
    /// nothing (a refusal thrown from `body` changes nothing).
    func write<T>(_ body: (StoreTransaction) throws -> T) throws(LetterError) -> T {
        do {
            return try writer.write { db in try body(StoreTransaction(db: db, key: key)) }
        } catch let error as LetterError {
            throw error
        } catch {
            throw .store("\(error)")
        }
    }
}
