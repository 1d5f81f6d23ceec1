// swift-tools-version:6.0
import PackageDescription

// Dependencies come only from the Swift packages this machine kind provides (see the env skill);
// later issues add Yams, swift-crypto, Hummingbird, GRDB and swift-certificates as they need them.
let package = Package(
    name: "leadcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "leadcheck", targets: ["leadcheck"]),
        .library(name: "LeadCheck", targets: ["LeadCheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "LeadCheck",
            dependencies: ["CCurl"]
        ),
        .target(
            name: "LeadSandbox",
            dependencies: ["LeadCheck"]
        ),
        .executableTarget(
            name: "leadcheck",
            dependencies: [
                "LeadCheck",
                "LeadSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LeadCheckTests",
            dependencies: ["LeadCheck"],
            resources: []
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["LeadCheck", "leadcheck"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
