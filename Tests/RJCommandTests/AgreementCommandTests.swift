import Foundation
import Testing

/// Signing and sealing at the terminal: the walk a facilitator takes from
/// the first signature to a checked copy, and what each refusal says.
struct AgreementCommandTests {
    let helper = LetterCommandTests()
    let burglary = "Examples/cases/burglary-adult.yml"

    func run(_ arguments: [String], _ environment: [String: String]) throws -> RJRunner.Result {
        try RJRunner.run(arguments, environment: environment)
    }

    @Test func signingIsRefusedWithWhatToDo() throws {
        let (folder, environment) = try helper.staffedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let noName = try run(["agreement", "sign", burglary, "--signatory", "margaret", "--method", "typed"], environment)
        #expect(noName.status == 2)
        #expect(noName.stderr.contains("a typed signature records the name as the signatory typed it: add --typed-name NAME"))
        let stranger = try run(["agreement", "sign", burglary, "--signatory", "joe", "--method", "typed", "--typed-name", "Joe"], environment)
        #expect(stranger.status == 1)
        #expect(stranger.stderr.contains("'joe' is not a signatory of the outcome agreement of case NRJ-2026-0142 (its signatories are margaret, daniel, susan) (BPG 2011 §3b.9)"))
        let manager = try run(["agreement", "sign", burglary, "--signatory", "margaret", "--method", "typed", "--typed-name", "M",
                               "--as", "ahussain"], environment)
        #expect(manager.status == 1)
        #expect(manager.stderr.contains("ahussain may not witness a signature: that needs the facilitator or supervisor role"))
        let sealEarly = try run(["agreement", "seal", burglary, "--out", folder.appendingPathComponent("a.pdf").path,
                                 "--seal-key", folder.appendingPathComponent("none.key").path], environment)
        #expect(sealEarly.status == 2)
        #expect(sealEarly.stderr.contains("the seal key is missing"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("a.pdf").path))
    }

    @Test(.enabled(if: Tool.weasyprint, "WeasyPrint is not installed (make setup installs it)"))
    func signSealVerifyAndAChangedCopyIsCaught() throws {
        let (folder, base) = try helper.staffedStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = base.merging(["RJ_SEAL_KEY": folder.appendingPathComponent("rj-seal.key").path,
                                        "RJ_SEAL_CERTIFICATE": folder.appendingPathComponent("rj-seal.crt").path,
                                        "RJ_TODAY": "2026-03-14"]) { $1 }
        #expect(try run(["keys", "init", "--service", "Examples/cases/service.yml"], environment).status == 0)
        #expect(try run(["keys", "init", "--service", "Examples/cases/service.yml"], environment).stderr.contains("already exists"))
        let first = try run(["agreement", "sign", burglary, "--signatory", "margaret", "--method", "typed", "--typed-name", "Margaret Ellis"], environment)
        #expect(first.stdout == """
            Margaret Ellis (margaret) signed version 1 of the outcome agreement of case NRJ-2026-0142: typed signature, on 14 March 2026, witnessed by Karen Turner
            still to sign: daniel, susan

            """)
        let pdf = folder.appendingPathComponent("agreement.pdf").path
        let early = try run(["agreement", "seal", burglary, "--out", pdf], environment)
        #expect(early.status == 1)
        #expect(early.stderr.contains("is not signed by daniel and susan yet"))
        #expect(!FileManager.default.fileExists(atPath: pdf))
        #expect(try run(["agreement", "sign", burglary, "--signatory", "daniel", "--method", "wet", "--paper-held-at", "the case file"], environment).status == 0)
        #expect(try run(["agreement", "sign", burglary, "--signatory", "susan", "--method", "on-screen", "--typed-name", "Susan Ellis"], environment).status == 0)
        let seal = try run(["agreement", "seal", burglary, "--out", pdf], environment)
        #expect(seal.status == 0, "\(seal.stderr)")
        let verify = try run(["agreement", "verify", pdf], environment)
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("\(pdf): a sealed outcome agreement of Northfield Restorative Justice Service, unchanged since it was sealed\n"))
        #expect(verify.stdout.contains("  signed by Daniel Price: signed on paper, 14 March 2026, witnessed by Karen Turner\n"))
        // The sealed PDF carries the signing record a reader sees.
        let status = try run(["agreement", "status", burglary], environment)
        #expect(status.stdout.contains("Sealed on 14 March 2026 by Karen Turner"))
        // Sealed once; never over a file; another copy only when asked.
        let twice = try run(["agreement", "seal", burglary, "--out", folder.appendingPathComponent("again.pdf").path], environment)
        #expect(twice.status == 1 && twice.stderr.contains("was already sealed on 2026-03-14"))
        let over = try run(["agreement", "seal", burglary, "--out", pdf, "--again"], environment)
        #expect(over.status == 2 && over.stderr.contains("already exists; a sealed copy is never written over"))
        // Without the certificate, nothing is vouched for.
        let unchecked = try run(["agreement", "verify", pdf], environment.merging(["RJ_SEAL_CERTIFICATE": "/nonexistent.crt"]) { $1 })
        #expect(unchecked.status == 1 && unchecked.stdout.hasPrefix("\(pdf): NOT CHECKED"))
        let privateKey = try run(["agreement", "verify", pdf, "--key", environment["RJ_SEAL_KEY"]!], environment)
        #expect(privateKey.status == 2 && privateKey.stderr.contains("this is the seal's private key, not its certificate"))

        var bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        bytes[bytes.count / 3] ^= 0x01
        let changed = folder.appendingPathComponent("changed.pdf").path
        try bytes.write(to: URL(fileURLWithPath: changed))
        let caught = try run(["agreement", "verify", changed], environment)
        #expect(caught.status == 1)
        #expect(caught.stdout.hasPrefix("\(changed): CHANGED"))
        // Another service's certificate: not this service's seal.
        let other = folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        #expect(try run(["keys", "init", "--service", "Examples/cases/service.yml", "--seal-key", other.appendingPathComponent("k").path,
                         "--certificate", other.appendingPathComponent("c").path], environment).status == 0)
        let foreign = try run(["agreement", "verify", pdf, "--key", other.appendingPathComponent("c").path], environment)
        #expect(foreign.status == 1 && foreign.stdout.contains("NOT THIS SERVICE'S SEAL"))
        // The trail says it all in sentences, and still verifies.
        #expect(try run(["letters", "verify-log", "--as", "ahussain"], environment).status == 0)
    }
}

enum Tool {
    static var weasyprint: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/weasyprint") }
    }
}
