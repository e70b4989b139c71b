import Foundation
import Testing
import TroupeTesting

/// `/clear`: a fresh conversation in the same session, recorded so replay and resume honour it.
@Suite(.serialized) struct ClearSessionTests {
    @Test func clearEmptiesThePlanAndLedgersKeepsTheUsageAndReplaysAndResumesAsRecorded() throws {
        let sandbox = try Sandbox()
        try sandbox.write("Sources/App/main.swift", "print(\"hello\")\nlet x = 1\n")
        let shell = try sandbox.startShell()
        var at = try shell.expect("› ")
        shell.type("List the Swift files under Sources, then count their lines\r")
        at = try shell.expect("── completed", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/cle\t")
        at = try shell.expect("/clear", after: at)
        shell.type("\r")
        at = try shell.expect("conversation cleared", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/plan\r")
        at = try shell.expect("No plan yet", after: at)
        shell.type("/handoffs\r")
        at = try shell.expect("No handoffs", after: at)
        shell.type("/status\r")
        at = try shell.expect("session", after: at)
        at = try shell.expect("tok", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/help clear\r")
        at = try shell.expect("start a fresh conversation", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("Count the lines of the Swift files under Sources\r")
        at = try shell.expect("── completed", after: at)
        at = try shell.expect("› ", after: at)
        shell.type("/clear\r")
        at = try shell.expect("conversation cleared", after: at)
        at = try shell.expect("› ", after: at)
        #expect(try shell.endWithCtrlD() == 0)

        let transcript = try #require(try sandbox.transcripts().first)
        let events = try sandbox.records(of: transcript).dropFirst()
        let clear = try #require(
            events.firstIndex { $0["type"] as? String == "user.intervention" && $0["kind"] as? String == "clear" })
        #expect(events[..<clear].contains { $0["type"] as? String == "orchestration.plan_completed" })
        #expect(events[clear...].contains { $0["type"] as? String == "orchestration.plan_completed" })

        let replayed = try sandbox.run(["replay", "--verify", transcript.path])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.stderr.contains("✓ matches the recording"))
        #expect(replayed.stdout.contains("conversation cleared") || replayed.stderr.contains("conversation cleared"))

        // The session ended cleared: resumed, it has no plan to show.
        let resumed = try sandbox.startShell(["--resume", try sandbox.shortSessionID(of: transcript)])
        at = try resumed.expect("› ")
        resumed.type("/plan\r")
        at = try resumed.expect("No plan yet", after: at)
        at = try resumed.expect("› ", after: at)
        #expect(try resumed.endWithCtrlD() == 0)
    }
}
