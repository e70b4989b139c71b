import Foundation

/// Where Troupe keeps its files: `$TROUPE_HOME` if set, else the XDG base directories.
struct Paths {
    let environment: [String: String]

    private var home: URL { URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()) }

    private func base(_ variable: String, default relative: String, subfolder: String) -> URL {
        if let troupeHome = environment["TROUPE_HOME"], !troupeHome.isEmpty {
            return URL(fileURLWithPath: troupeHome).appendingPathComponent(subfolder)
        }
        let root =
            environment[variable].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? home.appendingPathComponent(relative)
        return root.appendingPathComponent("troupe").appendingPathComponent(subfolder)
    }

    /// Claude Code's user agents: `~/.claude/agents`.
    var claudeUserAgents: URL { home.appendingPathComponent(".claude/agents") }
    /// User personas: `$XDG_CONFIG_HOME/troupe/personas`.
    var userPersonas: URL { base("XDG_CONFIG_HOME", default: ".config", subfolder: "personas") }
    /// User configuration: `$XDG_CONFIG_HOME/troupe/config`.
    var userConfig: URL { base("XDG_CONFIG_HOME", default: ".config", subfolder: "config") }
    /// The user's MCP servers, in the `mcpServers` JSON shape.
    var userMCP: URL { base("XDG_CONFIG_HOME", default: ".config", subfolder: "mcp.json") }
    /// The folders the user trusted: `$XDG_CONFIG_HOME/troupe/trusted-projects.json`.
    var trustedProjects: URL { base("XDG_CONFIG_HOME", default: ".config", subfolder: "trusted-projects.json") }
    /// Transcripts: `$XDG_DATA_HOME/troupe/transcripts`.
    var transcripts: URL { base("XDG_DATA_HOME", default: ".local/share", subfolder: "transcripts") }
    /// Line history: `$XDG_STATE_HOME/troupe/history`.
    var history: URL { base("XDG_STATE_HOME", default: ".local/state", subfolder: "history") }
}
