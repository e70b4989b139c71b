import Foundation
import Synchronization
import TroupeCore
import TroupeTesting

/// One benchmark workload: a DAG of steps, a per-call latency and a parallelism limit.
struct Workload {
    struct Step {
        var id: Int
        var persona: String
        var dependsOn: [Int]
    }

    /// What it is; with `latency`, the name it is reported under.
    var shape: String
    var steps: [Step]
    var latency: Duration
    var maxParallel: Int

    var latencyMs: Double { latency / .milliseconds(1) }

    /// `W2 chain 50, L=20ms`.
    var name: String { "\(shape), L=\(String(format: "%g", latencyMs))ms" }

    /// max(critical path, ⌈steps/limit⌉) · L, plus the plan and synthesis calls.
    var physicalLimitMs: Double {
        var depth: [Int: Int] = [:]
        for step in steps { depth[step.id] = (step.dependsOn.compactMap { depth[$0] }.max() ?? 0) + 1 }
        let critical = depth.values.max() ?? 0
        let waves = (steps.count + maxParallel - 1) / maxParallel
        return Double(max(critical, waves) + 2) * latencyMs
    }

    /// The plan as the orchestrator model returns it.
    var planJSON: String {
        let items = steps.map { step in
            "{\"id\":\(step.id),\"title\":\"step \(step.id)\",\"persona\":\"\(step.persona)\",\"depends_on\":[\(step.dependsOn.map(String.init).joined(separator: ","))]}"
        }
        return "{\"needs_plan\":true,\"facts\":{\"given\":[\"benchmark\"]},\"steps\":[\(items.joined(separator: ","))]}"
    }

    static let personas = ["alpha", "beta"]

    static func named(_ name: String) throws -> [Workload] {
        switch name {
        case "w1":
            let steps = (1...64).map { Step(id: $0, persona: personas[$0 % 2], dependsOn: []) }
            return [Workload(shape: "W1 fan-out 64", steps: steps, latency: .milliseconds(20), maxParallel: 1000)]
        case "w2":
            return [50, 200, 1000].map { count in
                let steps = (1...count).map { Step(id: $0, persona: personas[$0 % 2], dependsOn: $0 == 1 ? [] : [$0 - 1]) }
                return Workload(shape: "W2 chain \(count)", steps: steps, latency: .milliseconds(20), maxParallel: 1000)
            }
        case "w3":
            var generator = SplitMix64(seed: 3)
            var steps: [Step] = []
            for level in 0..<10 {
                for index in 1...100 {
                    let id = level * 100 + index
                    var dependencies: [Int] = []
                    if level > 0 {
                        let count = Int(generator.next() % 3) + 1
                        dependencies = Array(Set((0..<count).map { _ in (level - 1) * 100 + Int(generator.next() % 100) + 1 }))
                            .sorted()
                    }
                    steps.append(Step(id: id, persona: personas[id % 2], dependsOn: dependencies))
                }
            }
            return [
                Workload(
                    shape: "W3 DAG 1000 (10 levels), 16 in flight", steps: steps, latency: .milliseconds(5), maxParallel: 16
                )
            ]
        default:
            throw BenchError("unknown workload \(name): use w1, w2 or w3")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A model that sleeps `latency` per call, then answers by purpose: the workload's plan, "done"
/// for work, a progressing ledger (satisfied once no step is left to decide about), an answer
/// for synthesis. Counts its ledger calls.
struct SleepingModel: ChatModel {
    let identifier = "sleeping"
    let latency: Duration
    let plan: String
    let ledgerCalls = Counter()

    static func ledger(satisfied: Bool) -> String {
        """
        {"is_request_satisfied":{"reason":"r","answer":\(satisfied)},"is_in_loop":{"reason":"r","answer":false},\
        "is_progress_being_made":{"reason":"r","answer":true},"next_speaker":{"reason":"r","answer":"none"},\
        "instruction_or_question":{"reason":"r","answer":""}}
        """
    }

    /// How a context block names the step waiting for the verdict (pretty and compact JSON).
    static let waitingStep = Array(#""next_step" : {"#.utf8)
    static let waitingStepCompact = Array(#""next_step":{"#.utf8)

    /// Whether `text` holds `pattern`, by a scan of its contiguous UTF-8 bytes (so the model's
    /// own cost stays out of the engine's figures).
    static func names(_ pattern: [UInt8], in text: inout String) -> Bool {
        text.withUTF8 { bytes in
            guard bytes.count >= pattern.count, let first = pattern.first else { return false }
            var index = 0
            while index <= bytes.count - pattern.count {
                if bytes[index] == first, (1..<pattern.count).allSatisfy({ bytes[index + $0] == pattern[$0] }) { return true }
                index += 1
            }
            return false
        }
    }

    /// A thread-safe count.
    final class Counter: Sendable {
        private let count = Mutex(0)
        func increment() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatDelta, any Error> {
        let latency = self.latency
        let text: String
        switch request.purpose {
        case .plan, .replan: text = plan
        case .progressLedger:
            ledgerCalls.increment()
            // The context names a `next_step` while one waits for the verdict; without one the
            // work is over.
            var context = request.messages.last?.content ?? ""
            text = Self.ledger(
                satisfied: !Self.names(Self.waitingStep, in: &context) && !Self.names(Self.waitingStepCompact, in: &context))
        case .work: text = "done"
        case .synthesis: text = "answer"
        }
        return AsyncThrowingStream(unfolding: { [done = Box()] in
            if done.value { return nil }
            try await Task.sleep(for: latency)
            done.value = true
            return .finished(
                ChatResponse(
                    message: ChatMessage(role: .assistant, content: text), usage: TokenUsage(inputTokens: 1, outputTokens: 1)))
        })
    }

    /// Whether the one reply was given. Unchecked: only the stream's single consumer, one `next()`
    /// at a time, touches it.
    private final class Box: @unchecked Sendable {
        var value = false
    }
}
