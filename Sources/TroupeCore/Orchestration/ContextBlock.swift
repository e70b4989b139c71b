/// The structured part of an orchestrator-written prompt: one fenced JSON block at the end of
/// the message. Language models read it as they read any JSON; the offline model parses it.
public enum ContextBlock {
    /// `instructions`, a blank line, then `context` as a fenced JSON block: pretty by default,
    /// compact where every token is paid for many times (worker briefs).
    public static func message<Context: Encodable>(_ instructions: String, context: Context, pretty: Bool = true) -> String {
        let json = (try? JSONCoding.string(context, pretty: pretty)) ?? "{}"
        return "\(instructions)\n\n```json\n\(json)\n```"
    }

    /// Decodes the last fenced JSON block of `text`.
    public static func decode<Context: Decodable>(_ type: Context.Type, from text: String) throws -> Context {
        guard let block = StructuredReply.fencedBlocks(in: text).first else {
            throw StructuredReply.Failure(description: "the message has no ```json context block")
        }
        return try JSONCoding.decode(type, from: block)
    }
}

/// What the planner is given.
public struct PlanningContext: Sendable, Codable, Equatable {
    public var request: String
    public var team: [TeamMember]
}

/// A step's outcome as the progress judge and the synthesizer see it.
public struct StepReport: Sendable, Codable, Equatable {
    public var step: Int
    public var title: String
    public var persona: String
    public var status: StepState
    public var output: String
}

/// What the progress judge is given after a step.
public struct ProgressContext: Sendable, Codable, Equatable {
    public var request: String
    public var plan: Plan
    public var latest: StepReport
    public var stalls: Int

    enum CodingKeys: String, CodingKey {
        case request, plan, latest, stalls
    }
}

/// What one persona contributed to a request: the unit the synthesizer aggregates.
public struct PersonaResults: Sendable, Codable, Equatable {
    public var persona: String
    /// What the persona is for (its file's description), so findings, changes and prose can be
    /// told apart and combined by kind.
    public var role: String
    public var results: [StepReport]
}

/// What the synthesizer is given: the step results grouped by the persona that produced them.
public struct SynthesisContext: Sendable, Codable, Equatable {
    public var request: String
    public var facts: TaskFacts
    public var resultsByPersona: [PersonaResults]
    /// Why the run stopped early, if it did.
    public var stopReason: String?

    /// `results` grouped by persona, in the order each persona first appears; `roles` by name.
    public init(request: String, facts: TaskFacts, results: [StepReport], roles: [String: String], stopReason: String?) {
        self.request = request
        self.facts = facts
        var groups: [PersonaResults] = []
        for report in results {
            if let index = groups.firstIndex(where: { $0.persona == report.persona }) {
                groups[index].results.append(report)
            } else {
                groups.append(PersonaResults(persona: report.persona, role: roles[report.persona] ?? "", results: [report]))
            }
        }
        self.resultsByPersona = groups
        self.stopReason = stopReason
    }

    /// Every result, in step order.
    public var results: [StepReport] {
        resultsByPersona.flatMap(\.results).sorted { $0.step < $1.step }
    }

    enum CodingKeys: String, CodingKey {
        case request, facts
        case resultsByPersona = "results_by_persona"
        case stopReason = "stop_reason"
    }
}

/// What the re-planner is given after repeated stalls.
public struct ReplanContext: Sendable, Codable, Equatable {
    public var request: String
    public var facts: TaskFacts
    public var results: [StepReport]
    public var stallReason: String
    /// The first id new steps must use.
    public var nextStepID: Int
    public var team: [TeamMember]

    enum CodingKeys: String, CodingKey {
        case request, facts, results, team
        case stallReason = "stall_reason"
        case nextStepID = "next_step_id"
    }
}

/// The re-planner's answer: why the work stalled, the revised facts, and new steps for what remains.
public struct ReplanDraft: Sendable, Codable, Equatable {
    public var rootCause: String
    public var facts: TaskFacts
    public var steps: [PlanDraft.Step]

    public init(rootCause: String, facts: TaskFacts, steps: [PlanDraft.Step]) {
        self.rootCause = rootCause
        self.facts = facts
        self.steps = steps
    }

    enum CodingKeys: String, CodingKey {
        case facts, steps
        case rootCause = "root_cause"
    }
}
