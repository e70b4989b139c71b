import Foundation

/// What one entry of a persona's `tools` list gives it, read as Claude Code reads agent files
/// as well as with Troupe's own tool names: `Read` is `read_file`, `Bash(git log:*)` is
/// `run_command` limited to commands starting `git log`, `mcp__github__*` is every tool of the
/// MCP server `github`, `*` is every tool of the session. An entry naming nothing Troupe has
/// (`WebSearch`) is kept as unavailable, so it can be shown rather than silently dropped.
public struct ToolGrant: Sendable, Equatable {
    /// What the entry reaches.
    public enum Target: Sendable, Equatable {
        /// Every tool of the session.
        case everyTool
        /// One tool, by its Troupe name (`read_file`, `github.create_issue`).
        case tool(String)
        /// Every tool of one MCP server (Troupe names them `server.tool`).
        case server(String)
        /// Nothing Troupe has.
        case unavailable
    }

    /// The entry as the file wrote it.
    public var written: String
    public var target: Target
    /// For `run_command`: the commands allowed (`Bash(npm test)` → `npm test`, `Bash(git log:*)`
    /// → the prefix `git log`); empty means any command.
    public var commandRules: [CommandRule]

    /// Reads one `tools` entry.
    public init(_ entry: String) {
        written = entry
        commandRules = []
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        if trimmed == "*" {
            target = .everyTool
        } else if let rule = Self.bashRule(trimmed) {
            target = .tool("run_command")
            commandRules = [rule]
        } else if trimmed.hasPrefix("mcp__") {
            target = Self.mcpTarget(String(trimmed.dropFirst("mcp__".count)))
        } else if trimmed.hasSuffix(".*") {
            target = .server(String(trimmed.dropLast(2)))
        } else if let mapped = Self.claudeCodeNames[trimmed] {
            target = mapped.map(Target.tool) ?? .unavailable
        } else {
            target = .tool(trimmed)
        }
    }

    /// The names among `available` this entry reaches, in order.
    public func reaches(among available: [String]) -> [String] {
        switch target {
        case .everyTool: return available
        case .server(let server): return available.filter { $0.hasPrefix(server + ".") }
        case .tool(let name): return available.contains(name) ? [name] : []
        case .unavailable: return []
        }
    }

    /// The entry in Troupe's terms, for a team listing: a tool name, `server.*`, `*`; nil when
    /// it names nothing Troupe has.
    public var troupeName: String? {
        switch target {
        case .everyTool: return "*"
        case .server(let server): return server + ".*"
        case .tool(let name): return name
        case .unavailable: return nil
        }
    }

    /// Whether the entry may reach a tool that changes something or reaches out: a tool in
    /// `risky`, an MCP tool (which may do anything), or every tool.
    public func mayReach(_ risky: Set<String>) -> Bool {
        switch target {
        case .everyTool, .server: return true
        case .tool(let name): return risky.contains(name) || name.contains(".")
        case .unavailable: return false
        }
    }

    /// Claude Code's tool names and the Troupe tool each stands for (nil: none).
    static let claudeCodeNames: [String: String?] = [
        "Read": "read_file", "Write": "write_file", "Edit": "edit_file", "MultiEdit": "edit_file",
        "Glob": "list_files", "LS": "list_files", "Grep": "search_files", "Bash": "run_command",
        "WebFetch": "web_fetch", "Task": Delegation.toolName, "Agent": Delegation.toolName,
        "WebSearch": nil, "NotebookEdit": nil, "NotebookRead": nil, "TodoWrite": nil, "TodoRead": nil,
        "BashOutput": nil, "KillShell": nil, "KillBash": nil, "SlashCommand": nil, "Skill": nil,
        "ExitPlanMode": nil, "AskUserQuestion": nil,
    ]

    /// `Bash(…)`: the command rule inside the parentheses.
    private static func bashRule(_ entry: String) -> CommandRule? {
        guard entry.hasPrefix("Bash("), entry.hasSuffix(")") else { return nil }
        return CommandRule(String(entry.dropFirst("Bash(".count).dropLast()))
    }

    /// `server__tool`, `server__*` or `server` (after `mcp__`).
    private static func mcpTarget(_ rest: String) -> Target {
        guard let separator = rest.range(of: "__") else { return rest.isEmpty ? .unavailable : .server(rest) }
        let server = String(rest[..<separator.lowerBound])
        let tool = String(rest[separator.upperBound...])
        if server.isEmpty { return .unavailable }
        return tool.isEmpty || tool == "*" ? .server(server) : .tool("\(server).\(tool)")
    }
}

/// A command a persona's `run_command` is limited to, from Claude Code's `Bash(…)` syntax:
/// `npm test` allows exactly that command, `git log:*` (or `git log *`) any command that starts
/// with `git log` as a whole word.
public struct CommandRule: Sendable, Equatable, CustomStringConvertible {
    /// The command, or the prefix when `isPrefix`.
    public var command: String
    public var isPrefix: Bool

    /// Reads the text inside `Bash(…)`.
    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for marker in [":*", " *"] where trimmed.hasSuffix(marker) {
            command = String(trimmed.dropLast(marker.count)).trimmingCharacters(in: .whitespaces)
            isPrefix = true
            return
        }
        if trimmed == "*" {
            command = ""
            isPrefix = true
            return
        }
        command = trimmed
        isPrefix = false
    }

    /// Whether `line` (a whole command as the model sent it) is allowed. A line that chains,
    /// substitutes or redirects (`;`, `&&`, `|`, `` ` ``, `$(`, `>`, any control character such as
    /// a line break) is allowed only by a rule that allows any command: otherwise
    /// `git log; rm -rf ~` would pass as `git log`. What the allowed program itself can be told to
    /// do (`git -c alias…`) is the rule's own breadth, as in Claude Code.
    public func allows(_ line: String) -> Bool {
        let command = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if isPrefix && self.command.isEmpty { return true }
        if Self.chains(command) { return false }
        guard isPrefix else { return command == self.command }
        return command == self.command || command.hasPrefix(self.command + " ")
    }

    private static func chains(_ command: String) -> Bool {
        command.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control || ";|&`<>".unicodeScalars.contains(scalar)
        } || command.contains("$(")
    }

    public var description: String { isPrefix ? (command.isEmpty ? "any command" : "\(command) …") : command }
}
