import Foundation
import Synchronization

/// Watches the keyboard while a turn runs. The terminal is put in a mode where Ctrl-C is a key,
/// not a signal (no ISIG, no ICANON, no echo): Ctrl-C then cancels the turn directly, which does
/// not depend on how the process's threads happen to receive SIGINT. Every other key goes to an
/// open prompt (an approval) if there is one, else to `onKey` (the live line typed during the
/// turn), instead of being lost when the line editor switches terminal modes.
public final class TurnKeyWatcher: Sendable {
    /// Keys for the next prompt, read by the line editor before the terminal.
    final class TypeAhead: Sendable {
        private let bytes = Mutex<[UInt8]>([])

        func append(_ text: String) {
            append(Array(text.utf8))
        }

        func append(_ more: [UInt8]) {
            bytes.withLock { $0.append(contentsOf: more) }
        }

        /// The oldest pending byte.
        func next() -> UInt8? {
            bytes.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        }
    }

    private let input: Int32
    private let stopRead: Int32
    private let stopWrite: Int32
    private let finished = DispatchSemaphore(value: 0)
    private let original: termios?
    private let claims: KeyClaims

    /// Starts watching `input` (a terminal); keys go to a prompt waiting in `claims`, else to
    /// `onKey`; `onKey` and `onInterrupt` run on the watcher's thread.
    init(
        input: Int32, claims: KeyClaims, onKey: @escaping @Sendable (UInt8) -> Void,
        onInterrupt: @escaping @Sendable () -> Void
    ) {
        self.input = input
        self.claims = claims
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        stopRead = fds[0]
        stopWrite = fds[1]
        var settings = termios()
        if tcgetattr(input, &settings) == 0 {
            original = settings
            var raw = settings
            raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
            withUnsafeMutableBytes(of: &raw.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            _ = tcsetattr(input, TCSANOW, &raw)
        } else {
            original = nil
        }
        let (input, stop, done) = (input, stopRead, finished)
        claims.setWatching(true)
        Thread.detachNewThread {
            Self.watch(input: input, stop: stop, claims: claims, onKey: onKey, onInterrupt: onInterrupt)
            done.signal()
        }
    }

    /// Stops watching and restores the terminal. Call once, when the turn ended.
    public func stop() {
        var byte: UInt8 = 0
        _ = write(stopWrite, &byte, 1)
        finished.wait()
        claims.setWatching(false)
        if var settings = original { _ = tcsetattr(input, TCSANOW, &settings) }
        close(stopRead)
        close(stopWrite)
    }

    private static func watch(
        input: Int32, stop: Int32, claims: KeyClaims, onKey: @Sendable (UInt8) -> Void, onInterrupt: @Sendable () -> Void
    ) {
        while true {
            var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0), pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            var byte: UInt8 = 0
            let count = read(input, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            if byte == 0x03 {
                claims.cancel()
                onInterrupt()
            } else if !claims.deliver(byte) {
                onKey(byte)
            }
        }
    }
}
