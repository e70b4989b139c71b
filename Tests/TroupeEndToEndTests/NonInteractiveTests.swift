import Foundation
import Synchronization
import Testing
import TroupeTesting

/// The binary without a terminal: piped input, `troupe run`, `troupe personas`.
@Suite struct NonInteractiveTests {
    @Test func pipedRequestsAnswerOnStdoutWithProgressOnStderr() throws {
        let sandbox = try Sandbox()
        try sandbox.write("notes/a.md", "one\n")
        try sandbox.write("notes/b.md", "two\nthree\n")
        let result = try sandbox.run([], input: "count the lines of the Markdown files under notes\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("2 files under notes: 3 lines, 3 words in total"))
        #expect(!result.stdout.contains("⇢"))
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.stderr.contains("⇢ orchestrator → analyst"))
        #expect(result.stderr.contains("── completed"))
    }

    @Test func runAnswersOneRequestWithJSONAndExitStatus() throws {
        let sandbox = try Sandbox()
        try sandbox.write("personas/extra.md", "---\nname: extra\ndescription: An extra persona.\n---\nYou help.")
        let result = try sandbox.run(["run", "-p", "list the Markdown files under personas", "--json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["outcome"] as? String == "completed")
        #expect((object["answer"] as? String)?.contains("1 .md file under personas") == true)
        #expect((object["transcript"] as? String)?.hasSuffix(".jsonl") == true)
    }

    @Test func runExitsNonZeroWhenTheRequestFails() throws {
        let sandbox = try Sandbox()
        let script = try sandbox.write(
            "fail.jsonl",
            """
            {"purpose":"plan","text":"{\\"facts\\":{},\\"steps\\":[{\\"id\\":1,\\"title\\":\\"fix the bug\\",\\"persona\\":\\"coder\\"}]}"}
            {"agent":"coder","purpose":"work","error":"provider unavailable"}
            {"agent":"coder","purpose":"work","error":"provider unavailable"}
            {"purpose":"synthesis","text":"Nothing could be done: the coder failed."}
            """)
        let result = try sandbox.run(["run", "-p", "fix it", "--model", "script:\(script.path)"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Nothing could be done"))
        #expect(result.stderr.contains("✗ failed step 1"))
    }

    /// Ctrl-C during `troupe run` cancels the turn through the shell's interrupt router: the
    /// process reports the cancelled turn and exits 130 rather than dying of the signal.
    @Test func ctrlCCancelsARunningRequestAndExits130() throws {
        let sandbox = try Sandbox()
        let script = try sandbox.write(
            "slow.jsonl",
            """
            {"purpose":"plan","text":"{\\"facts\\":{},\\"steps\\":[{\\"id\\":1,\\"title\\":\\"think\\",\\"persona\\":\\"analyst\\"}]}"}
            {"agent":"analyst","purpose":"work","text":"too late","delay_ms":60000}
            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary)
        process.arguments = ["run", "-p", "think hard", "--json", "--model", "script:\(script.path)"]
        process.currentDirectoryURL = sandbox.workspace
        process.environment = sandbox.environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        let progress = Mutex("")
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            progress.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while !progress.withLock({ $0.contains("⇢ orchestrator → analyst") }), ContinuousClock.now < deadline {
            usleep(5_000)
        }
        #expect(progress.withLock { $0.contains("⇢ orchestrator → analyst") }, "the step never started")
        process.interrupt()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        stderr.fileHandleForReading.readabilityHandler = nil
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        let object = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        #expect(object["outcome"] as? String == "cancelled")
    }

    /// The first thing newcomers ask, on the offline model: a README with fenced code read and
    /// summarized from its own words, with no internal error in the answer.
    @Test func aReadmeIsReadAndSummarizedOffline() throws {
        let sandbox = try Sandbox()
        try sandbox.write(
            "README.md",
            "# Lantern\n\nA static site generator for field notes. It turns Markdown into pages.\n\n```sh\nlantern build {\n```\n\n## Install\n\n## Usage\n"
        )
        let result = try sandbox.run(["run", "-p", "Read README.md and summarize what the project does"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Lantern — extractive summary"))
        #expect(result.stdout.contains("A static site generator for field notes. It turns Markdown into pages."))
        #expect(result.stdout.contains("Sections: Install · Usage"))
        #expect(!result.stdout.contains("DecodingError") && !result.stdout.contains("could not read this request"))
    }

    @Test func runWithoutARequestExplainsItself() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["run"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("give a request with -p"))
    }

    @Test func personasValidateNamesTheBrokenFileAndLine() throws {
        let sandbox = try Sandbox()
        try sandbox.write("personas/good.md", "---\nname: good\ndescription: fine\n---\nok")
        try sandbox.write("personas/broken.md", "---\nname: broken\ndescription: d\nmax_parallel_tasks: lots\n---\n")
        let result = try sandbox.run(["personas", "validate"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("personas/broken.md:4: field 'max_parallel_tasks'"))
        #expect(result.stdout.contains("1 valid (0 with warnings), 1 broken"))
        let list = try sandbox.run(["personas", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("good"))
        #expect(list.stderr.contains("skipped:"))
    }
}
