import Foundation

/// Runs one persona on one brief: the model call, the tools it asks for, until it answers.
struct WorkerRunner: Sendable {
    let gateway: ModelGateway
    let tools: ToolBox
    /// Asked before tool calls that change files or run commands; nil allows them.
    let approvals: HandoffApprovals?
    /// Model rounds before the worker must answer; bounds tool loops.
    var maxRounds: Int

    init(gateway: ModelGateway, tools: ToolBox, approvals: HandoffApprovals? = nil, maxRounds: Int = 8) {
        self.gateway = gateway
        self.tools = tools
        self.approvals = approvals
        self.maxRounds = maxRounds
    }

    /// Carries out `brief` as `persona`. With `delegate`, `handoff` calls go there, and the
    /// `handoff` tool is offered to a persona that `can_delegate` or lists it in its tools (the
    /// others pay no tokens for it; a call they make anyway is still routed). Throws
    /// `CancellationError` when cancelled, otherwise a `WorkerFailure` with the tokens used.
    func run(
        _ brief: Brief, as persona: Persona, delegate: (@Sendable (ToolCall) async -> ToolOutput)? = nil
    ) async throws -> WorkerOutcome {
        let offersHandoff =
            delegate != nil && (persona.canDelegate || persona.toolGrants.contains { $0.target == .tool(Delegation.toolName) })
        let specs = tools.specs(for: persona) + (offersHandoff ? [Delegation.spec] : [])
        var request = OrchestratorPrompts.work(persona: persona, brief: brief, tools: specs)
        var usage = TokenUsage()
        do {
            return try await rounds(&request, usage: &usage, persona: persona, brief: brief, delegate: delegate)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw WorkerFailure(underlying: error, usage: usage)
        }
    }

    /// The model calls and tool calls of one brief, until the model answers; `usage` grows with
    /// each response.
    private func rounds(
        _ request: inout ChatRequest, usage: inout TokenUsage, persona: Persona, brief: Brief,
        delegate: (@Sendable (ToolCall) async -> ToolOutput)?
    ) async throws -> WorkerOutcome {
        var toolCalls = 0
        var files: [String] = []
        for round in 1...maxRounds {
            if round == maxRounds { request.tools = [] }
            let response = try await gateway.call(request)
            usage = usage + response.usage
            request.messages.append(response.message)
            guard !response.message.toolCalls.isEmpty else {
                return WorkerOutcome(
                    output: response.message.content, usage: usage, toolCalls: toolCalls, filesTouched: files,
                    needsLanguageModel: response.stopReason == .needsLanguageModel)
            }
            for call in response.message.toolCalls {
                try Task.checkCancellation()
                toolCalls += 1
                gateway.bus.publish(.toolCalled(ToolCalled(agent: persona.name, step: brief.step, call: call)))
                let output: ToolOutput
                if call.name == Delegation.toolName, let delegate {
                    output = await delegate(call)
                } else {
                    let (approvals, bus) = (self.approvals, gateway.bus)
                    output = await tools.run(call, for: persona) { preview in
                        await approvals?.reviewTool(call.name, preview: preview, persona: persona, step: brief.step, bus: bus)
                    }
                }
                files += output.files.filter { !files.contains($0) }
                gateway.bus.publish(
                    .toolReturned(
                        ToolReturned(
                            agent: persona.name, step: brief.step, callID: call.id, name: call.name,
                            summary: output.summary, output: output.text, isError: output.isError, files: output.files)))
                request.messages.append(ChatMessage(role: .tool, content: output.text, toolCallID: call.id))
            }
        }
        throw OrchestrationError.workerDidNotFinish(persona: persona.name, rounds: maxRounds)
    }
}
