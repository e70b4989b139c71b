import Foundation
import Synchronization
import Testing

@testable import TroupeShell

/// The footer kept under the output while a turn runs.
@Suite struct OutputSinkFooterTests {
    final class Collector: Sendable {
        let text = Mutex("")
        var value: String { text.withLock { $0 } }
    }

    @Test func linesArePrintedAboveTheFooterWhichIsRedrawnBelowThem() {
        let collector = Collector()
        let sink = OutputSink { piece in collector.text.withLock { $0 += piece } }
        sink.showFooter { _ in ["status", "» typed"] }
        sink.progress(["first"])
        let erase = "\r\u{1B}[2K\u{1B}[1A\u{1B}[2K"
        #expect(collector.value == "status\n» typed" + erase + "first\nstatus\n» typed")
        sink.hideFooter()
        sink.progress(["after"])
        #expect(collector.value.hasSuffix("status\n» typed" + erase + "after\n"))
    }

    @Test func anAnswerStreamedUnderTheFooterIsShownLineByLineAndItsTailOnHide() {
        let collector = Collector()
        let sink = OutputSink { piece in collector.text.withLock { $0 += piece } }
        sink.showFooter { _ in ["s"] }
        sink.answerFragment("Hel")
        #expect(collector.value == "s")
        sink.answerFragment("lo\nwor")
        #expect(collector.value == "s\r\u{1B}[2KHello\ns")
        sink.hideFooter()
        #expect(collector.value == "s\r\u{1B}[2KHello\ns\r\u{1B}[2Kwor")
    }

    @Test func aSuspendedFooterIsOffTheScreenUntilResumed() {
        let collector = Collector()
        let sink = OutputSink { piece in collector.text.withLock { $0 += piece } }
        sink.showFooter { width in ["w\(width)"] }
        sink.suspendFooter()
        sink.progressFragment("? approve ")
        sink.resumeFooter()
        #expect(collector.value == "w80\r\u{1B}[2K? approve w80")
    }
}
