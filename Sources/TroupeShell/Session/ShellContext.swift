public import TroupeCore

/// Everything the shell needs from the session, assembled by the executable.
public struct ShellContext: Sendable {
    public var version: String
    public var orchestrator: Orchestrator
    public var registry: AgentRegistry
    public var bus: EventBus
    public var catalog: PersonaCatalog
    /// Which model answers for which persona; `/model` changes it.
    public var models: ModelRouter
    /// Builds a model from a name (`openai/gpt-4.1`, `offline`, …) for `/model`.
    public var makeModel: @Sendable (String) throws -> any ChatModel
    /// Problems found while setting up (persona models that could not be used).
    public var warnings: [String]
    /// Model prices for the usage line; empty shows tokens only.
    public var prices: PriceTable
    /// Where the transcript is being written, if it is.
    public var transcriptPath: String?
    public var style: TextStyle
    public var sink: OutputSink
    /// The recorded session this one continues (`--resume`), if any.
    public var resumed: ResumedSession?
    /// The lines of `/mcp`: configured MCP servers, their status and tools.
    public var mcpStatus: @Sendable () async -> [String]
    /// Runs when the shell ends: stops what the session started (MCP servers).
    public var shutdown: @Sendable () async -> Void
    /// When a proposed plan is shown for acceptance before it runs (interactive shells only).
    public var planReview: PlanReviewPolicy
    /// Model names and aliases offered by Tab after `/model`.
    public var modelNames: [String]
    /// Where `run_command` may write and reach, for `/status`.
    public var commandLimits: String
    /// What the shell may do to its process (restart it resumed, end it).
    public var process: ProcessActs

    public init(
        version: String, orchestrator: Orchestrator, registry: AgentRegistry, bus: EventBus, catalog: PersonaCatalog,
        models: ModelRouter, makeModel: @escaping @Sendable (String) throws -> any ChatModel, warnings: [String],
        prices: PriceTable = PriceTable(),
        transcriptPath: String?, style: TextStyle, sink: OutputSink, resumed: ResumedSession? = nil,
        mcpStatus: @escaping @Sendable () async -> [String] = { ["No MCP servers configured."] },
        shutdown: @escaping @Sendable () async -> Void = {}, planReview: PlanReviewPolicy = PlanReviewPolicy(),
        modelNames: [String] = [], commandLimits: String = "unrestricted", process: ProcessActs = .inProcess
    ) {
        self.version = version
        self.orchestrator = orchestrator
        self.registry = registry
        self.bus = bus
        self.catalog = catalog
        self.models = models
        self.makeModel = makeModel
        self.warnings = warnings
        self.prices = prices
        self.transcriptPath = transcriptPath
        self.style = style
        self.sink = sink
        self.resumed = resumed
        self.mcpStatus = mcpStatus
        self.shutdown = shutdown
        self.planReview = planReview
        self.modelNames = modelNames
        self.commandLimits = commandLimits
        self.process = process
    }
}
