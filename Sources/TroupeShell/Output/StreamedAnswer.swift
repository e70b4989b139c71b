import Foundation
import Synchronization
import TroupeCore

/// Shows the final answer while the model streams it, and at the end of the turn only what the
/// stream did not already show. Thread-safe: events arrive on the bus's threads.
final class StreamedAnswer: Sendable {
    /// The text streamed in this turn.
    private let shown = Mutex("")

    /// What to print for `event`: a fragment without a newline, and whole answer lines.
    func present(_ event: TroupeEvent, rendered: RenderedEvent) -> (fragment: String?, answer: [String]) {
        switch event.kind {
        case .userInput:
            shown.withLock { $0 = "" }
            return (nil, rendered.answer)
        case .answerDelta(let delta):
            shown.withLock { $0 += delta.text }
            return (TerminalSanitizer.clean(delta.text), [])
        case .planCompleted(let completed):
            let streamed = shown.withLock { text -> String in
                defer { text = "" }
                return text
            }
            guard !streamed.isEmpty else { return (nil, rendered.answer) }
            let same = streamed.trimmingCharacters(in: .whitespacesAndNewlines) == completed.answer
            // The stream ended the answer's line; an answer the engine wrote instead follows it.
            return ("\n", same ? [] : rendered.answer)
        default:
            return (nil, rendered.answer)
        }
    }
}
