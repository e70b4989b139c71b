import Foundation
import Testing
import TroupeTesting

/// MCP servers configured in `.mcp.json`, started by the built shell, used by a persona.
@Suite(.serialized) struct MCPSessionTests {
    /// `troupe-mcp-fixture` (an MCP server built with the SDK's server side) beside `troupe`.
    static let fixture = Sandbox.sibling("troupe-mcp-fixture")

    @Test func aPersonaCallsAnMCPToolAndABrokenServerIsReportedNotFatal() throws {
        let sandbox = try Sandbox()
        try sandbox.write(
            ".mcp.json",
            #"{"mcpServers": {"fixture": {"command": "\#(Self.fixture)"}, "broken": {"command": "/nonexistent/server"}}}"#)
        try sandbox.write(
            "personas/librarian.md",
            """
            ---
            name: librarian
            description: Looks things up with the fixture server.
            capabilities: [lookup]
            tools: [fixture.*]
            disallowed_tools: [fixture.crash]
            ---
            You look things up.
            """)
        let script = try sandbox.write(
            "session.jsonl",
            """
            {"purpose":"plan","text":"{\\"facts\\":{},\\"steps\\":[{\\"id\\":1,\\"title\\":\\"look up hi\\",\\"persona\\":\\"librarian\\"},{\\"id\\":2,\\"title\\":\\"look up ho\\",\\"persona\\":\\"librarian\\",\\"depends_on\\":[1]}]}"}
            {"agent":"librarian","purpose":"work","tool_calls":[{"name":"fixture.echo","arguments":{"text":"hi"}}]}
            {"agent":"librarian","purpose":"work","text":"the server said echo: hi"}
            {"agent":"librarian","purpose":"work","text":"ho is done"}
            {"purpose":"synthesis","text":"Both looked up."}
            """)
        // The user's own flag: a project's persona may not let itself skip the questions.
        // The folder is the test's own: trusted by flag, as its user would.
        let shell = try sandbox.startShell(["--model", "script:\(script.path)", "--permission-mode", "auto", "--trust-project"])
        var at = try shell.expect("MCP server broken is unavailable: the server exited with status 127; its stderr ends:")
        at = try shell.expect("‘/nonexistent/server’", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/mcp\r")
        at = try shell.expect("fixture  ready · 3 tool(s): fixture.echo, fixture.fail, fixture.crash", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("look up hi then ho\r")
        at = try shell.expect("fixture.echo · 8 characters", after: at)
        at = try shell.expect("Both looked up.", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
        let transcript = try String(contentsOf: try #require(try sandbox.transcripts().last), encoding: .utf8)
        #expect(transcript.contains(#""name":"fixture.echo""#))
        #expect(transcript.contains("echo: hi"))
    }
}
