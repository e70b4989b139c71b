public import TroupeCore

/// When the shell shows a proposed plan for acceptance before it runs (`plan_review`,
/// `--plan-review`): always, never, or `auto` — when it has more than `maxSteps` steps or a step
/// for a persona that can change things (write or edit files, run commands, call MCP tools).
public struct PlanReviewPolicy: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        case always, never, auto
    }

    public var mode: Mode
    public var maxSteps: Int

    public init(mode: Mode = .never, maxSteps: Int = 4) {
        self.mode = mode
        self.maxSteps = maxSteps
    }

    /// Whether `plan` is shown for acceptance, given the personas of the session and what each of
    /// its tools does: a persona that may use a tool that changes things (`ToolEffect`) is risky
    /// to run unseen.
    public func wantsReview(_ plan: Plan, personas: [Persona], toolEffects: [String: ToolEffect]) -> Bool {
        switch mode {
        case .always: return true
        case .never: return false
        case .auto:
            if plan.steps.count > maxSteps { return true }
            let available = toolEffects.keys.sorted()
            let risky = Set(
                personas.filter { persona in
                    persona.grantedTools(among: available).contains { toolEffects[$0]?.changesThings == true }
                }.map(\.name))
            return plan.steps.contains { risky.contains($0.persona) }
        }
    }
}
