/// What a persona's tools may do without asking (Claude Code's permission modes).
public enum PermissionMode: String, Sendable, Codable, CaseIterable {
    /// Ask before every file change and every command (the default).
    case ask
    /// Make file changes without asking; ask before commands.
    case acceptEdits = "accept-edits"
    /// No file changes and no commands at all.
    case readOnly = "read-only"
    /// Never ask.
    case auto
}
