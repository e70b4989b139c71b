/// What a tool that changes something will do, shown to the user before it is allowed.
public struct ToolPreview: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Changes files in the workspace.
        case edit
        /// Runs a command.
        case command
    }

    public var kind: Kind
    /// One line: `write Sources/A.swift (+3 −1 lines)`, `run: swift test`.
    public var summary: String
    /// The exact diff or command.
    public var detail: String
    /// Set when the change touches a file that can make something run later (`.git/config`,
    /// `.mcp.json`, personas…): then it is asked about even where edits are accepted unasked.
    public var protectedBecause: String?

    public init(kind: Kind, summary: String, detail: String, protectedBecause: String? = nil) {
        self.kind = kind
        self.summary = summary
        self.detail = detail
        self.protectedBecause = protectedBecause
    }
}
