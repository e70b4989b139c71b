public import Foundation

/// A worker that failed (a model error, a budget, too many rounds) and the tokens its model calls
/// used before it did: they were spent, and the turn's usage counts them.
public struct WorkerFailure: Error, LocalizedError {
    public var underlying: any Error
    public var usage: TokenUsage

    public var errorDescription: String? { StepExecution.describe(underlying) }
}
