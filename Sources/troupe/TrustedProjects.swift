import Foundation

/// The folders the user trusted, each with the fingerprint of its files when they said yes:
/// `$XDG_CONFIG_HOME/troupe/trusted-projects.json`, `{"/path": "sha256"}`.
struct TrustedProjects {
    let file: URL

    /// Whether the user trusted `trust`'s folder with these very files.
    func contains(_ trust: ProjectTrust) -> Bool {
        entries()[Self.key(trust.folder)] == trust.fingerprint
    }

    /// Remembers that the user trusts `trust`'s folder with its files as they are.
    func add(_ trust: ProjectTrust) throws {
        var entries = entries()
        entries[Self.key(trust.folder)] = trust.fingerprint
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(entries).write(to: file, options: .atomic)
    }

    private func entries() -> [String: String] {
        guard let data = try? Data(contentsOf: file) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }

    /// The folder with links resolved, so two spellings of one folder are one entry.
    private static func key(_ folder: URL) -> String {
        folder.resolvingSymlinksInPath().standardizedFileURL.path
    }
}
