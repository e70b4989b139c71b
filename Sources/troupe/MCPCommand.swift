import ArgumentParser
import Foundation
import TroupeMCP
import TroupeShell

/// `troupe mcp`: the MCP servers this folder configures, read but not started.
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: "Show the MCP servers configured here, without starting any.",
        discussion: """
            Reads your mcp.json (in the troupe config folder) and the project's .mcp.json, or the files \
            given, and prints each server with what it would run or reach, or why it cannot be used. \
            Nothing is started and nothing is contacted. Exit status 1 when any entry cannot be used.
            """)

    @Argument(help: "Configuration files to read instead (each read as a project's .mcp.json).")
    var files: [String] = []

    func run() throws {
        let factory = SessionFactory(options: SessionOptions())
        let root = FileManager.default.currentDirectoryPath
        let sources: [(url: URL, scope: MCPConfigFile.Scope)] =
            files.isEmpty
            ? [(factory.paths.userMCP, .user), (URL(fileURLWithPath: root).appendingPathComponent(".mcp.json"), .project)]
            : files.map { (URL(fileURLWithPath: $0), .project) }
        let (entries, problems) = MCPConfigFile.load(sources, projectRoot: root, environment: factory.environment)
        problems.forEach { printError($0) }
        if entries.isEmpty && problems.isEmpty { print("No MCP servers configured.") }
        var unusable = problems.count
        for entry in entries {
            switch entry.configuration {
            case .success(let configuration):
                print(TerminalSanitizer.visibleCompact("\(entry.name)  \(configuration.summary)  (\(entry.file))"))
            case .failure(let problem):
                unusable += 1
                print(TerminalSanitizer.clean("\(entry.name)  unavailable: \(problem.reason)  (\(entry.file))"))
            }
        }
        if unusable > 0 { throw ExitCode(1) }
    }
}
