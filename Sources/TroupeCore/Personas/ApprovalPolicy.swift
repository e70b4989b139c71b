/// When the user is asked before a handoff to this persona goes ahead.
public enum ApprovalPolicy: String, Sendable, Codable, CaseIterable {
    case auto, ask, risk
}
