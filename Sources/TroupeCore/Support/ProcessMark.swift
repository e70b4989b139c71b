package import Foundation

/// A mark put in a child process's environment so that everything it starts — which inherits the
/// environment whatever process group or session it moves to (`setsid`, `nohup`, a double fork)
/// — can be found and ended with it: a command with its turn, an MCP server with the session.
package struct ProcessMark: Sendable, Equatable {
    /// The environment variable that carries the mark.
    package static let variable = "TROUPE_PROCESS_MARK"
    /// This mark's value, unique to one child.
    package let value: String

    /// A new mark, unique to the child it is given to.
    package init() {
        value = UUID().uuidString
    }

    /// `TROUPE_PROCESS_MARK=value`, for a child's environment.
    package var assignment: String { "\(Self.variable)=\(value)" }

    /// The processes whose environment holds this mark, read from `/proc` (empty where there is
    /// none). Only processes this user may inspect are seen, and only those could be signalled.
    package func processes() -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        let needle = Array((assignment).utf8) + [0]
        return entries.compactMap { name -> pid_t? in
            guard let pid = pid_t(name), pid != getpid(),
                let environment = FileManager.default.contents(atPath: "/proc/\(name)/environ")
            else { return nil }
            return Self.holds(needle, in: Array(environment)) ? pid : nil
        }
    }

    /// Kills every marked process, again while new ones appear (one may fork while the others
    /// are ended); a few rounds at most.
    package func killAll() {
        for _ in 0..<5 {
            let marked = processes()
            guard !marked.isEmpty else { return }
            for pid in marked { kill(pid, SIGKILL) }
        }
    }

    /// Whether `needle` (an entry with its NUL) is one of the NUL-separated entries of `environment`.
    private static func holds(_ needle: [UInt8], in environment: [UInt8]) -> Bool {
        var start = 0
        while start < environment.count {
            let end = environment[start...].firstIndex(of: 0) ?? environment.count
            if end - start + 1 == needle.count, environment[start..<end].elementsEqual(needle.dropLast()) { return true }
            start = end + 1
        }
        return false
    }
}
