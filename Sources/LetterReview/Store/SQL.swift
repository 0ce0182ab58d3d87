import Foundation

/// A value bound to, or read from, a statement. Both databases are given
/// and give back these four kinds; booleans are stored as 0 and 1 in both.
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    var string: String? {
        switch self {
        case .null: nil
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        }
    }

    var int64: Int64? {
        switch self {
        case .null: nil
        case .integer(let value): value
        case .real(let value): Int64(exactly: value)
        case .text(let value): Int64(value)
        }
    }

    var double: Double? {
        switch self {
        case .null: nil
        case .integer(let value): Double(value)
        case .real(let value): value
        case .text(let value): Double(value)
        }
    }
}

/// One row of a result: its values by column name, lower-cased, since
/// PostgreSQL folds the names it was not asked to quote.
struct SQLRow: Sendable {
    /// The result's column names as it gave them, in order, and by name (lower-cased).
    let columns: Columns
    let values: [SQLValue]

    /// One result's columns, shared by all its rows (and, on PostgreSQL, by
    /// every result of the same prepared statement).
    final class Columns: Sendable {
        let names: [String]
        private let exact: [String: Int]
        private let folded: [Folded: Int]
        init(_ names: [String]) {
            self.names = names
            exact = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            folded = Dictionary(names.enumerated().map { (Folded($1), $0) }, uniquingKeysWith: { first, _ in first })
        }

        /// A column's place: by its name as written (SQLite), else folded to lower case (PostgreSQL).
        func place(_ name: String) -> Int? { exact[name] ?? folded[Folded(name)] }

        /// A name compared and hashed with ASCII letters folded to lower
        /// case, without making a lower-cased copy of it on every lookup.
        struct Folded: Hashable, Sendable {
            let name: String
            init(_ name: String) { self.name = name }
            private static func fold(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
            static func == (a: Folded, b: Folded) -> Bool {
                a.name.utf8.count == b.name.utf8.count && zip(a.name.utf8, b.name.utf8).allSatisfy { fold($0) == fold($1) }
            }
            func hash(into hasher: inout Hasher) {
                for byte in name.utf8 { hasher.combine(Self.fold(byte)) }
                hasher.combine(0xff as UInt8)
            }
        }
    }

    init(columns: Columns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }


    subscript(_ column: String) -> SQLValue {
        guard let index = columns.place(column) else { return .null }
        return values[index]
    }

    subscript(_ index: Int) -> SQLValue { values[index] }

    func has(_ column: String) -> Bool { columns.place(column) != nil }

    /// The row as a record, by its `Codable` field names.
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: RowDecoder(row: self)) }
}

/// What the store needs of a database connection inside a transaction: run
/// a statement with `?` placeholders and read its rows. SQLite (through GRDB)
/// and PostgreSQL (through libpq) each give one.
protocol SQLConnection {
    var dialect: SQLDialect { get }
    @discardableResult
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// Runs a statement whose result nobody reads (`BEGIN`, setting the
    /// offices) no later than the next statement: PostgreSQL sends it in the
    /// same round trip as that statement.
    func later(_ sql: String, _ arguments: [SQLValue]) throws
    /// Runs independent statements in order, giving each one's rows:
    /// PostgreSQL sends them all in one round trip (libpq's pipeline mode).
    func batch(_ statements: [SQLStatement]) throws -> [[SQLRow]]
}

/// A statement and its values, for ``SQLConnection/batch(_:)``.
struct SQLStatement {
    var sql: String
    var arguments: [SQLValue]
    init(_ sql: String, _ arguments: [SQLValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    /// The columns of `T` from `table`, as ``SQLConnection/fetch(_:from:_:_:)`` asks.
    static func select<T: RowRecord>(_ type: T.Type, from table: String, _ clause: String, _ arguments: [SQLValue] = []) -> SQLStatement {
        SQLStatement("SELECT \(T.columns) FROM \(table) \(clause)", arguments)
    }
}

extension SQLConnection {
    func later(_ sql: String, _ arguments: [SQLValue]) throws { try rows(sql, arguments) }

    func batch(_ statements: [SQLStatement]) throws -> [[SQLRow]] {
        try statements.map { try rows($0.sql, $0.arguments) }
    }

    func execute(_ sql: String, _ arguments: [SQLValue] = []) throws { try rows(sql, arguments) }

    func one(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLRow? { try rows(sql, arguments).first }

    func fetch<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [SQLValue] = []) throws -> [T] {
        try rows(sql, arguments).map { try $0.decode(type) }
    }

    func fetchOne<T: Decodable>(_ type: T.Type, _ sql: String, _ arguments: [SQLValue] = []) throws -> T? {
        try one(sql, arguments).map { try $0.decode(type) }
    }

    /// Inserts a record by its `Codable` fields; `id` when nil is left to the
    /// database and returned.
    @discardableResult
    func insert<T: Encodable>(_ record: T, into table: String) throws -> Int64? {
        var columns = try RowEncoder.columns(of: record)
        let newId = columns.contains { $0.name == "id" && $0.value == .null }
        if newId { columns.removeAll { $0.name == "id" } }
        let names = columns.map { Self.quoted($0.name) }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let result = try rows("INSERT INTO \(table) (\(names)) VALUES (\(marks))\(newId ? " RETURNING id" : "")",
                              columns.map(\.value))
        return newId ? result.first?[0].int64 : nil
    }

    /// Inserts a record with its own key, no later than the next statement:
    /// on PostgreSQL in that statement's round trip, or the commit's.
    func insertLater<T: Encodable>(_ record: T, into table: String) throws {
        let columns = try RowEncoder.columns(of: record)
        let names = columns.map { Self.quoted($0.name) }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try later("INSERT INTO \(table) (\(names)) VALUES (\(marks))", columns.map(\.value))
    }

    /// Updates every field of a record but its key.
    func update<T: Encodable>(_ record: T, in table: String, key: String = "id") throws {
        let columns = try RowEncoder.columns(of: record)
        guard let keyValue = columns.first(where: { $0.name == key })?.value else { return }
        let others = columns.filter { $0.name != key }
        let sets = others.map { "\(Self.quoted($0.name)) = ?" }.joined(separator: ", ")
        try execute("UPDATE \(table) SET \(sets) WHERE \(key) = ?", others.map(\.value) + [keyValue])
    }

    /// `end` is a reserved word in PostgreSQL; every other column name is plain.
    static func quoted(_ name: String) -> String { name == "end" ? "\"end\"" : name }
}

/// The two databases the store runs on.
public enum SQLDialect: String, Sendable {
    case sqlite, postgres
}

// MARK: Records to and from rows

/// Reads a `Decodable` record from a row, field by column.
private struct RowDecoder: Decoder {
    let row: SQLRow
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a row is not a list"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "a row is not one value"))
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: SQLRow
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { [] }

        func contains(_ key: Key) -> Bool { row.has(key.stringValue) }
        func decodeNil(forKey key: Key) throws -> Bool { row[key.stringValue] == .null }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let value = row[key.stringValue]
            // Enums stored as their names, read without a decoder of their own.
            if let raw = T.self as? any StoredAsText.Type {
                guard let text = value.string, let decoded = raw.init(storedText: text) as? T else {
                    throw ValueDecoder(value: value, key: key).mismatch(type)
                }
                return decoded
            }
            return try T(from: ValueDecoder(value: value, key: key))
        }

        // The common types, read straight from the value: the generic path
        // boxes a decoder for every field of every row.
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            guard let text = row[key.stringValue].string else { throw ValueDecoder(value: row[key.stringValue], key: key).mismatch(type) }
            return text
        }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try ValueDecoder(value: row[key.stringValue], key: key).decode(type) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try ValueDecoder(value: row[key.stringValue], key: key).decode(type) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try ValueDecoder(value: row[key.stringValue], key: key).decode(type) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try ValueDecoder(value: row[key.stringValue], key: key).decode(type) }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { row[key.stringValue].string }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
            let value = row[key.stringValue]
            return value == .null ? nil : try ValueDecoder(value: value, key: key).decode(type)
        }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            let value = row[key.stringValue]
            return value == .null ? nil : try ValueDecoder(value: value, key: key).decode(type)
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            row[key.stringValue] == .null ? nil : try decode(type, forKey: key)
        }

        func nestedContainer<N: CodingKey>(keyedBy type: N.Type, forKey key: Key) throws -> KeyedDecodingContainer<N> {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "a column holds one value"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "a column holds one value"))
        }

        func superDecoder() throws -> any Decoder { RowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row) }
    }
}

/// One column's value as a `Decodable` value.
private struct ValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: SQLValue
    let key: any CodingKey
    var codingPath: [any CodingKey] { [key] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<K: CodingKey>(keyedBy type: K.Type) throws -> KeyedDecodingContainer<K> { throw mismatch(type) }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw mismatch([Any].self) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "column \(key.stringValue) holds \(value)"))
    }

    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch value {
        case .integer(let number): return number != 0
        case .text("t"), .text("true"), .text("1"): return true
        case .text("f"), .text("false"), .text("0"): return false
        default: throw mismatch(type)
        }
    }

    func decode(_ type: String.Type) throws -> String {
        guard let text = value.string else { throw mismatch(type) }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        guard let number = value.double else { throw mismatch(type) }
        return number
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let number = value.int64, let exact = T(exactly: number) else { throw mismatch(type) }
        return exact
    }

    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}

/// Writes an `Encodable` record as its columns, in field order; a field
/// that is nil is written as NULL, so that an update clears it.
enum RowEncoder {
    static func columns(of record: some Encodable) throws -> [(name: String, value: SQLValue)] {
        let sink = Sink()
        try record.encode(to: RecordEncoder(sink: sink))
        return sink.columns
    }

    final class Sink {
        var columns: [(name: String, value: SQLValue)] = []
    }

    struct RecordEncoder: Encoder {
        let sink: Sink
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed(sink: sink))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("a record is not a list") }
        func singleValueContainer() -> any SingleValueEncodingContainer { fatalError("a record is not one value") }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: Sink
        var codingPath: [any CodingKey] { [] }

        mutating func put(_ value: SQLValue, _ key: Key) { sink.columns.append((key.stringValue, value)) }

        mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(.integer(value ? 1 : 0), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(.text(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(.real(value), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(.integer(Int64(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { put(.integer(value), key) }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let single = SingleValue()
            try value.encode(to: single)
            put(single.value, key)
        }

        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { put(.null, key) }
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { put(.null, key) }
        }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { put(.null, key) }
        }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { put(.null, key) }
        }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { put(.null, key) }
        }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) } else { put(.null, key) }
        }

        mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            fatalError("a column holds one value")
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { fatalError("a column holds one value") }
        mutating func superEncoder() -> any Encoder { RecordEncoder(sink: sink) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { RecordEncoder(sink: sink) }
    }

    /// One value, such as an enum's raw value.
    final class SingleValue: Encoder, SingleValueEncodingContainer {
        var value: SQLValue = .null
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<K: CodingKey>(keyedBy type: K.Type) -> KeyedEncodingContainer<K> { fatalError("a column holds one value") }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("a column holds one value") }
        func singleValueContainer() -> any SingleValueEncodingContainer { self }

        func encodeNil() { value = .null }
        func encode(_ value: Bool) { self.value = .integer(value ? 1 : 0) }
        func encode(_ value: String) { self.value = .text(value) }
        func encode(_ value: Double) { self.value = .real(value) }
        func encode(_ value: Float) { self.value = .real(Double(value)) }
        func encode(_ value: Int) { self.value = .integer(Int64(value)) }
        func encode(_ value: Int8) { self.value = .integer(Int64(value)) }
        func encode(_ value: Int16) { self.value = .integer(Int64(value)) }
        func encode(_ value: Int32) { self.value = .integer(Int64(value)) }
        func encode(_ value: Int64) { self.value = .integer(value) }
        func encode(_ value: UInt) { self.value = .integer(Int64(value)) }
        func encode(_ value: UInt8) { self.value = .integer(Int64(value)) }
        func encode(_ value: UInt16) { self.value = .integer(Int64(value)) }
        func encode(_ value: UInt32) { self.value = .integer(Int64(value)) }
        func encode(_ value: UInt64) { self.value = .integer(Int64(value)) }
        func encode<T: Encodable>(_ value: T) throws { try value.encode(to: self) }
    }
}

/// An enum kept in the store as its name.
protocol StoredAsText {
    init?(storedText: String)
}

extension StoredAsText where Self: RawRepresentable, RawValue == String {
    init?(storedText: String) { self.init(rawValue: storedText) }
}

// MARK: The records read most, by place

/// A record read from a row by the place of each column in its own select
/// list, with no decoder between: the queue and the trail read thousands.
protocol RowRecord {
    /// The columns, in the order `init(row:)` reads them.
    static var columns: String { get }
    init(row: SQLRow) throws
}

extension SQLRow {
    func text(_ index: Int) throws -> String {
        guard let text = values[index].string else { throw SQLRowError(column: columns.names[index]) }
        return text
    }

    func optionalText(_ index: Int) -> String? { values[index].string }

    func integer(_ index: Int) throws -> Int64 {
        guard let number = values[index].int64 else { throw SQLRowError(column: columns.names[index]) }
        return number
    }

    func bool(_ index: Int) throws -> Bool {
        switch values[index] {
        case .integer(let number): return number != 0
        case .text("t"), .text("true"), .text("1"): return true
        case .text("f"), .text("false"), .text("0"): return false
        default: throw SQLRowError(column: columns.names[index])
        }
    }

    func value<T: RawRepresentable>(_ index: Int) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try text(index)) else { throw SQLRowError(column: columns.names[index]) }
        return value
    }

    func optionalValue<T: RawRepresentable>(_ index: Int) throws -> T? where T.RawValue == String {
        guard let text = optionalText(index) else { return nil }
        guard let value = T(rawValue: text) else { throw SQLRowError(column: columns.names[index]) }
        return value
    }
}

/// A column that holds what its record cannot hold.
struct SQLRowError: Error, CustomStringConvertible {
    var column: String
    var description: String { "the store's column \(column) holds a value rj cannot read" }
}

extension SQLConnection {
    func fetch<T: RowRecord>(_ type: T.Type, from table: String, _ clause: String, _ arguments: [SQLValue] = []) throws -> [T] {
        try rows("SELECT \(T.columns) FROM \(table) \(clause)", arguments).map(T.init(row:))
    }
}

extension StoredLetter: RowRecord {
    static let columns = """
        id, caseReference, writer, writerName, recipient, sensitive, responseWish, status, currentVersion, verdict, \
        blockCount, warnCount, consent, consentDate, holdUntil, receivedAt, recordedBy, releasedAt, releasedBy, \
        releaseMethod, closingReason, followedUpAt, followedUpBy, followUpNote, office
        """

    init(row: SQLRow) throws {
        self.init(
            id: try row.integer(0), caseReference: try row.text(1), writer: try row.text(2), writerName: row.optionalText(3),
            recipient: try row.text(4), sensitive: try row.bool(5), responseWish: row.optionalText(6), status: try row.value(7),
            currentVersion: Int(try row.integer(8)), verdict: try row.value(9), blockCount: Int(try row.integer(10)),
            warnCount: Int(try row.integer(11)), consent: try row.optionalValue(12), consentDate: row.optionalText(13),
            holdUntil: row.optionalText(14), receivedAt: try row.text(15), recordedBy: try row.text(16),
            releasedAt: row.optionalText(17), releasedBy: row.optionalText(18), releaseMethod: try row.optionalValue(19),
            closingReason: row.optionalText(20), followedUpAt: row.optionalText(21), followedUpBy: row.optionalText(22),
            followUpNote: row.optionalText(23), office: try row.text(24))
    }
}

extension AuditEntry: RowRecord {
    static let columns = "sequence, letterId, staffMember, action, actor, account, detail, state, at, previousSeal, seal, office"

    init(row: SQLRow) throws {
        self.init(
            sequence: try row.integer(0), letterId: row.values[1].int64, staffMember: row.optionalText(2), action: try row.text(3),
            actor: try row.text(4), account: try row.text(5), detail: try row.text(6), state: try row.text(7), at: try row.text(8),
            previousSeal: try row.text(9), seal: try row.text(10), office: try row.text(11))
    }
}

extension Party: RowRecord {
    static let columns = "letterId, participant, name"

    init(row: SQLRow) throws {
        self.init(letterId: try row.integer(0), participant: try row.text(1), name: try row.text(2))
    }
}
