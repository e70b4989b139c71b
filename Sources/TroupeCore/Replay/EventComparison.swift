import Foundation

/// Where a replay first differs from its recording.
public struct Divergence: Sendable, Equatable {
    /// 1-based turn of the session.
    public var turn: Int
    /// The line of the recorded event (or of the turn's input when the replay has an extra event).
    public var line: Int
    /// `step 3`, `agent coder`, or `turn`: the stream the two sides were compared in.
    public var stream: String
    public var persona: String?
    /// The events as JSON with volatile fields removed; nil where one side has none.
    public var recorded: String?
    public var replayed: String?
}

/// Compares a turn's replayed events with its recorded ones. Timing (`ts`, `seq`, durations) is
/// ignored. Events are compared in order within each stream — one per step, one for the turn —
/// and model calls (which carry no step) per agent as a set, since one persona's parallel steps
/// may call its model in either order. So steps that ran in parallel may interleave differently
/// without counting as a divergence, while anything they did differently does.
public enum EventComparison {
    /// The first divergence between `recorded` (with their lines) and `replayed`, or nil.
    public static func firstDivergence(
        turn: Int, recorded: [(event: TroupeEvent, line: Int)], replayed: [TroupeEvent], inputLine: Int
    ) -> Divergence? {
        let left = group(recorded.map { ($0.event, $0.line) })
        let right = group(replayed.map { ($0, 0) })
        var first: Divergence?
        for key in Set(left.keys).union(right.keys) {
            let pair =
                key.hasPrefix("agent ")
                ? firstUnmatched(left[key] ?? [], right[key] ?? []) : firstDifference(left[key] ?? [], right[key] ?? [])
            guard let (x, y) = pair else { continue }
            let line = x?.line ?? inputLine
            if first == nil || line < first!.line {
                first = Divergence(
                    turn: turn, line: line, stream: key, persona: (x ?? y)?.persona, recorded: x.map(json),
                    replayed: y.map(json))
            }
        }
        return first
    }

    /// The first position where two ordered streams differ.
    private static func firstDifference(_ a: [Normalized], _ b: [Normalized]) -> (Normalized?, Normalized?)? {
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : nil
            let y = index < b.count ? b[index] : nil
            if x?.key != y?.key { return (x, y) }
        }
        return nil
    }

    /// The first recorded event with no equal replayed one, and the first replayed one with no
    /// equal recorded one: the streams compared as sets.
    private static func firstUnmatched(_ a: [Normalized], _ b: [Normalized]) -> (Normalized?, Normalized?)? {
        var unmatched = b
        var missing: [Normalized] = []
        for event in a {
            if let index = unmatched.firstIndex(where: { $0.key == event.key }) {
                unmatched.remove(at: index)
            } else {
                missing.append(event)
            }
        }
        guard !missing.isEmpty || !unmatched.isEmpty else { return nil }
        return (missing.first, unmatched.first)
    }

    private struct Normalized {
        /// What is compared: the event as JSON without timing, or for a model request (the
        /// largest event by far) its agent, purpose and hash, the SHA-256 of the whole request,
        /// and for a response the same (a replay serves the recorded answer of that request).
        var key: String
        var kind: EventKind
        var persona: String?
        var line: Int
    }

    /// The event as JSON without `seq`, `ts` and durations, for showing a divergence.
    private static func json(_ event: Normalized) -> String {
        (try? JSONCoding.string(AnyPayload(type: event.kind.type, payload: event.kind.payload))) ?? ""
    }

    private static func group(_ events: [(TroupeEvent, Int)]) -> [String: [Normalized]] {
        var streams: [String: [Normalized]] = [:]
        for (event, line) in events {
            let kind = event.kind.withoutTiming
            let key: String
            if case .modelRequested(let request) = kind {
                key = "model.request \(request.agent) \(request.purpose.rawValue) \(request.hash)"
            } else if case .modelResponded(let response) = kind {
                // Served from the recording by that request's hash: equal when the hash is.
                key = "model.response \(response.agent) \(response.purpose.rawValue) \(response.hash)"
            } else {
                key = (try? JSONCoding.string(AnyPayload(type: kind.type, payload: kind.payload))) ?? ""
            }
            let (stream, persona) = streamKey(kind)
            streams[stream, default: []].append(Normalized(key: key, kind: kind, persona: persona, line: line))
        }
        return streams
    }

    /// The stream an event is compared in, and the persona it concerns.
    private static func streamKey(_ kind: EventKind) -> (String, String?) {
        switch kind {
        case .modelRequested(let value): return ("agent \(value.agent)", value.agent)
        case .modelResponded(let value): return ("agent \(value.agent)", value.agent)
        case .modelFailed(let value): return ("agent \(value.agent)", value.agent)
        case .modelRetried(let value): return ("agent \(value.agent)", value.agent)
        case .modelBackoff(let value): return ("agent \(value.agent)", value.agent)
        case .taskAssigned(let value): return ("step \(value.step)", value.persona)
        case .taskCompleted(let value): return ("step \(value.step)", value.persona)
        case .handoffInitiated(let value): return (value.step.map { "step \($0)" } ?? "turn", value.to)
        case .handoffAccepted(let value): return (value.step.map { "step \($0)" } ?? "turn", value.to)
        case .handoffRejected(let value): return (value.step.map { "step \($0)" } ?? "turn", value.to)
        case .handoffRolledBack(let value): return (value.step.map { "step \($0)" } ?? "turn", value.to)
        case .handoffCompleted(let value): return (value.step.map { "step \($0)" } ?? "turn", value.from)
        case .approvalRequested(let value): return (value.step.map { "step \($0)" } ?? "turn", value.persona)
        case .toolCalled(let value): return (value.step.map { "step \($0)" } ?? "agent \(value.agent)", value.agent)
        case .toolReturned(let value): return (value.step.map { "step \($0)" } ?? "agent \(value.agent)", value.agent)
        case .agentStatusChanged(let value): return ("turn", value.persona)
        default: return ("turn", nil)
        }
    }

    /// An event's type and payload, encoded together without `seq` and `ts`.
    private struct AnyPayload: Encodable {
        var type: String
        var payload: any Encodable

        func encode(to encoder: any Encoder) throws {
            try payload.encode(to: encoder)
            var container = encoder.container(keyedBy: TypeKey.self)
            try container.encode(type, forKey: .type)
        }

        enum TypeKey: String, CodingKey { case type }
    }
}

extension EventKind {
    /// The same event with its measured durations zeroed, for comparing runs.
    var withoutTiming: EventKind {
        switch self {
        case .handoffCompleted(var value):
            value.durationMs = 0
            return .handoffCompleted(value)
        case .taskCompleted(var value):
            value.durationMs = 0
            return .taskCompleted(value)
        case .modelResponded(var value):
            value.durationMs = 0
            return .modelResponded(value)
        case .planCompleted(var value):
            value.durationMs = 0
            return .planCompleted(value)
        default:
            return self
        }
    }
}
