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

    fileprivate static let payloadTypeNamed = Dictionary(uniqueKeysWithValues: payloadTypes.map { ($0.eventType, $0) })
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
        guard let payloadType = EventKind.payloadTypeNamed[type] else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: envelope, debugDescription: "unknown event type \(type)")
        }
        kind = try payloadType.init(from: decoder).eventKind
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
