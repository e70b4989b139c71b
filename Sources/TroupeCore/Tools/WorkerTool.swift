/// What a tool gives back: the full text for the model and a one-line summary for people.
public struct ToolOutput: Sendable, Equatable {
    public var text: String
    public var summary: String
    public var isError: Bool
    /// Workspace files the call read or wrote (relative paths), kept as the step's artifacts.
    public var files: [String]

    public init(text: String, summary: String, isError: Bool = false, files: [String] = []) {
        self.text = text
        self.summary = summary
        self.isError = isError
        self.files = files
    }
}

/// A capability a worker can call: files, commands, the web, MCP servers.
///
/// Implementations confine themselves to the workspace they were made for and must be safe to
/// call concurrently. Errors a model can act on are returned as `isError` outputs, not thrown.
public protocol WorkerTool: Sendable {
    /// Name, description and argument schema, as offered to models.
    var spec: ToolSpec { get }
    /// Runs the tool with the model's arguments (a JSON object).
    func run(arguments: JSONValue) async -> ToolOutput
}

/// The tools of a session, by name.
public struct ToolBox: Sendable {
    private let tools: [String: any WorkerTool]

    public init(_ tools: [any WorkerTool]) {
        self.tools = Dictionary(tools.map { ($0.spec.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The names of every tool.
    public var names: Set<String> { Set(tools.keys) }

    /// The specs of the tools `persona` may use, in the order its file lists them.
    public func specs(for persona: Persona) -> [ToolSpec] {
        persona.tools.compactMap { tools[$0]?.spec }
    }

    /// Runs `call` if `persona` may use that tool; otherwise an error output the model can read.
    public func run(_ call: ToolCall, for persona: Persona) async -> ToolOutput {
        guard persona.tools.contains(call.name), let tool = tools[call.name] else {
            let allowed = persona.tools.filter { tools[$0] != nil }.joined(separator: ", ")
            return ToolOutput(
                text: "error: tool '\(call.name)' is not available to \(persona.name); available: \(allowed)",
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
        return await tool.run(arguments: arguments)
    }
}
