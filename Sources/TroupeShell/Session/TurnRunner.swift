import Foundation
import TroupeCore

/// Runs the shell's turns: where a request goes (the plan, with review when the policy asks;
/// one persona, by `@name` or `/use`), each turn in its own task under the interrupt router so
/// Ctrl-C cancels the turn and never the shell, the live footer while it runs, and lines typed
/// meanwhile — live commands at once, the rest queued for when the turn ends.
@MainActor
final class TurnRunner {
    private let context: ShellContext
    private let editor: any LineEditing
    private let interactive: Bool
    private let view: SessionView
    private let meter: UsageMeter
    private var interrupts: InterruptRouter?
    /// The persona plain requests go to (`/use @persona`); nil: the orchestrator plans them.
    var sticky: String?
    /// Lines typed while a turn ran that wait for it to end, oldest first.
    private(set) var queued: [String] = []
    /// Whether a turn is running (commands typed now steer it).
    private(set) var isRunning = false
    /// Whether any turn ended failed (the exit status of piped runs).
    private(set) var hadFailure = false
    /// Runs a line typed during a turn if it is a command that works at once (or not a command
    /// the table knows, which it reports); returns whether it did. Set by the shell.
    var runLive: @MainActor (String) async -> Bool = { _ in false }

    init(context: ShellContext, editor: any LineEditing, interactive: Bool, view: SessionView, meter: UsageMeter) {
        self.context = context
        self.editor = editor
        self.interactive = interactive
        self.view = view
        self.meter = meter
    }

    /// Starts listening for Ctrl-C: at the prompt it wakes the line editor (interactive) or ends
    /// the program (piped, as the process acts say); during a turn it cancels the turn.
    func listen() {
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
    }

    /// Cancels the running turn; false if none runs.
    func cancel() -> Bool {
        interrupts?.cancelTurn() ?? false
    }

    /// The oldest line queued during a turn, taken off the queue.
    func nextQueued() -> String? {
        queued.isEmpty ? nil : queued.removeFirst()
    }

    /// A line that is not a command: `@persona text` to one persona, a plain request to the
    /// sticky persona or else to the orchestrator (through plan review when it applies).
    func request(_ line: String) async {
        let orchestrator = context.orchestrator
        let outcome: TurnResult
        if line.hasPrefix("@") {
            let parts = line.dropFirst().split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else {
                context.sink.progress(["Usage: @persona text — for example @researcher find where the CSV import starts"])
                return
            }
            let (name, text) = (String(parts[0]), String(parts[1]))
            outcome = await run { await orchestrator.direct(to: name, text) }
        } else if let sticky {
            outcome = await run { await orchestrator.direct(to: sticky, line) }
        } else if interactive, context.planReview.mode != .never {
            outcome = await reviewedTurn(line)
        } else {
            outcome = await run { await orchestrator.handle(line) }
        }
        if outcome.outcome == .failed { hadFailure = true }
    }

    /// A request whose plan is shown for acceptance (by the review policy) before it runs.
    private func reviewedTurn(_ line: String) async -> TurnResult {
        let orchestrator = context.orchestrator
        switch await run({ await orchestrator.propose(line) }) {
        case .finished(let result):
            return result
        case .plan(let proposal):
            guard
                context.planReview.wantsReview(
                    proposal.plan, personas: context.catalog.personas, toolEffects: context.orchestrator.toolEffects)
            else {
                return await run { await orchestrator.execute(proposal) }
            }
            let sink = context.sink
            let reviewer = PlanReviewer(
                editor: editor, inspectors: Inspectors(style: context.style), style: context.style,
                workers: Set(context.catalog.personas.filter(\.isWorker).map(\.name)), say: { sink.progress($0) })
            let decision = await reviewer.review(proposal) { proposal, feedback in
                await self.run { await orchestrator.revise(proposal, feedback: feedback) }
            }
            switch decision {
            case .run(let proposal): return await run { await orchestrator.execute(proposal) }
            case .decline(let proposal): return await orchestrator.decline(proposal)
            case .finished(let result): return result
            }
        }
    }

    /// Runs `operation` as the turn: cancelled by Ctrl-C or `/stop`, with the live footer and
    /// typing below it on an interactive terminal.
    func run<Result: Sendable>(_ operation: @escaping @Sendable () async -> Result) async -> Result {
        guard let interrupts else { return await operation() }
        isRunning = true
        defer { isRunning = false }
        guard interactive else { return await interrupts.run(operation, editor: editor) }
        let orchestrator = context.orchestrator
        let console = TurnConsole(
            sink: context.sink,
            status: TurnStatusLine(
                started: .now, view: view, meter: meter, isPaused: { orchestrator.isPaused }, style: context.style),
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
        context.sink.progress([context.style.dim("» ") + TerminalSanitizer.clean(trimmed)])
        guard isRunning else {
            queued.append(trimmed)
            return
        }
        if trimmed.hasPrefix("/"), await runLive(trimmed) { return }
        queued.append(trimmed)
        context.sink.progress([context.style.dim("  queued: runs when this turn ends (\(queued.count) waiting)")])
    }
}
