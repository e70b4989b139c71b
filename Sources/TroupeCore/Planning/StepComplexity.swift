/// How much work a step is, which sets the size of its brief.
public enum StepComplexity: String, Sendable, Codable, Equatable, CaseIterable {
    case low, medium, high

    /// Tokens the worker's brief may use.
    public var briefTokenBudget: Int {
        switch self {
        case .low: return 2000
        case .medium: return 4000
        case .high: return 8000
        }
    }

    /// Stems of the verbs that make a step high or low (stemmed once, not per step).
    private static let highStems = Set(
        ["fix", "implement", "refactor", "debug", "design", "migrate", "build", "rewrite"].map(WordStems.stem))
    private static let lowStems = Set(["list", "count", "read", "find", "search", "locate", "show", "open"].map(WordStems.stem))

    /// An estimate from the step's words: what it asks (changing code is high, looking things up
    /// low, the rest medium) and how long its description is.
    public static func estimate(title: String, details: String) -> StepComplexity {
        let words = WordStems.stems(of: "\(title) \(details)")
        let verbs = Set(words)
        var level: StepComplexity =
            !verbs.isDisjoint(with: highStems)
            ? .high
            : !verbs.isDisjoint(with: lowStems) ? .low : .medium
        if words.count > 40, level != .high { level = level == .low ? .medium : .high }
        return level
    }
}

/// How the orchestrator shapes a plan before and while running it.
public enum PlanStrategy: String, Sendable, Equatable, CaseIterable {
    /// The dependency graph as planned, and a step of a `can_delegate` persona may be split by
    /// that persona into a sub-plan (depth-limited). The default.
    case hierarchical
    /// The dependency graph as planned: independent steps in parallel; no sub-plans.
    case parallel
    /// One step at a time in plan order (each step waits for the previous one); no sub-plans.
    case sequential

    /// Whether steps may expand into sub-plans.
    public var allowsSubPlans: Bool { self == .hierarchical }

    /// `plan` shaped by this strategy.
    public func apply(to plan: Plan) -> Plan {
        guard self == .sequential else { return plan }
        var steps = plan.steps
        for index in steps.indices.dropFirst() where !steps[index].dependsOn.contains(steps[index - 1].id) {
            steps[index].dependsOn.append(steps[index - 1].id)
        }
        return Plan(steps: steps)
    }
}
