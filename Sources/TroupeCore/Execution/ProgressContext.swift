/// What the progress ledger's judge is given: enough to tell progress from a loop and a finished
/// request from a missing piece (Magentic-One gives its judge the whole conversation; Troupe
/// gives it the ledger, the team, the plan's states and the outputs it has not seen yet).
struct ProgressContext: Sendable, Codable, Equatable {
    var request: String
    /// The task ledger's fact sheet.
    var facts: TaskFacts
    /// Every persona that could act next, with what it is for.
    var team: [TeamMember]
    /// The plan: each step's id, title, persona, state and dependencies — on a long plan only the
    /// unfinished steps nearest to running (see `planNote`).
    var plan: [StepStatus]
    /// On a long plan, what `plan` leaves out (the counts by state).
    var planNote: String?
    /// The steps finished since the judge's previous entry, their outputs cut to a budget.
    var finished: [StepReport]
    /// The step the verdict's `next_speaker` and `instruction_or_question` are for, if any is
    /// left to launch: it waits for the verdict.
    var nextStep: PlanStep?
    /// Stalls counted so far, and the count at which the orchestrator re-plans.
    var stalls: Int
    var maxStalls: Int
    /// The judge's own latest entries in this turn, oldest first.
    var recent: [ProgressLedger]

    init(
        request: String, facts: TaskFacts, team: [TeamMember], plan: [StepStatus], finished: [StepReport], nextStep: PlanStep?,
        stalls: Int, maxStalls: Int, recent: [ProgressLedger]
    ) {
        self.request = request
        self.facts = facts
        self.team = team
        self.plan = plan
        self.planNote = nil
        self.finished = finished
        self.nextStep = nextStep
        self.stalls = stalls
        self.maxStalls = maxStalls
        self.recent = recent
    }

    enum CodingKeys: String, CodingKey {
        case request, facts, team, plan, finished, stalls, recent
        case nextStep = "next_step"
        case planNote = "plan_note"
        case maxStalls = "max_stalls"
    }
}

/// A plan step as the progress judge sees it: where it stands, not how it was routed.
struct StepStatus: Sendable, Codable, Equatable {
    var id: Int
    var title: String
    var persona: String
    var state: StepState
    var dependsOn: [Int]

    /// The status of `step`.
    init(_ step: PlanStep) {
        id = step.id
        title = step.title
        persona = step.persona
        state = step.state
        dependsOn = step.dependsOn
    }

    enum CodingKeys: String, CodingKey {
        case id, title, persona, state
        case dependsOn = "depends_on"
    }
}
