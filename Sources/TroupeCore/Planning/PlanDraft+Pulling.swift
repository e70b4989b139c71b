// A plan read straight from the orchestrator's reply: what `PlanDraft`'s `Decodable` conformance
// gives through `JSONDecoder` (absent and null optional members alike; `needs_plan` true when
// absent; missing categories of facts empty), at a fraction of the cost on long plans. Members
// are told by their `CodingKeys`, so a member added to a type must be read here too (the
// switches are exhaustive).

extension PlanDraft: JSONPullDecodable {
    package static func pull(from parser: inout JSONTextParser) throws -> PlanDraft {
        var draft = PlanDraft(needsPlan: true, steps: [])
        try parser.decodeMembers { name, parser in
            switch CodingKeys(rawValue: name) {
            case .needsPlan: draft.needsPlan = try parser.decodeOptional { try $0.decodeBool() } ?? true
            case .directAnswer: draft.directAnswer = try parser.decodeOptional { try $0.decodeString() }
            case .facts: draft.facts = try parser.decodeOptional { try TaskFacts.pull(from: &$0) }
            case .steps: draft.steps = try parser.decodeOptional { try $0.decodeArray { try Step.pull(from: &$0) } } ?? []
            case nil: break
            }
        }
        return draft
    }
}

extension PlanDraft.Step: JSONPullDecodable {
    package static func pull(from parser: inout JSONTextParser) throws -> PlanDraft.Step {
        var (id, title, persona): (Int?, String?, String?)
        var step = PlanDraft.Step(id: 0, title: "", persona: "")
        try parser.decodeMembers { name, parser in
            switch CodingKeys(rawValue: name) {
            case .id: id = try parser.decodeInt()
            case .title: title = try parser.decodeString()
            case .persona: persona = try parser.decodeString()
            case .details: step.details = try parser.decodeOptional { try $0.decodeString() }
            case .reason: step.reason = try parser.decodeOptional { try $0.decodeString() }
            case .dependsOn: step.dependsOn = try parser.decodeOptional { try $0.decodeArray { try $0.decodeInt() } }
            case .complexity:
                step.complexity = try parser.decodeOptional { parser in
                    guard let level = StepComplexity(rawValue: try parser.decodeString()) else {
                        throw parser.notDecodable("an unknown complexity")
                    }
                    return level
                }
            case nil: break
            }
        }
        guard let id, let title, let persona else { throw parser.notDecodable("a required member is missing") }
        (step.id, step.title, step.persona) = (id, title, persona)
        return step
    }
}

extension TaskFacts: JSONPullDecodable {
    package static func pull(from parser: inout JSONTextParser) throws -> TaskFacts {
        var facts = TaskFacts()
        try parser.decodeMembers { name, parser in
            switch CodingKeys(rawValue: name) {
            case .given: facts.given = try category(&parser)
            case .toLookUp: facts.toLookUp = try category(&parser)
            case .toDerive: facts.toDerive = try category(&parser)
            case .educatedGuesses: facts.educatedGuesses = try category(&parser)
            case nil: break
            }
        }
        return facts
    }

    /// One category's facts: strings, or none for null.
    private static func category(_ parser: inout JSONTextParser) throws -> [String] {
        try parser.decodeOptional { try $0.decodeArray { try $0.decodeString() } } ?? []
    }
}
