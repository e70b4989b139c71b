public import Foundation

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

    /// The event's stable type name, e.g. `orchestration.handoff_initiated`.
    public var type: String {
        switch self {
        case .userInput: return "user.input"
        case .userIntervention: return "user.intervention"
        case .agentRegistered: return "agent.registered"
        case .agentStatusChanged: return "agent.status_changed"
        case .planStarted: return "orchestration.plan_started"
        case .replanned: return "orchestration.replanned"
        case .subPlanned: return "orchestration.sub_planned"
        case .escalated: return "orchestration.escalated"
        case .taskAssigned: return "orchestration.task_assigned"
        case .handoffInitiated: return "orchestration.handoff_initiated"
        case .handoffAccepted: return "orchestration.handoff_accepted"
        case .handoffRejected: return "orchestration.handoff_rejected"
        case .handoffRolledBack: return "orchestration.handoff_rolled_back"
        case .handoffCompleted: return "orchestration.handoff_completed"
        case .approvalRequested: return "approval.requested"
        case .approvalDecided: return "approval.decided"
        case .taskCompleted: return "orchestration.task_completed"
        case .planCompleted: return "orchestration.plan_completed"
        case .taskLedgerUpdated: return "ledger.task_updated"
        case .progressLedgerUpdated: return "ledger.progress_updated"
        case .modelRequested: return "model.request"
        case .modelResponded: return "model.response"
        case .modelRetried: return "model.retry"
        case .modelBackoff: return "model.backoff"
        case .modelFailed: return "model.failed"
        case .toolCalled: return "tool.call"
        case .toolReturned: return "tool.result"
        case .turnCancelled: return "turn.cancelled"
        case .answerDelta: return "answer.delta"
        }
    }

    var payload: any Encodable {
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

    /// Every event type a transcript may hold.
    static let knownTypes = Set(decoders.keys)

    fileprivate static let decoders: [String: @Sendable (any Decoder) throws -> EventKind] = [
        "user.input": { .userInput(try UserInput(from: $0)) },
        "user.intervention": { .userIntervention(try UserIntervention(from: $0)) },
        "agent.registered": { .agentRegistered(try AgentRegistered(from: $0)) },
        "agent.status_changed": { .agentStatusChanged(try AgentStatusChanged(from: $0)) },
        "orchestration.plan_started": { .planStarted(try PlanStarted(from: $0)) },
        "orchestration.replanned": { .replanned(try Replanned(from: $0)) },
        "orchestration.sub_planned": { .subPlanned(try SubPlanned(from: $0)) },
        "orchestration.escalated": { .escalated(try Escalated(from: $0)) },
        "orchestration.task_assigned": { .taskAssigned(try TaskAssigned(from: $0)) },
        "orchestration.handoff_initiated": { .handoffInitiated(try HandoffInitiated(from: $0)) },
        "orchestration.handoff_accepted": { .handoffAccepted(try HandoffAccepted(from: $0)) },
        "orchestration.handoff_rejected": { .handoffRejected(try HandoffRejected(from: $0)) },
        "orchestration.handoff_rolled_back": { .handoffRolledBack(try HandoffRolledBack(from: $0)) },
        "orchestration.handoff_completed": { .handoffCompleted(try HandoffCompleted(from: $0)) },
        "approval.requested": { .approvalRequested(try ApprovalRequest(from: $0)) },
        "approval.decided": { .approvalDecided(try ApprovalDecided(from: $0)) },
        "orchestration.task_completed": { .taskCompleted(try TaskCompleted(from: $0)) },
        "orchestration.plan_completed": { .planCompleted(try PlanCompleted(from: $0)) },
        "ledger.task_updated": { .taskLedgerUpdated(try TaskLedgerUpdated(from: $0)) },
        "ledger.progress_updated": { .progressLedgerUpdated(try ProgressLedgerUpdated(from: $0)) },
        "model.request": { .modelRequested(try ModelRequested(from: $0)) },
        "model.response": { .modelResponded(try ModelResponded(from: $0)) },
        "model.retry": { .modelRetried(try ModelRetried(from: $0)) },
        "model.backoff": { .modelBackoff(try ModelBackoff(from: $0)) },
        "model.failed": { .modelFailed(try ModelFailed(from: $0)) },
        "tool.call": { .toolCalled(try ToolCalled(from: $0)) },
        "tool.result": { .toolReturned(try ToolReturned(from: $0)) },
        "turn.cancelled": { .turnCancelled(try TurnCancelled(from: $0)) },
        "answer.delta": { .answerDelta(try AnswerDelta(from: $0)) },
    ]
}

/// One event on the bus: a sequence number, a time, and what happened.
/// Encodes flat, as one transcript line: `{"seq":…,"ts":…,"type":…, …payload fields}`.
public struct TroupeEvent: Sendable, Equatable, Codable {
    public var seq: Int
    public var timestamp: Date
    public var kind: EventKind

    public init(seq: Int, timestamp: Date, kind: EventKind) {
        self.seq = seq
        self.timestamp = timestamp
        self.kind = kind
    }

    private enum Envelope: String, CodingKey { case seq, ts, type }

    public func encode(to encoder: any Encoder) throws {
        var envelope = encoder.container(keyedBy: Envelope.self)
        try envelope.encode(seq, forKey: .seq)
        try envelope.encode(Timestamps.string(timestamp), forKey: .ts)
        try envelope.encode(kind.type, forKey: .type)
        try kind.payload.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        let envelope = try decoder.container(keyedBy: Envelope.self)
        seq = try envelope.decode(Int.self, forKey: .seq)
        let ts = try envelope.decode(String.self, forKey: .ts)
        guard let date = Timestamps.date(ts) else {
            throw DecodingError.dataCorruptedError(forKey: .ts, in: envelope, debugDescription: "bad timestamp \(ts)")
        }
        timestamp = date
        let type = try envelope.decode(String.self, forKey: .type)
        guard let decode = EventKind.decoders[type] else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: envelope, debugDescription: "unknown event type \(type)")
        }
        kind = try decode(decoder)
    }
}

/// ISO 8601 timestamps with milliseconds, in UTC.
public enum Timestamps {
    /// `2026-11-25T16:05:12.345Z`.
    public static func string(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Parses what `string(_:)` writes.
    public static func date(_ text: String) -> Date? {
        try? Date(
            text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
