import Foundation
import TroupeTesting

/// The built `troupe` binary and a throwaway home and workspace for it.
final class Sandbox {
    let root: URL
    var workspace: URL { root.appendingPathComponent("work") }
    var home: URL { root.appendingPathComponent("home") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes a file in the workspace.
    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> URL {
        let url = workspace.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The environment the binary runs with: a private TROUPE_HOME, UTF-8, no colour, and the
    /// offline model pinned, so no test depends on (or probes for) a model server on the machine.
    var environment: [String: String] {
        var environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm", "TROUPE_HOME": home.path, "NO_COLOR": "1",
            "TROUPE_MODEL": "offline",
        ]
        environment["HOME"] = home.path
        return environment
    }

    /// The transcripts written so far, oldest first.
    func transcripts() throws -> [URL] {
        let folder = home.appendingPathComponent("transcripts")
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "jsonl" }.sorted { $0.path < $1.path }
    }

    /// Every line of `transcript` as a JSON object: the header first, then the events.
    func records(of transcript: URL) throws -> [[String: Any]] {
        try String(contentsOf: transcript, encoding: .utf8).split(separator: "\n")
            .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    /// The first eight characters of the session id in `transcript`'s header: what `--resume` takes.
    func shortSessionID(of transcript: URL) throws -> String {
        let header = try String(contentsOf: transcript, encoding: .utf8).split(separator: "\n")[0]
        let fields = try JSONSerialization.jsonObject(with: Data(header.utf8)) as! [String: Any]
        return String((fields["sessionID"] as! String).prefix(8))
    }

    /// Starts the shell on a pseudo-terminal, with `extra` added to its environment.
    func startShell(_ arguments: [String] = [], extra: [String: String] = [:]) throws -> PseudoTerminal {
        try PseudoTerminal(
            executable: Self.binary, arguments: arguments, directory: workspace.path,
            environment: environment.merging(extra) { _, new in new })
    }

    /// Runs the binary without a terminal, feeding `input` on stdin, with `extra` added to its environment.
    func run(
        _ arguments: [String], input: String = "", extra: [String: String] = [:]
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.currentDirectoryURL = workspace
        process.environment = environment.merging(extra) { _, new in new }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// The binary under test: `TROUPE_BINARY` when set (CI points it at the optimized build, the one
    /// users run), else `troupe` beside the test bundle in the build folder. The other executables
    /// the tests start (`troupe-mcp-fixture`, `tasklocal-repro`) are looked up beside it.
    static let binary: String = {
        if let chosen = ProcessInfo.processInfo.environment["TROUPE_BINARY"], !chosen.isEmpty {
            return URL(fileURLWithPath: chosen).standardizedFileURL.path
        }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("troupe")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate.path
            }
            folder = folder.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("troupe").path
    }()

    /// The executable `name` beside the binary under test.
    static func sibling(_ name: String) -> String {
        URL(fileURLWithPath: binary).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Whether the binary under test was built optimized (it is `…/release/troupe`, where SwiftPM
    /// puts a release build's products).
    static var isOptimized: Bool { binary.hasSuffix("/release/troupe") }
}

extension PseudoTerminal {
    /// Types Ctrl-D at the prompt and returns the shell's exit status.
    func endWithCtrlD() throws -> Int32 {
        type("\u{04}")
        return try waitForExit()
    }
}
