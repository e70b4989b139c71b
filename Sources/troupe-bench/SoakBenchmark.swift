import ArgumentParser
import Foundation
import TroupeTesting

/// `troupe-bench soak`: one shell process, on a 120×40 pseudo-terminal, takes many turns in a row
/// on the offline model — counting, listing, searching and summarizing requests (one-step and
/// multi-step plans), with `/ledger`, `/stats` and `/events` typed between them — recording its
/// transcript as a user's shell does. What grows with the session shows: resident memory after
/// turn 1, 100 and the last, and how long a turn takes at the start and at the end.
struct SoakBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak", abstract: "Hundreds of turns in one shell: memory growth and turn time over a long session.")

    @OptionGroup var output: OutputOptions

    @Option(help: "Turns to take (at least 100).")
    var turns = 500

    /// The requests taken in turn, all answered by the offline model with tools.
    static let requests = [
        "count the lines of the files here", "list the files under notes", "find every TODO",
        "summarize notes/plan.md", "how many lines of Swift are there, and which file is biggest",
    ]
    /// What is typed after every fifth turn, in turn: the inspecting commands a user runs.
    static let inspections = ["/ledger", "/stats", "/events handoff_completed", "/timeline", "/plan"]

    func run() async throws {
        guard turns >= 100 else { throw ValidationError("--turns must be at least 100") }
        guard let binary = TroupeBinary.beside() else {
            throw ValidationError("no troupe binary beside troupe-bench: swift build -c release --product troupe")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-soak-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        // The home (with the growing transcript) beside the workspace, not in it: the requests
        // count and search the workspace, and must find the same files at turn 500 as at turn 1.
        let home = root.appendingPathComponent("home"), workspace = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try Self.writeWorkspace(in: workspace)
        guard FileManager.default.changeCurrentDirectoryPath(workspace.path) else {
            throw ValidationError("cannot enter \(workspace.path)")
        }
        let environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm", "TROUPE_HOME": home.path, "HOME": home.path,
            "TROUPE_MODEL": "offline", "NO_COLOR": "1", "SWIFT_BACKTRACE": "interactive=no",
        ]
        let terminal = try PseudoTerminal(executable: binary.path, arguments: [], directory: nil, environment: environment)
        try terminal.expect("› ", timeout: .seconds(10), poll: .milliseconds(1))
        terminal.discardOutput()
        let clock = ContinuousClock()
        var durations: [Double] = []
        var resident: [Int: Double] = [:]
        for turn in 1...turns {
            let started = clock.now
            terminal.type(Self.requests[(turn - 1) % Self.requests.count] + "\r")
            // The output is dropped after each exchange, so waiting costs the same at turn 500 as at turn 1.
            let at = try terminal.expect("── ", timeout: .seconds(60), poll: .milliseconds(1))
            try terminal.expect("› ", after: at, timeout: .seconds(10), poll: .milliseconds(1))
            durations.append(started.duration(to: clock.now) / .milliseconds(1))
            terminal.discardOutput()
            if turn % 5 == 0 {
                let command = Self.inspections[(turn / 5 - 1) % Self.inspections.count]
                terminal.type(command + "\r")
                try terminal.expect("› ", timeout: .seconds(10), poll: .milliseconds(1))
                terminal.discardOutput()
            }
            if [1, 100, turns].contains(turn) { resident[turn] = MemoryStatus.megabytes("VmRSS", of: "\(terminal.pid)") }
        }
        terminal.type("\u{04}")
        _ = try? terminal.waitForExit(timeout: .seconds(5))
        let transcriptBytes =
            (try? FileManager.default.contentsOfDirectory(
                at: home.appendingPathComponent("transcripts"), includingPropertiesForKeys: [.fileSizeKey]))?
            .compactMap { try? $0.resourceValues(forKeys: [.fileSizeKey]).fileSize }.reduce(0, +) ?? 0

        var report = Report("soak", options: output)
        report.say(
            "\(turns) turns in one \(binary.lastPathComponent) shell on the offline model, an inspecting command every fifth")
        let (first, hundredth, last) = (resident[1] ?? 0, resident[100] ?? 0, resident[turns] ?? 0)
        report.add("RSS after turn 1", first, unit: "MB", line: String(format: "resident memory after turn 1: %.1f MB", first))
        report.add("RSS after turn 100", hundredth, unit: "MB", line: String(format: "after turn 100: %.1f MB", hundredth))
        report.add(
            "RSS growth from turn 100", last - hundredth, unit: "MB", target: 10,
            line: String(
                format: "after turn %d: %.1f MB — %+.1f MB since turn 100  (target ≤ 10 MB)", turns, last, last - hundredth))
        let early = Array(durations.prefix(20)).percentile(0.5), late = Array(durations.suffix(20)).percentile(0.5)
        report.add(
            "turn time, first 20", early, unit: "ms", line: String(format: "turn time, median of the first 20: %.1f ms", early))
        report.add(
            "turn time, last 20", late, unit: "ms",
            line: String(
                format: "turn time, median of the last 20: %.1f ms (%.2f× the first; target: flat within noise)", late,
                late / early))
        let windows = stride(from: 0, to: durations.count, by: 100).map {
            Array(durations[$0..<min($0 + 100, durations.count)]).percentile(0.5)
        }
        report.say(
            "turn time, median of each hundred turns: " + windows.map { String(format: "%.1f", $0) }.joined(separator: " · ")
                + " ms")
        report.say(String(format: "transcript: %.1f MB", Double(transcriptBytes) / 1_048_576))
        try report.finish()
    }

    /// A small project for the requests: notes, a plan, Swift sources with TODOs.
    static func writeWorkspace(in folder: URL) throws {
        let files = [
            "notes/plan.md": "# Plan\n\nShip the parser first. Then the report.\n\n## Risks\n\nNone known.\n",
            "notes/todo.txt": "TODO: write the tests\nTODO: measure\n",
            "Sources/App/main.swift": "// TODO: arguments\nprint(\"hello\")\n",
            "Sources/App/Parser.swift": String(repeating: "struct Parser {\n    func parse() {}\n}\n", count: 20),
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
