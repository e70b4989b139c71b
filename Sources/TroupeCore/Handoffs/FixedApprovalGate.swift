/// A gate with a fixed answer, for sessions with no one to ask (`--approve`, piped input, tests).
public struct FixedApprovalGate: ApprovalGate {
    public let decision: ApprovalDecision

    public init(_ decision: ApprovalDecision) {
        self.decision = decision
    }

    public func decide(_ request: ApprovalRequest) async -> ApprovalDecision {
        decision
    }
}
