import Foundation

/// `${VAR}` and `${VAR:-default}` in an MCP server entry, expanded as Claude Code expands them:
/// from the environment, with `CLAUDE_PROJECT_DIR` the project's root.
struct ConfigVariables: Sendable {
    /// A variable the entry needs that is unset and has no default.
    struct Unset: Error, Equatable {
        let name: String
    }

    let values: [String: String]

    /// Variables from `environment`, with `CLAUDE_PROJECT_DIR` set to `projectRoot` and
    /// `CLAUDE_PLUGIN_ROOT` (when the environment has none) to the folder of the file.
    init(environment: [String: String], projectRoot: String, fileFolder: String) {
        var values = environment
        values["CLAUDE_PROJECT_DIR"] = projectRoot
        if values["CLAUDE_PLUGIN_ROOT"] == nil { values["CLAUDE_PLUGIN_ROOT"] = fileFolder }
        self.values = values
    }

    /// `text` with every `${…}` replaced; throws `Unset` naming the first variable it cannot fill.
    func expand(_ text: String) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let inside = rest[start.upperBound..<end]
            let (name, fallback): (Substring, Substring?)
            if let separator = inside.range(of: ":-") {
                (name, fallback) = (inside[..<separator.lowerBound], inside[separator.upperBound...])
            } else {
                (name, fallback) = (inside, nil)
            }
            if let value = values[String(name)], !value.isEmpty {
                result += value
            } else if let fallback {
                result += fallback
            } else {
                throw Unset(name: String(name))
            }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
