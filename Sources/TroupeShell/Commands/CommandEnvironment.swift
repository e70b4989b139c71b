import TroupeCore

/// What a ``SlashCommand`` may read and act on: the session's parts, the view of the current
/// turn, the turn runner (to steer or cancel a turn, or run one), and a way to say something.
@MainActor
final class CommandEnvironment {
    let context: ShellContext
    let view: SessionView
    let stats: PersonaStats
    let meter: UsageMeter
    let turns: TurnRunner
    let editor: any LineEditing
    /// Every command, for `/help`.
    let table: CommandTable
    /// Sends a line as if typed at the prompt (`/editor` sends what was written).
    let submit: @MainActor (String) async -> CommandResult

    init(
        context: ShellContext, view: SessionView, stats: PersonaStats, meter: UsageMeter, turns: TurnRunner,
        editor: any LineEditing, table: CommandTable, submit: @escaping @MainActor (String) async -> CommandResult
    ) {
        self.context = context
        self.view = view
        self.stats = stats
        self.meter = meter
        self.turns = turns
        self.editor = editor
        self.table = table
        self.submit = submit
    }

    var style: TextStyle { context.style }

    /// Prints `lines` above the prompt (or the live footer).
    func say(_ lines: [String]) {
        context.sink.progress(lines)
    }

    /// The terminal's width now (80 when it is not a terminal).
    var columns: Int {
        TerminalInfo.size()?.columns ?? 80
    }
}
