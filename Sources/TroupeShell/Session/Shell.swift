import Foundation
import TroupeCore

/// The read–eval–print loop: `/commands` go to the command table (``CommandTable/standard``),
/// everything else to the ``TurnRunner`` — requests to the orchestrator, `@persona text`
/// straight to one persona. Renders every event as it is published.
///
/// Main-actor confined (the line editor is). Turns run in their own task through the
/// `InterruptRouter`, so Ctrl-C cancels the turn, never the shell.
@MainActor
public final class Shell {
    private let context: ShellContext
    private let editor: any LineEditing
    private let interactive: Bool
    private let turns: TurnRunner
    private let table = CommandTable.standard
    private var environment: CommandEnvironment?

    /// Whether any turn ended failed (the exit status of piped runs).
    public var hadFailure: Bool { turns.hadFailure }

    /// A shell reading from `editor`; `interactive` is false for piped input.
    public init(context: ShellContext, editor: any LineEditing, interactive: Bool) {
        self.context = context
        self.editor = editor
        self.interactive = interactive
        let printer = EventPrinter(
            style: context.style, personas: context.catalog.personas, prices: context.prices, sink: context.sink)
        let stats = PersonaStats(prices: context.prices)
        context.bus.subscribe { event in stats.apply(event) }
        let view = SessionView()
        if let resumed = context.resumed { view.restore(resumed.state) }
        view.follow(context.bus)
        context.bus.subscribe { event in printer.print(event) }
        turns = TurnRunner(context: context, editor: editor, interactive: interactive, view: view, meter: printer.meter)
        environment = CommandEnvironment(
            context: context, view: view, stats: stats, meter: printer.meter, turns: turns, editor: editor, table: table,
            submit: { [unowned self] line in await handle(line) })
        turns.runLive = { [unowned self] line in await runLive(line) }
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
        turns.listen()
        if interactive { context.sink.progress(Banner.lines(context)) }
        loop: while true {
            switch editor.readLine(prompt: interactive ? (turns.sticky.map { "@\($0) › " } ?? "› ") : "") {
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
                while let next = turns.nextQueued() {
                    context.sink.progress([context.style.dim("› ") + TerminalSanitizer.clean(next)])
                    editor.addHistory(next)
                    if await handle(next) == .quit { break loop }
                }
            }
        }
        await context.shutdown()
        return hadFailure ? 1 : 0
    }

    /// Handles one line of input: a command, or a request for the turn runner.
    public func handle(_ line: String) async -> CommandResult {
        guard line.hasPrefix("/") else {
            await turns.request(line)
            return .continue
        }
        let (name, arguments) = Self.split(line)
        switch table.lookup(name) {
        case .found(let command):
            guard let environment else { return .continue }
            return await command.run(environment, arguments)
        case .ambiguous(let names):
            context.sink.progress(["/\(name) is ambiguous: " + names.map { "/" + $0 }.joined(separator: ", ")])
        case .unknown:
            context.sink.progress(["Unknown command /\(name). Type /help for the list."])
        }
        return .continue
    }

    /// A command typed while a turn runs: one that works at once runs now, as does a name the
    /// table cannot resolve (to say so); a known command that waits is left to be queued.
    private func runLive(_ line: String) async -> Bool {
        if case .found(let command) = table.lookup(Self.split(line).name), !command.live { return false }
        _ = await handle(line)
        return true
    }

    /// `/name arguments` as the name and the trimmed arguments.
    private static func split(_ line: String) -> (name: String, arguments: String) {
        let parts = line.dropFirst().split(separator: " ", maxSplits: 1)
        let name = parts.first.map(String.init) ?? ""
        return (name, parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : "")
    }
}
