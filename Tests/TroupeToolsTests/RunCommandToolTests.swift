import Foundation
import Testing
import TroupeTesting
import TroupeTools

@testable import TroupeCore

@Suite struct RunCommandToolTests {
    let folder: TemporaryFolder
    let workspace: Workspace

    init() throws {
        folder = try TemporaryFolder()
        workspace = Workspace(root: folder.url)
    }

    func run(_ command: String, timeout: Int? = nil, cap: Int = 30_000) async -> ToolOutput {
        var arguments: [String: JSONValue] = ["command": .string(command)]
        if let timeout { arguments["timeout_seconds"] = .number(Double(timeout)) }
        return await RunCommandTool(workspace: workspace, outputCap: cap).run(arguments: .object(arguments))
    }

    /// Whether process `pid` is gone (or only a zombie waiting to be reaped).
    static func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    /// What `/proc` says of `pid`: its state line and command line (another program's, if the
    /// number was reused).
    static func describe(_ pid: Int32) -> String {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? "no stat"
        let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8))?.replacingOccurrences(
            of: "\u{0}", with: " ")
        return "\(stat.prefix(120)) · \(command ?? "no cmdline")"
    }

    /// Waits until `condition` holds, up to `limit` (a deadline, not a measurement: generous, since
    /// a full run's blocking end-to-end tests can hold the task pool's threads for seconds).
    static func eventually(_ limit: Duration = .seconds(30), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }

    @Test func aCommandInheritsNoDescriptorButItsOwnThree() async throws {
        // A file and a pipe Troupe holds open without close-on-exec, as a transcript or a server's
        // pipe would be: the command must not be able to write to them.
        let held = open(folder.url.appendingPathComponent("held.log").path, O_WRONLY | O_CREAT, 0o600)
        var pipeEnds: [Int32] = [0, 0]
        #expect(held >= 0 && pipe(&pipeEnds) == 0)
        defer { [held, pipeEnds[0], pipeEnds[1]].forEach { close($0) } }
        // `ls` lists the shell's descriptors, not its own (it opens the folder to read it); the `:`
        // keeps bash (a /bin/sh elsewhere) from running `ls` in the shell's place.
        let output = await run("ls -1 /proc/$$/fd; :")
        let descriptors = output.text.split(separator: "\n").filter { $0.allSatisfy(\.isNumber) }
        #expect(descriptors == ["0", "1", "2"], "\(output.text)")
    }

    @Test func runsInTheWorkspaceAndReportsTheStatusAndOutput() async throws {
        try folder.write("a.txt", "hello\n")
        let output = await run("cat a.txt; echo oops >&2; exit 3")
        #expect(output.text == "$ cat a.txt; echo oops >&2; exit 3\nexit status 3\nhello\noops\n")
        #expect(!output.isError)
        #expect(output.summary.hasPrefix("ran `cat a.txt; echo oops >&2; exit 3` → exit status 3"))
        let previewed = await RunCommandTool(workspace: workspace).preview(arguments: .object(["command": .string("make")]))
        guard case .success(let preview)? = previewed else {
            Issue.record("no preview")
            return
        }
        #expect(preview.kind == .command)
        #expect(preview.summary == "run: make")
    }

    @Test func theTimeLimitEndsTheCommandAndEverythingItStarted() async throws {
        let output = await run("sleep 30 & echo $! > child.pid; sleep 30", timeout: 1)
        #expect(output.isError)
        #expect(output.text.contains("stopped after the 1 s time limit"))
        let child = try #require(
            Int32(
                try String(contentsOf: folder.url.appendingPathComponent("child.pid"), encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
        #expect(await Self.eventually { Self.isGone(child) }, "the background child \(child) was left running")
    }

    /// A pid a command wrote to `file` in the workspace.
    func pid(in file: String) throws -> Int32 {
        try #require(
            Int32(
                try String(contentsOf: folder.url.appendingPathComponent(file), encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
    }

    @Test(arguments: [
        "setsid sleep 30 & echo $! > escaped.pid",  // a new session, holding the output pipe
        "nohup setsid sh -c 'sleep 30' >/dev/null 2>&1 & echo $! > escaped.pid",
        "(setsid sh -c 'echo $$ > escaped.pid; exec sleep 30' &) ; sleep 0.2",  // a double fork
    ])
    func whatACommandStartsOutsideItsGroupEndsWithIt(_ command: String) async throws {
        let output = await run(command, timeout: 20)
        #expect(!output.isError, "\(output.text)")
        let escaped = try pid(in: "escaped.pid")
        #expect(await Self.eventually { Self.isGone(escaped) }, "\(escaped) outlived its command: \(Self.describe(escaped))")
    }

    @Test func theTimeLimitHoldsWhenADetachedChildKeepsTheOutputOpen() async throws {
        let output = await run("setsid sleep 30 & echo $! > escaped.pid; sleep 30", timeout: 1)
        #expect(output.text.contains("stopped after the 1 s time limit"))
        let escaped = try pid(in: "escaped.pid")
        #expect(await Self.eventually { Self.isGone(escaped) }, "\(Self.describe(escaped))")
    }

    @Test func aProcessThatShedsItsMarkDoesNotKeepTheTurnWaitingOnItsOutput() async throws {
        // `env -i` drops the mark, so nothing finds this one; it holds the output pipe for 30 s and
        // only then leaves a file. Had the command waited for the pipe to close, the file would be there.
        let output = await run("env -i setsid /bin/sh -c 'sleep 30; touch finished' & echo $! > escaped.pid")
        let escaped = try pid(in: "escaped.pid")
        defer { kill(-escaped, SIGKILL) }
        #expect(!output.isError, "\(output.text)")
        #expect(
            !FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("finished").path),
            "the command waited for a process that still held its output")
    }

    @Test func cancellingTheTurnEndsTheCommand() async throws {
        let tool = RunCommandTool(workspace: workspace)
        let call = Task { await tool.run(arguments: .object(["command": .string("echo $$ > shell.pid; sleep 30")])) }
        let pidFile = folder.url.appendingPathComponent("shell.pid")
        #expect(await Self.eventually { (try? String(contentsOf: pidFile, encoding: .utf8))?.hasSuffix("\n") == true })
        let pid = try #require(
            Int32(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        call.cancel()
        let output = await call.value
        #expect(output.text.contains("cancelled"), "\(output.text)")
        #expect(await Self.eventually { Self.isGone(pid) }, "\(pid) still there: \(Self.describe(pid))")
    }

    @Test func aCommandDoesNotSeeTheUsersSecrets() async {
        setenv("TROUPE_TEST_API_KEY", "sk-test-secret", 1)
        setenv("TROUPE_TEST_PLAIN", "visible", 1)
        let output = await run("env")
        #expect(!output.text.contains("sk-test-secret"))
        #expect(output.text.contains("TROUPE_TEST_PLAIN=visible"))
        #expect(output.text.contains("PATH="))
        let scrubbed = ChildEnvironment.scrubbed(
            ["OPENAI_API_KEY": "a", "GITHUB_TOKEN": "b", "DB_PASSWORD": "c", "AWS_SECRET_ACCESS_KEY": "d", "HOME": "/h"],
            adding: ["GITHUB_TOKEN": "given"])
        #expect(scrubbed == ["HOME": "/h", "GITHUB_TOKEN": "given"])
    }

    @Test func longOutputKeepsItsStartAndEnd() async {
        let output = await run("seq 1 100000", cap: 3000)
        #expect(output.text.contains("\n1\n2\n3\n"))
        #expect(output.text.contains("bytes of output left out"))
        #expect(output.text.hasSuffix("99999\n100000\n"))
        #expect(output.text.count < 3300)
    }
}
