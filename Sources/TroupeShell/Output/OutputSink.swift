public import Foundation
import Synchronization

/// Where the shell writes: the progress stream and the answer stream (the same terminal when
/// interactive; stderr and stdout when piped; a collector when exporting). Thread-safe; every
/// write is one `write(2)` (or one call of the collector).
///
/// While a turn runs in a terminal the sink can keep a *footer* at the bottom (the status line
/// and the line being typed): each write then erases the footer, prints above it and draws it
/// again, so output never garbles what the user is typing.
public final class OutputSink: Sendable {
    /// The footer's text for a terminal `columns` wide; each line must fit in `columns`.
    public typealias FooterRenderer = @Sendable (_ columns: Int) -> [String]

    private struct State {
        var footer: FooterRenderer?
        var suspended = false
        /// Lines of the footer now on screen (the cursor is at the end of the last one).
        var drawn = 0
        /// An answer's unfinished line, held while the footer is up.
        var partialAnswer = ""
    }

    private let progressOut: @Sendable (Data) -> Void
    private let answersOut: @Sendable (Data) -> Void
    private let columns: @Sendable () -> Int
    /// Whether whole lines are broken at spaces to fit `columns` (a terminal; not a pipe or file).
    private let wraps: Bool
    private let state = Mutex(State())

    public init(progress: FileHandle, answers: FileHandle) {
        progressOut = { try? progress.write(contentsOf: $0) }
        answersOut = { try? answers.write(contentsOf: $0) }
        let descriptor = progress.fileDescriptor
        columns = { TerminalInfo.size(of: descriptor)?.columns ?? 80 }
        wraps = TerminalInfo.isTerminal(descriptor) && TerminalInfo.isTerminal(answers.fileDescriptor)
    }

    /// A sink handing all text, progress and answers alike, to `writer`.
    public init(writer: @escaping @Sendable (String) -> Void) {
        progressOut = { writer(String(decoding: $0, as: UTF8.self)) }
        answersOut = progressOut
        columns = { 80 }
        wraps = false
    }

    /// Writes progress lines (already sanitized and styled), each broken to the terminal's
    /// width as it is now (so output after a resize fits the new width).
    public func progress(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        emit(fitted(lines).joined(separator: "\n") + "\n", to: progressOut)
    }

    /// Writes progress text without ending the line (a prompt, echoed keys).
    public func progressFragment(_ text: String) {
        guard !text.isEmpty else { return }
        emit(text, to: progressOut)
    }

    /// Writes part of an answer as it streams in, without ending the line. Under a footer the
    /// text is shown a whole line at a time.
    public func answerFragment(_ text: String) {
        guard !text.isEmpty else { return }
        let whole = state.withLock { state -> String? in
            guard state.footer != nil, !state.suspended else { return nil }
            state.partialAnswer += text
            guard let end = state.partialAnswer.lastIndex(of: "\n") else { return "" }
            defer { state.partialAnswer = String(state.partialAnswer[state.partialAnswer.index(after: end)...]) }
            return String(state.partialAnswer[...end])
        }
        switch whole {
        case nil: emit(text, to: answersOut)
        case let lines? where !lines.isEmpty:
            emit(
                fitted(lines.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)).map {
                    $0 + "\n"
                }.joined(), to: answersOut)
        default: break
        }
    }

    /// Writes answer lines, broken to the terminal's width.
    public func answer(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        emit(fitted(lines).joined(separator: "\n") + "\n", to: answersOut)
    }

    private func fitted(_ lines: [String]) -> [String] {
        guard wraps else { return lines }
        let width = columns()
        return lines.flatMap { line in
            line.split(separator: "\n", omittingEmptySubsequences: false).flatMap { TextWrapper.wrap(String($0), width: width) }
        }
    }

    /// Shows a footer drawn by `render` below everything written from now on.
    public func showFooter(_ render: @escaping FooterRenderer) {
        let data = state.withLock { state -> Data in
            state.footer = render
            state.suspended = false
            return Data(draw(&state).utf8)
        }
        progressOut(data)
    }

    /// Draws the footer again (its text changed: a key was typed, the spinner turned).
    public func redrawFooter() {
        emit("", to: progressOut)
    }

    /// Takes the footer off the screen until `resumeFooter` (while a question is asked).
    public func suspendFooter() {
        let data = state.withLock { state -> Data in
            let text = erase(&state)
            state.suspended = true
            return Data(text.utf8)
        }
        progressOut(data)
    }

    /// Puts the footer back after `suspendFooter`.
    public func resumeFooter() {
        let data = state.withLock { state -> Data in
            state.suspended = false
            return Data(draw(&state).utf8)
        }
        progressOut(data)
    }

    /// Removes the footer; an answer line it held back is written out unfinished, as it came.
    public func hideFooter() {
        let data = state.withLock { state -> Data in
            let text = erase(&state) + state.partialAnswer
            state.footer = nil
            state.suspended = false
            state.partialAnswer = ""
            return Data(text.utf8)
        }
        progressOut(data)
    }

    /// Writes `text`, around the footer if one is up. Everything written passes
    /// `TerminalSanitizer.keepingOwnStyle` here: the one gate between Troupe and the terminal.
    private func emit(_ text: String, to output: @Sendable (Data) -> Void) {
        let text = TerminalSanitizer.keepingOwnStyle(text)
        state.withLock { state in
            guard state.footer != nil, !state.suspended else {
                if !text.isEmpty { output(Data(text.utf8)) }
                return
            }
            let framed = erase(&state) + text + draw(&state)
            output(Data(framed.utf8))
        }
    }

    /// The escape sequences that erase the footer, leaving the cursor where it began.
    private func erase(_ state: inout State) -> String {
        guard state.drawn > 0 else { return "" }
        defer { state.drawn = 0 }
        return "\r\u{1B}[2K" + String(repeating: "\u{1B}[1A\u{1B}[2K", count: state.drawn - 1)
    }

    /// The footer's text, each line cut to the terminal's width so none wraps.
    private func draw(_ state: inout State) -> String {
        guard let render = state.footer, !state.suspended else { return "" }
        let width = max(10, columns())
        let lines = render(width).map(TerminalSanitizer.keepingOwnStyle)
        state.drawn = lines.count
        return lines.joined(separator: "\n")
    }
}
