/// Files whose change can make something run later, or widen what runs — git's configuration and
/// hooks, Troupe's and Claude Code's settings, MCP servers, personas, direnv — so a write to them
/// is always asked about, even under accept-edits (Claude Code protects its settings the same way).
enum ProtectedPaths {
    /// Folders every file under which is protected (workspace-relative, no trailing slash).
    static let folders = [".git", ".troupe", ".claude", "personas", ".vscode", ".idea", ".devcontainer"]
    /// Single files that are protected wherever they sit in the workspace.
    static let fileNames: Set<String> = [".mcp.json", ".envrc", ".gitmodules", ".gitattributes"]

    /// Why writing `relative` (a workspace-relative path) needs the user's yes; nil when it need not.
    static func reason(for relative: String) -> String? {
        let components = relative.split(separator: "/").map(String.init)
        if let folder = folders.first(where: { components.first == $0 }) {
            return "\(folder)/ can make commands run or change what Troupe or other tools allow"
        }
        if let name = components.last, fileNames.contains(name) {
            return "\(name) can make commands run or change what Troupe or other tools allow"
        }
        return nil
    }
}
