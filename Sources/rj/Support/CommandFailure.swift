import ArgumentParser
import Foundation
import Templating

/// A failure the user can act on: printed as one line on stderr, like a compiler,
/// with the file it concerns, what went wrong and what to do.
struct CommandFailure: Error, CustomStringConvertible {
    var file: String?
    var line: Int?
    var column: Int?
    var message: String
    var hint: String?
    /// 2 for bad input (the default), 1 when the input was read but failed a check.
    var exitCode: Int32 = 2

    /// Lines already formatted as `file:line:col: error: …`, one per problem.
    var lines: [String]?

    init(file: String? = nil, line: Int? = nil, column: Int? = nil, message: String, hint: String? = nil,
         exitCode: Int32 = 2) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.exitCode = exitCode
    }

    /// Several problems already placed, such as a template's errors: exit 1.
    init(lines: [String], exitCode: Int32 = 1) {
        self.init(message: "")
        self.lines = lines
        self.exitCode = exitCode
    }

    init(errors: TemplateErrors) {
        self.init(lines: errors.errors.map(\.description))
    }

    var description: String {
        if let lines { return lines.joined(separator: "\n") }
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
            location += ": "
        }
        return "\(location)error: \(message)" + (hint.map { "; \($0)" } ?? "")
    }
}

extension ParsableCommand {
    /// Runs `body`, printing a ``CommandFailure`` as one line on stderr and
    /// exiting with its code instead of the argument parser's usage text.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CommandFailure {
            Terminal.error(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}

extension AsyncParsableCommand {
    /// As ``ParsableCommand/reportingFailures(_:)``, for a command that runs asynchronously.
    func reportingFailuresAsync(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            Terminal.error(failure.description)
            throw ExitCode(failure.exitCode)
        }
    }
}

/// Writing to the terminal's standard streams.
enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
