import ArgumentParser
import Foundation
import TroupeTesting

/// `troupe-bench startup`: the shell from spawn to a ready prompt, and its memory idling there.
/// The `troupe` binary beside this one is started directly on a 120×40 pseudo-terminal with a
/// private home (the built-in personas, transcript recording on), timed until its prompt `› `
/// appears, its `VmRSS` read from `/proc` while it waits at the prompt; then it answers one
/// request (so a binary that crashes at its first request cannot pass) and is ended with a
/// Ctrl-D typed the moment the next prompt shows. A Ctrl-D that had to be typed again is counted:
/// it was lost by the shell.
struct StartupBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup", abstract: "Shell start-up to a ready prompt and idle memory, on a pseudo-terminal.")

    @OptionGroup var output: OutputOptions

    @Option(help: "Start-ups to measure; medians and the 90th percentile are reported.")
    var runs = 30

    @Option(help: "The model to start with: offline (pinned, as with no key) or probe (look for a local Ollama first).")
    var model = "offline"

    func run() async throws {
        guard let binary = TroupeBinary.beside() else {
            throw ValidationError("no troupe binary beside troupe-bench: swift build -c release --product troupe")
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-startup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        // The shell starts (directly, no `cd` in between) in its home, where its one request works.
        try "one\ntwo\nthree\n".write(to: home.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        guard FileManager.default.changeCurrentDirectoryPath(home.path) else {
            throw ValidationError("cannot enter \(home.path)")
        }
        var environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm", "TROUPE_HOME": home.path, "HOME": home.path,
            // A crash is reported at once rather than waiting for a key on the terminal.
            "SWIFT_BACKTRACE": "interactive=no",
        ]
        if model == "offline" { environment["TROUPE_MODEL"] = "offline" }
        var times: [Double] = []
        var memory: [Double] = []
        var retyped = 0
        for _ in 0..<runs {
            let run = try measure(binary.path, environment: environment)
            times.append(run.ready)
            memory.append(run.resident)
            retyped += run.retyped
        }
        var report = Report("startup", options: output)
        report.say("\(runs) start-ups of \(binary.lastPathComponent), model \(model)")
        let (time, p90) = (times.percentile(0.5), times.percentile(0.9))
        report.add(
            "start-up to prompt", time, unit: "ms", target: 50,
            line: String(
                format: "start-up to ready prompt: median %.1f ms, p90 %.1f ms, min %.1f ms  (target < 50 ms)", time, p90,
                times.min() ?? 0))
        report.add("start-up to prompt p90", p90, unit: "ms")
        let rss = memory.percentile(0.5)
        report.add(
            "idle RSS", rss, unit: "MB", target: 25,
            line: String(format: "idle RSS at the prompt: median %.1f MB, max %.1f MB  (target < 25 MB)", rss, memory.max() ?? 0))
        report.add(
            "Ctrl-D typed again", Double(retyped), unit: "times", target: 0,
            line: "each run answered a request; Ctrl-D had to be typed again \(retyped) times in \(runs) runs  (target 0)")
        try report.finish()
    }

    /// One start-up: milliseconds to the prompt, the resident megabytes there, and how many
    /// times the closing Ctrl-D had to be typed again.
    private func measure(_ binary: String, environment: [String: String]) throws -> (
        ready: Double, resident: Double, retyped: Int
    ) {
        let clock = ContinuousClock()
        let start = clock.now
        let terminal = try PseudoTerminal(executable: binary, arguments: [], directory: nil, environment: environment)
        var at = try terminal.expect("› ", timeout: .seconds(10), poll: .microseconds(200))
        let ready = start.duration(to: clock.now)
        let resident = MemoryStatus.megabytes("VmRSS", of: "\(terminal.pid)")
        terminal.type("count the lines of the files here\r")
        at = try terminal.expect("── completed", after: at, timeout: .seconds(30), poll: .microseconds(200))
        try terminal.expect("› ", after: at, timeout: .seconds(10), poll: .microseconds(200))
        for attempt in 0..<5 {
            terminal.type("\u{04}")
            if (try? terminal.waitForExit(timeout: .seconds(2))) != nil { return (ready / .milliseconds(1), resident, attempt) }
        }
        throw ValidationError("the shell did not end on Ctrl-D: \(terminal.screenText.suffix(400))")
    }
}
