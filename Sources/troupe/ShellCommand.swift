import ArgumentParser
import Foundation
import TroupeShell

/// `troupe` with no subcommand: the interactive shell, or line-by-line answers when stdin is piped.
struct ShellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell", abstract: "Start the interactive shell (the default).")

    @OptionGroup var options: SessionOptions

    func run() async throws {
        let interactive = TerminalInfo.isTerminal(STDIN_FILENO)
        let keys = interactive ? await MainActor.run { LibEditLineEditor.shared.keyClaims } : nil
        let context = try await SessionFactory(options: options).make(
            progressToStandardError: !interactive, approvalKeys: keys)
        let status = await Self.runShell(
            context, interactive: interactive, history: SessionFactory(options: options).paths.history)
        if status != 0 { throw ExitCode(status) }
    }

    @MainActor
    private static func runShell(_ context: ShellContext, interactive: Bool, history: URL) async -> Int32 {
        let editor: any LineEditing
        if interactive {
            let libedit = LibEditLineEditor.shared
            libedit.useHistoryFile(history.path)
            editor = libedit
        } else {
            editor = PlainLineReader()
        }
        return await Shell(context: context, editor: editor, interactive: interactive).run()
    }
}
