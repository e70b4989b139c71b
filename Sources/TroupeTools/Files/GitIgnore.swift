import Foundation

/// The rules of one `.gitignore` file (or `.git/info/exclude`), read as git reads them: blank lines
/// and `#` comments skipped, `\` escapes, `!` re-includes, a trailing `/` matches directories only,
/// a `/` at the start or in the middle anchors the pattern to the file's folder (otherwise it
/// matches a name at any depth), `*`/`?`/`[…]` within a component, `**` across components.
/// The last matching rule decides.
public struct GitIgnore: Sendable {
    struct Rule: Sendable {
        var expression: NSRegularExpression
        var negated: Bool
        var directoriesOnly: Bool
    }

    private let rules: [Rule]

    /// The rules in `text`; lines that cannot be read are skipped, as git skips them.
    public init(_ text: String) {
        rules = text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { Self.rule(String($0)) }
    }

    /// Whether there are no rules.
    public var isEmpty: Bool { rules.isEmpty }

    /// The verdict of these rules on `path` (relative to the file's folder, `/`-separated): true
    /// ignored, false re-included by a `!` rule, nil when no rule speaks of it.
    public func verdict(_ path: String, isDirectory: Bool) -> Bool? {
        let range = NSRange(path.startIndex..., in: path)
        for rule in rules.reversed() where !rule.directoriesOnly || isDirectory {
            if rule.expression.firstMatch(in: path, range: range) != nil { return !rule.negated }
        }
        return nil
    }

    private static func rule(_ raw: String) -> Rule? {
        var line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
        // Trailing spaces are dropped unless escaped.
        while line.hasSuffix(" "), !line.hasSuffix("\\ ") { line.removeLast() }
        if line.hasSuffix("\\ ") { line = String(line.dropLast(2)) + " " }
        guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
        var negated = false
        if line.hasPrefix("!") {
            negated = true
            line.removeFirst()
        } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
            line.removeFirst()
        }
        var directoriesOnly = false
        if line.hasSuffix("/") {
            directoriesOnly = true
            line.removeLast()
        }
        guard !line.isEmpty else { return nil }
        let anchored = line.dropLast().contains("/")
        if line.hasPrefix("/") { line.removeFirst() }
        guard let body = GlobPattern.regex(fromGlob: line) else { return nil }
        let prefix = anchored ? "^" : "^(?:.*/)?"
        guard let expression = try? NSRegularExpression(pattern: prefix + body + "$") else { return nil }
        return Rule(expression: expression, negated: negated, directoriesOnly: directoriesOnly)
    }
}
