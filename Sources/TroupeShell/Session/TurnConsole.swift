import Foundation
import Synchronization

/// The terminal while a turn runs: a footer below the output with the status line and the line
/// being typed (`» `). Keys no prompt claims edit that line; Enter hands it to `onSubmit`.
/// Thread-safe: keys arrive on the key watcher's thread.
final class TurnConsole: Sendable {
    private let line = Mutex(LiveLine())
    private let sink: OutputSink
    private let status: TurnStatusLine
    private let onSubmit: @Sendable (String) -> Void
    private let typeAhead: @Sendable (String) -> Void
    private let ticker = Mutex<Task<Void, Never>?>(nil)
    /// The latest line of each worker writing and of a running command (`$`), newest last.
    private let tails = Mutex<[(source: String, line: String)]>([])

    /// A console drawing on `sink`; submitted lines go to `onSubmit`, and keys meant for the next
    /// prompt (Ctrl-D on an empty line) to `typeAhead`.
    init(
        sink: OutputSink, status: TurnStatusLine, onSubmit: @escaping @Sendable (String) -> Void,
        typeAhead: @escaping @Sendable (String) -> Void
    ) {
        self.sink = sink
        self.status = status
        self.onSubmit = onSubmit
        self.typeAhead = typeAhead
    }

    /// Shows the footer and keeps its spinner turning.
    func start() {
        sink.showFooter { [self] width in render(width: width) }
        let sink = self.sink
        ticker.withLock { ticker in
            ticker = Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(125))
                    if !Task.isCancelled { sink.redrawFooter() }
                }
            }
        }
    }

    /// Applies one key typed during the turn.
    func key(_ byte: UInt8) {
        if byte == 0x04 {
            if line.withLock({ $0.text.isEmpty }) { typeAhead("\u{04}") }
            return
        }
        switch line.withLock({ $0.feed(byte) }) {
        case .none:
            break
        case .edited:
            sink.redrawFooter()
        case .submitted(let text):
            sink.redrawFooter()
            if !text.trimmingCharacters(in: .whitespaces).isEmpty { onSubmit(text) }
        }
    }

    /// Shows `line` as the live tail of `source` (a persona, or `$` for a command); the three
    /// most recent sources are shown, so parallel workers each keep one line.
    func show(tail line: String, from source: String) {
        let clean = TerminalSanitizer.clean(line).trimmingCharacters(in: .whitespaces)
        guard !clean.isEmpty else { return }
        tails.withLock { tails in
            tails.removeAll { $0.source == source }
            tails.append((source, clean))
            if tails.count > 3 { tails.removeFirst() }
        }
        sink.redrawFooter()
    }

    /// Removes the footer; returns what was typed and not sent (for the next prompt).
    func finish() -> String {
        ticker.withLock { $0?.cancel() }
        sink.hideFooter()
        return line.withLock { $0.text }
    }

    private func render(width: Int) -> [String] {
        let text = line.withLock { $0.text }
        let room = max(1, width - 3)
        let shown = text.count > room ? "…" + text.suffix(room - 1) : text
        let live = tails.withLock { $0 }.map { tail in
            status.style.dim(String("  ⎿ \(tail.source) \(tail.line)".prefix(max(1, width - 1))))
        }
        return live + [status.render(width: width), "» " + shown]
    }
}
