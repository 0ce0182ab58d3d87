import Foundation

/// A password from standard input: typed at a prompt that does not echo it
/// (asked twice), or the first line of what is piped in.
enum PasswordInput {
    static func read(for id: String) throws -> String {
        if isatty(STDIN_FILENO) == 1 {
            guard let first = getpass("New password for \(id): ").map({ String(cString: $0) }),
                  let second = getpass("The same again: ").map({ String(cString: $0) }) else {
                throw CommandFailure(message: "no password was typed")
            }
            guard first == second else { throw CommandFailure(message: "the two passwords differ", hint: "try again") }
            return first
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8),
              let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) else {
            throw CommandFailure(message: "the password on standard input is not UTF-8 text")
        }
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}
