/// The user typed a request or a line for the orchestrator.
public struct UserInput: Sendable, Codable, Equatable {
    public var text: String
    public init(text: String) { self.text = text }
}

/// The user steered the orchestrator: a direct request to a persona, an interrupt, an override.
public struct UserIntervention: Sendable, Codable, Equatable {
    /// Whether the shell recorded this between requests (see `InterventionKind.isBetweenRequests`).
    public var isBetweenRequests: Bool { kind.isBetweenRequests }

    public var kind: InterventionKind
    public var detail: String
    public init(kind: InterventionKind, detail: String) {
        self.kind = kind
        self.detail = detail
    }
}

/// A persona became an agent of the session.
public struct AgentRegistered: Sendable, Codable, Equatable {
    public var persona: String
    public var role: PersonaRole
    public var capabilities: [String]
    public var source: String

    public init(persona: String, role: PersonaRole, capabilities: [String], source: String) {
        self.persona = persona
        self.role = role
        self.capabilities = capabilities
        self.source = source
    }
}

/// An agent's health changed (healthy → degraded → unavailable, or back).
public struct AgentStatusChanged: Sendable, Codable, Equatable {
    public var persona: String
    public var from: AgentHealthStatus
    public var to: AgentHealthStatus
    public var reason: String

    public init(persona: String, from: AgentHealthStatus, to: AgentHealthStatus, reason: String) {
        self.persona = persona
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// The orchestrator made a plan and starts running it.
public struct PlanStarted: Sendable, Codable, Equatable {
    public var request: String
    public var plan: Plan

    public init(request: String, plan: Plan) {
        self.request = request
        self.plan = plan
    }
}

/// The orchestrator re-planned after repeated stalls.
public struct Replanned: Sendable, Codable, Equatable {
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
public struct SubPlanned: Sendable, Codable, Equatable {
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
public struct Escalated: Sendable, Codable, Equatable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// A step was given to a persona.
public struct TaskAssigned: Sendable, Codable, Equatable {
    public var step: Int
    public var persona: String
    public var reason: String

    public init(step: Int, persona: String, reason: String) {
        self.step = step
        self.persona = persona
        self.reason = reason
    }
}

/// Work was handed from one agent to another with a brief.
public struct HandoffInitiated: Sendable, Codable, Equatable {
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
public struct HandoffAccepted: Sendable, Codable, Equatable {
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
public struct HandoffRejected: Sendable, Codable, Equatable {
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
public struct HandoffRolledBack: Sendable, Codable, Equatable {
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
public struct HandoffCompleted: Sendable, Codable, Equatable {
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

/// A step finished (done, failed, cancelled or skipped).
public struct TaskCompleted: Sendable, Codable, Equatable {
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
public struct PlanCompleted: Sendable, Codable, Equatable {
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

/// The task ledger changed.
public struct TaskLedgerUpdated: Sendable, Codable, Equatable {
    public var ledger: TaskLedger

    public init(ledger: TaskLedger) {
        self.ledger = ledger
    }
}

/// The progress ledger was updated after a step.
public struct ProgressLedgerUpdated: Sendable, Codable, Equatable {
    /// The last of the steps this entry judged.
    public var afterStep: Int
    public var ledger: ProgressLedger
    public var done: Int
    public var running: Int
    public var total: Int
    public var stalls: Int
    /// Set when the model's ledger was unusable (or not asked for) and the engine derived this
    /// one itself.
    public var derivedByEngine: Bool
    /// Every step this entry judged: those finished since the previous entry (absent in format 1,
    /// where each entry judged `afterStep` alone).
    public var judged: [Int]?
    /// The step `next_speaker` and `instruction_or_question` were for, when one was waiting.
    public var nextStep: Int?

    public init(
        afterStep: Int, ledger: ProgressLedger, done: Int, running: Int, total: Int, stalls: Int, derivedByEngine: Bool,
        judged: [Int]? = nil, nextStep: Int? = nil
    ) {
        self.afterStep = afterStep
        self.ledger = ledger
        self.done = done
        self.running = running
        self.total = total
        self.stalls = stalls
        self.derivedByEngine = derivedByEngine
        self.judged = judged
        self.nextStep = nextStep
    }
}

/// A model call came back.
public struct ModelResponded: Sendable, Codable, Equatable {
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
public struct ModelRetried: Sendable, Codable, Equatable {
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
public struct ModelBackoff: Sendable, Codable, Equatable {
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
public struct ModelFailed: Sendable, Codable, Equatable {
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

/// A worker called a tool.
public struct ToolCalled: Sendable, Codable, Equatable {
    public var agent: String
    public var step: Int?
    public var call: ToolCall

    public init(agent: String, step: Int?, call: ToolCall) {
        self.agent = agent
        self.step = step
        self.call = call
    }
}

/// A tool returned.
public struct ToolReturned: Sendable, Codable, Equatable {
    public var agent: String
    public var step: Int?
    public var callID: String
    public var name: String
    public var summary: String
    public var output: String
    public var isError: Bool
    /// Workspace files the call read or wrote; absent when none.
    public var files: [String]?

    public init(
        agent: String, step: Int?, callID: String, name: String, summary: String, output: String, isError: Bool,
        files: [String] = []
    ) {
        self.agent = agent
        self.step = step
        self.callID = callID
        self.name = name
        self.summary = summary
        self.output = output
        self.isError = isError
        self.files = files.isEmpty ? nil : files
    }
}

/// A piece of the final answer as the model streams it.
public struct AnswerDelta: Sendable, Codable, Equatable {
    public var text: String

    public init(text: String) {
        self.text = text
    }
}

/// The turn was cancelled (Ctrl-C, `/stop`).
public struct TurnCancelled: Sendable, Codable, Equatable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// The user answered an approval request.
public struct ApprovalDecided: Sendable, Codable, Equatable {
    public var handoff: String
    public var persona: String
    /// `approve_once`, `approve_session` or `deny`.
    public var decision: String
    public var reason: String?

    public init(handoff: String, persona: String, decision: ApprovalDecision) {
        self.handoff = handoff
        self.persona = persona
        switch decision {
        case .approveOnce: self.decision = "approve_once"
        case .approveForSession: self.decision = "approve_session"
        case .deny(let reason):
            self.decision = "deny"
            self.reason = reason
        }
    }

    /// The decision this event records.
    public var value: ApprovalDecision {
        switch decision {
        case "approve_once": return .approveOnce
        case "approve_session": return .approveForSession
        default: return .deny(reason: reason ?? "")
        }
    }
}
