public import Foundation

/// Reads MCP configuration files — `.mcp.json` with its servers under `mcpServers`, or a
/// plugin's file with the servers at the top level — as Claude Code reads them: `type` `stdio`
/// (or a `command`), `http` (or only a `url`) and `sse`; `${VAR}` and `${VAR:-default}`
/// expanded in `command`, `args`, `env`, `url` and `headers`; keys it does not use ignored.
public enum MCPConfigFile {
    /// Where a file sits: the user's own configuration, or the project's (the working
    /// directory's, which a cloned repository controls).
    public enum Scope: Sendable { case user, project }

    /// The entries of `files` in order (a later file's entry replaces an earlier one of the same
    /// name), and the files that could not be read as a whole. A missing file is skipped.
    public static func load(
        _ files: [(url: URL, scope: Scope)], projectRoot: String, environment: [String: String]
    ) -> (entries: [MCPServerEntry], problems: [String]) {
        var entries: [String: MCPServerEntry] = [:]
        var problems: [String] = []
        for (url, scope) in files {
            guard let data = try? Data(contentsOf: url) else { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                problems.append("\(url.path): not a JSON object of MCP servers")
                continue
            }
            let variables = ConfigVariables(
                environment: environment, projectRoot: projectRoot, fileFolder: url.deletingLastPathComponent().path)
            for (name, value) in servers(in: object) {
                let configuration = Result { try entry(value, variables: variables, scope: scope) }
                    .mapError { $0 as? MCPServerEntry.Problem ?? MCPServerEntry.Problem(reason: "\($0)") }
                entries[name] = MCPServerEntry(name: name, file: url.path, configuration: configuration)
            }
        }
        return (entries.keys.sorted().compactMap { entries[$0] }, problems)
    }

    /// The server entries of a file: those under `mcpServers`, else (a plugin's layout) every
    /// top-level key whose value is an object, leaving out `_comment`-style keys.
    static func servers(in object: [String: Any]) -> [(String, Any)] {
        if let servers = object["mcpServers"] as? [String: Any] { return servers.sorted { $0.key < $1.key } }
        return object.filter { !$0.key.hasPrefix("_") && $0.key != "$schema" && $0.value is [String: Any] }
            .sorted { $0.key < $1.key }
    }

    private static func entry(_ value: Any, variables: ConfigVariables, scope: Scope) throws -> MCPServerConfiguration {
        guard var fields = value as? [String: Any] else { throw problem("the entry is not an object") }
        // Gemini CLI's name for a streamable-HTTP server's URL.
        if fields["url"] == nil, let url = fields["httpUrl"] { fields["url"] = url }
        guard fields["type"] != nil || fields["command"] != nil || fields["url"] != nil else {
            throw problem("the entry has neither a \"command\" nor a \"url\"")
        }
        let type = (fields["type"] as? String)?.lowercased() ?? (fields["command"] != nil ? "stdio" : "http")
        switch type {
        case "stdio":
            guard let command = fields["command"] as? String, !command.isEmpty else {
                throw problem("a stdio server needs a \"command\"")
            }
            let declared = try dictionary(fields["env"], "env")
            var configuration = MCPServerConfiguration(
                command: try expand(command, variables),
                args: try strings(fields["args"], "args").map { try expand($0, variables) },
                env: try declared.mapValues { try expand($0, variables) })
            configuration.declaredEnvironment = declared
            return configuration
        case "http", "streamable-http", "streamablehttp", "sse":
            guard let text = fields["url"] as? String else { throw problem("an \(type) server needs a \"url\"") }
            let headers = try dictionary(fields["headers"], "headers")
            // Checked before anything is expanded, so no message ever holds a variable's value.
            if scope == .project,
                let variable = environmentVariable(in: [text] + headers.keys.sorted().compactMap { headers[$0] })
            {
                throw problem(
                    "it would send ${\(variable)} from your environment to a server a project chose; "
                        + "a project's .mcp.json may use only ${CLAUDE_PROJECT_DIR} and ${CLAUDE_PLUGIN_ROOT} in a URL "
                        + "or header: configure this server in your own mcp.json instead")
            }
            let url = try expand(text, variables)
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? "") else {
                throw problem("\"\(text)\" is not an http or https URL")
            }
            let expanded = try headers.mapValues { try expand($0, variables) }
            return MCPServerConfiguration(
                transport: type == "sse" ? .sse(url: parsed, headers: expanded) : .http(url: parsed, headers: expanded))
        default:
            throw problem("type \"\(type)\" is not stdio, http or sse")
        }
    }

    private static func problem(_ reason: String) -> MCPServerEntry.Problem {
        MCPServerEntry.Problem(reason: reason)
    }

    private static func expand(_ text: String, _ variables: ConfigVariables) throws -> String {
        do {
            return try variables.expand(text)
        } catch let unset as ConfigVariables.Unset {
            throw problem("it needs ${\(unset.name)}, which is not set")
        }
    }

    /// The first variable named in `texts` that comes from the user's environment (anything but
    /// the two Claude Code gives a configuration: the project's and the plugin's folder).
    private static func environmentVariable(in texts: [String]) -> String? {
        for text in texts {
            var rest = Substring(text)
            while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
                let inside = rest[start.upperBound..<end]
                let name = String(inside.range(of: ":-").map { inside[..<$0.lowerBound] } ?? inside)
                if name != "CLAUDE_PROJECT_DIR" && name != "CLAUDE_PLUGIN_ROOT" { return name }
                rest = rest[rest.index(after: end)...]
            }
        }
        return nil
    }

    private static func strings(_ value: Any?, _ field: String) throws -> [String] {
        guard let value else { return [] }
        guard let list = value as? [Any], list.allSatisfy({ $0 is String }) else {
            throw problem("\"\(field)\" must be a list of strings")
        }
        return list.compactMap { $0 as? String }
    }

    private static func dictionary(_ value: Any?, _ field: String) throws -> [String: String] {
        guard let value else { return [:] }
        guard let object = value as? [String: Any] else { throw problem("\"\(field)\" must be an object of strings") }
        var result: [String: String] = [:]
        for (key, item) in object {
            if let text = item as? String {
                result[key] = text
            } else if let number = item as? NSNumber {
                result[key] = number.stringValue
            } else {
                throw problem("\"\(field).\(key)\" must be a string")
            }
        }
        return result
    }
}
