/// What the team knows while a plan runs, shared by every step: the task ledger's facts and the
/// artifacts of finished steps. Briefs draw from it; `view(for:)` is one persona's share.
public struct WorkingMemory: Sendable, Codable, Equatable {
    public var facts: TaskFacts
    /// Artifacts by the step that produced them.
    public var artifacts: [Int: [StepArtifact]]

    public init(facts: TaskFacts = TaskFacts(), artifacts: [Int: [StepArtifact]] = [:]) {
        self.facts = facts
        self.artifacts = artifacts
    }

    /// Every artifact with the step that produced it, in step order.
    public var allArtifacts: [(step: Int, artifact: StepArtifact)] {
        artifacts.keys.sorted().flatMap { step in artifacts[step, default: []].map { (step, $0) } }
    }
}

/// One persona's view of the ledgers: its steps, the facts it works from, the progress-ledger
/// entries about its work or naming it next, and the artifacts its steps produced or consume.
public struct PersonaLedgerView: Sendable, Equatable {
    public var persona: String
    public var steps: [PlanStep]
    public var facts: TaskFacts
    public var progress: [ProgressLedgerUpdated]
    /// Artifacts of this persona's steps and of the steps they depend on.
    public var artifacts: [Int: [StepArtifact]]

    /// `persona`'s share of `ledger`, `progress` and `memory`.
    public init(persona: String, ledger: TaskLedger, progress: [ProgressLedgerUpdated], memory: WorkingMemory) {
        self.persona = persona
        steps = ledger.plan.steps.filter { $0.persona == persona }
        facts = ledger.facts
        let own = Set(steps.map(\.id))
        self.progress = progress.filter { own.contains($0.afterStep) || $0.ledger.nextSpeaker.answer == persona }
        let relevant = own.union(steps.flatMap(\.dependsOn))
        artifacts = memory.artifacts.filter { relevant.contains($0.key) }
    }
}
