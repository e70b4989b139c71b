/// The requests the orchestrator sends. Each carries its context as one JSON block
/// (see `ContextBlock`) and, where a structured reply is wanted, a response schema.
enum OrchestratorPrompts {
    /// Asks the orchestrator persona for the fact sheet and a plan (or a direct answer): Magentic-One's
    /// facts pre-survey and plan prompts, asked in one call (see docs/orchestration.md).
    static func planning(orchestrator: Persona, context: PlanningContext) -> ChatRequest {
        let instructions = """
            We are working to address the request below, with the team listed in the context block.
            First, answer a pre-survey of the request, as an expert at trivia and puzzles would, in
            "facts" — these four lists and no others (an empty list where there is nothing):
            - given: facts or figures given or verified in the request itself;
            - to_look_up: facts that may need to be looked up, and where specifically (a file, a
              command, a source the request names);
            - to_derive: facts that may need to be derived (deduction, computation, running code);
            - educated_guesses: facts recalled from memory, hunches and well-reasoned guesses.
            Facts are typically names, paths, dates, numbers. No plans or next steps in the facts.
            Then, based on the team and the facts, devise a short plan: steps, each for one team
            member. There is no need to involve every team member. Steps that do not need each
            other's results must not depend on each other: they run in parallel.
            Reply with one JSON object:
            {"needs_plan": bool, "direct_answer": string or null,
             "facts": {"given": [..], "to_look_up": [..], "to_derive": [..], "educated_guesses": [..]},
             "steps": [{"id": 1, "title": "...", "details": "...", "persona": "<team member>",
                        "depends_on": [ids], "reason": "why this persona", "complexity": "low|medium|high"}]}
            Use needs_plan false with a direct_answer only when no team member's work is needed.
            """
        return ChatRequest(
            agent: orchestrator.name, purpose: .plan,
            messages: [.system(orchestrator.systemPrompt), .user(ContextBlock.message(instructions, context: context))],
            responseFormat: ResponseFormat(name: "plan", schema: Schemas.plan))
    }

    /// Asks for the progress ledger over the steps finished since the last entry: Magentic-One's
    /// progress-ledger prompt, with the next speaker chosen for the plan's next step.
    static func progress(orchestrator: Persona, context: ProgressContext) -> ChatRequest {
        let instructions = """
            Recall we are working on the request below with the team listed in the context block,
            following the plan there (each step with its state). "finished" holds the steps that
            ended since your last entry; "recent" holds your earlier entries; "next_step" is the
            step about to start. To make progress on the request, answer these questions, giving
            your reasoning in each "reason":
            - is_request_satisfied: true only if the original request has been SUCCESSFULLY and
              FULLY addressed — the steps left would add nothing it needs;
            - is_in_loop: are we repeating the same requests and/or getting the same responses?
              A loop can span several steps;
            - is_progress_being_made: true if we are just starting or the recent results add
              value; false if we are in a loop or face significant barriers (a tool that keeps
              failing, a file that cannot be read);
            - next_speaker: the team member who should carry out next_step ("none" when there is
              no next_step). Keep its planned persona unless another member is clearly better placed;
            - instruction_or_question: what you would tell that member for next_step, phrased as
              speaking to them directly, with any specific information they need from the results.
            Reply with one JSON object and nothing else, each field as {"reason": string, "answer": ...}:
            is_request_satisfied (bool), is_in_loop (bool), is_progress_being_made (bool),
            next_speaker (string), instruction_or_question (string).
            """
        return ChatRequest(
            agent: orchestrator.name, purpose: .progressLedger,
            messages: [
                .system(orchestrator.systemPrompt),
                // Compact: asked many times a request, with the whole plan in it.
                .user(ContextBlock.message(instructions, context: context, pretty: false)),
            ],
            responseFormat: ResponseFormat(name: "progress_ledger", schema: Schemas.progressLedger))
    }

    /// Asks for revised facts, the root cause and new steps for the remaining work: Magentic-One's
    /// update-facts and update-plan prompts, asked in one call.
    static func replan(orchestrator: Persona, context: ReplanContext) -> ChatRequest {
        let situation =
            context.trigger == .stalled
            ? """
            We are working on the request below, and it is clear we are not making as much progress
            as we would like, but we may have learned something new ("stall_reason" says what went
            wrong; the results so far are in the context block).
            """
            : """
            We are working on the request below. Every step of the plan has finished, but the
            request is not satisfied yet: "stall_reason" says what the judge found missing; the
            results so far are in the context block.
            """
        let instructions = """
            \(situation)
            First rewrite the fact sheet: edit any category (promote an educated guess to a given fact
            once a step verified it, drop what turned out false). This is an especially good time to
            update the educated guesses: add or revise at least one, with its reasoning.
            Then say briefly what went wrong, the root cause, in one sentence ("root_cause"); the
            causes in "earlier_root_causes" were already tried — do not repeat them.
            Then plan the remaining work as new steps for the same team, with hints to overcome the
            challenges, and especially avoiding the same mistakes. Completed steps are kept: do not
            plan them again; new steps may depend on them. Do not involve anyone outside the team.
            Reply with one JSON object:
            {"root_cause": "one sentence",
             "facts": {"given": [..], "to_look_up": [..], "to_derive": [..], "educated_guesses": [..]},
             "steps": [{"id": <from next_step_id>, "title": "...", "details": "...", "persona": "<team member>",
                        "depends_on": [ids of new steps or of completed steps], "reason": "..."}]}
            """
        return ChatRequest(
            agent: orchestrator.name, purpose: .replan,
            messages: [.system(orchestrator.systemPrompt), .user(ContextBlock.message(instructions, context: context))],
            responseFormat: ResponseFormat(name: "replan", schema: Schemas.replan))
    }

    /// Asks for the final answer: Magentic-One's final-answer prompt over the grouped results.
    static func synthesis(orchestrator: Persona, context: SynthesisContext) -> ChatRequest {
        let instructions = """
            We are working on the request below. The team's results are in the context block,
            grouped by the persona that produced them ("stop_reason" says why the work stopped
            early, if it did; "verdict" is the progress ledger's last word on whether the request
            is satisfied). Based on the information gathered, give the final answer to the original
            request, phrased as if speaking to the person directly; lead with the result. Combine
            each kind of contribution as it deserves: merge findings into one account, list changes
            made, keep written text as written. If steps failed or were skipped, or the verdict
            says the request is not satisfied, say plainly what is missing; mark any educated
            guess as a guess.
            """
        return ChatRequest(
            agent: orchestrator.name, purpose: .synthesis,
            messages: [
                // Compact: it carries every step's full output.
                .system(orchestrator.systemPrompt), .user(ContextBlock.message(instructions, context: context, pretty: false)),
            ])
    }

    /// The first request of a worker carrying out `brief`.
    static func work(persona: Persona, brief: Brief, tools: [ToolSpec]) -> ChatRequest {
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
enum Schemas {
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
    static let plan: JSONValue = .object([
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
        "required": .array([.string("needs_plan"), .string("facts"), .string("steps")]),
    ])

    /// The schema of `ReplanDraft`.
    static let replan: JSONValue = {
        guard case .object(var members) = plan, case .object(var properties)? = members["properties"] else { return plan }
        properties["root_cause"] = .object(["type": .string("string")])
        properties["needs_plan"] = nil
        properties["direct_answer"] = nil
        members["properties"] = .object(properties)
        members["required"] = .array([.string("root_cause"), .string("facts"), .string("steps")])
        return .object(members)
    }()

    /// The schema of `ProgressLedger`.
    static let progressLedger: JSONValue = .object([
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
