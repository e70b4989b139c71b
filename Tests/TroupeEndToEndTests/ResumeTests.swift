import Foundation
import Testing
import TroupeTesting

/// `troupe --resume ID`: a recorded session continued with its ledgers rebuilt.
@Suite(.serialized) struct ResumeTests {
    @Test func aResumedSessionShowsWhereItStoppedAndKeepsNumberingItsTranscript() throws {
        let sandbox = try Sandbox()
        try sandbox.write("Sources/App/main.swift", "print(\"hello\")\n")
        let first = try sandbox.run(["run", "-p", "List the Swift files under Sources, then count their lines"])
        #expect(first.status == 0, "\(first.stderr)")
        let transcript = try #require(try sandbox.transcripts().first)
        let before = try String(contentsOf: transcript, encoding: .utf8).split(separator: "\n")
        let id = try sandbox.shortSessionID(of: transcript)

        let shell = try sandbox.startShell(["--resume", id])
        var at = try shell.expect("resumed session \(id)")
        at = try shell.expect("1 request(s): last request", after: at)
        at = try shell.expect("then count their lines\"", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/plan\r")
        at = try shell.expect("2/2 done", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)

        #expect(try sandbox.transcripts().count == 1, "the session continued in the same file")
        let after = try String(contentsOf: transcript, encoding: .utf8).split(separator: "\n")
        #expect(after.count > before.count)
        let sequence = try sandbox.records(of: transcript).dropFirst()
        #expect(sequence.compactMap { $0["seq"] as? Int } == Array(1...(after.count - 1)))
        #expect(sequence.contains { $0["type"] as? String == "user.intervention" && $0["kind"] as? String == "resume" })
        // The resume mark sits between two requests: a replay gives it back there.
        let replayed = try sandbox.run(["replay", "--verify", transcript.path])
        #expect(replayed.status == 0, "\(replayed.stderr)")
    }

    @Test func insideTheShellResumeListsSessionsAndContinuesOneAndReplayReRunsOne() throws {
        let sandbox = try Sandbox()
        try sandbox.write("Sources/App/main.swift", "print(\"hello\")\n")
        let first = try sandbox.run(["run", "-p", "List the Swift files under Sources, then count their lines"])
        #expect(first.status == 0, "\(first.stderr)")
        let earlier = try #require(try sandbox.transcripts().first)
        let id = try sandbox.shortSessionID(of: earlier)

        let shell = try sandbox.startShell()
        var at = try shell.expect("› ")
        shell.type("/replay \(earlier.path) --verify\r")
        at = try shell.expect("2 analyst", after: at)
        at = try shell.expect("✓ matches the recording: 1 turn(s)", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/resume\r")
        at = try shell.expect("\(id)  ", after: at)
        at = try shell.expect("1 request(s)  List the Swift files under Sources", after: at)
        shell.type("/resume \(id)\r")
        at = try shell.expect("resumed session \(id)", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/plan\r")
        at = try shell.expect("2/2 done", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
        #expect(try sandbox.transcripts().count == 2, "the shell's own session and the resumed one")
    }

    @Test func aForkBranchesANewSessionThatResumesFromItsEvent() throws {
        let sandbox = try Sandbox()
        try sandbox.write("Sources/App/main.swift", "print(\"hello\")\n")
        let shell = try sandbox.startShell()
        var at = try shell.expect("› ")
        shell.type("List the Swift files under Sources\r")
        at = try shell.expect("── completed", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/fork 3\r")
        at = try shell.expect("Forked at event 3 into", after: at)
        at = try shell.expect("Continue it with: troupe --resume ", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/fork 999999\r")
        at = try shell.expect("Cannot fork: ", after: at)
        at = try shell.expect("has no event 999999", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)
        let files = try sandbox.transcripts()
        #expect(files.count == 2)
        let fork = try #require(
            try files.first { try String(contentsOf: $0, encoding: .utf8).contains("\"forkedFrom\"") })
        let lines = try String(contentsOf: fork, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4, "the header and events 1 to 3")
        let id = try sandbox.shortSessionID(of: fork)
        let resumed = try sandbox.startShell(["--resume", id])
        at = try resumed.expect("resumed session \(id)")
        at = try resumed.expect("› ", after: at)
        #expect(try resumed.endWithCtrlD() == 0)
    }

    @Test func anUnknownSessionIsAClearError() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["--resume", "nosuchid"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("cannot resume"))
        #expect(result.stderr.contains("no transcript matches 'nosuchid'"))
    }
}
