/// The state of one plan while it runs: the ledger, the step results and stalls.
struct PlanRun: Sendable {
    var ledger: TaskLedger
    var reports: [Int: StepReport] = [:]
    /// Artifacts of finished steps, by step: with the ledger's facts, the working memory.
    var artifacts: [Int: [StepArtifact]] = [:]
    var stalls = 0
    /// Set when the run stopped launching steps before the plan was finished.
    var stopReason: String?
    /// Set when it stopped because it stalled `max_stalls` times: re-plan, or escalate.
    var needsReplan = false
    /// Re-plans made so far in this turn.
    var replans = 0
    /// Set when the orchestrator gave up and handed the request back to the user.
    var escalated = false
    /// What each persona returned for each step so far, to tell a loop by similarity.
    var loops = LoopDetector()
    /// The progress ledger's instructions for steps not yet launched, by step.
    var ledgerInstructions: [Int: LedgerInstruction] = [:]
    /// The root causes the re-plans of this turn gave, oldest first.
    var rootCauses: [String] = []
    /// Why an earlier plan stalled, for the steps a re-plan created in its place.
    var replanCauses: [Int: String] = [:]
    /// The progress ledgers a model wrote in this turn, oldest first (not those the engine derived).
    var verdicts: [ProgressLedger] = []
    /// Whether the latest progress entry was the model's (not derived by the engine).
    var lastEntryByModel = false

    /// The judge's latest word on whether the request is satisfied, when the latest entry is
    /// the model's.
    var verdict: LedgerAnswer<Bool>? {
        lastEntryByModel ? verdicts.last?.isRequestSatisfied : nil
    }
    /// Set when the plan finished but the last verdict said the request was not satisfied and no
    /// re-plan was left to add the missing work: the reason the judge gave.
    var unsatisfied: String?
    /// Steps that failed because the user denied their handoff: the user decided, so a finished
    /// plan is not extended to do them another way.
    var deniedByUser: Set<Int> = []
    /// Set when the judge found the request satisfied before the plan's end (the rest was skipped).
    var satisfiedEarly = false
    /// The steps finished last, not judged yet because nothing was left to run: the orchestrator
    /// judges them while the final answer is already being written.
    var finalBatch: FinalBatch?
    /// When set, a finished step's dependents wait until the progress ledger has judged it.
    var holdsUntilJudged = false
    /// Done steps the progress ledger has not judged yet (their dependents wait).
    private(set) var unjudged: Set<Int> = []
    /// A pending step the ledger is deciding about: it is not launched until the verdict is in.
    var awaitingVerdict: Int?

    /// Position of each step in the plan, so lookups are O(1) on 1000-step plans.
    private var index: [Int: Int] = [:]
    /// Unfinished dependencies of each pending step.
    private var waitingOn: [Int: Int] = [:]
    private var dependents: [Int: [Int]] = [:]
    /// Steps whose dependents no longer wait for them (done, or skipped by the user).
    private var released: Set<Int> = []
    /// Pending steps whose dependencies are all done, in id order: the scheduler's ready queue.
    private(set) var ready: [Int] = []
    private var counts: [StepState: Int] = [:]
    /// No step before this position in the plan is pending (steps past it may not be either).
    private var pendingFrom = 0

    init(ledger: TaskLedger) {
        self.ledger = ledger
        rebuildSchedule()
    }

    /// What briefs draw from: the facts and the artifacts of finished steps.
    var memory: WorkingMemory {
        WorkingMemory(facts: ledger.facts, artifacts: artifacts)
    }

    /// The plan; replacing it (a re-plan) rebuilds the schedule.
    var plan: Plan {
        get { ledger.plan }
        set {
            ledger.plan = newValue
            rebuildSchedule()
        }
    }

    /// The step with `id`, in O(1).
    func step(_ id: Int) -> PlanStep? {
        index[id].map { ledger.plan.steps[$0] }
    }

    /// The first pending step in plan order (waiting for a slot, the pause, or its dependencies).
    /// Kept as the run goes: steps leave the pending state mostly in plan order, so it moves
    /// forward a step or two at a time; a step set pending again (a retry) moves it back.
    var firstPending: Int? {
        mutating get {
            let steps = ledger.plan.steps
            while pendingFrom < steps.count, steps[pendingFrom].state != .pending { pendingFrom += 1 }
            return pendingFrom < steps.count ? steps[pendingFrom].id : nil
        }
    }

    /// Steps in `state`, in O(1).
    func count(_ state: StepState) -> Int {
        counts[state, default: 0]
    }

    /// Sets a step's state, keeping the counts and the ready queue current.
    mutating func setState(_ state: StepState, of id: Int) {
        guard let position = index[id] else { return }
        let old = ledger.plan.steps[position].state
        guard old != state else { return }
        ledger.plan.steps[position].state = state
        counts[old, default: 0] -= 1
        counts[state, default: 0] += 1
        if old == .pending {
            let (queued, found) = readyPosition(of: id)
            if found { ready.remove(at: queued) }
        }
        if state == .pending {
            pendingFrom = min(pendingFrom, position)
            if waitingOn[id, default: 0] == 0 { insertReady(id) }
        }
        guard state == .done else { return }
        if holdsUntilJudged {
            unjudged.insert(id)
        } else {
            releaseDependents(of: id)
        }
    }

    /// The progress ledger has judged `ids`: their dependents may start.
    mutating func markJudged(_ ids: some Sequence<Int>) {
        for id in ids where unjudged.remove(id) != nil { releaseDependents(of: id) }
    }

    /// The pending steps whose dependencies are all done and of which some are still unjudged.
    var heldForJudgement: [Int] {
        Set(unjudged.flatMap { dependents[$0] ?? [] }).filter { id in
            guard let step = self.step(id), step.state == .pending else { return false }
            return step.dependsOn.allSatisfy { self.step($0)?.state == .done || released.contains($0) }
        }.sorted()
    }

    /// Lets the dependents of step `id` run without its result (the user skipped it).
    mutating func skipKeepingDependents(_ id: Int) {
        setState(.skipped, of: id)
        releaseDependents(of: id)
    }

    private mutating func releaseDependents(of id: Int) {
        guard released.insert(id).inserted else { return }
        for dependent in dependents[id] ?? [] {
            waitingOn[dependent, default: 0] -= 1
            if waitingOn[dependent] == 0, self.step(dependent)?.state == .pending { insertReady(dependent) }
        }
    }

    /// Gives step `id` to `persona`, with the reason the brief will carry.
    mutating func reassign(_ id: Int, to persona: String, reason: String) {
        guard let position = index[id] else { return }
        ledger.plan.steps[position].persona = persona
        ledger.plan.steps[position].routingReason = reason
    }

    private mutating func insertReady(_ id: Int) {
        let (position, found) = readyPosition(of: id)
        if !found { ready.insert(id, at: position) }
    }

    /// Where `id` is, or would go, in the ready queue (kept in id order), by binary search.
    private func readyPosition(of id: Int) -> (Int, found: Bool) {
        var (low, high) = (0, ready.count)
        while low < high {
            let middle = (low + high) / 2
            if ready[middle] < id { low = middle + 1 } else { high = middle }
        }
        return (low, low < ready.count && ready[low] == id)
    }

    private mutating func rebuildSchedule() {
        let steps = ledger.plan.steps
        index = Dictionary(steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        counts = [:]
        pendingFrom = 0
        dependents = [:]
        waitingOn = [:]
        unjudged = unjudged.filter { index[$0] != nil }
        // Done and judged steps release their dependents, and so do steps the user skipped
        // keeping their dependents (a sub-plan's splice rebuilds the schedule after them).
        let skippedByUser = released
        released = Set(
            steps.filter {
                ($0.state == .done && !unjudged.contains($0.id)) || ($0.state == .skipped && skippedByUser.contains($0.id))
            }.map(\.id))
        for step in steps {
            counts[step.state, default: 0] += 1
            for dependency in step.dependsOn { dependents[dependency, default: []].append(step.id) }
            waitingOn[step.id] = step.dependsOn.filter { !released.contains($0) }.count
        }
        ready = steps.filter { $0.state == .pending && waitingOn[$0.id] == 0 }.map(\.id).sorted()
    }

    /// Completed if every step is done (and the judge did not say the request is unsatisfied) or
    /// the judge found the request satisfied before the rest was needed; partial if some steps
    /// are done, failed if none.
    var outcome: TurnOutcome {
        let done = count(.done)
        if done + count(.expanded) == plan.steps.count && !escalated && unsatisfied == nil { return .completed }
        if satisfiedEarly && done > 0 && count(.failed) == 0 && !escalated { return .completed }
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

/// The last finished steps of a run, for the progress ledger's final judgement.
struct FinalBatch: Sendable, Equatable {
    var steps: [Int]
    /// Whether one of them repeated an earlier answer of its persona for its step.
    var repeated: Bool
}
