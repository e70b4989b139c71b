import Foundation
import Testing
import TroupeTesting

/// `troupe replay` on the golden transcripts in `transcripts/` and on damaged copies of them.
@Suite struct ReplayTests {
    static let goldenFolder = GoldenTranscripts.folder
    static var goldens: [URL] { GoldenTranscripts.files }

    @Test func thereAreGoldenTranscriptsOfEachKind() {
        let names = Set(Self.goldens.map { $0.deletingPathExtension().lastPathComponent })
        for name in [
            "direct-answer", "parallel-plan", "retry-and-fallback", "replan-after-stalls", "approval-denied", "provider-retry",
            "offline-tools", "user-override", "tool-approval",
        ] {
            #expect(names.contains(name), "transcripts/\(name).jsonl is missing")
        }
    }

    @Test func theTimelineOfARecordingIsPrintedFromItsEvents() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run([
            "replay", "--timeline", Self.goldenFolder.appendingPathComponent("parallel-plan.jsonl").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("request 1\ntimeline  "), "\(result.stdout)")
        #expect(result.stdout.contains("4 steps · at most 3 workers at once"))
        #expect(result.stdout.contains("critical path "))
        #expect(result.stdout.contains("tokens  orchestrator"))
    }

    @Test(arguments: goldens) func everyGoldenTranscriptReplaysExactly(_ golden: URL) throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["replay", "--verify", golden.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("✓ matches the recording"))
    }

    @Test func aFormatOneTranscriptIsStillReadAndVerifyingItSaysWhyItMayDiffer() throws {
        let sandbox = try Sandbox()
        let file = Self.goldenFolder.deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures/transcripts/format-1-parallel-plan.jsonl")
        let replayed = try sandbox.run(["replay", file.path])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.stdout.contains("The CSV import reads rows line by line in CSVReader.swift."))
        let verified = try sandbox.run(["replay", "--verify", file.path])
        #expect(verified.stderr.contains("is transcript format 1; engines since format 2 ask the progress ledger in batches"))
        let played = try sandbox.run(["replay", "--play", "--speed", "1000", file.path])
        #expect(played.status == 0, "\(played.stderr)")
    }

    @Test func aChangedPersonaPromptShowsUpAsADivergence() throws {
        let sandbox = try Sandbox()
        // The shipped researcher with only its prompt (the body) changed.
        let shipped = try String(
            contentsOf: Self.goldenFolder.deletingLastPathComponent().appendingPathComponent("personas/researcher.md"),
            encoding: .utf8)
        let frontMatter = shipped.components(separatedBy: "\n---\n")[0]
        try sandbox.write("personas/researcher.md", frontMatter + "\n---\nYou are a different researcher.\n")
        let result = try sandbox.run(["replay", "--verify", Self.goldenFolder.appendingPathComponent("parallel-plan.jsonl").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("✗ diverged in turn 1"))
        #expect(result.stderr.contains("(researcher)"))
        #expect(result.stderr.contains("recorded: {"))
        #expect(result.stderr.contains("You are a different researcher."))
    }

    /// A copy of a golden transcript with `change` applied to its lines.
    func damaged(_ sandbox: Sandbox, _ change: (inout [String]) -> Void) throws -> URL {
        let text = try String(contentsOf: Self.goldenFolder.appendingPathComponent("parallel-plan.jsonl"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        change(&lines)
        return try sandbox.write("damaged.jsonl", lines.joined(separator: "\n"))
    }

    @Test func aTruncatedLastLineIsSkippedWithANote() throws {
        let sandbox = try Sandbox()
        let file = try damaged(sandbox) { lines in
            lines.append(String(lines[lines.count - 1].prefix(30)))
        }
        let result = try sandbox.run(["replay", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("was cut short"))
    }

    @Test func aCorruptMiddleLineIsNamedAndThePrefixCanBeReplayed() throws {
        let sandbox = try Sandbox()
        let file = try damaged(sandbox) { lines in lines[20] = "{\"seq\": 20, oops" }
        let result = try sandbox.run(["replay", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("damaged.jsonl:21: not a transcript event"))
        #expect(result.stderr.contains("lines 2–20 are readable; replay them with --prefix"))
        let prefix = try sandbox.run(["replay", "--prefix", file.path])
        #expect(prefix.status == 0, "\(prefix.stderr)")
        #expect(prefix.stderr.contains("stopping before corrupt line 21"))
    }

    @Test func anUnknownVersionAndANonTranscriptAreRefusedClearly() throws {
        let sandbox = try Sandbox()
        let newer = try damaged(sandbox) { lines in
            lines[0] = lines[0].replacingOccurrences(of: "\"formatVersion\":2", with: "\"formatVersion\":9")
        }
        let result = try sandbox.run(["replay", newer.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(":1: transcript format version 9; this troupe reads up to version 3"))
        let notes = try sandbox.write("notes.jsonl", "{\"hello\": 1}\n")
        let other = try sandbox.run(["replay", notes.path])
        #expect(other.status == 2)
        #expect(other.stderr.contains("notes.jsonl:1: not a Troupe transcript"))
        let missing = try sandbox.run(["replay", sandbox.workspace.appendingPathComponent("none.jsonl").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read"))
    }

    @Test func aResponseWithoutItsRequestIsReported() throws {
        let sandbox = try Sandbox()
        let file = try damaged(sandbox) { lines in
            let request = lines.firstIndex { $0.contains("\"type\":\"model.request\"") }!
            lines.remove(at: request)
        }
        let result = try sandbox.run(["replay", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("a model response refers to request"))
        #expect(result.stderr.contains("which is not recorded"))
    }

    @Test func playBackReRendersTheRecording() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run([
            "replay", "--play", "--speed", "100", Self.goldenFolder.appendingPathComponent("parallel-plan.jsonl").path,
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("plan  (task ledger · 4 steps · parallel where possible)"))
        #expect(result.stdout.contains("The CSV import reads rows line by line in CSVReader.swift."))
    }
}

/// A long plan recorded by the binary: model requests as deltas (transcript format 3), the
/// session's own plan cap in the header, and an exact replay.
@Suite struct LongPlanRecordingTests {
    @Test func aSixtyStepChainIsRecordedCompactlyAndReplaysExactly() throws {
        let sandbox = try Sandbox()
        let config = sandbox.home.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "max_plan_steps: 60\n".write(to: config, atomically: true, encoding: .utf8)
        let steps = (1...60).map { step in
            ["id": step, "title": "look at part \(step)", "persona": "researcher", "depends_on": step == 1 ? [] : [step - 1]]
                as [String: Any]
        }
        let plan = try JSONSerialization.data(withJSONObject: ["needs_plan": true, "facts": ["given": ["x"]], "steps": steps])
        var script = [try line(["purpose": "plan", "text": String(decoding: plan, as: UTF8.self)])]
        script += try (1...60).map { try line(["agent": "researcher", "purpose": "work", "text": "part \($0) is fine"]) }
        script.append(try line(["purpose": "synthesis", "text": "every part is fine"]))
        let scriptFile = try sandbox.write("chain.jsonl", script.joined(separator: "\n") + "\n")

        let run = try sandbox.run(["run", "-p", "look at every part", "--model", "script:\(scriptFile.path)"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("every part is fine"))
        let transcript = try #require(try sandbox.transcripts().last)
        let records = try sandbox.records(of: transcript)
        #expect((records[0]["settings"] as? [String: Any])?["maxPlanSteps"] as? Int == 60)
        let ledgerRequests = records.filter {
            $0["type"] as? String == "model.request" && $0["purpose"] as? String == "progress_ledger"
        }
        #expect(ledgerRequests.count == 60)
        #expect(ledgerRequests.dropFirst().allSatisfy { $0["request_delta"] != nil })
        let size = try FileManager.default.attributesOfItem(atPath: transcript.path)[.size] as? Int ?? 0
        #expect(size < 400_000, "\(size) bytes: whole requests made about 1.2 MB")

        let verified = try sandbox.run(["replay", "--verify", transcript.path])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stderr.contains("✓ matches the recording"))
    }

    private func line(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
    }
}
