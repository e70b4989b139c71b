/// When the progress ledger is asked of the model.
public enum ProgressLedgerPolicy: String, Sendable, Equatable, CaseIterable {
    /// After every step (Magentic-One): one model call per step, judged before the next launch.
    case everyStep = "every_step"
    /// Only when something looks wrong (a failed step, a repeated result, stalls counted);
    /// otherwise the engine derives the ledger from the plan. Saves a model call per step.
    case onTrouble = "on_trouble"
}
