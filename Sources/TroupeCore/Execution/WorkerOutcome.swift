import Foundation

/// What a worker brought back from a brief.
public struct WorkerOutcome: Sendable, Equatable {
    public var output: String
    public var usage: TokenUsage
    public var toolCalls: Int
    /// Workspace files its tools read or wrote, in the order they were first touched.
    public var filesTouched: [String]
    /// The model said the brief is beyond it: the step needs a language model.
    public var needsLanguageModel = false
}
