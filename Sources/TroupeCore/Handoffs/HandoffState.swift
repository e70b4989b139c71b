/// Where a handoff is in its protocol:
/// `initiated → accepted → completed`, or `initiated → rejected → rolledBack`,
/// or `accepted → failed → rolledBack`.
public enum HandoffState: String, Sendable, Codable, Equatable, CaseIterable {
    case initiated, accepted, completed, rejected, failed
    case rolledBack = "rolled_back"

    /// The states this one may move to.
    public var successors: Set<HandoffState> {
        switch self {
        case .initiated: return [.accepted, .rejected]
        case .accepted: return [.completed, .failed]
        case .rejected, .failed: return [.rolledBack]
        case .completed, .rolledBack: return []
        }
    }

    /// Whether nothing more can happen to the handoff.
    public var isFinal: Bool { successors.isEmpty }
}

/// A transition the protocol does not allow, or an unknown handoff: an engine bug, reported
/// rather than silently applied.
public enum HandoffError: Error, Equatable {
    case invalidTransition(handoff: String, from: HandoffState, to: HandoffState)
    case unknownHandoff(String)
}
