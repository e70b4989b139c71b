/// The state of one plan while it runs: the ledger, the step results, stalls and tokens.
struct PlanRun: Sendable {
    var ledger: TaskLedger
    var reports: [Int: StepReport] = [:]
    var tokens: Int
    var stalls = 0
    /// Set when the run stopped launching steps before the plan was finished.
    var stopReason: String?
    /// Set when it stopped because it stalled `max_stalls` times: re-plan, or escalate.
    var needsReplan = false
    /// Re-plans made so far in this turn.
    var replans = 0
    /// Set when the orchestrator gave up and handed the request back to the user.
    var escalated = false
    /// Hashes of (persona, instruction, output) seen so far; a repeat is a loop.
    var seenWork: Set<String> = []

    init(ledger: TaskLedger, tokens: Int) {
        self.ledger = ledger
        self.tokens = tokens
    }

    var plan: Plan {
        get { ledger.plan }
        set { ledger.plan = newValue }
    }

    /// Completed if every step is done, partial if some are, failed if none.
    var outcome: TurnOutcome {
        let done = plan.count(.done)
        if done == plan.steps.count && !escalated { return .completed }
        return done > 0 ? .partial : .failed
    }

    /// Reports in step order, including steps that never ran.
    var orderedReports: [StepReport] {
        plan.steps.map { step in
            reports[step.id]
                ?? StepReport(step: step.id, title: step.title, persona: step.persona, status: step.state, output: "")
        }
    }
}
