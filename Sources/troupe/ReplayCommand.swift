import ArgumentParser
import Foundation
import TroupeCore
import TroupeShell
import TroupeTools

/// `troupe replay FILE`: re-executes a recorded session from its transcript, verifies it, or
/// plays it back like a terminal recording.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run a recorded session from its transcript, with no network and no side effects.",
        discussion: """
            Model answers, tool results and approvals come from the transcript; the personas and the engine are \
            this build's. Exit status: 0 replayed (and matching, with --verify), 1 diverged, 2 unreadable transcript.
            """)

    @Argument(help: "The transcript (.jsonl).")
    var file: String

    @Flag(help: "Compare the replayed events with the recorded ones and stop at the first difference.")
    var verify = false

    @Flag(help: "Only re-render the recorded events with their original timing.")
    var play = false

    @Option(help: "With --play: speed factor (2 plays twice as fast). Pauses are capped at 2 s.")
    var speed = 1.0

    @Flag(help: "Replay only the lines before the first corrupt one.")
    var prefix = false

    @Flag(help: "Print each request's timeline from the recorded events (nothing is re-run).")
    var timeline = false

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let sink = OutputSink(progress: .standardOutput, answers: .standardOutput)
        let style = TextStyle(enabled: TerminalInfo.wantsColor(STDOUT_FILENO, environment: ProcessInfo.processInfo.environment))
        let personas = SessionFactory(options: SessionOptions()).loadPersonas().personas
        let printer = EventPrinter(style: style, personas: personas, prices: PriceTable(), sink: sink)
        do {
            let reader = try TranscriptReader(url: url)
            if play {
                try await playBack(reader, printer: printer)
                return
            }
            if timeline {
                try printTimelines(reader, style: style, sink: sink)
                return
            }
            let session = try RecordedSession(reader, readablePrefixOnly: prefix)
            report(session.summary)
            if verify, session.header.formatVersion < TranscriptHeader.batchedLedgerFormatVersion {
                printError(
                    "note: \(url.lastPathComponent) is transcript format \(session.header.formatVersion); engines since format "
                        + "\(TranscriptHeader.batchedLedgerFormatVersion) ask the progress ledger in batches and act on it, "
                        + "so its decisions may differ from the recording's")
            }
            let tools = WorkspaceTools.standard(Workspace(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
            let outcome = await Replayer(session: session, personas: personas, tools: tools)
                .run(verify: verify) { printer.print($0) }
            if let divergence = outcome.divergence {
                let report = divergence.report(at: "\(url.path):\(divergence.line)")
                printError(([report.headline] + report.sides).joined(separator: "\n"))
                throw ExitCode(1)
            }
            printError(outcome.verdict(verified: verify))
        } catch let error as TranscriptError {
            printError("troupe replay: \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }

    private func playBack(_ reader: TranscriptReader, printer: EventPrinter) async throws {
        var previous: Date?
        try reader.forEachEvent(readablePrefixOnly: prefix) { event, _ in
            if let previous {
                let gap = min(2.0, max(0, event.timestamp.timeIntervalSince(previous))) / max(0.01, speed)
                if gap > 0.001 { Thread.sleep(forTimeInterval: gap) }
            }
            previous = event.timestamp
            printer.print(event)
        }
    }

    /// Each request's timeline, as the recording timed it.
    private func printTimelines(_ reader: TranscriptReader, style: TextStyle, sink: OutputSink) throws {
        let width = TerminalInfo.size()?.columns ?? 100
        let view = TimelineView(style: style)
        var current: TurnTimeline?
        var request = 0
        func flush() {
            guard let finished = current else { return }
            sink.progress([style.bold("request \(request)")] + view.render(finished, width: width) + [""])
        }
        try reader.forEachEvent(readablePrefixOnly: prefix) { event, _ in
            if case .userInput = event.kind {
                flush()
                request += 1
                current = TurnTimeline()
            }
            current?.apply(event)
        }
        flush()
    }

    private func report(_ summary: TranscriptReader.Summary) {
        if let line = summary.truncatedLastLine {
            printError("note: line \(line) was cut short (the session ended mid-write) and is skipped")
        }
        if let line = summary.corruptLine {
            printError("note: stopping before corrupt line \(line); replaying lines before it")
        }
    }
}
