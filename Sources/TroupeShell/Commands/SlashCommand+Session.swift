import Foundation
import TroupeCore

/// The commands about the session as a whole: its recording (export, fork, replay), its model
/// and servers, a fresh conversation, a request written in an editor, and leaving.
extension SlashCommand {
    static let export = saying(
        "export", arguments: "\(exportFormats) FILE [--force]",
        summary: "export this session's transcript (html: a report with the plan graph and the timeline)"
    ) { environment, arguments in
        environment.export(arguments)
    }

    /// The export formats, as `/export` offers them.
    static var exportFormats: String {
        TranscriptExporter.Format.allCases.map(\.rawValue).joined(separator: "|")
    }

    static let fork = saying("fork", arguments: "SEQ", summary: "branch a new session from event SEQ of this one") {
        environment, arguments in
        environment.fork(arguments)
    }

    static let mcp = saying("mcp", summary: "MCP servers, their status and tools", live: true) { environment, _ in
        await environment.context.mcpStatus()
    }

    static let model = saying("model", arguments: "[@persona] [NAME]", summary: "show or change the model (for one persona)") {
        environment, arguments in
        environment.changeModel(arguments)
    }

    static let editor = SlashCommand(name: "editor", arguments: "", summary: "write a request in $VISUAL/$EDITOR, then send it") {
        environment, _ in
        switch ExternalEditor.edit("", name: "request.md") {
        case .failure(let error):
            environment.say([error.message])
        case .success(let text):
            let request = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !request.isEmpty else {
                environment.say(["Nothing written; nothing sent."])
                return .continue
            }
            environment.say(
                request.split(separator: "\n", omittingEmptySubsequences: false).map {
                    environment.style.dim("› ") + TerminalSanitizer.clean(String($0))
                })
            environment.editor.addHistory(request)
            return await environment.submit(request)
        }
        return .continue
    }

    static let quit = SlashCommand(name: "quit", arguments: "", summary: "leave the shell (Ctrl-D works too)") { _, _ in .quit }

    static let replay = SlashCommand(
        name: "replay", arguments: "FILE [--verify]", summary: "re-run a recorded session here (no network, no side effects)"
    ) { environment, arguments in
        await environment.replay(arguments)
        return .continue
    }

    static let clear = SlashCommand(
        name: "clear", arguments: "", summary: "start a fresh conversation here (usage and persona health kept)"
    ) { environment, _ in
        environment.context.bus.publish(.userIntervention(UserIntervention(kind: .clear, detail: "")))
        return .continue
    }
}

extension CommandEnvironment {
    /// `/model`, `/model NAME`, `/model @persona NAME` (`inherit` returns it to the session model).
    func changeModel(_ arguments: String) -> [String] {
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

    /// Replays a transcript through a separate engine, printing its events; this session's
    /// state and transcript are untouched. Ctrl-C stops it.
    func replay(_ arguments: String) async {
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
        let replayer = Replayer(session: session, personas: context.catalog.personas, tools: context.orchestrator.tools)
        let outcome = await turns.run { await replayer.run(verify: verify) { printer.print($0) } }
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
    func resumeSession(_ id: String) async -> [String] {
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
            return ["Usage: /export \(SlashCommand.exportFormats) FILE [--force]"]
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
