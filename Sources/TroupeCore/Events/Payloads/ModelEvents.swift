/// A model call came back.
public struct ModelResponded: EventPayload {
    public static let eventType = "model.response"
    public var eventKind: EventKind { .modelResponded(self) }

    public var agent: String
    /// The identifier of the model that answered (`openai/gpt-4.1`).
    public var model: String
    public var purpose: RequestPurpose
    public var hash: String
    public var response: ChatResponse
    public var durationMs: Int

    public init(agent: String, model: String, purpose: RequestPurpose, hash: String, response: ChatResponse, durationMs: Int) {
        self.agent = agent
        self.model = model
        self.purpose = purpose
        self.hash = hash
        self.response = response
        self.durationMs = durationMs
    }
}

/// A model reply was unusable and is asked for again with the error fed back.
public struct ModelRetried: EventPayload {
    public static let eventType = "model.retry"
    public var eventKind: EventKind { .modelRetried(self) }

    public var agent: String
    public var purpose: RequestPurpose
    public var attempt: Int
    public var error: String

    public init(agent: String, purpose: RequestPurpose, attempt: Int, error: String) {
        self.agent = agent
        self.purpose = purpose
        self.attempt = attempt
        self.error = error
    }
}

/// A provider call failed and is retried after a wait.
public struct ModelBackoff: EventPayload {
    public static let eventType = "model.backoff"
    public var eventKind: EventKind { .modelBackoff(self) }

    public var agent: String
    public var attempt: Int
    public var delayMs: Int
    public var reason: String
    /// The hash of the request being retried, so replay can re-announce it with its call.
    public var hash: String?

    public init(agent: String, attempt: Int, delayMs: Int, reason: String, hash: String? = nil) {
        self.agent = agent
        self.attempt = attempt
        self.delayMs = delayMs
        self.reason = reason
        self.hash = hash
    }
}

/// A model call failed for good (after the provider's own retries): recorded so a replay fails
/// the same call the same way.
public struct ModelFailed: EventPayload {
    public static let eventType = "model.failed"
    public var eventKind: EventKind { .modelFailed(self) }

    public var agent: String
    public var purpose: RequestPurpose
    public var hash: String
    public var error: String

    public init(agent: String, purpose: RequestPurpose, hash: String, error: String) {
        self.agent = agent
        self.purpose = purpose
        self.hash = hash
        self.error = error
    }
}
