import Foundation
import Testing
import TroupeCore

@testable import TroupeMCP

/// MCP servers over real stdio, against `troupe-mcp-fixture` (built with the SDK's server side).
@Suite struct MCPServerTests {
    /// `troupe-mcp-fixture` beside the test bundle in the build folder.
    static let fixture: String = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("troupe-mcp-fixture")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            folder.deleteLastPathComponent()
        }
        return "troupe-mcp-fixture"
    }()

    @Test func listsAndCallsToolsAndSurvivesACrashMidCall() async throws {
        let servers = await MCPServers.start(["fixture": MCPServerConfiguration(command: Self.fixture)])
        #expect(servers.tools.map(\.spec.name) == ["fixture.crash", "fixture.echo", "fixture.fail"])
        let echo = try #require(servers.tools.first { $0.spec.name == "fixture.echo" })
        #expect(echo.spec.parameters["required"] == .array([.string("text")]))
        let answered = await echo.run(arguments: .object(["text": .string("hi")]))
        #expect(answered == ToolOutput(text: "echo: hi", summary: "fixture.echo · 8 characters"))
        let failed = await servers.tools.first { $0.spec.name == "fixture.fail" }!.run(arguments: .object([:]))
        #expect(failed.isError)
        #expect(failed.text == "error: the fixture always fails")
        let crashed = await servers.tools.first { $0.spec.name == "fixture.crash" }!.run(arguments: .object([:]))
        #expect(crashed.isError)
        #expect(crashed.text.contains("the server exited with status 3"))
        #expect(crashed.text.contains("fixture: crashing on purpose"))
        let status = await servers.statusLines()
        #expect(status.first?.hasPrefix("fixture  unavailable: the server exited with status 3") == true)
        let after = await echo.run(arguments: .object(["text": .string("again")]))
        #expect(after.text.hasPrefix("error: MCP server fixture is unavailable"))
        await servers.stop()
    }

    @Test func aServerThatDoesNotStartIsUnavailableAndTheOthersWork() async {
        let servers = await MCPServers.start([
            "broken": MCPServerConfiguration(command: "/nonexistent/mcp-server"),
            "fixture": MCPServerConfiguration(command: Self.fixture),
        ])
        #expect(servers.tools.map(\.spec.name).contains("fixture.echo"))
        let status = await servers.statusLines()
        #expect(status[0].hasPrefix("broken  unavailable: "))
        #expect(status[0].contains("No such file or directory") || status[0].contains("exited"))
        #expect(status[1].hasPrefix("fixture  ready · 3 tool(s)"))
        await servers.stop()
    }

    @Test func personasTakeAServersToolsByWildcard() async {
        let servers = await MCPServers.start(["fixture": MCPServerConfiguration(command: Self.fixture)])
        let box = ToolBox(servers.tools)
        let persona = Persona(name: "p", description: "d", tools: ["fixture.*"], disallowedTools: ["fixture.crash"])
        #expect(box.specs(for: persona).map(\.name) == ["fixture.echo", "fixture.fail"])
        await servers.stop()
    }
}
