import Foundation

/// A declaration's signature as an outline shows it: its first line, continued over the lines its
/// parentheses and brackets span (joined with single spaces, a trailing comma before the closing
/// bracket left out), comments left out, without the body's opening punctuation.
enum Signature {
    /// Characters shown at most; a longer signature is cut with `…`.
    static let longest = 120
    /// Lines a signature is continued over at most.
    static let linesSpanned = 8

    /// The signature of the declaration starting at `lines[index]`, without one trailing
    /// character of `endings` (`{` or `;` for brace languages, `:` for Python).
    static func of(_ lines: [SourceLine], at index: Int, dropping endings: Set<Character>) -> String {
        var joined = ""
        var depth = 0
        var current = index
        repeat {
            let part = lines[current].text.trimmingCharacters(in: .whitespaces)
            if !part.isEmpty {
                let closes = part.first == ")" || part.first == "]"
                if closes, joined.last == "," { joined.removeLast() }
                let tight = joined.isEmpty || joined.last == "(" || joined.last == "[" || closes
                joined += tight ? part : " " + part
            }
            for character in lines[current].code.utf8 {
                switch character {
                case UInt8(ascii: "("), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
            }
            current += 1
        } while depth > 0 && current < lines.count && current < index + linesSpanned
        if let last = joined.last, endings.contains(last) {
            joined = String(joined.dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return joined.count > longest ? String(joined.prefix(longest - 1)) + "…" : joined
    }
}
