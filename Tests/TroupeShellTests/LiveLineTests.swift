import Testing
import TroupeCore

@testable import TroupeShell

/// The line typed while a turn runs, key by key.
@Suite struct LiveLineTests {
    private func feed(_ bytes: [UInt8], into line: inout LiveLine) -> [LiveLine.Effect] {
        bytes.map { line.feed($0) }
    }

    @Test func typesEditsAndSubmitsUTF8Text() {
        var line = LiveLine()
        _ = feed(Array("/plän x".utf8), into: &line)
        #expect(line.text == "/plän x")
        _ = feed([0x7F, 0x7F, 0x7F], into: &line)
        #expect(line.text == "/plä")
        #expect(line.feed(0x0D) == .submitted("/plä"))
        #expect(line.text.isEmpty)
    }

    @Test func ctrlWErasesAWordAndCtrlUTheLine() {
        var line = LiveLine()
        _ = feed(Array("/assign 3 @analyst".utf8), into: &line)
        #expect(line.feed(0x17) == .edited)
        #expect(line.text == "/assign 3 ")
        #expect(line.feed(0x15) == .edited)
        #expect(line.text.isEmpty)
        #expect(line.feed(0x15) == .none)
    }

    @Test func arrowKeysAndOtherEscapeSequencesAreIgnored() {
        var line = LiveLine()
        let effects = feed(Array("ab\u{1B}[A\u{1B}[1;5Cc\u{1B}OPd".utf8), into: &line)
        #expect(line.text == "abcd")
        #expect(effects.filter { $0 == .edited }.count == 4)
    }
}

/// Approval answers typed as commands at an open approval question.
@Suite struct TypedApprovalTests {
    @Test func approveAlwaysAndDenyWithAReasonAreRead() {
        #expect(TerminalApprovalGate.decision(typed: "approve") == .approveOnce)
        #expect(TerminalApprovalGate.decision(typed: "approve always") == .approveForSession)
        #expect(TerminalApprovalGate.decision(typed: "deny not on main") == .deny(reason: "not on main"))
        #expect(TerminalApprovalGate.decision(typed: "deny") == .deny(reason: ""))
        #expect(TerminalApprovalGate.decision(typed: "plan") == nil)
    }
}
