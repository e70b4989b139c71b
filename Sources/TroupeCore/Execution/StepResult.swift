import Foundation

/// The result of running one step, with every attempt folded in: its status, the persona that
/// ran it last, the answer and what it produced.
struct StepResult: Sendable, Equatable {
    var step: Int
    var persona: String
    var status: StepState
    var output: String
    /// Code blocks of the answer and the files its tools touched (empty unless done).
    var artifacts: [StepArtifact] = []
    var tokens: Int
    var durationMs: Int

    /// Set when the step failed because the user denied its handoff.
    var deniedByUser = false

    /// The first line of the answer, for one-line displays.
    var summary: String { SummaryLine.of(output) }
}
