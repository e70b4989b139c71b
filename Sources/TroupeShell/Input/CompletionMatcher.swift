import Foundation

/// Completion candidates for the shell: slash commands, `@persona`, persona names after
/// commands that take one.
public struct CompletionMatcher: Sendable {
    public var commands: [String]
    public var personas: [String]

    public init(commands: [String], personas: [String]) {
        self.commands = commands
        self.personas = personas
    }

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
        return []
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
