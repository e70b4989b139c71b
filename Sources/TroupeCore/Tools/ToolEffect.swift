/// What calling a tool can do beyond reading the workspace, declared by the tool itself: the
/// approval of handoffs (the risks it lists), the approval of tool calls and the review of plans
/// read it from there, so a tool is judged by what it says it does, not by a list of names kept
/// somewhere else.
public enum ToolEffect: String, Sendable, Equatable, CaseIterable {
    /// Reads files or the workspace's state and changes nothing.
    case readsOnly = "reads only"
    /// Creates, changes or removes files in the workspace.
    case writesFiles = "writes files"
    /// Runs programs.
    case runsCommands = "runs commands"
    /// Fetches from the network and changes nothing.
    case readsTheNetwork = "reads the network"
    /// Acts through another program (an MCP server's tool): it may do anything.
    case external = "acts through another program"

    /// Whether a persona holding a tool with this effect is risky to run unseen: it can change
    /// the workspace or the world.
    public var changesThings: Bool {
        switch self {
        case .writesFiles, .runsCommands, .external: return true
        case .readsOnly, .readsTheNetwork: return false
        }
    }
}
