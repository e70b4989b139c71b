public import Foundation

/// What the shell does to its process, given by the program that runs it (the `troupe`
/// executable), so the shell library itself neither replaces nor ends the process and can be
/// driven in-process by tests or an embedder.
public struct ProcessActs: Sendable {
    /// Replaces the process with the same program resuming the session recorded in the file;
    /// returns only when that could not be done, with why.
    public var resume: @Sendable (_ transcript: URL) -> String
    /// Ctrl-C at the prompt when input is piped: there is no line to discard, so the program ends.
    public var interruptedWithoutTerminal: @Sendable () -> Void

    public init(
        resume: @escaping @Sendable (_ transcript: URL) -> String,
        interruptedWithoutTerminal: @escaping @Sendable () -> Void
    ) {
        self.resume = resume
        self.interruptedWithoutTerminal = interruptedWithoutTerminal
    }

    /// For a shell that is not the process (a test, an embedding): `/resume` says it cannot, and
    /// Ctrl-C without a terminal is ignored.
    public static let inProcess = ProcessActs(
        resume: { _ in "resuming replaces the process, which this shell does not own" }, interruptedWithoutTerminal: {})
}
