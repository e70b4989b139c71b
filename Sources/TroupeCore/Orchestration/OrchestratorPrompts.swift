/// The requests the orchestrator sends. Each carries its context as one JSON block
/// (see `ContextBlock`) and, where a structured reply is wanted, a response schema.
public enum OrchestratorPrompts {
    /// Asks the orchestrator persona for a plan or a direct answer.
    public static func planning(orchestrator: Persona, context: PlanningContext) -> ChatRequest {
        let instructions = """
            Plan the request below for your team. Reply with one JSON object:
            {"needs_plan": bool, "direct_answer": string or null,
             "facts": {"given": [..], "to_look_up": [..], "to_derive": [..], "educated_guesses": [..]},
             "steps": [{"id": 1, "title": "...", "details": "...", "persona": "<team member>",
                        "depends_on": [ids], "reason": "why this persona", "complexity": "low|medium|high"}]}
            Use needs_plan false with a direct_answer only when no team member's work is needed.
            Steps that do not need each other's results must not depend on each other.
            """
        return ChatRequest(
            agent: orchestrator.name, purpose: .plan,
            messages: [.system(orchestrator.systemPrompt), .user(ContextBlock.message(instructions, context: context))],
            responseFormat: ResponseFormat(name: "plan", schema: Schemas.plan))
    }

    /// Asks for the progress ledger after a step.
    public static func progress(orchestrator: Persona, context: ProgressContext) -> ChatRequest {
        let instructions = """
            Update the progress ledger for the request below after the latest step. Reply with one JSON
            object whose fields each hold {"reason": string, "answer": ...}: is_request_satisfied (bool),
            is_in_loop (bool), is_progress_being_made (bool), next_speaker (a team member, or "none"),
            instruction_or_question (string).
            """
        return ChatRequest(
            agent: orchestrator.name, purpose: .progressLedger,
            messages: [.system(orchestrator.systemPrompt), .user(ContextBlock.message(instructions, context: context))],
            responseFormat: ResponseFormat(name: "progress_ledger", schema: Schemas.progressLedger))
    }

    /// Asks for revised facts and a new plan for the remaining work after repeated stalls.
    public static func replan(orchestrator: Persona, context: ReplanContext) -> ChatRequest {
        let instructions = """
            The work on the request below has stalled. Reply with one JSON object:
            {"root_cause": "one sentence: why it stalled",
             "facts": {"given": [..], "to_look_up": [..], "to_derive": [..], "educated_guesses": [..]},
             "steps": [{"id": <from next_step_id>, "title": "...", "details": "...", "persona": "<team member>",
                        "depends_on": [ids of new steps or of completed steps], "reason": "..."}]}
            Revise at least one educated guess in the light of what happened. Completed steps are kept;
            plan only the remaining work, differently from what stalled.
            """
        return ChatRequest(
            agent: orchestrator.name, purpose: .replan,
            messages: [.system(orchestrator.systemPrompt), .user(ContextBlock.message(instructions, context: context))],
            responseFormat: ResponseFormat(name: "replan", schema: Schemas.replan))
    }

    /// Asks for the final answer.
    public static func synthesis(orchestrator: Persona, context: SynthesisContext) -> ChatRequest {
        let instructions = """
            Write the final answer to the request below from the team's results, which are grouped by
            the persona that produced them. Combine each kind of contribution as it deserves: merge
            findings into one account, list changes made, keep written text as written. Speak to the
            person directly; lead with the result. If steps failed or were skipped, say what is missing
            and mark any educated guess as a guess.
            """
        return ChatRequest(
            agent: orchestrator.name, purpose: .synthesis,
            messages: [.system(orchestrator.systemPrompt), .user(ContextBlock.message(instructions, context: context))])
    }

    /// The first request of a worker carrying out `brief`.
    public static func work(persona: Persona, brief: Brief, tools: [ToolSpec]) -> ChatRequest {
        let instructions = """
            You have been handed a step by \(brief.requestedBy). Carry out the instruction in the brief
            below, using your tools where they help. Use only what the brief and your tools give you.
            Answer in the brief's expected_format.
            """
        return ChatRequest(
            agent: persona.name, purpose: .work,
            messages: [
                .system(persona.systemPrompt), .user(ContextBlock.message(instructions, context: brief, pretty: false)),
            ],
            tools: tools, maxOutputTokens: brief.tokenBudget)
    }
}

/// JSON Schemas for structured replies.
public enum Schemas {
    private static func answer(_ type: String) -> JSONValue {
        .object([
            "type": .string("object"),
            "properties": .object(["reason": .object(["type": .string("string")]), "answer": .object(["type": .string(type)])]),
            "required": .array([.string("reason"), .string("answer")]),
        ])
    }

    private static func strings() -> JSONValue {
        .object(["type": .string("array"), "items": .object(["type": .string("string")])])
    }

    /// The schema of `PlanDraft`.
    public static let plan: JSONValue = .object([
        "type": .string("object"),
        "properties": .object([
            "needs_plan": .object(["type": .string("boolean")]),
            "direct_answer": .object(["type": .array([.string("string"), .string("null")])]),
            "facts": .object([
                "type": .string("object"),
                "properties": .object([
                    "given": strings(), "to_look_up": strings(), "to_derive": strings(), "educated_guesses": strings(),
                ]),
            ]),
            "steps": .object([
                "type": .string("array"),
                "items": .object([
                    "type": .string("object"),
                    "properties": .object([
                        "id": .object(["type": .string("integer")]),
                        "title": .object(["type": .string("string")]),
                        "details": .object(["type": .string("string")]),
                        "persona": .object(["type": .string("string")]),
                        "depends_on": .object(["type": .string("array"), "items": .object(["type": .string("integer")])]),
                        "reason": .object(["type": .string("string")]),
                        "complexity": .object([
                            "type": .string("string"), "enum": .array([.string("low"), .string("medium"), .string("high")]),
                        ]),
                    ]),
                    "required": .array([.string("id"), .string("title"), .string("persona")]),
                ]),
            ]),
        ]),
        "required": .array([.string("needs_plan"), .string("steps")]),
    ])

    /// The schema of `ReplanDraft`.
    public static let replan: JSONValue = {
        guard case .object(var members) = plan, case .object(var properties)? = members["properties"] else { return plan }
        properties["root_cause"] = .object(["type": .string("string")])
        properties["needs_plan"] = nil
        properties["direct_answer"] = nil
        members["properties"] = .object(properties)
        members["required"] = .array([.string("root_cause"), .string("facts"), .string("steps")])
        return .object(members)
    }()

    /// The schema of `ProgressLedger`.
    public static let progressLedger: JSONValue = .object([
        "type": .string("object"),
        "properties": .object([
            "is_request_satisfied": answer("boolean"),
            "is_in_loop": answer("boolean"),
            "is_progress_being_made": answer("boolean"),
            "next_speaker": answer("string"),
            "instruction_or_question": answer("string"),
        ]),
        "required": .array(
            ["is_request_satisfied", "is_in_loop", "is_progress_being_made", "next_speaker", "instruction_or_question"]
                .map(JSONValue.string)),
    ])
}
