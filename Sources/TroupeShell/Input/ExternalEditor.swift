import Foundation

/// Opens a file in the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`) on the shell's
/// terminal and waits for it. Spawned in the shell's own process group, so the editor is in the
/// terminal's foreground and can read it (Foundation's `Process` would put it in a group of its
/// own, where reading the terminal stops it).
enum ExternalEditor {
    /// Edits `text` in a temporary file named like `name`; the saved text, or an error message.
    static func edit(_ text: String, name: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Result<String, EditorError>
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("troupe-edit-\(UUID().uuidString)")
        let file = folder.appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            return .failure(EditorError(message: "cannot write \(file.path): \(error.localizedDescription)"))
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let command =
            environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "vi"
        let arguments = ["/bin/sh", "-c", "\(command) \"$1\"", "sh", file.path]
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else {
            return .failure(EditorError(message: "cannot start the editor '\(command)'"))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited, code == 0 else {
            return .failure(
                EditorError(
                    message: "the editor '\(command)' ended with status \(exited ? code : 128 + (status & 0x7f)); nothing changed"
                ))
        }
        do {
            return .success(try String(contentsOf: file, encoding: .utf8))
        } catch {
            return .failure(EditorError(message: "cannot read \(file.path) back: \(error.localizedDescription)"))
        }
    }

    /// Why editing did not give a text.
    struct EditorError: Error, Equatable {
        var message: String
    }
}
