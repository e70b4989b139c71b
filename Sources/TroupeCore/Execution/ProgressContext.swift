/// What the progress ledger's judge is given: enough to tell progress from a loop and a finished
/// request from a missing piece (Magentic-One gives its judge the whole conversation; Troupe
/// gives it the ledger, the team, the plan's states and the outputs it has not seen yet).
public struct ProgressContext: Sendable, Codable, Equatable {
    public var request: String
    /// The task ledger's fact sheet.
    public var facts: TaskFacts
    /// Every persona that could act next, with what it is for.
    public var team: [TeamMember]
    /// The plan: each step's id, title, persona, state and dependencies — on a long plan only the
    /// unfinished steps nearest to running (see `planNote`).
    public var plan: [StepStatus]
    /// On a long plan, what `plan` leaves out (the counts by state).
    public var planNote: String?
    /// The steps finished since the judge's previous entry, their outputs cut to a budget.
    public var finished: [StepReport]
    /// The step the verdict's `next_speaker` and `instruction_or_question` are for, if any is
    /// left to launch: it waits for the verdict.
    public var nextStep: PlanStep?
    /// Stalls counted so far, and the count at which the orchestrator re-plans.
    public var stalls: Int
    public var maxStalls: Int
    /// The judge's own latest entries in this turn, oldest first.
    public var recent: [ProgressLedger]

    public init(
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
public struct StepStatus: Sendable, Codable, Equatable {
    public var id: Int
    public var title: String
    public var persona: String
    public var state: StepState
    public var dependsOn: [Int]

    /// The status of `step`.
    public init(_ step: PlanStep) {
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
