/// The user's answer.
public enum ApprovalDecision: Sendable, Equatable {
    case approveOnce
    /// Approve, and do not ask again for this persona in this session.
    case approveForSession
    /// Refuse; the reason goes back to the orchestrator and into the ledger.
    case deny(reason: String)
}
