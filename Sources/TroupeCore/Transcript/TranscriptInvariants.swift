public import Foundation

/// What every transcript must keep, however its session went (crashes, faults, kills, resumes
/// included): it reads whole, as a recording to replay and as a session to resume; each handoff
/// ends once — done or rolled back — and no step of a request is done twice. The chaos benchmark
/// checks every session it runs with it, and the tests check recorded sessions.
public enum TranscriptInvariants {
    /// The invariants `url` breaks, each named with `name`; empty when it keeps them all.
    /// `allowingOpenHandoffs` accepts handoffs not ended yet (a process just killed, not resumed).
    public static func problems(in url: URL, name: String, allowingOpenHandoffs: Bool = false) -> [String] {
        var ends: [String: Int] = [:]
        var started: Set<String> = []
        var doneSteps: [String: Int] = [:]
        var turn = 0
        // Handoffs are keyed by turn (ids restart each request); a resumed session's rollbacks
        // of interrupted handoffs come before its next request, so they count in their turn.
        do {
            let reader = try TranscriptReader(url: url)
            _ = try reader.forEachEvent { event, _ in
                switch event.kind {
                case .userInput: turn += 1
                case .handoffInitiated(let handoff): started.insert("\(turn)/\(handoff.handoff)")
                // A handoff ends done, or rolled back (after a rejection or a failed completion).
                case .handoffCompleted(let handoff) where handoff.status == .done:
                    ends["\(turn)/\(handoff.handoff)", default: 0] += 1
                case .handoffRolledBack(let handoff): ends["\(turn)/\(handoff.handoff)", default: 0] += 1
                case .taskCompleted(let task) where task.status == .done:
                    doneSteps["\(turn)/\(task.step)", default: 0] += 1
                default: break
                }
            }
            _ = try RecordedSession(reader)
            _ = try ResumedSession(url: url)
        } catch {
            return ["\(name): \(error.localizedDescription)"]
        }
        var problems: [String] = []
        for handoff in started.sorted()
        where ends[handoff, default: 0] > 1 || (!allowingOpenHandoffs && ends[handoff, default: 0] == 0) {
            problems.append("\(name): handoff \(handoff) ended \(ends[handoff, default: 0]) times")
        }
        for (step, count) in doneSteps.sorted(by: { $0.key < $1.key }) where count > 1 {
            problems.append("\(name): step \(step) done \(count) times")
        }
        return problems
    }
}
