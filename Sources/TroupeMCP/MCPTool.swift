import Foundation
import MCP
public import TroupeCore

/// A tool of an MCP server, offered to personas as `server.tool` (a persona may list
/// `server.*` for all of them). Its effects are unknown, so each call is approved like a command.
public struct MCPTool: WorkerTool {
    public let effect = ToolEffect.external
    public let spec: ToolSpec
    let server: MCPServerConnection
    let remoteName: String

    init(server: MCPServerConnection, serverName: String, tool: Tool) {
        self.server = server
        self.remoteName = tool.name
        let schema =
            (try? JSONCoding.decode(JSONValue.self, from: String(decoding: JSONEncoder().encode(tool.inputSchema), as: UTF8.self)))
            ?? .object(["type": .string("object")])
        spec = ToolSpec(name: "\(serverName).\(tool.name)", description: tool.description ?? tool.name, parameters: schema)
    }

    public func preview(arguments: JSONValue) async -> Result<ToolPreview, ToolOutputError>? {
        let text = (try? JSONCoding.string(arguments)) ?? "{}"
        return .success(ToolPreview(kind: .command, summary: "call \(spec.name)", detail: "\(spec.name) \(text)"))
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        await server.call(remoteName, arguments: arguments)
    }
}

/// The MCP servers of a session: started together, their tools adapted, their status listed.
public final class MCPServers: Sendable {
    public let connections: [MCPServerConnection]
    public let tools: [any WorkerTool]

    private init(connections: [MCPServerConnection], tools: [any WorkerTool]) {
        self.connections = connections
        self.tools = tools
    }

    /// Starts every configured server (in parallel); the ones that fail are kept, unavailable.
    public static func start(_ servers: [String: MCPServerConfiguration], timeout: Duration = .seconds(15)) async -> MCPServers {
        await start(servers.keys.sorted().map { MCPServerConnection(name: $0, configuration: servers[$0]!) }, timeout: timeout)
    }

    /// Starts the server of every usable entry (in parallel); an entry that cannot be used, or a
    /// server that fails, is kept as unavailable with its reason.
    public static func start(_ entries: [MCPServerEntry], timeout: Duration = .seconds(15)) async -> MCPServers {
        let connections = entries.map { entry in
            switch entry.configuration {
            case .success(let configuration): return MCPServerConnection(name: entry.name, configuration: configuration)
            case .failure(let problem): return MCPServerConnection(name: entry.name, unusable: problem.reason)
            }
        }
        return await start(connections, timeout: timeout)
    }

    private static func start(_ connections: [MCPServerConnection], timeout: Duration) async -> MCPServers {
        // A server that dies leaves a pipe with no reader: writing to it must fail the call
        // (EPIPE), not kill the shell with SIGPIPE.
        if !connections.isEmpty { signal(SIGPIPE, SIG_IGN) }
        let tools = await withTaskGroup(of: [any WorkerTool].self) { group in
            for connection in connections {
                group.addTask {
                    let listed = await connection.start(timeout: timeout)
                    return listed.map { MCPTool(server: connection, serverName: connection.name, tool: $0) }
                }
            }
            var all: [any WorkerTool] = []
            for await tools in group { all += tools }
            return all.sorted { $0.spec.name < $1.spec.name }
        }
        return MCPServers(connections: connections, tools: tools)
    }

    /// The lines of `/mcp`: each server, its status, and its tools or why it is unavailable.
    public func statusLines() async -> [String] {
        guard !connections.isEmpty else {
            return ["No MCP servers configured (.mcp.json, or mcp.json in the troupe config folder)."]
        }
        var lines: [String] = []
        for connection in connections {
            switch await connection.status {
            case .starting: lines.append("\(connection.name)  starting")
            case .ready(let tools):
                lines.append(
                    "\(connection.name)  ready · \(tools.count) tool(s): "
                        + tools.map { "\(connection.name).\($0)" }.joined(separator: ", "))
            case .unavailable(let reason): lines.append("\(connection.name)  unavailable: \(reason)")
            }
        }
        return lines
    }

    /// Stops every server.
    public func stop() async {
        for connection in connections { await connection.stop() }
    }
}
