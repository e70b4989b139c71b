import Foundation
public import TroupeCore

/// Turns events into the lines a person reads (DESIGN §1). Pure: the same event always
/// renders the same way, so transcripts re-render exactly. Untrusted text is sanitized here.
public struct EventRenderer: Sendable {
    let style: TextStyle
    /// Persona colours from front matter.
    let colors: [String: String]

    public init(style: TextStyle, colors: [String: String]) {
        self.style = style
        self.colors = colors
    }

    /// The lines for `event`; events that are only for the record render nothing.
    public func render(_ event: TroupeEvent) -> RenderedEvent {
        switch event.kind {
        case .planStarted(let started): return RenderedEvent(progress: plan(started.plan))
        case .replanned(let replanned):
            return RenderedEvent(
                progress: [
                    style.bold(
                        replanned.trigger == .unsatisfied ? "extended plan \(replanned.attempt)" : "re-plan \(replanned.attempt)")
                        + style.dim("  root cause: \(clean(replanned.rootCause))")
                ]
                    + plan(replanned.plan))
        case .subPlanned(let subPlanned):
            let subSteps = subPlanned.plan.steps.filter { $0.routingReason.hasPrefix("sub-plan of step \(subPlanned.step) ") }
            return RenderedEvent(
                progress: [style.bold("sub-plan") + style.dim("  step \(subPlanned.step) split by \(subPlanned.persona)")]
                    + plan(Plan(steps: subSteps)).dropFirst())
        case .escalated(let escalated):
            return RenderedEvent(progress: [style.failure("⚑ escalated to you: ") + clean(escalated.reason)])
        case .handoffInitiated(let handoff): return RenderedEvent(progress: [initiated(handoff)])
        case .handoffCompleted(let handoff): return RenderedEvent(progress: [completed(handoff)])
        case .handoffRejected(let rejected):
            let step = rejected.step.map { " step \($0)" } ?? ""
            return RenderedEvent(progress: [
                style.failure("⊘ \(rejected.handoff) to \(rejected.to) rejected")
                    + style.dim("\(step): \(clean(rejected.reason))")
            ])
        case .handoffRolledBack(let rolledBack):
            let step =
                rolledBack.parent != nil
                ? "nothing of it was kept"
                : rolledBack.step.map { "step \($0) is pending again" } ?? "nothing was kept"
            return RenderedEvent(progress: [style.dim("  ↺ \(rolledBack.handoff) rolled back: \(step)")])
        case .toolReturned(let tool): return RenderedEvent(progress: [toolLine(tool)])
        case .progressLedgerUpdated(let update): return RenderedEvent(progress: [ledgerLine(update)])
        case .taskCompleted(let task) where task.status == .skipped:
            return RenderedEvent(progress: [style.dim("  step \(task.step) skipped: \(clean(task.summary))")])
        case .modelRetried(let retry):
            return RenderedEvent(progress: [
                style.dim("↻ \(retry.agent) \(retry.purpose.rawValue) reply unusable (\(clean(retry.error))); asking again")
            ])
        case .modelBackoff(let backoff):
            return RenderedEvent(progress: [
                style.dim("↻ \(name(backoff.agent)) retrying in \(Self.seconds(backoff.delayMs)) (\(clean(backoff.reason)))")
            ])
        case .agentStatusChanged(let change):
            return RenderedEvent(progress: [style.dim("  \(name(change.persona)) is \(change.to.rawValue) (\(change.reason))")])
        case .taskAssigned(let assigned)
        where assigned.reason.hasPrefix("fallback") || assigned.reason.hasPrefix("progress ledger"):
            return RenderedEvent(progress: [
                style.dim("  step \(assigned.step) → \(name(assigned.persona)) (\(clean(assigned.reason)))")
            ])
        case .turnCancelled(let cancelled): return RenderedEvent(progress: [style.failure("⨯ \(cancelled.reason)")])
        case .planCompleted(let completed): return finished(completed)
        case .userIntervention(let intervention) where intervention.kind == .clear:
            return RenderedEvent(progress: [style.dim("── conversation cleared: the next request starts afresh ──")])
        default: return RenderedEvent()
        }
    }

    func plan(_ plan: Plan) -> [String] {
        let parallel = plan.steps.filter { $0.dependsOn.isEmpty }.count > 1 ? " · parallel where possible" : ""
        let count = plan.steps.count
        var lines = [style.bold("plan") + style.dim("  (task ledger · \(count) step\(count == 1 ? "" : "s")\(parallel))")]
        let width = plan.steps.map(\.persona.count).max() ?? 0
        let titleWidth = min(Self.maxTitleColumn, plan.steps.map { clean($0.title).count }.max() ?? 0)
        for step in plan.steps {
            let persona = name(step.persona) + String(repeating: " ", count: max(0, width - step.persona.count))
            let title = clean(step.title)
            guard !step.dependsOn.isEmpty else {
                lines.append("  \(step.id) \(persona)  \(title)")
                continue
            }
            let padding = String(repeating: " ", count: max(0, titleWidth - title.count))
            lines.append(
                "  \(step.id) \(persona)  \(title)\(padding)"
                    + style.dim("  after \(step.dependsOn.map(String.init).joined(separator: ", "))"))
        }
        return lines
    }

    func initiated(_ handoff: HandoffInitiated) -> String {
        let step = handoff.step.map { "step \($0) · " } ?? ""
        let facts = handoff.facts == 1 ? "1 fact" : "\(handoff.facts) facts"
        let dependencies =
            handoff.dependencies > 0 ? ", \(handoff.dependencies) result\(handoff.dependencies == 1 ? "" : "s")" : ""
        let reason = handoff.reason.map { $0.isEmpty ? "" : " · " + Self.shortened(clean($0), to: 60) } ?? ""
        return "⇢ \(name(handoff.from)) → \(name(handoff.to))  "
            + style.dim("\(step)brief \(handoff.briefTokens) tok (\(facts)\(dependencies))\(reason)")
    }

    func completed(_ handoff: HandoffCompleted) -> String {
        let mark =
            switch handoff.status {
            case .done: style.success("✓")
            case .needsModel: style.dim("◌ needs a language model")
            default: style.failure("✗ \(handoff.status.rawValue)")
            }
        let step = handoff.step.map { " step \($0)" } ?? ""
        return "⇠ \(name(handoff.from)) → \(name(handoff.to))  \(mark)\(step) · "
            + style.dim("\(Self.seconds(handoff.durationMs)) · \(Self.tokens(handoff.tokens))")
    }

    func toolLine(_ tool: ToolReturned) -> String {
        let summary = clean(tool.summary)
        return "  \(name(tool.agent))  "
            + (tool.isError ? style.failure("\(tool.name): \(summary)") : style.dim("\(tool.name) · \(summary)"))
    }

    /// One line per progress-ledger entry: the counts, then the decision the engine carries out —
    /// the step it decided about with its persona and instruction, an early end, or the answer.
    func ledgerLine(_ update: ProgressLedgerUpdated) -> String {
        let ledger = update.ledger
        let next = ledger.nextSpeaker
        let decision: String
        if let step = update.nextStep, !update.derivedByEngine {
            let instruction = clean(ledger.instructionOrQuestion.answer)
            let said =
                instruction.isEmpty ? "" : ": " + (instruction.count > 70 ? String(instruction.prefix(69)) + "…" : instruction)
            decision = "step \(step) → \(name(next.answer))\(said) (\(clean(next.reason)))"
        } else if ledger.isRequestSatisfied.answer {
            decision = "satisfied: answer (\(clean(ledger.isRequestSatisfied.reason)))"
        } else if next.answer == "none" || update.nextStep == nil && update.judged != nil {
            decision = "next: answer"
        } else {
            decision = "next: \(next.answer) (\(clean(next.reason)))"
        }
        let derived = update.derivedByEngine ? " · derived by engine" : ""
        return style.bold("ledger")
            + "  \(update.done)/\(update.total) done · \(update.running) running · stalls \(update.stalls) · \(decision)\(derived)"
    }

    func finished(_ completed: PlanCompleted) -> RenderedEvent {
        let footer = style.dim(
            "── \(completed.outcome.rawValue) · \(Self.seconds(completed.durationMs)) · \(Self.tokens(completed.tokens))")
        let answer = clean(completed.answer)
        if completed.outcome == .cancelled { return RenderedEvent(progress: [style.dim(answer), footer]) }
        return RenderedEvent(progress: [footer], answer: [answer])
    }

    private func name(_ persona: String) -> String {
        style.color(persona, colors[persona])
    }

    private func clean(_ text: String) -> String {
        TerminalSanitizer.clean(text)
    }

    /// Titles longer than this are not padded to align the "after" column.
    static let maxTitleColumn = 60

    /// `4.1 s`.
    static func seconds(_ milliseconds: Int) -> String {
        String(format: "%.1f s", Double(milliseconds) / 1000)
    }

    /// `812 tok`, `1.9k tok`.
    static func tokens(_ count: Int) -> String {
        compact(count) + " tok"
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func shortened(_ text: String, to limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }

    /// `812`, `1.9k`.
    static func compact(_ count: Int) -> String {
        count < 1000 ? "\(count)" : String(format: "%.1fk", Double(count) / 1000)
    }
}
