import Foundation

/// Rust's declarations: functions (methods inside `impl` and `trait`), structs, enums, unions,
/// traits, `impl` blocks, modules and type aliases, whatever their visibility (`pub`,
/// `pub(crate)`) and qualifiers (`async`, `unsafe`, `const`, `extern "C"`).
struct RustOutline: BraceLanguage {
    static let rules = LexicalRules(
        nestedBlockComments: true, quotedStringsSpanLines: true, prefixedRawStrings: true, quoteMayBeLifetime: true)

    private static let modifiers: Set<Substring> = ["pub", "async", "unsafe", "default"]

    func meaning(of lines: [SourceLine], at index: Int, in enclosing: Declaration?) -> LineMeaning? {
        switch enclosing?.kind {
        case nil, .module?, .impl?, .trait?: break
        default: return nil
        }
        var cursor = CodeCursor(lines[index].code)
        while cursor.take("#") {
            _ = cursor.take("!")
            cursor.skipGroup("[", "]")
        }
        while true {
            cursor.skip(modifiers: Self.modifiers)
            if cursor.peekWord == "const" {
                var lookahead = cursor
                _ = lookahead.word()
                guard lookahead.peekWord == "fn" || lookahead.peekWord == "unsafe" else { return nil }
                cursor = lookahead
            } else if cursor.take(word: "extern") {
                _ = cursor.take("\"\"")
                if cursor.next == "{" || (cursor.isAtEnd && lines.nextCode(after: index)?.firstCharacter == "{") {
                    return .transparentBlock
                }
            } else {
                break
            }
        }
        guard let keyword = cursor.word() else { return nil }
        switch keyword {
        case "fn":
            let inType = enclosing?.kind == .impl || enclosing?.kind == .trait
            return cursor.word().map { .declaration(inType ? .method : .function, name: String($0)) }
        case "struct": return cursor.word().map { .declaration(.struct, name: String($0)) }
        case "enum": return cursor.word().map { .declaration(.enum, name: String($0)) }
        case "union": return cursor.word().map { .declaration(.union, name: String($0)) }
        case "trait": return cursor.word().map { .declaration(.trait, name: String($0)) }
        case "mod": return cursor.word().map { .declaration(.module, name: String($0)) }
        case "type": return cursor.word().map { .declaration(.type, name: String($0)) }
        case "impl":
            if cursor.next == "<" { cursor.skipGroup("<", ">") }
            return .declaration(.impl, name: Self.implementedType(cursor.rest))
        default:
            return nil
        }
    }

    /// What an `impl` is for, as written: `Display for Point`, `Point`.
    private static func implementedType(_ rest: Substring) -> String {
        var end = rest.endIndex
        if let brace = rest.firstIndex(of: "{") { end = brace }
        if let clause = rest[..<end].range(of: " where") { end = clause.lowerBound }
        return String(rest[..<end]).trimmingTrailingSpaces
    }
}
