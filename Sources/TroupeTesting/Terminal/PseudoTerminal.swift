public import CPseudoTerminal
import Foundation
import Synchronization

/// Runs a program on a fresh pseudo-terminal, as a person's terminal would: the program is a
/// session leader whose controlling terminal is the pty, so Ctrl-C (byte 3) raises SIGINT.
/// Drives the shell in the end-to-end tests and in `troupe-bench startup`.
public final class PseudoTerminal: @unchecked Sendable {
    private let master: Int32
    public let pid: pid_t
    /// What the program printed; a class so the reader thread can share it.
    private final class Output: Sendable {
        let data = Mutex(Data())
        /// Why the reader stopped (`read` returned 0, or -1 with this errno), once it has.
        let readerEnd = Mutex<String?>(nil)
    }

    private let buffer = Output()
    // The reader thread only touches `buffer` (a Mutex) and the master fd; the class is
    // @unchecked Sendable because Thread is not Sendable, not because of shared mutable state.
    private let reader: Thread

    /// Starts `executable` with `arguments` in `directory` (through `/bin/sh`, to change to it;
    /// nil runs it directly where this process is) with `environment`, on a 120×40 terminal.
    public init(executable: String, arguments: [String], directory: String?, environment: [String: String]) throws {
        master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            throw PTYError.openFailed(errno)
        }
        let slavePath = String(cString: name)
        let quoted = ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        _ = pty_set_size(master, 120, 40)
        let argv =
            directory.map { ["/bin/sh", "-c", "cd '\($0)' && exec \(quoted.joined(separator: " "))"] } ?? [executable] + arguments
        pid = try Self.spawn(argv, terminal: slavePath, environment: environment)
        let masterFD = master
        let sink = buffer
        reader = Thread {
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(masterFD, &chunk, chunk.count)
                if count < 0, errno == EINTR { continue }
                if count <= 0 {
                    let reason = count == 0 ? "end of file" : String(cString: strerror(errno))
                    sink.readerEnd.withLock { $0 = reason }
                    break
                }
                sink.data.withLock { $0.append(contentsOf: chunk[0..<count]) }
            }
        }
        reader.start()
    }

    private static func spawn(_ argv: [String], terminal: String, environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        // A new session: the first terminal it opens (fd 0 below) becomes its controlling terminal.
        posix_spawnattr_setflags(&attributes, pty_spawn_setsid | Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawn_file_actions_addopen(&actions, 0, terminal, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard status == 0 else { throw PTYError.spawnFailed(status) }
        return pid
    }

    /// Everything the program printed so far, escape sequences removed.
    public var screenText: String {
        Self.plain(String(decoding: buffer.data.withLock { $0 }, as: UTF8.self))
    }

    /// Forgets what the program printed so far: a driver of a long session keeps `expect`'s search
    /// (which reads all the output kept) short. Offsets count from here on.
    public func discardOutput() {
        buffer.data.withLock { $0.removeAll(keepingCapacity: true) }
    }

    /// Types `text` (may contain control characters: "\r" Enter, "\u{03}" Ctrl-C, "\u{04}" Ctrl-D, "\t" Tab).
    public func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the output after `offset` contains `text`, looking every `poll`; fails after
    /// `timeout`. Returns the offset just past it.
    @discardableResult
    public func expect(
        _ text: String, after offset: Int = 0, timeout: Duration = .seconds(20), poll: Duration = .milliseconds(10)
    ) throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let screen = screenText
            if offset <= screen.count, let range = screen[screen.index(screen.startIndex, offsetBy: offset)...].range(of: text) {
                return screen.distance(from: screen.startIndex, to: range.upperBound)
            }
            usleep(useconds_t(poll / .microseconds(1)))
        }
        throw PTYError.timedOut(waitingFor: text, screen: screenText + "\n[" + diagnosis + "]")
    }

    /// What the program and the reader are doing, for a timeout's message: the process state and
    /// where it waits in the kernel (`/proc`), its threads, and whether the reader has stopped.
    public var diagnosis: String {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? "gone"
        let state = stat.split(separator: ")").last?.split(separator: " ").first.map(String.init) ?? stat
        let wchan = (try? String(contentsOfFile: "/proc/\(pid)/wchan", encoding: .utf8)) ?? "?"
        let threads = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []).sorted()
        let waits = threads.prefix(12).map { tid in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/wchan", encoding: .utf8)) ?? "?")
        }
        let reader = buffer.readerEnd.withLock { $0 }.map { "reader stopped: \($0)" } ?? "reader reading"
        return "pid \(pid) state \(state) wchan \(wchan); \(threads.count) threads waiting in \(waits.joined(separator: ",")); "
            + "\(buffer.data.withLock { $0.count }) bytes read; \(reader)"
    }

    /// Whether the terminal is in canonical mode (the line discipline gathers whole lines and
    /// handles Ctrl-D itself) — read from the master side, which shares the terminal's settings.
    public var isCanonical: Bool {
        var settings = termios()
        guard tcgetattr(master, &settings) == 0 else { return false }
        return settings.c_lflag & tcflag_t(ICANON) != 0
    }

    /// Waits for the program to exit and returns its exit status.
    public func waitForExit(timeout: Duration = .seconds(20)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while ContinuousClock.now < deadline {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f) }
            usleep(10_000)
        }
        let diagnosis = self.diagnosis
        kill(pid, SIGKILL)
        throw PTYError.timedOut(waitingFor: "exit", screen: screenText + "\n[" + diagnosis + "]")
    }

    deinit {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// `text` without ANSI escape sequences and carriage returns.
    public static func plain(_ text: String) -> String {
        var output = ""
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next(), !(0x40...0x7E).contains(c.value) {}
                }
                continue
            }
            if scalar == "\r" || scalar == "\u{07}" { continue }
            output.unicodeScalars.append(scalar)
        }
        return output
    }
}

/// Why a pseudo-terminal session failed.
public enum PTYError: Error, CustomStringConvertible {
    case openFailed(Int32)
    case spawnFailed(Int32)
    case timedOut(waitingFor: String, screen: String)

    public var description: String {
        switch self {
        case .openFailed(let code): return "could not open a pseudo-terminal (errno \(code))"
        case .spawnFailed(let code): return "could not start the program (error \(code))"
        case .timedOut(let text, let screen):
            return "timed out waiting for \(text.debugDescription); the screen shows:\n\(screen)"
        }
    }
}
