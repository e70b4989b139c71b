import Foundation

/// The result of running one step, with every attempt folded in.
struct StepRun: Sendable {
    var step: Int
    var persona: String
    var status: StepState
    var output: String
    var tokens: Int
    var durationMs: Int
}

/// Runs one step: handoff to the chosen persona, retry with backoff, then fall back to the next
/// capable healthy persona. Never throws: failures and cancellation come back as a status.
struct StepExecution: Sendable {
    let runner: WorkerRunner
    let registry: AgentRegistry
    let bus: EventBus
    let configuration: OrchestratorConfiguration
    let nextHandoffID: @Sendable () async -> String

    func run(_ step: PlanStep, brief: Brief, fallbacks: [String]) async -> StepRun {
        let started = ContinuousClock.now
        var tokens = 0
        var lastError = "no attempt was made"
        let personas = [step.persona] + fallbacks.filter { $0 != step.persona }.prefix(1)
        var attempt = 0
        for (index, name) in personas.enumerated() {
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
                    return StepRun(
                        step: step.id, persona: name, status: .done, output: result.output, tokens: tokens,
                        durationMs: started.duration(to: .now).milliseconds)
                case .cancelled:
                    return StepRun(
                        step: step.id, persona: name, status: .cancelled, output: "cancelled", tokens: tokens,
                        durationMs: started.duration(to: .now).milliseconds)
                default:
                    lastError = result.output
                    if result.budgetExhausted { break attempts }
                }
            }
        }
        let status: StepState = Task.isCancelled ? .cancelled : .failed
        return StepRun(
            step: step.id, persona: personas.last ?? step.persona, status: status, output: lastError, tokens: tokens,
            durationMs: started.duration(to: .now).milliseconds)
    }

    /// One handoff: initiated, the worker runs, completed (with its status).
    private func handoff(_ step: PlanStep, brief: Brief, to persona: Persona) async -> HandoffResult {
        let id = await nextHandoffID()
        let briefTokens = TokenEstimate.tokens(in: (try? JSONCoding.string(brief)) ?? "")
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
        var budgetExhausted = false
        do {
            let outcome = try await runner.run(brief, as: persona)
            try Task.checkCancellation()
            (status, output, tokens) = (.done, outcome.output, outcome.usage.total)
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
        return HandoffResult(status: status, output: output, tokens: tokens, budgetExhausted: budgetExhausted)
    }

    /// What one handoff came back with.
    struct HandoffResult {
        var status: StepState
        var output: String
        var tokens: Int
        /// The call was refused by a budget: retrying the same persona is pointless.
        var budgetExhausted: Bool
    }

    static func describe(_ error: any Error) -> String {
        if let localized = error as? any LocalizedError, let text = localized.errorDescription { return text }
        return "\(error)"
    }
}
