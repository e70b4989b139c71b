/// The agents of a session, with their health, used by routing and `/agents`.
///
/// An actor: steps running in parallel report results concurrently. Health changes are
/// published as `agent.status_changed`.
public actor AgentRegistry {
    private var records: [String: AgentRecord] = [:]
    private var order: [String] = []
    private let bus: EventBus?

    /// An empty registry publishing to `bus`.
    public init(bus: EventBus? = nil) {
        self.bus = bus
    }

    /// Adds (or replaces) the agent for `persona`.
    public func register(_ persona: Persona) {
        if records[persona.name] == nil { order.append(persona.name) }
        records[persona.name] = AgentRecord(persona: persona, health: records[persona.name]?.health ?? AgentHealth())
        bus?.publish(
            .agentRegistered(
                AgentRegistered(
                    persona: persona.name, role: persona.role, capabilities: persona.capabilities,
                    source: persona.source.description)))
    }

    /// Every agent in registration order.
    public func list() -> [AgentRecord] {
        order.compactMap { records[$0] }
    }

    /// The agent named `name`.
    public func agent(_ name: String) -> AgentRecord? {
        records[name]
    }

    /// Workers that routing may use now (not unavailable), as team members.
    public func availableWorkers() -> [TeamMember] {
        list().filter { $0.persona.isWorker && $0.health.status != .unavailable }.map { TeamMember($0.persona) }
    }

    /// Marks a task started on `name`.
    public func taskStarted(_ name: String) {
        records[name]?.health.load += 1
    }

    /// Marks a task of `name` cancelled: its load drops, its track record is unchanged.
    public func taskCancelled(_ name: String) {
        if let load = records[name]?.health.load { records[name]?.health.load = max(0, load - 1) }
    }

    /// Records a finished task and publishes a status change if there is one.
    public func taskFinished(_ name: String, succeeded: Bool, latencyMs: Int, tokens: Int) {
        guard var record = records[name] else { return }
        let before = record.health.status
        record.health.load = max(0, record.health.load - 1)
        record.health.totalLatencyMs += latencyMs
        record.health.tokens += tokens
        if succeeded {
            record.health.successes += 1
            record.health.consecutiveFailures = 0
        } else {
            record.health.failures += 1
            record.health.consecutiveFailures += 1
        }
        records[name] = record
        let after = record.health.status
        if before != after {
            let reason = succeeded ? "succeeded" : "\(record.health.consecutiveFailures) failures in a row"
            bus?.publish(.agentStatusChanged(AgentStatusChanged(persona: name, from: before, to: after, reason: reason)))
        }
    }

}

extension AgentRegistry {
    /// Workers that could take `work`, best first: capability and specialization match, then
    /// health (degraded ranks below healthy; unavailable is left out), then free capacity.
    /// Each candidate's reason says all three.
    public func suggestAgents(for work: String, excluding excluded: Set<String> = []) -> [RoutingCandidate] {
        let workers = list().filter {
            $0.persona.isWorker && !excluded.contains($0.persona.name) && $0.health.status != .unavailable
        }
        let byName = Dictionary(workers.map { ($0.persona.name, $0) }, uniquingKeysWith: { first, _ in first })
        let ranked = CapabilityRouter.rank(work, among: workers.map { TeamMember($0.persona) }).filter { $0.score > 0 }
        return ranked.compactMap { candidate -> (RoutingCandidate, Int, Double)? in
            guard let record = byName[candidate.persona] else { return nil }
            let healthPenalty = record.health.status == .healthy ? 0 : 1
            let load = Double(record.health.load) / Double(max(1, record.persona.maxParallelTasks))
            var suggestion = candidate
            suggestion.reason +=
                "; \(record.health.status.rawValue); load \(record.health.load)/\(record.persona.maxParallelTasks)"
            return (suggestion, healthPenalty, load)
        }
        .sorted { lhs, rhs in
            if lhs.0.score != rhs.0.score { return lhs.0.score > rhs.0.score }
            if lhs.1 != rhs.1 { return lhs.1 < rhs.1 }
            return lhs.2 < rhs.2
        }
        .map(\.0)
    }
}
