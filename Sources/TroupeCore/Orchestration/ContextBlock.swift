import Foundation

/// The structured part of an orchestrator-written prompt: one fenced JSON block at the end of
/// the message. Language models read it as they read any JSON; the offline model parses it.
public enum ContextBlock {
    /// `instructions`, a blank line, then `context` as a fenced JSON block: pretty by default,
    /// compact where every token is paid for many times (worker briefs).
    public static func message<Context: Encodable>(_ instructions: String, context: Context, pretty: Bool = true) -> String {
        let json = (try? JSONCoding.string(context, pretty: pretty)) ?? "{}"
        return "\(instructions)\n\n```json\n\(json)\n```"
    }

    /// Decodes the context block `message` wrote at the end of `text`.
    ///
    /// Found by its own framing, not by looking for fences in general: the JSON may carry step
    /// outputs full of ``` fences and braces, but never a line break inside a string (JSON
    /// escapes it), so the last line that reads ```json opens the block and the text's last
    /// line closes it.
    public static func decode<Context: Decodable>(_ type: Context.Type, from text: String) throws -> Context {
        let bytes = Array(text.utf8)
        guard let start = lastEnd(of: opening, in: bytes) else {
            throw StructuredReply.Failure(description: "the message has no ```json context block")
        }
        var end = bytes.count
        if bytes[start...].reversed().starts(with: closing.reversed()) { end -= closing.count }
        return try JSONDecoder().decode(type, from: Data(bytes[start..<max(start, end)]))
    }

    private static let opening = Array("\n```json\n".utf8)
    private static let closing = Array("\n```".utf8)

    /// The index just past the last occurrence of `marker` in `bytes`.
    private static func lastEnd(of marker: [UInt8], in bytes: [UInt8]) -> Int? {
        var index = bytes.count - marker.count
        while index >= 0 {
            if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) { return index + marker.count }
            index -= 1
        }
        return nil
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
