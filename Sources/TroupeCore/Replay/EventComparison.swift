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
    static let volatileKeys: Set<String> = ["seq", "ts", "durationMs"]

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
                    turn: turn, line: line, stream: key, persona: (x ?? y)?.persona, recorded: x?.json, replayed: y?.json)
            }
        }
        return first
    }

    /// The first position where two ordered streams differ.
    private static func firstDifference(_ a: [Normalized], _ b: [Normalized]) -> (Normalized?, Normalized?)? {
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : nil
            let y = index < b.count ? b[index] : nil
            if x?.json != y?.json { return (x, y) }
        }
        return nil
    }

    /// The first recorded event with no equal replayed one, and the first replayed one with no
    /// equal recorded one: the streams compared as sets.
    private static func firstUnmatched(_ a: [Normalized], _ b: [Normalized]) -> (Normalized?, Normalized?)? {
        var unmatched = b
        var missing: [Normalized] = []
        for event in a {
            if let index = unmatched.firstIndex(where: { $0.json == event.json }) {
                unmatched.remove(at: index)
            } else {
                missing.append(event)
            }
        }
        guard !missing.isEmpty || !unmatched.isEmpty else { return nil }
        return (missing.first, unmatched.first)
    }

    private struct Normalized {
        var json: String
        var persona: String?
        var line: Int
    }

    private static func group(_ events: [(TroupeEvent, Int)]) -> [String: [Normalized]] {
        var streams: [String: [Normalized]] = [:]
        for (event, line) in events {
            guard var object = try? JSONValue.parse(JSONCoding.encode(event)), case .object(var fields) = object else {
                continue
            }
            for key in volatileKeys { fields[key] = nil }
            object = .object(fields)
            let persona = ["agent", "persona", "to"].lazy.compactMap { key -> String? in
                if case .string(let name)? = fields[key] { return name }
                return nil
            }.first
            let stream: String
            if case .number(let step)? = fields["step"] {
                stream = "step \(Int(step))"
            } else if event.kind.type.hasPrefix("model."), let persona {
                stream = "agent \(persona)"
            } else {
                stream = "turn"
            }
            let json = (try? JSONCoding.string(object)) ?? ""
            streams[stream, default: []].append(Normalized(json: json, persona: persona, line: line))
        }
        return streams
    }
}
