import CLandlock
import Foundation
import Synchronization
import TroupeCore

/// Runs a shell command in its own process group inside a folder, with a time limit and a cap on
/// the output kept; a timeout or cancellation ends the whole group (the command and everything
/// it started): SIGTERM, then SIGKILL after a grace period. Whatever the command started that left
/// its group (`setsid`, `nohup`, a double fork) carries the command's `ProcessMark` and is killed
/// when the command ends; and whatever still holds the output open after that is not waited for.
struct ProcessGroupRunner: Sendable {
    /// What a finished command left.
    struct Outcome: Sendable {
        /// The exit status, or nil when it was ended by a signal.
        var status: Int32?
        var signal: Int32?
        var output: String
        /// Bytes left out of `output` in the middle.
        var omittedBytes: Int
        var timedOut: Bool
    }

    let directory: URL
    let timeout: Duration
    /// Bytes of output kept: the first two thirds and the last third of this many.
    let outputCap: Int
    /// Where the command may write and whether it may use the network; nil: unrestricted.
    var sandbox: CommandSandbox?
    var grace: Duration = .seconds(2)

    func run(_ command: String) async throws -> Outcome {
        var fds: [Int32] = [0, 0]
        // Close-on-exec: a command started meanwhile by another step must not inherit this one's pipe.
        guard troupe_pipe_cloexec(&fds) == 0 else { throw RunError("cannot create a pipe: \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        // Nothing else of Troupe's: not the transcript it writes, not an MCP server's pipes, not
        // another command's output (a descriptor opened without close-on-exec anywhere in the
        // process would otherwise be the command's to write to).
        let closing = troupe_spawn_close_from(&actions, 3)
        guard closing == 0 else {
            [readEnd, writeEnd].forEach { close($0) }
            throw RunError("cannot prepare the command's descriptors: \(String(cString: strerror(closing)))")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A session of its own (and so a process group of its own): no controlling terminal, so
        // nothing it runs can write to or type into the user's.
        posix_spawnattr_setflags(&attributes, troupe_spawn_setsid)
        // `cd` then `exec`: the folder and the command travel as arguments, never spliced into a script.
        let shell = ["/bin/sh", "-c", "cd \"$1\" && exec /bin/sh -c \"$2\"", "sh", directory.path, command]
        let arguments = sandbox?.wrapping(shell) ?? shell
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var spawnedPID: pid_t = 0
        // The command gets the user's environment less its secrets (provider keys, tokens…), and
        // the mark everything it starts inherits.
        let mark = ProcessMark()
        var added = [ProcessMark.variable: mark.value]
        if let sandbox { added["TMPDIR"] = sandbox.temporaryFolder }
        var environment = ChildEnvironment.scrubbedForSpawn(
            adding: added, removing: sandbox == nil ? [] : CommandSandbox.escapeRoutes)
        defer { environment.forEach { free($0) } }
        let spawned = posix_spawn(&spawnedPID, arguments[0], &actions, &attributes, &argv, &environment)
        let pid = spawnedPID
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw RunError("cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        let report = LiveActivity.reporter
        let onLine: (@Sendable (String) -> Void)? = report.map { report in { @Sendable line in report.send("$", line) } }
        let collector = OutputCollector(cap: outputCap, onLine: onLine)
        let reading = Thread.detachedTask { collector.drain(readEnd) }
        let flags = Flags()
        let grace = self.grace
        // On a Dispatch timer, not a task: the limit holds even when every thread of the
        // concurrency pool is busy.
        let watchdog = DispatchWorkItem {
            guard !flags.ended.load(ordering: .acquiring) else { return }
            flags.timedOut.store(true, ordering: .releasing)
            Self.endGroup(pid, grace: grace, flags: flags)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.interval(timeout), execute: watchdog)
        let status = await withTaskCancellationHandler {
            await Self.wait(for: pid, flags: flags)
        } onCancel: {
            Self.endGroup(pid, grace: grace, flags: flags)
        }
        watchdog.cancel()
        // Whatever the command left running, in its group or out of it, goes with it; output a
        // process outside both still holds open is read only a moment longer.
        kill(-pid, SIGKILL)
        mark.killAll()
        collector.stop(after: Self.lingeringOutput)
        await reading.value
        close(readEnd)
        let (output, omitted) = collector.result()
        let exited = status & 0x7f == 0
        return Outcome(
            status: exited ? (status >> 8) & 0xff : nil, signal: exited ? nil : status & 0x7f, output: output,
            omittedBytes: omitted, timedOut: flags.timedOut.load(ordering: .acquiring))
    }

    /// How long output is still read once the command and its marked processes are gone.
    static let lingeringOutput: Duration = .milliseconds(300)

    /// Whether the command ended, and whether the time limit ended it.
    private final class Flags: Sendable {
        let ended = Atomic<Bool>(false)
        let timedOut = Atomic<Bool>(false)
    }

    /// SIGTERM to the group now, SIGKILL after `grace` if the command has not ended.
    private static func endGroup(_ pid: pid_t, grace: Duration, flags: Flags) {
        kill(-pid, SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + interval(grace)) {
            if !flags.ended.load(ordering: .acquiring) { kill(-pid, SIGKILL) }
        }
    }

    private static func interval(_ duration: Duration) -> DispatchTimeInterval {
        .nanoseconds(Int(duration.nanoseconds))
    }

    /// Waits for `pid` on a thread of its own, so no task of the pool is blocked, and marks the
    /// command ended there: when the pool is busy the task resumes late, and the time limit must
    /// not count that against a command that already exited.
    private static func wait(for pid: pid_t, flags: Flags) async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                flags.ended.store(true, ordering: .releasing)
                continuation.resume(returning: status)
            }
        }
    }

    struct RunError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// Reads a pipe to its end, keeping the head and the tail of what came when it is too long.
private final class OutputCollector: Sendable {
    private struct State {
        var head = Data()
        var tail = Data()
        var omitted = 0
    }

    private let cap: Int
    private let state = Mutex(State())
    private let onLine: (@Sendable (String) -> Void)?
    /// When reading ends even if the pipe is still open (nanoseconds of the monotonic clock; 0: never).
    private let deadline = Atomic<UInt64>(0)

    /// A collector keeping `cap` bytes; `onLine` sees the last complete line of each chunk read.
    init(cap: Int, onLine: (@Sendable (String) -> Void)? = nil) {
        self.cap = cap
        self.onLine = onLine
    }

    /// Reads `fd` to its end, or until the deadline `stop(after:)` sets has passed.
    func drain(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let stop = deadline.load(ordering: .acquiring)
            if stop != 0, DispatchTime.now().uptimeNanoseconds >= stop { return }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready < 0, errno == EINTR { continue }
            if ready == 0 { continue }
            let count = read(fd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            add(Data(buffer[0..<count]))
            if let onLine, let line = Self.lastLine(buffer[0..<count]) { onLine(line) }
        }
    }

    /// Ends reading `after` from now, whether or not the pipe has closed.
    func stop(after: Duration) {
        deadline.store(DispatchTime.now().uptimeNanoseconds + UInt64(after.nanoseconds), ordering: .releasing)
    }

    /// The last non-empty line in `bytes`.
    private static func lastLine(_ bytes: ArraySlice<UInt8>) -> String? {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).last.map(String.init)
    }

    private func add(_ data: Data) {
        state.withLock { state in
            let headRoom = cap * 2 / 3 - state.head.count
            if headRoom > 0 {
                state.head.append(data.prefix(headRoom))
                guard data.count > headRoom else { return }
                state.tail.append(data.dropFirst(headRoom))
            } else {
                state.tail.append(data)
            }
            let tailCap = cap - cap * 2 / 3
            if state.tail.count > tailCap {
                state.omitted += state.tail.count - tailCap
                state.tail = Data(state.tail.suffix(tailCap))
            }
        }
    }

    func result() -> (String, Int) {
        state.withLock { state in
            let head = String(decoding: state.head, as: UTF8.self)
            let tail = String(decoding: state.tail, as: UTF8.self)
            guard state.omitted > 0 else { return (head + tail, 0) }
            return (head + "\n… \(state.omitted) bytes of output left out …\n" + tail, state.omitted)
        }
    }
}

extension Thread {
    /// Runs `body` on a new thread; the task completes when it returns.
    fileprivate static func detachedTask(_ body: @escaping @Sendable () -> Void) -> Task<Void, Never> {
        Task {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    body()
                    continuation.resume()
                }
            }
        }
    }
}
