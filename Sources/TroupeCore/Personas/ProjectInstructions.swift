public import Foundation

/// The project's standing instructions: `AGENTS.md` at the project root, or `CLAUDE.md` when
/// there is no `AGENTS.md`. The orchestrator and every worker get them after their own prompt,
/// cut with a note when longer than `limit`.
public struct ProjectInstructions: Sendable, Equatable {
    /// The file they came from.
    public var path: String
    /// The text given to the personas (cut to `limit`, with a note, when the file is longer).
    public var text: String
    /// The file's size in characters.
    public var fullLength: Int

    /// At most this many characters are given (about 4,000 tokens): the instructions go with
    /// every request, so they are kept to what a prompt can afford.
    public static let limit = 16_000

    /// The instructions at `root`, or nil when it has neither file (or only empty ones). Only a
    /// regular file is read — never through a symbolic link, which a cloned repository could
    /// point at `/proc/self/environ` or a key file — and at most four times `limit` bytes of it.
    public static func load(root: URL) -> ProjectInstructions? {
        for name in ["AGENTS.md", "CLAUDE.md"] {
            let url = root.appendingPathComponent(name)
            guard let text = readRegularFile(url.path, upTo: limit * 4) else { continue }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            return ProjectInstructions(path: url.path, full: trimmed)
        }
        return nil
    }

    /// The start of the regular file at `path`, read without following a symbolic link.
    private static func readRegularFile(_ path: String, upTo limit: Int) -> String? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < limit {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, limit - count) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            count += got
        }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    /// Instructions read from `path` with the text `full`.
    public init(path: String, full: String) {
        self.path = path
        fullLength = full.count
        if full.count <= Self.limit {
            text = full
        } else {
            let name = (path as NSString).lastPathComponent
            text =
                String(full.prefix(Self.limit))
                + "\n\n[… \(name) continues for \(full.count - Self.limit) more characters, left out to fit the prompt]"
        }
    }

    /// Whether the text given is shorter than the file.
    public var wasCut: Bool { fullLength > Self.limit }

    /// `persona` with these instructions after its own prompt.
    public func applied(to persona: Persona) -> Persona {
        var persona = persona
        let name = (path as NSString).lastPathComponent
        persona.systemPrompt += "\n\n## Project instructions (\(name))\n\n" + text
        return persona
    }

    /// One line for `/status`.
    public var summary: String {
        let name = (path as NSString).lastPathComponent
        return "\(name) · \(fullLength) characters" + (wasCut ? ", the first \(Self.limit) given" : "")
            + " · given to every persona"
    }
}
