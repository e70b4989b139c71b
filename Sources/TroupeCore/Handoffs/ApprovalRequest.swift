/// What the user is asked before a handoff goes ahead; published as `approval.requested`.
public struct ApprovalRequest: EventPayload {
    public static let eventType = "approval.requested"
    public var eventKind: EventKind { .approvalRequested(self) }

    public var handoff: String
    /// The agent that asks for the handoff (the orchestrator, or a worker handing off).
    public var requestedBy: String
    /// The persona that would do the work.
    public var persona: String
    public var step: Int?
    public var instruction: String
    /// Why it is asked: what the persona could do (write files, run commands) or has spent.
    public var risks: [String]
    /// For a tool call rather than a handoff: the tool, and the exact diff or command.
    public var tool: String?
    public var preview: String?

    public init(
        handoff: String, requestedBy: String, persona: String, step: Int?, instruction: String, risks: [String],
        tool: String? = nil, preview: String? = nil
    ) {
        self.handoff = handoff
        self.requestedBy = requestedBy
        self.persona = persona
        self.step = step
        self.instruction = instruction
        self.risks = risks
        self.tool = tool
        self.preview = preview
    }
}
