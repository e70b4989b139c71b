import Foundation

/// Memory figures of a process, read from `/proc/PID/status`.
enum MemoryStatus {
    /// `field` — `VmRSS` (resident now) or `VmHWM` (its peak) — of process `pid` (`self` for this
    /// one), in megabytes; 0 when it cannot be read.
    static func megabytes(_ field: String, of pid: String = "self") -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return 0 }
        return kilobytes / 1024
    }
}
