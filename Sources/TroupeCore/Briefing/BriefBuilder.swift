/// Builds a step's brief from the working memory: what the persona's context policy allows,
/// then cut to the token budget — older background first, then the prose of dependency results,
/// then code, then facts — with every cut recorded in `Brief.omitted`.
struct BriefBuilder: Sendable {
    let request: String
    let memory: WorkingMemory
    let reports: [Int: StepReport]

    static let stayInStep = "Stay within this step; other steps are handled by other personas."

    /// The brief for `step`. The progress ledger's `ledgerInstruction`, when given, is the
    /// instruction (the plan's title stays as `plan_step`, the ledger's reason joins the reason);
    /// a re-plan's `replanCause` becomes a constraint: what stalled before is not to be repeated.
    func brief(
        for step: PlanStep, policy: ContextPolicy, budget: Int, ledgerInstruction: LedgerInstruction? = nil,
        replanCause: String? = nil
    ) -> Brief {
        var brief = Brief(
            request: request, step: step.id, instruction: step.title, details: step.details,
            constraints: [Self.stayInStep], tokenBudget: budget, requestedBy: "orchestrator", reason: step.routingReason)
        if let ledgerInstruction {
            brief.instruction = ledgerInstruction.instruction
            brief.planStep = step.title
            brief.reason = [step.routingReason, "instruction from the progress ledger: \(ledgerInstruction.reason)"]
                .filter { !$0.isEmpty }.joined(separator: "; ")
        }
        if let replanCause {
            brief.constraints.append("An earlier plan for this request stalled: \(replanCause). Do not repeat that approach.")
        }
        var omitted: [String] = []
        let dependencies = step.dependsOn.compactMap { reports[$0] }
        let facts = memory.facts
        switch policy {
        case .minimal:
            brief.dependencyResults = dependencies.map {
                DependencyResult(step: $0.step, persona: $0.persona, title: $0.title, output: SummaryLine.of($0.output))
            }
            brief.artifacts = dependencies.flatMap { artifacts(of: $0.step) }.map {
                StepArtifact(kind: $0.kind, name: $0.name, step: $0.step)
            }
            let factCount = facts.given.count + facts.educatedGuesses.count + facts.toLookUp.count + facts.toDerive.count
            if factCount > 0 { omitted.append("\(factCount) fact(s): context is minimal") }
            if !dependencies.isEmpty {
                omitted.append("full results of steps \(list(dependencies.map(\.step))): context is minimal")
            }
        case .dependencies, .full:
            brief.facts = facts.given + facts.educatedGuesses.map { "educated guess: \($0)" }
            if policy == .full {
                brief.facts += facts.toLookUp.map { "to look up: \($0)" } + facts.toDerive.map { "to derive: \($0)" }
                let others = reports.keys.sorted().filter { !step.dependsOn.contains($0) && $0 != step.id }
                brief.background = others.compactMap { id in
                    reports[id].map {
                        "step \($0.step) (\($0.persona), \($0.status.rawValue)): \(SummaryLine.of($0.output))"
                    }
                }
            } else if !facts.toLookUp.isEmpty || !facts.toDerive.isEmpty {
                omitted.append(
                    "\(facts.toLookUp.count + facts.toDerive.count) open question(s) of the task ledger: context is dependencies")
            }
            brief.dependencyResults = dependencies.map {
                DependencyResult(
                    step: $0.step, persona: $0.persona, title: $0.title, output: StepArtifact.split($0.output).prose)
            }
            brief.artifacts = dependencies.flatMap { artifacts(of: $0.step) }
        }
        fit(&brief, omitted: &omitted)
        brief.omitted = omitted
        return brief
    }

    private func artifacts(of step: Int) -> [StepArtifact] {
        memory.artifacts[step] ?? []
    }

    /// Cuts `brief` until it fits its token budget, noting each cut.
    private func fit(_ brief: inout Brief, omitted: inout [String]) {
        var droppedBackground = 0
        defer {
            if droppedBackground > 0 { omitted.append("\(droppedBackground) older step summaries: token budget") }
        }
        while brief.estimatedTokens > brief.tokenBudget {
            if !brief.background.isEmpty {
                brief.background.removeFirst()
                droppedBackground += 1
            } else if let index = longestCuttableResult(brief), brief.dependencyResults[index].output.count > 400 {
                let result = brief.dependencyResults[index]
                let keep = max(200, result.output.count / 2)
                brief.dependencyResults[index].output = String(result.output.prefix(keep)) + " …"
                omitted.removeAll { $0.hasPrefix("the end of step \(result.step)'s result") }
                omitted.append("the end of step \(result.step)'s result (kept its first \(keep) characters): token budget")
            } else if let index = brief.artifacts.indices.filter({ brief.artifacts[$0].content != nil })
                .max(by: { (brief.artifacts[$0].content?.count ?? 0) < (brief.artifacts[$1].content?.count ?? 0) })
            {
                let artifact = brief.artifacts[index]
                brief.artifacts[index].content = nil
                omitted.append("the text of \(artifact.name) from step \(artifact.step.map(String.init) ?? "?"): token budget")
            } else if brief.facts.count > 1 {
                let fact = brief.facts.removeLast()
                omitted.append("fact: \(fact.prefix(60)): token budget")
            } else {
                return
            }
        }
    }

    private func longestCuttableResult(_ brief: Brief) -> Int? {
        brief.dependencyResults.indices.max {
            brief.dependencyResults[$0].output.count < brief.dependencyResults[$1].output.count
        }
    }

    private func list(_ ids: [Int]) -> String {
        ids.map(String.init).joined(separator: ", ")
    }
}
