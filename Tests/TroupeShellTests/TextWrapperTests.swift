import Testing

@testable import TroupeShell

/// Lines broken at spaces to the terminal's width.
@Suite struct TextWrapperTests {
    @Test func breaksAtSpacesKeepingIndentationAndShortLines() {
        #expect(TextWrapper.wrap("short line", width: 40) == ["short line"])
        #expect(
            TextWrapper.wrap("  the quick brown fox jumps over the lazy dog", width: 20)
                == ["  the quick brown", "  fox jumps over the", "  lazy dog"])
        #expect(
            TextWrapper.wrap("see /a/very/long/path/that/does/not/fit/anywhere ok", width: 20)
                == ["see", "/a/very/long/path/that/does/not/fit/anywhere", "ok"])
    }

    @Test func escapeSequencesTakeNoRoom() {
        let styled = "\u{1B}[2mdim\u{1B}[0m words that fit"
        #expect(TextWrapper.visibleWidth(styled) == 18)
        #expect(TextWrapper.wrap(styled, width: 18) == [styled])
        #expect(TextWrapper.wrap(styled, width: 12) == ["\u{1B}[2mdim\u{1B}[0m words", "that fit"])
    }
}
