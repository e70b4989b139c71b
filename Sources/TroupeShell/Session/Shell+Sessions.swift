import Foundation
import TroupeCore

extension Shell {
    /// `/replay`: another recorded session re-run inside this one (`/resume ID`, which continues
    /// one, shares its name with resuming a paused plan, in `steeringCommands`).
    func sessionCommands() -> [SlashCommand] {
        [
            SlashCommand(
                name: "replay", arguments: "FILE [--verify]",
                summary: "re-run a recorded session here (no network, no side effects)"
            ) {
                [unowned self] arguments in
                await replay(arguments)
                return .continue
            },
            SlashCommand(
                name: "clear", arguments: "", summary: "start a fresh conversation here (usage and persona health kept)"
            ) {
                [unowned self] _ in
                context.bus.publish(.userIntervention(UserIntervention(kind: .clear, detail: "")))
                return .continue
            },
        ]
    }

    /// Replays a transcript through a separate engine, printing its events; this session's
    /// state and transcript are untouched. Ctrl-C stops it.
    private func replay(_ arguments: String) async {
        var words = arguments.split(separator: " ").map(String.init)
        let verify = words.contains("--verify")
        words.removeAll { $0 == "--verify" }
        guard words.count == 1 else {
            say(["Usage: /replay FILE [--verify]"])
            return
        }
        let session: RecordedSession
        do {
            session = try RecordedSession(TranscriptReader(url: URL(fileURLWithPath: words[0])))
        } catch {
            say(["Cannot replay: \(error.localizedDescription)"])
            return
        }
        let printer = EventPrinter(
            style: context.style, personas: context.catalog.personas, prices: context.prices, sink: context.sink)
        let replayer = Replayer(
            session: session, personas: context.catalog.personas, tools: context.orchestrator.tools)
        let outcome = await runTurn { await replayer.run(verify: verify) { printer.print($0) } }
        if let divergence = outcome.divergence {
            let report = divergence.report(at: "line \(divergence.line)")
            say([context.style.failure(report.headline)] + report.sides)
        } else {
            say([outcome.verdict(verified: verify)])
        }
    }

    /// The ten most recent sessions in this session's transcript folder, newest first.
    func recentSessions() -> [String] {
        guard let path = context.transcriptPath else {
            return ["This session is not recorded, so there is no folder to look in."]
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let files = ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "jsonl" && $0.path != path }.sorted { $0.lastPathComponent > $1.lastPathComponent }
            .prefix(10)
        guard !files.isEmpty else { return ["No other sessions in \(folder.path)."] }
        var lines = [context.style.dim("recent sessions (/resume ID continues one):")]
        for file in files {
            guard let resumed = try? ResumedSession(url: file) else { continue }
            let first = resumed.requests.first.map { EventRenderer.shortened($0, to: 60) } ?? "(no request)"
            lines.append(
                "  " + String(resumed.header.sessionID.prefix(8)) + "  " + file.lastPathComponent.prefix(19) + "  "
                    + "\(resumed.requests.count) request(s)  " + TerminalSanitizer.clean(first))
        }
        return lines
    }

    /// Continues the recorded session `id` by becoming `troupe --resume ID` (this session's
    /// transcript is complete on disk; its MCP servers are stopped first).
    func resume(_ id: String) async -> [String] {
        guard let path = context.transcriptPath else {
            return ["This session is not recorded, so there is no folder to look in."]
        }
        let url: URL
        do {
            url = try ResumedSession.find(id, in: URL(fileURLWithPath: path).deletingLastPathComponent())
            _ = try ResumedSession(url: url)
        } catch {
            return ["Cannot resume: \(error.localizedDescription)"]
        }
        say([context.style.dim("Resuming \(url.lastPathComponent)…")])
        await context.shutdown()
        return ["Cannot resume: \(context.process.resume(url))"]
    }

    /// `/export FORMAT FILE [--force]`: the session's transcript so far, exported; an existing
    /// file is replaced only with `--force`.
    func export(_ arguments: String) -> [String] {
        var words = arguments.split(separator: " ").map(String.init)
        let force = words.last == "--force"
        if force { words.removeLast() }
        guard words.count == 2, let format = TranscriptExporter.Format(rawValue: words[0]) else {
            return ["Usage: /export \(Self.exportFormats) FILE [--force]"]
        }
        guard let path = context.transcriptPath else { return ["This session is not recorded (--no-transcript)."] }
        guard force || !FileManager.default.fileExists(atPath: words[1]) else {
            return ["\(words[1]) exists; add --force to replace it."]
        }
        do {
            let text = try TranscriptExporter(reader: TranscriptReader(url: URL(fileURLWithPath: path))).export(format)
            try text.write(toFile: words[1], atomically: true, encoding: .utf8)
            return ["Exported \(format.rawValue) to \(words[1])."]
        } catch {
            return ["Cannot export: \(error.localizedDescription)"]
        }
    }

    /// The export formats, as `/export` offers them.
    static var exportFormats: String {
        TranscriptExporter.Format.allCases.map(\.rawValue).joined(separator: "|")
    }

    /// `/fork SEQ`: a new transcript holding this session up to event SEQ, to continue with `--resume`.
    func fork(_ arguments: String) -> [String] {
        guard let seq = Int(arguments.trimmingCharacters(in: .whitespaces)), seq > 0 else { return ["Usage: /fork SEQ"] }
        guard let path = context.transcriptPath else { return ["This session is not recorded (--no-transcript)."] }
        let source = URL(fileURLWithPath: path)
        do {
            let fork = try TranscriptFork.fork(source, atSeq: seq, into: source.deletingLastPathComponent())
            return [
                "Forked at event \(seq) into \(fork.url.path).",
                "Continue it with: troupe --resume \(fork.sessionID.prefix(8))",
            ]
        } catch {
            return ["Cannot fork: \(error.localizedDescription)"]
        }
    }
}
