/// Where a step is in its life.
public enum StepState: String, Sendable, Codable, Equatable {
    case pending, running, done, failed, skipped, cancelled
    /// Replaced by a sub-plan of its persona (hierarchical planning); its sub-steps do the work.
    case expanded
    /// Beyond the model that ran it: the built-in offline model said the step needs a language
    /// model. Not a failure of the persona, and not retried or re-planned onto the same model.
    case needsModel = "needs_model"

    /// Whether the worker came back with an answer: done, or said the step needs a language
    /// model (its handoff completed; there is nothing to retry or re-plan).
    public var isAnswered: Bool { self == .done || self == .needsModel }

    /// Whether the step will not run again in this turn.
    public var isFinal: Bool { self != .pending && self != .running }
}
