import ArgumentParser
import Foundation
import TroupeCore
import TroupeShell
import TroupeTools

/// `troupe`: the multi-agent chat shell and its subcommands.
@main
struct TroupeCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    /// What `--version` prints: the version, the commit and the day this binary was built.
    static let buildDescription = "troupe \(version) (commit \(BuildStamp.commit), built \(BuildStamp.date))"

    static let configuration = CommandConfiguration(
        commandName: "troupe",
        abstract: "A terminal chat shell where an orchestrator plans your request and hands the steps to persona workers.",
        version: buildDescription,
        subcommands: [
            ShellCommand.self, RunCommand.self, ReplayCommand.self, ExportCommand.self, PersonasCommand.self, MCPCommand.self,
        ],
        defaultSubcommand: ShellCommand.self)

    /// Parses and runs the command as ArgumentParser would, except that an error's message is
    /// cleaned before it is printed: errors quote their input (a transcript's event type, a
    /// file's field), and that input may hold terminal escapes.
    static func main() async {
        EnvironmentBlock.hideSecrets()
        let arguments = CommandLine.arguments
        if arguments.count > 1, arguments[1] == CommandSandbox.subcommand {
            CommandSandbox.execute(Array(arguments.dropFirst(2)))
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = TerminalSanitizer.clean(fullMessage(for: error))
            if !message.isEmpty {
                let stream = code == .success ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
