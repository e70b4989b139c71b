import Foundation

/// MCP servers as configured in the standard `mcpServers` JSON shape (`.mcp.json`):
/// `{"mcpServers": {"NAME": {"command": "...", "args": [...], "env": {...}}}}`.
public struct MCPServerConfiguration: Sendable, Equatable, Decodable {
    public var command: String
    public var args: [String]
    public var env: [String: String]

    public init(command: String, args: [String] = [], env: [String: String] = [:]) {
        self.command = command
        self.args = args
        self.env = env
    }

    enum CodingKeys: String, CodingKey { case command, args, env }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        command = try container.decode(String.self, forKey: .command)
        args = try container.decodeIfPresent([String].self, forKey: .args) ?? []
        env = try container.decodeIfPresent([String: String].self, forKey: .env) ?? [:]
    }

    private struct File: Decodable {
        var mcpServers: [String: MCPServerConfiguration]?
    }

    /// The servers of `files` (later files override earlier ones by name); a missing file is
    /// skipped, a malformed one is reported by path and the others still count.
    public static func load(_ files: [URL]) -> (servers: [String: MCPServerConfiguration], problems: [String]) {
        var servers: [String: MCPServerConfiguration] = [:]
        var problems: [String] = []
        for url in files {
            guard let data = try? Data(contentsOf: url) else { continue }
            do {
                let file = try JSONDecoder().decode(File.self, from: data)
                servers.merge(file.mcpServers ?? [:]) { _, new in new }
            } catch {
                problems.append("\(url.path): not an mcpServers file: \(error)")
            }
        }
        return (servers, problems)
    }
}
