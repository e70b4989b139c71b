import Foundation

/// The few fields of a transcript line that say what the event is and whom it concerns, read
/// without decoding the rest: a model request's whole conversation, a tool's whole output. Reading
/// a long transcript decodes these for every line and the full event only where it is needed.
struct EventEnvelope: Decodable, Equatable {
    var type: String
    var step: Int?
    var agent: String?
    var persona: String?
    var from: String?
    var to: String?
    var hash: String?
    var purpose: RequestPurpose?
    var status: StepState?
    var callID: String?
    var model: String?

    enum Field: String, CodingKey {
        case type, step, agent, persona, from, to, hash, purpose, status, callID, model
    }

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: Field.self)
        type = try fields.decode(String.self, forKey: .type)
        guard EventKind.knownTypes.contains(type) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: fields, debugDescription: "unknown event type \(type)")
        }
        // Only what identifies the event is read, leniently: the full decode judges the rest.
        step = try? fields.decodeIfPresent(Int.self, forKey: .step)
        agent = try? fields.decodeIfPresent(String.self, forKey: .agent)
        persona = try? fields.decodeIfPresent(String.self, forKey: .persona)
        from = try? fields.decodeIfPresent(String.self, forKey: .from)
        to = try? fields.decodeIfPresent(String.self, forKey: .to)
        hash = try? fields.decodeIfPresent(String.self, forKey: .hash)
        purpose = try? fields.decodeIfPresent(RequestPurpose.self, forKey: .purpose)
        status = try? fields.decodeIfPresent(StepState.self, forKey: .status)
        callID = try? fields.decodeIfPresent(String.self, forKey: .callID)
        model = try? fields.decodeIfPresent(String.self, forKey: .model)
    }

    /// The same fields of a typed event.
    init(_ kind: EventKind) {
        type = kind.type
        switch kind {
        case .modelRequested(let value): (agent, purpose, hash) = (value.agent, value.purpose, value.hash)
        case .modelResponded(let value): (agent, purpose, hash, model) = (value.agent, value.purpose, value.hash, value.model)
        case .modelFailed(let value): (agent, purpose, hash) = (value.agent, value.purpose, value.hash)
        case .modelRetried(let value): (agent, purpose) = (value.agent, value.purpose)
        case .modelBackoff(let value): (agent, hash) = (value.agent, value.hash)
        case .taskAssigned(let value): (step, persona) = (value.step, value.persona)
        case .taskCompleted(let value): (step, persona, status) = (value.step, value.persona, value.status)
        case .handoffInitiated(let value): (step, from, to) = (value.step, value.from, value.to)
        case .handoffAccepted(let value): (step, to) = (value.step, value.to)
        case .handoffRejected(let value): (step, to) = (value.step, value.to)
        case .handoffRolledBack(let value): (step, to) = (value.step, value.to)
        case .handoffCompleted(let value): (step, from, to, status) = (value.step, value.from, value.to, value.status)
        case .approvalRequested(let value): (step, persona) = (value.step, value.persona)
        case .toolCalled(let value): (step, agent) = (value.step, value.agent)
        case .toolReturned(let value): (step, agent, callID) = (value.step, value.agent, value.callID)
        case .agentStatusChanged(let value): persona = value.persona
        default: break
        }
    }

    /// The stream a replay compares the event in — one per step, one per agent for model calls
    /// (and tool calls outside a step), one for the rest of the turn — and the persona it concerns.
    var stream: (key: String, persona: String?) {
        let stepOrTurn = step.map { "step \($0)" } ?? "turn"
        switch type {
        case "model.request", "model.response", "model.failed", "model.retry", "model.backoff":
            return ("agent \(agent ?? "")", agent)
        case "orchestration.task_assigned", "orchestration.task_completed": return ("step \(step ?? 0)", persona)
        case "orchestration.handoff_completed": return (stepOrTurn, from)
        case "orchestration.handoff_initiated", "orchestration.handoff_accepted", "orchestration.handoff_rejected",
            "orchestration.handoff_rolled_back":
            return (stepOrTurn, to)
        case "approval.requested": return (stepOrTurn, persona)
        case "tool.call", "tool.result": return (step.map { "step \($0)" } ?? "agent \(agent ?? "")", agent)
        case "agent.status_changed": return ("turn", persona)
        default: return ("turn", nil)
        }
    }

    /// Whether an interrupt caused this event: a cancelled handoff or step, or the turn's cancellation.
    var isCausedByInterrupt: Bool {
        switch type {
        case "turn.cancelled": return true
        case "orchestration.handoff_completed", "orchestration.task_completed": return status == .cancelled
        default: return false
        }
    }
}
