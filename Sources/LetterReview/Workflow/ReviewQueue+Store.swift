extension ReviewQueue {
    /// Which database the store is on.
    public var dialect: SQLDialect { store.dialect }

    /// Whether `location` names a PostgreSQL store (a `postgres://` URL) rather than a SQLite file.
    public static func isPostgres(_ location: String) -> Bool { LetterStore.isPostgres(location) }

    /// A store's location as messages name it: a URL without its password.
    public static func displayed(_ location: String) -> String { PostgresConnection.redacted(location) }

    /// Makes or updates a PostgreSQL store's tables, as the role that is to
    /// own them, and lets `appRole` (the role rj connects as) read and write
    /// their rows, under row-level security. A SQLite store migrates itself
    /// whenever it is opened. Returns the migrations applied.
    public static func migrate(postgres url: String, appRole: String?) throws(LetterError) -> [String] {
        try PostgresSchema.migrate(url: url, appRole: appRole)
    }

    /// Copies every record of this store into `destination` (empty, on the
    /// same key), with the audit chain as it is. Only an admin may, and only
    /// a store whose records all match the trail is copied.
    /// - Returns: how many rows were copied.
    public func copy(into destination: ReviewQueue, by actor: Actor) throws(LetterError) -> Int {
        let report = try store.read { tx in
            _ = try Self.member(tx, actor, may: .manageStore)
            return try Integrity.verify(tx)
        }
        if let chainBreak = report.chainBreak { throw .store("the audit trail does not verify (\(chainBreak)), so it is not copied") }
        guard report.discrepancies.isEmpty else { throw .recordsAltered(report.discrepancies) }
        return try store.copy(into: destination.store)
    }

    /// Writes a backup of the whole store to `path`; only an admin may.
    public func backup(to path: String, by actor: Actor) throws(LetterError) {
        let offices = try store.read { tx in
            _ = try Self.member(tx, actor, may: .manageStore)
            return Set(tx.offices)
        }
        try store.backup(to: path, offices: offices)
    }
}
