import TroupeCore

/// The text of `/agent NAME`: one persona in full, as loaded, with its health and model.
struct AgentDetail {
    let style: TextStyle

    func lines(_ record: AgentRecord, model: String, tools: [String]) -> [String] {
        let persona = record.persona
        let health = record.health
        func row(_ label: String, _ value: String) -> String {
            "  " + style.dim(label.padded(16)) + TerminalSanitizer.clean(value)
        }
        let budget = [
            persona.budget.maxTokens.map { "\($0) tokens" }, persona.budget.maxModelCalls.map { "\($0) model calls" },
            persona.budget.maxCostUSD.map { "$\($0)" },
        ].compactMap { $0 }
        var lines = [
            style.bold(persona.name) + style.dim("  \(persona.role.rawValue) · \(persona.source.description)"),
            row("description", persona.description),
            row("capabilities", persona.capabilities.joined(separator: ", ")),
            row("specializations", persona.specializations.isEmpty ? "–" : persona.specializations.joined(separator: ", ")),
            row("tools", tools.isEmpty ? "none" : tools.joined(separator: ", ")),
            row("model", model),
            row("approval", "\(persona.approval.rawValue) · permission mode \(persona.permissionMode.rawValue)"),
            row("context", persona.context.rawValue),
            row(
                "delegation",
                (persona.canDelegate ? "may delegate" : "does not delegate")
                    + (persona.canBeDelegatedTo ? ", takes steps" : ", takes no steps")),
            row("parallel tasks", "\(persona.maxParallelTasks)"),
            row("budget", budget.isEmpty ? "none" : budget.joined(separator: ", ")),
            row(
                "health",
                "\(health.status.rawValue) · \(health.successes) done, \(health.failures) failed · load \(health.load) · \(EventRenderer.tokens(health.tokens))"
            ),
            style.dim("  system prompt:"),
        ]
        lines += persona.systemPrompt.split(separator: "\n", omittingEmptySubsequences: false).map {
            "    " + TerminalSanitizer.clean(String($0))
        }
        return lines
    }
}
