import Foundation
import TroupeCore

/// The same sleeping model driven by a bare greedy ready-queue `TaskGroup`: plan call, every step
/// as soon as its dependencies are done (within the limit), synthesis call. No engine.
enum Floor {
    static func run(_ workload: Workload) async throws -> Double {
        let model = SleepingModel(latency: workload.latency, plan: workload.planJSON)
        let started = ContinuousClock.now
        _ = try await model.complete(request(.plan))
        var remaining = Dictionary(uniqueKeysWithValues: workload.steps.map { ($0.id, Set($0.dependsOn)) })
        var dependents: [Int: [Int]] = [:]
        for step in workload.steps { for dependency in step.dependsOn { dependents[dependency, default: []].append(step.id) } }
        var ready = workload.steps.filter { $0.dependsOn.isEmpty }.map(\.id)
        try await withThrowingTaskGroup(of: Int.self) { group in
            var running = 0
            func launch() {
                while running < workload.maxParallel, let id = ready.popLast() {
                    running += 1
                    group.addTask {
                        _ = try await model.complete(request(.work))
                        return id
                    }
                }
            }
            launch()
            while let finished = try await group.next() {
                running -= 1
                for dependent in dependents[finished] ?? [] {
                    remaining[dependent]?.remove(finished)
                    if remaining[dependent]?.isEmpty == true { ready.append(dependent) }
                }
                launch()
            }
        }
        _ = try await model.complete(request(.synthesis))
        return started.duration(to: .now) / .milliseconds(1)
    }

    static func request(_ purpose: RequestPurpose) -> ChatRequest {
        ChatRequest(agent: "alpha", purpose: purpose, messages: [.user("x")])
    }
}

/// The real orchestrator on the same workload: planning, briefs, handoffs, events, ledgers.
enum EngineRun {
    /// One run's wall time and the progress-ledger calls it made.
    struct Sample {
        var milliseconds: Double
        var ledgerCalls: Int
    }

    static func run(_ workload: Workload, policy: ProgressLedgerPolicy) async throws -> Sample {
        let bus = EventBus()
        let registry = AgentRegistry(bus: bus)
        await registry.register(Persona(name: "orchestrator", description: "plans", role: .orchestrator, canBeDelegatedTo: false))
        for name in Workload.personas {
            await registry.register(Persona(name: name, description: "works", capabilities: ["work"], maxParallelTasks: 10_000))
        }
        let model = SleepingModel(latency: workload.latency, plan: workload.planJSON)
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: bus), tools: ToolBox([]),
            configuration: OrchestratorConfiguration(
                maxParallelSteps: workload.maxParallel, progressLedger: policy, maxPlanSteps: .max))
        let started = ContinuousClock.now
        let result = await orchestrator.handle("run the benchmark")
        guard result.outcome == .completed else {
            throw BenchError("engine run ended \(result.outcome): \(result.answer.prefix(200))")
        }
        return Sample(milliseconds: started.duration(to: .now) / .milliseconds(1), ledgerCalls: model.ledgerCalls.value)
    }
}
