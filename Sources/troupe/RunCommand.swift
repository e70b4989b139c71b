import ArgumentParser
import Foundation
import TroupeCore
import TroupeShell

/// `troupe run "…"` or `troupe run -p "…"`: one request, no terminal needed. Answer on stdout,
/// progress and warnings on stderr.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Answer one request non-interactively.",
        discussion: """
            The request comes from the arguments or -p, from piped standard input, or both (stdin is appended as context).
            Exit status: 0 completed, 1 failed, 2 partial (some steps did not finish), 130 interrupted.
            """)

    @Option(name: [.short, .long], help: "The request.")
    var prompt: String?

    @Argument(help: "The request, as words (instead of -p).")
    var words: [String] = []

    @Flag(name: .long, help: "Print one JSON object {outcome, answer, transcript} instead of plain text.")
    var json = false

    @OptionGroup var options: SessionOptions

    func run() async throws {
        let request = try readRequest()
        let context = try await SessionFactory(options: options).make(progressToStandardError: true)
        let progress = OutputSink(progress: .standardError, answers: .standardError)
        progress.progress(context.warnings.map { "troupe: warning: " + TerminalSanitizer.clean($0) })
        let renderer = EventRenderer(style: context.style, colors: [:])
        context.bus.subscribe { event in progress.progress(renderer.render(event).progress) }
        let orchestrator = context.orchestrator
        let result = await Self.interruptibly { await orchestrator.handle(request) }
        await context.shutdown()
        if json {
            let output = RunOutput(outcome: result.outcome, answer: result.answer, transcript: context.transcriptPath)
            print(try JSONCoding.string(output))
        } else {
            print(TerminalSanitizer.clean(result.answer))
        }
        let status = Self.exitStatus(result.outcome)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs `turn` as the shell runs one: Ctrl-C (SIGINT) cancels it through the same router.
    @MainActor
    private static func interruptibly(_ turn: @escaping @Sendable () async -> TurnResult) async -> TurnResult {
        let router = InterruptRouter(atPrompt: {})
        return await router.run(turn)
    }

    private func readRequest() throws -> String {
        var parts: [String] = []
        if let prompt, !prompt.isEmpty { parts.append(prompt) }
        if !words.isEmpty { parts.append(words.joined(separator: " ")) }
        if !TerminalInfo.isTerminal(STDIN_FILENO) {
            let piped = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if !piped.isEmpty { parts.append(piped) }
        }
        guard !parts.isEmpty else { throw ValidationError("give a request with -p \"…\" or on standard input") }
        return parts.joined(separator: "\n\n")
    }

    static func exitStatus(_ outcome: TurnOutcome) -> Int32 {
        switch outcome {
        case .completed, .direct: return 0
        case .failed: return 1
        case .partial: return 2
        case .cancelled: return 130
        }
    }
}

/// The `--json` output of `troupe run`.
struct RunOutput: Codable {
    var outcome: TurnOutcome
    var answer: String
    var transcript: String?
}
