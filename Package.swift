// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "rj",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rj", targets: ["rj"]),
        .library(name: "CommonMark", targets: ["CommonMark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // libcmark, the CommonMark reference implementation, from the system
        // (Debian: libcmark-dev). `make setup` installs it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "CommonMark", dependencies: ["CCmark"]),
        .executableTarget(
            name: "rj",
            dependencies: [
                "CommonMark",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark"]),
        .testTarget(name: "RJCommandTests", dependencies: ["rj"]),
    ],
    swiftLanguageModes: [.v6]
)
