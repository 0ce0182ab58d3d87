import Foundation

/// A text file named on the command line, or standard input for `-`.
struct InputFile {
    /// The name to show in messages: the path as given, or `<stdin>`.
    let name: String
    let bytes: [UInt8]

    /// Reads the whole file.
    /// - Throws: ``CommandFailure`` naming the file when it is missing or unreadable.
    init(path: String) throws {
        if path == "-" {
            name = "<stdin>"
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
            return
        }
        name = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(file: path, message: "no such file", hint: "check the path and try again")
        }
        if isDirectory.boolValue {
            throw CommandFailure(file: path, message: "is a folder, not a file", hint: "name a file inside it")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(file: path, message: "cannot be read",
                                 hint: "check that you have permission to read it")
        }
        bytes = Array(data)
    }

    /// The file's text.
    /// - Throws: ``CommandFailure`` at the line and column of the first byte
    ///   that is not UTF-8.
    func text() throws -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let (offset, line, column) = firstInvalidUTF8()
        throw CommandFailure(
            file: name, line: line, column: column,
            message: "not valid UTF-8 (byte \(offset) is 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
            hint: "save the file as UTF-8 and try again")
    }

    /// Where the first invalid UTF-8 byte sits: its offset, and its line and
    /// column counted in characters from 1.
    private func firstInvalidUTF8() -> (offset: Int, line: Int, column: Int) {
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return (index, line, column)
            }
            guard index + length <= bytes.count,
                  String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            else { return (index, line, column) }
            if lead == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return (bytes.count, line, column)
    }
}
