/// Limits and policies of the orchestrator.
public struct OrchestratorConfiguration: Sendable, Equatable {
    /// Steps running at once across all personas.
    public var maxParallelSteps: Int
    /// Stall count at which the run re-plans (Magentic-One's `max_stalls`).
    public var maxStalls: Int
    /// Re-plans per request before escalating to the user.
    public var maxReplans: Int
    /// Attempts per step with its chosen persona before falling back to another.
    public var attemptsPerPersona: Int
    /// Wait before retrying a failed step; doubled on each further attempt.
    public var retryBackoff: Duration
    /// Token budget written into each brief.
    public var briefTokenBudget: Int

    public init(
        maxParallelSteps: Int = 4, maxStalls: Int = 3, maxReplans: Int = 3, attemptsPerPersona: Int = 2,
        retryBackoff: Duration = .milliseconds(500), briefTokenBudget: Int = 4000
    ) {
        self.maxParallelSteps = maxParallelSteps
        self.maxStalls = maxStalls
        self.maxReplans = maxReplans
        self.attemptsPerPersona = attemptsPerPersona
        self.retryBackoff = retryBackoff
        self.briefTokenBudget = briefTokenBudget
    }
}

/// How a turn ended, for the caller (exit codes, piped output).
public struct TurnResult: Sendable, Equatable {
    public var outcome: TurnOutcome
    public var answer: String

    public init(outcome: TurnOutcome, answer: String) {
        self.outcome = outcome
        self.answer = answer
    }
}
