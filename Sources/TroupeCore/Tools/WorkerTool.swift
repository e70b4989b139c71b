/// A capability a worker can call: files, commands, the web, MCP servers.
///
/// Implementations confine themselves to the workspace they were made for and must be safe to
/// call concurrently. Errors a model can act on are returned as `isError` outputs, not thrown.
public protocol WorkerTool: Sendable {
    /// Name, description and argument schema, as offered to models.
    var spec: ToolSpec { get }
    /// What a call can do; approvals and plan review go by it.
    var effect: ToolEffect { get }
    /// What the call would change, for approval; nil for tools that only read. An error output
    /// ends the call before any approval is asked (bad arguments, a path outside the workspace).
    func preview(arguments: JSONValue) async -> Result<ToolPreview, ToolOutputError>?
    /// Runs the tool with the model's arguments (a JSON object).
    func run(arguments: JSONValue) async -> ToolOutput
}

/// A tool call refused before it ran, with the output the model gets.
public struct ToolOutputError: Error, Sendable, Equatable {
    public var output: ToolOutput

    public init(_ output: ToolOutput) {
        self.output = output
    }
}

extension WorkerTool {
    /// Read-only tools change nothing and need no approval.
    public func preview(arguments: JSONValue) async -> Result<ToolPreview, ToolOutputError>? { nil }
}

/// The tools of a session, by name.
public struct ToolBox: Sendable {
    private let tools: [String: any WorkerTool]

    public init(_ tools: [any WorkerTool]) {
        self.tools = Dictionary(tools.map { ($0.spec.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The names of every tool.
    public var names: Set<String> { Set(tools.keys) }

    /// Every tool, by name.
    public var all: [any WorkerTool] { tools.keys.sorted().compactMap { tools[$0] } }

    /// What each tool does, by name.
    public var effects: [String: ToolEffect] { tools.mapValues(\.effect) }

    /// The tools `persona` may use: those its file grants (Troupe or Claude Code names, `*`,
    /// `server.*` / `mcp__server__*` for every tool of an MCP server), minus its disallowed tools.
    private func allowed(for persona: Persona) -> [String] {
        persona.grantedTools(among: tools.keys.sorted())
    }

    /// Each tool `persona` may use with the `tools` entry that gave it (`read_file` from `Read`).
    public func origins(for persona: Persona) -> [(tool: String, entry: String)] {
        let allowed = Set(self.allowed(for: persona))
        let available = tools.keys.sorted()
        var seen = Set<String>()
        return persona.toolGrants.flatMap { grant in
            grant.reaches(among: available).filter { allowed.contains($0) && seen.insert($0).inserted }.map {
                ($0, grant.written)
            }
        }
    }

    /// The entries of `persona`'s `tools` list that give it nothing in this session, with why.
    public func unavailable(for persona: Persona) -> [(entry: String, reason: String)] {
        let available = tools.keys.sorted()
        return persona.toolGrants.compactMap { grant in
            guard grant.reaches(among: available).isEmpty else { return nil }
            switch grant.target {
            case .unavailable: return (grant.written, "Troupe has no such tool")
            case .server(let server): return (grant.written, "no MCP server '\(server)' with tools in this session")
            case .tool(let name): return (grant.written, "no tool '\(name)' in this session")
            case .everyTool: return nil
            }
        }
    }

    /// The specs of the tools `persona` may use, in the order its file lists them.
    public func specs(for persona: Persona) -> [ToolSpec] {
        allowed(for: persona).compactMap { tools[$0]?.spec }
    }

    /// Runs `call` if `persona` may use that tool and, for a tool that changes something,
    /// `approve` allows what its preview shows; otherwise an error output the model can read.
    public func run(
        _ call: ToolCall, for persona: Persona, approve: (ToolPreview) async -> String? = { _ in nil }
    ) async -> ToolOutput {
        let allowed = allowed(for: persona)
        guard allowed.contains(call.name), let tool = tools[call.name] else {
            return ToolOutput(
                text:
                    "error: tool '\(call.name)' is not available to \(persona.name); available: \(allowed.joined(separator: ", "))",
                summary: "refused \(call.name)", isError: true)
        }
        let arguments: JSONValue
        do {
            arguments = try JSONCoding.decode(JSONValue.self, from: call.arguments.isEmpty ? "{}" : call.arguments)
        } catch {
            return ToolOutput(
                text: "error: arguments of \(call.name) are not a JSON object: \(call.arguments)",
                summary: "bad arguments for \(call.name)", isError: true)
        }
        if let refusal = Self.commandOutsideRules(call.name, arguments, persona: persona) { return refusal }
        switch await tool.preview(arguments: arguments) {
        case .failure(let refusal)?:
            return refusal.output
        case .success(let preview)?:
            if let refusal = await approve(preview) {
                return ToolOutput(text: "error: \(refusal)", summary: "not allowed: \(preview.summary)", isError: true)
            }
        case nil:
            break
        }
        return await tool.run(arguments: arguments)
    }

    /// A refusal when `persona` may run only some commands (`Bash(git log:*)`) and this is not
    /// one of them — decided before anyone is asked to approve it.
    private static func commandOutsideRules(_ name: String, _ arguments: JSONValue, persona: Persona) -> ToolOutput? {
        guard name == "run_command", let rules = persona.commandRules else { return nil }
        let command = arguments["command"]?.stringValue ?? ""
        guard !rules.contains(where: { $0.allows(command) }) else { return nil }
        let allowed = rules.map(\.description).joined(separator: "; ")
        return ToolOutput(
            text: "error: \(persona.name) may run only these commands: \(allowed). `\(command)` is not one of them.",
            summary: "refused a command outside \(persona.name)'s rules", isError: true)
    }
}
