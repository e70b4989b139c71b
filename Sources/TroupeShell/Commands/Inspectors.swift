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
                    + "  health      done/failed  tokens  capabilities")
        ]
        for (record, model) in zip(records, modelNames) {
            let persona = record.persona
            let health = record.health.status.rawValue
            let healthText = record.health.status == .healthy ? health : style.failure(health)
            lines.append(
                style.color(persona.name.padded(nameWidth), persona.color) + "  " + persona.role.rawValue.padded(12) + "  "
                    + model.padded(modelWidth) + "  " + healthText + String(repeating: " ", count: max(0, 10 - health.count))
                    + "  "
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
                "  \(step.id) \(mark(step.state)) \(step.state.rawValue.padded(9)) \(step.persona.padded(width))  "
                    + TerminalSanitizer.clean(step.title) + after)
        }
        return lines
    }

    func ledger(_ snapshot: SessionView.Snapshot) -> [String] {
        guard let ledger = snapshot.taskLedger else { return ["No ledger yet: type a request to start one."] }
        var lines = [style.bold("task ledger") + style.dim("  request: ") + TerminalSanitizer.clean(ledger.request)]
        let facts = ledger.facts
        for (title, items) in [
            ("given or verified", facts.given), ("to look up", facts.toLookUp), ("to derive", facts.toDerive),
            ("educated guesses", facts.educatedGuesses),
        ] {
            lines.append("  \(title):" + (items.isEmpty ? style.dim(" none") : ""))
            lines += items.map { "    - " + TerminalSanitizer.clean($0) }
        }
        lines += plan(ledger.plan).map { "  " + $0 }
        lines.append(style.bold("progress ledger") + style.dim("  latest \(snapshot.progress.count) update(s)"))
        if snapshot.progress.isEmpty { lines.append(style.dim("  none yet")) }
        for update in snapshot.progress {
            let entry = update.ledger
            lines.append(
                "  after step \(update.afterStep) · stalls \(update.stalls)\(update.derivedByEngine ? " · derived by engine" : "")"
            )
            lines.append(answer("is_request_satisfied", entry.isRequestSatisfied.answer, entry.isRequestSatisfied.reason))
            lines.append(answer("is_in_loop", entry.isInLoop.answer, entry.isInLoop.reason))
            lines.append(answer("is_progress_being_made", entry.isProgressBeingMade.answer, entry.isProgressBeingMade.reason))
            lines.append(answer("next_speaker", entry.nextSpeaker.answer, entry.nextSpeaker.reason))
            lines.append(
                answer("instruction_or_question", entry.instructionOrQuestion.answer, entry.instructionOrQuestion.reason))
        }
        return lines
    }

    private func answer<T>(_ field: String, _ value: T, _ reason: String) -> String {
        "    \(field): \(TerminalSanitizer.clean("\(value)"))" + style.dim(" — \(TerminalSanitizer.clean(reason))")
    }

    private func mark(_ state: StepState) -> String {
        switch state {
        case .done: return style.success("✓")
        case .failed: return style.failure("✗")
        case .running: return "…"
        case .pending: return "·"
        case .skipped, .cancelled: return style.dim("–")
        case .expanded: return style.dim("↳")
        }
    }
}

extension String {
    /// Left-aligned in `width` columns.
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
