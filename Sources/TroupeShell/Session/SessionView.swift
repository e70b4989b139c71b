import Synchronization
import TroupeCore

/// What the shell knows of the session, rebuilt from events only (never from the
/// orchestrator's internals), so a replayed transcript gives the same `/plan` and `/ledger`.
/// Thread-safe: events arrive on the bus's threads, commands read on the main actor.
public final class SessionView: Sendable {
    /// A snapshot for the inspectors.
    public struct Snapshot: Sendable, Equatable {
        public var taskLedger: TaskLedger?
        public var plan: Plan?
        /// The progress ledger entries of the current request.
        public var progress: [ProgressLedgerUpdated] = []
        /// Artifacts of the current request's finished steps, by step.
        public var artifacts: [Int: [StepArtifact]] = [:]
        public var lastOutcome: TurnOutcome?

        /// The working memory as the events showed it.
        public var memory: WorkingMemory {
            WorkingMemory(facts: taskLedger?.facts ?? TaskFacts(), artifacts: artifacts)
        }
    }

    private let state = Mutex(Snapshot())

    public init() {}

    /// Subscribes the view to `bus`.
    public func follow(_ bus: EventBus) {
        bus.subscribe { [self] event in apply(event) }
    }

    /// The current state.
    public var snapshot: Snapshot {
        state.withLock { $0 }
    }

    /// Updates the view with one event.
    public func apply(_ event: TroupeEvent) {
        state.withLock { view in
            switch event.kind {
            case .userInput:
                view.progress = []
                view.artifacts = [:]
                view.lastOutcome = nil
            case .taskLedgerUpdated(let update):
                view.taskLedger = update.ledger
                if !update.ledger.plan.steps.isEmpty || view.plan == nil { view.plan = update.ledger.plan }
            case .planStarted(let started):
                view.plan = started.plan
            case .replanned(let replanned):
                view.plan = replanned.plan
            case .subPlanned(let subPlanned):
                view.plan = subPlanned.plan
            case .taskAssigned(let assigned):
                if let index = view.plan?.steps.firstIndex(where: { $0.id == assigned.step }) {
                    view.plan?.steps[index].persona = assigned.persona
                }
            case .handoffInitiated(let handoff):
                if let step = handoff.step { view.plan?.setState(.running, of: step) }
            case .taskCompleted(let task):
                view.plan?.setState(task.status, of: task.step)
                if let artifacts = task.artifacts { view.artifacts[task.step] = artifacts }
            case .progressLedgerUpdated(let update):
                view.progress.append(update)
            case .planCompleted(let completed):
                view.lastOutcome = completed.outcome
            default:
                break
            }
            if let plan = view.plan { view.taskLedger?.plan = plan }
        }
    }
}
