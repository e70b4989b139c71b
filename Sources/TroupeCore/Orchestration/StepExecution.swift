import Foundation
import Synchronization

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

    /// The first line of the answer, for one-line displays.
    public var summary: String { Orchestrator.summaryLine(output) }
}

/// Runs one step: handoff to the chosen persona, retry with backoff, then fall back to the next
/// capable healthy persona. Never throws: failures and cancellation come back as a status.
struct StepExecution: Sendable {
    let runner: WorkerRunner
    let registry: AgentRegistry
    let bus: EventBus
    let configuration: OrchestratorConfiguration
    let handoffs: HandoffCounter

    /// Runs `step`; when its persona fails every attempt and `allowFallback`, tries the next
    /// capable healthy persona, then the persona it `escalates_to` if that is a worker (both
    /// chosen only then, so the common path costs no extra lookups). What still fails goes back
    /// to the orchestrator, whose ledger and synthesis tell the user.
    func run(_ step: PlanStep, brief: Brief, allowFallback: Bool) async -> StepResult {
        let started = ContinuousClock.now
        var tokens = 0
        var lastError = "no attempt was made"
        var personas = [step.persona]
        var attempt = 0
        var index = 0
        while index < personas.count {
            let name = personas[index]
            defer { index += 1 }
            guard let persona = await registry.agent(name)?.persona else { continue }
            if index > 0 {
                bus.publish(.taskAssigned(TaskAssigned(step: step.id, persona: name, reason: "fallback after: \(lastError)")))
            }
            attempts: for _ in 0..<configuration.attemptsPerPersona {
                if attempt > 0 {
                    let wait = configuration.retryBackoff * (1 << min(attempt - 1, 6))
                    do { try await Task.sleep(for: wait) } catch { break }
                }
                attempt += 1
                if Task.isCancelled { break }
                let result = await handoff(step, brief: brief, to: persona)
                tokens += result.tokens
                switch result.status {
                case .done:
                    let artifacts = StepArtifact.extract(from: result.output, filesTouched: result.filesTouched).map {
                        var artifact = $0
                        artifact.step = step.id
                        return artifact
                    }
                    return StepResult(
                        step: step.id, persona: name, status: .done, output: result.output, artifacts: artifacts,
                        tokens: tokens, durationMs: started.duration(to: .now).milliseconds)
                case .cancelled:
                    return StepResult(
                        step: step.id, persona: name, status: .cancelled, output: "cancelled", tokens: tokens,
                        durationMs: started.duration(to: .now).milliseconds)
                default:
                    lastError = result.output
                    if result.budgetExhausted { break attempts }
                }
            }
            if index == 0, allowFallback, !Task.isCancelled {
                if let fallback = await fallbackPersona(for: step) { personas.append(fallback) }
                if let target = persona.escalatesTo, !personas.contains(target),
                    await registry.agent(target)?.persona.isWorker == true
                {
                    personas.append(target)
                }
            }
        }
        let status: StepState = Task.isCancelled ? .cancelled : .failed
        return StepResult(
            step: step.id, persona: personas.last ?? step.persona, status: status, output: lastError, tokens: tokens,
            durationMs: started.duration(to: .now).milliseconds)
    }

    /// One handoff: initiated, the worker runs, completed (with its status).
    private func handoff(_ step: PlanStep, brief: Brief, to persona: Persona) async -> HandoffResult {
        let id = handoffs.next()
        let briefTokens = brief.estimatedTokens
        bus.publish(
            .handoffInitiated(
                HandoffInitiated(
                    handoff: id, from: brief.requestedBy, to: persona.name, step: brief.step, briefTokens: briefTokens,
                    facts: brief.facts.count, dependencies: brief.dependencyResults.count)))
        await registry.taskStarted(persona.name)
        let started = ContinuousClock.now
        let status: StepState
        let output: String
        var tokens = 0
        var files: [String] = []
        var budgetExhausted = false
        do {
            let outcome = try await runner.run(brief, as: persona)
            try Task.checkCancellation()
            (status, output, tokens, files) = (.done, outcome.output, outcome.usage.total, outcome.filesTouched)
        } catch is CancellationError {
            (status, output) = (.cancelled, "cancelled")
        } catch {
            (status, output) = (Task.isCancelled ? .cancelled : .failed, Self.describe(error))
            if case OrchestrationError.budgetExhausted = error { budgetExhausted = true }
        }
        let durationMs = started.duration(to: .now).milliseconds
        if status != .cancelled {
            await registry.taskFinished(persona.name, succeeded: status == .done, latencyMs: durationMs, tokens: tokens)
        } else {
            await registry.taskCancelled(persona.name)
        }
        bus.publish(
            .handoffCompleted(
                HandoffCompleted(
                    handoff: id, from: persona.name, to: brief.requestedBy, step: brief.step, status: status,
                    durationMs: durationMs, tokens: tokens)))
        return HandoffResult(
            status: status, output: output, tokens: tokens, filesTouched: files, budgetExhausted: budgetExhausted)
    }

    /// What one handoff came back with.
    struct HandoffResult {
        var status: StepState
        var output: String
        var tokens: Int
        var filesTouched: [String]
        /// The call was refused by a budget: retrying the same persona is pointless.
        var budgetExhausted: Bool
    }

    /// The best capable persona other than the step's own that routing may use now.
    private func fallbackPersona(for step: PlanStep) async -> String? {
        await registry.suggestAgents(for: "\(step.title) \(step.details)", excluding: [step.persona]).first?.persona
    }

    static func describe(_ error: any Error) -> String {
        if let localized = error as? any LocalizedError, let text = localized.errorDescription { return text }
        return "\(error)"
    }
}

/// Handoff ids `h1`, `h2`, … for one orchestrator, safe to take from any task.
final class HandoffCounter: Sendable {
    private let count = Atomic<Int>(0)

    func next() -> String {
        "h\(count.add(1, ordering: .relaxed).newValue)"
    }
}
