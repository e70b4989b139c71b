/// Results → answer. Asks the orchestrator model for the final answer from the results grouped
/// per persona; if that fails, the engine lists the results itself, grouped the same way, and says so.
struct SynthesisStage: Sendable {
    let gateway: ModelGateway
    let orchestrator: Persona
    /// Each persona's description, by name.
    let roles: [String: String]

    /// The answer for `run`, its streamed pieces sent through `gate` (straight to the bus when nil).
    func answer(for run: PlanRun, gate: AnswerGate? = nil) async -> Synthesis {
        let context = SynthesisContext(
            request: run.ledger.request, facts: run.ledger.facts, results: run.orderedReports, roles: roles,
            stopReason: run.stopReason, verdict: run.verdict)
        do {
            let gate = gate ?? AnswerGate(bus: gateway.bus, open: true)
            let response = try await gateway.call(OrchestratorPrompts.synthesis(orchestrator: orchestrator, context: context)) {
                gate.send($0)
            }
            let text = response.message.content.trimmingASCIIWhitespace
            if !text.isEmpty { return Synthesis(answer: text) }
        } catch {
            if Task.isCancelled { return Synthesis(answer: "") }
        }
        return Synthesis(answer: Self.plainAnswer(context))
    }

    /// The step results by persona, for when no model could write the answer.
    static func plainAnswer(_ context: SynthesisContext) -> String {
        var lines = ["The final answer could not be written by the model; here are the step results:"]
        for group in context.resultsByPersona {
            lines.append(group.role.isEmpty ? "\(group.persona):" : "\(group.persona) — \(group.role)")
            for report in group.results {
                lines.append("  \(report.step). \(report.title) (\(report.status.rawValue)): \(report.output)")
            }
        }
        if let stop = context.stopReason { lines.append("Stopped early: \(stop)") }
        if let verdict = context.verdict, !verdict.answer { lines.append("Not satisfied yet: \(verdict.reason)") }
        return lines.joined(separator: "\n")
    }
}
