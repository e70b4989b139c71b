/// Files whose change can make something run later, or widen what runs — version control
/// configuration and hooks (of any repository in the workspace, nested ones too), Troupe's and
/// Claude Code's settings, MCP servers, personas, hook runners' and environment managers' files —
/// so a write to them is always asked about, even under accept-edits (Claude Code protects its
/// settings the same way). Names are compared without case: on a case-insensitive disk
/// `.GIT/config` is `.git/config`.
enum ProtectedPaths {
    /// Folders every file under which is protected, wherever they sit in the workspace.
    static let folders: Set<String> = [
        ".git", ".hg", ".svn", ".troupe", ".claude", ".husky", ".vscode", ".idea", ".devcontainer", ".cargo",
    ]
    /// Folders protected at the top of the workspace only (a project's own, not any folder so named).
    static let topFolders: Set<String> = ["personas"]
    /// Files that are protected wherever they sit in the workspace.
    static let fileNames: Set<String> = [
        ".mcp.json", ".envrc", ".gitmodules", ".gitattributes", ".pre-commit-config.yaml", "lefthook.yml", "lefthook.yaml",
        ".mise.toml", "mise.toml", ".tool-versions",
        // Package managers' and toolchains' settings that name a program to run: npm's
        // script-shell and node-options, Yarn's yarnPath, a rustup toolchain at a path.
        ".npmrc", ".yarnrc", ".yarnrc.yml", ".pnpmfile.cjs", "rust-toolchain", "rust-toolchain.toml",
    ]

    /// Why writing `relative` (a workspace-relative path) needs the user's yes; nil when it need not.
    static func reason(for relative: String) -> String? {
        let components = relative.split(separator: "/").map { $0.lowercased() }
        let because = "can make commands run or change what Troupe or other tools allow"
        if let folder = components.dropLast().first(where: folders.contains) { return "\(folder)/ \(because)" }
        if let first = components.first, components.count > 1, topFolders.contains(first) { return "\(first)/ \(because)" }
        if let name = components.last, fileNames.contains(name) || folders.contains(name) { return "\(name) \(because)" }
        return nil
    }
}
