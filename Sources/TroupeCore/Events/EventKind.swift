import Foundation

/// Everything that happens in a session, as typed values fanned out to the renderer, the
/// transcript and JSON output. `type` strings are stable: transcripts depend on them.
public enum EventKind: Sendable, Equatable {
    case userInput(UserInput)
    case userIntervention(UserIntervention)
    case agentRegistered(AgentRegistered)
    case agentStatusChanged(AgentStatusChanged)
    case planStarted(PlanStarted)
    case replanned(Replanned)
    case subPlanned(SubPlanned)
    case escalated(Escalated)
    case taskAssigned(TaskAssigned)
    case handoffInitiated(HandoffInitiated)
    case handoffAccepted(HandoffAccepted)
    case handoffRejected(HandoffRejected)
    case handoffRolledBack(HandoffRolledBack)
    case handoffCompleted(HandoffCompleted)
    case approvalRequested(ApprovalRequest)
    case approvalDecided(ApprovalDecided)
    case taskCompleted(TaskCompleted)
    case planCompleted(PlanCompleted)
    case taskLedgerUpdated(TaskLedgerUpdated)
    case progressLedgerUpdated(ProgressLedgerUpdated)
    case modelRequested(ModelRequested)
    case modelResponded(ModelResponded)
    case modelRetried(ModelRetried)
    case modelBackoff(ModelBackoff)
    case modelFailed(ModelFailed)
    case toolCalled(ToolCalled)
    case toolReturned(ToolReturned)
    case turnCancelled(TurnCancelled)
    case answerDelta(AnswerDelta)

    /// The event's stable type name, e.g. `orchestration.handoff_initiated`, as its payload
    /// declares it.
    public var type: String {
        Swift.type(of: payload).eventType
    }

    /// What the event carries.
    public var payload: any EventPayload {
        switch self {
        case .userInput(let value): return value
        case .userIntervention(let value): return value
        case .agentRegistered(let value): return value
        case .agentStatusChanged(let value): return value
        case .planStarted(let value): return value
        case .replanned(let value): return value
        case .subPlanned(let value): return value
        case .escalated(let value): return value
        case .taskAssigned(let value): return value
        case .handoffInitiated(let value): return value
        case .handoffAccepted(let value): return value
        case .handoffRejected(let value): return value
        case .handoffRolledBack(let value): return value
        case .handoffCompleted(let value): return value
        case .approvalRequested(let value): return value
        case .approvalDecided(let value): return value
        case .taskCompleted(let value): return value
        case .planCompleted(let value): return value
        case .taskLedgerUpdated(let value): return value
        case .progressLedgerUpdated(let value): return value
        case .modelRequested(let value): return value
        case .modelResponded(let value): return value
        case .modelRetried(let value): return value
        case .modelBackoff(let value): return value
        case .modelFailed(let value): return value
        case .toolCalled(let value): return value
        case .toolReturned(let value): return value
        case .turnCancelled(let value): return value
        case .answerDelta(let value): return value
        }
    }

    /// Every payload type, one per case: what a transcript line is decoded by, found by its
    /// `eventType`.
    static let payloadTypes: [any EventPayload.Type] = [
        UserInput.self, UserIntervention.self, AgentRegistered.self, AgentStatusChanged.self, PlanStarted.self,
        Replanned.self, SubPlanned.self, Escalated.self, TaskAssigned.self, HandoffInitiated.self,
        HandoffAccepted.self, HandoffRejected.self, HandoffRolledBack.self, HandoffCompleted.self, ApprovalRequest.self,
        ApprovalDecided.self, TaskCompleted.self, PlanCompleted.self, TaskLedgerUpdated.self, ProgressLedgerUpdated.self,
        ModelRequested.self, ModelResponded.self, ModelRetried.self, ModelBackoff.self, ModelFailed.self,
        ToolCalled.self, ToolReturned.self, TurnCancelled.self, AnswerDelta.self,
    ]

    /// Every event type a transcript may hold.
    static let knownTypes = Set(payloadTypes.map { $0.eventType })

    static let payloadTypeNamed = Dictionary(uniqueKeysWithValues: payloadTypes.map { ($0.eventType, $0) })
}
