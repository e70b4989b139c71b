import Foundation

/// The offline model's progress ledger and final answer, derived from the plan's state.
enum OfflineJudge {
    static func progress(_ context: ProgressContext) throws -> String {
        let plan = context.plan
        let done = plan.filter { $0.state == .done }.count
        let beyond = plan.filter { $0.state == .needsModel }.map { "step \($0.id)" }
        let next = context.nextStep
        // A step beyond the model is not a stall: nothing else the model could do would finish it.
        let unfinished = context.finished.filter { !$0.status.isAnswered }
        let finished = context.finished.map { "step \($0.step)" }.joined(separator: ", ")
        let satisfied =
            "\(done) of \(plan.count) steps are done"
            + (beyond.isEmpty ? "" : "; \(beyond.joined(separator: ", ")) need\(beyond.count == 1 ? "s" : "") a language model")
        let ledger = ProgressLedger(
            isRequestSatisfied: LedgerAnswer(reason: satisfied, answer: done == plan.count),
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
        let unfinished = context.results.filter { !$0.status.isAnswered }
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

    /// The final answer: the step results by persona, then once, plainly, what was not done and
    /// what needs a language model. When nothing could be done because every step needs one,
    /// just that.
    static func synthesis(_ context: SynthesisContext) -> String {
        let beyond = context.results.filter { $0.status == .needsModel }
        if !beyond.isEmpty, beyond.count == context.results.count {
            let what = beyond.map { "\"\($0.title)\"" }.joined(separator: ", ")
            return "The offline model did not do \(what): it needs a language model. \(OfflineModel.providerHint)\n\n"
                + "Offline I can list, read, search, outline and count the files in this folder, and summarize what I find."
                + "\n(\(OfflineModel.label).)"
        }
        var sections: [String] = []
        let done = context.results.filter { $0.status == .done }
        var lead: Int?
        if let last = done.last,
            OfflinePlanner.summarizingCapabilities.contains(where: { last.title.lowercased().contains($0.prefix(6)) })
        {
            sections.append(last.output)
            lead = last.step
        }
        // One result is the answer: shown whole (as far as the tool showed it); several, their heads.
        let shownLines = done.count == 1 ? 200 : 12
        sections.append(
            "Results by persona:\n" + resultLines(context, lead: lead, shownLines: shownLines).joined(separator: "\n"))
        if let stop = context.stopReason { sections.append("Stopped early: \(stop)") }
        let missing = context.results.filter { !$0.status.isAnswered }
        if !missing.isEmpty {
            sections.append(
                "Not done: " + missing.map { "step \($0.step) (\($0.status.rawValue))" }.joined(separator: ", ") + ".")
        }
        if !beyond.isEmpty {
            sections.append(
                "Not done offline, as each needs a language model: "
                    + beyond.map { "step \($0.step) (\($0.title))" }.joined(separator: ", ")
                    + ". \(OfflineModel.providerHint)")
        }
        sections.append("(\(OfflineModel.label); this answer was assembled from the step results.)")
        return sections.joined(separator: "\n\n")
    }

    /// Each persona's steps with their mark and the head of their output (a step needing a model
    /// says only that: the answer says why once).
    private static func resultLines(_ context: SynthesisContext, lead: Int?, shownLines: Int) -> [String] {
        var lines: [String] = []
        for group in context.resultsByPersona {
            lines.append("  \(group.persona)" + (group.role.isEmpty ? "" : " — \(group.role)"))
            for report in group.results {
                switch report.status {
                case .done:
                    let body =
                        report.step == lead
                        ? "(the answer above)"
                        : report.output.split(separator: "\n").prefix(shownLines).joined(separator: "\n       ")
                    lines.append("    \(report.step). \(report.title) ✓\n       \(body)")
                case .needsModel:
                    lines.append("    \(report.step). \(report.title) ◌ needs a model (below)")
                default:
                    let body = report.output.split(separator: "\n").prefix(3).joined(separator: "\n       ")
                    lines.append("    \(report.step). \(report.title) ✗ \(report.status.rawValue)\n       \(body)")
                }
            }
        }
        return lines
    }
}
