import Foundation
import TroupeCore

/// The read–eval–print loop: requests go to the orchestrator, `/commands` to the command
/// table, `@persona text` straight to one persona. Renders every event as it is published.
///
/// Main-actor confined (the line editor is). Turns run in their own task through the
/// `InterruptRouter`, so Ctrl-C cancels the turn, never the shell.
@MainActor
public final class Shell {
    let context: ShellContext
    let editor: any LineEditing
    let interactive: Bool
    let view = SessionView()
    private var table = CommandTable(commands: [])
    var interrupts: InterruptRouter?
    let printer: EventPrinter
    let stats: PersonaStats
    /// The persona plain requests go to (`/use @persona`); nil: the orchestrator plans them.
    var sticky: String?
    /// Lines typed while a turn ran that wait for it to end, oldest first.
    var queued: [String] = []
    /// Whether a turn is running (commands typed now steer it).
    var turnRunning = false
    /// Whether any turn ended failed (the exit status of piped runs).
    public private(set) var hadFailure = false

    /// A shell reading from `editor`; `interactive` is false for piped input.
    public init(context: ShellContext, editor: any LineEditing, interactive: Bool) {
        self.context = context
        self.editor = editor
        self.interactive = interactive
        let printer = EventPrinter(
            style: context.style, personas: context.catalog.personas, prices: context.prices, sink: context.sink)
        self.printer = printer
        let stats = PersonaStats(prices: context.prices)
        self.stats = stats
        context.bus.subscribe { event in stats.apply(event) }
        table = CommandTable(commands: makeCommands())
        if let resumed = context.resumed { view.restore(resumed.state) }
        view.follow(context.bus)
        context.bus.subscribe { event in printer.print(event) }
        let view = self.view
        let matcher = CompletionMatcher(
            commands: table.commands.map(\.name), personas: context.catalog.personas.filter(\.isWorker).map(\.name),
            models: context.modelNames,
            ids: {
                let state = view.snapshot
                return ((state.plan?.steps ?? []).map { String($0.id) }, state.handoffs.map(\.id))
            })
        editor.completer = { word, line in matcher.candidates(word: word, line: line) }
    }

    /// Runs until `/quit` or end of input. Returns the process exit status.
    public func run() async -> Int32 {
        let wakeFD = editor.interruptFD
        let interactive = self.interactive
        let interrupted = context.process.interruptedWithoutTerminal
        interrupts = InterruptRouter {
            if interactive {
                var byte: UInt8 = 0
                _ = write(wakeFD, &byte, 1)
            } else {
                interrupted()
            }
        }
        if interactive { context.sink.progress(Banner.lines(context)) }
        loop: while true {
            switch editor.readLine(prompt: interactive ? (sticky.map { "@\($0) › " } ?? "› ") : "") {
            case .endOfFile:
                break loop
            case .interrupt:
                continue
            case .line(let first):
                var line = first
                while line.hasSuffix("\\") {
                    guard case .line(let more) = editor.readLine(prompt: interactive ? "… " : "") else { break }
                    line = String(line.dropLast()) + "\n" + more
                }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { continue }
                editor.addHistory(trimmed)
                if await handle(trimmed) == .quit { break loop }
                while !queued.isEmpty {
                    let next = queued.removeFirst()
                    context.sink.progress([context.style.dim("› ") + TerminalSanitizer.clean(next)])
                    editor.addHistory(next)
                    if await handle(next) == .quit { break loop }
                }
            }
        }
        await context.shutdown()
        return hadFailure ? 1 : 0
    }

    /// Handles one line of input.
    public func handle(_ line: String) async -> CommandResult {
        if line.hasPrefix("/") { return await command(line) }
        let orchestrator = context.orchestrator
        let outcome: TurnResult
        if line.hasPrefix("@") {
            let parts = line.dropFirst().split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else {
                say(["Usage: @persona text — for example @researcher find where the CSV import starts"])
                return .continue
            }
            let (name, text) = (String(parts[0]), String(parts[1]))
            outcome = await runTurn { await orchestrator.direct(to: name, text) }
        } else if let sticky {
            outcome = await runTurn { await orchestrator.direct(to: sticky, line) }
        } else if interactive, context.planReview.mode != .never {
            outcome = await reviewedTurn(line)
        } else {
            outcome = await runTurn { await orchestrator.handle(line) }
        }
        if outcome.outcome == .failed { hadFailure = true }
        return .continue
    }

    /// A request whose plan is shown for acceptance (by the review policy) before it runs.
    private func reviewedTurn(_ line: String) async -> TurnResult {
        let orchestrator = context.orchestrator
        switch await runTurn({ await orchestrator.propose(line) }) {
        case .finished(let result):
            return result
        case .plan(let proposal):
            guard
                context.planReview.wantsReview(
                    proposal.plan, personas: context.catalog.personas, toolEffects: context.orchestrator.toolEffects)
            else {
                return await runTurn { await orchestrator.execute(proposal) }
            }
            let reviewer = PlanReviewer(
                editor: editor, inspectors: Inspectors(style: context.style), style: context.style,
                workers: Set(context.catalog.personas.filter(\.isWorker).map(\.name)), say: { [unowned self] in say($0) })
            let decision = await reviewer.review(proposal) { proposal, feedback in
                await self.runTurn { await orchestrator.revise(proposal, feedback: feedback) }
            }
            switch decision {
            case .run(let proposal): return await runTurn { await orchestrator.execute(proposal) }
            case .decline(let proposal): return await orchestrator.decline(proposal)
            case .finished(let result): return result
            }
        }
    }

    func runTurn<Result: Sendable>(_ operation: @escaping @Sendable () async -> Result) async -> Result {
        guard let interrupts else { return await operation() }
        turnRunning = true
        defer { turnRunning = false }
        guard interactive else { return await interrupts.run(operation, editor: editor) }
        let orchestrator = context.orchestrator
        let console = TurnConsole(
            sink: context.sink,
            status: TurnStatusLine(
                started: .now, view: view, meter: printer.meter, isPaused: { orchestrator.isPaused }, style: context.style),
            onSubmit: { line in Task { @MainActor [weak self] in await self?.typedDuringTurn(line) } },
            typeAhead: { text in Task { @MainActor [weak self] in self?.editor.typeAhead(text) } })
        console.start()
        let result = await LiveActivity.$reporter.withValue(
            LiveActivity.Reporter { source, line in console.show(tail: line, from: source) }
        ) {
            await interrupts.run(operation, editor: editor) { key in console.key(key) }
        }
        let unsent = console.finish()
        if !unsent.isEmpty { editor.typeAhead(unsent) }
        return result
    }

    /// A line entered while a turn runs: a live command runs now (it inspects or steers the
    /// turn); anything else waits for the turn to end, and says so.
    private func typedDuringTurn(_ line: String) async {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        say([context.style.dim("» ") + TerminalSanitizer.clean(trimmed)])
        guard turnRunning else {
            queued.append(trimmed)
            return
        }
        if trimmed.hasPrefix("/") {
            let name = String(trimmed.dropFirst().prefix { $0 != " " })
            switch table.lookup(name) {
            case .found(let command) where command.live:
                _ = await command.run(String(trimmed.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces))
                return
            case .found:
                break
            case .ambiguous, .unknown:
                _ = await command(trimmed)
                return
            }
        }
        queued.append(trimmed)
        say([context.style.dim("  queued: runs when this turn ends (\(queued.count) waiting)")])
    }

    private func command(_ line: String) async -> CommandResult {
        let parts = line.dropFirst().split(separator: " ", maxSplits: 1)
        let name = parts.first.map(String.init) ?? ""
        let arguments = parts.count > 1 ? String(parts[1]) : ""
        switch table.lookup(name) {
        case .found(let command):
            return await command.run(arguments)
        case .ambiguous(let names):
            say(["/\(name) is ambiguous: " + names.map { "/" + $0 }.joined(separator: ", ")])
        case .unknown:
            say(["Unknown command /\(name). Type /help for the list."])
        }
        return .continue
    }

    /// `/model`, `/model NAME`, `/model @persona NAME` (`inherit` returns it to the session model).
    private func changeModel(_ arguments: String) -> [String] {
        let words = arguments.split(separator: " ").map(String.init)
        let models = context.models
        guard !words.isEmpty else {
            let current = models.identifiers
            return ["session model: \(current.session)"]
                + current.overrides.sorted { $0.key < $1.key }.map { "  \($0.key) uses \($0.value)" }
        }
        let persona = words[0].hasPrefix("@") ? String(words[0].dropFirst()) : nil
        guard let name = persona == nil ? words.first : words.dropFirst().first else {
            return ["Usage: /model [@persona] NAME — e.g. /model @coder anthropic/claude-sonnet-4-5"]
        }
        if let persona, context.catalog.persona(named: persona) == nil {
            return ["No persona named '\(persona)'."]
        }
        if let persona, name == "inherit" {
            models.clear(for: persona)
            context.bus.publish(.userIntervention(UserIntervention(kind: .model, detail: "\(persona) inherit")))
            return ["\(persona) now uses the session model (\(models.identifiers.session))."]
        }
        do {
            let model = try context.makeModel(name)
            models.set(model, for: persona)
            context.bus.publish(
                .userIntervention(UserIntervention(kind: .model, detail: "\(persona ?? "session") \(model.identifier)")))
            return ["\(persona ?? "The session") now uses \(model.identifier)."]
        } catch {
            return ["Cannot use '\(name)': \(error.localizedDescription)"]
        }
    }

    func say(_ lines: [String]) {
        context.sink.progress(lines)
    }

    /// The terminal's width now (80 when it is not a terminal).
    static var columns: Int {
        TerminalInfo.size()?.columns ?? 80
    }

    private func makeCommands() -> [SlashCommand] {
        let inspectors = Inspectors(style: context.style)
        let handoffInspector = HandoffInspector(style: context.style)
        let registry = context.registry
        return [
            SlashCommand(name: "help", arguments: "[command]", summary: "list commands, or explain one", live: true) {
                [unowned self] arguments in
                let name = arguments.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["/"])
                say(name.isEmpty ? table.help(style: context.style) : table.help(for: name, style: context.style))
                return .continue
            },
            SlashCommand(name: "agents", arguments: "", summary: "personas with role, health and capabilities", live: true) {
                [unowned self] _ in
                say(inspectors.agents(await registry.list(), models: context.models))
                return .continue
            },
            SlashCommand(name: "plan", arguments: "", summary: "the current plan with step states", live: true) {
                [unowned self] _ in
                say(inspectors.plan(view.snapshot.plan))
                return .continue
            },
            SlashCommand(
                name: "graph", arguments: "", summary: "the current or last plan as a graph, critical path in heavy boxes",
                live: true
            ) { [unowned self] _ in
                let state = view.snapshot
                say(PlanGraphView(style: context.style).render(state.plan, timeline: state.timeline, width: Self.columns))
                return .continue
            },
            SlashCommand(
                name: "timeline", arguments: "",
                summary: "where the current or last request's time and tokens went, step by step", live: true
            ) { [unowned self] _ in
                let prices = context.prices
                let view = TimelineView(style: context.style) { usage, model in prices.cost(of: usage, on: model) }
                // Only a turn running now is drawn up to the present: one cut short in a resumed session
                // ends at its last event.
                say(view.render(self.view.snapshot.timeline, width: Self.columns, now: self.turnRunning ? Date() : nil))
                return .continue
            },
            SlashCommand(
                name: "ledger", arguments: "[task|progress|@persona]",
                summary: "task and progress ledgers, one of them, or one persona's view",
                live: true
            ) { [unowned self] arguments in
                guard let scope = Inspectors.LedgerScope(arguments) else {
                    say(["Usage: /ledger [task|progress|@persona]"])
                    return .continue
                }
                say(inspectors.ledger(view.snapshot, scope: scope))
                return .continue
            },
            SlashCommand(
                name: "handoffs", arguments: "", summary: "the tree of this request's handoffs with state and cost", live: true
            ) {
                [unowned self] _ in
                say(handoffInspector.tree(view.snapshot.handoffs))
                return .continue
            },
            SlashCommand(
                name: "handoff", arguments: "ID", summary: "the exact brief a handoff carried and its result", live: true
            ) {
                [unowned self] arguments in
                let id = arguments.trimmingCharacters(in: .whitespaces)
                say(id.isEmpty ? ["Usage: /handoff ID (see /handoffs)"] : handoffInspector.detail(id, in: view.snapshot.handoffs))
                return .continue
            },
            SlashCommand(
                name: "export", arguments: "\(Self.exportFormats) FILE [--force]",
                summary: "export this session's transcript (html: a report with the plan graph and the timeline)"
            ) {
                [unowned self] arguments in
                say(export(arguments))
                return .continue
            },
            SlashCommand(name: "fork", arguments: "SEQ", summary: "branch a new session from event SEQ of this one") {
                [unowned self] arguments in
                say(fork(arguments))
                return .continue
            },
            SlashCommand(name: "mcp", arguments: "", summary: "MCP servers, their status and tools", live: true) {
                [unowned self] _ in
                say(await context.mcpStatus())
                return .continue
            },
            SlashCommand(name: "model", arguments: "[@persona] [NAME]", summary: "show or change the model (for one persona)") {
                [unowned self] arguments in
                say(changeModel(arguments))
                return .continue
            },
            SlashCommand(name: "editor", arguments: "", summary: "write a request in $VISUAL/$EDITOR, then send it") {
                [unowned self] _ in
                switch ExternalEditor.edit("", name: "request.md") {
                case .failure(let error):
                    say([error.message])
                case .success(let text):
                    let request = text.trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !request.isEmpty else {
                        say(["Nothing written; nothing sent."])
                        return .continue
                    }
                    say(
                        request.split(separator: "\n", omittingEmptySubsequences: false).map {
                            context.style.dim("› ") + TerminalSanitizer.clean(String($0))
                        })
                    editor.addHistory(request)
                    return await handle(request)
                }
                return .continue
            },
            SlashCommand(name: "quit", arguments: "", summary: "leave the shell (Ctrl-D works too)") { _ in .quit },
        ] + steeringCommands() + inspectionCommands() + sessionCommands()
    }
}
