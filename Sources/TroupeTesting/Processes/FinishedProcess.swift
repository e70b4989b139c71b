public import Foundation

/// A program run to its end: how it ended and what it printed on standard output (its standard
/// error is discarded) — for tests that run git, a browser or a reproduction.
public struct FinishedProcess: Sendable {
    public let reason: Process.TerminationReason
    public let status: Int32
    public let output: Data

    /// The standard output as UTF-8 text.
    public var text: String { String(decoding: output, as: UTF8.self) }

    /// Runs `executable` with `arguments` (and only `environment`, when given) until it exits.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws
        -> FinishedProcess
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return FinishedProcess(reason: process.terminationReason, status: process.terminationStatus, output: data)
    }
}
