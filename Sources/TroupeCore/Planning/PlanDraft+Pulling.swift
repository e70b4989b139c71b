// A plan read straight from the orchestrator's reply: what `PlanDraft`'s `Decodable` conformance
// gives through `JSONDecoder` (absent and null optional members alike; `needs_plan` true when
// absent; missing categories of facts empty), at a fraction of the cost on long plans.

extension PlanDraft: JSONPullDecodable {
    static func pull(from parser: inout JSONTextParser) throws -> PlanDraft {
        var draft = PlanDraft(needsPlan: true, steps: [])
        try parser.decodeMembers { name, parser in
            switch name {
            case "needs_plan": draft.needsPlan = try parser.decodeOptional { try $0.decodeBool() } ?? true
            case "direct_answer": draft.directAnswer = try parser.decodeOptional { try $0.decodeString() }
            case "facts": draft.facts = try parser.decodeOptional { try TaskFacts.pull(from: &$0) }
            case "steps": draft.steps = try parser.decodeOptional { try $0.decodeArray { try Step.pull(from: &$0) } } ?? []
            default: break
            }
        }
        return draft
    }
}

extension PlanDraft.Step: JSONPullDecodable {
    static func pull(from parser: inout JSONTextParser) throws -> PlanDraft.Step {
        var (id, title, persona): (Int?, String?, String?)
        var step = PlanDraft.Step(id: 0, title: "", persona: "")
        try parser.decodeMembers { name, parser in
            switch name {
            case "id": id = try parser.decodeInt()
            case "title": title = try parser.decodeString()
            case "persona": persona = try parser.decodeString()
            case "details": step.details = try parser.decodeOptional { try $0.decodeString() }
            case "reason": step.reason = try parser.decodeOptional { try $0.decodeString() }
            case "depends_on": step.dependsOn = try parser.decodeOptional { try $0.decodeArray { try $0.decodeInt() } }
            case "complexity":
                step.complexity = try parser.decodeOptional { parser in
                    guard let level = StepComplexity(rawValue: try parser.decodeString()) else {
                        throw parser.notDecodable("an unknown complexity")
                    }
                    return level
                }
            default: break
            }
        }
        guard let id, let title, let persona else { throw parser.notDecodable("a required member is missing") }
        (step.id, step.title, step.persona) = (id, title, persona)
        return step
    }
}

extension TaskFacts: JSONPullDecodable {
    static func pull(from parser: inout JSONTextParser) throws -> TaskFacts {
        var facts = TaskFacts()
        try parser.decodeMembers { name, parser in
            let strings = { (parser: inout JSONTextParser) in
                try parser.decodeOptional { try $0.decodeArray { try $0.decodeString() } } ?? []
            }
            switch name {
            case "given": facts.given = try strings(&parser)
            case "to_look_up": facts.toLookUp = try strings(&parser)
            case "to_derive": facts.toDerive = try strings(&parser)
            case "educated_guesses": facts.educatedGuesses = try strings(&parser)
            default: break
            }
        }
        return facts
    }
}
