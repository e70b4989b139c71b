/// What a session shows of itself — ledgers, plan, progress, working memory, handoffs — rebuilt
/// from its events alone. The shell's inspectors read it, and a replayed transcript rebuilds the same one.
public struct SessionState: Sendable, Equatable {
    public var taskLedger: TaskLedger?
    public var plan: Plan?
    /// The progress ledger entries of the current request.
    public var progress: [ProgressLedgerUpdated] = []
    /// Artifacts of the current request's finished steps, by step.
    public var artifacts: [Int: [StepArtifact]] = [:]
    public var lastOutcome: TurnOutcome?
    /// The current request's handoffs, in the order they were initiated.
    public var handoffs: [HandoffRecord] = []
    /// Where the current (or last) request's time and tokens went.
    public var timeline = TurnTimeline()

    public init() {}

    /// The working memory as the events showed it.
    public var memory: WorkingMemory {
        WorkingMemory(facts: taskLedger?.facts ?? TaskFacts(), artifacts: artifacts)
    }

    /// Updates the state with one event.
    public mutating func apply(_ event: TroupeEvent) {
        timeline.apply(event)
        switch event.kind {
        case .userInput:
            progress = []
            artifacts = [:]
            handoffs = []
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
            handoffs.append(
                HandoffRecord(
                    id: handoff.handoff, from: handoff.from, to: handoff.to, step: handoff.step, parent: handoff.parent,
                    reason: handoff.reason, state: .initiated, brief: handoff.brief, briefTokens: handoff.briefTokens))
        case .handoffAccepted(let accepted):
            updateHandoff(accepted.handoff) { $0.state = .accepted }
        case .handoffRejected(let rejected):
            updateHandoff(rejected.handoff) {
                $0.state = .rejected
                $0.result = rejected.reason
            }
        case .handoffCompleted(let completed):
            updateHandoff(completed.handoff) {
                $0.state = completed.status.isAnswered ? .completed : .failed
                $0.result = completed.output
                $0.durationMs = completed.durationMs
                $0.tokens = completed.tokens
            }
        case .handoffRolledBack(let rolledBack):
            if let step = rolledBack.step, rolledBack.parent == nil, plan?.step(step)?.state == .running {
                plan?.setState(.pending, of: step)
            }
            updateHandoff(rolledBack.handoff) { $0.state = .rolledBack }
        case .taskCompleted(let task):
            plan?.setState(task.status, of: task.step)
            if let stepArtifacts = task.artifacts { artifacts[task.step] = stepArtifacts }
        case .progressLedgerUpdated(let update):
            progress.append(update)
        case .planCompleted(let completed):
            lastOutcome = completed.outcome
        case .userIntervention(let intervention) where intervention.kind == .clear:
            self = SessionState()
        default:
            break
        }
        if let plan { taskLedger?.plan = plan }
    }

    private mutating func updateHandoff(_ id: String, _ change: (inout HandoffRecord) -> Void) {
        guard let index = handoffs.lastIndex(where: { $0.id == id }) else { return }
        change(&handoffs[index])
    }
}
