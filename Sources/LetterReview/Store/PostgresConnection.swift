import CLibPQ
import Foundation

/// One connection to PostgreSQL through libpq, PostgreSQL's own client
/// library. Statements are sent with their values as parameters, never
/// spliced into the text.
final class PostgresConnection: SQLConnection {
    private let handle: OpaquePointer
    var dialect: SQLDialect { .postgres }

    /// Connects with a `postgres://` URL, as libpq reads it (user, password,
    /// host, port, database and `?sslmode=` and the rest).
    init(url: String) throws(LetterError) {
        guard let handle = PQconnectdb(url) else { throw .store("cannot reach PostgreSQL: out of memory") }
        self.handle = handle
        guard PQstatus(handle) == CONNECTION_OK else {
            // The handle is freed by deinit, which runs for a class whose init throws once it is whole.
            let message = Self.message(handle)
            throw .store("cannot connect to PostgreSQL at \(Self.redacted(url)): \(message)")
        }
        // Every value the store reads and writes is UTF-8, and timestamps are its own text.
        _ = try? rows("SET client_encoding TO 'UTF8'", [])
    }

    deinit { PQfinish(handle) }

    var isUsable: Bool {
        PQstatus(handle) == CONNECTION_OK && (unanswered || PQtransactionStatus(handle) == PQTRANS_IDLE)
    }
    /// Whether the server is still there (a restart breaks every connection).
    var isConnected: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The statements prepared on this connection, by their text, with the
    /// name each was prepared under: the store asks the same few questions
    /// over and over, and a prepared one is not parsed and planned again.
    private var prepared: [String: String] = [:]
    /// The number of the next statement prepared: names are never reused.
    private var preparedNames = 0
    /// The columns each prepared statement's results came back with, by its
    /// name: made once rather than for every result.
    private var columns: [String: SQLRow.Columns] = [:]

    /// Statements to run before the next one, in its round trip: see ``later(_:_:)``.
    private var deferred: [SQLStatement] = []

    func later(_ sql: String, _ arguments: [SQLValue]) throws { deferred.append(SQLStatement(sql, arguments)) }

    /// Whether the transaction begun with ``begin(_:)`` has reached the server.
    private var began = false

    /// Whether a read-only transaction's COMMIT was sent without waiting for
    /// its answer (see ``end(_:waiting:)``), to be read before anything else.
    private var unanswered = false

    /// Reads the answer to a COMMIT sent without waiting, if one is due.
    private func collect() {
        guard unanswered else { return }
        unanswered = false
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    /// Begins a transaction with the statements `start`, sent with the
    /// transaction's first question rather than on their own.
    func begin(_ start: [String]) {
        deferred = start.map { SQLStatement($0) }
        began = false
    }

    /// Ends the transaction with `command` (COMMIT or ROLLBACK); one that
    /// never reached the server ends without a word to it. A commit carries
    /// the statements still deferred (an audit entry's insert) in its round
    /// trip; a rollback drops them. A read-only transaction's commit, with
    /// nothing deferred, need not be waited for (`waiting: false`): nothing
    /// it read can change, so its answer is read before the connection's next
    /// question rather than now.
    func end(_ command: String, waiting: Bool = true) throws {
        let sent = began
        let pending = deferred
        deferred.removeAll()
        began = false
        guard sent else { return }
        collect()
        if !waiting && command == "COMMIT" && pending.isEmpty && PQsendQuery(handle, command) == 1 {
            unanswered = PQflush(handle) == 0
            if unanswered { return }
            while let result = PQgetResult(handle) { PQclear(result) }
            throw PostgresError(state: nil, message: Self.message(handle))
        }
        if command == "COMMIT" && !pending.isEmpty {
            deferred = pending
            _ = try batch([SQLStatement("COMMIT")])
            began = false
            return
        }
        _ = try Self.read(PQexec(handle, command), handle)
    }

    @discardableResult
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        collect()
        if !deferred.isEmpty { return try batch([SQLStatement(sql, arguments)])[0] }
        let values = try Self.texts(arguments)
        let result: OpaquePointer?
        if let name = try preparedName(sql, parameters: values.count) {
            result = Self.withCStrings(values) { pointers in
                PQexecPrepared(handle, name, Int32(values.count), pointers, nil, nil, 0)
            }
            began = true
            return try read(result, statement: name)
        } else if values.isEmpty {
            // A command of the transaction's own (BEGIN, COMMIT) or a change to the tables: sent as it is.
            result = PQexec(handle, sql)
        } else {
            result = Self.withCStrings(values) { pointers in
                PQexecParams(handle, Self.numbered(sql), Int32(values.count), nil, pointers, nil, nil, 0)
            }
        }
        began = true
        return try Self.read(result, handle)
    }

    /// The statements deferred so far and `statements`, in one round trip:
    /// each is sent (prepared first, the first time it is seen) in
    /// libpq's pipeline mode, then one sync, then every result is read. A
    /// statement that fails stops those after it (the server skips them)
    /// and its error is thrown once the pipeline is read to its end.
    func batch(_ statements: [SQLStatement]) throws -> [[SQLRow]] {
        collect()
        let all = deferred + statements
        let skipped = deferred.count
        deferred.removeAll()
        began = true
        if all.count == 1 { return [try rows(all[0].sql, all[0].arguments)] }
        let texts = try all.map { try Self.texts($0.arguments) }
        guard PQenterPipelineMode(handle) == 1 else { throw PostgresError(state: nil, message: Self.message(handle)) }
        defer { PQexitPipelineMode(handle) }
        // Each statement sent, and whether a prepare's result comes before its own.
        var sent: [(preparing: Bool, name: String?)] = []
        var newlyPrepared: [String] = []
        var sendFailed = false
        for (statement, values) in zip(all, texts) {
            var preparing = false
            let name: String? = prepared[statement.sql] ?? {
                guard Self.isPreparable(statement.sql) else { return nil }
                preparedNames += 1
                let name = "rj_\(preparedNames)"
                preparing = true
                return name
            }()
            if preparing, let name {
                guard PQsendPrepare(handle, name, Self.numbered(statement.sql), Int32(values.count), nil) == 1 else {
                    sendFailed = true
                    break
                }
                prepared[statement.sql] = name
                newlyPrepared.append(statement.sql)
            }
            let ok = Self.withCStrings(values) { pointers -> Int32 in
                if let name { return PQsendQueryPrepared(handle, name, Int32(values.count), pointers, nil, nil, 0) }
                return PQsendQueryParams(handle, Self.numbered(statement.sql), Int32(values.count), nil, pointers, nil, nil, 0)
            }
            guard ok == 1 else {
                sendFailed = true
                break
            }
            sent.append((preparing, name))
        }
        guard PQpipelineSync(handle) == 1, PQflush(handle) == 0 else {
            for sql in newlyPrepared { prepared[sql] = nil }
            throw PostgresError(state: nil, message: Self.message(handle))
        }
        var results: [[SQLRow]] = []
        var failure: (any Error)?
        func next() -> OpaquePointer? {
            let result = PQgetResult(handle)
            // Each statement's results end with a null, except the sync's.
            if let result, PQresultStatus(result) != PGRES_PIPELINE_SYNC { _ = PQgetResult(handle) }
            return result
        }
        for (preparing, name) in sent {
            if preparing {
                let result = next()
                if failure == nil, let result, PQresultStatus(result) != PGRES_COMMAND_OK {
                    failure = Self.failure(result, handle)
                }
                if let result { PQclear(result) }
            }
            let result = next()
            if failure == nil {
                do { results.append(try read(result, statement: name)) } catch { failure = error }
            } else if let result {
                PQclear(result)
            }
        }
        // The sync's own result ends the pipeline.
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        if failure != nil || sendFailed {
            // A statement the server skipped was not prepared after all.
            for sql in newlyPrepared { prepared[sql] = nil }
            throw failure ?? PostgresError(state: nil, message: Self.message(handle))
        }
        return Array(results.dropFirst(skipped))
    }

    private static func texts(_ arguments: [SQLValue]) throws -> [String?] {
        let values = arguments.map(\.string)
        // PostgreSQL's text cannot hold NUL, and libpq would cut the value there: refuse rather than store less.
        if values.contains(where: { $0?.utf8.contains(0) == true }) {
            throw PostgresError(state: "22021", message: "a value holds a NUL character, which PostgreSQL cannot store")
        }
        return values
    }

    private static func isPreparable(_ sql: String) -> Bool {
        let start = sql.drop { $0.isWhitespace }.prefix(7).uppercased()
        return ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].contains(where: { start.hasPrefix($0) })
    }

    /// The name `sql` is prepared under, preparing it the first time; nil
    /// for what is not a query or a change of rows (transaction commands and
    /// changes to the tables themselves are sent as they are).
    private func preparedName(_ sql: String, parameters: Int) throws -> String? {
        if let name = prepared[sql] { return name }
        guard Self.isPreparable(sql) else { return nil }
        preparedNames += 1
        let name = "rj_\(preparedNames)"
        _ = try Self.read(PQprepare(handle, name, Self.numbered(sql), Int32(parameters), nil), handle)
        prepared[sql] = name
        return name
    }

    /// The rows of a prepared statement's result, its columns taken from
    /// the last of its results when they are the same.
    private func read(_ result: OpaquePointer?, statement name: String?) throws -> [SQLRow] {
        guard let name, let result, PQresultStatus(result) == PGRES_TUPLES_OK else {
            return try Self.read(result, handle)
        }
        let known = columns[name]
        let count = Int(PQnfields(result))
        if let known, known.names.count == count,
           (0..<count).allSatisfy({ column in known.names[column].withCString { strcmp($0, PQfname(result, Int32(column))) == 0 } }) {
            return try Self.read(result, handle, columns: known)
        }
        let made = Self.columns(of: result)
        columns[name] = made
        return try Self.read(result, handle, columns: made)
    }

    private static func columns(of result: OpaquePointer) -> SQLRow.Columns {
        SQLRow.Columns((0..<Int(PQnfields(result))).map { String(cString: PQfname(result, Int32($0))) })
    }

    private static func read(_ result: OpaquePointer?, _ handle: OpaquePointer, columns known: SQLRow.Columns? = nil) throws -> [SQLRow] {
        guard let result else { throw PostgresError(state: nil, message: Self.message(handle)) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK:
            return []
        case PGRES_TUPLES_OK:
            let columns = Int(PQnfields(result)), count = Int(PQntuples(result))
            var numeric: [Bool] = []
            for column in 0..<columns {
                // int2, int4, int8 and float8 come back as numbers; everything else as text.
                let type = PQftype(result, Int32(column))
                numeric.append(type == 21 || type == 23 || type == 20 || type == 701)
            }
            let shared = known ?? Self.columns(of: result)
            var rows: [SQLRow] = []
            rows.reserveCapacity(count)
            for row in 0..<count {
                var values: [SQLValue] = []
                values.reserveCapacity(columns)
                for column in 0..<columns {
                    if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                        values.append(.null)
                        continue
                    }
                    let value = String(cString: PQgetvalue(result, Int32(row), Int32(column)))
                    if numeric[column], let number = Int64(value) {
                        values.append(.integer(number))
                    } else if numeric[column], let number = Double(value) {
                        values.append(.real(number))
                    } else {
                        values.append(.text(value))
                    }
                }
                rows.append(SQLRow(columns: shared, values: values))
            }
            return rows
        default:
            throw failure(result, handle)
        }
    }

    private static func failure(_ result: OpaquePointer, _ handle: OpaquePointer) -> PostgresError {
        if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
            return PostgresError(state: nil, message: "skipped, since a statement before it failed")
        }
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        let message = PQresultErrorMessage(result).map { String(cString: $0) } ?? "failed"
        return PostgresError(state: state, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `?` placeholders as PostgreSQL's `$1`, `$2`, …; the store's SQL has no
    /// question mark inside a quoted string.
    static func numbered(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        var text = "", number = 0
        text.reserveCapacity(sql.utf8.count + 16)
        for character in sql {
            if character == "?" {
                number += 1
                text += "$\(number)"
            } else {
                text.append(character)
            }
        }
        return text
    }

    private static func withCStrings<R>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let pointers: [UnsafeMutablePointer<CChar>?] = values.map { $0.map { strdup($0) } ?? nil }
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers.map { $0.map { UnsafePointer($0) } })
    }

    private static func message(_ handle: OpaquePointer) -> String {
        String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A URL with any password taken out, for messages.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "…"
        return parts.string ?? "the PostgreSQL store"
    }
}

/// What PostgreSQL refused, with its SQLSTATE code.
struct PostgresError: Error, CustomStringConvertible {
    var state: String?
    var message: String
    var description: String { message }
    /// A serialization failure or a deadlock: the transaction may be run again.
    var mayRetry: Bool { state == "40001" || state == "40P01" }
}
