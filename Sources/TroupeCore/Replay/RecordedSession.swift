import Foundation

/// What a transcript holds that a replay needs, read in one pass and kept small: the user's turns
/// (their inputs, overrides, interruptions and where their events are in the file), every model
/// call with where its answer is, every tool result and approval answer. Answers, tool outputs
/// and a turn's events are read from the file again when the replay gets to them, so memory
/// does not grow with the size of what the session said.
public struct RecordedSession: Sendable {
    /// One request of the user and what was recorded for it.
    public struct Turn: Sendable {
        public var input: String
        /// Set when the user addressed one persona (`@name text`): the persona and the text.
        public var direct: (persona: String, text: String)?
        /// The turn's `user.input` line, where its events start.
        public var start: LineReference
        /// The number of events recorded for the turn, from its `user.input` to the next turn.
        public var eventCount = 0
        /// Where the user interrupted: the number of the turn's events before the first one the
        /// interrupt caused.
        public var interruptedAfter: Int?
        /// The overrides the user gave while the turn ran, each with the number of the turn's
        /// events before it.
        public var overrides: [(after: Int, override: UserOverride)] = []
        /// What the user did with the proposed plan before it ran, in order.
        public var review: [PlanReviewAction] = []
        /// What the shell recorded after the request ended and before the next one (`/clear`,
        /// `/model`, `/use`, a resumed session's start), in order.
        public var afterwards: [UserIntervention] = []
        /// The line of the turn's `user.input`, for messages.
        public var line: Int { start.number }
    }

    /// One model call as recorded.
    public struct Call: Sendable {
        public var agent: String
        public var purpose: RequestPurpose
        public var hash: String
        public var turn: Int
        /// The number of the turn's events before its answer began: its first back-off or streamed
        /// piece, else its response (or failure).
        public var position: Int?
        /// The number of the turn's responses (and failures) recorded before this one's.
        public var responsesBefore = 0
        /// The `model.response` line.
        public var response: LineReference?
        /// The identifier of the model that answered.
        public var model: String?
        public var error: String?
        public var backoffs: [ModelBackoff] = []
        /// The `answer.delta` lines: the answer as it streamed onto the screen (synthesis calls).
        public var deltas: [LineReference] = []
        /// Unanswered because the user interrupted its turn.
        public var interrupted = false
    }

    /// One tool call and where its result is.
    public struct ToolResult: Sendable {
        public var name: String
        /// The SHA-256 of the call's arguments as canonical JSON.
        public var argumentsHash: String
        /// The `tool.result` line.
        public var result: LineReference
    }

    public var header: TranscriptHeader
    /// The file, for reading answers, tool results and turns' events when the replay needs them.
    public let file: TranscriptFile
    public var turns: [Turn] = []
    public var calls: [Call] = []
    public var toolResults: [ToolResult] = []
    /// Approval answers in the order they were given, with the persona they were about.
    public var approvals: [(persona: String, decision: ApprovalDecision)] = []
    /// The tool calls the user was asked about, in order, as the question showed them.
    public var toolApprovals: [ApprovalRequest] = []
    /// What reading the file found (a cut-short last line, a corrupt line when reading a prefix).
    public var summary: TranscriptReader.Summary

    /// Reads `reader`'s events. With `readablePrefixOnly`, a corrupt line ends the session there.
    /// Each line's envelope is decoded; the whole event only for the kinds the index keeps.
    public init(_ reader: TranscriptReader, readablePrefixOnly: Bool = false) throws {
        header = reader.header
        file = reader.file
        summary = TranscriptReader.Summary()
        var builder = Builder(path: reader.url.path)
        summary = try reader.forEachLine(readablePrefixOnly: readablePrefixOnly) { decoder, line in
            let envelope = try decoder.decode(EventEnvelope.self, from: line.bytes)
            let event = Builder.needsWholeEvent(envelope) ? try decoder.decode(TroupeEvent.self, from: line.bytes) : nil
            return (envelope, event)
        } _: { decoded, line in
            try builder.add(decoded.0, decoded.1, at: line)
        }
        turns = builder.turns
        calls = builder.calls
        toolResults = builder.toolResults
        approvals = builder.approvals
        toolApprovals = builder.toolApprovals
        for index in calls.indices where calls[index].response == nil && calls[index].error == nil {
            calls[index].interrupted = turns[calls[index].turn].interruptedAfter != nil
        }
    }

    /// The recorded answer of `call` and the pieces it streamed in, read from the file.
    public func answer(of call: Call) throws -> (response: ChatResponse, deltas: [String])? {
        guard let reference = call.response else { return nil }
        let deltas = try call.deltas.map { try payload(AnswerDelta.self, at: $0).text }
        return (try payload(ModelResponded.self, at: reference).response, deltas)
    }

    /// The recorded output of a tool call, read from the file.
    public func output(of result: ToolResult) throws -> ToolOutput {
        let returned = try payload(ToolReturned.self, at: result.result)
        return ToolOutput(
            text: returned.output, summary: returned.summary, isError: returned.isError, files: returned.files ?? [])
    }

    /// The payload of the event on a line read before: its fields are the line's, beside `seq`,
    /// `ts` and `type`.
    private func payload<Payload: Decodable>(_ type: Payload.Type, at reference: LineReference) throws -> Payload {
        let line = try file.line(at: reference.offset, number: reference.number)
        do {
            return try JSONDecoder().decode(type, from: line.bytes)
        } catch {
            throw TranscriptError.corruptLine(
                path: file.url.path, line: reference.number, message: TranscriptReader.describe(error))
        }
    }
}

extension RecordedSession {
    /// Builds the index one line at a time.
    fileprivate struct Builder {
        let path: String
        var turns: [Turn] = []
        var calls: [Call] = []
        var toolResults: [ToolResult] = []
        var approvals: [(persona: String, decision: ApprovalDecision)] = []
        var toolApprovals: [ApprovalRequest] = []
        private var waiting: [String: [Int]] = [:]
        private var pendingTools: [String: [(id: String, name: String, argumentsHash: String)]] = [:]
        /// The turn's latest synthesis call: streamed answer pieces are its own, also those
        /// published after its response (an answer written beside the last judgement is held
        /// until the verdict).
        private var streaming: Int?
        /// For calls not answered yet: the number of the turn's events before the first one the
        /// call itself caused (a back-off, a streamed piece), which a replay produces only once
        /// the call is given its answer.
        private var ownOutputStart: [Int: Int] = [:]
        private var responsesInTurn = 0
        /// Whether the current turn's `plan_completed` was read: what follows, up to the next
        /// request, happened between requests.
        private var turnEnded = false

        init(path: String) { self.path = path }

        /// Whether the index needs the whole event of this kind, not only its envelope.
        static func needsWholeEvent(_ envelope: EventEnvelope) -> Bool {
            switch envelope.type {
            case "user.input", "user.intervention", "model.backoff", "model.failed", "tool.call", "approval.decided",
                "approval.requested":
                return true
            case "model.request": return envelope.agent == nil || envelope.purpose == nil || envelope.hash == nil
            case "model.response": return envelope.hash == nil || envelope.model == nil
            case "tool.result": return envelope.agent == nil || envelope.callID == nil
            default: return false
            }
        }

        mutating func add(_ envelope: EventEnvelope, _ event: TroupeEvent?, at line: TranscriptLine) throws {
            if case .userInput(let input)? = event?.kind {
                turns.append(Turn(input: input.text, start: LineReference(line)))
                streaming = nil
                responsesInTurn = 0
                turnEnded = false
            }
            guard !turns.isEmpty else { return }
            let turn = turns.count - 1
            // What the shell records between requests is no part of a turn: the shell's own
            // choices are given back after the turn, the rest (a resumed session registering its
            // personas again) is the session's start, not the engine's work.
            if case .userIntervention(let intervention)? = event?.kind, intervention.isBetweenRequests {
                turns[turn].afterwards.append(intervention)
                return
            }
            guard !turnEnded else { return }
            if envelope.type == "orchestration.plan_completed" { turnEnded = true }
            let position = turns[turn].eventCount
            turns[turn].eventCount += 1
            if let event {
                try addWhole(event, turn: turn, position: position, line: line)
            } else {
                try addEnvelope(envelope, turn: turn, position: position, line: line)
            }
            if turns[turn].interruptedAfter == nil, envelope.isCausedByInterrupt {
                turns[turn].interruptedAfter = position
            }
        }

        private mutating func addEnvelope(_ envelope: EventEnvelope, turn: Int, position: Int, line: TranscriptLine) throws {
            switch envelope.type {
            case "model.request":
                guard let agent = envelope.agent, let purpose = envelope.purpose, let hash = envelope.hash else { return }
                waiting[hash, default: []].append(calls.count)
                calls.append(Call(agent: agent, purpose: purpose, hash: hash, turn: turn))
                if purpose == .synthesis { streaming = calls.count - 1 }
            case "answer.delta":
                if let streaming {
                    calls[streaming].deltas.append(LineReference(line))
                    let answered = calls[streaming].response != nil || calls[streaming].error != nil
                    if !answered, ownOutputStart[streaming] == nil { ownOutputStart[streaming] = position }
                }
            case "model.response":
                let index = try take(envelope.hash ?? "", line: line.number)
                calls[index].response = LineReference(line)
                calls[index].model = envelope.model
                answered(index, position: position)
            case "tool.result":
                let agent = envelope.agent ?? ""
                let callID = envelope.callID ?? ""
                guard let index = pendingTools[agent]?.lastIndex(where: { $0.id == callID }),
                    let call = pendingTools[agent]?.remove(at: index)
                else {
                    throw TranscriptError.danglingReference(
                        path: path, line: line.number, message: "tool result \(callID) of \(agent) has no tool call")
                }
                guard call.name != Delegation.toolName else { return }
                toolResults.append(ToolResult(name: call.name, argumentsHash: call.argumentsHash, result: LineReference(line)))
            default:
                break
            }
        }

        private mutating func addWhole(_ event: TroupeEvent, turn: Int, position: Int, line: TranscriptLine) throws {
            switch event.kind {
            case .userIntervention(let intervention) where intervention.kind == .direct:
                let prefix = "@\(intervention.detail) "
                let input = turns[turn].input
                turns[turn].direct = (
                    intervention.detail, input.hasPrefix(prefix) ? String(input.dropFirst(prefix.count)) : input
                )
            case .userIntervention(let intervention):
                if let override = UserOverride(intervention) { turns[turn].overrides.append((position, override)) }
                switch intervention.kind {
                case .planFeedback: turns[turn].review.append(.feedback(intervention.detail))
                case .planDeclined: turns[turn].review.append(.declined)
                case .planEdited:
                    guard let plan = try? JSONCoding.decode(Plan.self, from: intervention.detail) else {
                        throw TranscriptError.danglingReference(
                            path: path, line: line.number, message: "the edited plan recorded here is not a plan")
                    }
                    turns[turn].review.append(.edited(plan))
                default: break
                }
            case .modelBackoff(let backoff):
                if let hash = backoff.hash, let index = waiting[hash]?.first {
                    calls[index].backoffs.append(backoff)
                    if ownOutputStart[index] == nil { ownOutputStart[index] = position }
                }
            case .modelFailed(let failure):
                let index = try take(failure.hash, line: line.number)
                calls[index].error = failure.error
                answered(index, position: position)
            case .toolCalled(let called):
                pendingTools[called.agent, default: []].append(
                    (called.call.id, called.call.name, RecordedToolResults.hash(arguments: called.call.arguments)))
            case .approvalDecided(let decided):
                approvals.append((decided.persona, decided.value))
            case .approvalRequested(let request):
                if request.tool != nil { toolApprovals.append(request) }
                try addEnvelope(EventEnvelope(event.kind), turn: turn, position: position, line: line)
            default:
                // A kind whose envelope fields were missing: the whole event fills them in.
                try addEnvelope(EventEnvelope(event.kind), turn: turn, position: position, line: line)
            }
        }

        private mutating func answered(_ index: Int, position: Int) {
            // Released where its own output began: waiting for events only the answer can cause
            // would stall the replay until the pool's quiet period gave up.
            calls[index].position = ownOutputStart.removeValue(forKey: index) ?? position
            calls[index].responsesBefore = responsesInTurn
            responsesInTurn += 1
        }

        private mutating func take(_ hash: String, line: Int) throws -> Int {
            guard var queue = waiting[hash], !queue.isEmpty else {
                throw TranscriptError.danglingReference(
                    path: path, line: line,
                    message: "a model response refers to request \(hash.prefix(12))…, which is not recorded")
            }
            let index = queue.removeFirst()
            waiting[hash] = queue
            return index
        }
    }
}
