// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "rj",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rj", targets: ["rj"]),
        .library(name: "CommonMark", targets: ["CommonMark"]),
        .library(name: "Templating", targets: ["Templating"]),
        .library(name: "CaseFiles", targets: ["CaseFiles"]),
        .library(name: "Documents", targets: ["Documents"]),
        .library(name: "LetterReview", targets: ["LetterReview"]),
        .library(name: "Agreements", targets: ["Agreements"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        // libcmark, the CommonMark reference implementation, from the system
        // (Debian: libcmark-dev). `make setup` installs it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // libpq, PostgreSQL's own client library, from the system (Debian:
        // libpq-dev), for a store on PostgreSQL. `make setup` installs it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(name: "CommonMark", dependencies: ["CCmark"]),
        .target(name: "Templating", dependencies: ["Yams"]),
        // Reading free text for what must not pass between people: contact
        // details (also in disguise), addresses, names and places. The letter
        // screener and the case checks both use it.
        .target(name: "TextScan"),
        .target(name: "CaseFiles", dependencies: ["Templating", "TextScan", "Yams"]),
        .target(
            name: "Documents",
            dependencies: ["Templating", "CommonMark", "CaseFiles", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "LetterReview",
            dependencies: ["CaseFiles", "CommonMark", "Templating", "TextScan", "Yams", "CLibPQ",
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")],
            resources: [.copy("Resources/rules.yml")]
        ),
        // Signed and sealed outcome agreements: the seal's key and certificate
        // (swift-certificates), the CMS signature, the PDF's incremental update.
        .target(
            name: "Agreements",
            dependencies: ["LetterReview", "Documents", "CaseFiles", "Templating",
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "X509", package: "swift-certificates"),
                           .product(name: "SwiftASN1", package: "swift-asn1")]
        ),
        // Figures for commissioners, made from anonymous case figures alone.
        .target(name: "Reports", dependencies: ["CaseFiles", "Templating", "LetterReview"]),
        // The review desk: the web application over the same library calls.
        .target(
            name: "Desk",
            dependencies: ["LetterReview", "CaseFiles", "Documents", "Templating",
                           .product(name: "Hummingbird", package: "hummingbird")],
            resources: [.copy("Pages")]
        ),
        .executableTarget(
            name: "rj",
            dependencies: [
                "CommonMark",
                "Templating",
                "CaseFiles",
                "Documents",
                "LetterReview",
                "Agreements",
                "Desk",
                "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Many reviewers at once on one store: the load test's worker (make bench, and a test).
        .executableTarget(name: "rj-load", dependencies: ["LetterReview", "CaseFiles"], path: "Benchmarks/Load"),
        // Where tests find the checkout's files and the shared suites beside it.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark", "TestSupport"]),
        .testTarget(name: "TemplatingTests", dependencies: ["Templating", "CommonMark", "TestSupport"]),
        .testTarget(name: "CaseFilesTests", dependencies: ["CaseFiles", "Templating", "TestSupport"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "CaseFiles", "Templating", "CommonMark", "Reports", "TestSupport"],
                    exclude: ["Expected"]),
        .testTarget(name: "LetterReviewTests", dependencies: ["LetterReview", "CaseFiles", "TextScan", "Yams", "TestSupport",
                                                             .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "AgreementsTests", dependencies: ["Agreements", "LetterReview", "Documents", "CaseFiles",
                                                            "Templating", "TestSupport"]),
        .testTarget(name: "DeskTests", dependencies: ["Desk", "LetterReview", "CaseFiles", "TestSupport",
                                                      .product(name: "HummingbirdTesting", package: "hummingbird"),
                                                      .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "CaseFiles", "Templating", "TestSupport"]),
        .testTarget(name: "RJCommandTests", dependencies: ["rj", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
