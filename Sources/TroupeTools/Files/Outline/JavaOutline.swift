import Foundation

/// Java's declarations: classes, interfaces (and `@interface`), enums and records, and the
/// methods and constructors of their bodies.
struct JavaOutline: BraceLanguage {
    static let rules = LexicalRules(quotes: [UInt8(ascii: "\""), UInt8(ascii: "'")], tripleQuotes: [UInt8(ascii: "\"")])

    private static let modifiers: Set<Substring> = [
        "public", "protected", "private", "static", "final", "abstract", "synchronized", "native", "default", "strictfp",
        "transient", "volatile", "sealed",
    ]
    /// Words that can stand before `(` in a class body without naming a method.
    private static let notMethods: Set<Substring> = [
        "if", "for", "while", "switch", "catch", "synchronized", "return", "new", "throw", "else", "try", "do", "assert",
        "super", "this",
    ]

    func meaning(of lines: [SourceLine], at index: Int, in enclosing: Declaration?) -> LineMeaning? {
        var cursor = CodeCursor(lines[index].code)
        if cursor.take("@interface") { return cursor.word().map { .declaration(.interface, name: String($0)) } }
        cursor.skipAttributes()
        while true {
            cursor.skip(modifiers: Self.modifiers)
            guard cursor.take("non-sealed") else { break }
        }
        if cursor.take("@interface") { return cursor.word().map { .declaration(.interface, name: String($0)) } }
        switch cursor.peekWord {
        case "class", "interface", "enum":
            let keyword = cursor.word()
            let kind: Declaration.Kind = keyword == "class" ? .class : keyword == "enum" ? .enum : .interface
            return cursor.word().map { .declaration(kind, name: String($0)) }
        case "record":
            var lookahead = cursor
            _ = lookahead.word()
            if let name = lookahead.word(), lookahead.next == "(" || lookahead.next == "<" {
                return .declaration(.record, name: String(name))
            }
        default:
            break
        }
        guard let enclosing else { return nil }
        return Self.member(cursor.rest, of: enclosing)
    }

    /// A method (`<T> List<T> name(…)`) or constructor (`Name(…)`) of `type`'s body.
    private static func member(_ rest: Substring, of type: Declaration) -> LineMeaning? {
        guard let call = CallShape(rest), !notMethods.contains(call.name), !call.name.contains("::") else { return nil }
        var returnType = call.prefix
        if returnType.hasPrefix("<") {
            var cursor = CodeCursor(String(returnType))
            cursor.skipGroup("<", ">")
            returnType = cursor.rest
        }
        if returnType.isEmpty { return call.name == type.name ? .declaration(.initializer, name: String(call.name)) : nil }
        guard call.prefixLooksLikeType else { return nil }
        return .declaration(.method, name: String(call.name))
    }
}
