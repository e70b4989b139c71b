import Foundation

/// A shell glob over `/`-separated paths, as Claude Code's `Glob` and ripgrep's `--glob` read
/// them: `*` and `?` stay within one path component, `**` spans components (`**/x` matches `x`
/// at any depth, `a/**` everything under `a`), `{a,b}` is either, `[abc]`/`[!a-z]` a class.
/// A pattern without `/` is matched against the file name only (`*.swift` finds Swift files at
/// every depth), one with `/` against the whole relative path.
public struct GlobPattern: Sendable {
    /// The pattern as written.
    public let text: String
    private let expression: NSRegularExpression
    private let matchesName: Bool
    /// For `*.ext` and `**/*.ext`, the name's ending (".ext"): checked without the expression.
    private let nameSuffix: String?

    /// Whether letters match in either case (`*.swift` finding `Main.SWIFT`).
    private let ignoresCase: Bool

    /// A pattern, or nil when it cannot be read (an unclosed `[` or `{`). Case-sensitive, as
    /// ripgrep's `--glob`, unless `ignoringCase` (its `--iglob`).
    public init?(_ text: String, ignoringCase: Bool = false) {
        guard let source = Self.regex(fromGlob: text),
            let expression = try? NSRegularExpression(
                pattern: "^" + source + "$", options: ignoringCase ? [.caseInsensitive] : [])
        else { return nil }
        self.text = text
        self.expression = expression
        self.matchesName = !text.contains("/")
        self.ignoresCase = ignoringCase
        let name = text.hasPrefix("**/") ? String(text.dropFirst(3)) : text
        let ending = name.dropFirst()
        self.nameSuffix =
            name.hasPrefix("*.") && !ending.contains(where: { "*?[]{}\\/".contains($0) })
            ? (ignoringCase ? ending.lowercased() : String(ending)) : nil
    }

    /// A filter for files with `fileExtension` (given without its dot), in either case: what
    /// `extension: swift` asks for.
    public static func files(withExtension fileExtension: String) -> GlobPattern? {
        GlobPattern("*.\(fileExtension)", ignoringCase: true)
    }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        if let nameSuffix {
            // `*.ext` needs a name of at least ".ext"; a name ends with the path.
            let name = Self.name(in: path)
            guard ignoresCase else { return name.hasSuffix(nameSuffix) }
            return name.lowercased().hasSuffix(nameSuffix)
        }
        let subject = matchesName ? String(Self.name(in: path)) : path
        let range = NSRange(subject.startIndex..., in: subject)
        return expression.firstMatch(in: subject, range: range) != nil
    }

    /// The last component of `path`.
    private static func name(in path: String) -> Substring {
        path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? Substring(path)
    }

    /// The regular expression (without anchors) for a glob; nil when a `[` or `{` is not closed.
    /// `**` between slashes (or at either end) spans any number of components.
    static func regex(fromGlob glob: String) -> String? {
        var output = ""
        let characters = Array(glob)
        var index = 0
        var braceDepth = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    let atStart = index == 0 || characters[index - 1] == "/"
                    let afterStars = index + 2
                    if atStart, afterStars < characters.count, characters[afterStars] == "/" {
                        output += "(?:[^/]*/)*"  // `**/`: zero or more whole components
                        index = afterStars + 1
                        continue
                    }
                    output += ".*"
                    index = afterStars
                    continue
                }
                output += "[^/]*"
            case "?":
                output += "[^/]"
            case "[":
                // A `]` first in the class (after an optional `!`) is a member, not the end.
                var start = index + 1
                var negated = false
                if start < characters.count, characters[start] == "!" || characters[start] == "^" {
                    negated = true
                    start += 1
                }
                guard start < characters.count, let close = characters[(start + 1)...].firstIndex(of: "]") else { return nil }
                let members = String(characters[start..<close])
                    .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "[", with: "\\[")
                    .replacingOccurrences(of: "]", with: "\\]")
                output += "[" + (negated ? "^" : "") + members + "]"
                index = close
            case "{":
                braceDepth += 1
                output += "(?:"
            case "}" where braceDepth > 0:
                braceDepth -= 1
                output += ")"
            case "," where braceDepth > 0:
                output += "|"
            case "\\":
                index += 1
                if index < characters.count { output += NSRegularExpression.escapedPattern(for: String(characters[index])) }
            default:
                output += NSRegularExpression.escapedPattern(for: String(character))
            }
            index += 1
        }
        return braceDepth == 0 ? output : nil
    }
}
