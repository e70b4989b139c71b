/// The orchestrator made a plan and starts running it.
public struct PlanStarted: EventPayload {
    public static let eventType = "orchestration.plan_started"
    public var eventKind: EventKind { .planStarted(self) }

    public var request: String
    public var plan: Plan

    public init(request: String, plan: Plan) {
        self.request = request
        self.plan = plan
    }
}

/// The orchestrator re-planned after repeated stalls.
public struct Replanned: EventPayload {
    public static let eventType = "orchestration.replanned"
    public var eventKind: EventKind { .replanned(self) }

    public var attempt: Int
    public var rootCause: String
    public var plan: Plan
    /// Why: the run stalled, or the plan finished with the request unsatisfied (absent in
    /// transcripts of format 1, where only stalls re-planned).
    public var trigger: ReplanTrigger?

    public init(attempt: Int, rootCause: String, plan: Plan, trigger: ReplanTrigger? = nil) {
        self.attempt = attempt
        self.rootCause = rootCause
        self.plan = plan
        self.trigger = trigger
    }
}

/// A step was replaced by its persona's sub-plan (hierarchical planning).
public struct SubPlanned: EventPayload {
    public static let eventType = "orchestration.sub_planned"
    public var eventKind: EventKind { .subPlanned(self) }

    public var step: Int
    public var persona: String
    /// The whole plan after the splice.
    public var plan: Plan

    public init(step: Int, persona: String, plan: Plan) {
        self.step = step
        self.persona = persona
        self.plan = plan
    }
}

/// The orchestrator gave up re-planning and hands the request back to the user.
public struct Escalated: EventPayload {
    public static let eventType = "orchestration.escalated"
    public var eventKind: EventKind { .escalated(self) }

    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// A step was given to a persona.
public struct TaskAssigned: EventPayload {
    public static let eventType = "orchestration.task_assigned"
    public var eventKind: EventKind { .taskAssigned(self) }

    public var step: Int
    public var persona: String
    public var reason: String

    public init(step: Int, persona: String, reason: String) {
        self.step = step
        self.persona = persona
        self.reason = reason
    }
}

/// A step finished (done, failed, cancelled or skipped).
public struct TaskCompleted: EventPayload {
    public static let eventType = "orchestration.task_completed"
    public var eventKind: EventKind { .taskCompleted(self) }

    public var step: Int
    public var persona: String
    public var status: StepState
    public var summary: String
    public var output: String
    public var durationMs: Int
    public var tokens: Int
    /// What the step produced for the working memory; absent when nothing.
    public var artifacts: [StepArtifact]?

    public init(
        step: Int, persona: String, status: StepState, summary: String, output: String, durationMs: Int, tokens: Int,
        artifacts: [StepArtifact] = []
    ) {
        self.step = step
        self.persona = persona
        self.status = status
        self.summary = summary
        self.output = output
        self.durationMs = durationMs
        self.tokens = tokens
        self.artifacts = artifacts.isEmpty ? nil : artifacts
    }
}

/// How a turn ended.
public enum TurnOutcome: String, Sendable, Codable, Equatable {
    /// Every step done and an answer written.
    case completed
    /// Answered without a plan.
    case direct
    /// Some steps failed, were skipped or need a language model; the answer says what is missing.
    case partial
    /// Nothing useful could be produced (so also when every step needs a language model).
    case failed
    /// The user interrupted.
    case cancelled
}

/// The turn ended with an answer (or the reason there is none).
public struct PlanCompleted: EventPayload {
    public static let eventType = "orchestration.plan_completed"
    public var eventKind: EventKind { .planCompleted(self) }

    public var outcome: TurnOutcome
    public var answer: String
    public var durationMs: Int
    public var tokens: Int

    public init(outcome: TurnOutcome, answer: String, durationMs: Int, tokens: Int) {
        self.outcome = outcome
        self.answer = answer
        self.durationMs = durationMs
        self.tokens = tokens
    }
}
