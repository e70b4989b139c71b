/// Who answers approval requests: the person at the terminal. Implementations must take the
/// answer from the user only; nothing an agent writes may count as approval.
public protocol ApprovalGate: Sendable {
    func decide(_ request: ApprovalRequest) async -> ApprovalDecision
}
