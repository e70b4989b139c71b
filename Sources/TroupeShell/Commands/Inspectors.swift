import Foundation
import TroupeCore

/// The text of `/agents`, `/plan` and `/ledger`.
struct Inspectors {
    let style: TextStyle

    func agents(_ records: [AgentRecord], models: ModelRouter) -> [String] {
        let nameWidth = records.map(\.persona.name.count).max() ?? 4
        let modelNames = records.map { models.model(for: $0.persona.name).identifier }
        let modelWidth = max(5, modelNames.map(\.count).max() ?? 5)
        var lines = [
            style.dim(
                "agent".padded(nameWidth) + "  role          " + "model".padded(modelWidth)
                    + "  health      load  done/failed  tokens  capabilities")
        ]
        for (record, model) in zip(records, modelNames) {
            let persona = record.persona
            let health = record.health.status.rawValue
            let healthText = record.health.status == .healthy ? health : style.failure(health)
            lines.append(
                style.color(persona.name.padded(nameWidth), persona.color) + "  " + persona.role.rawValue.padded(12) + "  "
                    + model.padded(modelWidth) + "  " + healthText + String(repeating: " ", count: max(0, 10 - health.count))
                    + "  " + "\(record.health.load)".padded(4) + "  "
                    + "\(record.health.successes)/\(record.health.failures)".padded(11) + "  "
                    + EventRenderer.compact(record.health.tokens).padded(6) + "  "
                    + persona.capabilities.joined(separator: ", "))
        }
        return lines
    }

    func plan(_ plan: Plan?) -> [String] {
        guard let plan, !plan.steps.isEmpty else { return ["No plan yet: type a request to make one."] }
        let width = plan.steps.map(\.persona.count).max() ?? 0
        var lines = [style.bold("plan") + style.dim("  \(plan.count(.done))/\(plan.steps.count) done")]
        for step in plan.steps {
            let after =
                step.dependsOn.isEmpty ? "" : style.dim("  after \(step.dependsOn.map(String.init).joined(separator: ", "))")
            lines.append(
                "  \(step.id) \(style.mark(step.state)) \(step.state.rawValue.padded(9)) \(step.persona.padded(width))  "
                    + TerminalSanitizer.clean(step.title) + after)
        }
        return lines
    }

    /// What `/ledger` shows: both ledgers, one of them, or one persona's view.
    enum LedgerScope: Equatable {
        case both, task, progress
        case persona(String)

        /// `task`, `progress`, `@name` or nothing; nil for anything else.
        init?(_ argument: String) {
            let word = argument.trimmingCharacters(in: .whitespaces)
            switch word {
            case "": self = .both
            case "task": self = .task
            case "progress": self = .progress
            default:
                guard word.hasPrefix("@"), word.count > 1 else { return nil }
                self = .persona(String(word.dropFirst()))
            }
        }
    }

    /// Progress ledger entries shown by `/ledger`.
    static let shownProgressEntries = 5

    func ledger(_ snapshot: SessionState, scope: LedgerScope = .both) -> [String] {
        guard let ledger = snapshot.taskLedger else { return ["No ledger yet: type a request to start one."] }
        switch scope {
        case .both: return taskLedger(ledger) + progressLedger(snapshot.progress)
        case .task: return taskLedger(ledger)
        case .progress: return progressLedger(snapshot.progress)
        case .persona(let name):
            let view = PersonaLedgerView(persona: name, ledger: ledger, progress: snapshot.progress, memory: snapshot.memory)
            return personaLedger(view)
        }
    }

    private func taskLedger(_ ledger: TaskLedger) -> [String] {
        var lines = [style.bold("task ledger") + style.dim("  request: ") + TerminalSanitizer.clean(ledger.request)]
        lines += facts(ledger.facts)
        lines += plan(ledger.plan).map { "  " + $0 }
        return lines
    }

    private func facts(_ facts: TaskFacts) -> [String] {
        var lines: [String] = []
        for (title, items) in [
            ("given or verified", facts.given), ("to look up", facts.toLookUp), ("to derive", facts.toDerive),
            ("educated guesses", facts.educatedGuesses),
        ] {
            lines.append("  \(title):" + (items.isEmpty ? style.dim(" none") : ""))
            lines += items.map { "    - " + TerminalSanitizer.clean($0) }
        }
        return lines
    }

    private func progressLedger(_ entries: [ProgressLedgerUpdated]) -> [String] {
        let shown = entries.suffix(Self.shownProgressEntries)
        var lines = [style.bold("progress ledger") + style.dim("  latest \(shown.count) of \(entries.count) update(s)")]
        if shown.isEmpty { lines.append(style.dim("  none yet")) }
        for update in shown { lines += progressEntry(update) }
        return lines
    }

    private func progressEntry(_ update: ProgressLedgerUpdated) -> [String] {
        let entry = update.ledger
        return [
            "  after step\(judged(update)) · stalls \(update.stalls)\(update.derivedByEngine ? " · derived by engine" : "")"
                + (update.nextStep.map { " · decided step \($0)" } ?? ""),
            answer("is_request_satisfied", entry.isRequestSatisfied.answer, entry.isRequestSatisfied.reason),
            answer("is_in_loop", entry.isInLoop.answer, entry.isInLoop.reason),
            answer("is_progress_being_made", entry.isProgressBeingMade.answer, entry.isProgressBeingMade.reason),
            answer("next_speaker", entry.nextSpeaker.answer, entry.nextSpeaker.reason),
            answer("instruction_or_question", entry.instructionOrQuestion.answer, entry.instructionOrQuestion.reason),
        ]
    }

    /// " 3" or "s 2, 3": the steps an entry judged.
    private func judged(_ update: ProgressLedgerUpdated) -> String {
        let steps = update.judged ?? [update.afterStep]
        return (steps.count == 1 ? " " : "s ") + steps.map(String.init).joined(separator: ", ")
    }

    private func personaLedger(_ view: PersonaLedgerView) -> [String] {
        var lines = [style.bold("ledger of \(TerminalSanitizer.clean(view.persona))")]
        if view.steps.isEmpty { lines.append(style.dim("  no step of the current plan is assigned to it")) }
        lines += view.steps.map {
            "  \($0.id) \(style.mark($0.state)) \($0.state.rawValue.padded(9)) " + TerminalSanitizer.clean($0.title)
        }
        lines += facts(view.facts)
        let artifacts = view.artifacts.keys.sorted().flatMap { step in
            view.artifacts[step, default: []].map {
                "    - step \(step): \($0.kind.rawValue) " + TerminalSanitizer.clean($0.name)
            }
        }
        lines.append("  artifacts it produced or depends on:" + (artifacts.isEmpty ? style.dim(" none") : ""))
        lines += artifacts
        lines.append(style.bold("  progress entries about it") + style.dim("  \(view.progress.count)"))
        for update in view.progress { lines += progressEntry(update).map { "  " + $0 } }
        return lines
    }

    private func answer<T>(_ field: String, _ value: T, _ reason: String) -> String {
        "    \(field): \(TerminalSanitizer.clean("\(value)"))" + style.dim(" — \(TerminalSanitizer.clean(reason))")
    }

}

extension String {
    /// Left-aligned in `width` columns.
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
