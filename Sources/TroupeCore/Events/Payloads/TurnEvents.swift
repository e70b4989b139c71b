/// A piece of the final answer as the model streams it.
public struct AnswerDelta: EventPayload {
    public static let eventType = "answer.delta"
    public var eventKind: EventKind { .answerDelta(self) }

    public var text: String

    public init(text: String) {
        self.text = text
    }
}

/// The turn was cancelled (Ctrl-C, `/stop`).
public struct TurnCancelled: EventPayload {
    public static let eventType = "turn.cancelled"
    public var eventKind: EventKind { .turnCancelled(self) }

    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
