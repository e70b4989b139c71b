import Foundation

/// Runs one step: handoff to the chosen persona, retry with backoff, then fall back to the next
/// capable healthy persona. Never throws: failures and cancellation come back as a status.
struct StepExecution: Sendable {
    let runner: WorkerRunner
    let registry: AgentRegistry
    let bus: EventBus
    let configuration: OrchestratorConfiguration
    let handoffs: HandoffTracker
    /// Asked before risky handoffs; nil approves everything (library use without a user).
    let approvals: HandoffApprovals?
    let budget: BudgetTracker?

    /// What a step the user's interrupt stopped before it finished reports.
    static let cancelledBeforeFinishing = "cancelled before it finished"

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
        var handedOff = false
        var index = 0
        var deniedByUser = false
        while index < personas.count {
            let name = personas[index]
            defer { index += 1 }
            guard let persona = await registry.agent(name)?.persona else { continue }
            let reason = index == 0 ? brief.reason : "fallback after: \(lastError)"
            if index > 0 { bus.publish(.taskAssigned(TaskAssigned(step: step.id, persona: name, reason: reason))) }
            attempts: for _ in 0..<configuration.attemptsPerPersona {
                if attempt > 0 {
                    let wait = configuration.retryBackoff * (1 << min(attempt - 1, 6))
                    do { try await Task.sleep(for: wait) } catch { break }
                }
                attempt += 1
                if Task.isCancelled { break }
                handedOff = true
                let result = await handoff(brief, to: persona, reason: reason)
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
                case .needsModel:
                    // Another attempt or persona on the same model would answer the same.
                    return StepResult(
                        step: step.id, persona: name, status: .needsModel, output: result.output, tokens: tokens,
                        durationMs: started.duration(to: .now).milliseconds)
                case .cancelled:
                    return StepResult(
                        step: step.id, persona: name, status: .cancelled, output: "cancelled", tokens: tokens,
                        durationMs: started.duration(to: .now).milliseconds)
                default:
                    lastError = result.output
                    deniedByUser = result.denied
                    if result.retryIsPointless { break attempts }
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
        // Cancelled before its first handoff, it reads as a step the interrupt closed before it
        // ran: whether its task had started by then is a race no event records, and a replay
        // must not tell the two apart.
        let output = status == .cancelled && !handedOff ? Self.cancelledBeforeFinishing : lastError
        var result = StepResult(
            step: step.id, persona: personas.last ?? step.persona, status: status, output: output, tokens: tokens,
            durationMs: started.duration(to: .now).milliseconds)
        result.deniedByUser = deniedByUser
        return result
    }

    /// One handoff through the protocol: initiated; approved if the policy asks; accepted and
    /// run; then completed, or failed (cancelled included) and rolled back. A rejection (the
    /// user denied it) is rolled back at once. Nothing of the run's ledgers or working memory is
    /// touched here — results are committed by the orchestrator only after a completed handoff —
    /// so a rollback has only the receiver's load to release.
    private func handoff(
        _ brief: Brief, to persona: Persona, reason: String, parent: String? = nil, hops: [Delegation.Hop] = []
    ) async -> HandoffResult {
        let id = handoffs.initiate(from: brief.requestedBy, to: persona.name, brief: brief, reason: reason, parent: parent)
        let hops = hops + [Delegation.Hop(from: brief.requestedBy, to: persona.name)]
        if let decision = await approvals?.review(
            handoff: id, requestedBy: brief.requestedBy, persona: persona, brief: brief, spentUSD: budget?.spentUSD ?? 0,
            bus: bus), case .deny(let why) = decision
        {
            let denial = "the handoff to \(persona.name) was not approved" + (why.isEmpty ? "" : ": \(why)")
            try? handoffs.reject(id, reason: denial)
            try? handoffs.rollback(id, reason: denial)
            return HandoffResult(
                status: .failed, output: denial, tokens: 0, filesTouched: [], retryIsPointless: true, denied: true)
        }
        if Task.isCancelled {
            try? handoffs.reject(id, reason: "cancelled before it started")
            try? handoffs.rollback(id, reason: "cancelled before it started")
            return HandoffResult(status: .cancelled, output: "cancelled", tokens: 0, filesTouched: [], retryIsPointless: true)
        }
        try? handoffs.accept(id)
        await registry.taskStarted(persona.name)
        let started = ContinuousClock.now
        let status: StepState
        let output: String
        var tokens = 0
        var files: [String] = []
        var retryIsPointless = false
        do {
            let outcome = try await runner.run(brief, as: persona) { call in
                await delegate(call, from: persona, within: brief, handoff: id, hops: hops)
            }
            try Task.checkCancellation()
            (status, output, tokens, files) = (
                outcome.needsLanguageModel ? .needsModel : .done, outcome.output, outcome.usage.total, outcome.filesTouched
            )
        } catch is CancellationError {
            (status, output) = (.cancelled, "cancelled")
        } catch let failure as WorkerFailure {
            (status, output, tokens) = (Task.isCancelled ? .cancelled : .failed, Self.describe(failure), failure.usage.total)
            if case OrchestrationError.budgetExhausted = failure.underlying { retryIsPointless = true }
        } catch {
            (status, output) = (Task.isCancelled ? .cancelled : .failed, Self.describe(error))
        }
        let durationMs = started.duration(to: .now).milliseconds
        if status != .cancelled {
            // Work beyond the model is not a failure of the persona's health.
            await registry.taskFinished(
                persona.name, succeeded: status.isAnswered, latencyMs: durationMs, tokens: tokens)
        } else {
            await registry.taskCancelled(persona.name)
        }
        if status.isAnswered {
            try? handoffs.complete(
                id, from: persona.name, to: brief.requestedBy, output: output, tokens: tokens, durationMs: durationMs,
                status: status)
        } else {
            try? handoffs.fail(
                id, from: persona.name, to: brief.requestedBy, status: status, error: output, tokens: tokens,
                durationMs: durationMs)
            try? handoffs.rollback(id, reason: status == .cancelled ? "cancelled" : output)
        }
        return HandoffResult(
            status: status, output: output, tokens: tokens, filesTouched: files, retryIsPointless: retryIsPointless)
    }

    /// A worker's `handoff` call: a nested handoff whose answer is the tool's result. Direct when
    /// the sender `can_delegate` and the receiver `can_be_delegated_to`; otherwise routed through
    /// the orchestrator, which hands it on itself (to the best capable persona if the named one
    /// cannot take delegated work). Ping-pong and runaway chains are refused; no capable persona
    /// is a capability gap, escalated to the user.
    private func delegate(
        _ call: ToolCall, from sender: Persona, within parent: Brief, handoff parentID: String, hops: [Delegation.Hop]
    ) async -> ToolOutput {
        let arguments: Delegation.Arguments
        switch Delegation.Arguments.parse(call) {
        case .success(let parsed): arguments = parsed
        case .failure(let error): return ToolOutput(text: "error: \(error.text)", summary: "bad handoff call", isError: true)
        }
        let named = await registry.agent(arguments.to)?.persona
        let direct = sender.canDelegate && named?.isWorker == true && named?.canBeDelegatedTo == true
        var receiver = named.flatMap { $0.isWorker && $0.canBeDelegatedTo && $0.name != sender.name ? $0 : nil }
        var reason = "\(sender.name): \(arguments.reason)"
        if !direct {
            reason += sender.canDelegate ? "" : " (routed through the orchestrator: \(sender.name) may not delegate)"
            if receiver == nil,
                let best = await registry.suggestAgents(for: arguments.instruction, excluding: [sender.name]).first
            {
                receiver = await registry.agent(best.persona)?.persona
                reason += " ('\(arguments.to)' cannot take it; routed by \(best.reason))"
            }
        }
        let requestedBy = direct ? sender.name : "orchestrator"
        let brief = Brief(
            request: parent.request, step: parent.step, instruction: arguments.instruction, facts: parent.facts,
            constraints: ["Handed to you by \(sender.name) while it works on: \(parent.instruction)", "Answer it yourself."],
            tokenBudget: parent.tokenBudget, requestedBy: requestedBy, reason: reason)
        guard let receiver else {
            let gap = "no capable healthy persona for '\(arguments.instruction)' (asked by \(sender.name))"
            bus.publish(.escalated(Escalated(reason: "capability gap: \(gap)")))
            return ToolOutput(
                text: "error: \(gap); do what you can and say what is missing", summary: "no one to hand to", isError: true)
        }
        let made = parent.step.map(handoffs.count(forStep:)) ?? 0
        if let refusal = Delegation.refusal(after: hops, from: sender.name, to: receiver.name, madeOnStep: made) {
            let id = handoffs.initiate(from: requestedBy, to: receiver.name, brief: brief, reason: reason, parent: parentID)
            try? handoffs.reject(id, reason: refusal)
            try? handoffs.rollback(id, reason: refusal)
            return ToolOutput(text: "error: \(refusal)", summary: "handoff refused", isError: true)
        }
        let result = await handoff(brief, to: receiver, reason: reason, parent: parentID, hops: hops)
        guard result.status == .done else {
            return ToolOutput(
                text: "error: the handoff to \(receiver.name) \(result.status.rawValue): \(result.output)",
                summary: "\(receiver.name) \(result.status.rawValue)", isError: true)
        }
        return ToolOutput(
            text: "\(receiver.name) answered:\n\(result.output)",
            summary: "\(receiver.name): \(SummaryLine.of(result.output))",
            files: result.filesTouched)
    }

    /// What one handoff came back with.
    struct HandoffResult {
        var status: StepState
        var output: String
        var tokens: Int
        var filesTouched: [String]
        /// Refused by a budget or by the user: retrying the same persona is pointless.
        var retryIsPointless: Bool
        /// The user denied the handoff.
        var denied = false
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
