import Foundation
import TroupeCore

/// The commands that show the session without changing it; each works while a turn runs.
extension SlashCommand {
    static let help = saying("help", arguments: "[command]", summary: "list commands, or explain one", live: true) {
        environment, arguments in
        let name = arguments.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["/"])
        return name.isEmpty
            ? environment.table.help(style: environment.style) : environment.table.help(for: name, style: environment.style)
    }

    static let agents = saying("agents", summary: "personas with role, health and capabilities", live: true) { environment, _ in
        Inspectors(style: environment.style).agents(await environment.context.registry.list(), models: environment.context.models)
    }

    static let plan = saying("plan", summary: "the current plan with step states", live: true) { environment, _ in
        Inspectors(style: environment.style).plan(environment.view.snapshot.plan)
    }

    static let graph = saying(
        "graph", summary: "the current or last plan as a graph, critical path in heavy boxes", live: true
    ) { environment, _ in
        let state = environment.view.snapshot
        return PlanGraphView(style: environment.style).render(state.plan, timeline: state.timeline, width: environment.columns)
    }

    static let timeline = saying(
        "timeline", summary: "where the current or last request's time and tokens went, step by step", live: true
    ) { environment, _ in
        let prices = environment.context.prices
        let view = TimelineView(style: environment.style) { usage, model in prices.cost(of: usage, on: model) }
        // Only a turn running now is drawn up to the present: one cut short in a resumed session
        // ends at its last event.
        return view.render(
            environment.view.snapshot.timeline, width: environment.columns, now: environment.turns.isRunning ? Date() : nil)
    }

    static let ledger = saying(
        "ledger", arguments: "[task|progress|@persona]", summary: "task and progress ledgers, one of them, or one persona's view",
        live: true
    ) { environment, arguments in
        guard let scope = Inspectors.LedgerScope(arguments) else { return ["Usage: /ledger [task|progress|@persona]"] }
        return Inspectors(style: environment.style).ledger(environment.view.snapshot, scope: scope)
    }

    static let handoffs = saying("handoffs", summary: "the tree of this request's handoffs with state and cost", live: true) {
        environment, _ in
        HandoffInspector(style: environment.style).tree(environment.view.snapshot.handoffs)
    }

    static let handoff = saying(
        "handoff", arguments: "ID", summary: "the exact brief a handoff carried and its result", live: true
    ) { environment, arguments in
        let id = arguments.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else { return ["Usage: /handoff ID (see /handoffs)"] }
        return HandoffInspector(style: environment.style).detail(id, in: environment.view.snapshot.handoffs)
    }

    static let agent = saying(
        "agent", arguments: "NAME", summary: "one persona in full: tools, model, policies, health, prompt", live: true
    ) { environment, arguments in
        let context = environment.context
        let name = arguments.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["@"])
        let records = await context.registry.list()
        guard let record = records.first(where: { $0.persona.name == name }) else {
            return ["Usage: /agent NAME — one of " + records.map(\.persona.name).joined(separator: ", ")]
        }
        var model = context.models.model(for: name).identifier
        if let why = context.warnings.first(where: { $0.hasPrefix("\(name): model ") }) {
            model += " — " + why.dropFirst(name.count + 2)
        }
        return AgentDetail(style: environment.style).lines(
            record, model: model, tools: context.orchestrator.toolReport(for: record.persona))
    }

    static let stats = saying(
        "stats", summary: "per persona: tasks, success rate, p50/p95 latency, tokens, cost", live: true
    ) { environment, _ in
        environment.stats.lines(style: environment.style)
    }

    static let events = saying(
        "events", arguments: "[filter] [--json]", summary: "the session's events, or those matching a text", live: true
    ) { environment, arguments in
        var words = arguments.split(separator: " ").map(String.init)
        let json = words.contains("--json")
        words.removeAll { $0 == "--json" }
        guard let path = environment.context.transcriptPath else {
            return ["This session is not recorded (--no-transcript), so there are no events to list."]
        }
        do {
            return try EventListing(style: environment.style).lines(
                transcript: URL(fileURLWithPath: path), filter: words.joined(separator: " "), json: json)
        } catch {
            return ["Cannot read the transcript: \(error.localizedDescription)"]
        }
    }

    static let status = saying("status", summary: "the session at a glance", live: true) { environment, _ in
        await environment.statusLines()
    }

    static let expand = saying(
        "expand", arguments: "STEP", summary: "a step's whole output (the plan shows one line)", live: true
    ) {
        environment, arguments in
        guard let step = Int(arguments.trimmingCharacters(in: .whitespaces)) else { return ["Usage: /expand STEP"] }
        return environment.expandedOutput(of: step)
    }
}

extension CommandEnvironment {
    /// `/expand STEP`: the last handoff of the step that came back with output, in full.
    func expandedOutput(of step: Int) -> [String] {
        let state = view.snapshot
        guard let planned = state.plan?.step(step) else { return ["There is no step \(step) in the current plan."] }
        guard let handoff = state.handoffs.last(where: { $0.step == step && $0.result != nil }), let result = handoff.result
        else {
            return ["Step \(step) (\(planned.persona)) has no output yet: it is \(planned.state.rawValue)."]
        }
        return [
            style.bold("step \(step) · \(handoff.to) · \(handoff.state.rawValue)") + "  " + TerminalSanitizer.clean(planned.title)
        ]
            + result.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + TerminalSanitizer.clean(String($0)) }
    }

    /// `/status`: the session, the turn, the plan, handoffs in flight, usage and health.
    func statusLines() async -> [String] {
        let state = view.snapshot
        let (turn, session) = meter.totals
        func usage(_ totals: UsageMeter.Totals) -> String {
            EventRenderer.tokens(totals.tokens) + (totals.cost.map { String(format: " · $%.4f", $0) } ?? "")
        }
        func row(_ label: String, _ value: String) -> String { "  " + style.dim(label.padded(10)) + value }
        let models = context.models.identifiers
        var lines = [style.bold("status")]
        lines.append(row("recording", context.transcriptPath ?? "off (--no-transcript)"))
        lines.append(
            row("model", models.session + (models.overrides.isEmpty ? "" : " · \(models.overrides.count) persona override(s)")))
        lines.append(
            row("requests", turns.sticky.map { "straight to \($0) (/use auto to plan)" } ?? "planned by the orchestrator"))
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
        if turns.isRunning {
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
        if !turns.queued.isEmpty { lines.append(row("queued", "\(turns.queued.count) input(s) wait for this turn to end")) }
        return lines
    }
}
