import Testing
import TroupeTesting

@testable import TroupeCore

/// The one-line summary of a step's output, read from the bytes where that gives the same line
/// as reading characters.
@Suite struct SummaryLineTests {
    @Test func theFirstNonEmptyLineTrimmedAndCut() {
        #expect(SummaryLine.of("  \n\t hello world \t\nnext") == "hello world")
        #expect(SummaryLine.of(String(repeating: "x", count: 150)) == String(repeating: "x", count: 99) + "…")
        #expect(SummaryLine.of(String(repeating: "x", count: 100)) == String(repeating: "x", count: 100))
        #expect(SummaryLine.of("") == "")
        #expect(SummaryLine.of(" \n\t\n") == "")
        #expect(SummaryLine.of("\r\nfirst\r\nsecond") == "\r\nfirst\r\nsecond", "CR LF is one character, not a line end")
    }

    /// On random texts of ASCII, tabs, carriage returns, CR LF, accents (precomposed and
    /// combining, on a space too), emoji and long runs: the same line either way.
    @Test func readingBytesGivesWhatReadingCharactersGives() {
        let pieces = [
            "a", "Z", " ", "\t", "\n", "\r", "\r\n", "é", "e\u{301}", " \u{301}", "🎭", "\u{B}", "\u{7F}",
            String(repeating: "x", count: 60), String(repeating: "é", count: 40),
        ]
        var random = SplitMix64(seed: 41)
        for _ in 0..<5_000 {
            let text = (0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            #expect(SummaryLine.of(text) == SummaryLine.firstLine(of: text), "\(text.debugDescription)")
        }
    }
}
