import Foundation

/// JavaScript's and TypeScript's declarations: classes and their methods, functions (`function`,
/// and `const name = (…) =>` or `= function`), and TypeScript's interfaces (with their methods),
/// type aliases, enums and namespaces.
struct JavaScriptOutline: BraceLanguage {
    static let rules = LexicalRules(
        quotes: [UInt8(ascii: "\""), UInt8(ascii: "'")],
        backtick: LexicalRules.Literal(terminator: [UInt8(ascii: "`")], escapes: true, spansLines: true),
        regularExpressions: true)

    private static let modifiers: Set<Substring> = [
        "export", "default", "declare", "abstract", "async", "public", "private", "protected", "static", "readonly",
        "override", "accessor",
    ]

    func meaning(of lines: [SourceLine], at index: Int, in enclosing: Declaration?) -> LineMeaning? {
        var cursor = CodeCursor(lines[index].code)
        cursor.skipAttributes()
        cursor.skip(modifiers: Self.modifiers)
        switch enclosing?.kind {
        case .class?: return Self.classMember(&cursor)
        case .interface?: return Self.interfaceMember(&cursor)
        case .enum?: return nil
        default: return Self.statement(&cursor)
        }
    }

    /// A declaration at the top of a file or in a namespace.
    private static func statement(_ cursor: inout CodeCursor) -> LineMeaning? {
        guard let keyword = cursor.word() else { return nil }
        switch keyword {
        case "class":
            let name = cursor.peekWord
            let named = !name.isEmpty && name != "extends" && name != "implements"
            return .declaration(.class, name: named ? String(name) : "(anonymous)")
        case "function":
            _ = cursor.take("*")
            return .declaration(.function, name: cursor.word().map(String.init) ?? "(anonymous)")
        case "interface": return cursor.word().map { .declaration(.interface, name: String($0)) }
        case "enum": return cursor.word().map { .declaration(.enum, name: String($0)) }
        case "namespace", "module":
            // `declare module "name" {` holds declarations as a file does.
            if cursor.next == "\"" || cursor.next == "'" { return .transparentBlock }
            return cursor.qualifiedName(separator: ".").map { .declaration(.namespace, name: String($0)) }
        case "type":
            guard let name = cursor.word() else { return nil }
            cursor.skipGroup("<", ">")
            return cursor.next == "=" ? .declaration(.type, name: String(name)) : nil
        case "const", "let", "var":
            if cursor.take(word: "enum") { return cursor.word().map { .declaration(.enum, name: String($0)) } }
            guard let name = cursor.word(), let value = assignedValue(cursor.rest), isFunction(value) else { return nil }
            return .declaration(.function, name: String(name))
        default:
            return nil
        }
    }

    /// A method, constructor, accessor or function-valued field of a class body.
    private static func classMember(_ cursor: inout CodeCursor) -> LineMeaning? {
        for accessor in ["get", "set"] where cursor.peekWord == accessor {
            var lookahead = cursor
            _ = lookahead.word()
            if let next = lookahead.next, CodeCursor.isWordCharacter(next) || next == "#" || next == "[" { cursor = lookahead }
        }
        _ = cursor.take("*")
        _ = cursor.take("#")
        guard let name = cursor.word() else { return nil }
        if !cursor.take("?") { _ = cursor.take("!") }
        cursor.skipGroup("<", ">")
        if cursor.next == "(" { return .declaration(name == "constructor" ? .initializer : .method, name: String(name)) }
        if let value = assignedValue(cursor.rest), isFunction(value) { return .declaration(.method, name: String(name)) }
        return nil
    }

    /// A method signature of an interface body (`area(): number;`).
    private static func interfaceMember(_ cursor: inout CodeCursor) -> LineMeaning? {
        guard let name = cursor.word() else { return nil }
        _ = cursor.take("?")
        cursor.skipGroup("<", ">")
        return cursor.next == "(" ? .declaration(.method, name: String(name)) : nil
    }

    /// What follows the `=` of `name: Type = value` (the type may hold `=>` and brackets), or nil
    /// when nothing is assigned.
    private static func assignedValue(_ rest: Substring) -> Substring? {
        var depth = 0
        var previous: Character = " "
        for index in rest.indices {
            let character = rest[index]
            switch character {
            case "(", "[", "{", "<": depth += 1
            case ")", "]", "}": depth -= 1
            case ">" where previous != "=": depth -= 1
            case "=" where depth <= 0:
                let following = rest[rest.index(after: index)...]
                if following.first != ">", following.first != "=", !"=!<>".contains(previous) {
                    return following.drop { $0 == " " || $0 == "\t" }
                }
            default: break
            }
            previous = character
        }
        return nil
    }

    /// Whether an assigned value is a function: `function`, `async`, or an arrow on the line.
    private static func isFunction(_ value: Substring) -> Bool {
        value.hasPrefix("function") || value.hasPrefix("async") || value.contains("=>")
    }
}
