import Foundation

/// Writes files inside a workspace without following symlinks out of it, even if the file or a
/// folder is swapped for a symlink between the check and the write: the parent folder is opened
/// first and checked by where its descriptor really points, then the file is opened relative to
/// it with `O_NOFOLLOW`.
struct ConfinedWriter: Sendable {
    let workspace: Workspace

    enum WriteError: Error, CustomStringConvertible {
        case refused(String)
        case failed(String)

        var description: String {
            switch self {
            case .refused(let reason), .failed(let reason): return reason
            }
        }
    }

    /// The workspace-relative path `path` names, if it stays inside (`..` and absolute paths
    /// elsewhere refused); the folders need not exist yet.
    func relativePath(_ path: String) throws -> String {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw WriteError.refused("a path is needed") }
        let absolute = trimmed.hasPrefix("/") ? URL(fileURLWithPath: trimmed) : workspace.root.appendingPathComponent(trimmed)
        let standardized = absolute.standardizedFileURL.path
        let root = workspace.root.path
        guard standardized.hasPrefix(root + "/") else { throw WriteError.refused(Workspace.PathError.outside(path).description) }
        return String(standardized.dropFirst(root.count + 1))
    }

    /// The file's current text, or nil when it does not exist. Refuses symlinks.
    func read(_ relative: String) throws -> String? {
        let directory = try openParent(of: relative, creating: false)
        guard let directory else { return nil }
        defer { close(directory) }
        let fd = openat(directory, (relative as NSString).lastPathComponent, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw refusalOrFailure(relative)
        }
        defer { close(fd) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        let data = (try? handle.readToEnd()) ?? Data()
        guard !data.contains(0) else { throw WriteError.refused("'\(relative)' is a binary file") }
        return String(decoding: data, as: UTF8.self)
    }

    /// Replaces (or creates) the file with `text`, creating its folders inside the workspace. The
    /// text goes to a new file beside it, renamed over the old one: a reader never sees half a
    /// file, and a hard link to a file outside the workspace is replaced, not written through.
    /// The file keeps its permissions.
    func write(_ relative: String, _ text: String) throws {
        guard let directory = try openParent(of: relative, creating: true) else {
            throw WriteError.failed("cannot create the folders of '\(relative)'")
        }
        defer { close(directory) }
        let name = (relative as NSString).lastPathComponent
        var existing = stat()
        // A new file gets 0666 less the umask, as any program's; a replaced one keeps its mode.
        var mode: mode_t?
        if fstatat(directory, name, &existing, AT_SYMLINK_NOFOLLOW) == 0 {
            guard existing.st_mode & S_IFMT != S_IFLNK else {
                throw WriteError.refused("'\(relative)' is a symlink; tools do not write through symlinks")
            }
            mode = existing.st_mode & 0o7777
        }
        let temporary = ".\(name).troupe-\(UInt32.random(in: 0...UInt32.max))"
        let fd = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode ?? 0o666)
        guard fd >= 0 else { throw refusalOrFailure(relative) }
        var renamed = false
        defer {
            if !renamed { unlinkat(directory, temporary, 0) }
        }
        do {
            defer { close(fd) }
            if let mode { fchmod(fd, mode) }
            try Self.writeAll(Array(text.utf8), to: fd, relative: relative)
        }
        guard renameat(directory, temporary, directory, name) == 0 else {
            throw WriteError.failed("replacing '\(relative)' failed: \(String(cString: strerror(errno)))")
        }
        renamed = true
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, relative: String) throws {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { throw WriteError.failed("writing '\(relative)' failed: \(String(cString: strerror(errno)))") }
            written += count
        }
    }

    private func refusalOrFailure(_ relative: String) -> WriteError {
        errno == ELOOP
            ? .refused("'\(relative)' is a symlink; tools do not write through symlinks")
            : .failed("cannot open '\(relative)': \(String(cString: strerror(errno)))")
    }

    /// A descriptor of the file's folder, walking from the root one component at a time without
    /// following symlinks; nil when a folder is missing and `creating` is false.
    private func openParent(of relative: String, creating: Bool) throws -> Int32? {
        var directory = open(workspace.root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw WriteError.failed("cannot open the workspace") }
        for component in relative.split(separator: "/").dropLast().map(String.init) {
            var next = openat(directory, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if next < 0, errno == ENOENT, creating {
                _ = mkdirat(directory, component, 0o755)
                next = openat(directory, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let failure = errno
            close(directory)
            guard next >= 0 else {
                if failure == ENOENT, !creating { return nil }
                if failure == ELOOP || failure == ENOTDIR {
                    throw WriteError.refused(
                        "'\(component)' in '\(relative)' is a symlink or not a folder; tools do not write through symlinks")
                }
                throw WriteError.failed("cannot open '\(component)': \(String(cString: strerror(failure)))")
            }
            directory = next
        }
        return directory
    }
}
