import Foundation
import Testing
import TroupeCore
import TroupeHTTP
import TroupeTesting
import TroupeTools

@testable import TroupeProviders

/// The orchestrator runs unchanged on a real provider client talking to a loopback server.
@Suite struct OrchestratorOverProvidersTests {
    static let plan =
        "{\"needs_plan\": true, \"facts\": {\"given\": [\"r\"]}, \"steps\": [{\"id\": 1, \"title\": \"Count the words\", \"persona\": \"analyst\"}]}"
    static let ledger = """
        {"is_request_satisfied": {"reason": "counted", "answer": true}, "is_in_loop": {"reason": "no", "answer": false},
         "is_progress_being_made": {"reason": "yes", "answer": true}, "next_speaker": {"reason": "done", "answer": "none"},
         "instruction_or_question": {"reason": "done", "answer": ""}}
        """

    /// Answers each call by what it asks, not by arrival order: the last progress judgement and
    /// the final answer are asked for at the same time, so their order on the wire is not fixed.
    static func answerByPurpose(_ server: LoopbackServer, stream: @escaping @Sendable (String) -> Data) {
        server.answerUnscripted { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let text =
                body.contains("We are working to address the request below")
                ? plan
                : body.contains("Recall we are working on the request below")
                    ? ledger : body.contains("You have been handed a step") ? "There are 42 words." : "The notes hold 42 words."
            return ErrorPathTests.sse(stream(text))
        }
    }

    func run(_ model: any ChatModel) async -> (TurnResult, [TroupeEvent]) {
        let bus = EventBus(keepsHistory: true)
        let registry = AgentRegistry(bus: bus)
        for persona in BuiltinPersonas.all { await registry.register(persona) }
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: bus), tools: ToolBox([]),
            configuration: OrchestratorConfiguration(retryBackoff: .zero))
        let result = await orchestrator.handle("how many words are in the notes?")
        return (result, bus.history)
    }

    @Test func overAnOpenAICompatibleEndpoint() async throws {
        let server = try LoopbackServer()
        Self.answerByPurpose(server) { WireBodies.openAIStream($0) }
        let model = OpenAIChatModel(
            endpoint: ProviderEndpoint(
                provider: "openai", baseURL: server.url("/v1"), model: "gpt-test", keyVariable: "OPENAI_API_KEY"),
            key: APIKey("sk-test"), transport: URLSessionTransport())
        let (result, events) = await run(model)
        #expect(result == TurnResult(outcome: .completed, answer: "The notes hold 42 words."))
        #expect(events.contains { $0.kind.type == "orchestration.handoff_initiated" })
        let ledger = events.compactMap { event -> ProgressLedgerUpdated? in
            if case .progressLedgerUpdated(let update) = event.kind { return update }
            return nil
        }.first
        #expect(ledger?.derivedByEngine == false)
        #expect(ledger?.ledger.isRequestSatisfied.reason == "counted")
        #expect(server.requests.count == 4)
    }

    @Test func overAnAnthropicEndpoint() async throws {
        let server = try LoopbackServer()
        Self.answerByPurpose(server) { WireBodies.anthropicStream($0) }
        let model = AnthropicChatModel(
            endpoint: ProviderEndpoint(
                provider: "anthropic", baseURL: server.url(), model: "claude-test", keyVariable: "ANTHROPIC_API_KEY"),
            key: APIKey("sk-ant-test"), transport: URLSessionTransport())
        let (result, _) = await run(model)
        #expect(result == TurnResult(outcome: .completed, answer: "The notes hold 42 words."))
        #expect(server.requests.allSatisfy { $0.path == "/v1/messages" && $0.headers["anthropic-version"] == "2023-06-01" })
    }
}

@Suite struct AnswerStreamingTests {
    @Test func theFinalAnswerStreamsAsEvents() async throws {
        let server = try LoopbackServer()
        OrchestratorOverProvidersTests.answerByPurpose(server) { WireBodies.openAIStream($0) }
        let model = OpenAIChatModel(
            endpoint: ProviderEndpoint(
                provider: "openai", baseURL: server.url("/v1"), model: "gpt-test", keyVariable: "OPENAI_API_KEY"),
            key: APIKey("sk-test"), transport: URLSessionTransport())
        let (_, events) = await OrchestratorOverProvidersTests().run(model)
        let pieces = events.compactMap { event -> String? in
            if case .answerDelta(let delta) = event.kind { return delta.text }
            return nil
        }
        #expect(pieces.count > 1)
        #expect(pieces.joined() == "The notes hold 42 words.")
    }
}
