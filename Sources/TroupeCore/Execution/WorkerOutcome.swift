import Foundation

/// What a worker brought back from a brief.
struct WorkerOutcome: Sendable, Equatable {
    var output: String
    var usage: TokenUsage
    var toolCalls: Int
    /// Workspace files its tools read or wrote, in the order they were first touched.
    var filesTouched: [String]
    /// The model said the brief is beyond it: the step needs a language model.
    var needsLanguageModel = false
}
