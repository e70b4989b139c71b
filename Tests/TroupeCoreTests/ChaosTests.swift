import Foundation
import Synchronization
import Testing
import TroupeTesting

@testable import TroupeCore

@Suite struct ChaosTests {
    /// Every seeded run ends with an answer or a clean escalation, within a bounded number of calls.
    @Test func everySeededRunEndsCleanly() async throws {
        var outcomes: [TurnOutcome: Int] = [:]
        var maxCalls = 0
        var escalations = 0
        var replans = 0
        for seed in UInt64(1)...200 {
            let log = EventLog()
            let model = ChaosModel(seed: seed)
            let orchestrator = await makeOrchestrator(model, log: log)
            let result = await orchestrator.handle("do several things, then summarize them")
            outcomes[result.outcome, default: 0] += 1
            maxCalls = max(maxCalls, model.calls)
            escalations += log.all("orchestration.escalated").count
            replans += log.all("orchestration.replanned").count
            #expect(result.outcome != .cancelled, "seed \(seed)")
            #expect(!result.answer.isEmpty, "seed \(seed)")
            #expect(log.types.last == "orchestration.plan_completed", "seed \(seed)")
            #expect(model.calls <= 400, "seed \(seed) made \(model.calls) calls")
        }
        print(
            "chaos: 200 runs, outcomes \(outcomes.sorted { $0.key.rawValue < $1.key.rawValue }), re-plans \(replans), escalations \(escalations), max calls in a run \(maxCalls)"
        )
        #expect(outcomes.values.reduce(0, +) == 200)
    }
}
