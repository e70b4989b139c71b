public import ArgumentParser
import Foundation
public import TroupeCore

/// The engine workloads of the orchestration issue (W1 fan-out, W2 chain, W3 layered DAG), each
/// beside a floor: the same sleeping model driven by a bare ready-queue `TaskGroup`, no engine.
struct EngineBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine", abstract: "W1 fan-out, W2 chain, W3 1000-step DAG against a model that sleeps per call.")

    @OptionGroup var output: OutputOptions

    @Option(help: "w1, w2 or w3 (default: all).")
    var workload: String?

    @Option(help: "Repetitions; the median is reported.")
    var runs = 5

    @Option(
        help: """
            Model latency per call in ms, replacing each workload's own (20 ms for W1 and W2, 5 ms for W3): \
            a short one keeps the caches warm between handoffs, showing the engine's cost apart from refilling them.
            """)
    var latencyMs: Double?

    @Option(help: "Progress ledger policy: every_step, on_trouble, or both (default) — each against the same floor.")
    var ledger = "both"

    func run() async throws {
        let policies: [ProgressLedgerPolicy]
        if ledger == "both" {
            policies = [.everyStep, .onTrouble]
        } else if let policy = ProgressLedgerPolicy(rawValue: ledger) {
            policies = [policy]
        } else {
            throw ValidationError("unknown ledger policy \(ledger): every_step, on_trouble or both")
        }
        if let latencyMs, !latencyMs.isFinite || latencyMs < 0 || latencyMs > 60_000 {
            throw ValidationError("--latency-ms takes a number of milliseconds from 0 to 60000")
        }
        let selected = workload.map { [$0] } ?? ["w1", "w2", "w3"]
        var report = Report("engine", options: output)
        report.say(
            "workload                          ledger       limit     floor    engine   engine/floor  overhead/step  ledger calls  (median of \(runs))"
        )
        for name in selected {
            for var spec in try Workload.named(name) {
                if let latencyMs { spec.latency = .microseconds(Int((latencyMs * 1000).rounded())) }
                let floor = try await median { try await Floor.run(spec) }
                report.add("\(spec.name) physical limit", spec.physicalLimitMs, unit: "ms")
                report.add("\(spec.name) floor", floor, unit: "ms")
                for policy in policies {
                    var calls: [Int] = []
                    let engine = try await median {
                        let sample = try await EngineRun.run(spec, policy: policy)
                        calls.append(sample.ledgerCalls)
                        return sample.milliseconds
                    }
                    let ledgerCalls = calls.sorted()[calls.count / 2]
                    let overhead = (engine - floor) / Double(spec.steps.count)
                    let label = "\(spec.name) [\(policy.rawValue)]"
                    report.add("\(label) engine", engine, unit: "ms")
                    report.add("\(label) overhead per step", overhead, unit: "ms")
                    report.add("\(label) ledger calls", Double(ledgerCalls), unit: "calls")
                    report.add(
                        "\(label) engine/floor", engine / floor, unit: "ratio",
                        line: String(
                            format: "%-32@ %-10@ %6.1f ms %7.1f ms %7.1f ms  %8.3f×  %9.3f ms  %8d", spec.name, policy.rawValue,
                            spec.physicalLimitMs, floor, engine, engine / floor, overhead, ledgerCalls))
                }
            }
        }
        if selected.contains("w3") {
            let peak = MemoryStatus.megabytes("VmHWM")
            report.add("peak RSS", peak, unit: "MB", line: String(format: "peak RSS of this process (VmHWM): %.1f MB", peak))
        }
        try report.finish()
    }

    private func median(_ measure: () async throws -> Double) async throws -> Double {
        var samples: [Double] = []
        for _ in 0..<runs { samples.append(try await measure()) }
        return samples.percentile(0.5)
    }
}

extension ProgressLedgerPolicy: ExpressibleByArgument {}
