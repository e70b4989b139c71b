import Foundation
import TroupeCore

/// The status line under a running turn: spinner, elapsed time, steps done and running, tokens
/// and cost, and how to interrupt (`⠹ 4.2s · 1/3 steps done · 2 running · 3.1k tok · $0.0040 ·
/// Ctrl-C or /stop interrupts`). Read from the session view, so it shows what the events say.
struct TurnStatusLine: Sendable {
    let started: ContinuousClock.Instant
    let view: SessionView
    let meter: UsageMeter
    let isPaused: @Sendable () -> Bool
    let style: TextStyle

    private static let spinner = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

    /// The line, at most `width` characters before styling.
    func render(width: Int) -> String {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let frame = Self.spinner[Int(seconds * 8) % Self.spinner.count]
        let state = view.snapshot
        var parts = [String(format: "%@ %.1fs", String(frame), seconds)]
        if !state.handoffs.isEmpty, let steps = state.plan?.steps {
            let done = steps.filter { $0.state == .done }.count
            let running = steps.filter { $0.state == .running }.count
            parts.append("\(done)/\(steps.count) steps done")
            if running > 0 { parts.append("\(running) running") }
        }
        let turn = meter.totals.turn
        parts.append(EventRenderer.tokens(turn.tokens))
        if let cost = turn.cost { parts.append(String(format: "$%.4f", cost)) }
        parts.append(isPaused() ? "paused: /resume starts the next steps" : "Ctrl-C or /stop interrupts")
        if isPaused() { parts[0] = "⏸ " + parts[0].dropFirst(2) }
        return style.dim(String(parts.joined(separator: " · ").prefix(width - 1)))
    }
}
