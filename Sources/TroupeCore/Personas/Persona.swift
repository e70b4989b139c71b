/// A persona: a Markdown file whose YAML front matter says what the agent can do and whose
/// body is its system prompt (DESIGN §4). Files in the Claude Code agent format load unchanged.
///
/// ```swift
/// let persona = try PersonaParser.parse(
///     """
///     ---
///     name: reviewer
///     description: Reviews a diff for bugs before it is merged
///     tools: read_file, search_files
///     ---
///     You review code. Name each bug with its file and line.
///     """, path: "reviewer.md", source: .user(path: "reviewer.md"))
/// // persona.name == "reviewer", persona.tools == ["read_file", "search_files"]
/// ```
public struct Persona: Sendable, Equatable, Codable {
    public var name: String
    public var description: String
    public var role: PersonaRole
    public var capabilities: [String]
    public var specializations: [String]
    public var tools: [String]
    /// Tools it may not use even if listed (Claude Code's `disallowedTools`).
    public var disallowedTools: [String]
    /// What its tools may do without asking.
    public var permissionMode: PermissionMode
    /// `inherit` (the session's model) or `provider/model`.
    public var model: String
    public var maxParallelTasks: Int
    public var canDelegate: Bool
    public var canBeDelegatedTo: Bool
    public var escalatesTo: String?
    public var approval: ApprovalPolicy
    /// How much context its briefs carry.
    public var context: ContextPolicy
    public var color: String?
    /// This persona's limits per request (`max_tokens`, `max_turns` in front matter).
    public var budget: Budget
    public var systemPrompt: String
    public var source: PersonaSource
    /// SHA-256 of the file's bytes, recorded in transcript headers.
    public var contentHash: String
    /// What loading the file noticed without refusing it (front matter read leniently, a
    /// missing description, an unknown permission mode…), for `personas validate` and `/agent`.
    public var warnings: [String] = []
    /// Fields Troupe does not use (`hooks`, `memory`, `skills`…), kept as written for `/agent`.
    public var otherFields: [String: String] = [:]

    public init(
        name: String, description: String, role: PersonaRole = .worker,
        capabilities: [String] = [], specializations: [String] = [], tools: [String] = [],
        disallowedTools: [String] = [], permissionMode: PermissionMode = .ask, model: String = "inherit",
        maxParallelTasks: Int = 1, canDelegate: Bool = false,
        canBeDelegatedTo: Bool = true, escalatesTo: String? = "orchestrator",
        approval: ApprovalPolicy = .risk, context: ContextPolicy = .dependencies, color: String? = nil,
        budget: Budget = .unlimited, systemPrompt: String = "",
        source: PersonaSource = .builtin, contentHash: String = "", warnings: [String] = [],
        otherFields: [String: String] = [:]
    ) {
        self.name = name
        self.description = description
        self.role = role
        self.capabilities = capabilities
        self.specializations = specializations
        self.tools = tools
        self.disallowedTools = disallowedTools
        self.permissionMode = permissionMode
        self.model = model
        self.maxParallelTasks = maxParallelTasks
        self.canDelegate = canDelegate
        self.canBeDelegatedTo = canBeDelegatedTo
        self.escalatesTo = escalatesTo
        self.approval = approval
        self.context = context
        self.color = color
        self.budget = budget
        self.systemPrompt = systemPrompt
        self.source = source
        self.contentHash = contentHash
        self.warnings = warnings
        self.otherFields = otherFields
    }

    /// Whether the orchestrator may hand steps to this persona.
    public var isWorker: Bool { role != .orchestrator && canBeDelegatedTo }

    /// What each entry of `tools` gives it (Troupe or Claude Code names).
    public var toolGrants: [ToolGrant] { tools.map(ToolGrant.init) }

    /// The tools among `available` it may use, in the order its file grants them, minus those
    /// its `disallowed_tools` / `disallowedTools` reach.
    public func grantedTools(among available: [String]) -> [String] {
        let disallowed = Set(disallowedTools.map(ToolGrant.init).flatMap { $0.reaches(among: available) })
        var seen = Set<String>()
        return toolGrants.flatMap { $0.reaches(among: available) }.filter { !disallowed.contains($0) && seen.insert($0).inserted }
    }

    /// The commands `run_command` is limited to (`Bash(git log:*)`), or nil when any command
    /// may run (plain `Bash`, `run_command`, `*`).
    public var commandRules: [CommandRule]? {
        var rules: [CommandRule] = []
        for grant in toolGrants {
            switch grant.target {
            case .everyTool: return nil
            case .tool("run_command") where grant.commandRules.isEmpty: return nil
            case .tool("run_command"): rules += grant.commandRules
            default: continue
            }
        }
        return rules
    }
}
