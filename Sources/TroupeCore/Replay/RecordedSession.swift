/// What a transcript holds that a replay needs: the user's turns with their recorded events,
/// every model call with its outcome, every tool result and every approval answer.
public struct RecordedSession: Sendable {
    /// One request of the user and what was recorded for it.
    public struct Turn: Sendable {
        public var input: String
        /// Set when the user addressed one persona (`@name text`): the persona and the text.
        public var direct: (persona: String, text: String)?
        /// The turn's events, from its `user.input` to the next turn.
        public var events: [TroupeEvent]
        /// The line of each event.
        public var lines: [Int] = []
        /// Where the user interrupted: the number of the turn's events before the first one the
        /// interrupt caused.
        public var interruptedAfter: Int?
        /// The overrides the user gave while the turn ran, each with the number of the turn's
        /// events before it.
        public var overrides: [(after: Int, override: UserOverride)] = []
        /// What the user did with the proposed plan before it ran, in order.
        public var review: [PlanReviewAction] = []
        /// The line of the turn's `user.input`, for messages.
        public var line: Int
    }

    /// One model call as recorded.
    public struct Call: Sendable {
        public var agent: String
        public var purpose: RequestPurpose
        public var hash: String
        public var turn: Int
        /// The number of the turn's events before its response (or failure) was recorded.
        public var position: Int?
        /// The number of the turn's responses (and failures) recorded before this one's.
        public var responsesBefore = 0
        public var response: ChatResponse?
        /// The identifier of the model that answered.
        public var model: String?
        public var error: String?
        public var backoffs: [ModelBackoff] = []
        /// The answer as it streamed onto the screen (synthesis calls).
        public var deltas: [String] = []
        /// Unanswered because the user interrupted its turn.
        public var interrupted = false
    }

    /// One tool call and what it returned.
    public struct ToolResult: Sendable {
        public var name: String
        public var arguments: String
        public var output: ToolOutput
    }

    public var header: TranscriptHeader
    public var turns: [Turn] = []
    public var calls: [Call] = []
    public var toolResults: [ToolResult] = []
    /// Approval answers in the order they were given, with the persona they were about.
    public var approvals: [(persona: String, decision: ApprovalDecision)] = []
    /// What reading the file found (a cut-short last line, a corrupt line when reading a prefix).
    public var summary: TranscriptReader.Summary

    /// Reads `reader`'s events. With `readablePrefixOnly`, a corrupt line ends the session there.
    public init(_ reader: TranscriptReader, readablePrefixOnly: Bool = false) throws {
        header = reader.header
        summary = TranscriptReader.Summary()
        var waiting: [String: [Int]] = [:]
        var pendingTools: [String: [ToolCall]] = [:]
        var streaming: Int?
        var responsesInTurn = 0
        let path = reader.url.path
        summary = try reader.forEachEvent(readablePrefixOnly: readablePrefixOnly) { event, line in
            if case .userInput(let input) = event.kind {
                turns.append(Turn(input: input.text, events: [], line: line))
                responsesInTurn = 0
            }
            guard !turns.isEmpty else { return }
            let turn = turns.count - 1
            let position = turns[turn].events.count
            turns[turn].events.append(event)
            turns[turn].lines.append(line)
            switch event.kind {
            case .userIntervention(let intervention) where intervention.kind == "direct":
                let prefix = "@\(intervention.detail) "
                let input = turns[turn].input
                turns[turn].direct = (
                    intervention.detail, input.hasPrefix(prefix) ? String(input.dropFirst(prefix.count)) : input
                )
            case .userIntervention(let intervention):
                if let override = UserOverride(intervention) { turns[turn].overrides.append((position, override)) }
                switch intervention.kind {
                case "plan_feedback": turns[turn].review.append(.feedback(intervention.detail))
                case "plan_declined": turns[turn].review.append(.declined)
                case "plan_edited":
                    guard let plan = try? JSONCoding.decode(Plan.self, from: intervention.detail) else {
                        throw TranscriptError.danglingReference(
                            path: path, line: line, message: "the edited plan recorded here is not a plan")
                    }
                    turns[turn].review.append(.edited(plan))
                default: break
                }
            case .modelRequested(let request):
                waiting[request.hash, default: []].append(calls.count)
                calls.append(Call(agent: request.agent, purpose: request.purpose, hash: request.hash, turn: turn))
                if request.purpose == .synthesis { streaming = calls.count - 1 }
            case .answerDelta(let delta):
                if let streaming { calls[streaming].deltas.append(delta.text) }
            case .modelBackoff(let backoff):
                if let hash = backoff.hash, let index = waiting[hash]?.first { calls[index].backoffs.append(backoff) }
            case .modelResponded(let response):
                let index = try Self.take(response.hash, from: &waiting, path: path, line: line)
                calls[index].response = response.response
                calls[index].model = response.model
                calls[index].position = position
                calls[index].responsesBefore = responsesInTurn
                responsesInTurn += 1
                if streaming == index { streaming = nil }
            case .modelFailed(let failure):
                let index = try Self.take(failure.hash, from: &waiting, path: path, line: line)
                calls[index].error = failure.error
                calls[index].position = position
                calls[index].responsesBefore = responsesInTurn
                responsesInTurn += 1
            case .toolCalled(let called):
                pendingTools[called.agent, default: []].append(called.call)
            case .toolReturned(let returned):
                guard let index = pendingTools[returned.agent]?.lastIndex(where: { $0.id == returned.callID }),
                    let call = pendingTools[returned.agent]?.remove(at: index)
                else {
                    throw TranscriptError.danglingReference(
                        path: path, line: line, message: "tool result \(returned.callID) of \(returned.agent) has no tool call")
                }
                guard call.name != Delegation.toolName else { return }
                toolResults.append(
                    ToolResult(
                        name: call.name, arguments: call.arguments,
                        output: ToolOutput(
                            text: returned.output, summary: returned.summary, isError: returned.isError,
                            files: returned.files ?? [])))
            case .approvalDecided(let decided):
                approvals.append((decided.persona, decided.value))
            default:
                break
            }
            if turns[turn].interruptedAfter == nil, Self.isCausedByInterrupt(event) {
                turns[turn].interruptedAfter = position
            }
        }
        for index in calls.indices where calls[index].response == nil && calls[index].error == nil {
            calls[index].interrupted = turns[calls[index].turn].interruptedAfter != nil
        }
    }

    private static func take(_ hash: String, from waiting: inout [String: [Int]], path: String, line: Int) throws -> Int {
        guard var queue = waiting[hash], !queue.isEmpty else {
            throw TranscriptError.danglingReference(
                path: path, line: line, message: "a model response refers to request \(hash.prefix(12))…, which is not recorded")
        }
        let index = queue.removeFirst()
        waiting[hash] = queue
        return index
    }

    /// The first events an interrupt causes: a cancelled handoff or step, or the turn's cancellation.
    private static func isCausedByInterrupt(_ event: TroupeEvent) -> Bool {
        switch event.kind {
        case .turnCancelled: return true
        case .handoffCompleted(let handoff): return handoff.status == .cancelled
        case .taskCompleted(let task): return task.status == .cancelled
        default: return false
        }
    }
}

/// What the user did with a proposed plan, as recorded.
public enum PlanReviewAction: Sendable, Equatable {
    /// Asked for a new plan with this feedback.
    case feedback(String)
    /// Ran this plan instead of the proposed one.
    case edited(Plan)
    /// Did not run the plan.
    case declined
}
