public import Foundation

/// Where the time of one request went, rebuilt from its events alone (so a replayed or resumed
/// session has the same one): a bar per step from its first handoff to its completion, a bar per
/// call the orchestrator made (planning, progress ledger, re-planning, synthesis), and the model
/// calls and tokens of each persona.
public struct TurnTimeline: Sendable, Equatable {
    /// What a bar is the time of.
    public enum Activity: String, Sendable, Equatable {
        case planning, step, ledger, replanning, synthesis
    }

    /// One piece of work in time.
    public struct Bar: Sendable, Equatable {
        public var activity: Activity
        /// The step, for a step's bar.
        public var step: Int?
        /// The step's title, or what the orchestrator was doing.
        public var label: String
        /// Who did it: the step's persona, or the orchestrator.
        public var persona: String
        public var start: Date
        /// Nil while it runs.
        public var end: Date?
        /// How a step ended.
        public var status: StepState?
        /// Tokens of the step (all its attempts), or of the orchestrator's call.
        public var tokens: Int
    }

    /// One model call, for the time the critical path spent waiting on models.
    public struct ModelCall: Sendable, Equatable {
        public var agent: String
        public var start: Date
        public var end: Date
    }

    /// When the request was typed, and when its answer came.
    public var start: Date?
    public var end: Date?
    /// How the request ended, once it has.
    public var outcome: TurnOutcome?
    /// When the plan was announced: the earliest any step could start.
    public var planned: Date?
    /// The plan's steps as last announced (for titles and dependencies).
    public var steps: [PlanStep] = []
    /// Steps and orchestrator calls, in the order they started.
    public var bars: [Bar] = []
    /// Every model call answered or failed, by whom and when.
    public var modelCalls: [ModelCall] = []
    /// The usage of every model response, by the persona that asked.
    public var usageByPersona: [String: TokenUsage] = [:]
    /// The models each persona's responses came from (for prices).
    public var modelsByPersona: [String: String] = [:]
    /// Model calls asked and not answered yet, by request hash.
    private var openCalls: [String: OpenCall] = [:]

    private struct OpenCall: Sendable, Equatable {
        var agent: String
        var start: Date
    }

    public init() {}

    /// Updates the timeline with one event.
    public mutating func apply(_ event: TroupeEvent) {
        let time = event.timestamp
        switch event.kind {
        case .userInput:
            self = TurnTimeline()
            start = time
        case .planStarted(let started):
            planned = time
            steps = started.plan.steps
        case .replanned(let replanned):
            steps = replanned.plan.steps
        case .subPlanned(let subPlanned):
            steps = subPlanned.plan.steps
        case .taskAssigned(let assigned):
            if let index = bars.firstIndex(where: { $0.step == assigned.step && $0.end == nil }) {
                bars[index].persona = assigned.persona
            }
        case .handoffInitiated(let handoff):
            guard let step = handoff.step, !bars.contains(where: { $0.step == step && $0.activity == .step }) else { return }
            let title = steps.first { $0.id == step }?.title ?? "step \(step)"
            bars.append(Bar(activity: .step, step: step, label: title, persona: handoff.to, start: time, tokens: 0))
        case .taskCompleted(let completed):
            if let index = bars.firstIndex(where: { $0.step == completed.step && $0.activity == .step }) {
                bars[index].end = time
                bars[index].status = completed.status
                bars[index].tokens = completed.tokens
            } else {
                // A step that never ran (skipped, cancelled before it started): a mark, no bar.
                let title = steps.first { $0.id == completed.step }?.title ?? "step \(completed.step)"
                bars.append(
                    Bar(
                        activity: .step, step: completed.step, label: title, persona: completed.persona, start: time, end: time,
                        status: completed.status, tokens: 0))
            }
        case .modelRequested(let requested):
            openCalls[requested.hash] = OpenCall(agent: requested.agent, start: time)
            if let activity = Self.activity(of: requested.purpose) {
                bars.append(
                    Bar(activity: activity, label: activity.rawValue, persona: requested.agent, start: time, tokens: 0))
            }
        case .modelResponded(let responded):
            usageByPersona[responded.agent, default: TokenUsage()] =
                usageByPersona[responded.agent, default: TokenUsage()] + responded.response.usage
            modelsByPersona[responded.agent] = responded.model
            closeCall(responded.hash, purpose: responded.purpose, at: time, tokens: responded.response.usage.total)
        case .modelFailed(let failed):
            closeCall(failed.hash, purpose: failed.purpose, at: time, tokens: 0)
        case .planCompleted(let completed):
            end = time
            outcome = completed.outcome
        default:
            break
        }
    }

    private mutating func closeCall(_ hash: String, purpose: RequestPurpose, at time: Date, tokens: Int) {
        guard let call = openCalls.removeValue(forKey: hash) else { return }
        modelCalls.append(ModelCall(agent: call.agent, start: call.start, end: time))
        guard let activity = Self.activity(of: purpose),
            let index = bars.lastIndex(where: { $0.activity == activity && $0.start == call.start && $0.end == nil })
        else { return }
        bars[index].end = time
        bars[index].tokens = tokens
    }

    /// The orchestrator's activity a call of `purpose` is; nil for a worker's own calls.
    private static func activity(of purpose: RequestPurpose) -> Activity? {
        switch purpose {
        case .plan: return .planning
        case .progressLedger: return .ledger
        case .replan: return .replanning
        case .synthesis: return .synthesis
        case .work: return nil
        }
    }

    /// When step `id` could first start: when the last step it depends on ended, or when the
    /// plan was announced.
    public func ready(_ id: Int) -> Date? {
        let dependencies = steps.first { $0.id == id }?.dependsOn ?? []
        let ends = dependencies.compactMap { dependency in bars.first { $0.step == dependency && $0.activity == .step }?.end }
        return ends.max() ?? planned
    }

    /// The chain of dependent steps that took longest, first to last, by their bars' durations.
    public var criticalPath: [Int] {
        var best: [Int: (seconds: Double, path: [Int])] = [:]
        func longest(to id: Int, seen: Set<Int>) -> (seconds: Double, path: [Int]) {
            if let known = best[id] { return known }
            let own =
                bars.first { $0.step == id && $0.activity == .step }.map { ($0.end ?? $0.start).timeIntervalSince($0.start) } ?? 0
            let dependencies = (steps.first { $0.id == id }?.dependsOn ?? []).filter { !seen.contains($0) }
            let before = dependencies.map { longest(to: $0, seen: seen.union([id])) }.max { $0.seconds < $1.seconds }
            let result = ((before?.seconds ?? 0) + own, (before?.path ?? []) + [id])
            best[id] = result
            return result
        }
        return steps.map { longest(to: $0.id, seen: []) }.max { $0.seconds < $1.seconds }?.path ?? []
    }
}
