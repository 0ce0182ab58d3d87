import Foundation

/// Where `{{> name}}` and `{{< name}}` find their templates.
public protocol PartialSource: Sendable {
    /// The text of the partial called `name`, and the name to use for it in
    /// messages (usually its path), or nil when there is none.
    func partial(named name: String) -> (source: String, file: String)?
    /// Every partial name this source knows, for "did you mean" suggestions.
    var partialNames: [String] { get }
}

/// Partials held in memory, by name.
public struct InMemoryPartials: PartialSource {
    public var partials: [String: String]
    public init(_ partials: [String: String]) { self.partials = partials }

    public func partial(named name: String) -> (source: String, file: String)? {
        partials[name].map { ($0, name) }
    }
    public var partialNames: [String] { partials.keys.sorted() }
}

/// Partials in a folder: `{{> name}}` loads `name.md` there (or `name` with
/// another extension the folder has, such as `name.mustache`).
public struct DirectoryPartials: PartialSource {
    public let folder: URL
    public let extensions: [String]

    public init(folder: URL, extensions: [String] = ["md", "mustache", "html", "txt"]) {
        self.folder = folder
        self.extensions = extensions
    }

    public func partial(named name: String) -> (source: String, file: String)? {
        // A partial name stays inside the folder.
        guard !name.contains(".."), !name.hasPrefix("/") else { return nil }
        for ext in extensions {
            let url = folder.appendingPathComponent(name).appendingPathExtension(ext)
            if let data = FileManager.default.contents(atPath: url.path),
               let text = String(data: data, encoding: .utf8) {
                return (text, url.relativePath)
            }
        }
        return nil
    }

    public var partialNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { file in
            let url = URL(fileURLWithPath: file)
            return extensions.contains(url.pathExtension) ? url.deletingPathExtension().lastPathComponent : nil
        }.sorted()
    }
}

/// Looks in each source in turn: a service's own partials first, then the shipped ones.
public struct LayeredPartials: PartialSource {
    public var layers: [any PartialSource]
    public init(_ layers: [any PartialSource]) { self.layers = layers }

    public func partial(named name: String) -> (source: String, file: String)? {
        for layer in layers { if let found = layer.partial(named: name) { return found } }
        return nil
    }
    public var partialNames: [String] { Array(Set(layers.flatMap(\.partialNames))).sorted() }
}
