#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A folder's entries by `readdir`, each with its kind from the directory itself (`lstat` only
/// when the file system does not say): what a walk of thousands of folders can afford.
enum DirectoryEntries {
    /// What an entry is; symbolic links are not followed.
    enum Kind {
        case file, directory, symbolicLink, other
    }

    /// The entries of the folder at `path` (without `.` and `..`), or nil when it cannot be read.
    static func of(_ path: String) -> [(name: String, kind: Kind)]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [(name: String, kind: Kind)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            guard name != ".", name != ".." else { continue }
            let kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symbolicLink
            case Int32(DT_UNKNOWN): kind = Self.kind(of: path + "/" + name)
            default: kind = .other
            }
            entries.append((name, kind))
        }
        return entries
    }

    /// The kind of the entry at `path` by `lstat`.
    static func kind(of path: String) -> Kind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .other }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }
}
