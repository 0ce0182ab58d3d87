/// A problem in a case or service file: where it is, what is wrong and what to do.
public struct CaseFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
    }
}

/// Every problem found in a file, in the order of its lines.
public struct CaseFileErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [CaseFileError]
    public init(_ errors: [CaseFileError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
