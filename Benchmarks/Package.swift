// swift-tools-version: 6.0
// The benchmarks live in their own package so that the peers they measure rj
// against never become dependencies of rj itself.
import PackageDescription

let package = Package(
    name: "rj-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "rj", path: ".."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The peer for the CommonMark wrapper: the same work as one C call per document.
        .target(name: "CmarkBaseline", linkerSettings: [.linkedLibrary("cmark")]),
        .executableTarget(
            name: "rj-bench",
            dependencies: [
                "CmarkBaseline",
                .product(name: "CommonMark", package: "rj"),
                .product(name: "Templating", package: "rj"),
                .product(name: "CaseFiles", package: "rj"),
                .product(name: "Documents", package: "rj"),
                .product(name: "LetterReview", package: "rj"),
                .product(name: "Reports", package: "rj"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "rj-evaluate",
            dependencies: [.product(name: "LetterReview", package: "rj"), .product(name: "CaseFiles", package: "rj")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
