import Foundation

/// A worker that failed (a model error, a budget, too many rounds) and the tokens its model calls
/// used before it did: they were spent, and the turn's usage counts them.
struct WorkerFailure: Error, LocalizedError {
    var underlying: any Error
    var usage: TokenUsage

    var errorDescription: String? { StepExecution.describe(underlying) }
}
