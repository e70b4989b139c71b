public import Foundation

/// How to reach one MCP server: a command spoken to over stdio, or a URL over streamable HTTP
/// (`type: http`) or the older HTTP+SSE transport (`type: sse`).
public struct MCPServerConfiguration: Sendable, Equatable {
    /// The transport and what it needs.
    public enum Transport: Sendable, Equatable {
        case stdio(command: String, args: [String], env: [String: String])
        case http(url: URL, headers: [String: String])
        case sse(url: URL, headers: [String: String])
    }

    public var transport: Transport
    /// A stdio server's `env` as its file writes it, `${VAR}` references unexpanded: what the
    /// trust question shows (a project's server may set `PATH` or pass on one of your keys).
    public var declaredEnvironment: [String: String] = [:]

    public init(transport: Transport) {
        self.transport = transport
    }

    /// A server started as `command args…` with `env` added to its environment.
    public init(command: String, args: [String] = [], env: [String: String] = [:]) {
        self.init(transport: .stdio(command: command, args: args, env: env))
    }

    /// What the entry runs or reaches, for `/mcp` and the trust question: the command line or
    /// the URL with its transport.
    public var summary: String {
        switch transport {
        case .stdio(let command, let args, _): return ([command] + args).joined(separator: " ")
        case .http(let url, _): return "\(url.absoluteString) (streamable HTTP)"
        case .sse(let url, _): return "\(url.absoluteString) (HTTP+SSE)"
        }
    }
}
