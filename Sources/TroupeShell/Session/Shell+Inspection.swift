import Foundation
import TroupeCore

extension Shell {
    /// The commands that show one persona, the numbers, the event stream and the state of the
    /// session, a step's whole output; and `/use`, which picks who answers plain requests.
    func inspectionCommands() -> [SlashCommand] {
        let registry = context.registry
        return [
            SlashCommand(
                name: "agent", arguments: "NAME", summary: "one persona in full: tools, model, policies, health, prompt",
                live: true
            ) {
                [unowned self] arguments in
                let name = arguments.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["@"])
                guard let record = await registry.list().first(where: { $0.persona.name == name }) else {
                    say(["Usage: /agent NAME — one of " + (await registry.list()).map(\.persona.name).joined(separator: ", ")])
                    return .continue
                }
                var model = context.models.model(for: name).identifier
                if let why = context.warnings.first(where: { $0.hasPrefix("\(name): model ") }) {
                    model += " — " + why.dropFirst(name.count + 2)
                }
                say(
                    AgentDetail(style: context.style).lines(
                        record, model: model, tools: context.orchestrator.toolReport(for: record.persona)))
                return .continue
            },
            SlashCommand(
                name: "stats", arguments: "", summary: "per persona: tasks, success rate, p50/p95 latency, tokens, cost",
                live: true
            ) {
                [unowned self] _ in
                say(stats.lines(style: context.style))
                return .continue
            },
            SlashCommand(
                name: "events", arguments: "[filter] [--json]", summary: "the session's events, or those matching a text",
                live: true
            ) {
                [unowned self] arguments in
                var words = arguments.split(separator: " ").map(String.init)
                let json = words.contains("--json")
                words.removeAll { $0 == "--json" }
                guard let path = context.transcriptPath else {
                    say(["This session is not recorded (--no-transcript), so there are no events to list."])
                    return .continue
                }
                do {
                    say(
                        try EventListing(style: context.style).lines(
                            transcript: URL(fileURLWithPath: path), filter: words.joined(separator: " "), json: json))
                } catch {
                    say(["Cannot read the transcript: \(error.localizedDescription)"])
                }
                return .continue
            },
            SlashCommand(name: "status", arguments: "", summary: "the session at a glance", live: true) { [unowned self] _ in
                say(await status())
                return .continue
            },
            SlashCommand(
                name: "expand", arguments: "STEP", summary: "a step's whole output (the plan shows one line)", live: true
            ) {
                [unowned self] arguments in
                guard let step = Int(arguments.trimmingCharacters(in: .whitespaces)) else {
                    say(["Usage: /expand STEP"])
                    return .continue
                }
                say(expand(step))
                return .continue
            },
            SlashCommand(
                name: "use", arguments: "@persona|auto", summary: "send plain requests to one persona, or back to the plan"
            ) {
                [unowned self] arguments in
                say(await use(arguments.trimmingCharacters(in: .whitespaces)))
                return .continue
            },
        ]
    }

    /// `/use @persona` makes plain requests go to that persona; `/use auto` back to the orchestrator.
    private func use(_ argument: String) async -> [String] {
        if argument == "auto" {
            sticky = nil
            context.bus.publish(.userIntervention(UserIntervention(kind: .use, detail: "auto")))
            return ["Requests go to the orchestrator again."]
        }
        guard argument.hasPrefix("@") else {
            return ["Usage: /use @persona (plain requests go straight to it), /use auto (back to planning)"]
        }
        let name = String(argument.dropFirst())
        guard await context.registry.agent(name)?.persona.isWorker == true else {
            let known = await context.registry.list().filter { $0.persona.isWorker }.map(\.persona.name)
            return ["No worker named '\(name)'. Workers: \(known.joined(separator: ", "))."]
        }
        sticky = name
        context.bus.publish(.userIntervention(UserIntervention(kind: .use, detail: name)))
        return ["Plain requests now go straight to \(name) (/use auto to plan again)."]
    }

    /// `/expand STEP`: the last handoff of the step that came back with output, in full.
    private func expand(_ step: Int) -> [String] {
        let state = view.snapshot
        guard let planned = state.plan?.step(step) else { return ["There is no step \(step) in the current plan."] }
        guard let handoff = state.handoffs.last(where: { $0.step == step && $0.result != nil }), let result = handoff.result
        else {
            return ["Step \(step) (\(planned.persona)) has no output yet: it is \(planned.state.rawValue)."]
        }
        return [
            context.style.bold("step \(step) · \(handoff.to) · \(handoff.state.rawValue)") + "  "
                + TerminalSanitizer.clean(planned.title)
        ]
            + result.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + TerminalSanitizer.clean(String($0)) }
    }

    /// `/status`: the session, the turn, the plan, handoffs in flight, usage and health.
    private func status() async -> [String] {
        let style = context.style
        let state = view.snapshot
        let (turn, session) = printer.meter.totals
        func usage(_ totals: UsageMeter.Totals) -> String {
            EventRenderer.tokens(totals.tokens) + (totals.cost.map { String(format: " · $%.4f", $0) } ?? "")
        }
        func row(_ label: String, _ value: String) -> String { "  " + style.dim(label.padded(10)) + value }
        let models = context.models.identifiers
        var lines = [style.bold("status")]
        lines.append(row("recording", context.transcriptPath ?? "off (--no-transcript)"))
        lines.append(
            row("model", models.session + (models.overrides.isEmpty ? "" : " · \(models.overrides.count) persona override(s)")))
        lines.append(row("requests", sticky.map { "straight to \($0) (/use auto to plan)" } ?? "planned by the orchestrator"))
        lines.append(row("guidance", context.catalog.instructions?.summary ?? "none (no AGENTS.md or CLAUDE.md here)"))
        lines.append(row("commands", context.commandLimits))
        let settings = context.orchestrator.settings
        lines.append(
            row(
                "engine",
                "progress ledger \(settings.progressLedger.rawValue) · max_stalls \(settings.maxStalls) · "
                    + "max_replans \(settings.maxReplans) · max_parallel \(settings.maxParallelSteps)"))
        let steps = state.plan?.steps ?? []
        let done = steps.filter { $0.state == .done }.count
        let running = steps.filter { $0.state == .running }.count
        if turnRunning {
            lines.append(
                row(
                    "turn",
                    "running · \(done)/\(steps.count) steps done · \(running) running"
                        + (context.orchestrator.isPaused ? " · paused" : "")))
        } else {
            lines.append(row("turn", "idle" + (state.lastOutcome.map { " · last turn \($0.rawValue)" } ?? "")))
        }
        let inFlight = state.handoffs.filter { !$0.state.isFinal }
        lines.append(
            row(
                "handoffs",
                "\(state.handoffs.count) this request"
                    + (inFlight.isEmpty
                        ? "" : " · in flight: " + inFlight.map { "\($0.id) \($0.from) → \($0.to)" }.joined(separator: ", "))))
        lines.append(row("usage", "this turn \(usage(turn)) · session \(usage(session))"))
        let records = await context.registry.list()
        let unwell = records.filter { $0.health.status != .healthy }.map { "\($0.persona.name) \($0.health.status.rawValue)" }
        lines.append(
            row("agents", "\(records.count)" + (unwell.isEmpty ? ", all healthy" : " · " + unwell.joined(separator: ", "))))
        if !queued.isEmpty { lines.append(row("queued", "\(queued.count) input(s) wait for this turn to end")) }
        return lines
    }
}
