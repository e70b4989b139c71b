import CLandlock
import Foundation
import TroupeCore

/// Runs a program to its end and keeps what it writes to standard output — started with
/// `posix_spawn`, not Foundation's `Process`: on this toolchain `Process.run()` lists
/// `/proc/self/fd` by copying whole `dirent` records and can read past the end of the directory
/// buffer onto an unmapped page, crashing the shell now and then (swift-corelibs-foundation
/// #5472, fixed upstream after Swift 6.3.1; the chaos benchmark met it in `git ls-files`).
enum CapturedProcess {
    /// What the program left: its exit status (nil when a signal ended it) and its output.
    struct Outcome {
        var status: Int32?
        var output: Data
    }

    /// Runs `arguments[0]` (a path) with `arguments`, this process's environment without its
    /// secrets, standard input and error on `/dev/null` and no other descriptor of Troupe's.
    /// Blocks until it ends; nil when it cannot be started.
    static func run(_ arguments: [String]) -> Outcome? {
        var fds: [Int32] = [0, 0]
        guard let program = arguments.first, troupe_pipe_cloexec(&fds) == 0 else { return nil }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        defer { close(readEnd) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        guard troupe_spawn_close_from(&actions, 3) == 0 else {
            close(writeEnd)
            return nil
        }
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ChildEnvironment.scrubbedForSpawn()
        defer { environment.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, &argv, &environment)
        close(writeEnd)
        guard spawned == 0 else { return nil }
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count > 0 {
                output.append(contentsOf: buffer[..<count])
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return Outcome(status: status & 0x7f == 0 ? (status >> 8) & 0xff : nil, output: output)
    }
}
