import Foundation
import TroupeShell

extension ProcessActs {
    /// What the `troupe` executable does: `/resume` execs itself with the same arguments and
    /// `--resume FILE`; Ctrl-C with piped input ends it with status 130, as a shell's would.
    static let executable = ProcessActs(
        resume: { transcript in
            var arguments = Array(CommandLine.arguments.dropFirst())
            if let at = arguments.firstIndex(of: "--resume"), at + 1 < arguments.count { arguments.removeSubrange(at...(at + 1)) }
            arguments += ["--resume", transcript.path]
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            execv(executable, argv)
            return String(cString: strerror(errno))
        },
        interruptedWithoutTerminal: { exit(130) })
}
