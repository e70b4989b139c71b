import Foundation
import Synchronization
import Testing
import TroupeCore

/// The examples in the doc comments of the five types an embedder starts from (`ChatModel`,
/// `ScriptedModel`, `EventBus`, `Persona`, `Orchestrator`), run as written, through the public
/// API only (no `@testable`): if one stops compiling or working, this fails.
@Suite struct EmbedderExampleTests {
    /// `ChatModel`'s example: a model of one's own.
    struct EchoModel: ChatModel {
        let identifier = "echo"

        func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
            let text = request.messages.last?.content ?? ""
            return AsyncThrowingStream { continuation in
                continuation.yield(.text(text))
                let message = ChatMessage(role: .assistant, content: text)
                continuation.yield(.finished(ChatResponse(message: message, usage: TokenUsage(outputTokens: 1))))
                continuation.finish()
            }
        }
    }

    @Test func chatModel() async throws {
        let request = ChatRequest(agent: "writer", purpose: .work, messages: [.user("hello")])
        let reply = try await EchoModel().complete(request)
        #expect(reply.message.content == "hello")
    }

    @Test func scriptedModel() async throws {
        let model = ScriptedModel(entries: [
            ScriptedModel.Entry(agent: "writer", text: "Leaves fall, one by one."),
            ScriptedModel.Entry(agent: "coder", error: "provider down"),
        ])
        let haiku = try await model.complete(ChatRequest(agent: "writer", purpose: .work, messages: [.user("A haiku?")]))
        #expect(haiku.message.content == "Leaves fall, one by one.")
        await #expect(throws: ModelError.self) {
            try await model.complete(ChatRequest(agent: "coder", purpose: .work, messages: [.user("Fix it")]))
        }
    }

    @Test func eventBus() {
        let bus = EventBus()
        let seen = Mutex<[String]>([])
        bus.subscribe { event in seen.withLock { $0.append("\(event.seq) \(event.kind.type)") } }
        bus.publish(.userInput(UserInput(text: "hello")))
        #expect(seen.withLock { $0 } == ["1 user.input"])
    }

    @Test func persona() throws {
        let persona = try PersonaParser.parse(
            """
            ---
            name: reviewer
            description: Reviews a diff for bugs before it is merged
            tools: read_file, search_files
            ---
            You review code. Name each bug with its file and line.
            """, path: "reviewer.md", source: .user(path: "reviewer.md"))
        #expect(persona.name == "reviewer")
        #expect(persona.tools == ["read_file", "search_files"])
    }

    @Test func orchestrator() async {
        let model = ScriptedModel(entries: [
            ScriptedModel.Entry(
                purpose: .plan,
                text: #"{"facts": {"given": ["a haiku"]}, "steps": [{"id": 1, "title": "Write it", "persona": "writer"}]}"#),
            ScriptedModel.Entry(agent: "writer", purpose: .work, text: "Leaves fall, one by one."),
            ScriptedModel.Entry(purpose: .synthesis, text: "Leaves fall, one by one."),
        ])
        let bus = EventBus()
        let registry = AgentRegistry(bus: bus)
        for persona in BuiltinPersonas.all { await registry.register(persona) }
        let orchestrator = Orchestrator(registry: registry, gateway: ModelGateway(model: model, bus: bus), tools: ToolBox([]))
        let result = await orchestrator.handle("A haiku about autumn, please")
        #expect(result.outcome == .completed, "\(result.answer)")
        #expect(result.answer == "Leaves fall, one by one.")
    }
}
