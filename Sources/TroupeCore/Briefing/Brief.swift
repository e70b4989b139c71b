public import Foundation

/// What a worker is told: its instruction and only the context it needs, not the whole chat.
/// Versioned so transcripts and handoffs stay readable as the format grows: a brief of a newer
/// version than this build knows is refused with `BriefError.unsupportedVersion`.
public struct Brief: Sendable, Codable, Equatable {
    /// The format version this build writes.
    public static let currentVersion = 1

    public var version: Int
    public var request: String
    public var step: Int?
    public var instruction: String
    /// The plan step's title, when the progress ledger's instruction replaced it as `instruction`.
    public var planStep: String?
    public var details: String
    public var facts: [String]
    public var dependencyResults: [DependencyResult]
    /// Code and files from the steps this one depends on (working memory).
    public var artifacts: [StepArtifact]
    /// One line each for other finished steps (the persona's `context: full`).
    public var background: [String]
    public var constraints: [String]
    public var expectedFormat: String
    public var tokenBudget: Int
    public var requestedBy: String
    public var reason: String
    /// What was left out to keep within the persona's context policy and the token budget.
    public var omitted: [String]

    public init(
        request: String, step: Int?, instruction: String, details: String = "", facts: [String] = [],
        dependencyResults: [DependencyResult] = [], artifacts: [StepArtifact] = [], background: [String] = [],
        constraints: [String] = [], expectedFormat: String = "A one-line summary, then the details.",
        tokenBudget: Int = 4000, requestedBy: String = "orchestrator", reason: String = "", omitted: [String] = []
    ) {
        self.version = Self.currentVersion
        self.request = request
        self.step = step
        self.instruction = instruction
        self.details = details
        self.facts = facts
        self.dependencyResults = dependencyResults
        self.artifacts = artifacts
        self.background = background
        self.constraints = constraints
        self.expectedFormat = expectedFormat
        self.tokenBudget = tokenBudget
        self.requestedBy = requestedBy
        self.reason = reason
        self.omitted = omitted
    }

    /// Its size in tokens as sent (text fields plus a fixed allowance for the JSON around them),
    /// without encoding it: computed for every handoff.
    public var estimatedTokens: Int {
        var bytes = 0
        for text in [request, instruction, planStep ?? "", details, expectedFormat, requestedBy, reason] {
            bytes += text.utf8.count
        }
        for list in [facts, constraints, background, omitted] {
            for text in list { bytes += text.utf8.count }
        }
        for result in dependencyResults {
            bytes += result.title.utf8.count + result.persona.utf8.count + result.output.utf8.count
        }
        for artifact in artifacts { bytes += artifact.name.utf8.count + (artifact.content?.utf8.count ?? 0) }
        return TokenEstimate.tokens(bytes: bytes) + 40 + 8 * (dependencyResults.count + artifacts.count)
    }

    enum CodingKeys: String, CodingKey {
        case version, request, step, instruction, details, facts, artifacts, background, constraints, reason, omitted
        case planStep = "plan_step"
        case dependencyResults = "dependency_results"
        case expectedFormat = "expected_format"
        case tokenBudget = "token_budget"
        case requestedBy = "requested_by"
    }

    /// Encodes the brief, leaving out empty lists and empty details: every token of a brief is
    /// paid for by the worker's model.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(request, forKey: .request)
        try container.encodeIfPresent(step, forKey: .step)
        try container.encode(instruction, forKey: .instruction)
        try container.encodeIfPresent(planStep, forKey: .planStep)
        if !details.isEmpty { try container.encode(details, forKey: .details) }
        if !facts.isEmpty { try container.encode(facts, forKey: .facts) }
        if !dependencyResults.isEmpty { try container.encode(dependencyResults, forKey: .dependencyResults) }
        if !artifacts.isEmpty { try container.encode(artifacts, forKey: .artifacts) }
        if !background.isEmpty { try container.encode(background, forKey: .background) }
        if !constraints.isEmpty { try container.encode(constraints, forKey: .constraints) }
        try container.encode(expectedFormat, forKey: .expectedFormat)
        try container.encode(tokenBudget, forKey: .tokenBudget)
        try container.encode(requestedBy, forKey: .requestedBy)
        if !reason.isEmpty { try container.encode(reason, forKey: .reason) }
        if !omitted.isEmpty { try container.encode(omitted, forKey: .omitted) }
    }

    /// Decodes a brief, refusing versions newer than this build's; absent lists are empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        guard version <= Self.currentVersion else {
            throw BriefError.unsupportedVersion(found: version, supported: Self.currentVersion)
        }
        request = try container.decode(String.self, forKey: .request)
        step = try container.decodeIfPresent(Int.self, forKey: .step)
        instruction = try container.decode(String.self, forKey: .instruction)
        planStep = try container.decodeIfPresent(String.self, forKey: .planStep)
        details = try container.decodeIfPresent(String.self, forKey: .details) ?? ""
        facts = try container.decodeIfPresent([String].self, forKey: .facts) ?? []
        dependencyResults = try container.decodeIfPresent([DependencyResult].self, forKey: .dependencyResults) ?? []
        artifacts = try container.decodeIfPresent([StepArtifact].self, forKey: .artifacts) ?? []
        background = try container.decodeIfPresent([String].self, forKey: .background) ?? []
        constraints = try container.decodeIfPresent([String].self, forKey: .constraints) ?? []
        expectedFormat = try container.decode(String.self, forKey: .expectedFormat)
        tokenBudget = try container.decode(Int.self, forKey: .tokenBudget)
        requestedBy = try container.decode(String.self, forKey: .requestedBy)
        reason = try container.decodeIfPresent(String.self, forKey: .reason) ?? ""
        omitted = try container.decodeIfPresent([String].self, forKey: .omitted) ?? []
    }
}

/// A brief that cannot be read by this build.
public enum BriefError: Error, Equatable, LocalizedError {
    case unsupportedVersion(found: Int, supported: Int)

    public var errorDescription: String? {
        switch self {
        case .unsupportedVersion(let found, let supported):
            return "this brief is format version \(found); this troupe reads up to version \(supported) — upgrade troupe"
        }
    }
}
