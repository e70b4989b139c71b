import CLibEdit
import Foundation

/// Line editing over libedit's readline API: history (persisted), Up/Down, Ctrl-R, Tab
/// completion and UTF-8. See docs/platform-notes.md for why it is built this way:
/// libedit must not handle signals, and keys come through our own `getc` so Ctrl-C can end a line.
@MainActor
public final class LibEditLineEditor: LineEditing {
    /// The one editor: libedit's state is global.
    public static let shared = LibEditLineEditor()

    public var completer: (_ word: String, _ line: String) -> [String] = { _, _ in [] }
    public nonisolated let interruptFD: Int32
    /// Keys typed while a turn ran, consumed before the terminal's.
    nonisolated let pendingKeys = TurnKeyWatcher.TypeAhead()
    /// Keys typed during a turn that a prompt (an approval) is waiting for.
    public nonisolated let keyClaims = KeyClaims()
    private let wakeFD: Int32
    private var interrupted = false
    private var historyPath: String?

    private init() {
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        wakeFD = fds[0]
        interruptFD = fds[1]
        setlocale(LC_CTYPE, "")
        cle_set_catch_signals(0)
        cle_set_append_character(0)
        cle_set_completer { text, _, _ in
            guard let text else { return nil }
            let word = String(cString: text)
            let candidates = MainActor.assumeIsolated {
                LibEditLineEditor.shared.completer(word, LibEditLineEditor.currentLine())
            }
            return CompletionArray.make(word: word, candidates: candidates)
        }
        cle_set_getc { _ in MainActor.assumeIsolated { LibEditLineEditor.shared.readScalar() } }
        rl_initialize()
        _ = rl_parse_and_bind("bind ^R em-inc-search-prev")
    }

    /// Loads history from `path` and saves each new line there.
    public func useHistoryFile(_ path: String) {
        historyPath = path
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = read_history(path)
    }

    /// Shown in the line for each line break of a pasted block; the line comes back with `\n` there.
    static let pastedLineBreak: Unicode.Scalar = "\u{2424}"

    public func readLine(prompt: String) -> LineInput {
        interrupted = false
        paste = PasteState()
        // Bracketed paste: the terminal marks a pasted block, so its line breaks are kept in
        // one request instead of sending each line.
        FileHandle.standardOutput.write(Data("\u{1B}[?2004h".utf8))
        let settings = Self.leaveCanonicalMode()
        let raw = readline(prompt)
        if var settings { _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &settings) }
        FileHandle.standardOutput.write(Data("\u{1B}[?2004l".utf8))
        defer { free(raw) }
        if interrupted {
            FileHandle.standardOutput.write(Data("^C\n".utf8))
            return .interrupt
        }
        guard let raw else { return .endOfFile }
        return .line(String(cString: raw).replacingOccurrences(of: String(Self.pastedLineBreak), with: "\n"))
    }

    /// Takes the terminal out of canonical mode (and echo: libedit echoes what it reads) and
    /// returns the settings to put back after the line. libedit writes the prompt *before* it
    /// switches modes, so a key typed as the prompt appears met the line discipline in canonical
    /// mode, which turns a Ctrl-D into a NUL byte that libedit then ignores: the Ctrl-D was lost
    /// (seen with strace: `write(1, "› ")`, then `read(0, "\0")` after the mode switch).
    private static func leaveCanonicalMode() -> termios? {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
        var settings = original
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &settings.c_cc) { characters in
            characters[Int(VMIN)] = 1
            characters[Int(VTIME)] = 0
        }
        _ = tcsetattr(STDIN_FILENO, TCSANOW, &settings)
        return original
    }

    /// Whether a bracketed paste is coming in, and whether its last byte was a carriage return.
    private struct PasteState {
        var inside = false
        var afterReturn = false
    }

    private var paste = PasteState()

    public func addHistory(_ line: String) {
        _ = add_history(line)
        if let historyPath { _ = write_history(historyPath) }
    }

    private static func currentLine() -> String {
        cle_line_buffer().map { String(cString: $0) } ?? ""
    }

    /// The next key as one Unicode scalar, or -1 (end of input) on interrupt or EOF.
    private func readScalar() -> Int32 {
        var bytes: [UInt8] = []
        while let byte = pendingKeys.next() {
            bytes.append(byte)
            if bytes.count >= Self.utf8Length(leading: bytes[0]) { return Self.scalar(bytes) }
        }
        while true {
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if fds[1].revents != 0 {
                var sink = [UInt8](repeating: 0, count: 64)
                _ = read(wakeFD, &sink, sink.count)
                interrupted = true
                return -1
            }
            var byte: UInt8 = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return -1 }
            if bytes.isEmpty, byte == 0x1B {
                let marker = paste.inside ? "[201~" : "[200~"
                let following = Self.readPending(upTo: marker.utf8.count)
                if following == Array(marker.utf8) {
                    paste = PasteState(inside: !paste.inside)
                    continue
                }
                pendingKeys.append(following)
                return 0x1B
            }
            if paste.inside, byte == 0x0D || byte == 0x0A {
                defer { paste.afterReturn = byte == 0x0D }
                if byte == 0x0A && paste.afterReturn { continue }
                return Int32(bitPattern: Self.pastedLineBreak.value)
            }
            paste.afterReturn = false
            bytes.append(byte)
            if bytes.count < Self.utf8Length(leading: bytes[0]) { continue }
            return Self.scalar(bytes)
        }
    }

    /// Up to `count` bytes that are already waiting on stdin (an escape sequence arrives whole).
    private static func readPending(upTo count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, 50) > 0 else { break }
            var byte: UInt8 = 0
            guard read(STDIN_FILENO, &byte, 1) == 1 else { break }
            bytes.append(byte)
            if byte != Array("[201~".utf8)[bytes.count - 1] && byte != Array("[200~".utf8)[bytes.count - 1] { break }
        }
        return bytes
    }

    private static func scalar(_ bytes: [UInt8]) -> Int32 {
        var scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars.makeIterator()
        return Int32(bitPattern: scalars.next()?.value ?? 0xFFFD)
    }

    /// Watches the keyboard during a turn: Ctrl-C runs `onInterrupt`, other keys wait for the
    /// next prompt. Stop the returned watcher when the turn ends.
    public func watchDuringTurn(onKey: @escaping @Sendable (UInt8) -> Void, onInterrupt: @escaping @Sendable () -> Void)
        -> TurnKeyWatcher?
    {
        TurnKeyWatcher(input: STDIN_FILENO, claims: keyClaims, onKey: onKey, onInterrupt: onInterrupt)
    }

    public func typeAhead(_ text: String) {
        pendingKeys.append(text)
    }

    private static func utf8Length(leading byte: UInt8) -> Int {
        if byte < 0x80 { return 1 }
        if byte >> 5 == 0b110 { return 2 }
        if byte >> 4 == 0b1110 { return 3 }
        if byte >> 3 == 0b11110 { return 4 }
        return 1
    }
}

/// The `malloc`'d, NULL-terminated array libedit's completion hook returns (libedit frees it).
enum CompletionArray {
    static func make(word: String, candidates: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        let matches = candidates.filter { $0.hasPrefix(word) }
        guard let first = matches.first else { return nil }
        let common = CompletionMatcher.commonPrefix(matches)
        let count = matches.count == 1 ? 1 : matches.count + 1
        guard let memory = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (count + 1)) else { return nil }
        let array = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: count + 1)
        array[0] = strdup(matches.count == 1 ? first : common)
        if matches.count > 1 {
            for (index, match) in matches.enumerated() { array[index + 1] = strdup(match) }
        }
        array[count] = nil
        return array
    }
}
