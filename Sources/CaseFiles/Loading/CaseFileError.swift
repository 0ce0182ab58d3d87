import Templating

/// A problem in a case or service file: where it is, what is wrong and what to do.
/// The same positioned error the data-file reader gives.
public typealias CaseFileError = DataFileError

/// Every problem found in a file, in the order of its lines.
public struct CaseFileErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [CaseFileError]
    public init(_ errors: [CaseFileError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
