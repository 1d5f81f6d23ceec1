// swift-tools-version:6.0
import PackageDescription

// Dependencies come only from the Swift packages this machine kind provides (see the env skill);
// every one of them is in use.
let package = Package(
    name: "leadcheck",
    products: [
        .executable(name: "leadcheck", targets: ["leadcheck"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.25.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The design's parts (docs/architecture.md); a target may import only what it lists.
        .target(name: "LeadModel"),
        // The client's wire encodings of a lead, one per destination and file format: what
        // leadcheck sends. The sandbox may not import them (it checks with its own code).
        .target(name: "LeadWire", dependencies: ["LeadModel"]),
        .target(name: "LeadTransport", dependencies: ["CCurl", "LeadModel"]),
        .target(name: "LeadFiles", dependencies: ["LeadModel", "LeadWire"]),
        // Finding a workflow definition in whatever a publisher exported (JSON, commented ARM
        // templates, clientdata strings, export packages and solutions): plumbing that the flow
        // check and the sandbox share; what a definition means each reads with its own code.
        .target(
            name: "LeadFlowFiles",
            dependencies: ["LeadModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // The static check of a Power Automate / Logic Apps definition: pure.
        .target(name: "LeadFlows", dependencies: ["LeadModel", "LeadWire", "LeadFlowFiles"]),
        .target(
            name: "LeadDestinations",
            dependencies: [
                "LeadModel", "LeadWire", "LeadTransport", "LeadFiles", "LeadFlowFiles", "LeadFlows",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "LeadVerification",
            dependencies: ["LeadModel", "LeadWire", "LeadTransport", "LeadFiles", "LeadDestinations"]),
        .target(
            name: "LeadSandbox",
            dependencies: [
                "LeadModel", "LeadFlowFiles",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "leadcheck",
            dependencies: [
                "LeadModel", "LeadWire", "LeadTransport", "LeadFiles", "LeadFlowFiles", "LeadFlows", "LeadDestinations",
                "LeadVerification", "LeadSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Servers and fixtures shared by the test targets (nginx, a misbehaving raw server,
        // certificates); never linked into the product.
        .target(
            name: "TestSupport",
            dependencies: [
                "LeadModel", "LeadWire", "LeadTransport", "LeadFiles", "LeadDestinations", "LeadVerification",
                "LeadSandbox",
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "LeadCheckTests",
            dependencies: [
                "LeadModel", "LeadWire", "LeadTransport", "LeadFiles", "LeadFlowFiles", "LeadFlows", "LeadDestinations",
                "LeadVerification", "LeadSandbox", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "LeadSandboxTests",
            dependencies: [
                "LeadModel", "LeadWire", "LeadFlowFiles", "LeadTransport", "LeadFiles", "LeadDestinations",
                "LeadVerification", "LeadSandbox", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "LeadModel", "LeadWire", "LeadTransport", "LeadFiles", "LeadFlowFiles", "LeadFlows", "LeadDestinations",
                "LeadVerification", "LeadSandbox", "TestSupport", "leadcheck",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
