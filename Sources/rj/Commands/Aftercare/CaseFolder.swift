import CaseFiles
import Foundation

/// Case files named on the command line: one file, or every case file in a
/// folder (`.yml`, `.yaml`, `.json`; the service file aside), by name.
enum CaseFolder {
    /// The case files `path` names.
    static func files(_ path: String, allowEmpty: Bool = false) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CommandFailure(file: path, message: "no such file or folder", hint: "name a case file or a folder of them")
        }
        guard isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let files = names.filter { name in
            [".yml", ".yaml", ".json"].contains { name.hasSuffix($0) } && !name.hasPrefix(".")
                && !["service.yml", "service.yaml", "service.json"].contains(name)
            && !name.hasSuffix(".figures.json")
        }.sorted().map { URL(fileURLWithPath: path).appendingPathComponent($0).relativePath }
        guard !files.isEmpty || allowEmpty else {
            throw CommandFailure(file: path, message: "the folder holds no case files",
                                 hint: "case files end in .yml, .yaml or .json")
        }
        return files
    }

    /// Every case `path` names, or a failure listing every problem in every file.
    static func load(_ path: String, allowEmpty: Bool = false) throws -> [Case] {
        var cases: [Case] = []
        var problems: [String] = []
        for file in try files(path, allowEmpty: allowEmpty) {
            do {
                cases.append(try Case.load(path: file))
            } catch {
                problems += error.errors.map(\.description)
            }
        }
        guard problems.isEmpty else { throw CommandFailure(lines: problems, exitCode: 2) }
        return cases
    }
}
