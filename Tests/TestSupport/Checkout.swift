import Foundation

/// Where the tests find the project's files: the checkout they were built
/// from, and the shared conformance and evaluation folder beside it.
public enum Checkout {
    /// The checkout's root folder (Tests/TestSupport/Checkout.swift → the root).
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file or folder inside the checkout.
    public static func path(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The project's `shared/` folder beside the checkout (or `RJ_SHARED`), if present.
    public static let shared: URL? = {
        if let path = ProcessInfo.processInfo.environment["RJ_SHARED"] { return URL(fileURLWithPath: path) }
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }()
}
