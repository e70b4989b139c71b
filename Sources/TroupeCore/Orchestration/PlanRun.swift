/// The state of one plan while it runs: the ledger, the step results, stalls and tokens.
struct PlanRun: Sendable {
    var ledger: TaskLedger
    var reports: [Int: StepReport] = [:]
    var tokens: Int
    var stalls = 0
    /// Set when the run stopped launching steps before the plan was finished.
    var stopReason: String?
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
        if done == plan.steps.count { return .completed }
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
