import Foundation

/// PDF through a real print engine: WeasyPrint, which lays out HTML and CSS
/// paged media (page numbers, running headers, breaks) the way print shops
/// expect. rj does not lay out PDF itself. It runs `weasyprint`, found on
/// the PATH, or at `RJ_WEASYPRINT`.
public enum PrintEngine {
    /// What to install when WeasyPrint is missing.
    public static let installHint = "install WeasyPrint: apt-get install weasyprint (Debian, Ubuntu), or pip install weasyprint; or set RJ_WEASYPRINT to its path"

    /// The program, when there is one.
    public static var program: String? {
        if let named = ProcessInfo.processInfo.environment["RJ_WEASYPRINT"], !named.isEmpty {
            return FileManager.default.isExecutableFile(atPath: named) ? named : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/weasyprint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Prints a self-contained HTML page to PDF.
    /// - Throws: ``DocumentError/printEngine(_:)`` when WeasyPrint is missing or fails.
    public static func pdf(fromHTML html: String) throws(DocumentError) -> [UInt8] {
        guard let program else { throw .printEngine("cannot make PDF: WeasyPrint is not installed; \(installHint)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rj-print-\(getpid())-\(UUID().uuidString)")
        // The page holds participant data: a folder only this account can read, removed after.
        let mask = umask(0o077)
        defer {
            umask(mask)
            try? FileManager.default.removeItem(at: folder)
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            let input = folder.appendingPathComponent("document.html"), output = folder.appendingPathComponent("document.pdf")
            try Data(html.utf8).write(to: input)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = ["--quiet", "--encoding", "utf-8", input.path, output.path]
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0, let pdf = FileManager.default.contents(atPath: output.path) else {
                // WeasyPrint's own words may quote the document: only their first line, never the page.
                let first = message.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
                throw DocumentError.printEngine("WeasyPrint could not print the document (\(first.prefix(200)))")
            }
            return Array(pdf)
        } catch let error as DocumentError {
            throw error
        } catch {
            throw .printEngine("cannot make PDF: \(error.localizedDescription)")
        }
    }
}
