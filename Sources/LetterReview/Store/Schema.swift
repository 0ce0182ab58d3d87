import GRDB

/// The store's tables on SQLite, as append-only migrations; `PostgresSchema`
/// holds the same migrations in PostgreSQL's dialect.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // The first letter queue, with an audit chain that no key sealed.
            try db.create(table: "letter") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("caseReference", .text).notNull()
                t.column("writer", .text).notNull()
                t.column("writerName", .text)
                t.column("recipient", .text).notNull()
                t.column("sensitive", .boolean).notNull()
                t.column("responseWish", .text)
                t.column("status", .text).notNull()
                t.column("currentVersion", .integer).notNull()
                t.column("verdict", .text).notNull()
                t.column("blockCount", .integer).notNull()
                t.column("warnCount", .integer).notNull()
                t.column("consent", .text)
                t.column("consentDate", .text)
                t.column("holdUntil", .text)
                t.column("receivedAt", .text).notNull()
                t.column("releasedAt", .text)
                t.column("releasedBy", .text)
                t.column("releaseMethod", .text)
                t.column("closingReason", .text)
            }
            try db.create(index: "letterByStatus", on: "letter", columns: ["status", "receivedAt"])
            try db.create(table: "letterVersion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("letterId", .integer).notNull().references("letter")
                t.column("number", .integer).notNull()
                t.column("text", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("findings", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.uniqueKey(["letterId", "number"])
            }
            try db.create(table: "review") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("letterId", .integer).notNull().references("letter")
                t.column("version", .integer).notNull()
                t.column("reviewer", .text).notNull()
                t.column("role", .text).notNull()
                t.column("decision", .text).notNull()
                t.column("note", .text)
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "redaction") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("letterId", .integer).notNull().references("letter")
                t.column("version", .integer).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("span", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("reviewer", .text).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "auditEntry") { t in
                t.primaryKey("sequence", .integer)
                t.column("letterId", .integer)
                t.column("action", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("at", .text).notNull()
                t.column("previousHash", .text).notNull()
                t.column("hash", .text).notNull()
            }
        }
        migrator.registerMigration("v2-staff-and-sealed-records") { db in
            // Letters reviewed by names typed at the terminal, under an unkeyed
            // chain, cannot be carried into a store where every action is a
            // member of staff's: refuse rather than invent who did what.
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEntry")! > 0 {
                throw LetterError.store("this store was made by rj 0.1, before staff and sealed records; finish its letters with rj 0.1 and start a new store for this version")
            }
            for table in ["auditEntry", "redaction", "review", "letterVersion", "letter"] { try db.drop(table: table) }
            try db.create(table: "storeInfo") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()
            }
            try db.create(table: "staff") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("roles", .text).notNull()
                t.column("sensitiveComplex", .boolean).notNull()
                t.column("disabled", .boolean).notNull()
                t.column("createdAt", .text).notNull()
            }
            try db.create(table: "letter") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("caseReference", .text).notNull()
                t.column("writer", .text).notNull()
                t.column("writerName", .text)
                t.column("recipient", .text).notNull()
                t.column("sensitive", .boolean).notNull()
                t.column("responseWish", .text)
                t.column("status", .text).notNull()
                t.column("currentVersion", .integer).notNull()
                t.column("verdict", .text).notNull()
                t.column("blockCount", .integer).notNull()
                t.column("warnCount", .integer).notNull()
                t.column("consent", .text)
                t.column("consentDate", .text)
                t.column("holdUntil", .text)
                t.column("receivedAt", .text).notNull()
                t.column("recordedBy", .text).notNull().references("staff")
                t.column("releasedAt", .text)
                t.column("releasedBy", .text).references("staff")
                t.column("releaseMethod", .text)
                t.column("closingReason", .text)
                t.column("followedUpAt", .text)
                t.column("followedUpBy", .text).references("staff")
                t.column("followUpNote", .text)
            }
            try db.create(index: "letterByStatus", on: "letter", columns: ["status", "receivedAt"])
            try db.create(table: "letterVersion") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("letterId", .integer).notNull().references("letter")
                t.column("number", .integer).notNull()
                t.column("text", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("findings", .text).notNull()
                t.column("createdAt", .text).notNull()
                t.uniqueKey(["letterId", "number"])
            }
            try db.create(table: "review") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("letterId", .integer).notNull().references("letter")
                t.column("version", .integer).notNull()
                t.column("reviewer", .text).notNull().references("staff")
                t.column("reviewerName", .text).notNull()
                t.column("capacity", .text).notNull()
                t.column("decision", .text).notNull()
                t.column("note", .text)
                t.column("createdAt", .text).notNull()
            }
            try db.create(index: "reviewByLetter", on: "review", columns: ["letterId"])
            try db.create(table: "redaction") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("letterId", .integer).notNull().references("letter")
                t.column("version", .integer).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("span", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("reviewer", .text).notNull().references("staff")
                t.column("createdAt", .text).notNull()
            }
            try db.create(index: "redactionByLetter", on: "redaction", columns: ["letterId"])
            try db.create(table: "party") { t in
                t.column("letterId", .integer).notNull().references("letter")
                t.column("participant", .text).notNull()
                t.column("name", .text).notNull()
                t.primaryKey(["letterId", "participant"])
            }
            try db.create(table: "auditEntry") { t in
                t.primaryKey("sequence", .integer)
                t.column("letterId", .integer)
                t.column("staffMember", .text)
                t.column("action", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("account", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("state", .text).notNull()
                t.column("at", .text).notNull()
                t.column("previousSeal", .text).notNull()
                t.column("seal", .text).notNull()
            }
            try db.create(index: "auditByLetter", on: "auditEntry", columns: ["letterId", "sequence"])
            try db.create(index: "auditByStaff", on: "auditEntry", columns: ["staffMember", "sequence"])
        }
        migrator.registerMigration("v3-sign-in") { db in
            // Passwords (bcrypt) for signing in to the review desk, the
            // sessions of those signed in, and failed attempts by staff id.
            try db.alter(table: "staff") { t in t.add(column: "passwordHash", .text) }
            try db.create(table: "session") { t in
                t.primaryKey("id", .text)
                t.column("staffId", .text).notNull().references("staff")
                t.column("csrf", .text).notNull()
                t.column("createdAt", .double).notNull()
                t.column("lastSeenAt", .double).notNull()
                t.column("seal", .text).notNull()
            }
            try db.create(table: "signInFailure") { t in
                t.primaryKey("staffId", .text)
                t.column("count", .integer).notNull()
                t.column("lastAt", .double).notNull()
            }
        }
        migrator.registerMigration("v4-offices") { db in
            // Several offices in one store: each member of staff, letter and
            // audit entry belongs to one; every record made before is the main office's.
            try db.execute(sql: """
                ALTER TABLE staff ADD COLUMN office TEXT NOT NULL DEFAULT 'main';
                ALTER TABLE letter ADD COLUMN office TEXT NOT NULL DEFAULT 'main';
                ALTER TABLE auditEntry ADD COLUMN office TEXT NOT NULL DEFAULT 'main';
                CREATE INDEX letterByOffice ON letter (office, status, receivedAt);
                CREATE INDEX auditByOffice ON auditEntry (office, sequence);
                DROP INDEX auditByLetter;
                DROP INDEX auditByStaff;
                CREATE INDEX auditByLetter ON auditEntry (letterId, office, sequence);
                CREATE INDEX auditByStaff ON auditEntry (staffMember, office, sequence);
                INSERT INTO storeInfo (name, value)
                    SELECT 'auditSequence', CAST(COALESCE(MAX(sequence), 0) AS TEXT) FROM auditEntry;
                """)
        }
        migrator.registerMigration("v5-one-time-codes") { db in
            // A second factor at sign-in: the sealed secret, and the last time
            // step used, so that no code signs in twice.
            try db.execute(sql: """
                ALTER TABLE staff ADD COLUMN oneTimeSecret TEXT;
                CREATE TABLE codeUse (staffId TEXT PRIMARY KEY REFERENCES staff(id), step INTEGER NOT NULL);
                """)
        }
        migrator.registerMigration("v6-reads-apart") { db in
            // A letter read many times keeps its changes quick to find: reads
            // (views) and changes each have an index of their own.
            try db.execute(sql: Schema.readsApart)
        }
        migrator.registerMigration("v7-agreements") { db in
            // Outcome agreements: each text signed, kept as a version, and
            // every signature, seal and copy given, in the office that recorded it.
            try db.execute(sql: Schema.agreements)
        }
        migrator.registerMigration("v8-retention") { db in
            // A case's letters found by its reference, when its retention period ends.
            try db.execute(sql: Schema.retention)
        }
        return migrator
    }

    /// The tables of migration v7, the same in both dialects.
    static let agreements = """
        CREATE TABLE agreementVersion (
            id INTEGER PRIMARY KEY, office TEXT NOT NULL, caseReference TEXT NOT NULL, number INTEGER NOT NULL,
            textHash TEXT NOT NULL, markdown TEXT NOT NULL, recordedAt TEXT NOT NULL,
            UNIQUE (office, caseReference, number), UNIQUE (office, caseReference, textHash));
        CREATE TABLE agreementRecord (
            id INTEGER PRIMARY KEY, office TEXT NOT NULL, caseReference TEXT NOT NULL, kind TEXT NOT NULL,
            version INTEGER NOT NULL, textHash TEXT NOT NULL, person TEXT, personName TEXT, method TEXT,
            onDate TEXT NOT NULL, staffId TEXT NOT NULL REFERENCES staff(id), staffName TEXT NOT NULL,
            typedName TEXT, words TEXT, paperHeldAt TEXT, pdfHash TEXT, certificate TEXT, recordedAt TEXT NOT NULL);
        CREATE INDEX agreementRecordByCase ON agreementRecord (office, caseReference, id);
        """

    /// The index of migration v8, the same in both dialects.
    static let retention = "CREATE INDEX letterByCase ON letter (office, caseReference);"

    /// The indexes of migration v6, the same in both dialects.
    static let readsApart = """
        CREATE INDEX auditChangeByLetter ON auditEntry (letterId, office, sequence) WHERE action <> 'view';
        CREATE INDEX auditViewByLetter ON auditEntry (letterId, office, sequence) WHERE action = 'view';
        CREATE INDEX auditChangeByOffice ON auditEntry (office, sequence) WHERE action <> 'view';
        """
}
