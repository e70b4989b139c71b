import Foundation
import Synchronization
import TroupeCore

/// Per-persona numbers for `/stats`, counted from events: tasks finished, success rate, p50 and
/// p95 latency, tokens and cost. Thread-safe: events arrive on the bus's threads.
final class PersonaStats: Sendable {
    private struct Counts {
        var tasks = 0
        var done = 0
        /// Steps that needed a language model the session's model is not: not counted as tasks.
        var needsModel = 0
        var latenciesMs: [Int] = []
        var tokens = 0
        var cost: Double?
    }

    private let prices: PriceTable
    private let counts = Mutex<[String: Counts]>([:])

    init(prices: PriceTable) {
        self.prices = prices
    }

    /// Counts one event.
    func apply(_ event: TroupeEvent) {
        switch event.kind {
        case .taskCompleted(let completed) where completed.status == .needsModel:
            counts.withLock { $0[completed.persona, default: Counts()].needsModel += 1 }
        case .taskCompleted(let completed) where completed.status == .done || completed.status == .failed:
            counts.withLock { counts in
                counts[completed.persona, default: Counts()].tasks += 1
                if completed.status == .done { counts[completed.persona, default: Counts()].done += 1 }
                counts[completed.persona, default: Counts()].latenciesMs.append(completed.durationMs)
            }
        case .modelResponded(let response):
            let cost = prices.cost(of: response.response.usage, on: response.model)
            counts.withLock { counts in
                counts[response.agent, default: Counts()].tokens += response.response.usage.total
                if let cost { counts[response.agent, default: Counts()].cost = (counts[response.agent]?.cost ?? 0) + cost }
            }
        default:
            break
        }
    }

    /// The `/stats` table, one row per persona that did anything this session.
    func lines(style: TextStyle) -> [String] {
        let snapshot = counts.withLock { $0 }
        guard !snapshot.isEmpty else { return ["No work yet this session."] }
        let width = max(7, snapshot.keys.map(\.count).max() ?? 7)
        var lines = [
            style.dim("persona".padded(width) + "  tasks  success  p50       p95       tokens  cost     needs model")
        ]
        for name in snapshot.keys.sorted() {
            let counts = snapshot[name]!
            let rate = counts.tasks == 0 ? "–" : String(format: "%.0f%%", Double(counts.done) * 100 / Double(counts.tasks))
            lines.append(
                name.padded(width) + "  " + "\(counts.tasks)".padded(5) + "  " + rate.padded(7) + "  "
                    + Self.latency(counts.latenciesMs, 0.5).padded(8) + "  " + Self.latency(counts.latenciesMs, 0.95).padded(8)
                    + "  " + EventRenderer.compact(counts.tokens).padded(6) + "  "
                    + (counts.cost.map { String(format: "$%.4f", $0) } ?? "–").padded(7) + "  "
                    + (counts.needsModel == 0 ? "–" : "\(counts.needsModel)"))
        }
        return lines
    }

    /// The `fraction` percentile of `values` (nearest rank), as seconds; `–` when there are none.
    static func latency(_ values: [Int], _ fraction: Double) -> String {
        guard !values.isEmpty else { return "–" }
        let sorted = values.sorted()
        let rank = min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))
        return String(format: "%.1f s", Double(sorted[rank]) / 1000)
    }
}
