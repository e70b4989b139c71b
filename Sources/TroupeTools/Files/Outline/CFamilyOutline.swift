import Foundation

/// C's and C++'s declarations: structs, classes, unions and enums that are defined (not only
/// named), namespaces, `using` aliases, and functions — definitions, and prototypes that name a
/// return type — with constructors and methods nested in their classes. Preprocessor lines are
/// left out; `extern "C" { … }` is read as if its braces were not there.
struct CFamilyOutline: BraceLanguage {
    static let rules = LexicalRules(
        quotes: [UInt8(ascii: "\""), UInt8(ascii: "'")], quoteMayBeDigitSeparator: true, preprocessor: true)

    private static let modifiers: Set<Substring> = [
        "static", "inline", "virtual", "explicit", "constexpr", "consteval", "constinit", "friend", "export", "mutable",
        "thread_local", "_Noreturn", "__inline", "__inline__", "__forceinline",
    ]
    /// Words that stand before `(` without naming a function.
    private static let notFunctions: Set<Substring> = [
        "if", "for", "while", "switch", "return", "sizeof", "catch", "do", "else", "case", "defined", "decltype", "alignof",
        "alignas", "static_assert", "typeof", "__attribute__", "__declspec", "throw", "new", "delete", "noexcept",
    ]

    func meaning(of lines: [SourceLine], at index: Int, in enclosing: Declaration?) -> LineMeaning? {
        switch enclosing?.kind {
        case nil, .namespace?, .class?, .struct?, .union?: break
        default: return nil
        }
        if Self.continuesStatement(lines, at: index) { return nil }
        var cursor = CodeCursor(lines[index].code)
        if cursor.take(word: "template") { cursor.skipGroup("<", ">") }
        while cursor.rest.hasPrefix("[[") { cursor.skipGroup("[", "]") }
        var isTypedef = false
        while true {
            cursor.skip(modifiers: Self.modifiers)
            if cursor.take(word: "typedef") {
                isTypedef = true
            } else if cursor.take(word: "extern") {
                if cursor.take("\"\""), Self.blockOpens(after: cursor, lines: lines, index: index) { return .transparentBlock }
            } else {
                break
            }
        }
        switch cursor.peekWord {
        case "namespace":
            _ = cursor.word()
            guard let name = cursor.qualifiedName(separator: "::") else {
                return Self.blockOpens(after: cursor, lines: lines, index: index) ? .transparentBlock : nil
            }
            return cursor.next == "=" ? nil : .declaration(.namespace, name: String(name))
        case "using":
            _ = cursor.word()
            guard let name = cursor.word(), cursor.next == "=" else { return nil }
            return .declaration(.type, name: String(name))
        case "struct", "class", "union", "enum":
            if let definition = Self.typeDefinition(cursor, lines: lines, index: index) { return definition }
        default:
            break
        }
        return isTypedef ? nil : Self.function(cursor.rest, lines: lines, index: index, in: enclosing)
    }

    /// Whether `lines[index]` goes on with the statement of the code line before it — one with an
    /// open parameter list or initializer (`extern int atoi (const char *)` continued by
    /// `__THROW __nonnull ((1));`, parameters over several lines), or a macro continued by `\\`.
    /// A line naming only a return type (GNU style: `static int` above `main (void)`) or a lone
    /// macro (`__BEGIN_DECLS`) leaves nothing open.
    static func continuesStatement(_ lines: [SourceLine], at index: Int) -> Bool {
        guard let previous = lines[..<index].last(where: { !$0.code.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return false
        }
        let code = previous.code.trimmingCharacters(in: .whitespaces)
        if code.hasSuffix("\\") { return true }
        if code.hasPrefix("#") { return false }
        guard let last = code.last, !";{}:".contains(last) else { return false }
        return code.contains("(") || code.contains(")") || code.contains("=") || code.hasSuffix(",")
    }

    /// A struct, class, union or enum whose body follows (on the line or the next), or nil for
    /// one only named (`struct Foo;`, `struct Foo *make(void)`). A nameless one gets its name
    /// when its braces close (`typedef struct { … } Point;`).
    private static func typeDefinition(_ start: CodeCursor, lines: [SourceLine], index: Int) -> LineMeaning? {
        var cursor = start
        guard let keyword = cursor.word() else { return nil }
        if keyword == "enum", !cursor.take(word: "class") { _ = cursor.take(word: "struct") }
        while cursor.rest.hasPrefix("[[") { cursor.skipGroup("[", "]") }
        let name = cursor.qualifiedName(separator: "::").map(String.init) ?? ""
        _ = cursor.take(word: "final")
        let bodyFollows: Bool
        switch cursor.next {
        case "{"?: bodyFollows = true
        case ":"?: bodyFollows = !cursor.rest.hasPrefix("::")
        case nil:
            let next = lines.nextCode(after: index)?.firstCharacter
            bodyFollows = next == "{" || next == ":"
        default: bodyFollows = false
        }
        guard bodyFollows else { return nil }
        let kinds: [Substring: Declaration.Kind] = ["struct": .struct, "class": .class, "union": .union, "enum": .enum]
        return kinds[keyword].map { .declaration($0, name: name) }
    }

    /// A function or method: one that names a return type (a definition or a prototype), a
    /// constructor or destructor of the enclosing class, or a definition without a return type
    /// on its line (`Foo::Foo(int x)`, GNU style's name on the line after the type).
    private static func function(_ rest: Substring, lines: [SourceLine], index: Int, in enclosing: Declaration?) -> LineMeaning? {
        guard let call = CallShape(rest), !notFunctions.contains(call.name) else { return nil }
        let parts = call.name.components(separatedBy: "::")
        let owner = parts.count > 1 ? parts[parts.count - 2] : enclosing?.name
        let isConstructor = owner.map { parts.last == $0 || parts.last == "~" + $0 } ?? false
        if !call.prefix.isEmpty {
            guard call.prefixLooksLikeType else { return nil }
        } else if !(isConstructor && enclosing != nil) {
            guard bodyFollows(lines, index) else { return nil }
        }
        let name = String(call.name)
        if isConstructor, parts.last?.hasPrefix("~") == false { return .declaration(.initializer, name: name) }
        let inType = enclosing.map { [Declaration.Kind.class, .struct, .union].contains($0.kind) } ?? false
        return .declaration(inType || parts.count > 1 ? .method : .function, name: name)
    }

    /// Whether a `{` comes before any `;` once the parentheses opened from `lines[index]` close.
    private static func bodyFollows(_ lines: [SourceLine], _ index: Int) -> Bool {
        var depth = 0
        for line in lines[index..<min(lines.count, index + Signature.linesSpanned)] {
            for character in line.code {
                switch character {
                case "(": depth += 1
                case ")": depth -= 1
                case "{" where depth <= 0: return true
                case ";" where depth <= 0, "}" where depth <= 0: return false
                default: break
                }
            }
        }
        return false
    }

    /// Whether a `{` opens right after the cursor, or first thing on the next line with code.
    private static func blockOpens(after cursor: CodeCursor, lines: [SourceLine], index: Int) -> Bool {
        cursor.next == "{" || (cursor.isAtEnd && lines.nextCode(after: index)?.firstCharacter == "{")
    }
}
