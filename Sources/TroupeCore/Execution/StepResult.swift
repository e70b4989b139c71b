import Foundation

/// The result of running one step, with every attempt folded in: its status, the persona that
/// ran it last, the answer and what it produced.
public struct StepResult: Sendable, Equatable {
    public var step: Int
    public var persona: String
    public var status: StepState
    public var output: String
    /// Code blocks of the answer and the files its tools touched (empty unless done).
    public var artifacts: [StepArtifact] = []
    public var tokens: Int
    public var durationMs: Int

    /// Set when the step failed because the user denied its handoff.
    public var deniedByUser = false

    /// The first line of the answer, for one-line displays.
    public var summary: String { SummaryLine.of(output) }
}
