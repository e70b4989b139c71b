import ArgumentParser
import Foundation
import TroupeCore
import TroupeTesting
import TroupeTools

/// `troupe-bench chaos`: long sessions under a misbehaving model, with interrupts, `/stop`,
/// `/retry` and `/skip` at random moments, and the transcript cut where a killed process would
/// leave it; afterwards every transcript must parse, replay's reader must accept it, the handoff
/// protocol must hold in it (each handoff ends exactly once; no step done twice), and the session
/// must resume and keep recording. Also kills real `troupe run` processes (the binary beside this
/// one) at random moments and resumes them.
struct ChaosBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos", abstract: "Fault injection: a chaos model, interrupts and kills; checks what is left.")

    @OptionGroup var output: OutputOptions

    @Option(help: "Sessions to run in-process.")
    var sessions = 20

    @Option(help: "Requests per session.")
    var requests = 8

    @Option(help: "Chance that a model call gets a fault (0–1).")
    var rate = 0.25

    @Option(
        help:
            "Chance that a model call gets faults on the wire (0–1): calls then go over HTTP to a loopback server; 0 calls the model in-process."
    )
    var wireRate = 0.25

    @Option(help: "Real `troupe run` processes to kill at a random moment and resume.")
    var kills = 10

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 1

    static let requests = [
        "List the Swift files under Sources, count their lines, and write a short summary",
        "Find the README, then count its words",
        "Search the sources for MARK and summarize what is marked",
        "Count the lines of every Markdown file and compare them",
    ]

    func run() async throws {
        var report = Report("chaos", options: output)
        var random = SplitMix64(seed: seed)
        let workspace = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: workspace) }
        var totals = Totals()
        for session in 0..<sessions {
            totals.add(try await runSession(session, workspace: workspace, random: &random))
        }
        report.say("in-process sessions: \(sessions) × \(requests) requests, fault rate \(rate), seed \(seed)")
        report.add("turns", Double(totals.turns), unit: "turns", line: "  turns \(totals.turns): \(totals.outcomes)")
        report.add(
            "faults injected", Double(totals.faults.values.reduce(0, +)), unit: "faults",
            line: "  model faults injected: " + totals.faults.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", "))
        report.add(
            "wire faults injected", Double(totals.wireFaults.values.reduce(0, +)), unit: "faults",
            line: "  faults on the wire (\(totals.httpRequests) HTTP requests, wire rate \(wireRate)): "
                + totals.wireFaults.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ", "))
        report.add(
            "interrupts", Double(totals.interrupts), unit: "interrupts",
            line:
                "  interrupts (Ctrl-C or /stop) \(totals.interrupts), overrides \(totals.overrides), cut transcripts \(totals.cuts)"
        )
        report.add(
            "violations", Double(totals.violations.count), unit: "violations", target: 0,
            line: "  violations: \(totals.violations.isEmpty ? "none" : totals.violations.prefix(5).joined(separator: "; "))")
        let killed = try await killProcesses(workspace: workspace, random: &random)
        report.add(
            "process kills resumed", Double(killed.resumed), unit: "runs",
            line:
                "processes killed: \(kills) (\(killed.early) before their transcript existed), transcripts parsed \(killed.parsed), "
                + "resumed and continued \(killed.resumed); \(killed.wire.kills) of them over the wire "
                + "(\(killed.wire.requests) HTTP requests, \(killed.wire.faults) faults)"
                + (killed.problems.isEmpty ? "" : "; problems: " + killed.problems.prefix(3).joined(separator: "; ")))
        try report.finish()
        if !totals.violations.isEmpty || !killed.problems.isEmpty { throw ExitCode(1) }
    }

    /// What all sessions did, and every broken invariant found.
    struct Totals {
        var turns = 0
        var outcomes: [String: Int] = [:]
        var faults: [String: Int] = [:]
        var wireFaults: [String: Int] = [:]
        var httpRequests = 0
        var interrupts = 0
        var overrides = 0
        var cuts = 0
        var violations: [String] = []

        mutating func add(_ other: Totals) {
            turns += other.turns
            outcomes.merge(other.outcomes, uniquingKeysWith: +)
            faults.merge(other.faults, uniquingKeysWith: +)
            wireFaults.merge(other.wireFaults, uniquingKeysWith: +)
            httpRequests += other.httpRequests
            interrupts += other.interrupts
            overrides += other.overrides
            cuts += other.cuts
            violations += other.violations
        }
    }

    private func runSession(_ index: Int, workspace: URL, random: inout SplitMix64) async throws -> Totals {
        var totals = Totals()
        let url = workspace.appendingPathComponent(".chaos/session-\(index).jsonl")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let configuration = OrchestratorConfiguration(retryBackoff: .milliseconds(1))
        let header = TranscriptHeader(
            toolVersion: "chaos", sessionID: "chaos-\(index)", started: Date(), model: "chaos",
            personas: BuiltinPersonas.all, terminal: nil,
            settings: .init(configuration: configuration, approval: nil, budget: .unlimited))
        let writer = try TranscriptWriter(url: url, header: header, redactor: SecretRedactor(secrets: []))
        let bus = EventBus()
        writer.record(bus)
        let registry = AgentRegistry(bus: bus)
        for persona in BuiltinPersonas.all { await registry.register(persona) }
        let wire = wireRate > 0 ? try ChaosTransportModel(seed: seed &+ 1000 &+ UInt64(index), rate: wireRate) : nil
        let model = FaultInjectingModel(inner: wire ?? OfflineModel(), seed: seed &+ UInt64(index), rate: rate)
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: model, bus: bus),
            tools: ToolBox(WorkspaceTools.readOnly(Workspace(root: workspace))), configuration: configuration)
        for turn in 0..<requests {
            let request = Self.requests[(index + turn) % Self.requests.count]
            let task = Task { await orchestrator.handle(request) }
            let roll = random.unit()
            if roll < 0.25 {
                try? await Task.sleep(for: .microseconds(Int(random.unit() * 3000)))
                task.cancel()
                totals.interrupts += 1
            } else if roll < 0.45 {
                try? await Task.sleep(for: .microseconds(Int(random.unit() * 2000)))
                let step = 1 + Int(random.unit() * 3)
                if random.unit() < 0.5 { orchestrator.retry(step: step) } else { orchestrator.skip(step: step) }
                totals.overrides += 1
            }
            let result = await task.value
            totals.turns += 1
            totals.outcomes[result.outcome.rawValue, default: 0] += 1
        }
        writer.close()
        for (fault, count) in model.injected { totals.faults[fault.rawValue, default: 0] += count }
        for (fault, count) in wire?.injected ?? [:] { totals.wireFaults[fault.rawValue, default: 0] += count }
        totals.httpRequests += wire?.requestsServed ?? 0
        totals.violations += wire?.mismatches.map { "session \(index): \($0)" } ?? []
        totals.violations += TranscriptInvariants.problems(in: url, name: "session \(index)")
        if random.unit() < 0.5 {
            totals.cuts += 1
            totals.violations += try await cutAndResume(url, at: random.unit(), name: "session \(index)", workspace: workspace)
        }
        return totals
    }

    /// Cuts `url` at a random byte, as a kill mid-write would leave it, then resumes the session
    /// and runs one more request into the same file; the result must parse and keep numbering.
    private func cutAndResume(_ url: URL, at fraction: Double, name: String, workspace: URL) async throws -> [String] {
        var data = try Data(contentsOf: url)
        let firstLineEnd = (data.firstIndex(of: 0x0A) ?? 0) + 1
        let cut = firstLineEnd + Int(Double(data.count - firstLineEnd) * fraction)
        data = data.prefix(cut)
        try data.write(to: url)
        let resumed: ResumedSession
        do {
            resumed = try ResumedSession(url: url)
        } catch {
            return ["\(name) cut at byte \(cut): cannot resume: \(error.localizedDescription)"]
        }
        let writer = try TranscriptWriter(appendingTo: url, redactor: SecretRedactor(secrets: []))
        let bus = EventBus(lastSeq: resumed.lastSeq)
        writer.record(bus)
        resumed.rollBackInterruptedHandoffs(on: bus)
        let registry = AgentRegistry(bus: bus)
        for persona in BuiltinPersonas.all { await registry.register(persona) }
        let orchestrator = Orchestrator(
            registry: registry, gateway: ModelGateway(model: OfflineModel(), bus: bus),
            tools: ToolBox(WorkspaceTools.readOnly(Workspace(root: workspace))),
            configuration: OrchestratorConfiguration(retryBackoff: .zero))
        let result = await orchestrator.handle(Self.requests[0])
        writer.close()
        var problems = TranscriptInvariants.problems(in: url, name: "\(name) cut at byte \(cut) and resumed")
        if result.outcome != .completed { problems.append("\(name): the resumed request ended \(result.outcome.rawValue)") }
        let after = try ResumedSession(url: url)
        if after.lastSeq <= resumed.lastSeq { problems.append("\(name): the resumed session recorded nothing") }
        return problems
    }

    /// A small project for the offline model to list, read, search and count.
    static func workspace() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-chaos-\(UUID().uuidString)")
        for index in 0..<30 {
            let file = root.appendingPathComponent("Sources/Module\(index % 3)/File\(index).swift")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try String(repeating: "// MARK: line \(index)\nlet value\(index) = \(index)\n", count: 20).write(
                to: file, atomically: true, encoding: .utf8)
        }
        try "# Chaos\nA project to be misused.\n".write(
            to: root.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        return root
    }
}
