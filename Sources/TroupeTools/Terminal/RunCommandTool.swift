import Foundation
public import TroupeCore

/// `run_command`: a shell command in the workspace, in its own process group, with a time limit
/// and an output cap. The exact command is shown for approval; Ctrl-C (cancelling the turn) and
/// the time limit end the command and everything it started.
public struct RunCommandTool: WorkerTool {
    public let effect = ToolEffect.runsCommands
    let workspace: Workspace
    let defaultTimeout: Duration
    let maxTimeout: Duration
    let outputCap: Int
    /// Where commands may write and whether they may use the network; nil: unrestricted.
    let sandbox: CommandSandbox?

    public init(
        workspace: Workspace, defaultTimeout: Duration = .seconds(120), maxTimeout: Duration = .seconds(600),
        outputCap: Int = 30_000, sandbox: CommandSandbox? = nil
    ) {
        self.workspace = workspace
        self.defaultTimeout = defaultTimeout
        self.maxTimeout = maxTimeout
        self.outputCap = outputCap
        self.sandbox = sandbox
    }

    public var spec: ToolSpec {
        ToolSpec(
            name: "run_command",
            description: """
                Run a shell command (/bin/sh) in the workspace folder and get its exit status and output (stdout and \
                stderr together; long output keeps its start and end). Ends after `timeout_seconds` (default 120).
                """,
            parameters: ToolSchema.object(
                [
                    "command": ("string", "the command line, e.g. swift test --filter ParserTests"),
                    "timeout_seconds": ("integer", "time limit in seconds, at most 600"),
                ], required: ["command"]))
    }

    public func preview(arguments: JSONValue) async -> Result<ToolPreview, ToolOutputError>? {
        switch command(arguments) {
        case .failure(let error): return .failure(error)
        case .success(let (command, timeout)):
            return .success(
                ToolPreview(
                    kind: .command, summary: "run: \(command)",
                    detail:
                        "$ \(command)\n  in \(workspace.root.lastPathComponent)/ · time limit \(timeout.components.seconds) s · "
                        + (sandbox?.summary ?? "not sandboxed")
                ))
        }
    }

    public func run(arguments: JSONValue) async -> ToolOutput {
        let (line, timeout): (String, Duration)
        switch command(arguments) {
        case .failure(let error): return error.output
        case .success(let parsed): (line, timeout) = parsed
        }
        let runner = ProcessGroupRunner(directory: workspace.root, timeout: timeout, outputCap: outputCap, sandbox: sandbox)
        do {
            let outcome = try await runner.run(line)
            let ending: String
            if outcome.timedOut {
                ending = "stopped after the \(timeout.components.seconds) s time limit"
            } else if Task.isCancelled {
                ending = "cancelled"
            } else if let status = outcome.status {
                ending = "exit status \(status)"
            } else {
                ending = "ended by signal \(outcome.signal ?? 0)"
            }
            let lines = outcome.output.split(separator: "\n", omittingEmptySubsequences: false).count
            return ToolOutput(
                text: "$ \(line)\n\(ending)\n\(outcome.output)",
                summary: "ran `\(Self.firstLine(line))` → \(ending), \(lines) lines",
                isError: outcome.timedOut)
        } catch {
            return ToolOutput(text: "error: \(error)", summary: "run_command failed: \(error)", isError: true)
        }
    }

    /// The command's first line, at most 60 characters, for the one-line summary.
    private static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }

    private func command(_ arguments: JSONValue) -> Result<(String, Duration), ToolOutputError> {
        let args = ToolArguments(json: arguments)
        guard let line = args.string("command")?.trimmingCharacters(in: .whitespacesAndNewlines), !line.isEmpty else {
            return .failure(
                ToolOutputError(
                    ToolOutput(text: "error: run_command needs a command", summary: "bad run_command call", isError: true)))
        }
        let asked = args.int("timeout_seconds").map { Duration.seconds(max(1, $0)) } ?? defaultTimeout
        return .success((line, min(asked, maxTimeout)))
    }
}
