import Testing

@testable import TroupeShell

@Suite struct TerminalSanitizerTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("red \u{1B}[31mtext\u{1B}[0m", "red text"),
        ("title \u{1B}]0;pwned\u{07}gone", "title gone"),
        ("osc st \u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\", "osc st link"),
        ("clear \u{1B}[2J\u{1B}[H screen", "clear  screen"),
        ("c1 csi \u{9B}31m!", "c1 csi !"),
        ("bell\u{07} back\u{08}space", "bell backspace"),
        ("crlf\r\nline", "crlf\nline"),
        ("cr\roverwrite", "cr\noverwrite"),
        ("tabs\tand\nnewlines", "tabs\tand\nnewlines"),
        ("unicode ✓ héllo", "unicode ✓ héllo"),
        ("dcs \u{1B}Pq#0;2;0;0;0\u{1B}\\ end", "dcs  end"),
        ("reset \u{1B}c done", "reset  done"),
    ])
    func removesEscapesAndControls(input: String, expected: String) {
        #expect(TerminalSanitizer.clean(input) == expected)
    }

    @Test func directionOverridesAndIsolatesAreRemoved() {
        #expect(TerminalSanitizer.clean("title \u{202E}gnp.exe\u{2066}x\u{2069}") == "title gnp.exex")
    }

    @Test func theLastGateKeepsTroupesOwnStylingAndNothingElse() {
        let own = "\u{1B}[1mbold\u{1B}[0m \u{1B}[2mdim\u{1B}[0m \u{1B}[31mred\u{1B}[0m"
        #expect(TerminalSanitizer.keepingOwnStyle(own) == own)
        let hostile = "a\u{1B}[8mhidden\u{1B}[0m b\u{1B}[2J c\u{1B}]0;title\u{07} d\u{1B}]52;c;eA==\u{07} e\u{1B}[38;5;1mf"
        #expect(TerminalSanitizer.keepingOwnStyle(hostile) == "ahidden\u{1B}[0m b c d ef")
    }

    @Test func anApprovalShowsEveryControlCharacterInsteadOfRemovingIt() {
        let command = "echo harmless\u{1B}]0;x\u{07}; touch HIDDEN\rcover\u{202E}"
        #expect(TerminalSanitizer.visible(command) == "echo harmless␛]0;x␇; touch HIDDEN␍cover\\u{202E}")
        #expect(TerminalSanitizer.visible("line one\n\tline two") == "line one\n\tline two")
    }

    @Test func nothingCanBePushedOutOfSightOfAnApproval() {
        let command =
            "touch HIDDEN" + String(repeating: "\n", count: 80) + "echo harmless" + String(repeating: " ", count: 12_000) + "x"
        #expect(TerminalSanitizer.visibleCompact(command) == "touch HIDDEN\n␊ × 79 blank lines\necho harmless␠×12000x")
        #expect(TerminalSanitizer.visibleCompact("a\n\nb    c") == "a\n\nb    c", "short runs stay as they are")
        let lookalikes = "x" + String(repeating: "\u{00A0}", count: 500) + String(repeating: "\u{3000}", count: 500) + "y"
        #expect(TerminalSanitizer.visibleCompact(lookalikes) == "x␠×1000y", "blank characters that are not spaces count too")
        let fillers = "touch HIDDEN; : '" + String(repeating: "\u{3164}", count: 8_000) + "'; echo harmless"
        #expect(TerminalSanitizer.visibleCompact(fillers) == #"touch HIDDEN; : '\u{3164}×8000'; echo harmless"#)
    }

    @Test func invisibleCharactersAreShownInAnApproval() {
        #expect(
            TerminalSanitizer.visible("rm\u{200B} -rf\u{FEFF} x\u{115F}\u{E0041}")
                == #"rm\u{200B} -rf\u{FEFF} x\u{115F}\u{E0041}"#)
        #expect(TerminalSanitizer.visible("a\u{3164}\u{3164}") == #"a\u{3164}\u{3164}"#, "visible writes every one")
        #expect(TerminalSanitizer.visible("naïve ✓ 日本") == "naïve ✓ 日本", "visible text stays as it is")
    }

    @Test func aTruncatedEscapeIsDropped() {
        #expect(TerminalSanitizer.clean("cut \u{1B}[31") == "cut ")
        #expect(TerminalSanitizer.clean("cut \u{1B}") == "cut ")
    }
}
