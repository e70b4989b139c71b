import TroupeCore

/// Everything the shell needs from the session, assembled by the executable.
public struct ShellContext: Sendable {
    public var version: String
    public var orchestrator: Orchestrator
    public var registry: AgentRegistry
    public var bus: EventBus
    public var catalog: PersonaCatalog
    public var modelIdentifier: String
    /// Where the transcript is being written, if it is.
    public var transcriptPath: String?
    public var style: TextStyle
    public var sink: OutputSink

    public init(
        version: String, orchestrator: Orchestrator, registry: AgentRegistry, bus: EventBus, catalog: PersonaCatalog,
        modelIdentifier: String, transcriptPath: String?, style: TextStyle, sink: OutputSink
    ) {
        self.version = version
        self.orchestrator = orchestrator
        self.registry = registry
        self.bus = bus
        self.catalog = catalog
        self.modelIdentifier = modelIdentifier
        self.transcriptPath = transcriptPath
        self.style = style
        self.sink = sink
    }
}
