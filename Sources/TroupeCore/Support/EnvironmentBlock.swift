#if canImport(Glibc)
    import Glibc
#endif

/// The environment block the kernel gave this process, which `/proc/PID/environ` shows to
/// whoever may read it — on Linux, root inside the command sandbox can. Troupe keeps its secrets
/// (provider keys and anything named like one) but not there.
public enum EnvironmentBlock {
    /// Moves the value of every secret-named variable to the heap (`setenv`, so `getenv` and
    /// `ProcessInfo` still see it) and overwrites the original bytes with `*`. Call first thing in
    /// `main`, before anything holds a pointer into the block.
    public static func hideSecrets() {
        #if os(Linux)
            var index = 0
            // `environ` read anew each time: setenv may move the array.
            while let entry = environ[index] {
                index += 1
                guard let equals = strchr(entry, 0x3D /* = */) else { continue }
                let nameLength = entry.distance(to: equals)
                let name = String(decoding: UnsafeRawBufferPointer(start: entry, count: nameLength), as: UTF8.self)
                guard ChildEnvironment.isSecret(name) else { continue }
                let value = equals + 1
                // setenv copies "NAME=value" to the heap and points this entry at the copy.
                guard setenv(name, value, 1) == 0 else { continue }
                memset(value, 0x2A /* * */, strlen(value))
            }
        #endif
    }
}
