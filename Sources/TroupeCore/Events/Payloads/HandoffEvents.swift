/// Work was handed from one agent to another with a brief.
public struct HandoffInitiated: EventPayload {
    public static let eventType = "orchestration.handoff_initiated"
    public var eventKind: EventKind { .handoffInitiated(self) }

    public var handoff: String
    public var from: String
    public var to: String
    public var step: Int?
    public var briefTokens: Int
    public var facts: Int
    public var dependencies: Int
    /// Why it was handed over (the routing reason, the worker's reason, a fallback).
    public var reason: String?
    /// The handoff this one was made inside of (a worker's `handoff` call), if any.
    public var parent: String?
    /// The exact brief the receiver is given.
    public var brief: Brief?

    public init(
        handoff: String, from: String, to: String, step: Int?, briefTokens: Int, facts: Int, dependencies: Int,
        reason: String? = nil, parent: String? = nil, brief: Brief? = nil
    ) {
        self.handoff = handoff
        self.from = from
        self.to = to
        self.step = step
        self.briefTokens = briefTokens
        self.facts = facts
        self.dependencies = dependencies
        self.reason = reason
        self.parent = parent
        self.brief = brief
    }
}

/// The receiver took the handoff on: approval (if asked) was given and it started work.
public struct HandoffAccepted: EventPayload {
    public static let eventType = "orchestration.handoff_accepted"
    public var eventKind: EventKind { .handoffAccepted(self) }

    public var handoff: String
    public var to: String
    public var step: Int?

    public init(handoff: String, to: String, step: Int?) {
        self.handoff = handoff
        self.to = to
        self.step = step
    }
}

/// The handoff was refused before any work: denied by the user, a ping-pong, a receiver that
/// cannot take delegated work.
public struct HandoffRejected: EventPayload {
    public static let eventType = "orchestration.handoff_rejected"
    public var eventKind: EventKind { .handoffRejected(self) }

    public var handoff: String
    public var to: String
    public var step: Int?
    public var reason: String

    public init(handoff: String, to: String, step: Int?, reason: String) {
        self.handoff = handoff
        self.to = to
        self.step = step
        self.reason = reason
    }
}

/// A rejected, failed or cancelled handoff was undone: its step is pending again, the ledgers and
/// working memory are as before it (a handoff's result is only ever committed on completion),
/// and what it held (the receiver's load) is released.
public struct HandoffRolledBack: EventPayload {
    public static let eventType = "orchestration.handoff_rolled_back"
    public var eventKind: EventKind { .handoffRolledBack(self) }

    public var handoff: String
    public var to: String
    public var step: Int?
    public var reason: String
    /// Set for a worker's nested handoff: its step stays with the worker that made it.
    public var parent: String?

    public init(handoff: String, to: String, step: Int?, reason: String, parent: String? = nil) {
        self.handoff = handoff
        self.to = to
        self.step = step
        self.reason = reason
        self.parent = parent
    }
}

/// A handoff came back, done or failed.
public struct HandoffCompleted: EventPayload {
    public static let eventType = "orchestration.handoff_completed"
    public var eventKind: EventKind { .handoffCompleted(self) }

    public var handoff: String
    public var from: String
    public var to: String
    public var step: Int?
    public var status: StepState
    public var durationMs: Int
    public var tokens: Int
    /// What the receiver returned (its answer, or the error).
    public var output: String?

    public init(
        handoff: String, from: String, to: String, step: Int?, status: StepState, durationMs: Int, tokens: Int,
        output: String? = nil
    ) {
        self.handoff = handoff
        self.from = from
        self.to = to
        self.step = step
        self.status = status
        self.durationMs = durationMs
        self.tokens = tokens
        self.output = output
    }
}
