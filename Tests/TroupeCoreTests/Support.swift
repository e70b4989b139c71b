import Foundation
import Testing

@testable import TroupeCore

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Collects every event of a bus for assertions.
final class EventLog: Sendable {
    let bus = EventBus(keepsHistory: true)

    var events: [TroupeEvent] { bus.history }
    var types: [String] { events.map(\.kind.type) }

    func first(_ type: String) -> TroupeEvent? { events.first { $0.kind.type == type } }
    func all(_ type: String) -> [TroupeEvent] { events.filter { $0.kind.type == type } }
}

/// A registry holding the built-in personas.
func builtinRegistry(bus: EventBus) async -> AgentRegistry {
    let registry = AgentRegistry(bus: bus)
    for persona in BuiltinPersonas.all { await registry.register(persona) }
    return registry
}

/// The JSON text of a plan draft with `steps` as (persona, title, dependsOn).
func planJSON(_ steps: [(String, String, [Int])]) -> String {
    let draft = PlanDraft(
        needsPlan: true, facts: TaskFacts(given: ["test"]),
        steps: steps.enumerated().map { index, step in
            PlanDraft.Step(id: index + 1, title: step.1, persona: step.0, dependsOn: step.2)
        })
    return try! JSONCoding.string(draft)
}

/// An orchestrator over `model` with the built-in personas and no retry wait.
func makeOrchestrator(
    _ model: any ChatModel, log: EventLog, tools: ToolBox = ToolBox([]), configuration: OrchestratorConfiguration? = nil
) async -> Orchestrator {
    let registry = await builtinRegistry(bus: log.bus)
    return Orchestrator(
        registry: registry, gateway: ModelGateway(model: model, bus: log.bus), tools: tools,
        configuration: configuration ?? OrchestratorConfiguration(retryBackoff: .zero))
}

/// `inner`'s answer to `request`, streamed once `first` returns (a gate, an order a test needs),
/// each delta passed through `transform`; `finished` runs after the last one.
func relay(
    _ inner: any ChatModel, _ request: ChatRequest, after first: @escaping @Sendable () async -> Void,
    transform: @escaping @Sendable (ChatDelta) -> [ChatDelta] = { [$0] }, finished: @escaping @Sendable () -> Void = {}
) -> AsyncThrowingStream<ChatDelta, any Error> {
    AsyncThrowingStream { continuation in
        let task = Task {
            await first()
            do {
                for try await delta in inner.stream(request) { transform(delta).forEach { continuation.yield($0) } }
                finished()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
    }
}

/// A tool's output text, line by line (empty lines kept).
func outputLines(_ output: ToolOutput) -> [String] {
    output.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}
