import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The environment block the kernel gave this process, which `/proc/PID/environ` shows to
/// whoever may read it — on Linux, root inside the command sandbox can. Troupe keeps its secrets
/// (provider keys and anything named like one) but not there.
package enum EnvironmentBlock {
    /// Moves the value of every secret-named variable to the heap (`setenv`, so `getenv` and
    /// `ProcessInfo` still see it) and overwrites the original bytes with `*`. Call first thing in
    /// `main`, before anything holds a pointer into the block.
    package static func hideSecrets() {
        #if os(Linux)
            guard let block = originalBlock() else { return }
            var index = 0
            // `environ` read anew each time: setenv may move the array.
            while let entry = environ[index] {
                index += 1
                // Only the kernel's copy is overwritten, never a string of the C library's own.
                guard block.contains(UInt(bitPattern: entry)), let equals = strchr(entry, 0x3D /* = */) else { continue }
                let nameBytes = UnsafeBufferPointer(
                    start: UnsafeRawPointer(entry).assumingMemoryBound(to: UInt8.self), count: entry.distance(to: equals))
                guard let name = String(validating: nameBytes, as: UTF8.self), ChildEnvironment.isSecret(name) else { continue }
                let value = equals + 1
                // setenv copies "NAME=value" to the heap and points this entry at the copy.
                guard setenv(name, value, 1) == 0, environ[index - 1] != entry else { continue }
                memset(value, 0x2A /* * */, strlen(value))
            }
        #endif
    }

    /// Where the kernel put the environment block: fields 50 and 51 (`env_start`, `env_end`) of
    /// `/proc/self/stat`.
    private static func originalBlock() -> Range<UInt>? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields from the third (the state, just after the command name in parentheses) on.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 48, let start = UInt(fields[47]), let end = UInt(fields[48]), start < end else { return nil }
        return start..<end
    }
}
