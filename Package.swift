// swift-tools-version:6.0
import PackageDescription

// Dependencies come only from the Swift packages this machine kind provides (see the env skill);
// later issues add Yams, Hummingbird and GRDB as they need them.
let package = Package(
    name: "leadcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "leadcheck", targets: ["leadcheck"]),
        .library(name: "LeadCheck", targets: ["LeadCheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.0"),
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
            dependencies: [
                "LeadCheck",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .executableTarget(
            name: "leadcheck",
            dependencies: [
                "LeadCheck",
                "LeadSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Servers and fixtures shared by the test targets (nginx, a misbehaving raw server,
        // certificates); never linked into the product.
        .target(
            name: "TestSupport",
            dependencies: ["LeadCheck", "LeadSandbox"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "LeadCheckTests",
            dependencies: ["LeadCheck", "LeadSandbox", "TestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["LeadCheck", "LeadSandbox", "TestSupport", "leadcheck"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
