import Foundation

/// Where a command writes its result: standard output, or a file written
/// atomically (a temporary file beside it, renamed into place), so that a
/// failure never leaves half a document behind.
enum Output {
    case standardOutput
    case file(String)

    init(path: String?) {
        self = path.map { $0 == "-" ? .standardOutput : .file($0) } ?? .standardOutput
    }

    func write(_ text: String) throws {
        switch self {
        case .standardOutput:
            Terminal.output(text)
        case .file(let path):
            try AtomicFile.write(Data(text.utf8), to: path)
        }
    }
}

enum AtomicFile {
    /// Writes `data` to `path` through a temporary file in the same folder and a rename.
    /// - Throws: ``CommandFailure`` naming the file when it cannot be written.
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try checkWritable(path)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw CommandFailure(file: path, message: "cannot write the file",
                                 hint: "check that the folder is writable")
        }
    }

    /// Fails, naming the file, unless its folder exists and can be written.
    static func checkWritable(_ path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(file: path, message: "cannot write: the folder \(folder) does not exist",
                                 hint: "create it first")
        }
        guard access(folder, W_OK) == 0 else {
            throw CommandFailure(file: path, message: "cannot write: the folder \(folder) is not writable",
                                 hint: "choose a folder you can write to")
        }
    }
}
