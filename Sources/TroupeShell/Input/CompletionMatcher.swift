public import Foundation

/// Completion candidates for the shell: slash commands, `@persona`, persona names, step and
/// handoff ids and model names after the commands that take them, and file paths.
public struct CompletionMatcher: Sendable {
    public var commands: [String]
    public var personas: [String]
    /// Model names and aliases `/model` takes.
    public var models: [String]
    /// The current plan's step ids and this request's handoff ids, asked at each Tab.
    public var ids: @Sendable () -> (steps: [String], handoffs: [String])
    /// The folder relative paths complete from.
    public var directory: URL

    public init(
        commands: [String], personas: [String], models: [String] = [],
        ids: @escaping @Sendable () -> (steps: [String], handoffs: [String]) = { ([], []) },
        directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    ) {
        self.commands = commands
        self.personas = personas
        self.models = models
        self.ids = ids
        self.directory = directory
    }

    /// Commands whose first argument is a step id.
    private static let stepCommands = ["/assign ", "/retry ", "/skip ", "/expand ", "/plan drop ", "/plan move "]

    /// Candidates for `word` (the text under the cursor) in `line`.
    public func candidates(word: String, line: String) -> [String] {
        if word.hasPrefix("/") && line.trimmingCharacters(in: .whitespaces) == word {
            return commands.map { "/" + $0 }.filter { $0.hasPrefix(word) }
        }
        if word.hasPrefix("@") { return personas.map { "@" + $0 }.filter { $0.hasPrefix(word) } }
        // libedit breaks words at "@", so after "@res" the word is "res".
        if line.hasPrefix("@" + word), !line.dropFirst().contains(" ") {
            return personas.filter { $0.hasPrefix(word) }
        }
        if line.hasPrefix("/agent ") || line.hasPrefix("/use ") {
            return personas.filter { $0.hasPrefix(word) }
        }
        let before = String(line.dropLast(word.count))
        if Self.stepCommands.contains(before) { return ids().steps.filter { $0.hasPrefix(word) } }
        if before == "/handoff " { return ids().handoffs.filter { $0.hasPrefix(word) } }
        if before.hasPrefix("/model ") { return models.filter { $0.hasPrefix(word) } }
        if word.dropFirst().contains("/") || word.hasPrefix("./") || word.hasPrefix("../") || word.hasPrefix("~/") {
            return paths(word)
        }
        return []
    }

    /// Files and folders (with a trailing `/`) whose path starts with `word`.
    private func paths(_ word: String) -> [String] {
        let expanded = word.hasPrefix("~") ? NSString(string: word).expandingTildeInPath : word
        let slash = expanded.lastIndex(of: "/")
        let folderPart = slash.map { String(expanded[...$0]) } ?? ""
        let namePrefix = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
        let folder =
            folderPart.hasPrefix("/") ? URL(fileURLWithPath: folderPart) : directory.appendingPathComponent(folderPart)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        let shownFolder = word.lastIndex(of: "/").map { String(word[...$0]) } ?? ""
        return names.filter { $0.hasPrefix(namePrefix) && (namePrefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map {
            name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder)
            return shownFolder + name + (isFolder.boolValue ? "/" : "")
        }
    }

    /// The longest prefix all `words` share.
    public static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
