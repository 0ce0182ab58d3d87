import Foundation
import Testing

struct MarkdownCommandTests {
    let example = "Examples/documents/what-happens-next.md"

    @Test func rendersTheExampleAsHTML() throws {
        let result = try RJRunner.run(["markdown", example])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("<h1>What happens next: a guide for people who have been harmed</h1>\n"))
        #expect(result.stdout.contains("<ol>\n<li>at a <strong>meeting</strong>"))
    }

    @Test(arguments: [
        ("commonmark", "# What happens next"),
        ("xml", "<!DOCTYPE document SYSTEM \"CommonMark.dtd\">"),
        ("latex", "\\section{What happens next"),
        ("man", ".SH\nWhat happens next"),
    ])
    func rendersEachFormat(format: String, expected: String) throws {
        let result = try RJRunner.run(["markdown", example, "--to", format])
        #expect(result.status == 0)
        #expect(result.stdout.contains(expected))
    }

    @Test func readsStandardInput() throws {
        let result = try RJRunner.run(["markdown", "-", "--smart"], stdin: Data("\"Hello\" -- there\n".utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "<p>\u{201C}Hello\u{201D} \u{2013} there</p>\n")
    }

    @Test func rawHTMLOnlyWithUnsafe() throws {
        let input = Data("<em>hi</em> <script>x()</script>\n".utf8)
        let safe = try RJRunner.run(["markdown", "-"], stdin: input)
        #expect(safe.stdout == "<p><!-- raw HTML omitted -->hi<!-- raw HTML omitted --> <!-- raw HTML omitted -->x()<!-- raw HTML omitted --></p>\n")
        let unsafe = try RJRunner.run(["markdown", "-", "--unsafe"], stdin: input)
        #expect(unsafe.stdout == "<p><em>hi</em> <script>x()</script></p>\n")
    }

    @Test func writesTheOutputFileAtomically() throws {
        let folder = try RJRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("guide.html")
        let result = try RJRunner.run(["markdown", example, "--out", target.path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.hasPrefix("<h1>What happens next"))
        // Nothing but the document is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["guide.html"])
    }

    @Test func missingFileIsOneLineAndExit2() throws {
        let result = try RJRunner.run(["markdown", "no-such-file.md"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "no-such-file.md: error: no such file; check the path and try again\n")
    }

    @Test func folderIsRefused() throws {
        let result = try RJRunner.run(["markdown", "Examples"])
        #expect(result.status == 2)
        #expect(result.stderr == "Examples: error: is a folder, not a file; name a file inside it\n")
    }

    @Test func invalidUTF8NamesItsPosition() throws {
        let bytes = Data("line one\nab".utf8) + Data([0xC3, 0x28]) + Data(" rest\n".utf8)
        let result = try RJRunner.run(["markdown", "-"], stdin: bytes)
        #expect(result.status == 2)
        #expect(result.stderr == "<stdin>:2:3: error: not valid UTF-8 (byte 11 is 0xC3); save the file as UTF-8 and try again\n")
    }

    @Test func unwritableOutputLeavesNothingBehind() throws {
        let result = try RJRunner.run(["markdown", example, "--out", "/nonexistent-folder/x.html"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("/nonexistent-folder/x.html: error: cannot write"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-folder"))
    }

    @Test func versionAndHelp() throws {
        let version = try RJRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.split(separator: ".").count == 3)
        let help = try RJRunner.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("markdown"))
    }
}
