import Foundation
import Testing
import TroupeTesting
import TroupeTools

@testable import TroupeCore

/// Claude Code agent files in the forms found in public repositories (written here, not copied):
/// they load as Claude Code loads them, with their tools mapped as Claude Code gives them.
@Suite struct ClaudeCodeAgentFileTests {
    func parse(_ text: String, path: String = "agents/reviewer.md") throws -> Persona {
        try PersonaParser.parse(text, path: path, source: .project(path: path))
    }

    @Test func windowsLineEndsAndAByteOrderMarkAreAccepted() throws {
        let persona = try parse(
            "\u{FEFF}---\r\nname: checker\r\ndescription: Checks things.\r\ntools: Read\r\n---\r\nYou check.\r\n")
        #expect(persona.name == "checker")
        #expect(persona.description == "Checks things.")
        #expect(persona.systemPrompt == "You check.")
        #expect(persona.tools == ["Read"])
    }

    @Test func aDescriptionThatIsNotStrictYAMLIsReadAsClaudeCodeReadsIt() throws {
        let text = """
            ---
            name: api-designer
            description: Use this agent when designing APIs: REST, GraphQL or gRPC. Examples:
            <example>
            Context: The user starts a new service.
            user: "Design the orders API"
            assistant: "I'll use the api-designer agent."
            </example>
            tools: Read, Write, WebSearch
            model: opus
            color: blue
            ---
            You design APIs.
            """
        let persona = try parse(text)
        #expect(persona.name == "api-designer")
        #expect(persona.description.hasPrefix("Use this agent when designing APIs: REST, GraphQL or gRPC. Examples:"))
        #expect(persona.description.contains("user: \"Design the orders API\""))
        #expect(persona.description.hasSuffix("</example>"))
        #expect(persona.tools == ["Read", "Write", "WebSearch"])
        #expect(persona.model == "opus")
        #expect(persona.color == "blue")
        #expect(persona.warnings.count == 1)
        #expect(persona.warnings[0].hasPrefix("line 3: not strict YAML"))
        #expect(persona.capabilities.contains("designing") && persona.capabilities.contains("rest"))
        #expect(!persona.capabilities.contains("user"))
    }

    @Test func aFileWithoutNameIsNamedAfterItselfAndWithoutDescriptionSaysSo() throws {
        let persona = try parse(
            "---\ntools: Grep\n---\n# Security auditor\n\nYou audit.", path: "plugin/agents/security-auditor.md")
        #expect(persona.name == "security-auditor")
        #expect(persona.description == "Security auditor")
        #expect(persona.warnings == ["no description: using \"Security auditor\""])
    }

    @Test func fieldsTroupeDoesNotUseAreKeptAndNeverBreakAFile() throws {
        let text = """
            ---
            name: builder
            description: Builds the project.
            maxTurns: 12
            hooks:
              PreToolUse:
                - matcher: Bash
                  command: ./check.sh
            memory: project
            skills: [build, release]
            effort: high
            background: true
            mcpServers: [github]
            ---
            You build.
            """
        let persona = try parse(text)
        #expect(persona.budget.maxModelCalls == 12)
        #expect(persona.otherFields.keys.sorted() == ["background", "effort", "hooks", "mcpServers", "memory", "skills"])
        #expect(persona.otherFields["memory"] == "project")
        #expect(persona.otherFields["hooks"]?.contains("matcher: Bash") == true)
        #expect(persona.warnings.isEmpty)
    }

    @Test(arguments: [
        ("default", PermissionMode.ask), ("acceptEdits", .acceptEdits), ("plan", .readOnly), ("bypassPermissions", .auto),
        ("dontAsk", .readOnly), ("auto", .acceptEdits),
    ])
    func everyClaudeCodePermissionModeMapsToATroupeMode(_ value: String, _ mode: PermissionMode) throws {
        let persona = try parse("---\nname: p\ndescription: d\npermissionMode: \(value)\n---\n")
        #expect(persona.permissionMode == mode)
        #expect(persona.warnings.isEmpty)
    }

    @Test func anUnknownPermissionModeIsAWarningAndTheDefault() throws {
        let persona = try parse("---\nname: p\ndescription: d\npermissionMode: yolo\n---\n")
        #expect(persona.permissionMode == .ask)
        #expect(persona.warnings.first?.hasPrefix("permissionMode 'yolo' is not one of") == true)
    }

    /// A tool box with Troupe's workspace tools and two stand-ins for an MCP server's tools.
    func box() throws -> ToolBox {
        let folder = try TemporaryFolder()
        let workspace = Workspace(root: folder.url)
        return ToolBox(WorkspaceTools.standard(workspace) + [NamedTool("github.create_issue"), NamedTool("github.search")])
    }

    @Test func claudeCodeToolNamesGiveTheirTroupeTools() throws {
        let box = try box()
        func tools(_ line: String) throws -> [String] {
            try box.specs(for: parse("---\nname: p\ndescription: d\n\(line)---\n")).map(\.name)
        }
        #expect(try tools("tools: Read, Grep, Glob, Bash\n") == ["read_file", "search_files", "list_files", "run_command"])
        #expect(try tools("tools: Edit, MultiEdit, Write, LS\n") == ["edit_file", "write_file", "list_files"])
        #expect(try tools("tools: mcp__github__create_issue\n") == ["github.create_issue"])
        #expect(try tools("tools: mcp__github__*\n") == ["github.create_issue", "github.search"])
        #expect(try tools("tools: []\n") == [])
        #expect(try tools("tools:\n") == [], "a tools line left empty gives none")
        let everything = box.all.map(\.spec.name)
        #expect(try tools("") == everything, "no tools line: every tool, as Claude Code's agents inherit them")
        #expect(try tools("tools: \"*\"\n") == everything)
        #expect(try tools("tools: Read, Bash\ndisallowedTools: Bash\n") == ["read_file"])
        let persona = try parse("---\nname: p\ndescription: d\ntools: Read, WebSearch, TeamCreate, mcp__jira__*\n---\n")
        let unavailable = box.unavailable(for: persona).map(\.entry)
        #expect(unavailable == ["WebSearch", "TeamCreate", "mcp__jira__*"])
        #expect(box.origins(for: persona).map { "\($0.tool) (\($0.entry))" } == ["read_file (Read)"])
    }

    @Test func bashPatternsLimitTheCommandsBeforeAnyoneIsAsked() async throws {
        let folder = try TemporaryFolder()
        let box = ToolBox(WorkspaceTools.standard(Workspace(root: folder.url)))
        let persona = try parse("---\nname: historian\ndescription: d\ntools: Read, Bash(git log:*), Bash(echo ok)\n---\n")
        #expect(persona.commandRules?.map(\.description) == ["git log …", "echo ok"])
        var asked = 0
        func run(_ command: String) async -> ToolOutput {
            let arguments = String(decoding: try! JSONSerialization.data(withJSONObject: ["command": command]), as: UTF8.self)
            return await box.run(ToolCall(id: "1", name: "run_command", arguments: arguments), for: persona) { _ in
                asked += 1
                return nil
            }
        }
        let refused = await run("rm -rf build")
        #expect(refused.isError)
        #expect(
            refused.text == "error: historian may run only these commands: git log …; echo ok. `rm -rf build` is not one of them."
        )
        for escape in [
            "git log; rm -rf build", "git log && id", "git log || id", "git log | sh", "git log\nid", "git log\r\nid",
            "git log $(id)", "git log `id`", "git log > /etc/passwd", "git log < x", "git log & id", "git log\u{0}id",
        ] {
            #expect(await run(escape).isError, "\(escape.debugDescription) is outside a prefix rule")
        }
        #expect(await run("git logger").isError, "a prefix is matched as whole words")
        #expect(asked == 0)
        let allowed = await run("echo ok")
        #expect(!allowed.isError)
        #expect(allowed.text.contains("ok"))
        #expect(asked == 1)
    }
}

extension ClaudeCodeAgentFileTests {
    @Test func foldersLoadInOrderAndTheLaterWinsByName() throws {
        let claudeUser = try TemporaryFolder(), troupeUser = try TemporaryFolder()
        let claudeProject = try TemporaryFolder(), project = try TemporaryFolder()
        for (folder, label) in [
            (claudeUser, "claude-user"), (troupeUser, "troupe-user"), (claudeProject, "claude-project"), (project, "project"),
        ] {
            try folder.write("helper.md", "---\nname: helper\ndescription: from \(label)\n---\n")
            try folder.write("\(label).md", "---\nname: \(label)\ndescription: only in \(label)\n---\n")
        }
        let loader = PersonaLoader(folders: [
            PersonaFolder(claudeUser.url, .user), PersonaFolder(troupeUser.url, .user),
            PersonaFolder(claudeProject.url, .project), PersonaFolder(project.url, .project),
        ])
        var catalog = loader.load()
        #expect(catalog.persona(named: "helper")?.description == "from project")
        for label in ["claude-user", "troupe-user", "claude-project", "project"] {
            #expect(catalog.persona(named: label) != nil)
        }
        #expect(
            catalog.persona(named: "claude-user")?.source
                == .user(path: claudeUser.url.appendingPathComponent("claude-user.md").path))
        try claudeProject.write("bold.md", "---\nname: bold\ndescription: d\npermissionMode: bypassPermissions\n---\n")
        try troupeUser.write("trusted.md", "---\nname: trusted\ndescription: d\npermission_mode: auto\n---\n")
        catalog = loader.load()
        #expect(catalog.persona(named: "bold")?.permissionMode == .ask, "a project file cannot bypass the questions")
        #expect(catalog.persona(named: "bold")?.warnings.first?.contains("permission mode auto is loaded as ask") == true)
        #expect(catalog.persona(named: "trusted")?.permissionMode == .auto, "the user's own file can")
        try FileManager.default.removeItem(at: project.url.appendingPathComponent("helper.md"))
        catalog = loader.load()
        #expect(catalog.persona(named: "helper")?.description == "from claude-project")
    }
}

/// A tool that only has a name: stands in for an MCP server's tools in the box.
private struct NamedTool: WorkerTool {
    let spec: ToolSpec
    let effect = ToolEffect.external
    init(_ name: String) { spec = ToolSpec(name: name, description: name, parameters: .object(["type": .string("object")])) }
    func run(arguments: JSONValue) async -> ToolOutput { ToolOutput(text: spec.name, summary: spec.name) }
}

/// AGENTS.md (or CLAUDE.md) as every persona's standing instructions.
@Suite struct ProjectInstructionsTests {
    @Test func agentsMarkdownWinsOverClaudeMarkdownAndLongFilesAreCutWithANote() throws {
        let folder = try TemporaryFolder()
        #expect(ProjectInstructions.load(root: folder.url) == nil)
        try folder.write("CLAUDE.md", "Use tabs.")
        #expect(ProjectInstructions.load(root: folder.url)?.text == "Use tabs.")
        try folder.write("AGENTS.md", String(repeating: "x", count: ProjectInstructions.limit + 10))
        let instructions = try #require(ProjectInstructions.load(root: folder.url))
        #expect(instructions.path.hasSuffix("AGENTS.md"))
        #expect(instructions.wasCut)
        #expect(instructions.text.hasSuffix("[… AGENTS.md continues for 10 more characters, left out to fit the prompt]"))
        let persona = instructions.applied(to: Persona(name: "coder", description: "d", systemPrompt: "You code."))
        #expect(persona.systemPrompt.hasPrefix("You code.\n\n## Project instructions (AGENTS.md)\n\nxxx"))
    }
}
