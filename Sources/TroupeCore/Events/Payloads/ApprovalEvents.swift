/// The user answered an approval request.
public struct ApprovalDecided: EventPayload {
    public static let eventType = "approval.decided"
    public var eventKind: EventKind { .approvalDecided(self) }

    public var handoff: String
    public var persona: String
    /// `approve_once`, `approve_session` or `deny`.
    public var decision: String
    public var reason: String?

    public init(handoff: String, persona: String, decision: ApprovalDecision) {
        self.handoff = handoff
        self.persona = persona
        switch decision {
        case .approveOnce: self.decision = "approve_once"
        case .approveForSession: self.decision = "approve_session"
        case .deny(let reason):
            self.decision = "deny"
            self.reason = reason
        }
    }

    /// The decision this event records.
    public var value: ApprovalDecision {
        switch decision {
        case "approve_once": return .approveOnce
        case "approve_session": return .approveForSession
        default: return .deny(reason: reason ?? "")
        }
    }
}
