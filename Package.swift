// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Troupe",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "troupe", targets: ["troupe"]),
        .executable(name: "troupe-bench", targets: ["troupe-bench"]),
        .library(name: "TroupeCore", targets: ["TroupeCore"]),
        .library(name: "TroupeHTTP", targets: ["TroupeHTTP"]),
        .library(name: "TroupeProviders", targets: ["TroupeProviders"]),
        .library(name: "TroupeTools", targets: ["TroupeTools"]),
        .library(name: "TroupeShell", targets: ["TroupeShell"]),
        .library(name: "TroupeTesting", targets: ["TroupeTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .systemLibrary(name: "CPseudoTerminal"),
        .systemLibrary(name: "CLandlock"),
        .target(
            name: "TroupeCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("BuiltinPersonas")]
        ),
        .target(name: "TroupeHTTP"),
        .target(name: "TroupeProviders", dependencies: ["TroupeCore", "TroupeHTTP"]),
        .target(name: "TroupeTesting", dependencies: ["TroupeCore", "TroupeHTTP", "CPseudoTerminal"]),
        .target(name: "TroupeTools", dependencies: ["TroupeCore", "TroupeHTTP", "CLandlock"]),
        .target(name: "TroupeShell", dependencies: ["TroupeCore", "CLibEdit"]),
        .target(
            name: "TroupeMCP",
            dependencies: [
                "TroupeCore", "TroupeHTTP", "TroupeProviders", .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "TroupeFuzzTargets", dependencies: ["TroupeCore", "TroupeProviders", "TroupeShell"]),
        .executableTarget(name: "troupe-fuzz", dependencies: ["TroupeFuzzTargets"]),
        .executableTarget(name: "troupe-mcp-fixture", dependencies: [.product(name: "MCP", package: "swift-sdk")]),
        .executableTarget(name: "tasklocal-repro"),
        .plugin(name: "BuildStamp", capability: .buildTool()),
        .executableTarget(
            name: "troupe",
            dependencies: [
                "TroupeCore", "TroupeHTTP", "TroupeProviders", "TroupeTools", "TroupeShell", "TroupeMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            plugins: ["BuildStamp"]
        ),
        .executableTarget(
            name: "troupe-bench",
            dependencies: [
                "TroupeCore", "TroupeHTTP", "TroupeProviders", "TroupeTools", "TroupeTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TroupeCoreTests", dependencies: ["TroupeCore", "TroupeTools", "TroupeTesting"]),
        .testTarget(
            name: "TroupeProvidersTests",
            dependencies: ["TroupeProviders", "TroupeHTTP", "TroupeCore", "TroupeTools", "TroupeTesting"]),
        .testTarget(name: "TroupeShellTests", dependencies: ["TroupeShell", "TroupeCore", "TroupeTools", "TroupeTesting"]),
        .testTarget(
            name: "TroupeEndToEndTests", dependencies: ["troupe", "troupe-mcp-fixture", "tasklocal-repro", "TroupeTesting"]),
        .testTarget(name: "TroupeToolsTests", dependencies: ["TroupeTools", "TroupeCore", "TroupeHTTP", "TroupeTesting"]),
        .testTarget(name: "TroupeFuzzTargetsTests", dependencies: ["TroupeFuzzTargets", "TroupeTesting"]),
        .testTarget(name: "TroupeMCPTests", dependencies: ["TroupeMCP", "TroupeCore", "TroupeTesting", "troupe-mcp-fixture"]),
    ]
)

/// The compiler's stricter checks, on for every target of Troupe's own.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]
for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
