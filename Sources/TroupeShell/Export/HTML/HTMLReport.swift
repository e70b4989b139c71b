import Foundation
import TroupeCore

/// A session as one self-contained HTML file: inline CSS and SVG, no script and nothing fetched,
/// so it opens offline in any browser. For each request: the plan as a graph, the timeline, each
/// progress-ledger entry, each handoff's brief (what the worker saw) and result in expandable
/// parts, tokens per persona, and the answer; above them, the session's header. Everything that
/// comes from the transcript is escaped (`HTMLEscape`); no attribute takes text from it.
struct HTMLReport {
    let reader: TranscriptReader

    /// One request and what its events left.
    private struct Turn {
        var request: String
        var state = SessionState()
        var answer: String?
        var outcome: TurnOutcome?
    }

    func render() throws -> String {
        var turns: [Turn] = []
        var state = SessionState()
        try reader.forEachEventWithoutRequestBodies { event, _ in
            if case .userInput(let input) = event.kind {
                // The state is kept once per request, when the next one begins: copying it at every
                // event would cost the square of the session's length.
                if !turns.isEmpty { turns[turns.count - 1].state = state }
                turns.append(Turn(request: input.text))
            }
            state.apply(event)
            if case .planCompleted(let completed) = event.kind, !turns.isEmpty {
                turns[turns.count - 1].answer = completed.answer
                turns[turns.count - 1].outcome = completed.outcome
            }
        }
        if !turns.isEmpty { turns[turns.count - 1].state = state }
        return Self.page(
            title: "Troupe session \(reader.header.started)", body: header() + turns.enumerated().map(section).joined())
    }

    private func header() -> String {
        let header = reader.header
        let personas = header.personas.map {
            "<li><b>\(HTMLEscape.text($0.name))</b> <span class=\"dim\">\(HTMLEscape.text($0.source)) · sha256 "
                + "\(HTMLEscape.text(String($0.sha256.prefix(12))))</span></li>"
        }
        return "<header><h1>Troupe session</h1><p>\(HTMLEscape.text(header.started)) · model <code>"
            + "\(HTMLEscape.text(header.model))</code> · troupe \(HTMLEscape.text(header.toolVersion)) · transcript format "
            + "\(header.formatVersion)</p><details><summary>\(header.personas.count) personas</summary><ul>"
            + personas.joined() + "</ul></details></header>"
    }

    private func section(_ index: Int, _ turn: Turn) -> String {
        let state = turn.state
        var html = "<section><h2>Request \(index + 1)</h2><blockquote>\(HTMLEscape.text(turn.request))</blockquote>"
        if let plan = state.plan, !plan.steps.isEmpty {
            let ran = state.timeline.bars.contains { $0.activity == .step && $0.end != nil }
            let critical = Set(ran ? state.timeline.criticalPath : PlanGraphView.longestChain(plan))
            html += "<h3>Plan</h3>" + PlanGraphSVG().render(plan, critical: critical)
        }
        let chart = TimelineSVG().render(state.timeline)
        if !chart.isEmpty { html += "<h3>Timeline</h3>" + chart + Self.timelineLegend }
        if !state.progress.isEmpty {
            html += "<h3>Progress ledger</h3><ol>" + state.progress.map(ledgerEntry).joined() + "</ol>"
        }
        if !state.handoffs.isEmpty {
            html += "<h3>Handoffs</h3>" + state.handoffs.map(handoff).joined()
        }
        let usage = state.timeline.usageByPersona.sorted { $0.value.total > $1.value.total }
        if !usage.isEmpty {
            html +=
                "<h3>Usage</h3><table><tr><th>persona</th><th>input</th><th>output</th><th>model</th></tr>"
                + usage.map { persona, tokens in
                    "<tr><td>\(HTMLEscape.text(persona))</td><td>\(tokens.inputTokens)</td><td>\(tokens.outputTokens)</td>"
                        + "<td>\(HTMLEscape.text(state.timeline.modelsByPersona[persona] ?? ""))</td></tr>"
                }.joined() + "</table>"
        }
        if let answer = turn.answer {
            html +=
                "<h3>Answer <span class=\"dim\">(\(HTMLEscape.text(turn.outcome?.rawValue ?? "")))</span></h3>"
                + "<pre class=\"answer\">\(HTMLEscape.text(answer))</pre>"
        }
        return html + "</section>"
    }

    private func ledgerEntry(_ update: ProgressLedgerUpdated) -> String {
        let ledger = update.ledger
        let instruction = ledger.instructionOrQuestion.answer
        return "<li>after step \(update.afterStep): \(update.done)/\(update.total) done · satisfied "
            + "\(ledger.isRequestSatisfied.answer) (\(HTMLEscape.text(ledger.isRequestSatisfied.reason))) · next "
            + "<b>\(HTMLEscape.text(ledger.nextSpeaker.answer))</b>"
            + (instruction.isEmpty ? "" : ": \(HTMLEscape.text(instruction))") + "</li>"
    }

    private func handoff(_ record: HandoffRecord) -> String {
        let brief = record.brief.flatMap { try? JSONCoding.string($0, pretty: true) } ?? "(not recorded)"
        let step = record.step.map { " · step \($0)" } ?? ""
        return "<details><summary><code>\(HTMLEscape.text(record.id))</code> \(HTMLEscape.text(record.from)) → "
            + "\(HTMLEscape.text(record.to))\(step) · \(record.state.rawValue)</summary>"
            + "<h4>Brief</h4><pre>\(HTMLEscape.text(brief))</pre>"
            + "<h4>Result</h4><pre>\(HTMLEscape.text(record.result ?? ""))</pre></details>"
    }

    /// What the timeline's colours mean, drawn with the same classes as the chart.
    private static let timelineLegend =
        "<p class=\"legend\"><svg width=\"12\" height=\"12\"><rect class=\"waiting\" width=\"12\" height=\"12\"/></svg> "
        + "waiting for its inputs or a free worker <svg width=\"12\" height=\"12\"><rect class=\"running\" width=\"12\" "
        + "height=\"12\"/></svg> a worker running <svg width=\"12\" height=\"12\"><rect class=\"synthesis\" width=\"12\" "
        + "height=\"12\"/></svg> the orchestrator (planning, ledger, synthesis)</p>"

    /// The document around `body`, its style inline.
    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(HTMLEscape.text(title))</title>
        <style>
        body{font:14px/1.45 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
        h1,h2{font-weight:600}section{border-top:1px solid #ddd;margin-top:2em}
        blockquote{margin:0;padding:.5em 1em;background:#f5f5f5;white-space:pre-wrap}
        pre{background:#f8f8f8;padding:.6em;overflow-x:auto;white-space:pre-wrap}
        .dim{color:#777}details{margin:.3em 0}table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left}
        svg text{font:12px system-ui,sans-serif;fill:#222}
        .graph rect{fill:#fff;stroke:#333}.graph .done rect{fill:#e8f5e9}.graph .failed rect{fill:#ffebee}
        .graph .needs_model rect{fill:#f3f3f3}.graph line{stroke:#888}
        .timeline .waiting,.legend .waiting{fill:#d9d9d9}.timeline .running,.legend .running{fill:#4a7fb5}
        .timeline .ledger,.timeline .planning,.timeline .replanning,.timeline .synthesis,.legend .synthesis{fill:#b58a4a}
        .legend svg{vertical-align:-1px;margin-left:.8em}
        </style></head><body>
        \(body)
        </body></html>

        """
    }
}
