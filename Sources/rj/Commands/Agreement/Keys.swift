import Agreements
import ArgumentParser
import CaseFiles
import Foundation

extension RJ {
    /// `rj keys`: the service's seal for outcome agreements.
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the service's seal: the key that seals outcome agreements, and its certificate.",
            subcommands: [Init.self])

        struct Init: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make the seal's key (ECDSA P-256) and a self-signed certificate for it.",
                discussion: """
                    The key is written readable by its owner only (mode 600) and never over an \
                    existing file: keep it off shared drives, and back it up as you back up the \
                    store's key. The certificate is public: give it to anyone who needs to check \
                    a sealed agreement (rj agreement verify FILE --key rj-seal.crt).

                    Example:
                      rj keys init --service Examples/cases/service.yml
                    """)
            @Option(help: ArgumentHelp("The service file, whose name the certificate carries.", valueName: "file"))
            var service: String
            @OptionGroup var seal: SealOptions

            func run() throws {
                try reportingFailures {
                    let loaded: Service
                    do throws(CaseFileErrors) {
                        loaded = try Service.load(path: service)
                    } catch {
                        throw CommandFailure(lines: error.errors.map(\.description), exitCode: ExitStatus.badInput)
                    }
                    try attemptAgreement { () throws(AgreementError) in
                        let key = try SealKey.make(serviceName: loaded.name)
                        try key.save(keyPath: seal.keyPath, certificatePath: seal.certificatePath)
                        print("wrote \(seal.keyPath) (the seal key, mode 600: keep it safe) and \(seal.certificatePath) (its certificate, to share)")
                        print("certificate: \(key.certificate.subject), SHA-256 \(key.certificate.fingerprint)")
                    }
                }
            }
        }
    }
}
