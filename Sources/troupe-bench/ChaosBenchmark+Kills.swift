import Foundation
import TroupeCore
import TroupeTesting

/// The real processes of a chaos run: `troupe run` killed with SIGKILL and resumed.
extension ChaosBenchmark {
    /// Starts `troupe run` — every other one on the offline model, the rest on an OpenAI-compatible
    /// loopback server that serves faults at the wire rate — kills it at a random moment, checks
    /// its transcript, and continues it with `--resume` (on the same model).
    func killProcesses(workspace: URL, random: inout SplitMix64) async throws -> (
        early: Int, parsed: Int, resumed: Int, problems: [String], wire: (kills: Int, requests: Int, faults: Int)
    ) {
        guard let binary = TroupeBinary.beside() else {
            return (0, 0, 0, ["no troupe binary beside troupe-bench (swift build -c release --product troupe)"], (0, 0, 0))
        }
        let server = try ChaosWireServer(seed: seed &+ 2000, rate: wireRate)
        var wireKills = 0
        let home = workspace.appendingPathComponent(".chaos-home")
        var (early, parsed, resumed, problems) = (0, 0, 0, [String]())
        for index in 0..<kills {
            try? FileManager.default.removeItem(at: home)
            let wire = wireRate > 0 && index % 2 == 1 ? server.baseURL : nil
            if wire != nil { wireKills += 1 }
            let process = Self.troupe(
                binary, ["run", "-p", Self.requests[index % Self.requests.count]], home: home, in: workspace, wire: wire)
            try process.run()
            try? await Task.sleep(for: .milliseconds(Int(random.unit() * 400)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let folder = home.appendingPathComponent("transcripts")
            guard let file = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil))?.first
            else {
                early += 1  // killed before it created its transcript
                continue
            }
            let found = TranscriptInvariants.problems(in: file, name: "kill \(index)", allowingOpenHandoffs: true)
            if found.isEmpty { parsed += 1 } else { problems += found }
            let again = Self.troupe(
                binary, ["run", "-p", "Count the lines of the README", "--resume", file.path], home: home, in: workspace,
                wire: wire)
            try again.run()
            again.waitUntilExit()
            let after = TranscriptInvariants.problems(in: file, name: "kill \(index) resumed")
            // Exit 1 or 2 is a request that failed or half-succeeded under the wire's faults, an
            // outcome like any other; a signal or another status is not.
            let ended = again.terminationReason == .exit && [0, 1, 2].contains(again.terminationStatus)
            if ended && after.isEmpty {
                resumed += 1
            } else {
                problems +=
                    after + ["kill \(index): the resumed run ended with \(again.terminationReason) \(again.terminationStatus)"]
            }
        }
        return (early, parsed, resumed, problems, (wireKills, server.requestsServed, server.injected.values.reduce(0, +)))
    }

    /// `troupe ARGUMENTS` in `folder` with a private home, on the offline model or, given `wire`,
    /// on the OpenAI-compatible server there.
    private static func troupe(_ binary: URL, _ arguments: [String], home: URL, in folder: URL, wire: URL?) -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments + ["--model", wire == nil ? "offline" : "openai/chaos"]
        process.currentDirectoryURL = folder
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": home.path, "TROUPE_HOME": home.path, "NO_COLOR": "1"]
        if let wire { process.environment?["OPENAI_BASE_URL"] = wire.absoluteString }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }
}
