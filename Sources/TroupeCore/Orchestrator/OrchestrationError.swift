public import Foundation

/// Why the orchestrator could not do something.
public enum OrchestrationError: Error, Equatable, Sendable, LocalizedError {
    /// The session has no orchestrator persona.
    case noOrchestrator
    /// No worker persona can take work.
    case noWorkers
    /// `@name` named a persona that is not loaded.
    case unknownPersona(name: String, known: [String])
    /// A token or model-call budget ran out.
    case budgetExhausted(reason: String)
    /// A worker kept calling tools past its round limit.
    case workerDidNotFinish(persona: String, rounds: Int)

    public var errorDescription: String? {
        switch self {
        case .noOrchestrator:
            return "no persona named 'orchestrator' is loaded; add personas/orchestrator.md or remove the broken one"
        case .noWorkers:
            return "no worker persona can take work; check the persona files with 'troupe personas validate'"
        case .unknownPersona(let name, let known):
            return "no persona named '\(name)'; known: \(known.joined(separator: ", "))"
        case .budgetExhausted(let reason):
            return "budget exhausted: \(reason)"
        case .workerDidNotFinish(let persona, let rounds):
            return "\(persona) was still calling tools after \(rounds) rounds; its step was stopped"
        }
    }
}
