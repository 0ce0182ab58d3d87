import Foundation

/// The templates that ship with rj: the checkout's `Templates/` folder.
public enum ShippedTemplates {
    /// `RJ_TEMPLATES` if set; else `Templates/` in the checkout rj was built from.
    public static var folder: URL {
        if let path = ProcessInfo.processInfo.environment["RJ_TEMPLATES"] { return URL(fileURLWithPath: path) }
        // Sources/Documents/ShippedTemplates.swift → the checkout.
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates")
    }
}
