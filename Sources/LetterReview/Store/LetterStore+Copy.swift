import Foundation
import GRDB

extension LetterStore {
    /// The tables a copy carries, in an order that keeps every reference
    /// valid. Sessions and sign-in failures stay behind: everyone signs in
    /// again on the new store.
    static let copiedTables = ["staff", "letter", "letterVersion", "review", "redaction", "party", "agreementVersion", "agreementRecord", "auditEntry"]

    /// Copies every record of this store into `destination`, which must be
    /// empty and use the same key, in one transaction there. The audit
    /// chain is carried as it is, so that it verifies on the copy.
    /// - Returns: how many rows were copied.
    func copy(into destination: LetterStore) throws(LetterError) -> Int {
        guard destination.key.fingerprint == key.fingerprint else { throw .keyFile(destination.location, .notThisStore) }
        // Everything, in every office: the source's own transaction enters them all.
        let (tables, sequence, offices) = try read { tx in
            let offices = try tx.allOffices()
            try tx.enter(offices)
            let tables = try Self.copiedTables.map { table in (table, try tx.connection.rows("SELECT * FROM \(table)", [])) }
            return (tables, try tx.entriesWritten(), offices)
        }
        return try destination.write { tx in
            try tx.enter(offices)
            guard try tx.staffCount() == 0, try tx.entriesWritten() == 0 else { throw LetterError.notEmpty(destination.location) }
            var count = 0
            for (table, rows) in tables {
                for row in rows {
                    // Column names come from the source's own tables; nothing but a plain name goes into SQL.
                    guard row.columns.names.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isLetter } }) else {
                        throw LetterError.store("\(table) has a column rj does not know")
                    }
                    let names = row.columns.names.map { type(of: tx.connection).quoted($0) }.joined(separator: ", ")
                    let marks = Array(repeating: "?", count: row.values.count).joined(separator: ", ")
                    try tx.connection.execute("INSERT INTO \(table) (\(names)) VALUES (\(marks))", row.values)
                    count += 1
                }
            }
            try tx.connection.execute("UPDATE storeInfo SET value = ? WHERE name = 'auditSequence'", [.text(String(sequence))])
            // The copy must verify before it is committed: otherwise nothing is written.
            let report = try Integrity.verify(tx)
            guard report.isIntact else {
                throw LetterError.store("the copy does not verify (\(report.chainBreak?.description ?? report.discrepancies.first?.description ?? "")); nothing was written")
            }
            if tx.connection.dialect == .postgres {
                // New rows continue after the copied ones.
                for table in ["letter", "letterVersion", "review", "redaction", "agreementVersion", "agreementRecord"] {
                    try tx.connection.execute("""
                        SELECT setval(pg_get_serial_sequence('\(table.lowercased())', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM \(table)), false)
                        """)
                }
            }
            return count
        }
    }

    /// Writes a copy of the store to `path`, through a temporary file and a
    /// rename: SQLite's online backup of a file store, `pg_dump` of a
    /// PostgreSQL one (all offices, in its custom format, for `pg_restore`).
    /// The key file is not in it: keep it apart, as the store's.
    func backup(to path: String, offices: Set<String>) throws(LetterError) {
        let temporary = path + ".rj-partial-\(getpid())"
        // Made readable by its owner only from the first byte.
        let mask = umask(0o077)
        defer {
            umask(mask)
            unlink(temporary)
        }
        do {
            switch backend {
            case .sqlite(let writer):
                let copy = try DatabaseQueue(path: temporary)
                try writer.backup(to: copy)
                try copy.close()
                chmod(temporary, 0o600)
            case .postgres(let pool):
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                // The password, if the URL has one, goes to pg_dump in its environment, never on its command line.
                var url = URLComponents(string: pool.url)
                let password = url?.password
                url?.password = nil
                process.arguments = ["pg_dump", "--format=custom", "--enable-row-security", "--file=\(temporary)",
                                     "--dbname=\(url?.string ?? pool.url)"]
                var environment = ProcessInfo.processInfo.environment
                if let password { environment["PGPASSWORD"] = password.removingPercentEncoding ?? password }
                environment["PGOPTIONS"] = "-c app.offices=\(offices.sorted().joined(separator: ","))"
                process.environment = environment
                let errors = Pipe()
                process.standardError = errors
                try process.run()
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                guard process.terminationStatus == 0 else {
                    throw LetterError.store("pg_dump failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
                }
                chmod(temporary, 0o600)
            }
            guard rename(temporary, path) == 0 else {
                throw LetterError.store("\(path): cannot write the backup: \(String(cString: strerror(errno)))")
            }
        } catch let error as LetterError {
            throw error
        } catch {
            throw .store("\(path): cannot write the backup: \(error)")
        }
    }
}
