import TroupeCore

/// The text of `/agent NAME`: one persona in full, as loaded, with its health and model.
struct AgentDetail {
    let style: TextStyle

    func lines(
        _ record: AgentRecord, model: String,
        tools: (granted: [(tool: String, entry: String)], unavailable: [(entry: String, reason: String)])
    ) -> [String] {
        let persona = record.persona
        let health = record.health
        func row(_ label: String, _ value: String) -> String {
            "  " + style.dim(TerminalSanitizer.clean(label).padded(16)) + TerminalSanitizer.clean(value)
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
            row("tools", Self.granted(tools.granted)),
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
        ]
        lines += tools.unavailable.map { row("unavailable", "\($0.entry): \($0.reason)") }
        lines += persona.otherFields.sorted { $0.key < $1.key }.map { row("other: \($0.key)", Self.oneLine($0.value)) }
        lines += persona.warnings.map { row("warning", $0) }
        lines.append(style.dim("  system prompt:"))
        lines += persona.systemPrompt.split(separator: "\n", omittingEmptySubsequences: false).map {
            "    " + TerminalSanitizer.clean(String($0))
        }
        return lines
    }

    /// `read_file (Read), search_files (Grep)`: each tool, with the entry it came from when that
    /// entry named it otherwise.
    static func granted(_ tools: [(tool: String, entry: String)]) -> String {
        guard !tools.isEmpty else { return "none" }
        return tools.map { $0.tool == $0.entry ? $0.tool : "\($0.tool) (\($0.entry))" }.joined(separator: ", ")
    }

    /// A field's text on one line, cut at 100 characters.
    private static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 100 ? flat.prefix(99) + "…" : flat
    }
}
