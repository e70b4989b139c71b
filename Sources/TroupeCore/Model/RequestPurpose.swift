import Foundation

/// Why the engine is calling a model. Providers ignore it; the offline and scripted models and
/// transcripts use it to tell planning from work without reading the prose.
public enum RequestPurpose: String, Sendable, Codable, Equatable, CaseIterable {
    /// The orchestrator turns a request into a plan (or a direct answer).
    case plan
    /// The orchestrator updates the progress ledger after a step.
    case progressLedger = "progress_ledger"
    /// The orchestrator revises facts and plans the remaining work after repeated stalls.
    case replan
    /// A worker carries out a brief.
    case work
    /// The orchestrator writes the final answer from the step results.
    case synthesis
}
