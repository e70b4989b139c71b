import Foundation
import Synchronization
import Testing
import TroupeTesting

@testable import TroupeCore

@Suite struct RateLimiterTests {
    final class Gauge: Sendable {
        let state = Mutex((current: 0, peak: 0))
        func enter() {
            state.withLock {
                $0.current += 1; $0.peak = max($0.peak, $0.current)
            }
        }
        func leave() { state.withLock { $0.current -= 1 } }
        var peak: Int { state.withLock { $0.peak } }
    }

    @Test func neverLetsMoreThanTheLimitRunAtOnce() async throws {
        let limiter = RateLimiter(maxInFlight: 2)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await limiter.acquire()
                    gauge.enter()
                    try await Task.sleep(for: .milliseconds(5))
                    gauge.leave()
                    await limiter.release()
                }
            }
            try await group.waitForAll()
        }
        #expect(gauge.peak == 2)
    }

    @Test func aCancelledWaiterStopsWaiting() async throws {
        let limiter = RateLimiter(maxInFlight: 1)
        try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        await limiter.release()
        try await limiter.acquire()
    }

    @Test func spacesRequestsToTheWindow() async throws {
        let limiter = RateLimiter(requestsPerMinute: 1, window: .milliseconds(60))
        try await limiter.acquire()
        let started = ContinuousClock.now
        try await limiter.acquire()
        #expect(started.duration(to: .now) >= .milliseconds(50))
    }

    @Test func theGatewayLimitsEachProvider() async throws {
        let log = EventLog()
        let limiter = RateLimiter(maxInFlight: 1)
        let steps = (1...3).map { ("researcher", "look \($0)", [Int]()) }
        var entries = [Entry(purpose: .plan, text: planJSON(steps))]
        entries += (1...3).map { _ in Entry(agent: "researcher", purpose: .work, text: "seen", delayMs: 10) }
        entries.append(Entry(purpose: .synthesis, text: "ok"))
        let model = ScriptedModel(entries: entries, name: "test")
        let registry = await builtinRegistry(bus: log.bus)
        let orchestrator = Orchestrator(
            registry: registry,
            gateway: ModelGateway(router: ModelRouter(sessionModel: model), bus: log.bus, rateLimits: ["script:test": limiter]),
            tools: ToolBox([]), configuration: OrchestratorConfiguration(retryBackoff: .zero, progressLedger: .onTrouble))
        _ = await orchestrator.handle("look three times")
        var inFlight = 0
        var peak = 0
        for event in log.events {
            if case .modelRequested = event.kind { inFlight += 1 }
            if case .modelResponded = event.kind { inFlight -= 1 }
            peak = max(peak, inFlight)
        }
        // Two researchers may run at once, but the provider takes one call at a time.
        #expect(peak == 1)
        #expect(log.all("model.response").count == 5)
    }
}
