import Foundation

/// The offline model's progress ledger and final answer, derived from the plan's state.
enum OfflineJudge {
    static func progress(_ context: ProgressContext) throws -> String {
        let plan = context.plan
        let done = plan.filter { $0.state == .done }.count
        let next = context.nextStep
        let unfinished = context.finished.filter { $0.status != .done }
        let finished = context.finished.map { "step \($0.step)" }.joined(separator: ", ")
        let ledger = ProgressLedger(
            isRequestSatisfied: LedgerAnswer(
                reason: "\(done) of \(plan.count) steps are done", answer: done == plan.count),
            isInLoop: LedgerAnswer(reason: "each step ran once", answer: false),
            isProgressBeingMade: LedgerAnswer(
                reason: unfinished.isEmpty
                    ? "\(finished) finished"
                    : unfinished.map { "step \($0.step) \($0.status.rawValue)" }.joined(separator: ", "),
                answer: unfinished.isEmpty),
            nextSpeaker: LedgerAnswer(
                reason: next.map { "step \($0.id) is next, as planned" } ?? "no step is waiting for its turn",
                answer: next?.persona ?? "none"),
            instructionOrQuestion: LedgerAnswer(reason: "the plan's step", answer: next?.title ?? "write the final answer"))
        return try JSONCoding.string(ledger)
    }

    /// Re-issues the unfinished steps, each with the next capable persona, and says why.
    static func replan(_ context: ReplanContext) throws -> String {
        let unfinished = context.results.filter { $0.status != .done }
        var newID: [Int: Int] = [:]
        for (offset, report) in unfinished.enumerated() { newID[report.step] = context.nextStepID + offset }
        let steps = unfinished.map { report -> PlanDraft.Step in
            let others = context.team.filter { $0.name != report.persona }
            let route = CapabilityRouter.rank(report.title, among: others).first
            return PlanDraft.Step(
                id: newID[report.step]!, title: report.title, persona: route?.persona ?? report.persona,
                dependsOn: [], reason: "re-plan: \(report.persona) did not finish; \(route?.reason ?? "no other capable persona")"
            )
        }
        let cause = unfinished.map { "step \($0.step) (\($0.persona)) \($0.status.rawValue)" }.joined(separator: ", ")
        var facts = context.facts
        facts.educatedGuesses.append(
            "the stalled steps may need a different persona or a language model (revised after: \(context.stallReason))")
        return try JSONCoding.string(ReplanDraft(rootCause: "\(cause): \(context.stallReason)", facts: facts, steps: steps))
    }

    static func synthesis(_ context: SynthesisContext) -> String {
        var sections: [String] = []
        let done = context.results.filter { $0.status == .done }
        var lead: Int?
        if let last = done.last,
            OfflinePlanner.summarizingCapabilities.contains(where: { last.title.lowercased().contains($0.prefix(6)) })
        {
            sections.append(last.output)
            lead = last.step
        }
        var lines: [String] = []
        for group in context.resultsByPersona {
            lines.append("  \(group.persona)" + (group.role.isEmpty ? "" : " — \(group.role)"))
            for report in group.results {
                let mark = report.status == .done ? "✓" : "✗ \(report.status.rawValue)"
                let shown = report.step == lead ? 1 : 12
                let body = report.output.split(separator: "\n").prefix(shown).joined(separator: "\n       ")
                lines.append("    \(report.step). \(report.title) \(mark)\n       \(body)")
            }
        }
        sections.append("Results by persona:\n" + lines.joined(separator: "\n"))
        if let stop = context.stopReason { sections.append("Stopped early: \(stop)") }
        let missing = context.results.filter { $0.status != .done }
        if !missing.isEmpty {
            sections.append(
                "Not done: " + missing.map { "step \($0.step) (\($0.status.rawValue))" }.joined(separator: ", ") + ".")
        }
        sections.append("(\(OfflineModel.label); this answer was assembled from the step results.)")
        return sections.joined(separator: "\n\n")
    }
}
