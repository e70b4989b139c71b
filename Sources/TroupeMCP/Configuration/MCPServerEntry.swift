import Foundation

/// One server entry of an MCP configuration file: how to reach the server, or why it cannot be
/// used. Each entry stands alone: one that cannot be understood never hides the others.
public struct MCPServerEntry: Sendable, Equatable {
    public var name: String
    /// The file it came from.
    public var file: String
    /// How to reach it, or why it cannot be used (shown at start-up and by `/mcp`).
    public var configuration: Result<MCPServerConfiguration, Problem>

    /// Why an entry cannot be used.
    public struct Problem: Error, Equatable, Sendable {
        public var reason: String

        public init(reason: String) {
            self.reason = reason
        }
    }

    public init(name: String, file: String, configuration: Result<MCPServerConfiguration, Problem>) {
        self.name = name
        self.file = file
        self.configuration = configuration
    }
}
