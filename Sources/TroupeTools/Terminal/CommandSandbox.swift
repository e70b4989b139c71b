import CLandlock
public import Foundation

/// Where `run_command`'s commands may write and whether they may use the network, enforced by
/// Landlock (Linux 5.13 and later) and a seccomp filter on sockets (no Unix sockets; no UDP
/// either without the network): the command runs under a helper — the `troupe` binary run as
/// `troupe __sandbox-exec …` — that restricts itself, then starts the shell as its child and
/// stays as the subreaper of everything the command starts, ending all of it with the command.
/// The restriction holds for everything the command starts.
public struct CommandSandbox: Sendable, Equatable {
    /// The hidden subcommand that applies the sandbox and executes the rest of its arguments.
    public static let subcommand = "__sandbox-exec"

    /// The executable that understands `subcommand`: the running `troupe` as `/proc/self/exe`, so
    /// a command that replaces the file on disk changes nothing of what the next one runs under.
    public var helper: String
    /// Folders beneath which files may be created, changed and removed.
    public var writable: [String]
    /// Single files that may only be written: the devices commands write to as a matter of course
    /// (not `/dev/tty` or a terminal's: commands run in a session of their own).
    public var writableFilesOnly: [String] = ["/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"]
    /// Whether IPv4 and IPv6 — TCP connections, listening ports, UDP — are allowed.
    public var allowsNetwork: Bool
    /// The commands' own temporary folder (their `TMPDIR`): the shared /tmp, where other
    /// programs' files are, is not writable.
    public var temporaryFolder: String

    /// A sandbox for commands in `workspace`: writes there, in a temporary folder of their own and
    /// in the user's cache (compilers and package managers keep their caches there); no network
    /// unless `allowsNetwork`. Creates the temporary folder.
    public init(helper: String, workspace: URL, allowsNetwork: Bool = false, environment: [String: String]) throws {
        self.helper = helper
        let base = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let temporary = URL(fileURLWithPath: base).appendingPathComponent("troupe-commands-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(
            at: temporary, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        temporaryFolder = temporary.path
        let cache = environment["HOME"].map { [URL(fileURLWithPath: $0).appendingPathComponent(".cache").path] } ?? []
        // Made now if missing: a folder that does not exist cannot be allowed, nor created inside.
        for folder in cache { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        self.writable = [workspace.path, temporary.path] + cache
        self.allowsNetwork = allowsNetwork
    }

    /// The Landlock ABI version this kernel offers, or nil when it offers none (then commands
    /// cannot be sandboxed here).
    public static var kernelSupport: Int? {
        let version = troupe_landlock_abi()
        return version > 0 ? Int(version) : nil
    }

    /// What `/status`, the approvals and the README say about it.
    public var summary: String {
        let network = allowsNetwork ? "network allowed" : "no network"
        return "sandboxed (Landlock): writes only in the workspace, its own TMPDIR and ~/.cache; \(network); "
            + "no Unix sockets; no signals to processes outside it"
    }

    /// Variables that lead out of the sandbox to a program outside it (a terminal multiplexer,
    /// the desktop's message bus, the display, an SSH agent): not given to commands.
    public static let escapeRoutes = [
        "TMUX", "TMUX_PANE", "STY", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "SSH_AUTH_SOCK",
    ]

    /// The arguments that run `command` (an argument vector) under this sandbox.
    func wrapping(_ command: [String]) -> [String] {
        var arguments = [helper, Self.subcommand]
        for folder in writable { arguments += ["--write", folder] }
        for folder in writableFilesOnly { arguments += ["--write-files", folder] }
        if allowsNetwork { arguments.append("--network") }
        return arguments + ["--"] + command
    }

    /// The helper's work, called by `troupe` when it is started as `__sandbox-exec`: restricts
    /// this process as `arguments` say, runs the command after `--` as its child, ends whatever
    /// the command left running, and exits as the command did. Never returns: exits with 126 and
    /// a message when the sandbox cannot be applied or the command cannot run.
    public static func execute(_ arguments: [String]) -> Never {
        var writable: [String] = []
        var filesOnly: [String] = []
        var network = false
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            switch arguments[index] {
            case "--write" where index + 1 < arguments.count: writable.append(arguments[index + 1]); index += 1
            case "--write-files" where index + 1 < arguments.count: filesOnly.append(arguments[index + 1]); index += 1
            case "--network": network = true
            default: fail("unknown sandbox argument '\(arguments[index])'")
            }
            index += 1
        }
        let command = Array(arguments.dropFirst(index + 1))
        guard let program = command.first else { fail("no command to run") }
        let readable = readableEverywhereButTerminals()
        let paths = cStrings(filesOnly + readable + writable)
        let constPaths = paths.map { UnsafePointer($0) }
        let failure = troupe_landlock_restrict(
            constPaths, Int32(constPaths.count - 1), Int32(filesOnly.count), Int32(readable.count), network ? 1 : 0)
        if failure != 0 {
            fail(
                "the sandbox could not be applied (\(String(cString: strerror(-failure)))); run with --sandbox off to run commands unsandboxed"
            )
        }
        troupe_drop_capabilities()
        // On a CPU the filter is not written for (not x86-64 or ARM64), Landlock alone.
        let socketFailure = troupe_seccomp_restrict_sockets(network ? 1 : 0)
        if socketFailure != 0, socketFailure != -ENOSYS {
            fail(
                "the sandbox's socket filter could not be applied (\(String(cString: strerror(-socketFailure)))); run with --sandbox off to run commands unsandboxed"
            )
        }
        // Supervised, not executed in place: whatever the command leaves behind, even a process
        // that dropped its mark and left its session, comes back to the helper and is ended.
        _ = troupe_supervise(program, cStrings(command))
        fail("cannot run \(program): \(String(cString: strerror(errno)))")
    }

    /// What a command may read: every top-level entry of the file system but `/dev`, and of
    /// `/dev` only the devices programs read as a matter of course and POSIX shared memory — no
    /// terminal (`/dev/pts/*`, `/dev/tty*`): a command could otherwise read the keys typed into
    /// any of the user's terminals while it runs.
    static func readableEverywhereButTerminals() -> [String] {
        let topLevel = ((try? FileManager.default.contentsOfDirectory(atPath: "/")) ?? []).filter { $0 != "dev" }.map { "/" + $0 }
        return topLevel + ["/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/shm"]
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("troupe sandbox: \(message)\n".utf8))
        exit(126)
    }

    /// `strings` as a NULL-terminated array of C strings, never freed: the process executes
    /// another program or exits right after.
    private static func cStrings(_ strings: [String]) -> [UnsafeMutablePointer<CChar>?] {
        strings.map { strdup($0) } + [nil]
    }
}
