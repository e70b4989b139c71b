/// The orchestrator model's answer to a planning request: either a direct answer (fast path)
/// or facts and steps. Decoded from JSON; `Plan` is built from it after validation.
public struct PlanDraft: Sendable, Codable, Equatable {
    /// A step as the model writes it.
    public struct Step: Sendable, Codable, Equatable {
        public var id: Int
        public var title: String
        public var details: String?
        public var persona: String
        public var dependsOn: [Int]?
        public var reason: String?
        /// `low`, `medium` or `high`, if the model judged it.
        public var complexity: StepComplexity?

        public init(
            id: Int, title: String, details: String? = nil, persona: String, dependsOn: [Int]? = nil, reason: String? = nil,
            complexity: StepComplexity? = nil
        ) {
            self.id = id
            self.title = title
            self.details = details
            self.persona = persona
            self.dependsOn = dependsOn
            self.reason = reason
            self.complexity = complexity
        }

        enum CodingKeys: String, CodingKey {
            case id, title, details, persona, reason, complexity
            case dependsOn = "depends_on"
        }
    }

    /// False when the request can be answered without delegating.
    public var needsPlan: Bool
    /// The answer when `needsPlan` is false, and why no plan is needed.
    public var directAnswer: String?
    public var facts: TaskFacts?
    public var steps: [Step]

    public init(needsPlan: Bool, directAnswer: String? = nil, facts: TaskFacts? = nil, steps: [Step]) {
        self.needsPlan = needsPlan
        self.directAnswer = directAnswer
        self.facts = facts
        self.steps = steps
    }

    enum CodingKeys: String, CodingKey {
        case facts, steps
        case needsPlan = "needs_plan"
        case directAnswer = "direct_answer"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        needsPlan = try container.decodeIfPresent(Bool.self, forKey: .needsPlan) ?? true
        directAnswer = try container.decodeIfPresent(String.self, forKey: .directAnswer)
        facts = try container.decodeIfPresent(TaskFacts.self, forKey: .facts)
        steps = try container.decodeIfPresent([Step].self, forKey: .steps) ?? []
    }
}
