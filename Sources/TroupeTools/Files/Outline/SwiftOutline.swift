/// Swift's declarations: classes, structs, enums, protocols, actors, extensions, functions,
/// initializers, subscripts and type aliases (properties and enum cases are left out).
struct SwiftOutline: BraceLanguage {
    static let rules = LexicalRules(
        nestedBlockComments: true, tripleQuotes: [UInt8(ascii: "\"")], hashedRawStrings: true)

    private static let modifiers: Set<Substring> = [
        "public", "private", "fileprivate", "internal", "package", "open", "static", "final", "override", "mutating",
        "nonmutating", "convenience", "required", "dynamic", "lazy", "nonisolated", "indirect", "distributed", "optional",
        "prefix", "postfix", "infix", "consuming", "borrowing", "weak", "unowned",
    ]
    /// Words that can follow `class` when it is a modifier (`class func`, `class override var`).
    private static let afterClassModifier: Set<Substring> = [
        "func", "var", "let", "subscript", "override", "final", "public", "open", "internal", "private", "fileprivate", "package",
    ]

    func meaning(of lines: [SourceLine], at index: Int, in enclosing: Declaration?) -> LineMeaning? {
        var cursor = CodeCursor(lines[index].code)
        cursor.skipAttributes()
        while true {
            cursor.skip(modifiers: Self.modifiers)
            guard cursor.peekWord == "class" else { break }
            var lookahead = cursor
            _ = lookahead.word()
            guard Self.afterClassModifier.contains(lookahead.peekWord) else { break }
            cursor = lookahead
        }
        guard let keyword = cursor.word() else { return nil }
        switch keyword {
        case "class": return cursor.word().map { .declaration(.class, name: String($0)) }
        case "struct": return cursor.word().map { .declaration(.struct, name: String($0)) }
        case "enum": return cursor.word().map { .declaration(.enum, name: String($0)) }
        case "protocol": return cursor.word().map { .declaration(.protocol, name: String($0)) }
        case "actor": return cursor.word().map { .declaration(.actor, name: String($0)) }
        case "extension": return cursor.qualifiedName(separator: ".").map { .declaration(.extension, name: String($0)) }
        case "typealias": return cursor.word().map { .declaration(.type, name: String($0)) }
        case "init": return .declaration(.initializer, name: "init")
        case "deinit": return .declaration(.method, name: "deinit")
        case "subscript": return .declaration(.method, name: "subscript")
        case "func":
            guard let name = Self.functionName(&cursor) else { return nil }
            return .declaration(enclosing == nil ? .function : .method, name: name)
        default: return nil
        }
    }

    /// A function's name: a word, or an operator's characters (`==`, `+`).
    private static func functionName(_ cursor: inout CodeCursor) -> String? {
        if let word = cursor.word() { return String(word) }
        let symbols = cursor.rest.prefix { !"(< \t".contains($0) }
        return symbols.isEmpty ? nil : String(symbols)
    }
}
