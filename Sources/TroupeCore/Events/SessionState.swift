/// What a session shows of itself — ledgers, plan, progress, working memory — rebuilt from its
/// events alone. The shell's inspectors read it, and a replayed transcript rebuilds the same one.
public struct SessionState: Sendable, Equatable {
    public var taskLedger: TaskLedger?
    public var plan: Plan?
    /// The progress ledger entries of the current request.
    public var progress: [ProgressLedgerUpdated] = []
    /// Artifacts of the current request's finished steps, by step.
    public var artifacts: [Int: [StepArtifact]] = [:]
    public var lastOutcome: TurnOutcome?

    public init() {}

    /// The working memory as the events showed it.
    public var memory: WorkingMemory {
        WorkingMemory(facts: taskLedger?.facts ?? TaskFacts(), artifacts: artifacts)
    }

    /// Updates the state with one event.
    public mutating func apply(_ event: TroupeEvent) {
        switch event.kind {
        case .userInput:
            progress = []
            artifacts = [:]
            lastOutcome = nil
        case .taskLedgerUpdated(let update):
            taskLedger = update.ledger
            if !update.ledger.plan.steps.isEmpty || plan == nil { plan = update.ledger.plan }
        case .planStarted(let started):
            plan = started.plan
        case .replanned(let replanned):
            plan = replanned.plan
        case .subPlanned(let subPlanned):
            plan = subPlanned.plan
        case .taskAssigned(let assigned):
            if let index = plan?.steps.firstIndex(where: { $0.id == assigned.step }) {
                plan?.steps[index].persona = assigned.persona
            }
        case .handoffInitiated(let handoff):
            if let step = handoff.step, handoff.parent == nil { plan?.setState(.running, of: step) }
        case .handoffRolledBack(let rolledBack):
            if let step = rolledBack.step, rolledBack.parent == nil, plan?.step(step)?.state == .running {
                plan?.setState(.pending, of: step)
            }
        case .taskCompleted(let task):
            plan?.setState(task.status, of: task.step)
            if let stepArtifacts = task.artifacts { artifacts[task.step] = stepArtifacts }
        case .progressLedgerUpdated(let update):
            progress.append(update)
        case .planCompleted(let completed):
            lastOutcome = completed.outcome
        default:
            break
        }
        if let plan { taskLedger?.plan = plan }
    }
}
