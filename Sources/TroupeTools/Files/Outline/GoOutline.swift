/// Go's declarations: functions, methods (`func (r *T) Name`, at the top level as Go writes them),
/// types (`type X struct`, `type X interface` with its method specs, `type X Y`), also inside a
/// `type ( … )` group.
struct GoOutline: BraceLanguage {
    static let rules = LexicalRules(
        quotes: [UInt8(ascii: "\""), UInt8(ascii: "'")],
        backtick: LexicalRules.Literal(terminator: [UInt8(ascii: "`")], escapes: false, spansLines: true))

    /// Whether the lines being read are inside a `type ( … )` group.
    private var inTypeGroup = false

    mutating func meaning(of lines: [SourceLine], at index: Int, in enclosing: Declaration?) -> LineMeaning? {
        var cursor = CodeCursor(lines[index].code)
        switch enclosing?.kind {
        case .interface?:
            guard let name = cursor.word(), cursor.next == "(" else { return nil }
            return .declaration(.method, name: String(name))
        case nil:
            break
        default:
            return nil
        }
        if inTypeGroup {
            if cursor.next == ")" {
                inTypeGroup = false
                return nil
            }
            guard let name = cursor.word() else { return nil }
            return Self.typeSpec(named: name, &cursor)
        }
        guard let keyword = cursor.word() else { return nil }
        switch keyword {
        case "func":
            if cursor.next == "(" {
                cursor.skipGroup("(", ")")
                return cursor.word().map { .declaration(.method, name: String($0)) }
            }
            return cursor.word().map { .declaration(.function, name: String($0)) }
        case "type":
            if cursor.next == "(" {
                inTypeGroup = true
                return nil
            }
            guard let name = cursor.word() else { return nil }
            return Self.typeSpec(named: name, &cursor)
        default:
            return nil
        }
    }

    /// The type `name` declares by what follows it: `struct`, `interface`, or any other type.
    private static func typeSpec(named name: Substring, _ cursor: inout CodeCursor) -> LineMeaning {
        cursor.skipGroup("[", "]")
        _ = cursor.take("=")
        switch cursor.peekWord {
        case "struct": return .declaration(.struct, name: String(name))
        case "interface": return .declaration(.interface, name: String(name))
        default: return .declaration(.type, name: String(name))
        }
    }
}
