import Foundation
import Testing
import TroupeTesting

/// A Claude Code agent file where Claude Code users keep it, used by the built shell as is.
@Suite(.serialized) struct ClaudeCodeAgentSessionTests {
    @Test func anAgentInDotClaudeAgentsReadsAFileWithItsMappedTools() throws {
        let sandbox = try Sandbox()
        try sandbox.write("NOTES.md", "# Notes\nThe launch is on Tuesday.\n")
        try sandbox.write("AGENTS.md", "Answer in British English.\n")
        try sandbox.write(
            ".claude/agents/notes-reader.md",
            """
            ---
            name: notes-reader
            description: Use this agent to read notes: it reads files and quotes them. Examples:
            user: "what do the notes say?"
            tools: Read, Grep, WebSearch
            model: sonnet
            ---
            You read notes and quote them.
            """)
        let shell = try sandbox.startShell()
        var at = try shell.expect("› ")
        shell.type("/agent notes-reader\r")
        at = try shell.expect("tools           read_file (Read), search_files (Grep)", after: at)
        at = try shell.expect("unavailable     WebSearch: Troupe has no such tool", after: at)
        at = try shell.expect("warning         line 3: not strict YAML", after: at)
        at = try shell.expect("## Project instructions (AGENTS.md)", after: at)
        at = try shell.expect("Answer in British English.", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/status\r")
        at = try shell.expect("guidance  AGENTS.md · 26 characters · given to every persona", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("@notes-reader read NOTES.md\r")
        at = try shell.expect("⇢ user → notes-reader", after: at)
        at = try shell.expect("read_file", after: at)
        at = try shell.expect("The launch is on Tuesday.", after: at)
        at = try shell.expect("── completed", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)

        let validated = try sandbox.run(["personas", "validate"])
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(validated.stderr.contains("notes-reader.md: warning: line 3: not strict YAML"))
        #expect(validated.stderr.contains("tools Troupe does not have, left out: WebSearch"))
        let listed = try sandbox.run(["personas", "list"])
        #expect(listed.stdout.contains(".claude/agents/notes-reader.md"))
    }
}
