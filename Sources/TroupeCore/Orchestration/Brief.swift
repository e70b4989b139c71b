/// The result of a finished step, as handed to the steps that depend on it.
public struct DependencyResult: Sendable, Codable, Equatable {
    public var step: Int
    public var persona: String
    public var title: String
    public var output: String

    public init(step: Int, persona: String, title: String, output: String) {
        self.step = step
        self.persona = persona
        self.title = title
        self.output = output
    }
}

/// What a worker is told: its instruction and only the context it needs, not the whole chat.
/// Versioned so transcripts and handoffs stay readable as the format grows.
public struct Brief: Sendable, Codable, Equatable {
    /// The format version this build writes.
    public static let currentVersion = 1

    public var version: Int
    public var request: String
    public var step: Int?
    public var instruction: String
    public var details: String
    public var facts: [String]
    public var dependencyResults: [DependencyResult]
    public var constraints: [String]
    public var expectedFormat: String
    public var tokenBudget: Int
    public var requestedBy: String
    public var reason: String

    public init(
        request: String, step: Int?, instruction: String, details: String = "", facts: [String] = [],
        dependencyResults: [DependencyResult] = [], constraints: [String] = [],
        expectedFormat: String = "A one-line summary, then the details.", tokenBudget: Int = 4000,
        requestedBy: String = "orchestrator", reason: String = ""
    ) {
        self.version = Self.currentVersion
        self.request = request
        self.step = step
        self.instruction = instruction
        self.details = details
        self.facts = facts
        self.dependencyResults = dependencyResults
        self.constraints = constraints
        self.expectedFormat = expectedFormat
        self.tokenBudget = tokenBudget
        self.requestedBy = requestedBy
        self.reason = reason
    }

    /// Its size in tokens as sent (text fields plus a fixed allowance for the JSON around them),
    /// without encoding it: computed for every handoff.
    public var estimatedTokens: Int {
        let texts =
            [request, instruction, details, expectedFormat, requestedBy, reason] + facts + constraints
            + dependencyResults.flatMap { [$0.title, $0.persona, $0.output] }
        let characters = texts.reduce(0) { $0 + $1.utf8.count }
        return TokenEstimate.tokens(bytes: characters) + 40 + 8 * dependencyResults.count
    }

    enum CodingKeys: String, CodingKey {
        case version, request, step, instruction, details, facts, constraints, reason
        case dependencyResults = "dependency_results"
        case expectedFormat = "expected_format"
        case tokenBudget = "token_budget"
        case requestedBy = "requested_by"
    }
}
