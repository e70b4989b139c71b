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
    /// Largest token budget written into a brief (a step's complexity may ask for less).
    public var briefTokenBudget: Int
    /// How the plan is shaped before it runs.
    public var strategy: PlanStrategy
    /// When the model is asked for the progress ledger.
    public var progressLedger: ProgressLedgerPolicy
    /// How deep sub-plans may nest (a step of a `can_delegate` persona is split by that persona).
    public var maxPlanDepth: Int
    /// The most steps a plan may have (`max_plan_steps`); a longer one is sent back to the model.
    public var maxPlanSteps: Int

    public init(
        maxParallelSteps: Int = 4, maxStalls: Int = 3, maxReplans: Int = 3, attemptsPerPersona: Int = 2,
        retryBackoff: Duration = .milliseconds(500), briefTokenBudget: Int = 8000, strategy: PlanStrategy = .hierarchical,
        progressLedger: ProgressLedgerPolicy = .everyStep, maxPlanDepth: Int = 2, maxPlanSteps: Int = Plan.defaultMaxSteps
    ) {
        self.maxParallelSteps = maxParallelSteps
        self.maxStalls = maxStalls
        self.maxReplans = maxReplans
        self.attemptsPerPersona = attemptsPerPersona
        self.retryBackoff = retryBackoff
        self.briefTokenBudget = briefTokenBudget
        self.strategy = strategy
        self.progressLedger = progressLedger
        self.maxPlanDepth = maxPlanDepth
        self.maxPlanSteps = maxPlanSteps
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
