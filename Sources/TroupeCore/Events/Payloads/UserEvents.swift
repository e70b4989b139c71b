/// The user typed a request or a line for the orchestrator.
public struct UserInput: EventPayload {
    public static let eventType = "user.input"
    public var eventKind: EventKind { .userInput(self) }

    public var text: String
    public init(text: String) { self.text = text }
}

/// The user steered the orchestrator: a direct request to a persona, an interrupt, an override.
public struct UserIntervention: EventPayload {
    public static let eventType = "user.intervention"
    public var eventKind: EventKind { .userIntervention(self) }

    /// Whether the shell recorded this between requests (see `InterventionKind.isBetweenRequests`).
    public var isBetweenRequests: Bool { kind.isBetweenRequests }

    public var kind: InterventionKind
    public var detail: String
    public init(kind: InterventionKind, detail: String) {
        self.kind = kind
        self.detail = detail
    }
}
