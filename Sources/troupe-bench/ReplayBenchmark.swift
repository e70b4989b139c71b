import ArgumentParser
import Foundation
import TroupeCore

/// Reading and replaying a long transcript: a scripted session of independent steps (one request,
/// or `--turns` of them) is recorded to a temporary file until it holds at least `--events` events,
/// then read back and replayed with verification, timed separately.
struct ReplayBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Read and replay (with --verify) a recorded transcript of N events.")

    @OptionGroup var output: OutputOptions

    @Option(help: "Events the recorded transcript holds at least.")
    var events = 10_000

    @Option(help: "Repetitions of the replay; the median is reported.")
    var runs = 3

    @Option(help: "Replay this transcript instead of recording one (it must replay with the built-in personas).")
    var file: String?

    @Option(
        help:
            "Requests the recorded session makes, the steps shared among them: more turns keep each plan (and each event) small as the file grows."
    )
    var turns = 1

    @Flag(inversion: .prefixedNo, help: "Compare the replayed events with the recorded ones, as `troupe replay --verify`.")
    var verify = true

    @Option(help: "Keep the recorded transcript at this path (to replay it again with --file).")
    var recordTo: String?

    func run() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // About 7 events per step (assignment, handoff initiated/accepted/completed, request, response, completion).
        let steps = max(1, (events - 12) / 7 + 1)
        let url: URL
        if let file {
            url = URL(fileURLWithPath: file)
        } else {
            let target = recordTo.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("long.jsonl")
            url = try await record(steps: steps, turns: max(1, turns), to: target)
        }
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        var loads: [Double] = []
        var replays: [Double] = []
        var replayedEvents = 0
        for _ in 0..<runs {
            let clock = ContinuousClock()
            var session: RecordedSession?
            loads.append(try clock.measure { session = try RecordedSession(TranscriptReader(url: url)) } / .seconds(1))
            guard let session else { continue }
            var outcome: Replayer.Outcome?
            replays.append(
                await clock.measure {
                    outcome = await Replayer(session: session, personas: BuiltinPersonas.all, tools: []).run(verify: verify)
                } / .seconds(1))
            guard outcome?.divergence == nil else { throw ValidationError("the replay diverged: \(outcome!.divergence!)") }
            replayedEvents = outcome?.events ?? 0
        }
        var report = Report("replay", options: output)
        report.add(
            "events replayed", Double(replayedEvents), unit: "events",
            line: String(format: "transcript: %d events replayed, %.1f MB", replayedEvents, Double(size) / 1e6))
        let (read, replay) = (loads.percentile(0.5) * 1000, replays.percentile(0.5) * 1000)
        report.add(
            "read", read, unit: "ms", line: String(format: "read (parse every line):        %7.1f ms  (median of %d)", read, runs)
        )
        report.add(
            "replay with verification", replay, unit: "ms",
            line: String(format: "replay with --verify:           %7.1f ms", replay))
        report.add(
            "read + replay", read + replay, unit: "ms", target: 1000,
            line: String(format: "read + replay:                  %7.1f ms  (target < 1000 ms)", read + replay))
        let peak = MemoryStatus.megabytes("VmHWM")
        report.add("peak RSS", peak, unit: "MB", line: String(format: "peak RSS of this process (VmHWM): %.1f MB", peak))
        try report.finish()
    }

    /// Records `turns` requests whose plans have `steps` independent steps between them.
    private func record(steps: Int, turns: Int, to url: URL) async throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let configuration = OrchestratorConfiguration(
            maxParallelSteps: 1, retryBackoff: .zero, progressLedger: .onTrouble, maxPlanSteps: .max)
        let header = TranscriptHeader(
            toolVersion: "bench", sessionID: "bench", started: Date(), model: "script:bench", personas: BuiltinPersonas.all,
            terminal: nil, settings: .init(configuration: configuration, approval: nil, budget: .unlimited))
        let writer = try TranscriptWriter(url: url, header: header, redactor: SecretRedactor(secrets: []))
        let bus = EventBus()
        writer.record(bus)
        let registry = AgentRegistry(bus: bus)
        for persona in BuiltinPersonas.all { await registry.register(persona) }
        let perTurn = max(1, steps / turns)
        var entries: [ScriptedModel.Entry] = []
        for turn in 0..<turns {
            let ids = 1...perTurn
            let items = ids.map {
                "{\"id\":\($0),\"title\":\"count the rows of file \(turn * perTurn + $0)\",\"persona\":\"analyst\"}"
            }
            entries.append(
                ScriptedModel.Entry(
                    purpose: .plan,
                    text:
                        "{\"needs_plan\":true,\"facts\":{\"given\":[\"the files\"]},\"steps\":[\(items.joined(separator: ","))]}")
            )
            entries += ids.map {
                ScriptedModel.Entry(agent: "analyst", purpose: .work, text: "file \(turn * perTurn + $0) has \($0 * 7) rows")
            }
            entries.append(ScriptedModel.Entry(purpose: .synthesis, text: "counted part \(turn + 1)"))
        }
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: ScriptedModel(entries: entries, name: "bench"), bus: bus),
            tools: ToolBox([]), configuration: configuration)
        for turn in 0..<turns {
            let result = await orchestrator.handle(
                turns == 1 ? "count the rows of every file" : "count the rows of files, part \(turn + 1)")
            // A session that failed early would be measured as a short one.
            guard result.outcome == .completed else {
                throw ValidationError("the recorded session's turn \(turn + 1) ended \(result.outcome): \(result.answer)")
            }
        }
        writer.close()
        return url
    }
}
